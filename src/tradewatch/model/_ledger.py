"""What the ledger keeps per measure: every value reported for each tracked field, and the measure as it is.

Values are held in their wire form (what `tradewatch.serial.to_dict` gives: a rate as ``"25"``, a date span as
an object, a status as its name, a list of names as an array) so that they compare with ``==``, serialise as
they are, and read the same in a `Change`, in JSON and in the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs

from . import _checks as check
from ._alert import Change, ChangeKind
from ._checks import InvalidValueError
from ._events import EVENT_TYPES, Event
from ._values import Evidence

#: From this confidence up, a report is a confident statement of fact ("strong"); below it, a passing
#: mention that never outranks a strong report, however recent.
STRONG = 0.5
#: Strong reports of different values from different sources this close in time contradict each other.
CONTRADICTION_WINDOW = timedelta(days=3)

# The field whose sources count as a measure's corroborations: the first of these that has a value. A
# tariff's rate or a truce's end date is what readers act on, when known; the status is the fallback.
_PRIMARY: dict[str, tuple[str, ...]] = {
    "tariff": ("rate", "status"),
    "export_control": ("status",),
    "truce": ("until", "status"),
    "negotiation": ("status",),
    "threat": ("deadline", "rate", "kind"),
}


def source_name(evidence: Evidence) -> str:
    """Whom a report counts under: its source, else its item, else ``"?"``."""
    return evidence.source or evidence.item_id or "?"


def contradicts(a: Observation, b: Observation, *, window: timedelta, strong: float) -> bool:
    """True if `a` and `b` are strong reports of different values of one field, published within `window`
    of each other, and not both by one and the same single source (a source revising itself is an update,
    not a dispute). An observation without a published time contradicts nothing: its time is unknown."""
    if a.field != b.field or a.value == b.value:
        return False
    ea, eb = a.evidence, b.evidence
    if ea.confidence < strong or eb.confidence < strong or ea.published is None or eb.published is None:
        return False
    if abs(ea.published - eb.published) > window:
        return False
    return len(set(a.sources) | set(b.sources)) > 1


def _reported(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or value in ("", []):
        raise InvalidValueError(attribute.name, "must be a reported value, not empty")


def _to_sources(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        return values  # type: ignore[return-value]  # the validator names the field and the type
    try:
        return check.sorted_unique(values)
    except TypeError:  # unorderable mix; the validator names it
        return tuple(values)


_MAX_SOURCE = 4096


def _sources(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(attribute.name, "must be a list of source names")
    if not value:
        raise InvalidValueError(attribute.name, "must name at least one source")
    for name in value:
        check.text(max_len=_MAX_SOURCE)(instance, attribute, name)


@attrs.frozen(kw_only=True)
class Observation:
    """One value of one field of a measure, as reported.

    `value` is in the wire form. `evidence` is the highest-ranked report of this value (see
    `tradewatch.ledger`), and `sources` the sorted, distinct names of the sources that reported it (a report
    without a source counts under its item id, or ``"?"``).
    """

    field: str = attrs.field(validator=check.text(max_len=100))
    value: Any = attrs.field(validator=_reported)
    evidence: Evidence = attrs.field(validator=check.of_type(Evidence))
    sources: tuple[str, ...] = attrs.field(converter=_to_sources, validator=_sources)


def _type_name(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in EVENT_TYPES:
        raise InvalidValueError(attribute.name, f"must be one of: {', '.join(EVENT_TYPES)}; got {value!r}")


def _event_of_type(instance: MeasureState, attribute: attrs.Attribute[Any], value: object) -> None:
    cls = EVENT_TYPES.get(instance.type)
    if cls is not None and type(value) is not cls:
        raise InvalidValueError(
            attribute.name, f"must be a {instance.type} event, not {type(value).__name__}"
        )


def _observations(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(attribute.name, "must be a list of observations")
    done: set[str] = set()
    group: list[Any] = []
    field = None
    for obs in value:
        if not isinstance(obs, Observation):
            raise InvalidValueError(attribute.name, f"must hold observations, not {type(obs).__name__}")
        if obs.field != field:
            if obs.field in done:
                raise InvalidValueError(
                    attribute.name, f"must list the observations of {obs.field!r} together"
                )
            if field is not None:
                done.add(field)
            field, group = obs.field, []
        if obs.value in group:
            raise InvalidValueError(attribute.name, f"lists {obs.field} = {obs.value!r} twice")
        group.append(obs.value)


def _version(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.of_type(int)(instance, attribute, value)
    if isinstance(value, int) and value < 0:
        raise InvalidValueError(attribute.name, "must be >= 0")


@attrs.frozen(kw_only=True)
class MeasureState:
    """What the ledger knows of one measure (see `tradewatch.ledger.measure_key` for `key`).

    `event` is the measure as it stands: an event of type `type` whose tracked fields hold their current
    values and whose evidence is that of the highest-ranked current value. `observations` holds every
    distinct value seen for each tracked field, the observations of a field together and best first, so the
    first is the field's current value. `version` counts the `Ledger.apply` calls that modified the state.
    """

    key: str = attrs.field(validator=check.text(max_len=2000))
    type: str = attrs.field(validator=_type_name)
    event: Event = attrs.field(validator=_event_of_type)
    observations: tuple[Observation, ...] = attrs.field(validator=_observations)
    version: int = attrs.field(default=0, validator=_version)

    def observed(self, field: str) -> tuple[Observation, ...]:
        """Every value seen for `field`, best first."""
        return tuple(o for o in self.observations if o.field == field)

    def current(self, field: str) -> Observation | None:
        """The current value of `field`, or None if no report gave it one."""
        for obs in self.observations:
            if obs.field == field:
                return obs
        return None

    @property
    def primary_field(self) -> str:
        """The field corroborations are counted on: a tariff's rate (else its status), a truce's end date
        (else its status), a threat's deadline (else the threatened rate, else its kind), the status of an
        export control or a negotiation."""
        fields = _PRIMARY[self.type]
        return next((f for f in fields if self.current(f) is not None), fields[-1])

    @property
    def corroborations(self) -> int:
        """How many distinct sources reported the current value of the primary field."""
        obs = self.current(self.primary_field)
        return 0 if obs is None else len(obs.sources)

    def contradictions(
        self, field: str, *, window: timedelta = CONTRADICTION_WINDOW, strong: float = STRONG
    ) -> tuple[Observation, ...]:
        """The other values of `field` that contradict its current value (see `contradicts`).

        The thresholds default to those of a default `Ledger`; pass a ledger's own if it has others.
        """
        seen = self.observed(field)
        if len(seen) < 2:
            return ()
        now = seen[0]
        return tuple(o for o in seen[1:] if contradicts(now, o, window=window, strong=strong))

    @property
    def contradicted(self) -> bool:
        """True if the current value of any field is contradicted (with the default thresholds)."""
        # `contradictions` of every field in one pass (a store asks this of every state it writes): each
        # later value of a field is compared with the field's first, its current value.
        current: dict[str, Observation] = {}
        for obs in self.observations:
            now = current.setdefault(obs.field, obs)
            if now is not obs and contradicts(now, obs, window=CONTRADICTION_WINDOW, strong=STRONG):
                return True
        return False


# The ledger builds thousands of observations, states and changes per batch from values that are valid already
# (read from validated events and states, kept sorted and distinct by the ledger itself): these builders skip
# the validators and converters, which cost several times the construction. Anything else builds them
# normally.
_new = object.__new__
_set = object.__setattr__


def _observation(field: str, value: Any, evidence: Evidence, sources: tuple[str, ...]) -> Observation:
    # A source counts under its item id when it has no name, and an id may be longer than a name: such an
    # observation goes through the validators, which refuse it as they always did.
    for name in sources:
        if len(name) > _MAX_SOURCE:
            return Observation(field=field, value=value, evidence=evidence, sources=sources)
    obs: Observation = _new(Observation)
    _set(obs, "field", field)
    _set(obs, "value", value)
    _set(obs, "evidence", evidence)
    _set(obs, "sources", sources)
    return obs


def _measure_state(
    key: str, type_: str, event: Event, observations: tuple[Observation, ...], version: int
) -> MeasureState:
    state: MeasureState = _new(MeasureState)
    _set(state, "key", key)
    _set(state, "type", type_)
    _set(state, "event", event)
    _set(state, "observations", observations)
    _set(state, "version", version)
    return state


def _change(
    key: str,
    kind: ChangeKind,
    event: Event,
    field: str | None = None,
    old: Any = None,
    new: Any = None,
    delta: Decimal | None = None,
    days: int | None = None,
    previous: Evidence | None = None,
    contradicted: bool = False,
) -> Change:
    """A `Change` from values the ledger has made valid (a measure key of a validated event, a tracked field
    name with the kind that goes with it, wire values, a Decimal delta, int days), without running the
    validators again: the ledger makes one per field an event moves."""
    change: Change = _new(Change)
    _set(change, "key", key)
    _set(change, "kind", kind)
    _set(change, "event", event)
    _set(change, "field", field)
    _set(change, "old", old)
    _set(change, "new", new)
    _set(change, "delta", delta)
    _set(change, "days", days)
    _set(change, "previous", previous)
    _set(change, "contradicted", contradicted)
    return change


def _check_builders() -> None:
    for cls, names in (
        (
            Change,
            ("key", "kind", "event", "field", "old", "new", "delta", "days", "previous", "contradicted"),
        ),
        (Observation, ("field", "value", "evidence", "sources")),
        (MeasureState, ("key", "type", "event", "observations", "version")),
    ):
        if tuple(a.name for a in attrs.fields(cls)) != names:  # pragma: no cover - guards a model change
            raise RuntimeError(f"the ledger's unchecked {cls.__name__} builder is out of date")


_check_builders()
