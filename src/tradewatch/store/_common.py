"""Decisions every store makes the same way, kept apart from SQL so that SQLite and PostgreSQL cannot drift:
which story a new item joins, how a poll's reaction is encoded for the ledger, its history and the outbox, and
how those texts are read back.

Each evidence is written once, in ``ledger_evidence``. An event's evidence recurs in the state of its measure
(once per field it reported, and in the measure's event), in each change it made and in each alert about it,
and it is most of their text: written inline, a poll's reaction would write the same sentences several times
over, and every state would carry them again each time its measure moved. So the texts a reaction writes hold
``{"$evidence": <id>}`` where the wire format has an evidence object, and `unpack` puts the evidence back
when they are read, giving the very text `tradewatch.serial.dumps` wrote. Texts written without references
(before the table existed) read as they are."""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import json
import logging
import re
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from datetime import timedelta
from typing import Any, cast

import attrs

from tradewatch import serial
from tradewatch.feeds import Source
from tradewatch.model import Alert, Change, Event, Evidence, MeasureState, Observation, Threat
from tradewatch.serial import IdentityMemo
from tradewatch.serial import _any as _value

from ._protocol import ItemRecord, Reaction, StoreError

log = logging.getLogger("tradewatch.store")

__all__ = [
    "EncodedReaction",
    "Evidences",
    "Packing",
    "StoryPlan",
    "Subscribers",
    "dumps",
    "encode_reaction",
    "event_text",
    "fresh_records",
    "plan_stories",
    "unpack",
]


@attrs.frozen(kw_only=True)
class StoryPlan:
    """Where each fresh item goes: `resolved` maps item id to (story key, first of its story); `new_stories`
    are the stories to create as (story key, item id); `aliases` the keys to record as (key, story key)."""

    resolved: dict[str, tuple[str, bool]]
    new_stories: list[tuple[str, str]]
    aliases: list[tuple[str, str]]


def plan_stories(fresh: Sequence[ItemRecord], known: Mapping[str, str]) -> StoryPlan:
    """Each item joins the story of the first of its keys already known (links before titles, items earlier
    in this batch included), else starts a story under its own first key. `known` maps every stored key of
    the items' keys to its story."""
    known = dict(known)
    resolved: dict[str, tuple[str, bool]] = {}
    new_stories: list[tuple[str, str]] = []
    aliases: list[tuple[str, str]] = []
    for record in fresh:
        own = list(dict.fromkeys(record.story_keys))
        story = next((known[k] for k in own if k in known), None)
        first = story is None
        if story is None:
            story = own[0]
            new_stories.append((story, record.item.id))
        for k in own:
            if k not in known:
                known[k] = story
                aliases.append((k, story))
        resolved[record.item.id] = (story, first)
    return StoryPlan(resolved=resolved, new_stories=new_stories, aliases=aliases)


def fresh_records(records: Sequence[ItemRecord], already: set[str]) -> list[ItemRecord]:
    """The records to store as new: not seen before, and the first of any repeated id in the batch."""
    by_id = {r.item.id: r for r in reversed(records)}
    return [r for r in records if r.item.id not in already and by_id.get(r.item.id) is r]


#: Room for the evidence and the texts of the parts of the states a store keeps decoded (20,000 by default, a few
#: observations and evidences each), so that a state written again reuses them. The objects are mostly those
#: the decoded states hold anyway.
_MEMO_SIZE = 1 << 16


class Packing:
    """What one store remembers of the texts it committed: each evidence it wrote, with its inline text and its
    reference; and the text (with references) of each observation and event it wrote. Shared by the store's
    threads."""

    def __init__(self) -> None:
        self.evidence: IdentityMemo[tuple[str, str]] = IdentityMemo(_MEMO_SIZE)
        self.texts: IdentityMemo[str] = IdentityMemo(_MEMO_SIZE)

    def batch(self, allocate: Callable[[int], Sequence[int]], *, prefetch: bool = False) -> Evidences:
        """The evidences of one transaction; `allocate(n)` returns n unused evidence ids. With `prefetch`, the
        ids of all the evidences a reaction needs are allocated at once (one round trip to a server)."""
        return Evidences(self, allocate, prefetch=prefetch)


_REFS = re.compile(r'\{"\$evidence": (\d+)\}')


def _evidences(event: Event) -> tuple[Evidence, ...]:
    """The evidences whose texts an event's text holds: its own, and that of a threat's measure."""
    if type(event) is Threat and event.measure is not None:
        return (event.evidence, event.measure.evidence)
    return (event.evidence,)


class Evidences:
    """The evidences one transaction refers to: new ones get an id and a row (`rows`); `done` is called once
    the transaction committed, so that later transactions refer to them instead of writing them again."""

    def __init__(
        self, packing: Packing, allocate: Callable[[int], Sequence[int]], *, prefetch: bool = False
    ) -> None:
        self.prefetch = prefetch
        self._packing = packing
        self._allocate = allocate
        self._new: dict[int, tuple[Evidence, tuple[str, str]]] = {}
        self._texts: dict[int, tuple[object, str]] = {}
        self._kept: list[tuple[object, str]] = []
        #: By the id of an item reference (kept alive in `_kept_alive`): the time of its alerts, and the texts
        #: of the reference and of that time.
        self._alerted: dict[int, tuple[object, str, str]] = {}
        self._kept_alive: list[object] = []
        #: ``(id, evidence json)`` to insert.
        self.rows: list[tuple[int, str]] = []

    def reserve(self, evidences: Iterable[Evidence | None]) -> None:
        """Allocate the ids of those of `evidences` not stored yet, at once."""
        known = self._packing.evidence.get
        new: dict[int, Evidence] = {}
        for ev in evidences:
            if ev is not None and id(ev) not in self._new and id(ev) not in new and known(ev) is None:
                new[id(ev)] = ev
        if new:
            for ev, number in zip(new.values(), self._allocate(len(new)), strict=True):
                self._add(ev, number)

    def _add(self, ev: Evidence, number: int) -> tuple[str, str]:
        inline = serial.dumps(ev)
        pair = (inline, f'{{"$evidence": {number}}}')
        self._new[id(ev)] = (ev, pair)
        self.rows.append((number, inline))
        return pair

    def _pair(self, ev: Evidence) -> tuple[str, str]:
        """The evidence's text inline, and its reference."""
        hit = self._new.get(id(ev))
        if hit is not None:
            return hit[1]
        pair: tuple[str, str] | None = self._packing.evidence.get(ev)
        if pair is None:
            (number,) = self._allocate(1)
            return self._add(ev, number)
        return pair

    def pack(self, text: str, evidences: Iterable[Evidence | None]) -> str:
        """`text` (as `serial.dumps` wrote it) with each of `evidences` it holds written as a reference."""
        for ev in evidences:
            if ev is not None:
                inline, ref = self._pair(ev)
                text = text.replace(inline, ref)
        return text

    def text(self, obj: Observation | Event, *, keep: bool = False) -> str:
        """The text of an observation or an event, with references; with `keep`, remembered for later
        transactions (the parts of a state: the next state of the measure holds most of them again)."""
        key = id(obj)
        hit = self._texts.get(key)
        if hit is not None:
            return hit[1]
        known: str | None = self._packing.texts.get(obj)
        if known is not None:
            return known
        return self.write(obj, keep=keep)

    def write(self, obj: Observation | Event, *, keep: bool = False) -> str:
        """`text`, for an object known not to be in the memos yet."""
        if isinstance(obj, Observation):
            # As `serial.dumps` writes it (tests compare the two), without writing its evidence inline first.
            value = obj.value
            text = (
                f"{_field_head(obj.field)}{_quote(value) if type(value) is str else _value(value)}, "
                f'"evidence": {self._pair(obj.evidence)[1]}, "sources": {_sources_text(obj.sources)}}}'
            )
        elif isinstance(obj, Threat) and obj.measure is not None:
            # The measure's evidence is inside the body: replaced there too.
            text = self.pack(serial.dumps(obj), _evidences(obj))
        else:
            # The event's body as written for the events table, then the reference to its evidence (the last
            # field of every event).
            text = f"{serial._event_body(obj)}{self._pair(obj.evidence)[1]}}}"
        self._texts[id(obj)] = (obj, text)
        if keep:
            self._kept.append((obj, text))
        return text

    def event(self, event: Event | None) -> str:
        return "null" if event is None else self.text(event)

    def change(self, c: Change) -> str:
        """The text of a change, with references (as `serial.dumps` writes it, tests compare the two)."""
        previous = "null" if c.previous is None else self._pair(c.previous)[1]
        delta = "null" if c.delta is None else _quote(str(c.delta))
        # Most values are strings (a status, a rate) or absent: written here rather than by `_value`.
        old, new, days = c.old, c.new, c.days
        return (
            f'{{"key": {_quote(c.key)}, "kind": {_quote(c.kind)}, "event": {self.text(c.event)}, '
            f'"field": {_opt(c.field)}, '
            f'"old": {_quote(old) if type(old) is str else "null" if old is None else _value(old)}, '
            f'"new": {_quote(new) if type(new) is str else _value(new)}, "delta": {delta}, '
            f'"days": {"null" if days is None else _value(days)}, "previous": {previous}, '
            f'"contradicted": {"true" if c.contradicted else "false"}}}'
        )

    def alert(self, a: Alert, change: str | None) -> str:
        """The text of an alert, with references, given that of its change if written already."""
        if change is None:
            change = "null" if a.change is None else self.change(a.change)
        # The alerts of one item (one per rule that matched it) share its reference and their time.
        shared = self._alerted.get(id(a.item))
        if shared is None or shared[0] is not a.created:
            shared = (a.created, f'"item": {serial.dumps(a.item)}', f'"created": "{a.created.isoformat()}"}}')
            self._alerted[id(a.item)] = shared
            self._kept_alive.append(a.item)
        return (
            f'{{"id": {_quote(a.id)}, "rule": {_quote(a.rule)}, {shared[1]}, '
            f'"event": {self.event(a.event)}, "change": {change}, {shared[2]}'
        )

    def needs(self, obj: Observation | Event) -> bool:
        """Whether the text of `obj` is yet to be written."""
        return id(obj) not in self._texts and self._packing.texts.get(obj) is None

    def done(self) -> None:
        self._packing.evidence.put_each(self._new.values())
        self._packing.texts.put_each(self._kept)


@functools.lru_cache(maxsize=4096)
def source_of(
    name: str, url: str, interval_s: float, tags: tuple[str, ...], enabled: bool, alert_on_first_poll: bool
) -> Source:
    """The `Source` a stored row describes. Every claim and listing reads the configuration of each source
    it names, and a source's configuration rarely changes: each distinct one is validated (its URL parsed,
    its tags checked) once, not on every poll. `Source` is immutable, so sharing it is safe."""
    return Source(
        name=name,
        url=url,
        interval=timedelta(seconds=interval_s),
        tags=tags,
        enabled=enabled,
        alert_on_first_poll=alert_on_first_poll,
    )


_quote = json.encoder.encode_basestring  # as serial writes a str


# The opening of an observation's text for each field name, and the list of each set of sources: few distinct
# ones, written for every observation a reaction makes.
@functools.lru_cache(maxsize=4096)
def _field_head(field: str) -> str:
    return f'{{"field": {_quote(field)}, "value": '


@functools.lru_cache(maxsize=4096)
def _sources_text(sources: tuple[str, ...]) -> str:
    return f"[{', '.join(map(_quote, sources))}]"


def _opt(value: str | None) -> str:
    return "null" if value is None else _quote(value)


def _state_text(state: MeasureState, evidences: Evidences) -> str:
    # As `serial.dumps` writes a state (tests compare the two), from the texts of its parts: a state written
    # again shares most of them with the one it replaces.
    text = evidences.text
    # Most observations were written by an earlier transaction: looked up at once, the others written. (An
    # observation belongs to one state, so none of them was written earlier in this transaction; were one
    # shared, it would only be written twice, alike.)
    observations = state.observations
    found = evidences._packing.texts.get_each(observations)
    if None in found:
        write = evidences.write
        found = [write(o, keep=True) if p is None else p for o, p in zip(observations, found, strict=True)]
    joined = ", ".join(cast("list[str]", found))
    return (
        f'{{"key": {_quote(state.key)}, "type": {_quote(state.type)}, "event": {text(state.event, keep=True)}, '
        f'"observations": [{joined}], "version": {int.__repr__(state.version)}}}'
    )


def _check_state_text() -> None:
    for cls, names in (
        (MeasureState, ("key", "type", "event", "observations", "version")),
        (Observation, ("field", "value", "evidence", "sources")),
        (
            Change,
            ("key", "kind", "event", "field", "old", "new", "delta", "days", "previous", "contradicted"),
        ),
        (Alert, ("id", "rule", "item", "event", "change", "created")),
    ):
        if tuple(a.name for a in attrs.fields(cls)) != names:  # pragma: no cover - guards a model change
            raise RuntimeError(f"the store's writer of {cls.__name__} is out of date")


_check_state_text()


@attrs.frozen(kw_only=True)
class EncodedReaction:
    """A reaction as rows:

    - `inserts`: states absent when read, ``(type, state json, version, corroborations, contradicted, key)``;
      `updates`: the same with the version read appended, to check on write;
    - `changes`: ``(key, version after, change json, source, item id)`` per change;
    - `outbox`: ``(alert id, sink, rule, alert json)`` per alert and sink, each sink once;
    - `evidence`: ``(id, evidence json)`` of the evidences the texts above refer to that are not stored yet.
    """

    inserts: list[tuple[Any, ...]]
    updates: list[tuple[Any, ...]]
    changes: list[tuple[str, int, str, str | None, str | None]]
    outbox: list[tuple[str, str, str, str]]
    evidence: list[tuple[int, str]]


def encode_reaction(reaction: Reaction, loaded: Mapping[str, int], evidences: Evidences) -> EncodedReaction:
    """The rows of `reaction`, given the version each measure had when read (-1 when absent)."""
    changes = reaction.changes
    if evidences.prefetch:
        wanted: list[Evidence | None] = []
        for state in reaction.states:
            if evidences.needs(state.event):
                wanted += _evidences(state.event)
            wanted += [o.evidence for o in state.observations if evidences.needs(o)]
        for c in changes:
            wanted += _evidences(c.event)
            wanted.append(c.previous)
        for out in reaction.outgoing:
            if out.alert.event is not None:
                wanted += _evidences(out.alert.event)
        evidences.reserve(wanted)

    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    for state in reaction.states:
        before = loaded.get(state.key)
        if before is None:
            raise StoreError(f"the state of {state.key!r} was written without being read")
        row = (
            state.type,
            _state_text(state, evidences),
            state.version,
            state.corroborations,
            state.contradicted,
            state.key,
        )
        if before < 0:
            inserts.append(row)
        else:
            updates.append((*row, before))

    versions = {s.key: s.version for s in reaction.states}
    # An alert carries its change, and several rules may alert on one change: write each change once.
    texts = {id(c): evidences.change(c) for c in changes}

    def alert_json(alert: Alert) -> str:
        return evidences.alert(alert, None if alert.change is None else texts.get(id(alert.change)))

    return EncodedReaction(
        inserts=inserts,
        updates=updates,
        changes=[
            (
                c.key,
                versions.get(c.key, 0),
                texts[id(c)],
                c.event.evidence.source,
                c.event.evidence.item_id,
            )
            for c in changes
        ],
        outbox=[
            (out.alert.id, sink, out.alert.rule, payload)
            for out in reaction.outgoing
            for payload in (alert_json(out.alert),)
            for sink in dict.fromkeys(out.sinks)
        ],
        evidence=evidences.rows,
    )


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Python's automatic garbage collection held off while a poll is committed, then resumed as it was.

    Working out and writing a poll's reaction makes many short-lived objects, which reference counting frees
    anyway; the collections their number would trigger meanwhile walk every object the process keeps alive
    (among them the store's memo of decoded states): ~7% of the commit's CPU time in bench/ledger.py while it
    kept its own inputs alive, within the noise once it froze them. Whatever
    cycles the commit leaves are collected after it, by the next collection. Commits of several threads may
    overlap: collection resumes when the last of them ends, and only if it was on when the first began."""
    global _gc_holders, _gc_resume
    with _gc_lock:
        if _gc_holders == 0:
            _gc_resume = gc.isenabled()
            if _gc_resume:
                gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_resume:
                gc.enable()


_gc_lock = threading.Lock()
_gc_holders = 0  # commits under way in this process
_gc_resume = False  # whether collection was on when the first of them began


def unpack(texts: Sequence[str], fetch: Callable[[Collection[int]], Mapping[int, str]]) -> list[str]:
    """`texts` with the evidences they refer to put back in, read with `fetch` (ids to texts) in one go."""
    wanted = {int(n) for text in texts if '"$evidence"' in text for n in _REFS.findall(text)}
    if not wanted:
        return list(texts)
    found = fetch(wanted)
    missing = wanted - found.keys()
    if missing:
        raise StoreError(f"evidence {min(missing)} is referred to but not stored")

    def put_back(match: re.Match[str]) -> str:
        return found[int(match.group(1))]

    return [_REFS.sub(put_back, text) if '"$evidence"' in text else text for text in texts]


def dumps(obj: Any) -> str:
    """``json.dumps(serial.to_dict(obj), ensure_ascii=False)``: the text every store writes."""
    return serial.dumps(obj)


def event_text(event: Event, *, keep_body: bool) -> str:
    """`dumps(event)`. With `keep_body`, the text of the event's fields is kept for the reaction that follows
    in the same transaction, which writes the event again with a reference in place of its evidence; without
    one (a poll stored without the ledger) keeping it would cost for nothing."""
    return serial._event(event) if keep_body else serial.dumps(event)


#: How long `Store.prune` keeps stored items (with their events) and delivered alerts by default.
ITEMS_KEEP = timedelta(days=180)
DELIVERED_KEEP = timedelta(days=30)


def _keep(_inst: object, attribute: attrs.Attribute[Any], value: timedelta | None) -> None:
    if value is not None and (not isinstance(value, timedelta) or value < timedelta(0)):
        raise ValueError(f"{attribute.name}_keep must be a timedelta of at least 0 or None, not {value!r}")


@attrs.frozen(kw_only=True)
class Retention:
    """How long a store keeps items and delivered alerts before `prune` deletes them; None keeps them."""

    items: timedelta | None = attrs.field(default=ITEMS_KEEP, validator=_keep)
    delivered: timedelta | None = attrs.field(default=DELIVERED_KEEP, validator=_keep)

    def tables(self) -> list[tuple[str, str, timedelta]]:
        """(table, time column, age) of each kind of row to prune: an item's events go with it."""
        found = [("items", "stored_at", self.items), ("outbox", "delivered_at", self.delivered)]
        return [(table, column, keep) for table, column, keep in found if keep is not None]


class Subscribers:
    """The callbacks of `Store.on_outbox`: each called when alerts may have been written, an exception in one
    logged and kept from the others and from the store."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._ids = itertools.count()

    def add(self, callback: Callable[[], None]) -> Callable[[], None]:
        key = next(self._ids)
        with self._lock:
            self._callbacks[key] = callback

        def unsubscribe() -> None:
            with self._lock:
                self._callbacks.pop(key, None)

        return unsubscribe

    def __bool__(self) -> bool:
        with self._lock:
            return bool(self._callbacks)

    def call(self) -> None:
        with self._lock:
            callbacks = list(self._callbacks.values())
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("an outbox subscriber failed")
