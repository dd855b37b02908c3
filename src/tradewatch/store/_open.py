"""Turn what a user wrote (a path, ``":memory:"``, or a store object) into a `Store`."""

from __future__ import annotations

import os

from ._protocol import Store
from ._sqlite import SqliteStore

__all__ = ["open_store"]


def open_store(spec: str | os.PathLike[str] | Store) -> Store:
    """A store from a file path (SQLite, created if missing), ``":memory:"`` (SQLite in memory, for tests), or
    an object that already implements `Store` (returned as it is)."""
    if isinstance(spec, str | os.PathLike):
        return SqliteStore(spec)
    if isinstance(spec, Store):
        return spec
    raise TypeError(f"store must be a path, ':memory:' or a Store, not {type(spec).__name__}")
