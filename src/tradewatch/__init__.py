"""tradewatch: watch trade-policy news and learn, with the evidence, when a measure you care about changes.

The public names live here; everything else is private to the package and may change.
"""

from . import feeds, serial, store
from .config import ConfigError
from .extract import Extractor, RuleBasedExtractor, extract
from .feeds import FetchError, NotAFeedError, ParseError, Source, SourceHealth
from .model import (
    ControlKind,
    ControlStatus,
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    Granularity,
    InvalidValueError,
    Item,
    Jurisdiction,
    MeasureKind,
    MonthPart,
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
    jurisdiction_name,
)
from .serial import DecodeError
from .watcher import ItemBatch, NewItem, PollReport, PollStatus, SourceOutcome, Watcher, set_fetch_limit

__version__ = "0.1.0.dev0"

__all__ = [
    "ConfigError",
    "ControlKind",
    "ControlStatus",
    "DateSpan",
    "DecodeError",
    "Event",
    "Evidence",
    "ExportControl",
    "Extractor",
    "FetchError",
    "Granularity",
    "InvalidValueError",
    "Item",
    "ItemBatch",
    "Jurisdiction",
    "MeasureKind",
    "MonthPart",
    "Negotiation",
    "NegotiationStatus",
    "NewItem",
    "NotAFeedError",
    "ParseError",
    "PollReport",
    "PollStatus",
    "Product",
    "Rate",
    "RuleBasedExtractor",
    "Source",
    "SourceHealth",
    "SourceOutcome",
    "Tariff",
    "TariffStatus",
    "Threat",
    "Truce",
    "TruceStatus",
    "Watcher",
    "__version__",
    "extract",
    "feeds",
    "jurisdiction",
    "jurisdiction_name",
    "serial",
    "set_fetch_limit",
    "store",
]
