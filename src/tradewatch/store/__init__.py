"""Storage behind one `Store` protocol: sources with their schedule, leases, validators and health; the
per-source seen-set; items, events and stories; the ledger and outbox tables.

`SqliteStore` is the embedded default; `PostgresStore` (extra ``tradewatch[postgres]``, imported on first use)
serves several watcher processes on several machines. See docs/watcher.md for the guarantees every store gives.
"""

from typing import TYPE_CHECKING, Any

from ._open import is_postgres_url, open_store
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

if TYPE_CHECKING:
    from ._postgres import PostgresStore

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
    "PostgresStore",
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
    "is_postgres_url",
    "open_store",
]


def __getattr__(name: str) -> Any:
    # psycopg is optional: import the PostgreSQL store only when it is asked for.
    if name == "PostgresStore":
        from ._postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
