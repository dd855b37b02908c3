"""What the ledger reports (a `Change`) and what a rule makes of it (an `Alert`)."""

from __future__ import annotations

import enum
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from . import _checks as check
from ._events import EVENT_TYPES, Event
from ._item import Item
from ._values import Evidence


class ChangeKind(enum.StrEnum):
    NEW = "new"  # the first event of a measure the ledger had not seen
    CHANGED = "changed"  # one field of a known measure took a new value


def _event(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) not in EVENT_TYPES.values():
        raise check.InvalidValueError(attribute.name, f"must be an event, not {type(value).__name__}")


def _optional_event(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _event(instance, attribute, value)


def _field_name(instance: Change, attribute: attrs.Attribute[Any], value: str | None) -> None:
    check.text(max_len=100, optional=True)(instance, attribute, value)
    if (value is None) != (instance.kind is ChangeKind.NEW):
        raise check.InvalidValueError(attribute.name, "is required for a 'changed' change, and only for it")


@attrs.frozen(kw_only=True)
class Change:
    """What applying one event did to the ledger.

    `key` is the measure key (see `tradewatch.ledger.measure_key`). A ``new`` change has no `field`; a
    ``changed`` one names the field and carries its `old` and `new` values in the wire format (a rate as
    ``"25"``, a date span as an object, a status as its name), so a change reads the same in Python, in JSON
    and in the store. `delta` is a rate move in percentage points (new - old) and `days` a date move in
    days, where they apply. `event` is the event that brought the change, with its evidence; `previous` is
    the evidence of the value it replaced. `contradicted` is True when another source reported a different
    value for this field within the contradiction window.
    """

    key: str = attrs.field(validator=check.text(max_len=2000))
    kind: ChangeKind = attrs.field(converter=ChangeKind, validator=attrs.validators.instance_of(ChangeKind))
    event: Event = attrs.field(validator=_event)
    field: str | None = attrs.field(default=None, validator=_field_name)
    old: Any = None
    new: Any = None
    delta: Decimal | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Decimal))
    )
    days: int | None = attrs.field(default=None, validator=check.of_type(int, optional=True))
    previous: Evidence | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Evidence))
    )
    contradicted: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))

    @property
    def identity(self) -> tuple[str, str, str, str]:
        """What makes two changes "the same change" (for alert ids): the measure, the field and both
        values; not which item or source reported it."""
        return (self.key, self.kind.value, self.field or "", _canonical([self.old, self.new]))


@attrs.frozen(kw_only=True)
class ItemRef:
    """Enough of an item to find it again and to show it: an alert never carries a whole article."""

    id: str = attrs.field(validator=check.text(max_len=4096))
    source: str = attrs.field(validator=check.text(max_len=500))
    title: str = attrs.field(default="", validator=check.text(max_len=10_000, empty=True))
    url: str | None = attrs.field(default=None, validator=check.text(max_len=4096, optional=True))
    published: datetime = attrs.field(validator=check.aware_datetime())

    @classmethod
    def of(cls, item: Item) -> ItemRef:
        return cls(id=item.id, source=item.source, title=item.title, url=item.url, published=item.published)


@attrs.frozen(kw_only=True)
class Alert:
    """A rule matched: which rule, on which item, for which event and change, and when.

    `id` is stable: the same rule and the same change give the same id whichever item or source reported
    it, so a receiver can drop duplicates (delivery is at least once). Without a change, the id follows the
    rule, the item and the event. Build alerts with `Alert.make`, which computes it.
    """

    id: str = attrs.field(validator=check.text(max_len=200))
    rule: str = attrs.field(validator=check.text(max_len=200))
    item: ItemRef = attrs.field(validator=attrs.validators.instance_of(ItemRef))
    event: Event | None = attrs.field(default=None, validator=_optional_event)
    change: Change | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Change))
    )
    created: datetime = attrs.field(validator=check.aware_datetime())

    @classmethod
    def make(
        cls,
        *,
        rule: str,
        item: ItemRef | Item,
        created: datetime,
        event: Event | None = None,
        change: Change | None = None,
    ) -> Alert:
        ref = item if isinstance(item, ItemRef) else ItemRef.of(item)
        if change is not None and event is None:
            event = change.event
        return cls(
            id=alert_id(rule, ref.id, event, change),
            rule=rule,
            item=ref,
            event=event,
            change=change,
            created=created,
        )


def alert_id(rule: str, item_id: str, event: Event | None, change: Change | None) -> str:
    """The stable id of an alert (32 hex digits)."""
    return _id_of(rule, _id_parts(item_id, event, change))


# The id is a digest of the canonical JSON of a list: ["change", rule, key, kind, field, values] or
# ["item", rule, item id(, event type, event fields)]. Each element of a JSON list is written on its own, so
# the text around the rule's name can be written once and shared by all the rules that alert on one change
# or event (`tradewatch.rules.evaluate` does so): `_id_parts` gives that text, `_id_of` the digest.


def _id_parts(item_id: str, event: Event | None, change: Change | None) -> tuple[str, str]:
    """The canonical JSON of an alert id's list before and after the rule's name."""
    if change is not None:
        # The identity is four strings: written here as `identity` would give them (the values' canonical
        # JSON, itself written as a string), without building them as a tuple first.
        old, new = change.old, change.new
        values = (
            f"[{_encode_str(old) if type(old) is str else _canonical(old)},"
            f"{_encode_str(new) if type(new) is str else _canonical(new)}]"
        )
        return (
            '["change",',
            f",{_encode_str(change.key)},{_encode_str(change.kind.value)},"
            f"{_encode_str(change.field or '')},{_encode_str(values)}]",
        )
    parts: list[Any] = [item_id]
    if event is not None:
        try:
            fields = _fields_json(event)
        except _Unwritten:
            fields = _CANONICAL.encode(_fields(event))
        parts += [event.TYPE, fields]
    return '["item",', "," + ",".join(map(_canonical, parts)) + "]"


def _fields(event: Event) -> dict[str, Any]:
    """What an event's part of an alert id is the canonical JSON of: its fields but the evidence, nested
    values as dicts and lists."""
    return attrs.asdict(event, filter=lambda a, _v: a.name != "evidence", recurse=True)


class _Unwritten(Exception):
    """A value of a type `_fields_json` does not write."""


#: By attrs class: ``(name, "name":)`` of each of its fields but evidence, sorted by name as ``sort_keys``
#: sorts the keys of the dict `attrs.asdict` makes of it.
_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _fields_json(value: Any) -> str:
    """``_CANONICAL.encode(_fields(value))``, written directly: `attrs.asdict` would build a dict of each
    value and a list of each tuple only to have them written. Raises `_Unwritten` on a value of a type other
    than those events are made of (the caller then takes the general way)."""
    cls = type(value)
    if cls is str:
        return _encode_str(value)
    if value is None:
        return "null"
    keys = _KEYS.get(cls)
    if keys is not None:
        return "{" + ",".join([key + _fields_json(getattr(value, name)) for name, key in keys]) + "}"
    if cls is tuple or cls is list:
        return "[" + ",".join(map(_fields_json, value)) + "]"
    if cls is Decimal or cls is date:
        return _encode_str(str(value))  # the encoder's default (str), written as a string
    if cls is int:
        return int.__repr__(value)
    if isinstance(value, str):  # an enum's member: the encoder writes its value
        return _encode_str(value)
    if attrs.has(cls):
        _KEYS[cls] = tuple(
            sorted((a.name, _encode_str(a.name) + ":") for a in attrs.fields(cls) if a.name != "evidence")
        )
        return _fields_json(value)
    raise _Unwritten


def _id_of(rule: str, parts: tuple[str, str]) -> str:
    return hashlib.sha256((parts[0] + _canonical(rule) + parts[1]).encode()).hexdigest()[:32]


# What json.dumps builds anew on every call with these arguments.
_CANONICAL = json.JSONEncoder(sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
_encode_str = json.encoder.encode_basestring  # how that encoder writes a str


def _canonical(value: Any) -> str:
    # Most values are strings or None (names, keys, wire values): written without setting up the encoder.
    if type(value) is str:
        return _encode_str(value)
    if value is None:
        return "null"
    if type(value) is list:
        # A JSON array is its elements, each written alone, joined by the separator.
        return "[" + ",".join(map(_canonical, value)) + "]"
    return _CANONICAL.encode(value)


_new = object.__new__
_set = object.__setattr__


def _alert(
    id: str, rule: str, item: ItemRef, event: Event | None, change: Change | None, created: datetime
) -> Alert:
    """An `Alert` without running its validators, for `tradewatch.rules.evaluate`, which makes many alerts
    of one rule, item and time: it validates those with the first alert it makes of them, and checks the
    type of each event and change itself."""
    alert: Alert = _new(Alert)
    _set(alert, "id", id)
    _set(alert, "rule", rule)
    _set(alert, "item", item)
    _set(alert, "event", event)
    _set(alert, "change", change)
    _set(alert, "created", created)
    return alert


if tuple(a.name for a in attrs.fields(Alert)) != ("id", "rule", "item", "event", "change", "created"):
    raise RuntimeError("the unchecked Alert builder is out of date")  # pragma: no cover - a model change
