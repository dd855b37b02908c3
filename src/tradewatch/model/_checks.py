"""Field checks shared by the model classes.

attrs runs these at construction; each raises `InvalidValueError`, whose message starts with the field's
name so that a caller (and `tradewatch.serial`, which prefixes the document path) can say what is wrong.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, NewType

import attrs

from ._countries import COUNTRY_NAMES

#: Codes accepted besides ISO 3166-1 alpha-2: the European Union, and "all countries".
EXTRA_JURISDICTIONS = {"EU": "European Union", "*": "all countries"}
#: Common non-ISO spellings, accepted and normalised because news and people write them.
JURISDICTION_ALIASES = {"UK": "GB", "EL": "GR"}


class InvalidValueError(ValueError):
    """A model field was given a value it cannot hold.

    `field` is the attribute's name, `reason` says why; `str()` is ``"<field>: <reason>"``.
    """

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def is_jurisdiction(code: object) -> bool:
    return isinstance(code, str) and (code in COUNTRY_NAMES or code in EXTRA_JURISDICTIONS)


#: An ISO 3166-1 alpha-2 code ("US", "CN"), "EU" for the European Union or "*" for all countries.
Jurisdiction = NewType("Jurisdiction", str)


def to_jurisdiction(code: str) -> Jurisdiction:
    """Upper-case and resolve aliases; leaves anything else for the validator to reject."""
    if not isinstance(code, str):
        return code  # type: ignore[unreachable]  # the validator names the field and the type
    code = code.strip().upper()
    return Jurisdiction(JURISDICTION_ALIASES.get(code, code))


def jurisdiction(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_jurisdiction(value):
        raise InvalidValueError(attribute.name, f"{value!r} is not an ISO 3166-1 alpha-2 code, 'EU' or '*'")


def specific_jurisdiction(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    jurisdiction(_inst, attribute, value)
    if value == "*":
        raise InvalidValueError(attribute.name, "must name a jurisdiction, not '*'")


def of_type(*types: type, optional: bool = False) -> Validator:
    """Like `attrs.validators.instance_of`, but raising `InvalidValueError` and refusing bool for int."""
    names = " or ".join(t.__name__ for t in types) + (" or None" if optional else "")

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) and bool not in types:
            raise InvalidValueError(attribute.name, f"must be {names}, not bool")
        if not isinstance(value, types):
            raise InvalidValueError(attribute.name, f"must be {names}, not {type(value).__name__}")

    return check


def plain_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # datetime is a subclass of date; a span of days must not silently carry a time of day.
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(attribute.name, f"must be a date, not {type(value).__name__}")


def aware_datetime(optional: bool = False) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, datetime):
            raise InvalidValueError(attribute.name, f"must be a datetime, not {type(value).__name__}")
        if value.utcoffset() is None:
            raise InvalidValueError(attribute.name, "must be timezone-aware")

    return check


def text(*, max_len: int = 100_000, optional: bool = False, empty: bool = False) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str):
            raise InvalidValueError(attribute.name, f"must be a string, not {type(value).__name__}")
        if not empty and not value.strip():
            raise InvalidValueError(attribute.name, "must not be empty")
        if len(value) > max_len:
            raise InvalidValueError(attribute.name, f"must be at most {max_len} characters")

    return check


def unit_interval(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(attribute.name, f"must be a number, not {type(value).__name__}")
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise InvalidValueError(attribute.name, f"must be between 0 and 1, not {value!r}")


def member_of(enum: type) -> Validator:
    allowed = ", ".join(m.value for m in enum)  # type: ignore[attr-defined]

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, enum):
            raise InvalidValueError(attribute.name, f"must be one of: {allowed}; got {value!r}")

    return check


def to_enum(enum: type) -> Callable[[Any], Any]:
    """Accept an enum member or its value ("raised"); anything else is left for `member_of`."""

    def convert(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, enum):
            try:
                return enum(value.strip().lower())
            except ValueError:
                return value
        return value

    return convert


def sorted_unique(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(sorted(set(values)))


def unique_in_order(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(values))
