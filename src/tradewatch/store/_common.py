"""Decisions every store makes the same way, kept apart from SQL so that SQLite and PostgreSQL cannot drift:
which story a new item joins, and how a poll's reaction is encoded for the ledger history and the outbox."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from tradewatch import serial
from tradewatch.model import Alert

from ._protocol import ItemRecord, Reaction, StoreError

log = logging.getLogger("tradewatch.store")

__all__ = [
    "EncodedReaction",
    "StoryPlan",
    "Subscribers",
    "dumps",
    "encode_reaction",
    "fresh_records",
    "plan_stories",
    "split_states",
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


def split_states(
    reaction: Reaction, loaded: Mapping[str, int]
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The reaction's measure states as rows to insert (absent when read) and rows to update (with the version
    read, to check on write): ``(type, state json, version, corroborations, contradicted, key[, before])``."""
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    for state in reaction.states:
        before = loaded.get(state.key)
        if before is None:
            raise StoreError(f"the state of {state.key!r} was written without being read")
        row = (state.type, dumps(state), state.version, state.corroborations, state.contradicted, state.key)
        if before < 0:
            inserts.append(row)
        else:
            updates.append((*row, before))
    return inserts, updates


@attrs.frozen(kw_only=True)
class EncodedReaction:
    """`changes`: (key, version after, change json, source, item id) per change; `outbox`: (alert id, sink,
    rule, alert json) per alert and sink, each sink once."""

    changes: list[tuple[str, int, str, str | None, str | None]]
    outbox: list[tuple[str, str, str, str]]


def encode_reaction(reaction: Reaction) -> EncodedReaction:
    versions = {s.key: s.version for s in reaction.states}
    # An alert carries its change, and several rules may alert on one change: write each change once.
    changes = {id(c): serial.dumps(c) for c in reaction.changes}

    def alert_json(alert: Alert) -> str:
        change = alert.change
        return serial.dumps(alert, change=None if change is None else changes.get(id(change)))

    return EncodedReaction(
        changes=[
            (
                c.key,
                versions.get(c.key, 0),
                changes[id(c)],
                c.event.evidence.source,
                c.event.evidence.item_id,
            )
            for c in reaction.changes
        ],
        outbox=[
            (out.alert.id, sink, out.alert.rule, payload)
            for out in reaction.outgoing
            for payload in (alert_json(out.alert),)
            for sink in dict.fromkeys(out.sinks)
        ],
    )


def dumps(obj: Any) -> str:
    """``json.dumps(serial.to_dict(obj), ensure_ascii=False)``: the text every store writes."""
    return serial.dumps(obj)


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
