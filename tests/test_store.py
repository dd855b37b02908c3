"""The SQLite store: schedule, leases and fencing, seen-set and pruning, stories, migrations, threads."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tradewatch import Evidence, Item, Tariff
from tradewatch.feeds import Source, Validators
from tradewatch.store import (
    SCHEMA_VERSION,
    Claim,
    ItemRecord,
    PollResult,
    SchemaVersionError,
    SqliteStore,
    Store,
    StoreError,
    UnknownSourceError,
    open_store,
)
from tradewatch.store._sqlite import migrate

T0 = datetime(2025, 8, 12, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def src(name: str, *, interval: float = 60, url: str | None = None, **kw: object) -> Source:
    return Source(name=name, url=url or f"https://feeds.example/{name}.xml", interval=interval, **kw)  # type: ignore[arg-type]


def item(item_id: str, source: str = "a", title: str | None = None) -> Item:
    return Item(
        id=item_id,
        source=source,
        title=title if title is not None else f"Officials discuss measure {item_id} at length",
        text="The United States raised its tariff on Chinese steel to 50% from 25%.",
        url=f"https://news.example/{source}/{item_id}",
        published=T0,
    )


def record(it: Item, *, keys: tuple[str, ...] | None = None, **kw: object) -> ItemRecord:
    return ItemRecord(item=it, story_keys=keys or (f"url:{it.url}",), **kw)  # type: ignore[arg-type]


def parsed_result(
    claim: Claim, ids: list[str], new: list[ItemRecord], *, t: float, due: float = 60
) -> PollResult:
    return PollResult(
        name=claim.source.name,
        epoch=claim.epoch,
        polled_at=at(t),
        due_at=at(t + due),
        present_ids=tuple(ids),
        new_items=tuple(new),
        validators=Validators(etag='"e1"'),
    )


def poll(store: SqliteStore, name: str, ids: list[str], *, t: float, owner: str = "me") -> set[str]:
    """One parsed poll of `name` that lists `ids`; returns the ids the store took as new."""
    (claim,) = store.claim([name], owner, LEASE, now=at(t))
    fresh = unseen(store, name, ids)
    records = [record(item(i, name)) for i in ids if i in fresh]
    committed = store.commit_poll(owner, parsed_result(claim, ids, records, t=t), now=at(t))
    assert committed is not None
    return set(committed.stories)


def unseen(store: SqliteStore, name: str, ids: list[str]) -> set[str]:
    return set(ids) - store.seen_ids(name)


@pytest.fixture
def store() -> Iterator[SqliteStore]:
    with SqliteStore(":memory:") as s:
        yield s


# -- sources and schedule ---------------------------------------------------------------------------------


def test_new_sources_are_due_at_once_and_have_empty_health(store: SqliteStore) -> None:
    store.upsert_sources([src("b"), src("a", tags=("us", "official"))], now=T0)
    (a, b) = store.sources()
    assert a.source == src("a", tags=("official", "us"))
    assert a.url == a.source.url
    assert a.health.due_at == T0
    assert a.health.last_polled is None
    assert a.health.consecutive_failures == 0
    assert store.health("b") == b.health
    assert isinstance(store, Store)


def test_unknown_source_health_is_a_key_error(store: SqliteStore) -> None:
    with pytest.raises(UnknownSourceError, match="no source named 'nope'") as info:
        store.health("nope")
    assert isinstance(info.value, KeyError)


def test_shorter_interval_brings_due_time_forward(store: SqliteStore) -> None:
    store.upsert_sources([src("a", interval=3600)], now=T0)
    (claim,) = store.claim_due("me", 10, LEASE, now=T0)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=0, due=3600), now=T0)
    store.upsert_sources([src("a", interval=60)], now=at(10))
    assert store.health("a").due_at == at(70)
    store.upsert_sources([src("a", interval=60, tags=("x",))], now=at(20))  # same interval: unchanged
    assert store.health("a").due_at == at(70)


def test_redirected_url_survives_upsert_but_a_new_configured_url_resets_state(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    result = PollResult(
        name="a",
        epoch=claim.epoch,
        polled_at=T0,
        due_at=at(600),
        url="https://moved.example/a.xml",
        validators=Validators(etag='"x"'),
        error_kind="gone",
        error="HTTP 410",
        disable="gone (HTTP 410)",
    )
    assert store.commit_poll("me", result, now=T0) is not None
    store.upsert_sources([src("a")], now=at(1))
    (status,) = store.sources()
    assert status.url == "https://moved.example/a.xml"
    assert status.health.disabled_reason == "gone (HTTP 410)"
    assert status.health.due_at is None  # not scheduled while disabled
    store.upsert_sources([src("a", url="https://elsewhere.example/a.xml")], now=at(2))
    (status,) = store.sources()
    assert status.url == "https://elsewhere.example/a.xml"
    assert status.health.disabled_reason is None
    assert status.health.consecutive_failures == 0
    assert status.health.due_at == at(2)
    (claim,) = store.claim_due("me", 1, LEASE, now=at(2))
    assert claim.validators == Validators()


def test_remove_sources_deletes_their_rows(store: SqliteStore) -> None:
    store.upsert_sources([src("a"), src("b")], now=T0)
    poll(store, "a", ["1", "2"], t=0)
    assert store.remove_sources(["a", "zzz"]) == 1
    assert [s.source.name for s in store.sources()] == ["b"]
    assert store.items() == []


# -- leases ---------------------------------------------------------------------------------------------


def test_claim_due_takes_due_enabled_unleased_sources_most_overdue_first(store: SqliteStore) -> None:
    store.upsert_sources([src("a"), src("off", enabled=False)], now=T0)
    store.upsert_sources([src("b")], now=at(-30))  # added earlier: more overdue
    store.upsert_sources([src("c")], now=at(100))  # not due before t=100
    claims = store.claim_due("me", 10, LEASE, now=at(1))
    assert [c.source.name for c in claims] == ["b", "a"]
    assert all(c.owner == "me" and c.lease_until == at(1) + LEASE for c in claims)
    assert store.claim_due("other", 10, LEASE, now=at(2)) == []  # all leased
    assert [c.source.name for c in store.claim_due("other", 10, LEASE, now=at(200))] == ["c"]


def test_claim_due_respects_the_limit(store: SqliteStore) -> None:
    store.upsert_sources([src(f"s{i}") for i in range(5)], now=T0)
    assert len(store.claim_due("me", 2, LEASE, now=T0)) == 2
    assert len(store.claim_due("me", 10, LEASE, now=T0)) == 3
    assert store.claim_due("me", 0, LEASE, now=T0) == []


def test_claim_by_name_ignores_the_schedule_but_not_other_leases(store: SqliteStore) -> None:
    store.upsert_sources([src("a"), src("b"), src("gone")], now=T0)
    (held,) = store.claim(["gone"], "me", LEASE, now=T0)
    store.commit_poll(
        "me",
        PollResult(
            name="gone", epoch=held.epoch, polled_at=T0, due_at=at(60), error_kind="gone", disable="gone"
        ),
        now=T0,
    )
    (_a,) = store.claim(["a"], "other", LEASE, now=T0)
    claims = store.claim(["a", "b", "gone", "unknown"], "me", LEASE, now=at(1))
    assert [c.source.name for c in claims] == ["b"]


def test_expired_lease_is_taken_over_and_the_old_owner_is_fenced(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    (first,) = store.claim_due("one", 1, timedelta(seconds=30), now=T0)
    assert store.claim_due("two", 1, LEASE, now=at(10)) == []  # still held
    (second,) = store.claim_due("two", 1, LEASE, now=at(31))  # expired: taken over
    assert second.epoch == first.epoch + 1
    stale = parsed_result(first, ["x"], [record(item("x"))], t=32)
    assert store.commit_poll("one", stale, now=at(32)) is None
    assert store.health("a").last_polled is None
    assert unseen(store, "a", ["x"]) == {"x"}
    fresh = parsed_result(second, ["y"], [record(item("y"))], t=33)
    assert store.commit_poll("two", fresh, now=at(33)) is not None
    assert unseen(store, "a", ["x", "y"]) == {"x"}


def test_a_stale_epoch_of_the_same_owner_cannot_commit(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    (old,) = store.claim_due("me", 1, timedelta(seconds=5), now=T0)
    (new,) = store.claim_due("me", 1, LEASE, now=at(6))
    assert store.commit_poll("me", parsed_result(old, [], [], t=7), now=at(7)) is None
    assert store.commit_poll("me", parsed_result(new, [], [], t=7), now=at(7)) is not None


def test_an_expired_lease_cannot_commit_even_if_nobody_took_it(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim_due("me", 1, timedelta(seconds=5), now=T0)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=6), now=at(6)) is None


def test_commit_releases_the_lease_and_sets_the_schedule(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim_due("me", 1, LEASE, now=T0)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=1, due=90), now=at(1))
    assert store.health("a").due_at == at(91)
    assert store.claim_due("me", 1, LEASE, now=at(90)) == []
    (again,) = store.claim(["a"], "other", LEASE, now=at(2))  # released: free to claim
    assert again.validators == Validators(etag='"e1"')
    assert again.baselined


def test_release_gives_leases_back_without_polling(store: SqliteStore) -> None:
    store.upsert_sources([src("a"), src("b")], now=T0)
    claims = store.claim_due("me", 2, LEASE, now=T0)
    store.release([])
    store.release(claims)
    assert len(store.claim_due("other", 2, LEASE, now=T0)) == 2
    store.release(claims)  # stale: the new owner's leases stay
    assert store.claim_due("third", 2, LEASE, now=T0) == []


def test_failure_counts_and_success_resets(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    for n in (1, 2):
        (claim,) = store.claim(["a"], "me", LEASE, now=at(n))
        failed = PollResult(
            name="a",
            epoch=claim.epoch,
            polled_at=at(n),
            due_at=at(n + 60),
            error_kind="timeout",
            error="slow",
        )
        assert store.commit_poll("me", failed, now=at(n))
        health = store.health("a")
        assert (health.consecutive_failures, health.last_error_kind, health.last_error) == (
            n,
            "timeout",
            "slow",
        )
        assert health.last_success is None
        assert health.last_polled == at(n)
    (claim,) = store.claim(["a"], "me", LEASE, now=at(3))
    assert claim.failures == 2
    assert not claim.baselined
    ok = PollResult(name="a", epoch=claim.epoch, polled_at=at(3), due_at=at(63))
    store.commit_poll("me", ok, now=at(3))
    health = store.health("a")
    assert (health.consecutive_failures, health.last_error_kind, health.last_success) == (0, None, at(3))
    (claim,) = store.claim(["a"], "me", LEASE, now=at(4))
    assert not claim.baselined  # a 304 or failure is no baseline; only a parsed feed is


def test_database_clock_is_used_when_no_time_is_given(store: SqliteStore) -> None:
    store.upsert_sources([src("a")])
    due = store.health("a").due_at
    assert due is not None
    assert abs(due - datetime.now(UTC)) < timedelta(seconds=5)
    (claim,) = store.claim_due("me", 1, LEASE)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=0)) is not None


# -- seen-set, items, stories -------------------------------------------------------------------------------


def test_items_are_new_once_and_stored_with_their_events(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    text = "The United States raised its tariff on Chinese steel to 50% from 25%."
    tariff = Tariff(
        imposer="US",
        target="CN",
        product="steel",
        rate="50",
        previous_rate="25",
        status="raised",
        evidence=Evidence.quote(text, 0, len(text), confidence=0.8, item_id="1", source="a", published=T0),
    )
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    new = [record(item("1"), events=(tariff,), baseline=True), record(item("2"))]
    committed = store.commit_poll("me", parsed_result(claim, ["1", "2"], new, t=0), now=T0)
    assert committed is not None
    assert list(committed.stories) == ["1", "2"]
    stored = {s.item.id: s for s in store.items("a")}
    assert stored["1"].events == (tariff,)
    assert stored["1"].baseline
    assert stored["1"].first_of_story
    assert stored["1"].item == item("1")
    assert stored["2"].events == ()
    assert not stored["2"].baseline
    assert stored["1"].events[0].rate.percent == Decimal(50)  # type: ignore[union-attr]
    assert unseen(store, "a", ["1", "2", "3"]) == {"3"}
    assert poll(store, "a", ["1", "2", "3"], t=60) == {"3"}
    assert [s.item.id for s in store.items(limit=1)] == ["3"]


def test_an_item_already_seen_is_not_stored_twice(store: SqliteStore) -> None:
    store.upsert_sources([src("a")], now=T0)
    poll(store, "a", ["1"], t=0)
    (claim,) = store.claim(["a"], "me", LEASE, now=at(1))
    committed = store.commit_poll("me", parsed_result(claim, ["1"], [record(item("1"))], t=1), now=at(1))
    assert committed is not None
    assert dict(committed.stories) == {}
    assert len(store.items()) == 1


def test_seen_ids_missing_long_enough_are_pruned_but_never_those_in_the_latest_feed() -> None:
    with SqliteStore(":memory:", seen_keep_polls=2, seen_keep=timedelta(days=1)) as store:
        store.upsert_sources([src("a")], now=T0)
        day = 86400.0
        poll(store, "a", ["old", "stays"], t=0)
        poll(store, "a", ["stays"], t=1)
        poll(store, "a", ["stays"], t=2)
        poll(store, "a", ["stays"], t=3)  # "old" missing for 3 polls, but only for seconds: kept
        assert unseen(store, "a", ["old", "stays"]) == set()
        poll(store, "a", ["stays"], t=2 * day)  # missing > 2 polls and > 1 day: forgotten
        assert unseen(store, "a", ["old", "stays"]) == {"old"}
        for k in range(5):  # "stays" has been seen since t=0 and is still published: never forgotten
            poll(store, "a", ["stays"], t=(10 + k) * day)
        assert unseen(store, "a", ["stays"]) == set()
        assert poll(store, "a", ["old", "stays"], t=20 * day) == {"old"}  # back after forgetting: new again


def test_seen_ids_are_kept_through_unchanged_polls() -> None:
    with SqliteStore(":memory:", seen_keep_polls=1, seen_keep=timedelta(0)) as store:
        store.upsert_sources([src("a")], now=T0)
        poll(store, "a", ["1"], t=0)
        for n in range(1, 5):  # 304s parse nothing: the last parsed feed still holds "1"
            (claim,) = store.claim(["a"], "me", LEASE, now=at(n * 86400))
            unchanged = PollResult(
                name="a", epoch=claim.epoch, polled_at=at(n * 86400), due_at=at(n * 86400 + 60)
            )
            assert store.commit_poll("me", unchanged, now=at(n * 86400))
        assert unseen(store, "a", ["1"]) == set()


def test_the_same_story_on_two_sources_is_first_once_and_counted(store: SqliteStore) -> None:
    store.upsert_sources([src("a"), src("b")], now=T0)
    title = "title:us raises tariff on chinese steel"

    def commit(name: str, item_id: str, keys: tuple[str, ...], t: float) -> tuple[str, bool, int]:
        (claim,) = store.claim([name], "me", LEASE, now=at(t))
        rec = record(item(item_id, name), keys=keys)
        committed = store.commit_poll("me", parsed_result(claim, [item_id], [rec], t=t), now=at(t))
        assert committed is not None
        story = committed.stories[item_id]
        return story.key, story.first, story.sources

    assert commit("a", "a1", ("url:a.example/1", title), 0) == ("url:a.example/1", True, 1)
    # another link, same headline: recognised by the title, joins the first story
    assert commit("b", "b1", ("url:b.example/9", title), 1) == ("url:a.example/1", False, 2)
    # the same source repeating the story does not corroborate it
    assert commit("b", "b2", ("url:b.example/9",), 2) == ("url:a.example/1", False, 2)
    assert commit("a", "a2", ("title:something else entirely here",), 3) == (
        "title:something else entirely here",
        True,
        1,
    )
    first = {s.item.id: s.first_of_story for s in store.items()}
    assert first == {"a1": True, "b1": False, "b2": False, "a2": True}


def test_old_stories_are_pruned() -> None:
    with SqliteStore(":memory:", seen_keep=timedelta(days=1)) as store:
        store.upsert_sources([src("a"), src("b")], now=T0)
        (claim,) = store.claim(["a"], "me", LEASE, now=T0)
        store.commit_poll("me", parsed_result(claim, ["1"], [record(item("1"), keys=("k",))], t=0), now=T0)
        assert store.prune(now=at(3600)) == 0
        assert store.prune(now=at(2 * 86400)) == 1
        (claim,) = store.claim(["b"], "me", LEASE, now=at(2 * 86400))
        later = parsed_result(claim, ["2"], [record(item("2", "b"), keys=("k",))], t=2 * 86400)
        committed = store.commit_poll("me", later, now=at(2 * 86400))
        assert committed is not None
        assert committed.stories["2"].first


def test_a_record_needs_a_story_key() -> None:
    with pytest.raises(ValueError, match="story_keys"):
        ItemRecord(item=item("1"), story_keys=())


# -- files, migrations, threads ----------------------------------------------------------------------------


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


def test_migrating_from_the_previous_version_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=SCHEMA_VERSION - 1) == 0
    conn.execute(
        "INSERT INTO sources (name, url, configured_url, interval_s, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        ("kept", "https://feeds.example/k.xml", "https://feeds.example/k.xml", 60.0, T0.timestamp(), 0.0),
    )
    columns = {r[1] for r in conn.execute("PRAGMA table_info(ledger_history)")}
    conn.close()
    assert "id" not in columns  # the previous version's history table, replaced by the last step
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


def test_a_closed_store_raises(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "x.sqlite")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.sources()


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


def test_times_must_be_aware(store: SqliteStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.upsert_sources([src("a")], now=datetime(2025, 1, 1))


def test_one_memory_store_is_shared_safely_by_threads(store: SqliteStore) -> None:
    names = [f"s{i}" for i in range(40)]
    store.upsert_sources([src(n) for n in names], now=T0)
    polled: list[str] = []
    errors: list[BaseException] = []

    def worker(owner: str) -> None:
        try:
            while claims := store.claim_due(owner, 3, LEASE, now=T0):
                for claim in claims:
                    ids = [f"{claim.source.name}-{k}" for k in range(5)]
                    fresh = unseen(store, claim.source.name, ids)
                    new = [record(item(i, claim.source.name)) for i in ids if i in fresh]
                    assert store.commit_poll(owner, parsed_result(claim, ids, new, t=0), now=T0)
                    polled.append(claim.source.name)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(polled) == sorted(names)
    assert len(store.items(limit=1000)) == 200


def test_two_stores_on_one_file_never_claim_the_same_source(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    names = [f"s{i}" for i in range(60)]
    with SqliteStore(path) as setup:
        setup.upsert_sources([src(n) for n in names], now=T0)
    claimed: dict[str, list[str]] = {"p1": [], "p2": []}

    def claimer(owner: str) -> None:
        with SqliteStore(path) as mine:
            while claims := mine.claim_due(owner, 2, LEASE, now=T0):
                claimed[owner] += [c.source.name for c in claims]

    threads = [threading.Thread(target=claimer, args=(o,)) for o in claimed]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed["p1"] + claimed["p2"]) == sorted(names)
