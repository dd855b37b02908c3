"""The ledger: what is currently true of each measure, and what each new event changed.

Pure: no I/O and no clock. The store loads the states a batch of events needs, a `Ledger` applies the events
and returns `Change`s, and the store writes back `Ledger.dirty()`.

A measure is identified by `measure_key`. For each measure the ledger keeps every distinct value reported for
each tracked field (`TRACKED`) as an `Observation`; a field's current value is its highest-ranked observation,
where an observation ranks by its best report::

    (confidence >= strong, published (unknown = oldest), confidence, source, item id, value as canonical JSON)

Because the current value is a maximum, the final state does not depend on the order events arrive in: an old
item read late does not roll a measure back, and a passing mention (confidence below `strong`) never outranks
a confident report, however recent. This holds while a field has at most `MAX_OBSERVATIONS` distinct values;
beyond that the lowest-ranked are forgotten. See docs/ledger.md.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import Any, Final

import attrs

from .model import (
    Change,
    ChangeKind,
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    Granularity,
    MeasureState,
    Negotiation,
    Observation,
    Product,
    Rate,
    Tariff,
    Threat,
    Truce,
)
from .model._ledger import CONTRADICTION_WINDOW, STRONG
from .model._ledger import _change as _unchecked_change
from .model._ledger import _measure_state as _unchecked_state
from .model._ledger import _observation as _unchecked_observation

__all__ = ["MAX_OBSERVATIONS", "TRACKED", "Ledger", "measure_key"]

#: The most distinct values the ledger remembers per field of a measure.
MAX_OBSERVATIONS: Final = 16

#: The fields whose changes the ledger reports, per event type. A threat's ``rate`` is that of the
#: threatened tariff.
TRACKED: dict[str, tuple[str, ...]] = {
    "tariff": ("status", "rate", "effective", "authority"),
    "export_control": ("control", "status", "effective"),
    "truce": ("status", "until"),
    "negotiation": ("status", "venue", "round", "when", "delegates"),
    "threat": ("kind", "rate", "condition", "deadline"),
}


def _name(product: Product | None) -> str:
    return "*" if product is None else product.name


def _tariff_key(e: Tariff) -> str:
    return f"tariff:{e.imposer}>{e.target}:{_name(e.product)}"


def _control_key(e: ExportControl) -> str:
    return f"export_control:{e.imposer}>{e.target}:{_name(e.item)}"


def _parties_key(e: Truce | Negotiation) -> str:
    return f"{e.TYPE}:{'+'.join(e.parties)}"


def _threat_key(e: Threat) -> str:
    m = e.measure
    product = m.product if isinstance(m, Tariff) else m.item if isinstance(m, ExportControl) else None
    return f"threat:{e.actor}>{e.target}:{e.kind.value}:{_name(product)}"


_KEYS: dict[type, Callable[[Any], str]] = {
    Tariff: _tariff_key,
    ExportControl: _control_key,
    Truce: _parties_key,
    Negotiation: _parties_key,
    Threat: _threat_key,
}


def measure_key(event: Event) -> str:
    """The key of the measure an event is about: deterministic and readable.

    ``<type>:`` followed by

    - tariff, export control: ``<imposer>><target>:<product name>``, e.g. ``tariff:US>CN:electric vehicles``
    - truce, negotiation: the parties joined by ``+`` (they are sorted), e.g. ``truce:CN+US``
    - threat: ``<actor>><target>:<kind>:<product name>``, e.g. ``threat:US>CN:tariff:rare-earth magnets``

    A measure without a product (all goods, or an Entity List listing) has ``*`` as its product name. Product
    names are already lower-case with spaces collapsed; HS codes are not part of the key.
    """
    try:
        make = _KEYS[type(event)]
    except KeyError:
        raise TypeError(f"measure_key takes an event, not {type(event).__name__}") from None
    return make(event)


# -- field values in their wire form ------------------------------------------------------------------------


def _same(value: Any) -> Any:
    return value


def _rate_wire(rate: Rate) -> str:
    # The shortest form, so that 25 and 25.00 are one value and not a change.
    return format(rate.percent.normalize(), "f")


def _span_wire(span: DateSpan) -> dict[str, str]:
    return {
        "start": span.start.isoformat(),
        "end": span.end.isoformat(),
        "granularity": str(span.granularity),
        "text": span.text,
    }


def _span_of(value: dict[str, str]) -> DateSpan:
    granularity = value["granularity"]
    return DateSpan(
        start=date.fromisoformat(value["start"]),
        end=date.fromisoformat(value["end"]),
        # The member itself when the name is one (as the wire form writes it): its converter then has nothing
        # to look up. Anything else is left to the converter and the validator, as before.
        granularity=_GRANULARITIES.get(granularity, granularity),
        text=value["text"],
    )


_GRANULARITIES: dict[str, Granularity] = {str(g): g for g in Granularity}


def _threat_rate(threat: Threat) -> Rate | None:
    return threat.measure.rate if isinstance(threat.measure, Tariff) else None


@attrs.frozen
class _Field:
    name: str
    get: Callable[[Any], Any]
    wire: Callable[[Any], Any]
    unwire: Callable[[Any], Any]
    move: str | None = None  # "rate": Change.delta; "start"/"end": Change.days, by that end of the span


def _plain(name: str) -> _Field:
    return _Field(name, attrgetter(name), _same, _same)


def _enum(name: str) -> _Field:
    # str() of a StrEnum member is its value, as a plain str
    return _Field(name, attrgetter(name), str, _same)


def _span(name: str, end: str) -> _Field:
    return _Field(name, attrgetter(name), _span_wire, _span_of, end)


_RATE = _Field("rate", attrgetter("rate"), _rate_wire, Rate, "rate")
_FIELDS: dict[str, tuple[_Field, ...]] = {
    "tariff": (_enum("status"), _RATE, _span("effective", "start"), _plain("authority")),
    "export_control": (_enum("control"), _enum("status"), _span("effective", "start")),
    "truce": (_enum("status"), _span("until", "end")),
    "negotiation": (
        _enum("status"),
        _plain("venue"),
        _plain("round"),
        _span("when", "start"),
        _Field("delegates", lambda e: e.delegates or None, list, tuple),
    ),
    "threat": (
        _enum("kind"),
        _Field("rate", _threat_rate, _rate_wire, Rate, "rate"),
        _plain("condition"),
        _span("deadline", "end"),
    ),
}
assert {t: tuple(f.name for f in fs) for t, fs in _FIELDS.items()} == TRACKED
_FIELD_NAMES = {t: frozenset(f.name for f in fs) for t, fs in _FIELDS.items()}


# -- the working form of a measure ----------------------------------------------------------------------------

_Rank = tuple[bool, float, float, str, str]


class _Obs:
    """A mutable observation: the ledger's working copy, turned into an `Observation` on demand."""

    __slots__ = ("_json", "evidence", "frozen", "py", "rank", "sources", "value")

    def __init__(
        self,
        value: Any,
        py: Any,
        evidence: Evidence,
        rank: _Rank,
        sources: tuple[str, ...],
        frozen: Observation | None = None,
    ) -> None:
        self.value = value
        self.py = py  # the model value, when known (None for one read back from a state)
        self.evidence = evidence
        self.rank = rank
        self.sources = sources  # sorted, distinct
        self.frozen = frozen  # the `Observation` it was read from or last turned into, until modified
        self._json: str | None = None

    def json(self) -> str:
        if self._json is None:
            value = self.value
            # Most values are strings (a status, a rate): written as the encoder would, without setting it up.
            self._json = _json_str(value) if type(value) is str else _CANONICAL.encode(value)
        return self._json


_CANONICAL = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_json_str = json.encoder.encode_basestring  # what that encoder writes for a str


def _outranks(a: _Obs, b: _Obs) -> bool:
    if a.rank != b.rank:
        return a.rank > b.rank
    return a.json() > b.json()


def _rise(values: list[_Obs], index: int) -> None:
    """Move ``values[index]``, whose rank has grown, to its place in a best-first list."""
    # From the front: news mostly arrives in order, so a new report usually goes straight to the top.
    obs = values[index]
    for place in range(index):
        if _outranks(obs, values[place]):
            del values[index]
            values.insert(place, obs)
            return


def _tie(evidence: Evidence) -> tuple[str, int, int, str]:
    """What orders two reports of equal rank: any total order will do, as long as it does not depend on the
    order of arrival. (Two reports that differ only in the time zone their time is written in are equal.)"""
    return (evidence.sentence, evidence.start, evidence.end, evidence.url or "")


def _better_report(rank: _Rank, evidence: Evidence, than: _Rank, than_evidence: Evidence) -> bool:
    if rank != than:
        return rank > than
    return evidence is not than_evidence and _tie(evidence) > _tie(than_evidence)


class _Measure:
    __slots__ = ("base", "base_rank", "fields", "key", "spec", "state", "stored", "type", "version")

    def __init__(self, key: str, type_: str, base: Event, base_rank: _Rank, version: int) -> None:
        self.key = key
        self.type = type_
        self.spec = _FIELDS[type_]
        # The event with the best report of all: where the untracked fields of the state's event come from.
        self.base = base
        self.base_rank = base_rank
        self.fields: dict[str, list[_Obs]] = {}
        # Fields read from a stored state and not touched since, as stored: most events touch few fields,
        # so the others are never taken apart.
        self.stored: dict[str, tuple[Observation, ...]] = {}
        self.version = version
        self.state: MeasureState | None = None  # the frozen form, until the next modification


def _untracked(event: Event) -> str:
    """The event without its tracked fields and evidence, as text: breaks ties between equal reports."""
    # A threat's rate lives in its measure: the measure is compared without it.
    tracked = {*TRACKED[event.TYPE], "evidence", "measure"}
    parts: list[Any] = [getattr(event, a.name) for a in attrs.fields(type(event)) if a.name not in tracked]
    if isinstance(event, Threat) and event.measure is not None:
        measure = event.measure
        parts += [getattr(measure, a.name) for a in attrs.fields(type(measure)) if a.name not in tracked]
    return repr(parts)


class Ledger:
    """The current state of measures, updated by events.

    `states` are those the ledger starts from (as a store loads them). A report is strong when its confidence
    is at least `strong`; strong reports of different values from different sources published within
    `contradiction_window` of each other contradict each other. See the module documentation for how the
    current value of a field is chosen.
    """

    def __init__(
        self,
        states: Mapping[str, MeasureState] | Iterable[MeasureState] = (),
        *,
        contradiction_window: timedelta = CONTRADICTION_WINDOW,
        strong: float = STRONG,
    ) -> None:
        if not 0.0 <= strong <= 1.0:
            raise ValueError(f"strong must be between 0 and 1, not {strong!r}")
        if contradiction_window < timedelta(0):
            raise ValueError("contradiction_window must not be negative")
        self._strong = strong
        self._window = contradiction_window
        self._loaded: dict[str, MeasureState] = {}
        if isinstance(states, Mapping):
            for key, state in states.items():
                if key != state.key:
                    raise ValueError(f"state {state.key!r} is filed under {key!r}")
                self._loaded[key] = state
        else:
            self._loaded = {state.key: state for state in states}
        self._measures: dict[str, _Measure] = {}
        self._dirty: set[str] = set()

    # -- reading --

    def state(self, key: str) -> MeasureState | None:
        """The state of one measure, or None if the ledger does not know it."""
        measure = self._measures.get(key)
        return self._loaded.get(key) if measure is None else self._freeze(measure)

    def states(self) -> dict[str, MeasureState]:
        """Every state the ledger holds, by key: those it started from and those it made."""
        found = dict(self._loaded)
        found.update((key, self._freeze(m)) for key, m in self._measures.items())
        return found

    def dirty(self) -> dict[str, MeasureState]:
        """The states that `apply` modified since the ledger was made: what a store must write back."""
        return {key: self._freeze(self._measures[key]) for key in sorted(self._dirty)}

    # -- applying --

    def apply(self, events: Iterable[Event]) -> list[Change]:
        """Apply events in the given order; return what they changed, in that order.

        The first event of a measure yields a ``new`` change; after that, each tracked field whose current
        value an event replaces yields a ``changed`` one. Reports that only corroborate a value, or that rank
        below the current one, change the state but yield nothing.
        """
        changes: list[Change] = []
        modified: set[str] = set()
        try:
            for event in events:
                self._apply(event, changes, modified)
        finally:
            for key in modified:
                measure = self._measures[key]
                measure.version += 1
                measure.state = None
            self._dirty |= modified
        return changes

    def _rank(self, evidence: Evidence) -> _Rank:
        published = evidence.published
        return (
            evidence.confidence >= self._strong,
            -math.inf if published is None else published.timestamp(),
            evidence.confidence,
            evidence.source or "",
            evidence.item_id or "",
        )

    def _apply(self, event: Event, changes: list[Change], modified: set[str]) -> None:
        make_key = _KEYS.get(type(event))
        if make_key is None:
            raise TypeError(f"Ledger.apply takes events, not {type(event).__name__}")
        key = make_key(event)
        evidence = event.evidence
        published = evidence.published
        confidence = evidence.confidence
        rank = (
            confidence >= self._strong,
            -math.inf if published is None else published.timestamp(),
            confidence,
            evidence.source or "",
            evidence.item_id or "",
        )
        measure = self._measures.get(key)
        new = False
        if measure is None:
            loaded = self._loaded.get(key)
            if loaded is None:
                measure = _Measure(key, event.TYPE, event, rank, 0)
                new = True
                changes.append(_unchecked_change(key, ChangeKind.NEW, event))
            else:
                measure = self._thaw(loaded)
            self._measures[key] = measure
        touched = new
        if not new and (
            rank > measure.base_rank
            or (
                rank == measure.base_rank
                and event is not measure.base
                and (_tie(evidence), _untracked(event))
                > (_tie(measure.base.evidence), _untracked(measure.base))
            )
        ):
            measure.base, measure.base_rank = event, rank
            touched = True
        source = evidence.source or evidence.item_id or "?"
        fields = measure.fields
        for spec in measure.spec:
            py = spec.get(event)
            if py is None:
                continue
            value = spec.wire(py)
            seen = fields.get(spec.name)
            if seen is None:
                stored = measure.stored.pop(spec.name, None)
                seen = fields[spec.name] = [] if stored is None else self._thaw_field(stored)
            before = seen[0] if seen else None
            index = 0
            for obs in seen:
                if obs.value == value:
                    gained = source not in obs.sources
                    better = _better_report(rank, evidence, obs.rank, obs.evidence)
                    if not (gained or better):
                        break
                    if gained:
                        obs.sources = tuple(sorted((*obs.sources, source)))
                    if better:
                        obs.evidence, obs.rank = evidence, rank
                        _rise(seen, index)
                    obs.frozen = None
                    touched = True
                    break
                index += 1  # noqa: SIM113  # enumerate() costs more here, in the hottest loop
            else:
                obs = _Obs(value, py, evidence, rank, (source,))
                if before is None or rank > before.rank:  # the usual case: the newest report comes last
                    seen.insert(0, obs)
                else:
                    seen.append(obs)
                    _rise(seen, index)
                    if index == MAX_OBSERVATIONS and seen.pop() is obs:
                        continue
                if len(seen) > MAX_OBSERVATIONS:
                    seen.pop()
                touched = True
            if seen[0] is not before and not new:
                changes.append(self._change(measure, spec, event, before, seen))
        if touched:
            modified.add(key)

    def _change(
        self, measure: _Measure, spec: _Field, event: Event, before: _Obs | None, seen: list[_Obs]
    ) -> Change:
        now = seen[0]
        old = None if before is None else before.value
        delta = days = None
        if before is not None and spec.move is not None:
            if spec.move == "rate":
                delta = Decimal(now.value) - Decimal(before.value)
            else:
                moved = date.fromisoformat(now.value[spec.move]) - date.fromisoformat(before.value[spec.move])
                days = moved.days
        return _unchecked_change(
            measure.key,
            ChangeKind.CHANGED,
            event,
            spec.name,
            old,
            now.value,
            delta,
            days,
            None if before is None else before.evidence,
            self._contradicted(seen),
        )

    def _contradicted(self, seen: list[_Obs]) -> bool:
        # The same test as `MeasureState.contradictions`, on the working form.
        now = seen[0]
        published = now.evidence.published
        if not now.rank[0] or published is None:
            return False
        for other in seen[1:]:
            when = other.evidence.published
            if (
                other.rank[0]
                and when is not None
                and abs(when - published) <= self._window
                and (len(now.sources) > 1 or len(other.sources) > 1 or now.sources != other.sources)
            ):
                return True
        return False

    # -- between the working and the frozen form --

    def _thaw(self, state: MeasureState) -> _Measure:
        measure = _Measure(
            state.key, state.type, state.event, self._rank(state.event.evidence), state.version
        )
        names = _FIELD_NAMES[state.type]
        observations = state.observations
        stored = measure.stored
        start = 0
        field = observations[0].field if observations else None
        for end, obs in enumerate(observations):
            if obs.field != field:
                # A field no longer tracked is dropped: forgotten when the state is next written.
                if field in names:
                    stored[field] = observations[start:end]
                start, field = end, obs.field
        if field in names:
            stored[field] = observations[start:]
        measure.state = state
        return measure

    def _thaw_field(self, stored: tuple[Observation, ...]) -> list[_Obs]:
        seen: list[_Obs] = []
        rank = self._rank
        for o in stored:
            seen.append(_Obs(o.value, None, o.evidence, rank(o.evidence), o.sources, o))
            # Stored best first already, unless written with another `strong`: then this re-sorts.
            if len(seen) > 1 and _outranks(seen[-1], seen[-2]):
                _rise(seen, len(seen) - 1)
        del seen[MAX_OBSERVATIONS:]
        return seen

    def _freeze(self, measure: _Measure) -> MeasureState:
        if measure.state is not None:
            return measure.state
        observations: list[Observation] = []
        best: _Obs | None = None
        updates: dict[str, Any] = {}
        base = measure.base
        for spec in measure.spec:
            seen = measure.fields.get(spec.name)
            had = spec.get(base)
            if seen:
                for o in seen:
                    if o.frozen is None:
                        o.frozen = _unchecked_observation(spec.name, o.value, o.evidence, o.sources)
                    observations.append(o.frozen)
                now = seen[0]
            elif spec.name in measure.stored:
                stored = measure.stored[spec.name]
                observations += stored
                first = stored[0]
                now = _Obs(first.value, None, first.evidence, self._rank(first.evidence), first.sources)
            else:
                if had is not None:
                    updates[spec.name] = () if spec.name == "delegates" else None
                continue
            # Only the best's evidence is used: between two values reported by one evidence (which rank
            # alike), there is nothing to choose.
            if best is None or (now.evidence is not best.evidence and _outranks(now, best)):
                best = now
            if had is None or (had is not now.py and spec.wire(had) != now.value):
                updates[spec.name] = spec.unwire(now.value) if now.py is None else now.py
        if best is not None and best.evidence is not base.evidence:
            updates["evidence"] = best.evidence
        if isinstance(base, Threat) and "rate" in updates:
            rate = updates.pop("rate")
            if isinstance(base.measure, Tariff):
                updates["measure"] = attrs.evolve(base.measure, rate=rate)
        event = attrs.evolve(base, **updates) if updates else base
        # Valid by construction: each observation from a validated event or state, grouped by field, distinct
        # values within a field, sources sorted and distinct.
        measure.state = _unchecked_state(
            measure.key, measure.type, event, tuple(observations), measure.version
        )
        return measure.state
