"""The five kinds of trade-policy event, each with the evidence it was read from."""

from __future__ import annotations

import enum
from typing import Any, ClassVar, TypeAlias

import attrs

from . import _checks as check
from ._checks import InvalidValueError, Jurisdiction
from ._values import (
    DateSpan,
    Evidence,
    Product,
    Rate,
    optional_rate,
    to_optional_product,
    to_optional_rate,
)


class TariffStatus(enum.StrEnum):
    ANNOUNCED = "announced"
    IN_FORCE = "in_force"
    RAISED = "raised"
    LOWERED = "lowered"
    SUSPENDED = "suspended"
    LIFTED = "lifted"
    EXTENDED = "extended"
    DEMANDED = "demanded"
    PROPOSED = "proposed"
    EXEMPTED = "exempted"


class ControlKind(enum.StrEnum):
    BAN = "ban"
    LICENCE = "licence"
    ENTITY_LIST = "entity_list"
    QUOTA = "quota"
    OTHER = "other"


class ControlStatus(enum.StrEnum):
    IMPOSED = "imposed"
    TIGHTENED = "tightened"
    RELAXED = "relaxed"
    LIFTED = "lifted"
    DEMANDED = "demanded"
    PROPOSED = "proposed"


class TruceStatus(enum.StrEnum):
    AGREED = "agreed"
    EXTENDED = "extended"
    EXPIRED = "expired"
    ENDED = "ended"


class NegotiationStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CONCLUDED = "concluded"
    SUSPENDED = "suspended"
    PROPOSED = "proposed"


class MeasureKind(enum.StrEnum):
    """What a threat threatens."""

    TARIFF = "tariff"
    EXPORT_CONTROL = "export_control"
    SANCTION = "sanction"
    OTHER = "other"


# Named converters, one per enum: the attrs mypy plugin reads a converter's parameter type as the type
# __init__ accepts, so ``Tariff(status="raised")`` type-checks as well as it runs.
def _tariff_status(value: TariffStatus | str) -> TariffStatus:
    return check.to_enum(TariffStatus)(value)  # type: ignore[no-any-return]


def _control_kind(value: ControlKind | str) -> ControlKind:
    return check.to_enum(ControlKind)(value)  # type: ignore[no-any-return]


def _control_status(value: ControlStatus | str) -> ControlStatus:
    return check.to_enum(ControlStatus)(value)  # type: ignore[no-any-return]


def _truce_status(value: TruceStatus | str) -> TruceStatus:
    return check.to_enum(TruceStatus)(value)  # type: ignore[no-any-return]


def _negotiation_status(value: NegotiationStatus | str) -> NegotiationStatus:
    return check.to_enum(NegotiationStatus)(value)  # type: ignore[no-any-return]


def _optional(cls: type, **kwargs: Any) -> Any:
    return attrs.field(default=None, validator=check.of_type(cls, optional=True), **kwargs)


def _evidence_field() -> Any:
    return attrs.field(validator=check.of_type(Evidence))


def _differs_from_imposer(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    check.jurisdiction(instance, attribute, value)
    if value == instance.imposer:
        raise InvalidValueError(attribute.name, f"must differ from imposer ({value})")


def _parties(values: Any) -> Any:
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        return values
    try:
        return check.sorted_unique(check.to_jurisdiction(v) for v in values)
    except TypeError:
        return tuple(values)


def _two_or_more_parties(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(attribute.name, "must be a list of jurisdictions")
    for party in value:
        check.specific_jurisdiction(instance, attribute, party)
    if len(value) < 2:
        raise InvalidValueError(attribute.name, "must name at least two distinct jurisdictions")


@attrs.frozen(kw_only=True)
class Tariff:
    """A duty that `imposer` levies on goods from `target` (``"*"``: from every country).

    `product` is None when the duty covers all goods. `rate` is the new ad valorem rate and
    `previous_rate` the one it replaces, where the source states them.
    """

    TYPE: ClassVar[str] = "tariff"

    imposer: Jurisdiction = attrs.field(
        converter=check.to_jurisdiction, validator=check.specific_jurisdiction
    )
    target: Jurisdiction = attrs.field(converter=check.to_jurisdiction, validator=_differs_from_imposer)
    status: TariffStatus = attrs.field(converter=_tariff_status, validator=check.member_of(TariffStatus))
    product: Product | None = _optional(Product, converter=to_optional_product)
    rate: Rate | None = attrs.field(default=None, converter=to_optional_rate, validator=optional_rate)
    previous_rate: Rate | None = attrs.field(
        default=None, converter=to_optional_rate, validator=optional_rate
    )
    effective: DateSpan | None = _optional(DateSpan)
    authority: str | None = attrs.field(default=None, validator=check.text(max_len=200, optional=True))
    evidence: Evidence = _evidence_field()


@attrs.frozen(kw_only=True)
class ExportControl:
    """A restriction that `imposer` puts on exports of `item` to `target` (``"*"``: to everyone).

    `item` is None when the control covers everything, as an Entity List listing does.
    """

    TYPE: ClassVar[str] = "export_control"

    imposer: Jurisdiction = attrs.field(
        converter=check.to_jurisdiction, validator=check.specific_jurisdiction
    )
    target: Jurisdiction = attrs.field(converter=check.to_jurisdiction, validator=_differs_from_imposer)
    item: Product | None = _optional(Product, converter=to_optional_product)
    control: ControlKind = attrs.field(converter=_control_kind, validator=check.member_of(ControlKind))
    status: ControlStatus = attrs.field(converter=_control_status, validator=check.member_of(ControlStatus))
    effective: DateSpan | None = _optional(DateSpan)
    evidence: Evidence = _evidence_field()


@attrs.frozen(kw_only=True)
class Truce:
    """A pause in escalation between `parties` (sorted, distinct), in force `until` a date."""

    TYPE: ClassVar[str] = "truce"

    parties: tuple[Jurisdiction, ...] = attrs.field(converter=_parties, validator=_two_or_more_parties)
    status: TruceStatus = attrs.field(converter=_truce_status, validator=check.member_of(TruceStatus))
    until: DateSpan | None = _optional(DateSpan)
    evidence: Evidence = _evidence_field()


def _round(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check.of_type(int, optional=True)(_inst, attribute, value)
    if isinstance(value, int) and not 1 <= value <= 1000:
        raise InvalidValueError(attribute.name, f"must be between 1 and 1000, not {value}")


def _names(values: Any) -> Any:
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        return values
    return check.unique_in_order(v.strip() if isinstance(v, str) else v for v in values)


def _delegates(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(attribute.name, "must be a list of names")
    for name in value:
        check.text(max_len=200)(instance, attribute, name)


@attrs.frozen(kw_only=True)
class Negotiation:
    """Talks between `parties`: where (`venue`), which `round`, when, and who (`delegates`)."""

    TYPE: ClassVar[str] = "negotiation"

    parties: tuple[Jurisdiction, ...] = attrs.field(converter=_parties, validator=_two_or_more_parties)
    status: NegotiationStatus = attrs.field(
        converter=_negotiation_status, validator=check.member_of(NegotiationStatus)
    )
    venue: str | None = attrs.field(default=None, validator=check.text(max_len=200, optional=True))
    round: int | None = attrs.field(default=None, validator=_round)
    when: DateSpan | None = _optional(DateSpan)
    delegates: tuple[str, ...] = attrs.field(default=(), converter=_names, validator=_delegates)
    evidence: Evidence = _evidence_field()


def _kind_of(measure: Tariff | ExportControl | None) -> MeasureKind:
    if isinstance(measure, Tariff):
        return MeasureKind.TARIFF
    if isinstance(measure, ExportControl):
        return MeasureKind.EXPORT_CONTROL
    return MeasureKind.OTHER


def _measure(instance: Threat, attribute: attrs.Attribute[Any], value: object) -> None:
    check.of_type(Tariff, ExportControl, optional=True)(instance, attribute, value)
    if isinstance(value, Tariff | ExportControl) and value.imposer != instance.actor:
        raise InvalidValueError(
            attribute.name, f"imposer {value.imposer} must be the threat's actor {instance.actor}"
        )


def _to_measure_kind(value: MeasureKind | str) -> MeasureKind:
    return check.to_enum(MeasureKind)(value)  # type: ignore[no-any-return]


def _kind(instance: Threat, attribute: attrs.Attribute[Any], value: object) -> None:
    check.member_of(MeasureKind)(instance, attribute, value)
    if instance.measure is not None and value != _kind_of(instance.measure):
        raise InvalidValueError(
            attribute.name, f"{value} does not match the measure ({_kind_of(instance.measure)})"
        )
    if instance.measure is None and value in (MeasureKind.TARIFF, MeasureKind.EXPORT_CONTROL):
        raise InvalidValueError("measure", f"is required when kind is {value}")


@attrs.frozen(kw_only=True)
class Threat:
    """`actor` threatens `target` with a measure, unless a `condition` is met by a `deadline`.

    A threatened tariff or export control is nested as `measure` (its status is usually ``proposed``);
    sanctions and other threats have no measure and say so in `kind`, which otherwise follows the measure.
    """

    TYPE: ClassVar[str] = "threat"

    actor: Jurisdiction = attrs.field(converter=check.to_jurisdiction, validator=check.specific_jurisdiction)
    target: Jurisdiction = attrs.field(converter=check.to_jurisdiction, validator=check.jurisdiction)
    measure: Tariff | ExportControl | None = attrs.field(default=None, validator=_measure)
    kind: MeasureKind = attrs.field(
        default=attrs.Factory(lambda self: _kind_of(self.measure), takes_self=True),
        converter=_to_measure_kind,
        validator=_kind,
    )
    condition: str | None = attrs.field(default=None, validator=check.text(max_len=1000, optional=True))
    deadline: DateSpan | None = _optional(DateSpan)
    evidence: Evidence = _evidence_field()


#: Any trade-policy event. The wire name of each is its ``TYPE`` (the JSON ``"type"`` field).
Event: TypeAlias = Tariff | ExportControl | Truce | Negotiation | Threat
EVENT_TYPES: dict[str, type[Event]] = {
    cls.TYPE: cls for cls in (Tariff, ExportControl, Truce, Negotiation, Threat)
}
