"""Rules: named, pure predicates over what one news item produced, and the alerts they make.

A rule looks at one *candidate* at a time: the item with one change the ledger reported, or with one event
no change refers to, or the bare item when nothing was read from it (see `candidates`). Rules combine with
``&``, ``|`` and ``~``::

    from tradewatch import rules
    from tradewatch.model import Tariff

    big_moves = rules.changed(Tariff, "rate", min_delta=10, imposer="US") & ~rules.keywords("opinion")
    alerts = rules.evaluate([big_moves.named("US rate moves")], produced, now=now)

The same rules can be written as TOML tables (``[[rule]]`` in ``tradewatch.toml``); `rule_from_table` reads
one. Config is data, never code: a table only picks and parameterises the constructors below.

This module is pure: no I/O and no clock ("now" is passed to `evaluate`), so a rule gives the same answer
for the same candidate anywhere. Rules are frozen attrs classes: hashable, comparable by structure, safe to
share between threads and to pickle.
"""

from __future__ import annotations

import abc
import difflib
import hashlib
import re
import typing as t
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation

import attrs

from .model import (
    EVENT_TYPES,
    Alert,
    Change,
    ChangeKind,
    ControlKind,
    ControlStatus,
    Event,
    ExportControl,
    InvalidValueError,
    Item,
    ItemRef,
    MeasureKind,
    Negotiation,
    NegotiationStatus,
    Product,
    Rate,
    Tariff,
    TariffStatus,
    Threat,
    Truce,
    TruceStatus,
    jurisdiction,
)
from .model._alert import _alert, _id_of, _id_parts

__all__ = [
    "CHANGEABLE",
    "FILTERS",
    "All",
    "Any",
    "Candidate",
    "ChangeRule",
    "EventRule",
    "Everything",
    "Keywords",
    "MinConfidence",
    "Not",
    "Produced",
    "Regex",
    "Rule",
    "RuleError",
    "RuleSpec",
    "SourceIs",
    "Tagged",
    "all_of",
    "any_of",
    "candidates",
    "changeable_fields",
    "changed",
    "check_names",
    "evaluate",
    "event",
    "everything",
    "keywords",
    "min_confidence",
    "new",
    "regex",
    "rule_from_table",
    "source",
    "tag",
]

#: Text rules look at no more than this many characters of each field, so that one huge item (or a
#: pattern that backtracks badly) cannot stall the watcher.
MAX_SEARCH = 100_000
#: `Alert.rule` holds a rule's name, so both share one limit.
MAX_NAME = 200
TEXT_FIELDS = ("title", "text")


class RuleError(ValueError):
    """A rule cannot be built. `reason` says why; `key` is the offending key or filter name (or None).

    ``str()`` is ``"<key>: <reason>"`` when there is a key.
    """

    def __init__(self, reason: str, *, key: str | None = None) -> None:
        super().__init__(f"{key}: {reason}" if key else reason)
        self.reason = reason
        self.key = key


# -- what rules look at -------------------------------------------------------------------------------------


def _events_tuple(values: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(values)


def _changes_tuple(values: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(values)


def _tags_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return (values,) if isinstance(values, str) else tuple(values)


@attrs.frozen(kw_only=True)
class Produced:
    """What one item produced: its events, the changes the ledger made of them, and its source's tags."""

    item: Item = attrs.field(validator=attrs.validators.instance_of(Item))
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events_tuple)
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_changes_tuple)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags_tuple)


@attrs.frozen(kw_only=True)
class Candidate:
    """One thing a rule may match: the item with one change (and its event), one event, or neither."""

    item: Item
    tags: tuple[str, ...] = ()
    event: Event | None = None
    change: Change | None = None
    # Text rules give one answer for all the candidates of an item; `candidates` hands them one shared
    # memo so that a long text is searched once per rule, not once per candidate. Not an argument, so a
    # candidate built or evolved elsewhere starts with a memo of its own.
    _text_hits: dict[Rule, bool] = attrs.field(init=False, factory=dict, eq=False, repr=False)


def candidates(produced: Produced) -> list[Candidate]:
    """One candidate per change (its event is the change's event), one per event that no change refers to,
    and one bare candidate (no event, no change) when the item produced neither. Changes come first, in
    their order, then the remaining events in theirs."""
    item, tags = produced.item, produced.tags
    memo: dict[Rule, bool] = {}
    out = [_candidate(item, tags, c.event, c, memo) for c in produced.changes]
    referred = [c.event for c in produced.changes]
    for ev in produced.events:
        # `in` on a list tries identity before equality: the ledger hands back the very event it was given.
        if ev not in referred:
            out.append(_candidate(item, tags, ev, None, memo))
    if not out:
        out.append(_candidate(item, tags, None, None, memo))
    return out


def _candidate(
    item: Item, tags: tuple[str, ...], event: Event | None, change: Change | None, memo: dict[Rule, bool]
) -> Candidate:
    # Built directly (a candidate has no validators): `evaluate` makes one per change and event of every
    # item, and the generated __init__ would make a memo of its own for each, only to have it replaced.
    candidate: Candidate = _new(Candidate)
    _set(candidate, "item", item)
    _set(candidate, "tags", tags)
    _set(candidate, "event", event)
    _set(candidate, "change", change)
    _set(candidate, "_text_hits", memo)
    return candidate


_new = object.__new__
_set = object.__setattr__
if tuple(a.name for a in attrs.fields(Candidate)) != ("item", "tags", "event", "change", "_text_hits"):
    raise RuntimeError("the Candidate builder is out of date")  # pragma: no cover - a model change


# -- the base class and the combinators ---------------------------------------------------------------------


def _rule_name(_inst: object, _attribute: attrs.Attribute[t.Any], value: object) -> None:
    _check_name(value)


def _check_name(value: object) -> str:
    if not isinstance(value, str):
        raise RuleError(f"must be a string, not {type(value).__name__}", key="name")
    if not value.strip():
        raise RuleError("must not be empty", key="name")
    if len(value) > MAX_NAME:
        raise RuleError(f"must be at most {MAX_NAME} characters", key="name")
    return value


def _name(given: str | None, derived: str) -> str:
    """The name a user gave (checked), or the derived one, shortened to fit when it is too long."""
    return _check_name(given).strip() if given is not None else _fit(derived)


def _fit(name: str) -> str:
    """A derived name that fits `MAX_NAME`; a digest of the whole keeps two long names apart."""
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"{name[: MAX_NAME - 13]}...{digest}"


@attrs.frozen(kw_only=True)
class Rule(abc.ABC):
    """A named predicate over a `Candidate`. Combine with ``&`` (`All`), ``|`` (`Any`) and ``~`` (`Not`).

    Rules compare and hash by structure, name included; `named` gives the same predicate another name.
    """

    name: str = attrs.field(validator=_rule_name)

    @abc.abstractmethod
    def matches(self, candidate: Candidate) -> bool:
        """True if the rule holds for `candidate`."""

    def named(self, name: str) -> Rule:
        """The same predicate under another name."""
        return attrs.evolve(self, name=_check_name(name).strip())

    def __and__(self, other: Rule) -> Rule:
        if not isinstance(other, Rule):
            return NotImplemented
        return all_of(self, other)

    def __or__(self, other: Rule) -> Rule:
        if not isinstance(other, Rule):
            return NotImplemented
        return any_of(self, other)

    def __invert__(self) -> Rule:
        return Not(name=_fit(f"~{self.name}"), rule=self)


def _members(_inst: object, _attribute: attrs.Attribute[t.Any], value: tuple[Rule, ...]) -> None:
    if not value:
        raise RuleError("needs at least one rule", key="rules")
    for rule in value:
        if not isinstance(rule, Rule):
            raise RuleError(f"must hold rules, not {type(rule).__name__}", key="rules")


def _a_rule(_inst: object, attribute: attrs.Attribute[t.Any], value: object) -> None:
    if not isinstance(value, Rule):
        raise RuleError(f"must be a rule, not {type(value).__name__}", key=attribute.name)


def _rules_tuple(values: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class All(Rule):
    """Every one of `rules` holds."""

    rules: tuple[Rule, ...] = attrs.field(converter=_rules_tuple, validator=_members)

    def matches(self, candidate: Candidate) -> bool:
        # Loops rather than all(...) over a generator, here and in the rules below: every rule is matched with
        # every candidate of every item, and the generator costs more than most tests.
        for rule in self.rules:  # noqa: SIM110
            if not rule.matches(candidate):
                return False
        return True


@attrs.frozen(kw_only=True)
class Any(Rule):
    """At least one of `rules` holds."""

    rules: tuple[Rule, ...] = attrs.field(converter=_rules_tuple, validator=_members)

    def matches(self, candidate: Candidate) -> bool:
        for rule in self.rules:  # noqa: SIM110  # see All.matches
            if rule.matches(candidate):
                return True
        return False


@attrs.frozen(kw_only=True)
class Not(Rule):
    """`rule` does not hold."""

    rule: Rule = attrs.field(validator=_a_rule)

    def matches(self, candidate: Candidate) -> bool:
        return not self.rule.matches(candidate)


def _joined(rules: Sequence[Rule], sign: str) -> str:
    return _fit("(" + f" {sign} ".join(r.name for r in rules) + ")")


def _combine(kind: type[All] | type[Any], sign: str, rules: Sequence[Rule], name: str | None) -> Rule:
    parts: list[Rule] = []
    for rule in rules:
        if not isinstance(rule, Rule):
            raise RuleError(f"must be a rule, not {type(rule).__name__}", key="rules")
        # A nested combinator of the same kind is flattened unless it was given a name of its own, which
        # must survive in the structure.
        if type(rule) is kind and rule.name == _joined(rule.rules, sign):
            parts += rule.rules
        else:
            parts.append(rule)
    if not parts:
        raise RuleError("needs at least one rule", key="rules")
    return kind(name=_name(name, _joined(parts, sign)), rules=parts)


def all_of(*rules: Rule, name: str | None = None) -> Rule:
    """Every rule holds: ``all_of(a, b, c)`` is ``a & b & c``."""
    return _combine(All, "&", rules, name)


def any_of(*rules: Rule, name: str | None = None) -> Rule:
    """At least one rule holds: ``any_of(a, b, c)`` is ``a | b | c``."""
    return _combine(Any, "|", rules, name)


# -- events: filters on their fields ------------------------------------------------------------------------


def _product_of(ev: Event) -> Product | None:
    if isinstance(ev, Tariff):
        return ev.product
    if isinstance(ev, ExportControl):
        return ev.item
    if isinstance(ev, Threat):
        measure = ev.measure
        if isinstance(measure, Tariff):
            return measure.product
        if isinstance(measure, ExportControl):
            return measure.item
    return None


def _rate_of(ev: Event) -> Rate | None:
    if isinstance(ev, Tariff):
        return ev.rate
    if isinstance(ev, Threat) and isinstance(ev.measure, Tariff):
        return ev.measure.rate
    return None


class _Filter(abc.ABC):
    key: str

    @abc.abstractmethod
    def test(self, ev: Event) -> bool: ...

    @abc.abstractmethod
    def show(self) -> str: ...


@attrs.frozen
class _Among(_Filter):
    """The field's value is one of `values` (jurisdictions, or enum values which equal their strings)."""

    key: str
    values: tuple[str, ...]

    def test(self, ev: Event) -> bool:
        return getattr(ev, self.key, None) in self.values

    def show(self) -> str:
        return f"{self.key}={'|'.join(self.values)}"


@attrs.frozen
class _Parties(_Filter):
    key: str
    values: tuple[str, ...]

    def test(self, ev: Event) -> bool:
        parties = getattr(ev, "parties", None)
        if parties is None:
            return False
        return all(party in parties for party in self.values)

    def show(self) -> str:
        return f"parties={'+'.join(self.values)}"


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    # Spaces and hyphens between words are interchangeable: "rare earth" finds "rare-earth magnets".
    alternatives = ["[\\s\\-]+".join(re.escape(w) for w in _words(p)) for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _words(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", phrase) if w]


@attrs.frozen
class _Product(_Filter):
    key: str
    names: tuple[str, ...]
    codes: tuple[str, ...]
    _pattern: re.Pattern[str] | None = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(
            lambda self: _phrase_pattern(self.names) if self.names else None, takes_self=True
        ),
    )

    def test(self, ev: Event) -> bool:
        product = _product_of(ev)
        if product is None:
            return False
        if self._pattern is not None and self._pattern.search(product.name):
            return True
        return any(code.startswith(self.codes) for code in product.hs_codes)

    def show(self) -> str:
        return f"product={'|'.join(self.names + self.codes)}"


@attrs.frozen
class _Authority(_Filter):
    key: str
    values: tuple[str, ...]  # lower case

    def test(self, ev: Event) -> bool:
        authority = getattr(ev, "authority", None)
        if authority is None:
            return False
        low = authority.lower()
        return any(value in low for value in self.values)

    def show(self) -> str:
        return f"authority={'|'.join(self.values)}"


@attrs.frozen
class _RateBound(_Filter):
    key: str  # min_rate or max_rate
    bound: Decimal

    def test(self, ev: Event) -> bool:
        rate = _rate_of(ev)
        if rate is None:
            return False
        return rate.percent >= self.bound if self.key == "min_rate" else rate.percent <= self.bound

    def show(self) -> str:
        return f"{self.key}={self.bound.normalize():f}"


_ALL_TYPES: tuple[type[Event], ...] = (Tariff, ExportControl, Truce, Negotiation, Threat)
#: Which event types each filter applies to, in the order filters appear in names and structures.
_APPLIES: dict[str, tuple[type[Event], ...]] = {
    "imposer": (Tariff, ExportControl),
    "target": (Tariff, ExportControl, Threat),
    "actor": (Threat,),
    "parties": (Truce, Negotiation),
    "status": (Tariff, ExportControl, Truce, Negotiation),
    "control": (ExportControl,),
    "kind": (Threat,),
    "product": (Tariff, ExportControl, Threat),
    "authority": (Tariff,),
    "min_rate": (Tariff, Threat),
    "max_rate": (Tariff, Threat),
}
FILTERS = tuple(_APPLIES)
_STATUSES: dict[type[Event], type[TariffStatus | ControlStatus | TruceStatus | NegotiationStatus]] = {
    Tariff: TariffStatus,
    ExportControl: ControlStatus,
    Truce: TruceStatus,
    Negotiation: NegotiationStatus,
}
#: The fields whose changes the ledger reports, per event type (the same as `tradewatch.ledger.TRACKED`,
#: which this module may not import: rules depend on the model alone). A threat's ``rate`` is that of the
#: threatened tariff.
CHANGEABLE: dict[str, tuple[str, ...]] = {
    "tariff": ("status", "rate", "effective", "authority"),
    "export_control": ("control", "status", "effective"),
    "truce": ("status", "until"),
    "negotiation": ("status", "venue", "round", "when", "delegates"),
    "threat": ("kind", "rate", "condition", "deadline"),
}


def _event_type(value: object) -> type[Event]:
    if isinstance(value, str):
        found = EVENT_TYPES.get(value.strip().lower())
        if found is None:
            raise RuleError(f"{value!r} is not an event type (one of: {', '.join(EVENT_TYPES)})", key="type")
        return found
    if isinstance(value, type) and value in _ALL_TYPES:
        return value
    raise RuleError(
        f"must be an event class or one of {', '.join(map(repr, EVENT_TYPES))}, not {value!r}", key="type"
    )


def _strings(key: str, value: object) -> tuple[str, ...]:
    """A string, or a non-empty list/tuple/set of strings."""
    if isinstance(value, str):
        values: tuple[object, ...] = (value,)
    elif isinstance(value, list | tuple | set | frozenset):
        values = tuple(sorted(value, key=str) if isinstance(value, set | frozenset) else value)
        if not values:
            raise RuleError("must not be an empty list", key=key)
    else:
        raise RuleError(f"must be a string or a list of strings, not {type(value).__name__}", key=key)
    for v in values:
        if not isinstance(v, str):
            raise RuleError(f"must hold strings, not {type(v).__name__}", key=key)
        if not v.strip():
            raise RuleError("must not hold an empty string", key=key)
    return tuple(dict.fromkeys(t.cast(str, v).strip() for v in values))


def _jurisdictions(key: str, value: object) -> tuple[str, ...]:
    out = []
    for code in _strings(key, value):
        try:
            out.append(jurisdiction(code))
        except InvalidValueError:
            raise RuleError(f"{code!r} is not an ISO 3166-1 alpha-2 code, 'EU' or '*'", key=key) from None
    # Sorted, so that the order a list was written in does not change a rule's structure.
    return tuple(sorted(set(out)))


def _enum_values(key: str, value: object, allowed: Sequence[str], what: str) -> tuple[str, ...]:
    out = []
    for v in _strings(key, value):
        normal = v.lower()
        if normal not in allowed:
            raise RuleError(f"{v!r} is not a {what} (one of: {', '.join(allowed)})", key=key)
        out.append(normal)
    return tuple(sorted(set(out)))


def _number(key: str, value: object, *, low: float | None = 0, high: float | None = None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise RuleError(f"must be a number, not {type(value).__name__}", key=key)
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise RuleError(f"must be a number, not {value!r}", key=key) from None
    if not number.is_finite():
        raise RuleError(f"must be finite, not {value!r}", key=key)
    if low is not None and number < Decimal(str(low)):
        raise RuleError(f"must be >= {low}, not {value!r}", key=key)
    if high is not None and number > Decimal(str(high)):
        raise RuleError(f"must be <= {high}, not {value!r}", key=key)
    return number


def _rate_bound(key: str, value: object) -> Decimal:
    if isinstance(value, str):
        value = value.strip().rstrip("%").strip()
    try:
        return Rate(_number(key, value)).percent
    except InvalidValueError as exc:
        raise RuleError(exc.reason, key=key) from None


def _product_filter(value: object) -> _Product:
    names: list[str] = []
    codes: list[str] = []
    for v in _strings("product", value):
        digits = v.replace(".", "").replace(" ", "")
        if re.fullmatch(r"[0-9]+", digits):
            if not 2 <= len(digits) <= 10:
                raise RuleError(f"HS code {v!r} must have 2 to 10 digits", key="product")
            codes.append(digits)
        elif _words(v):
            names.append(" ".join(_words(v.lower())))
        else:
            raise RuleError(f"{v!r} holds no word", key="product")
    return _Product("product", tuple(sorted(set(names))), tuple(sorted(set(codes))))


def _build_filters(
    kind: type[Event] | None, filters: Mapping[str, object]
) -> tuple[tuple[type[Event], ...], tuple[_Filter, ...]]:
    """The event types the rule can match, and its filters in a fixed order (so that the keyword order of
    a call does not change a rule's structure)."""
    for key in filters:
        if key not in _APPLIES:
            raise RuleError(f"unknown filter{_suggest(key, FILTERS)}", key=key)
    types = (kind,) if kind is not None else _ALL_TYPES
    given = [k for k in FILTERS if filters.get(k) is not None]
    for key in given:
        narrowed = tuple(c for c in types if c in _APPLIES[key])
        if not narrowed:
            if kind is not None:
                raise RuleError(f"does not apply to {kind.TYPE} events", key=key)
            raise RuleError(
                f"no event type has both this and {', '.join(given[: given.index(key)])}", key=key
            )
        types = narrowed
    built: list[_Filter] = []
    for key in given:
        value = filters[key]
        if key in ("imposer", "target", "actor"):
            built.append(_Among(key, _jurisdictions(key, value)))
        elif key == "parties":
            built.append(_Parties(key, _jurisdictions(key, value)))
        elif key == "status":
            allowed = list(dict.fromkeys(s.value for c in types if c in _STATUSES for s in _STATUSES[c]))
            what = f"status of {' or '.join(c.TYPE for c in types)} events"
            built.append(_Among(key, _enum_values(key, value, allowed, what)))
        elif key == "control":
            built.append(
                _Among(key, _enum_values(key, value, [k.value for k in ControlKind], "control kind"))
            )
        elif key == "kind":
            built.append(
                _Among(key, _enum_values(key, value, [k.value for k in MeasureKind], "measure kind"))
            )
        elif key == "product":
            built.append(_product_filter(value))
        elif key == "authority":
            built.append(_Authority(key, tuple(sorted({v.lower() for v in _strings(key, value)}))))
        else:
            built.append(_RateBound(key, _rate_bound(key, value)))
    bounds = {f.key: f.bound for f in built if isinstance(f, _RateBound)}
    if len(bounds) == 2 and bounds["min_rate"] > bounds["max_rate"]:
        raise RuleError(f"must not exceed max_rate ({bounds['max_rate']})", key="min_rate")
    return types, tuple(built)


def _suggest(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(known)})"


def _filter_names(filters: tuple[_Filter, ...]) -> str:
    return f"({', '.join(f.show() for f in filters)})" if filters else ""


def _type_set(self: EventRule | ChangeRule) -> frozenset[type[Event]]:
    return frozenset(EVENT_TYPES[name] for name in self.types)


@attrs.frozen(kw_only=True)
class EventRule(Rule):
    """The candidate has an event of one of `types` (wire names) that passes every filter; with `new`, the
    ledger saw its measure for the first time. Build with `event` or `new`."""

    types: tuple[str, ...]
    filters: tuple[_Filter, ...] = ()
    new: bool = False
    _classes: frozenset[type[Event]] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_type_set, takes_self=True)
    )

    def matches(self, candidate: Candidate) -> bool:
        ev = candidate.event
        if ev is None or type(ev) not in self._classes:
            return False
        if self.new and (candidate.change is None or candidate.change.kind is not ChangeKind.NEW):
            return False
        for f in self.filters:  # noqa: SIM110  # see All.matches
            if not f.test(ev):
                return False
        return True


def _event_rule(kind: object, name: str | None, filters: Mapping[str, object], *, is_new: bool) -> EventRule:
    cls = None if kind is None else _event_type(kind)
    types, built = _build_filters(cls, filters)
    label = ("new " if is_new else "") + (cls.TYPE if cls is not None else "event")
    return EventRule(
        name=_name(name, label + _filter_names(built)),
        types=tuple(c.TYPE for c in types),
        filters=built,
        new=is_new,
    )


def event(type: type[Event] | str | None = None, *, name: str | None = None, **filters: object) -> Rule:
    """The candidate has an event of `type` (an event class, its wire name such as ``"tariff"``, or None for
    any) whose fields pass every filter. A filter given None is ignored.

    Filters, each a value or a list of values of which any may match:

    - ``imposer``, ``target``, ``actor``: jurisdiction codes (``"US"``; ``"uk"`` is read as ``"GB"``).
    - ``parties``: every given jurisdiction is among a truce's or a negotiation's parties.
    - ``status``, ``control`` (an export control's kind), ``kind`` (what a threat threatens): enum values
      as strings or members.
    - ``product``: a word or phrase found, case-insensitively and as whole words, in the product's name
      (for export controls the `item`, for threats the threatened measure's product); or an HS code prefix
      when given digits (``"8505"``, ``"85.05"``).
    - ``authority``: a case-insensitive substring of a tariff's authority (``"232"``).
    - ``min_rate``, ``max_rate``: bounds, both included, on a tariff's rate or a threatened tariff's rate;
      an event without a rate does not match.

    With no `type`, a filter limits the rule to the types that have the field. An unknown filter, or one that
    does not apply to `type`, raises `RuleError` naming it.
    """
    return _event_rule(type, name, filters, is_new=False)


def new(type: type[Event] | str | None = None, *, name: str | None = None, **filters: object) -> Rule:
    """Like `event`, but only for a measure the ledger saw for the first time (a ``new`` change)."""
    return _event_rule(type, name, filters, is_new=True)


# -- changes ------------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ChangeRule(Rule):
    """The candidate's change is a ``changed`` change of `field` of an event of `types` (one wire name),
    whose move passes `min_delta` and `direction` and whose event passes `filters`. Build with `changed`."""

    types: tuple[str, ...]
    field: str
    min_delta: Decimal | None = None
    direction: t.Literal["up", "down"] | None = None
    filters: tuple[_Filter, ...] = ()
    _classes: frozenset[type[Event]] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_type_set, takes_self=True)
    )

    def matches(self, candidate: Candidate) -> bool:
        change = candidate.change
        if (
            change is None
            or change.kind is not ChangeKind.CHANGED
            or change.field != self.field
            or type(change.event) not in self._classes
        ):
            return False
        if self.min_delta is not None or self.direction is not None:
            move = change.delta
            if move is None:
                if change.days is None:
                    return False
                move = Decimal(change.days)
            if self.min_delta is not None and abs(move) < self.min_delta:
                return False
            if self.direction == "up" and not move > 0:
                return False
            if self.direction == "down" and not move < 0:
                return False
        event = change.event
        for f in self.filters:  # noqa: SIM110  # see All.matches
            if not f.test(event):
                return False
        return True


def changeable_fields(type: type[Event] | str) -> tuple[str, ...]:
    """The fields of an event type whose changes the ledger reports."""
    return CHANGEABLE[_event_type(type).TYPE]


def changed(
    type: type[Event] | str,
    field: str,
    *,
    min_delta: float | Decimal | None = None,
    direction: t.Literal["up", "down"] | None = None,
    name: str | None = None,
    **filters: object,
) -> Rule:
    """The ledger reported a new value for `field` of a known measure of `type`.

    `min_delta` bounds the size of the move: ``abs(change.delta)`` for a rate (percentage points) or
    ``abs(change.days)`` for a date span (days; the ledger measures ``until`` and ``deadline`` by their
    end, ``effective`` and ``when`` by their start). `direction` is ``"up"`` (a higher rate, a later date)
    or ``"down"`` (a lower rate, an earlier date). A change with no numeric move (a status, a venue, a rate
    or a date that appeared where there was none) never matches a rule with `min_delta` or `direction`.

    `field` must be one of `changeable_fields(type)`; `filters` are those of `event`, on the changed event.
    """
    cls = _event_type(type)
    fields = changeable_fields(cls)
    if not isinstance(field, str) or field not in fields:
        reason = f"{field!r} is not a field whose changes are reported for {cls.TYPE} (one of: {', '.join(fields)})"
        raise RuleError(reason, key="field")
    delta = None if min_delta is None else _number("min_delta", min_delta)
    if direction is not None and direction not in ("up", "down"):
        raise RuleError(f"must be 'up' or 'down', not {direction!r}", key="direction")
    _types, built = _build_filters(cls, filters)
    moves = ([f"min_delta={delta.normalize():f}"] if delta is not None else []) + (
        [f"direction={direction}"] if direction else []
    )
    shown = ", ".join(moves + [f.show() for f in built])
    return ChangeRule(
        name=_name(name, f"{cls.TYPE}.{field} changed" + (f"({shown})" if shown else "")),
        types=(cls.TYPE,),
        field=field,
        min_delta=delta,
        direction=direction,
        filters=built,
    )


# -- the item's text ----------------------------------------------------------------------------------------


def _text_fields(fields: object) -> tuple[str, ...]:
    chosen = _strings("fields", list(fields) if isinstance(fields, tuple) else fields)
    for f in chosen:
        if f not in TEXT_FIELDS:
            raise RuleError(f"{f!r} is not a text field (one of: {', '.join(TEXT_FIELDS)})", key="fields")
    return chosen


def _found(pattern: re.Pattern[str], item: Item, fields: tuple[str, ...]) -> bool:
    for f in fields:  # noqa: SIM110  # see All.matches
        # endpos bounds the search without copying the text
        if pattern.search(item.title if f == "title" else item.text, 0, MAX_SEARCH):
            return True
    return False


def _keyword_patterns(self: Keywords) -> tuple[re.Pattern[str], ...]:
    if self.any:
        return (_phrase_pattern(self.words),)
    return tuple(_phrase_pattern([w]) for w in self.words)


@attrs.frozen(kw_only=True, cache_hash=True)
class Keywords(Rule):
    """Whole words or phrases in the item's `fields`: any of them, or all of them (each in any field).
    Build with `keywords`."""

    words: tuple[str, ...]
    any: bool = True
    fields: tuple[str, ...] = TEXT_FIELDS
    _patterns: tuple[re.Pattern[str], ...] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_keyword_patterns, takes_self=True)
    )

    def matches(self, candidate: Candidate) -> bool:
        memo = candidate._text_hits
        hit = memo.get(self)
        if hit is None:
            item, fields = candidate.item, self.fields
            hit = True
            for pattern in self._patterns:
                if not _found(pattern, item, fields):
                    hit = False
                    break
            memo[self] = hit
        return hit


def keywords(
    *words: str, any: bool = True, fields: Sequence[str] = TEXT_FIELDS, name: str | None = None
) -> Rule:
    """The item's title or text holds any of `words` (all of them when `any` is False), each as whole words,
    case-insensitively; a word may be a phrase, in which spaces and hyphens are interchangeable ("rare
    earth" finds "rare-earth"). Only the first 100,000 characters of each field are searched."""
    chosen = _strings("keywords", list(words))
    if not isinstance(any, bool):
        raise RuleError(f"must be True or False, not {any!r}", key="any")
    normal = tuple(dict.fromkeys(" ".join(_words(w)) for w in chosen if _words(w)))
    if not normal:
        raise RuleError("needs at least one word", key="keywords")
    derived = f"keywords({(' | ' if any else ' & ').join(normal)})"
    return Keywords(name=_name(name, derived), words=normal, any=any, fields=_text_fields(fields))


def _compiled(self: Regex) -> re.Pattern[str]:
    return re.compile(self.pattern, self.flags)


@attrs.frozen(kw_only=True, cache_hash=True)
class Regex(Rule):
    """A regular expression found in the item's `fields`. Build with `regex`."""

    pattern: str
    flags: int = re.IGNORECASE
    fields: tuple[str, ...] = TEXT_FIELDS
    _compiled: re.Pattern[str] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_compiled, takes_self=True)
    )

    def matches(self, candidate: Candidate) -> bool:
        memo = candidate._text_hits
        hit = memo.get(self)
        if hit is None:
            hit = memo[self] = _found(self._compiled, candidate.item, self.fields)
        return hit


def regex(
    pattern: str,
    *,
    fields: Sequence[str] = TEXT_FIELDS,
    flags: int | re.RegexFlag = re.IGNORECASE,
    name: str | None = None,
) -> Rule:
    """`pattern` is found (``re.search``) in the item's title or text; case-insensitive by default. Only the
    first 100,000 characters of each field are searched. A pattern that does not compile raises
    `RuleError`."""
    if not isinstance(pattern, str) or not pattern:
        raise RuleError("must be a non-empty string", key="regex")
    if isinstance(flags, bool) or not isinstance(flags, int):
        raise RuleError(f"must be re flags, not {flags!r}", key="flags")
    try:
        re.compile(pattern, flags)
    except (re.error, ValueError) as exc:
        raise RuleError(f"{pattern!r} is not a valid regular expression: {exc}", key="regex") from None
    return Regex(
        name=_name(name, f"regex({pattern})"), pattern=pattern, flags=int(flags), fields=_text_fields(fields)
    )


# -- the item's source, and the events' confidence -----------------------------------------------------------


@attrs.frozen(kw_only=True)
class SourceIs(Rule):
    """The item came from one of `names`. Build with `source`."""

    names: tuple[str, ...]

    def matches(self, candidate: Candidate) -> bool:
        return candidate.item.source in self.names


def source(*names: str, name: str | None = None) -> Rule:
    """The item came from one of the sources `names`."""
    chosen = _strings("source", list(names))
    return SourceIs(name=_name(name, f"source({' | '.join(chosen)})"), names=chosen)


@attrs.frozen(kw_only=True)
class Tagged(Rule):
    """The item's source has one of `tags`. Build with `tag`."""

    tags: tuple[str, ...]

    def matches(self, candidate: Candidate) -> bool:
        return any(tag in self.tags for tag in candidate.tags)


def tag(*tags: str, name: str | None = None) -> Rule:
    """The item's source carries one of `tags`."""
    chosen = _strings("tag", list(tags))
    return Tagged(name=_name(name, f"tag({' | '.join(chosen)})"), tags=chosen)


@attrs.frozen(kw_only=True)
class MinConfidence(Rule):
    """The candidate's event was read with at least `threshold` confidence. Build with `min_confidence`."""

    threshold: float

    def matches(self, candidate: Candidate) -> bool:
        ev = candidate.event
        return ev is not None and ev.evidence.confidence >= self.threshold


def min_confidence(threshold: float, *, name: str | None = None) -> Rule:
    """The candidate has an event whose evidence confidence is at least `threshold` (in [0, 1]); a
    candidate without an event does not match."""
    value = float(_number("min_confidence", threshold, low=0, high=1))
    return MinConfidence(name=_name(name, f"min_confidence({value:g})"), threshold=value)


@attrs.frozen(kw_only=True)
class Everything(Rule):
    """Every candidate. The identity of ``&``; its negation is the identity of ``|``."""

    def matches(self, candidate: Candidate) -> bool:
        return True


def everything(*, name: str = "everything") -> Rule:
    """A rule that matches every candidate: every change, every event, every item."""
    return Everything(name=_check_name(name).strip())


# -- evaluation ---------------------------------------------------------------------------------------------


def evaluate(rules: Iterable[Rule], produced: Produced, *, now: datetime) -> list[Alert]:
    """The alerts `rules` make of what one item produced: one per rule and matching candidate, created at
    `now`, in the order of the rules and then of `candidates`. An alert whose id was already made in this
    call (same rule, same change; or same rule, item and event) is dropped."""
    found = candidates(produced)
    ref = ItemRef.of(produced.item)
    alerts: list[Alert] = []
    seen: set[str] = set()
    # Several rules usually match one candidate: the canonical text of its change or event, the costly part
    # of an alert id, is written once per candidate (what `Alert.make` computes, shared).
    id_parts: dict[int, tuple[str, str]] = {}
    # The first alert is built with its validators, which check the item and `now` (a rule's name was checked
    # when the rule was made); the others differ only in their rule, event and change, whose types are
    # checked here.
    validated = False
    for rule in rules:
        for index, cand in enumerate(found):
            if not rule.matches(cand):
                continue
            event, change = cand.event, cand.change
            if change is not None and event is None:
                event = change.event
            parts = id_parts.get(index)
            if parts is None:
                parts = id_parts[index] = _id_parts(ref.id, event, change)
            alert_id = _id_of(rule.name, parts)
            if (
                validated
                and (event is None or type(event) in _EVENT_CLASSES)
                and (change is None or isinstance(change, Change))
            ):
                alert = _alert(alert_id, rule.name, ref, event, change, now)
            else:
                alert = Alert(id=alert_id, rule=rule.name, item=ref, event=event, change=change, created=now)
                validated = True
            if alert.id not in seen:
                seen.add(alert.id)
                alerts.append(alert)
    return alerts


_EVENT_CLASSES = frozenset(EVENT_TYPES.values())


def check_names(rules: Iterable[Rule]) -> None:
    """Raise `RuleError` if two rules share a name: alert ids and sinks are keyed by it."""
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise RuleError(f"two rules are named {rule.name!r}", key="name")
        seen.add(rule.name)


# -- TOML tables --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RuleSpec:
    """A rule and the names of the sinks its alerts go to (a ``[[rule]]`` table of the config)."""

    rule: Rule = attrs.field(validator=_a_rule)
    sinks: tuple[str, ...] = ("log",)


_OWN_KEYS = ("name", "sinks")
_CONDITION_KEYS = (
    "type",
    "changed",
    "min_delta",
    "direction",
    "new",
    *FILTERS,
    "keywords",
    "keywords_all",
    "regex",
    "fields",
    "sources",
    "tags",
    "min_confidence",
    "not",
    "any",
)


def rule_from_table(table: Mapping[str, object]) -> tuple[Rule, tuple[str, ...]]:
    """The rule a ``[[rule]]`` table describes, and the names of its sinks (default ``("log",)``).

    Every condition key in the table must hold; ``not`` holds a sub-table of conditions that must not all
    hold, and ``any`` a list of sub-tables of which at least one must. A table without conditions matches
    everything. See docs/rules.md for the keys. Raises `RuleError` naming the key (``"any[1].imposer"``
    inside a sub-table).
    """
    if not isinstance(table, Mapping):
        raise RuleError(f"must be a table, not {type(table).__name__}")
    for key in table:
        if key not in _OWN_KEYS and key not in _CONDITION_KEYS:
            raise RuleError(f"unknown key{_suggest(str(key), _OWN_KEYS + _CONDITION_KEYS)}", key=str(key))
    if "name" not in table:
        raise RuleError("required key missing", key="name")
    name = _check_name(table["name"]).strip()
    sinks: tuple[str, ...] = ("log",)
    if "sinks" in table:
        raw = table["sinks"]
        if not isinstance(raw, list):
            raise RuleError(f"must be a list of sink names, not {type(raw).__name__}", key="sinks")
        if not raw:
            raise RuleError("must name at least one sink", key="sinks")
        sinks = _strings("sinks", raw)
    conditions = {k: v for k, v in table.items() if k not in _OWN_KEYS}
    rule = _conditions(conditions, "") if conditions else everything()
    return rule.named(name), sinks


def _rekeyed(key: str, build: Callable[[], Rule]) -> Rule:
    try:
        return build()
    except RuleError as exc:
        raise RuleError(exc.reason, key=key) from None


def _conditions(table: Mapping[str, object], prefix: str) -> Rule:
    for key in table:
        if key not in _CONDITION_KEYS:
            hint = _suggest(str(key), _CONDITION_KEYS)
            raise RuleError(f"unknown key{hint}", key=f"{prefix}{key}")
    if not table:
        raise RuleError("needs at least one condition", key=prefix.rstrip(".") or None)
    parts: list[Rule] = []
    event_part = _event_condition(table, prefix)
    if event_part is not None:
        parts.append(event_part)
    fields: tuple[str, ...] = TEXT_FIELDS
    if "fields" in table:
        if "keywords" not in table and "regex" not in table:
            raise RuleError("only applies with keywords or regex", key=f"{prefix}fields")
        raw = table["fields"]
        if not isinstance(raw, list):
            raise RuleError(f"must be a list of field names, not {type(raw).__name__}", key=f"{prefix}fields")
        try:
            fields = _text_fields(raw)
        except RuleError as exc:
            raise RuleError(exc.reason, key=f"{prefix}fields") from None
    if "keywords_all" in table and "keywords" not in table:
        raise RuleError("only applies with keywords", key=f"{prefix}keywords_all")
    if "keywords" in table:
        every = table.get("keywords_all", False)
        if not isinstance(every, bool):
            raise RuleError(f"must be true or false, not {every!r}", key=f"{prefix}keywords_all")
        parts.append(
            _rekeyed(
                f"{prefix}keywords",
                lambda: keywords(*_strings("keywords", table["keywords"]), any=not every, fields=fields),
            )
        )
    if "regex" in table:
        pattern = table["regex"]
        if not isinstance(pattern, str):
            raise RuleError(f"must be a string, not {type(pattern).__name__}", key=f"{prefix}regex")
        parts.append(_rekeyed(f"{prefix}regex", lambda: regex(pattern, fields=fields)))
    if "sources" in table:
        parts.append(_rekeyed(f"{prefix}sources", lambda: source(*_strings("sources", table["sources"]))))
    if "tags" in table:
        parts.append(_rekeyed(f"{prefix}tags", lambda: tag(*_strings("tags", table["tags"]))))
    if "min_confidence" in table:
        value = table["min_confidence"]
        parts.append(_rekeyed(f"{prefix}min_confidence", lambda: min_confidence(t.cast(float, value))))
    if "not" in table:
        sub = table["not"]
        if not isinstance(sub, Mapping):
            raise RuleError(f"must be a table of conditions, not {type(sub).__name__}", key=f"{prefix}not")
        parts.append(~_conditions(sub, f"{prefix}not."))
    if "any" in table:
        subs = table["any"]
        if not isinstance(subs, list) or not subs:
            raise RuleError("must be a non-empty list of tables of conditions", key=f"{prefix}any")
        options = []
        for n, sub in enumerate(subs):
            if not isinstance(sub, Mapping):
                raise RuleError(
                    f"must be a table of conditions, not {type(sub).__name__}", key=f"{prefix}any[{n}]"
                )
            options.append(_conditions(sub, f"{prefix}any[{n}]."))
        parts.append(any_of(*options))
    return all_of(*parts) if len(parts) > 1 else parts[0]


def _event_condition(table: Mapping[str, object], prefix: str) -> Rule | None:
    filters: dict[str, t.Any] = {k: table[k] for k in FILTERS if k in table}
    for key, value in filters.items():
        if value is None:  # TOML has no null, but a table built in Python may hold one
            raise RuleError("must not be empty", key=f"{prefix}{key}")
    kind = table.get("type")
    if kind is not None and not isinstance(kind, str):
        raise RuleError(f"must be a string such as 'tariff', not {type(kind).__name__}", key=f"{prefix}type")
    for key in ("min_delta", "direction"):
        if key in table and "changed" not in table:
            raise RuleError("only applies with changed", key=f"{prefix}{key}")
    is_new = table.get("new", False)
    if not isinstance(is_new, bool):
        raise RuleError(f"must be true, not {is_new!r}", key=f"{prefix}new")
    if "new" in table and not is_new:
        raise RuleError(
            "only `new = true` is meaningful; write `not = { new = true }` for the opposite",
            key=f"{prefix}new",
        )
    try:
        if "changed" in table:
            if is_new:
                raise RuleError("cannot be combined with changed", key="new")
            field = table["changed"]
            if kind is None:
                raise RuleError("needs a type (which kind of event changed)", key="changed")
            if not isinstance(field, str):
                raise RuleError(f"must be a field name, not {type(field).__name__}", key="changed")
            direction = table.get("direction")
            if direction is not None and direction not in ("up", "down"):
                raise RuleError(f"must be 'up' or 'down', not {direction!r}", key="direction")
            return changed(
                kind,
                field,
                min_delta=t.cast(float | None, table.get("min_delta")),
                direction=direction,
                **filters,
            )
        if is_new:
            return new(kind, **filters)
        if kind is not None or filters:
            return event(kind, **filters)
    except RuleError as exc:
        named = "changed" if exc.key == "field" else exc.key
        raise RuleError(exc.reason, key=f"{prefix}{named}" if named else None) from None
    return None
