"""Storage behind one `Store` protocol: sources with their schedule, leases, validators and health; the
per-source seen-set; items, events and stories; the ledger and outbox tables.

`SqliteStore` is the embedded default. See docs/watcher.md for the guarantees every store gives.
"""

from ._open import open_store
from ._protocol import (
    Claim,
    Committed,
    Delivery,
    DeliveryStatus,
    Fresh,
    ItemRecord,
    OutboxEntry,
    Outgoing,
    PollResult,
    React,
    Reaction,
    SchemaVersionError,
    SourceStatus,
    StateLoader,
    Store,
    StoredItem,
    StoreError,
    Story,
    UnknownSourceError,
)
from ._schema import SCHEMA_VERSION
from ._sqlite import SqliteStore

__all__ = [
    "SCHEMA_VERSION",
    "Claim",
    "Committed",
    "Delivery",
    "DeliveryStatus",
    "Fresh",
    "ItemRecord",
    "OutboxEntry",
    "Outgoing",
    "PollResult",
    "React",
    "Reaction",
    "SchemaVersionError",
    "SourceStatus",
    "SqliteStore",
    "StateLoader",
    "Store",
    "StoreError",
    "StoredItem",
    "Story",
    "UnknownSourceError",
    "open_store",
]
