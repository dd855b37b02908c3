"""The typed trade-policy domain: values, events and items (attrs, frozen, keyword-only)."""

from ._alert import Alert, Change, ChangeKind, ItemRef, alert_id
from ._checks import InvalidValueError, Jurisdiction
from ._events import (
    EVENT_TYPES,
    ControlKind,
    ControlStatus,
    Event,
    ExportControl,
    MeasureKind,
    Negotiation,
    NegotiationStatus,
    Tariff,
    TariffStatus,
    Threat,
    Truce,
    TruceStatus,
)
from ._item import Item
from ._ledger import MeasureState, Observation
from ._values import (
    DateSpan,
    Evidence,
    Granularity,
    MonthPart,
    Product,
    Rate,
    jurisdiction,
    jurisdiction_name,
)

__all__ = [
    "EVENT_TYPES",
    "Alert",
    "Change",
    "ChangeKind",
    "ControlKind",
    "ControlStatus",
    "DateSpan",
    "Event",
    "Evidence",
    "ExportControl",
    "Granularity",
    "InvalidValueError",
    "Item",
    "ItemRef",
    "Jurisdiction",
    "MeasureKind",
    "MeasureState",
    "MonthPart",
    "Negotiation",
    "NegotiationStatus",
    "Observation",
    "Product",
    "Rate",
    "Tariff",
    "TariffStatus",
    "Threat",
    "Truce",
    "TruceStatus",
    "alert_id",
    "jurisdiction",
    "jurisdiction_name",
]
