"""The values that events are made of: jurisdictions, rates, products, date spans and evidence."""

from __future__ import annotations

import calendar
import enum
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from . import _checks as check
from ._checks import InvalidValueError, Jurisdiction
from ._countries import COUNTRY_NAMES

MAX_RATE = Decimal(10_000)


def jurisdiction(code: str) -> Jurisdiction:
    """Validate and normalise a jurisdiction code: ``jurisdiction("uk") == "GB"``."""
    normal = check.to_jurisdiction(code)
    if not check.is_jurisdiction(normal):
        raise InvalidValueError("jurisdiction", f"{code!r} is not an ISO 3166-1 alpha-2 code, 'EU' or '*'")
    return Jurisdiction(normal)


def jurisdiction_name(code: str) -> str:
    """A short English name for a code: ``jurisdiction_name("CN") == "China"``."""
    normal = jurisdiction(code)
    return COUNTRY_NAMES.get(normal) or check.EXTRA_JURISDICTIONS[normal]


def _to_decimal(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        # via str so that 7.5 stays 7.5 and 0.1 does not become 0.1000000000000000055...
        value = repr(value)
    if isinstance(value, int | str):
        try:
            return Decimal(value.strip().rstrip("%").strip() if isinstance(value, str) else value)
        except InvalidOperation:
            return value
    return value


def _rate_percent(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal):
        raise InvalidValueError(attribute.name, f"must be a number, not {value!r}")
    if not value.is_finite():
        raise InvalidValueError(attribute.name, f"must be finite, not {value}")
    if value < 0:
        raise InvalidValueError(attribute.name, "must be >= 0")
    if value > MAX_RATE:
        raise InvalidValueError(attribute.name, f"must be <= {MAX_RATE}")


@attrs.frozen(order=True)
class Rate:
    """An ad valorem rate in percent: ``Rate(25)`` is 25%. Between 0 and 10,000.

    Arithmetic between rates is in percentage points: ``Rate(100) - Rate(25) == Decimal(75)``.
    """

    percent: Decimal = attrs.field(converter=_to_decimal, validator=_rate_percent)

    def __sub__(self, other: Rate) -> Decimal:
        if not isinstance(other, Rate):
            return NotImplemented
        return self.percent - other.percent

    def __str__(self) -> str:
        return f"{self.percent.normalize():f}%"


def to_rate(value: Rate | Decimal | int | float | str) -> Rate:
    """`Rate` from a rate, a number, or a string such as ``"25"`` or ``"7.5%"``."""
    return value if isinstance(value, Rate) else Rate(value)


def to_optional_rate(value: Rate | Decimal | int | float | str | None) -> Rate | None:
    # A value that is no rate passes through unchanged so that `rate_field` can report it under the
    # field's own name ("previous_rate: must be >= 0") rather than as Rate's "percent".
    try:
        return None if value is None else to_rate(value)
    except InvalidValueError:
        return value  # type: ignore[return-value]


def optional_rate(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or isinstance(value, Rate):
        return
    try:
        Rate(value)
    except InvalidValueError as exc:
        raise InvalidValueError(attribute.name, exc.reason) from None
    raise InvalidValueError(attribute.name, f"must be a rate, not {type(value).__name__}")


_SPACES = re.compile(r"\s+")
_HS_CODE = re.compile(r"\d{2}(?:\d{2}){0,4}")


def _normal_name(value: Any) -> Any:
    return _SPACES.sub(" ", value).strip().lower() if isinstance(value, str) else value


def _normal_hs_codes(values: Any) -> Any:
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        return values
    codes = [v.replace(".", "").replace(" ", "") if isinstance(v, str) else v for v in values]
    try:
        return check.sorted_unique(codes)
    except TypeError:  # unorderable mix; the validator names it
        return tuple(codes)


def _hs_codes(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(attribute.name, "must be a list of HS codes")
    for code in value:
        if not isinstance(code, str) or not _HS_CODE.fullmatch(code):
            raise InvalidValueError(attribute.name, f"{code!r} is not an HS code of 2-10 digits")


@attrs.frozen(order=True, kw_only=True)
class Product:
    """What a measure covers: a normalised (lowercase) name and optional Harmonized System codes."""

    name: str = attrs.field(converter=_normal_name, validator=check.text(max_len=200))
    hs_codes: tuple[str, ...] = attrs.field(default=(), converter=_normal_hs_codes, validator=_hs_codes)


def to_product(value: Product | str) -> Product:
    return Product(name=value) if isinstance(value, str) else value


def to_optional_product(value: Product | str | None) -> Product | None:
    return None if value is None else to_product(value)


class Granularity(enum.StrEnum):
    """How precisely a `DateSpan` was stated."""

    DAY = "day"
    WEEK = "week"
    PART_OF_MONTH = "part_of_month"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


_GRANULARITY_RANK = {g: i for i, g in enumerate(Granularity)}


def _to_granularity(value: Granularity | str) -> Granularity:
    return check.to_enum(Granularity)(value)  # type: ignore[no-any-return]


class MonthPart(enum.StrEnum):
    EARLY = "early"
    MID = "mid"
    LATE = "late"


def _span_end(instance: DateSpan, attribute: attrs.Attribute[Any], value: date) -> None:
    check.plain_date(instance, attribute, value)
    if value < instance.start:
        raise InvalidValueError("end", f"must not be before start ({value} < {instance.start})")


@attrs.frozen(order=True, kw_only=True)
class DateSpan:
    """The days a phrase such as "early November" or "for 90 days" may mean, both ends included.

    A date is a span, never a guessed day: "early November" is 1-10 November. `text` keeps the phrase.
    Spans order by start, then end.
    """

    start: date = attrs.field(validator=check.plain_date)
    end: date = attrs.field(validator=_span_end)
    granularity: Granularity = attrs.field(
        default=Granularity.DAY,
        converter=_to_granularity,
        validator=check.member_of(Granularity),
        order=_GRANULARITY_RANK.__getitem__,
    )
    text: str = attrs.field(default="", validator=check.text(max_len=500, empty=True))

    @classmethod
    def day(cls, day: date, text: str = "") -> DateSpan:
        return cls(start=day, end=day, granularity=Granularity.DAY, text=text)

    @classmethod
    def week_of(cls, day: date, text: str = "") -> DateSpan:
        """Monday to Sunday of the week that holds `day`."""
        monday = day - timedelta(days=day.weekday())
        return cls(start=monday, end=monday + timedelta(days=6), granularity=Granularity.WEEK, text=text)

    @classmethod
    def month(cls, year: int, month: int, text: str = "") -> DateSpan:
        last = calendar.monthrange(year, month)[1]
        return cls(
            start=date(year, month, 1),
            end=date(year, month, last),
            granularity=Granularity.MONTH,
            text=text,
        )

    @classmethod
    def part_of_month(cls, year: int, month: int, part: MonthPart | str, text: str = "") -> DateSpan:
        """Early = days 1-10, mid = 11-20, late = 21 to the month's end."""
        part = MonthPart(part)
        last = calendar.monthrange(year, month)[1]
        first, final = {MonthPart.EARLY: (1, 10), MonthPart.MID: (11, 20)}.get(part, (21, last))
        return cls(
            start=date(year, month, first),
            end=date(year, month, final),
            granularity=Granularity.PART_OF_MONTH,
            text=text,
        )

    @classmethod
    def quarter(cls, year: int, quarter: int, text: str = "") -> DateSpan:
        if not 1 <= quarter <= 4:
            raise InvalidValueError("quarter", f"must be 1-4, not {quarter}")
        first_month = 3 * quarter - 2
        last = calendar.monthrange(year, first_month + 2)[1]
        return cls(
            start=date(year, first_month, 1),
            end=date(year, first_month + 2, last),
            granularity=Granularity.QUARTER,
            text=text,
        )

    @classmethod
    def year(cls, year: int, text: str = "") -> DateSpan:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31), granularity=Granularity.YEAR, text=text)

    @property
    def days(self) -> int:
        """How many days the span covers (1 for a single day)."""
        return (self.end - self.start).days + 1

    def contains(self, other: date | DateSpan) -> bool:
        """True if the day, or every day of the span, lies within this span."""
        if isinstance(other, DateSpan):
            return self.start <= other.start and other.end <= self.end
        day = other.date() if isinstance(other, datetime) else other
        return self.start <= day <= self.end

    def overlaps(self, other: DateSpan) -> bool:
        """True if the two spans share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        days = str(self.start) if self.start == self.end else f"{self.start}..{self.end}"
        return f"{self.text} ({days})" if self.text else days


def _span_in_text(instance: Evidence, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(attribute.name, f"must be an integer, not {type(value).__name__}")
    if attribute.name == "start" and value < 0:
        raise InvalidValueError("start", "must be >= 0")
    if attribute.name == "end" and value - instance.start != len(instance.sentence):
        raise InvalidValueError(
            "end", f"start..end must span the sentence ({len(instance.sentence)} characters)"
        )


@attrs.frozen(kw_only=True)
class Evidence:
    """Where a fact was read: the item, the sentence, its place in the item's text, and how sure we are.

    ``text[start:end] == sentence`` for the item's `text`, or for its title when only the headline states
    the fact. `confidence` is in [0, 1].
    """

    sentence: str = attrs.field(validator=check.text(max_len=20_000))
    start: int = attrs.field(validator=_span_in_text)
    end: int = attrs.field(validator=_span_in_text)
    confidence: float = attrs.field(validator=check.unit_interval)
    item_id: str | None = attrs.field(default=None, validator=check.text(optional=True))
    url: str | None = attrs.field(default=None, validator=check.text(max_len=4096, optional=True))
    source: str | None = attrs.field(default=None, validator=check.text(max_len=500, optional=True))
    published: datetime | None = attrs.field(default=None, validator=check.aware_datetime(optional=True))

    @classmethod
    def quote(cls, text: str, start: int, end: int, *, confidence: float, **context: Any) -> Evidence:
        """Evidence for ``text[start:end]``; `context` holds item_id, url, source, published."""
        return cls(sentence=text[start:end], start=start, end=end, confidence=confidence, **context)
