"""Turn what a user wrote (a path, ``":memory:"``, a PostgreSQL URL, or a store object) into a `Store`."""

from __future__ import annotations

import os
from datetime import timedelta

from ._common import DELIVERED_KEEP, ITEMS_KEEP
from ._protocol import Store
from ._sqlite import SqliteStore

__all__ = ["is_postgres_url", "open_store"]


def is_postgres_url(spec: object) -> bool:
    """Whether `spec` names a PostgreSQL database (``postgresql://`` or ``postgres://``) rather than a file."""
    return isinstance(spec, str) and spec.startswith(("postgresql://", "postgres://"))


def open_store(
    spec: str | os.PathLike[str] | Store,
    *,
    items_keep: timedelta | None = ITEMS_KEEP,
    delivered_keep: timedelta | None = DELIVERED_KEEP,
) -> Store:
    """A store from a PostgreSQL URL (``postgresql://user:password@host:port/dbname``, needs the extra
    ``tradewatch[postgres]``), a file path (SQLite, created if missing), ``":memory:"`` (SQLite in memory,
    for tests), or an object that already implements `Store` (returned as it is, with its own retention).
    `items_keep` and `delivered_keep` are how long `Store.prune` keeps items and delivered alerts (None:
    forever)."""
    if is_postgres_url(spec):
        assert isinstance(spec, str)
        return postgres_store(spec, items_keep=items_keep, delivered_keep=delivered_keep)
    if isinstance(spec, str | os.PathLike):
        return SqliteStore(spec, items_keep=items_keep, delivered_keep=delivered_keep)
    if isinstance(spec, Store):
        return spec
    raise TypeError(
        f"store must be a path, ':memory:', a postgresql:// URL or a Store, not {type(spec).__name__}"
    )


def postgres_store(
    url: str, *, items_keep: timedelta | None = ITEMS_KEEP, delivered_keep: timedelta | None = DELIVERED_KEEP
) -> Store:
    try:
        from ._postgres import PostgresStore
    except ImportError as exc:  # psycopg is an optional dependency
        raise ImportError(
            f"a PostgreSQL store needs psycopg 3: pip install 'tradewatch[postgres]' ({exc})"
        ) from exc
    return PostgresStore(url, items_keep=items_keep, delivered_keep=delivered_keep)
