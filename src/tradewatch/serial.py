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
import types
import typing
from collections.abc import Callable, Sequence
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
    NegotiationStatus,
    Observation,
    Product,
    Rate,
    Tariff,
    TariffStatus,
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
