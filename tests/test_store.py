"""What only one kind of store does: SQLite files (reopening, WAL, user_version migrations, files that are not
databases, `open_store` for paths and ``":memory:"``) and PostgreSQL databases (migrating an empty database,
refusing a newer schema, `open_store` for URLs, errors that do not show passwords); and the check an
`ItemRecord` makes of itself.

What every store must do is in tests/test_store_contract.py.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from stores import T0, PostgresDatabases, item, poll, src, unseen
from tradewatch.model import MeasureState
from tradewatch.store import (
    SCHEMA_VERSION,
    ItemRecord,
    SchemaVersionError,
    SqliteStore,
    StoreError,
    open_store,
)
from tradewatch.store._common import gc_paused
from tradewatch.store._sqlite import migrate


def test_a_record_needs_a_story_key() -> None:
    with pytest.raises(ValueError, match="story_keys"):
        ItemRecord(item=item("1"), story_keys=())


# -- SQLite files and migrations ----------------------------------------------------------------------------


def test_a_file_store_keeps_everything_across_reopening(tmp_path: Path) -> None:
    path = tmp_path / "tw.sqlite"
    with SqliteStore(path) as store:
        store.upsert_sources([src("a")], now=T0)
        poll(store, "a", ["1"], t=0)
    with SqliteStore(path) as store:
        assert unseen(store, "a", ["1", "2"]) == {"2"}
        assert store.health("a").last_success == T0
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def test_migrating_an_empty_file_creates_every_table(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    SqliteStore(path).close()
    assert {"sources", "seen", "items", "events", "stories", "story_keys", "story_sources"} <= _tables(path)
    assert {"ledger", "ledger_history", "outbox"} <= _tables(path)


def test_migrating_from_an_older_version_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=2) == 0
    conn.execute(
        "INSERT INTO sources (name, url, configured_url, interval_s, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        ("kept", "https://feeds.example/k.xml", "https://feeds.example/k.xml", 60.0, T0.timestamp(), 0.0),
    )
    columns = {r[1] for r in conn.execute("PRAGMA table_info(ledger_history)")}
    conn.close()
    assert "id" not in columns  # version 2's history table, replaced by step 3
    with SqliteStore(path) as store:
        assert [s.source.name for s in store.sources()] == ["kept"]
    conn = sqlite3.connect(path, isolation_level=None)
    assert "id" in {r[1] for r in conn.execute("PRAGMA table_info(ledger_history)")}
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn) == SCHEMA_VERSION  # nothing left to do
    conn.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaVersionError, match=f"schema version {SCHEMA_VERSION + 1}"):
        SqliteStore(path)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="junk.sqlite"):
        SqliteStore(path)
    with pytest.raises(StoreError, match="cannot open"):
        SqliteStore(tmp_path / "missing-dir" / "x.sqlite")


def test_open_store_accepts_paths_memory_and_stores(tmp_path: Path) -> None:
    with SqliteStore(":memory:") as mine:
        assert open_store(mine) is mine
    opened = open_store(tmp_path / "p.sqlite")
    assert isinstance(opened, SqliteStore)
    opened.close()
    with pytest.raises(TypeError, match="store must be"):
        open_store(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="seen_keep_polls"):
        SqliteStore(":memory:", seen_keep_polls=0)


# -- PostgreSQL databases -----------------------------------------------------------------------------------


def _query(url: str, sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(sql)  # type: ignore[arg-type]
        return cursor.fetchall() if cursor.description else []


def test_polls_committed_from_several_threads_never_decode_the_states_this_store_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The store keeps the states it wrote decoded; a poll committing right after another (the watcher's poll
    # threads do) must find the version just written there, not decode it again from the file.
    from test_store_contract import Reactor, report, tariff
    from tradewatch.store import _sqlite

    decoded: list[object] = []
    from_dict = _sqlite.serial.from_dict

    def counting(data: Any, cls: Any) -> Any:
        decoded.append(cls)
        return from_dict(data, cls)

    remember = SqliteStore._remember

    def slow_remember(self: SqliteStore, states: Any) -> None:
        time.sleep(0.005)  # widens the moment between a commit and the memo that knows it
        remember(self, states)

    monkeypatch.setattr(_sqlite.serial, "from_dict", counting)
    monkeypatch.setattr(SqliteStore, "_remember", slow_remember)
    names = ["a", "b", "c", "d"]
    errors: list[BaseException] = []
    with SqliteStore(tmp_path / "tw.sqlite") as store:
        store.upsert_sources([src(n) for n in names], now=T0)
        report(store, "a", "a0", [tariff(10, source="a", item_id="a0")], t=0, react=Reactor())

        def move(name: str) -> None:
            try:
                for n in range(1, 8):
                    event = tariff(10 + n, source=name, item_id=f"{name}{n}", hours=n)
                    report(store, name, f"{name}{n}", [event], t=n * 3600, react=Reactor())
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=move, args=(n,)) for n in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert decoded.count(MeasureState) == 0
        (state,) = store.measures()  # read from the file: decoded here
        assert state.version == 1 + 7 * len(names)


@pytest.mark.postgres
def test_stores_opened_at_once_on_an_empty_database_migrate_it_once(empty_database: str) -> None:
    from tradewatch.store import PostgresStore
    from tradewatch.store._pg_schema import SCHEMA_VERSION as PG_SCHEMA_VERSION

    opened: list[PostgresStore] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def open_one() -> None:
        try:
            start.wait()
            opened.append(PostgresStore(empty_database, pool_size=2))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert _query(empty_database, "SELECT version FROM tradewatch_schema") == [(PG_SCHEMA_VERSION,)]
        assert {store.schema_version() for store in opened} == {PG_SCHEMA_VERSION}
        opened[0].upsert_sources([src("a")], now=T0)
        assert poll(opened[1], "a", ["1"], t=0) == {"1"}
        assert unseen(opened[2], "a", ["1", "2"]) == {"2"}
    finally:
        for store in opened:
            store.close()


@pytest.mark.postgres
def test_a_postgres_database_from_a_newer_version_is_refused(empty_database: str) -> None:
    from tradewatch.store import PostgresStore

    PostgresStore(empty_database).close()
    _query(empty_database, "UPDATE tradewatch_schema SET version = version + 1")
    ((newer,),) = _query(empty_database, "SELECT version FROM tradewatch_schema")
    with pytest.raises(SchemaVersionError, match=f"schema version {newer}"):
        PostgresStore(empty_database)


@pytest.mark.postgres
def test_open_store_opens_postgres_urls(empty_database: str) -> None:
    from tradewatch.store import PostgresStore

    for url in (empty_database, empty_database.replace("postgresql://", "postgres://", 1)):
        store = open_store(url)
        try:
            assert isinstance(store, PostgresStore)
            store.upsert_sources([src("a")], now=T0)
            assert [s.source.name for s in store.sources()] == ["a"]
        finally:
            store.close()


@pytest.mark.postgres
def test_a_postgres_error_names_the_database_but_not_the_password(
    postgres_databases: PostgresDatabases,
) -> None:
    from tradewatch.store import PostgresStore

    parts = urlsplit(postgres_databases.server)
    host = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    url = f"postgresql://{parts.username or 'postgres'}:s3cret-pw@{host}/tw_no_such_database"
    with pytest.raises(StoreError, match="tw_no_such_database") as info:
        PostgresStore(url, connect_timeout=5)
    assert "s3cret-pw" not in str(info.value)


@pytest.mark.postgres
def test_a_database_with_a_linguistic_collation_lists_in_code_point_order(
    postgres_databases: PostgresDatabases,
) -> None:
    # Most production databases are created with a language's collation (en_US.UTF-8 and the like), which
    # sorts "B" after "a" and ignores punctuation; the store's listings must not depend on it.
    from psycopg import errors

    from tradewatch.store import PostgresStore

    try:
        url = postgres_databases.create(
            empty=True, options="TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
        )
    except (errors.FeatureNotSupported, errors.InvalidParameterValue, errors.SyntaxError) as exc:
        pytest.skip(f"this server cannot make an ICU database: {exc}")
    names = ["a-c", "ab", "B", "a", "_z", "Z"]
    try:
        with PostgresStore(url) as store:
            store.upsert_sources([src(n) for n in names], now=T0)
            assert [s.source.name for s in store.sources()] == sorted(names)
            assert [c.source.name for c in store.claim_due("me", 10, timedelta(minutes=5), now=T0)] == sorted(
                names
            )
    finally:
        postgres_databases.drop(url)


def test_collection_resumes_when_the_last_of_overlapping_commits_ends() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        first, second = gc_paused(), gc_paused()
        first.__enter__()
        second.__enter__()  # another thread's commit, begun while the first goes on
        first.__exit__(None, None, None)
        assert not gc.isenabled()  # the second still runs
        second.__exit__(None, None, None)
        assert gc.isenabled()
        gc.disable()  # a program that turned collection off keeps it off
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
