"""The wire format: one cattrs converter, and JSON with a schema version.

- ``to_dict`` / ``from_dict`` convert between model objects and plain JSON-ready data (no envelope).
- ``to_json`` / ``from_json`` add and check the envelope: a JSON object holding ``"schema"`` (this module's
  `SCHEMA`) beside the object's own fields, or ``{"schema": 1, "events": [...]}`` for a list of events.

Events carry their kind in ``"type"``; decimals (rates) are strings, dates and times ISO 8601, enums their
lowercase values, tuples JSON arrays.

Decoding is strict about values and lenient about additions: a key the model does not know is ignored (so a
document from a newer minor version still reads), an unknown ``"type"`` is an error, and so is a ``schema``
newer than `SCHEMA`. Every problem found is reported at once in one `DecodeError`, each with its path
(``events[2].rate: must be >= 0``).
"""

from __future__ import annotations

import enum
import json
import math
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs
import cattrs
import cattrs.cols
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from .model import (
    EVENT_TYPES,
    Alert,
    Change,
    ChangeKind,
    ControlKind,
    ControlStatus,
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    Granularity,
    InvalidValueError,
    Item,
    ItemRef,
    MeasureKind,
    MeasureState,
    Negotiation,
    NegotiationStatus,
    Observation,
    Product,
    Rate,
    Tariff,
    TariffStatus,
    Threat,
    Truce,
    TruceStatus,
)

__all__ = ["SCHEMA", "DecodeError", "from_dict", "from_json", "to_dict", "to_json"]

#: The version of the wire format this library writes, and the newest it reads.
SCHEMA = 1

T = TypeVar("T")


class DecodeError(ValueError):
    """A document could not be decoded. `problems` lists ``(path, reason)`` for every failure found."""

    def __init__(self, problems: Sequence[tuple[str, str]], what: str = "document") -> None:
        self.problems = list(problems)
        lines = [f"{path}: {reason}" if path else reason for path, reason in self.problems]
        head = f"cannot decode {what}"
        super().__init__(f"{head}: {lines[0]}" if len(lines) == 1 else "\n  ".join([head, *lines]))


class _Invalid(ValueError):
    """A leaf problem raised by one of our hooks; its path comes from where cattrs found it."""


class _InvalidAt(ValueError):
    """A leaf problem that knows its path below the current one (an unknown union tag)."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key


def _kind_name(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number" if isinstance(value, int | float) else type(value).__name__
    )


def _strict(cls: type) -> Callable[[Any, type], Any]:
    expected = {str: "a string", int: "an integer", float: "a number"}[cls]
    accepted: tuple[type, ...] = (int, float) if cls is float else (cls,)

    def structure(value: Any, _: type) -> Any:
        if isinstance(value, bool) or not isinstance(value, accepted):
            raise _Invalid(f"must be {expected}, not {_kind_name(value)}")
        return cls(value)

    return structure


def _structure_date(value: Any, _: type) -> date:
    if not isinstance(value, str):
        raise _Invalid(f"must be an ISO 8601 date string, not {_kind_name(value)}")
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"{value[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)") from None


def _structure_datetime(value: Any, _: type) -> datetime:
    if not isinstance(value, str):
        raise _Invalid(f"must be an ISO 8601 date-time string, not {_kind_name(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"{value[:40]!r} is not an ISO 8601 date-time") from None
    if parsed.utcoffset() is None:
        raise _Invalid(f"{value[:40]!r} has no UTC offset")
    return parsed


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, not {_kind_name(value)}")
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _Invalid(f'must be a decimal string such as "10.5", not {_kind_name(value)}')
    try:
        number = Decimal(value)
    except ArithmeticError:
        raise _Invalid(f"{str(value)[:40]!r} is not a decimal number") from None
    if not number.is_finite():
        raise _Invalid(f"{str(value)[:40]!r} is not a finite number")
    return number


def _structure_rate(value: Any, _: type) -> Rate:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid(f'must be a decimal string such as "25", not {_kind_name(value)}')
    try:
        return Rate(value)
    except InvalidValueError as exc:
        raise _Invalid(exc.reason) from None


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in cls)
        raise _Invalid(f"must be one of: {allowed}; got {str(value)[:40]!r}") from None


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_list(cls: Any) -> bool:
    return typing.get_origin(cls) is list


def _sequence_factory(cls: Any) -> Callable[[Any, Any], Any]:
    element = typing.get_args(cls)[0]
    make = tuple if typing.get_origin(cls) is tuple else list
    # cattrs' own list hook, which reports each failing index
    as_list = cattrs.cols.list_structure_factory(list[element], _converter)  # type: ignore[valid-type]

    def structure(value: Any, _: Any) -> Any:
        # Strings and objects are iterable too; without this check "US" would become ("U", "S").
        if not isinstance(value, list):
            raise _Invalid(f"must be an array, not {_kind_name(value)}")
        result = as_list(value, list[element])  # type: ignore[valid-type]
        return result if make is list else tuple(result)

    return structure


def _object_hook(cls: type[T], fn: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    def structure(value: Any, _: Any) -> T:
        if not isinstance(value, dict):
            raise _Invalid(f"must be an object, not {_kind_name(value)}")
        return fn(value, cls)

    return structure


def _union_hook(members: dict[str, type[Any]]) -> Callable[[Any, Any], Any]:
    expected = ", ".join(members)

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _Invalid(f"must be an object, not {_kind_name(value)}")
        tag = value.get("type")
        if tag is None:
            raise _InvalidAt("type", "required key missing")
        cls = members.get(tag) if isinstance(tag, str) else None
        if cls is None:
            raise _InvalidAt("type", f"unknown type {str(tag)[:40]!r}; expected one of: {expected}")
        return _converter.structure(value, cls)

    return structure


_ENUMS: tuple[type[enum.Enum], ...] = (
    TariffStatus,
    ControlKind,
    ControlStatus,
    TruceStatus,
    NegotiationStatus,
    MeasureKind,
    Granularity,
    ChangeKind,
)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(detailed_validation=True)
    for cls in (str, int, float):
        conv.register_structure_hook(cls, _strict(cls))
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(date, _structure_date)
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_unstructure_hook(Rate, lambda rate: str(rate.percent))
    conv.register_structure_hook(Rate, _structure_rate)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(bool, _structure_bool)
    # Per class: a StrEnum is also a str, and the str hook must not claim it.
    for enum_cls in (*_ENUMS,):
        conv.register_structure_hook(enum_cls, _structure_enum)
    conv.register_structure_hook_factory(
        lambda cls: _is_homogeneous_tuple(cls) or _is_list(cls), _sequence_factory
    )
    return conv


_converter = _make_converter()


def _register_classes() -> None:
    # Hooks are looked up when a class's function is generated: leaves and unions come first.
    _register_union(dict(EVENT_TYPES))
    _register_union({c.TYPE: c for c in (Tariff, ExportControl)})
    plain: tuple[type, ...] = (Product, DateSpan, Evidence, Item, ItemRef)
    for cls in plain:
        _converter.register_structure_hook(cls, _object_hook(cls, make_dict_structure_fn(cls, _converter)))
    for event_cls in EVENT_TYPES.values():
        unstructure = make_dict_unstructure_fn(event_cls, _converter)
        tag = event_cls.TYPE
        # A closure per class: the "type" tag leads each event object on the wire.
        _converter.register_unstructure_hook(
            event_cls,
            lambda obj, _u=unstructure, _t=tag: {"type": _t, **_u(obj)},
        )
        _converter.register_structure_hook(
            event_cls, _object_hook(event_cls, make_dict_structure_fn(event_cls, _converter))
        )
    # Built after the events, which they contain.
    for cls in (Change, Alert, Observation, MeasureState):
        _converter.register_structure_hook(cls, _object_hook(cls, make_dict_structure_fn(cls, _converter)))


def _register_union(members: dict[str, type[Any]]) -> None:
    """Tagged structuring for a union of events, alone or optional, however the type is spelled."""
    hook = _union_hook(members)
    classes = set(members.values())
    _converter.register_structure_hook_func(lambda t: _union_of(t) == classes, hook)
    _converter.register_structure_hook_func(
        lambda t: _union_of(t) == classes | {type(None)},
        lambda value, t: None if value is None else hook(value, t),
    )


def _union_of(cls: Any) -> set[Any]:
    origin: Any = typing.get_origin(cls)
    return set(typing.get_args(cls)) if origin is typing.Union or origin is types.UnionType else set()


_register_classes()


def _problems(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Flatten cattrs' exception groups into (path, reason) pairs."""
    if isinstance(exc, ClassValidationError):
        named, unnamed = exc.group_exceptions()
        found = [p for sub, note in named for p in _problems(sub, f"{path}.{note.name}")]
        return found + [p for sub in unnamed for p in _problems(sub, path)]
    if isinstance(exc, IterableValidationError):
        indexed, unindexed = exc.group_exceptions()
        found = [p for sub, note in indexed for p in _problems(sub, f"{path}[{note.index}]")]
        return found + [p for sub in unindexed for p in _problems(sub, path)]
    if isinstance(exc, InvalidValueError):  # a model validator, run by the class's __init__
        return [(f"{path}.{exc.field}", exc.reason)]
    if isinstance(exc, _InvalidAt):
        return [(f"{path}.{exc.key}", str(exc))]
    if isinstance(exc, KeyError):
        return [(path, "required key missing")]
    if isinstance(exc, _Invalid | ValueError | TypeError):
        return [(path, str(exc) or type(exc).__name__)]
    raise exc  # pragma: no cover - a bug in a hook, not bad input


def _clean(path: str) -> str:
    return path.removeprefix("$").removeprefix(".")


def _name(cls: Any) -> str:
    if cls == Event:
        return "event"
    if typing.get_origin(cls) is list:
        return f"list of {_name(typing.get_args(cls)[0])}s"
    return str(getattr(cls, "__name__", cls))


def to_dict(obj: Any) -> Any:
    """Plain JSON-ready data for a model object (or a list of them), without an envelope."""
    return _converter.unstructure(obj)


def from_dict(data: Any, cls: type[T] | Any = Event) -> T:
    """Build `cls` (by default any `Event`, chosen by ``"type"``) from plain data; raises `DecodeError`."""
    try:
        return cast(T, _converter.structure(data, cls))
    except (ClassValidationError, IterableValidationError, _Invalid, _InvalidAt) as exc:
        problems = [(_clean(p), reason) for p, reason in _problems(exc, "$")]
        raise DecodeError(problems, _name(cls)) from None
    except RecursionError:
        raise DecodeError([("", "nested too deeply")], _name(cls)) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:  # pragma: no cover - safety net
        # A shape no hook foresaw; still the documented error, never a cattrs traceback.
        raise DecodeError([("", f"invalid document ({exc})")], _name(cls)) from None


def _is_event_list(obj: Any) -> bool:
    return isinstance(obj, list | tuple) and all(type(x) in EVENT_TYPES.values() for x in obj)


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """A JSON document with a ``schema`` version: one model object, or a list of events."""
    if _is_event_list(obj):
        body: dict[str, Any] = {"schema": SCHEMA, "events": to_dict(list(obj))}
    elif attrs.has(type(obj)):
        body = {"schema": SCHEMA, **to_dict(obj)}
    else:
        raise TypeError(f"to_json takes a tradewatch model object or a list of events, not {obj!r}")
    return json.dumps(body, ensure_ascii=False, indent=indent)


def from_json(document: str | bytes, cls: type[T] | Any = Event) -> T:
    """Decode a document written by `to_json`. Use ``cls=list[Event]`` for a list of events.

    Raises `DecodeError` for anything that is not such a document, and never anything else.
    """
    what = _name(cls)
    try:
        data = json.loads(document)
    except UnicodeDecodeError as exc:
        raise DecodeError([("", f"not UTF-8 text ({exc.reason} at byte {exc.start})")], what) from None
    except json.JSONDecodeError as exc:
        raise DecodeError(
            [("", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")], what
        ) from None
    except RecursionError:
        raise DecodeError([("", "nested too deeply")], what) from None
    if not isinstance(data, dict):
        raise DecodeError([("", f"must be a JSON object, not {_kind_name(data)}")], what)
    schema = data.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise DecodeError([("schema", "missing or not an integer version")], what)
    if not 1 <= schema <= SCHEMA:
        raise DecodeError([("schema", f"version {schema} is not supported (1 to {SCHEMA})")], what)
    if typing.get_origin(cls) is list:
        if "events" not in data:
            raise DecodeError([("events", "required key missing")], what)
        try:
            events: T = from_dict(data["events"], cls)
        except DecodeError as exc:
            problems = [
                (f"events{'' if p.startswith('[') or not p else '.'}{p}" if p else "events", r)
                for p, r in exc.problems
            ]
            raise DecodeError(problems, what) from None
        return events
    obj: T = from_dict({k: v for k, v in data.items() if k != "schema"}, cls)
    return obj


# -- JSON text without the intermediate dicts ----------------------------------------------------------------
#
# A store writes every measure state, change and alert it produces as JSON, and the same event and evidence
# recur in many of them (an item's events, each observation of a state, each change and each alert). `dumps`
# writes the text of `json.dumps(to_dict(obj), ensure_ascii=False)` directly, field by field, and reuses the
# text of an event, an evidence or an observation already written: model objects are immutable, so an
# object's text never changes. The writers below mirror the hooks above field for field; `_check_writers`
# fails at import if a model class gains, loses or reorders a field they do not know of.

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) uses
_str = json.encoder.encode_basestring  # a JSON string without escaping non-ASCII, as that encoder writes it


_V = TypeVar("_V")


class IdentityMemo(typing.Generic[_V]):
    """Values (here the JSON text) of objects already written, by identity, in two generations: what is
    looked up again is kept, what is not is dropped after `size` newer entries.

    Each generation keeps the objects of its entries alive beside their values, so an id in it is never reused
    for another object while the generation exists: a hit is the object asked about. (Values and objects sit
    in a dict and a list rather than in a tuple per entry, which the garbage collector would have to track.)
    Every step reads or replaces a whole generation, or adds to one: safe while other threads use the memo
    (a race costs at most a value computed twice). Private to tradewatch; the store keeps its texts in one."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._young: tuple[dict[int, _V], list[object]] = ({}, [])
        self._old: tuple[dict[int, _V], list[object]] = ({}, [])

    def get(self, obj: object) -> _V | None:
        key = id(obj)
        young = self._young
        value = young[0].get(key)
        if value is None:
            value = self._old[0].get(key)
            if value is not None:
                young[0][key] = value
                young[1].append(obj)
        return value

    def put(self, obj: object, value: _V) -> _V:
        young = self._young
        if len(young[0]) >= self._size:
            self._old = young
            young = self._young = ({}, [])
        young[0][id(obj)] = value
        young[1].append(obj)
        return value

    def get_each(self, objs: Sequence[object]) -> list[_V | None]:
        """`get` of each of `objs`, in one call: a store looks up every observation of every state it writes."""
        young, kept = self._young
        found = [young.get(id(obj)) for obj in objs]
        if None in found:
            old = self._old[0]
            for index, value in enumerate(found):
                if value is None:
                    obj = objs[index]
                    value = old.get(id(obj))
                    if value is not None:
                        young[id(obj)] = found[index] = value
                        kept.append(obj)
        return found

    def put_each(self, pairs: Iterable[tuple[object, _V]]) -> None:
        """`put` of each ``(object, value)`` of `pairs`."""
        size = self._size
        young = self._young
        values, objects = young
        for obj, value in pairs:
            if len(values) >= size:
                self._old = young
                young = self._young = ({}, [])
                values, objects = young
            values[id(obj)] = value
            objects.append(obj)


# Enough for what one poll of a busy feed writes (its events' evidence, the observations of the states they
# touch) and some of what the next one rewrites. Larger memos measured no faster: a state's new
# observations, which must be written anyway, are most of its text; and they held megabytes more.
_TEXTS: IdentityMemo[str] = IdentityMemo(1 << 12)


def _opt_str(value: str | None) -> str:
    return "null" if value is None else _str(value)


def _number(value: float) -> str:
    # json writes a finite float as its repr; anything else (an int confidence, say) as json writes it.
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)
    return _ENCODER.encode(value)


def _any(value: Any) -> str:
    """A field typed Any (a value in its wire form): as `to_dict` would unstructure it."""
    kind = type(value)
    if kind is str:
        return _str(value)
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    if kind is dict and all(type(k) is str and type(v) is str for k, v in value.items()):
        # A date span's wire form: copied as it is, keys in their order.
        return "{" + ", ".join([f"{_str(k)}: {_str(v)}" for k, v in value.items()]) + "}"
    return _ENCODER.encode(_converter.unstructure(value))


def _strs(values: Sequence[str]) -> str:
    return "[" + ", ".join(map(_str, values)) + "]"


def _product(product: Product | None) -> str:
    if product is None:
        return "null"
    return f'{{"name": {_str(product.name)}, "hs_codes": {_strs(product.hs_codes)}}}'


def _span(span: DateSpan | None) -> str:
    if span is None:
        return "null"
    return (
        f'{{"start": "{span.start.isoformat()}", "end": "{span.end.isoformat()}", '
        f'"granularity": {_str(span.granularity)}, "text": {_str(span.text)}}}'
    )


def _rate(rate: Rate | None) -> str:
    return "null" if rate is None else f'"{rate.percent}"'


def _time(value: datetime | None) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'


def _evidence(evidence: Evidence | None) -> str:
    if evidence is None:
        return "null"
    text = _TEXTS.get(evidence)
    if text is None:
        e = evidence
        text = _TEXTS.put(
            e,
            f'{{"sentence": {_str(e.sentence)}, "start": {int.__repr__(e.start)}, '
            f'"end": {int.__repr__(e.end)}, "confidence": {_number(e.confidence)}, '
            f'"item_id": {_opt_str(e.item_id)}, "url": {_opt_str(e.url)}, "source": {_opt_str(e.source)}, '
            f'"published": {_time(e.published)}}}',
        )
    return text


# Each event's text is its body (every field but the evidence, which comes last), its evidence and "}". A store
# writes events with a reference in place of their evidence (`tradewatch.store._common`): it reuses the body
# written for the events table rather than writing the event again and searching the text for its evidence.


def _tariff(e: Tariff) -> str:
    return (
        f'{{"type": "tariff", "imposer": {_str(e.imposer)}, "target": {_str(e.target)}, '
        f'"status": {_str(e.status)}, "product": {_product(e.product)}, "rate": {_rate(e.rate)}, '
        f'"previous_rate": {_rate(e.previous_rate)}, "effective": {_span(e.effective)}, '
        f'"authority": {_opt_str(e.authority)}, "evidence": '
    )


def _export_control(e: ExportControl) -> str:
    return (
        f'{{"type": "export_control", "imposer": {_str(e.imposer)}, "target": {_str(e.target)}, '
        f'"item": {_product(e.item)}, "control": {_str(e.control)}, "status": {_str(e.status)}, '
        f'"effective": {_span(e.effective)}, "evidence": '
    )


def _truce(e: Truce) -> str:
    return (
        f'{{"type": "truce", "parties": {_strs(e.parties)}, "status": {_str(e.status)}, '
        f'"until": {_span(e.until)}, "evidence": '
    )


def _negotiation(e: Negotiation) -> str:
    return (
        f'{{"type": "negotiation", "parties": {_strs(e.parties)}, "status": {_str(e.status)}, '
        f'"venue": {_opt_str(e.venue)}, "round": {_any(e.round)}, "when": {_span(e.when)}, '
        f'"delegates": {_strs(e.delegates)}, "evidence": '
    )


def _threat(e: Threat) -> str:
    return (
        f'{{"type": "threat", "actor": {_str(e.actor)}, "target": {_str(e.target)}, '
        f'"measure": {_event(e.measure)}, "kind": {_str(e.kind)}, "condition": {_opt_str(e.condition)}, '
        f'"deadline": {_span(e.deadline)}, "evidence": '
    )


_BODY_WRITERS: dict[type, Callable[[Any], str]] = {
    Tariff: _tariff,
    ExportControl: _export_control,
    Truce: _truce,
    Negotiation: _negotiation,
    Threat: _threat,
}

# The bodies of the events of a poll are written for the events table and again for the ledger's states,
# changes and alerts: as many as `_TEXTS` holds evidence.
_BODIES: IdentityMemo[str] = IdentityMemo(1 << 12)


def _event_body(event: Event) -> str:
    """The text of `event` up to its evidence: `dumps` writes the event as this, its evidence's text and
    ``}``. (A threat's body holds the text of its measure, evidence and all.)"""
    text = _BODIES.get(event)
    if text is None:
        text = _BODIES.put(event, _BODY_WRITERS[type(event)](event))
    return text


def _event(event: Event | None) -> str:
    if event is None:
        return "null"
    return _event_body(event) + _evidence(event.evidence) + "}"


def _event_once(event: Event) -> str:
    """`_event`, for an event written once (its body not kept)."""
    return _BODY_WRITERS[type(event)](event) + _evidence(event.evidence) + "}"


def _observation(o: Observation) -> str:
    text = _TEXTS.get(o)
    if text is None:
        text = _TEXTS.put(
            o,
            f'{{"field": {_str(o.field)}, "value": {_any(o.value)}, "evidence": {_evidence(o.evidence)}, '
            f'"sources": {_strs(o.sources)}}}',
        )
    return text


def _measure_state(s: MeasureState) -> str:
    return (
        f'{{"key": {_str(s.key)}, "type": {_str(s.type)}, "event": {_event(s.event)}, '
        f'"observations": [{", ".join(map(_observation, s.observations))}], '
        f'"version": {int.__repr__(s.version)}}}'
    )


def _change(c: Change | None) -> str:
    if c is None:
        return "null"
    return (
        f'{{"key": {_str(c.key)}, "kind": {_str(c.kind)}, "event": {_event(c.event)}, '
        f'"field": {_opt_str(c.field)}, "old": {_any(c.old)}, "new": {_any(c.new)}, '
        f'"delta": {"null" if c.delta is None else _str(str(c.delta))}, "days": {_any(c.days)}, '
        f'"previous": {_evidence(c.previous)}, "contradicted": {"true" if c.contradicted else "false"}}}'
    )


def _item_ref(r: ItemRef) -> str:
    return (
        f'{{"id": {_str(r.id)}, "source": {_str(r.source)}, "title": {_str(r.title)}, '
        f'"url": {_opt_str(r.url)}, "published": {_time(r.published)}}}'
    )


def _alert(a: Alert, change: str | None = None) -> str:
    return (
        f'{{"id": {_str(a.id)}, "rule": {_str(a.rule)}, "item": {_item_ref(a.item)}, '
        f'"event": {_event(a.event)}, "change": {_change(a.change) if change is None else change}, '
        f'"created": {_time(a.created)}}}'
    )


_WRITERS: dict[type, Callable[[Any], str]] = {
    **dict.fromkeys(_BODY_WRITERS, _event_once),
    Evidence: _evidence,
    Observation: _observation,
    MeasureState: _measure_state,
    Change: _change,
    Alert: _alert,
    ItemRef: _item_ref,
}

# The fields each writer writes, in order: `_check_writers` compares them with the model's.
_WRITTEN: dict[type, tuple[str, ...]] = {
    Product: ("name", "hs_codes"),
    DateSpan: ("start", "end", "granularity", "text"),
    Rate: ("percent",),
    Evidence: ("sentence", "start", "end", "confidence", "item_id", "url", "source", "published"),
    Tariff: (
        "imposer",
        "target",
        "status",
        "product",
        "rate",
        "previous_rate",
        "effective",
        "authority",
        "evidence",
    ),
    ExportControl: ("imposer", "target", "item", "control", "status", "effective", "evidence"),
    Truce: ("parties", "status", "until", "evidence"),
    Negotiation: ("parties", "status", "venue", "round", "when", "delegates", "evidence"),
    Threat: ("actor", "target", "measure", "kind", "condition", "deadline", "evidence"),
    Observation: ("field", "value", "evidence", "sources"),
    MeasureState: ("key", "type", "event", "observations", "version"),
    Change: ("key", "kind", "event", "field", "old", "new", "delta", "days", "previous", "contradicted"),
    ItemRef: ("id", "source", "title", "url", "published"),
    Alert: ("id", "rule", "item", "event", "change", "created"),
}


def _check_writers() -> None:
    for cls, names in _WRITTEN.items():
        fields = tuple(a.name for a in attrs.fields(cls))
        if fields != names:  # pragma: no cover - guards a model change
            raise RuntimeError(f"serial.dumps writes {cls.__name__} as {names}, but it has fields {fields}")


_check_writers()


def dumps(obj: Any, *, change: str | None = None) -> str:
    """``json.dumps(to_dict(obj), ensure_ascii=False)``, written faster for the model objects a store writes
    (events, evidence, observations, measure states, changes, item references and alerts).

    `change`, for an alert only, is the text already written for its change.
    """
    writer = _WRITERS.get(type(obj))
    if writer is None:
        return json.dumps(to_dict(obj), ensure_ascii=False)
    if change is not None and writer is _alert:
        return _alert(obj, change)
    return writer(obj)
