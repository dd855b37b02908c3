"""What every `Store` must do, run on each store: SQLite, and PostgreSQL when TRADEWATCH_TEST_PG names a server
(see tests/stores.py).

Sources and their schedule; leases, their expiry and fencing by epoch; the seen-set and its pruning; items,
events and stories; the ledger and the outbox written by `commit_poll`'s reaction; delivery leases, retries,
parking and replay; `on_outbox`; threads sharing a store, and several store objects on one database.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

from stores import (
    LEASE,
    T0,
    StoreFactory,
    at,
    item,
    parsed_result,
    poll,
    record,
    src,
    unseen,
    write_behind,
)
from tradewatch import Evidence, Tariff, Truce, rules, serial
from tradewatch.feeds import Validators
from tradewatch.ledger import Ledger, measure_key
from tradewatch.model import Alert, ChangeKind, Event, ItemRef, MeasureState
from tradewatch.store import (
    Committed,
    DeliveryStatus,
    Fresh,
    Outgoing,
    PollResult,
    Reaction,
    StateLoader,
    Store,
    StoreError,
    UnknownSourceError,
)

# -- sources and schedule ---------------------------------------------------------------------------------


def test_new_sources_are_due_at_once_and_have_empty_health(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("b"), src("a", tags=("us", "official"))], now=T0)
    (a, b) = store.sources()
    assert a.source == src("a", tags=("official", "us"))
    assert a.url == a.source.url
    assert a.health.due_at == T0
    assert a.health.last_polled is None
    assert a.health.consecutive_failures == 0
    assert store.health("b") == b.health
    assert isinstance(store, Store)


def test_unknown_source_health_is_a_key_error(any_store: Store) -> None:
    with pytest.raises(UnknownSourceError, match="no source named 'nope'") as info:
        any_store.health("nope")
    assert isinstance(info.value, KeyError)


def test_shorter_interval_brings_due_time_forward(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a", interval=3600)], now=T0)
    (claim,) = store.claim_due("me", 10, LEASE, now=T0)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=0, due=3600), now=T0)
    store.upsert_sources([src("a", interval=60)], now=at(10))
    assert store.health("a").due_at == at(70)
    store.upsert_sources([src("a", interval=60, tags=("x",))], now=at(20))  # same interval: unchanged
    assert store.health("a").due_at == at(70)


def test_redirected_url_survives_upsert_but_a_new_configured_url_resets_state(any_store: Store) -> None:
    store = any_store
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


def test_remove_sources_deletes_their_rows(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("b")], now=T0)
    poll(store, "a", ["1", "2"], t=0)
    assert store.remove_sources(["a", "zzz"]) == 1
    assert [s.source.name for s in store.sources()] == ["b"]
    assert store.items() == []
    assert store.seen_ids("a") == frozenset()
    store.upsert_sources([src("a")], now=at(1))  # back again: a source with nothing seen
    assert poll(store, "a", ["1"], t=1) == {"1"}


# -- leases ---------------------------------------------------------------------------------------------


def test_claim_due_takes_due_enabled_unleased_sources_most_overdue_first(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("off", enabled=False)], now=T0)
    store.upsert_sources([src("b")], now=at(-30))  # added earlier: more overdue
    store.upsert_sources([src("c")], now=at(100))  # not due before t=100
    claims = store.claim_due("me", 10, LEASE, now=at(1))
    assert [c.source.name for c in claims] == ["b", "a"]
    assert all(c.owner == "me" and c.lease_until == at(1) + LEASE for c in claims)
    assert store.claim_due("other", 10, LEASE, now=at(2)) == []  # all leased
    assert [c.source.name for c in store.claim_due("other", 10, LEASE, now=at(200))] == ["c"]


def test_claim_due_respects_the_limit(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src(f"s{i}") for i in range(5)], now=T0)
    assert len(store.claim_due("me", 2, LEASE, now=T0)) == 2
    assert len(store.claim_due("me", 10, LEASE, now=T0)) == 3
    assert store.claim_due("me", 0, LEASE, now=T0) == []


def test_claim_by_name_ignores_the_schedule_but_not_other_leases(any_store: Store) -> None:
    store = any_store
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
    assert store.claim([], "me", LEASE, now=at(1)) == []


def test_expired_lease_is_taken_over_and_the_old_owner_is_fenced(any_store: Store) -> None:
    store = any_store
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


def test_a_stale_epoch_of_the_same_owner_cannot_commit(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (old,) = store.claim_due("me", 1, timedelta(seconds=5), now=T0)
    (new,) = store.claim_due("me", 1, LEASE, now=at(6))
    assert store.commit_poll("me", parsed_result(old, [], [], t=7), now=at(7)) is None
    assert store.commit_poll("me", parsed_result(new, [], [], t=7), now=at(7)) is not None


def test_an_expired_lease_cannot_commit_even_if_nobody_took_it(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim_due("me", 1, timedelta(seconds=5), now=T0)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=6), now=at(6)) is None
    assert store.health("a").last_polled is None


def test_a_poll_of_an_unknown_source_is_not_committed(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    assert store.remove_sources(["a"]) == 1
    assert store.commit_poll("me", parsed_result(claim, ["1"], [record(item("1"))], t=1), now=at(1)) is None
    assert store.items() == []


def test_commit_releases_the_lease_and_sets_the_schedule(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim_due("me", 1, LEASE, now=T0)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=1, due=90), now=at(1))
    assert store.health("a").due_at == at(91)
    assert store.claim_due("me", 1, LEASE, now=at(90)) == []
    (again,) = store.claim(["a"], "other", LEASE, now=at(2))  # released: free to claim
    assert again.validators == Validators(etag='"e1"')
    assert again.baselined
    assert again.epoch == claim.epoch + 1


def test_release_gives_leases_back_without_polling(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("b")], now=T0)
    claims = store.claim_due("me", 2, LEASE, now=T0)
    store.release([])
    store.release(claims)
    assert len(store.claim_due("other", 2, LEASE, now=T0)) == 2
    store.release(claims)  # stale: the new owner's leases stay
    assert store.claim_due("third", 2, LEASE, now=T0) == []
    assert store.health("a").last_polled is None


def test_failure_counts_and_success_resets(any_store: Store) -> None:
    store = any_store
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


def test_a_claim_carries_what_the_last_polls_stored(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    validators = Validators(
        etag='W/"v1"', last_modified="Tue, 12 Aug 2025 08:00:00 GMT", body_sha256="ab" * 32
    )
    moved = PollResult(
        name="a",
        epoch=claim.epoch,
        polled_at=T0,
        due_at=at(60),
        present_ids=(),
        validators=validators,
        url="https://moved.example/a.xml",
        ttl=timedelta(minutes=30),
    )
    assert store.commit_poll("me", moved, now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=at(1))
    assert (claim.url, claim.validators, claim.ttl, claim.baselined) == (
        "https://moved.example/a.xml",
        validators,
        timedelta(minutes=30),
        True,
    )
    assert claim.source == src("a")  # as configured
    # A 304 parses nothing: validators=None keeps the stored ones, and the ttl of the last parsed feed stays.
    unchanged = PollResult(name="a", epoch=claim.epoch, polled_at=at(1), due_at=at(61))
    assert store.commit_poll("me", unchanged, now=at(1))
    (claim,) = store.claim(["a"], "me", LEASE, now=at(2))
    assert (claim.url, claim.validators, claim.ttl) == (
        "https://moved.example/a.xml",
        validators,
        timedelta(minutes=30),
    )
    parsed = PollResult(name="a", epoch=claim.epoch, polled_at=at(2), due_at=at(62), present_ids=())
    assert store.commit_poll("me", parsed, now=at(2))
    (claim,) = store.claim(["a"], "me", LEASE, now=at(3))
    assert claim.ttl is None  # the newest parsed feed gave none


def test_database_clock_is_used_when_no_time_is_given(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")])
    due = store.health("a").due_at
    assert due is not None
    assert abs(due - datetime.now(UTC)) < timedelta(seconds=5)
    (claim,) = store.claim_due("me", 1, LEASE)
    assert abs(claim.lease_until - (datetime.now(UTC) + LEASE)) < timedelta(seconds=5)
    assert store.commit_poll("me", parsed_result(claim, [], [], t=0)) is not None


def test_times_must_be_aware(any_store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        any_store.upsert_sources([src("a")], now=datetime(2025, 1, 1))


# -- seen-set, items, stories -------------------------------------------------------------------------------


def tariff(
    rate: str | int,
    *,
    source: str = "a",
    item_id: str = "1",
    hours: float = 0,
    product: str = "steel",
    confidence: float = 0.8,
) -> Tariff:
    text = f"The United States raised its tariff on Chinese {product} to {rate}%."
    return Tariff(
        imposer="US",
        target="CN",
        product=product,
        rate=str(rate),
        status="raised",
        evidence=Evidence.quote(
            text,
            0,
            len(text),
            confidence=confidence,
            item_id=item_id,
            source=source,
            published=T0 + timedelta(hours=hours),
        ),
    )


def test_items_are_new_once_and_stored_with_their_events(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    steel = tariff(50)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    new = [record(item("1"), events=(steel,), baseline=True), record(item("2"))]
    committed = store.commit_poll("me", parsed_result(claim, ["1", "2"], new, t=0), now=T0)
    assert committed is not None
    assert list(committed.stories) == ["1", "2"]
    assert committed.reaction is None  # no react given
    stored = {s.item.id: s for s in store.items("a")}
    assert stored["1"].events == (steel,)
    assert stored["1"].baseline
    assert stored["1"].first_of_story
    assert stored["1"].item == item("1")
    assert stored["1"].stored_at == T0
    assert stored["1"].story_key == "url:https://news.example/a/1"
    assert stored["2"].events == ()
    assert not stored["2"].baseline
    assert stored["1"].events[0].rate.percent == Decimal(50)  # type: ignore[union-attr]
    assert unseen(store, "a", ["1", "2", "3"]) == {"3"}
    assert poll(store, "a", ["1", "2", "3"], t=60) == {"3"}
    assert [s.item.id for s in store.items(limit=1)] == ["3"]


def test_items_are_listed_newest_first_per_source_or_all(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("b")], now=T0)
    poll(store, "a", ["a1"], t=0)
    poll(store, "b", ["b1"], t=10)
    poll(store, "a", ["a1", "a2"], t=20)
    assert [s.item.id for s in store.items()] == ["a2", "b1", "a1"]
    assert [s.item.id for s in store.items("a")] == ["a2", "a1"]
    assert [s.item.id for s in store.items("a", limit=1)] == ["a2"]
    assert store.items("nope") == []


def test_an_item_already_seen_is_not_stored_twice(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    poll(store, "a", ["1"], t=0)
    (claim,) = store.claim(["a"], "me", LEASE, now=at(1))
    committed = store.commit_poll("me", parsed_result(claim, ["1"], [record(item("1"))], t=1), now=at(1))
    assert committed is not None
    assert dict(committed.stories) == {}
    assert len(store.items()) == 1


def test_an_id_repeated_in_one_poll_is_stored_once(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    twice = [record(item("1")), record(item("1", title="The same id with another title"))]
    committed = store.commit_poll("me", parsed_result(claim, ["1", "1"], twice, t=0), now=T0)
    assert committed is not None
    assert list(committed.stories) == ["1"]
    (stored,) = store.items()
    assert stored.item == item("1")  # the first copy


def test_ids_and_story_keys_with_control_characters_are_kept_as_they_are(
    any_store: Store, store_kind: str, request: pytest.FixtureRequest
) -> None:
    if store_kind == "postgres":
        request.applymarker(
            pytest.mark.xfail(
                strict=True,
                raises=StoreError,
                reason="documented limit: PostgreSQL text cannot hold NUL, so a poll of an item whose id or "
                "story key has one fails with StoreError (the feed parser removes them first)",
            )
        )
    store = any_store
    odd = "tag:example.org,2025:\x00\x1f1"
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    rec = record(item(odd, title="A headline\x00 with a NUL"), keys=(f"title:{odd}",))
    committed = store.commit_poll("me", parsed_result(claim, [odd, "plain"], [rec], t=0), now=T0)
    assert committed is not None
    assert list(committed.stories) == [odd]
    assert store.seen_ids("a") == {odd, "plain"}
    (stored,) = store.items()
    assert (stored.item, stored.story_key) == (rec.item, f"title:{odd}")


def test_seen_ids_missing_long_enough_are_pruned_but_never_those_in_the_latest_feed(
    store_factory: StoreFactory,
) -> None:
    store = store_factory(seen_keep_polls=2, seen_keep=timedelta(days=1))
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
    assert [s.item.id for s in store.items("a")] == ["old", "stays"]  # the newer copy replaced the old one


def test_seen_ids_are_kept_through_unchanged_polls(store_factory: StoreFactory) -> None:
    store = store_factory(seen_keep_polls=1, seen_keep=timedelta(0))
    store.upsert_sources([src("a")], now=T0)
    poll(store, "a", ["1"], t=0)
    for n in range(1, 5):  # 304s parse nothing: the last parsed feed still holds "1"
        (claim,) = store.claim(["a"], "me", LEASE, now=at(n * 86400))
        unchanged = PollResult(
            name="a", epoch=claim.epoch, polled_at=at(n * 86400), due_at=at(n * 86400 + 60)
        )
        assert store.commit_poll("me", unchanged, now=at(n * 86400))
    assert unseen(store, "a", ["1"]) == set()


def test_the_same_story_on_two_sources_is_first_once_and_counted(any_store: Store) -> None:
    store = any_store
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
    assert {s.item.id: s.story_key for s in store.items()} == {
        "a1": "url:a.example/1",
        "b1": "url:a.example/1",
        "b2": "url:a.example/1",
        "a2": "title:something else entirely here",
    }


def test_items_of_one_poll_join_each_others_stories(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    batch = [
        record(item("1"), keys=("url:x/1", "title:one headline")),
        record(item("2"), keys=("url:x/2", "title:one headline")),
    ]
    committed = store.commit_poll("me", parsed_result(claim, ["1", "2"], batch, t=0), now=T0)
    assert committed is not None
    assert {k: (s.key, s.first, s.sources) for k, s in committed.stories.items()} == {
        "1": ("url:x/1", True, 1),
        "2": ("url:x/1", False, 1),
    }


def test_old_stories_are_pruned(store_factory: StoreFactory) -> None:
    store = store_factory(seen_keep=timedelta(days=1))
    store.upsert_sources([src("a"), src("b")], now=T0)
    (claim,) = store.claim(["a"], "me", LEASE, now=T0)
    store.commit_poll("me", parsed_result(claim, ["1"], [record(item("1"), keys=("k",))], t=0), now=T0)
    assert store.prune(now=at(3600)) == 0
    assert store.prune(now=at(2 * 86400)) == 1
    assert store.prune(now=at(2 * 86400)) == 0
    (claim,) = store.claim(["b"], "me", LEASE, now=at(2 * 86400))
    later = parsed_result(claim, ["2"], [record(item("2", "b"), keys=("k",))], t=2 * 86400)
    committed = store.commit_poll("me", later, now=at(2 * 86400))
    assert committed is not None
    assert committed.stories["2"].first
    assert committed.stories["2"].sources == 1


# -- the ledger: what commit_poll's reaction writes -----------------------------------------------------------

KEY = "tariff:US>CN:steel"
SINKS = ("hook", "mail")


class Reactor:
    """A react that does what the watcher's does: the ledger over the states it loads, then the rules (a new
    measure; a tariff rate move), each alert for `sinks`. Records the version of each key every call loaded
    (None: absent), and runs `meanwhile(call number)` between loading and returning."""

    def __init__(
        self, *, sinks: tuple[str, ...] = SINKS, meanwhile: Callable[[int], None] | None = None
    ) -> None:
        self.rules = [rules.new(name="new measure"), rules.changed(Tariff, "rate", name="rate move")]
        self.sinks = sinks
        self.meanwhile = meanwhile
        self.calls: list[dict[str, int | None]] = []

    def __call__(self, fresh: Sequence[Fresh], load: StateLoader) -> Reaction:
        keys = sorted({measure_key(e) for f in fresh for e in f.record.events})
        states: Mapping[str, MeasureState] = load(keys) if keys else {}
        self.calls.append({k: states[k].version if k in states else None for k in keys})
        if self.meanwhile is not None:
            self.meanwhile(len(self.calls))
        ledger = Ledger(states)
        changes = []
        outgoing = []
        for f in sorted(fresh, key=lambda f: f.record.item.published):
            found = ledger.apply(f.record.events)
            changes += found
            if f.record.baseline or not f.story.first:
                continue
            produced = rules.Produced(item=f.record.item, events=f.record.events, changes=tuple(found))
            outgoing += [
                Outgoing(alert=a, sinks=self.sinks) for a in rules.evaluate(self.rules, produced, now=T0)
            ]
        return Reaction(
            states=tuple(ledger.dirty().values()), changes=tuple(changes), outgoing=tuple(outgoing)
        )


def rate(state: MeasureState) -> object:
    current = state.current("rate")
    return None if current is None else current.value


def report(
    store: Store,
    name: str,
    item_id: str,
    events: Sequence[Event],
    *,
    t: float,
    react: Callable[[Sequence[Fresh], StateLoader], Reaction],
    baseline: bool = False,
) -> Committed:
    """One poll of `name` that brings one new item (published at `t`) carrying `events`."""
    (claim,) = store.claim([name], "me", LEASE, now=at(t))
    rec = record(item(item_id, name, published=at(t)), events=tuple(events), baseline=baseline)
    committed = store.commit_poll("me", parsed_result(claim, [item_id], [rec], t=t), react=react, now=at(t))
    assert committed is not None
    return committed


def test_a_reaction_is_written_in_the_poll(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("b")], now=T0)
    react = Reactor()
    first = report(store, "a", "a1", [tariff(25, source="a", item_id="a1")], t=0, react=react)
    assert first.reaction is not None
    (state,) = first.reaction.states
    assert (state.key, state.version, rate(state)) == (KEY, 1, "25")
    (new,) = first.reaction.changes
    assert new.kind is ChangeKind.NEW
    (out,) = first.reaction.outgoing
    assert out.alert.rule == "new measure"
    assert store.measures() == [state]
    assert store.history() == [new]
    rows = sorted(store.outbox(), key=lambda r: r.sink)
    assert [(r.alert, r.sink) for r in rows] == [(out.alert, "hook"), (out.alert, "mail")]
    for row in rows:
        assert (row.status, row.attempts, row.created_at, row.next_attempt_at) == (
            DeliveryStatus.PENDING,
            0,
            T0,
            T0,
        )
        assert (row.delivered_at, row.parked_at, row.last_error) == (None, None, None)

    second = report(store, "b", "b1", [tariff(50, source="b", item_id="b1", hours=1)], t=3600, react=react)
    assert react.calls == [{KEY: None}, {KEY: 1}]  # the second poll's react saw the first poll's state
    assert second.reaction is not None
    (state,) = second.reaction.states
    assert (state.version, rate(state)) == (2, "50")
    (moved,) = second.reaction.changes
    assert (moved.kind, moved.field, moved.old, moved.new) == (ChangeKind.CHANGED, "rate", "25", "50")
    assert store.measures() == [state]
    assert store.history() == [new, moved]
    assert sorted((r.alert.rule, r.sink, r.created_at) for r in store.outbox()) == [
        ("new measure", "hook", T0),
        ("new measure", "mail", T0),
        ("rate move", "hook", at(3600)),
        ("rate move", "mail", at(3600)),
    ]


@pytest.mark.parametrize("enabled", [True, False])
def test_automatic_collection_is_held_off_during_a_commit_and_left_as_it_was(
    any_store: Store, enabled: bool
) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("b")], now=T0)
    seen: list[bool] = []

    class Watching(Reactor):
        def __call__(self, fresh: Sequence[Fresh], load: StateLoader) -> Reaction:
            seen.append(gc.isenabled())
            return super().__call__(fresh, load)

    def broken(fresh: Sequence[Fresh], load: StateLoader) -> Reaction:
        raise RuntimeError("a bug in the rules")

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        report(store, "a", "a1", [tariff(25)], t=0, react=Watching())
        assert seen == [False]
        assert gc.isenabled() is enabled  # resumed as it was (a user's own gc.disable() stays)
        (claim,) = store.claim(["b"], "me", LEASE, now=at(60))
        rec = record(item("b1", "b"), events=(tariff(50, source="b", item_id="b1", hours=1),))
        with pytest.raises(RuntimeError):
            store.commit_poll("me", parsed_result(claim, ["b1"], [rec], t=60), react=broken, now=at(60))
        assert gc.isenabled() is enabled  # and after a failed commit too
    finally:
        (gc.enable if was else gc.disable)()


def test_react_is_not_called_when_nothing_is_new(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    react = Reactor()
    report(store, "a", "1", [tariff(25)], t=0, react=react)
    (claim,) = store.claim(["a"], "me", LEASE, now=at(60))
    again = parsed_result(claim, ["1"], [record(item("1"), events=(tariff(99),))], t=60)  # already seen
    committed = store.commit_poll("me", again, react=react, now=at(60))
    assert committed is not None
    assert committed.reaction is None
    assert len(react.calls) == 1
    assert [s.version for s in store.measures()] == [1]


def test_baseline_items_update_the_ledger_without_alerting(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    committed = report(store, "a", "1", [tariff(25)], t=0, react=Reactor(), baseline=True)
    assert committed.reaction is not None
    assert committed.reaction.outgoing == ()
    assert [s.version for s in store.measures()] == [1]
    assert len(store.history()) == 1
    assert store.outbox() == []


def test_measures_by_type_and_history_oldest_first(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a")], now=T0)
    react = Reactor()
    truce = Truce(
        parties=("US", "CN"),
        status="extended",
        evidence=Evidence.quote("The truce was extended.", 0, 23, confidence=0.8, source="a", published=T0),
    )
    report(store, "a", "1", [tariff(25, item_id="1"), truce], t=0, react=react)
    report(store, "a", "2", [tariff(50, item_id="2", hours=1)], t=3600, react=react)
    report(store, "a", "3", [tariff(75, item_id="3", hours=2)], t=7200, react=react)

    assert [(s.key, s.version) for s in store.measures()] == [(KEY, 3), ("truce:CN+US", 1)]
    (only_truce,) = store.measures(type="truce")
    assert only_truce.key == "truce:CN+US"
    assert [s.key for s in store.measures(type="tariff")] == [KEY]
    assert store.measures(type="threat") == []

    steel = store.history(KEY)
    assert [(c.kind, c.new) for c in steel] == [
        (ChangeKind.NEW, None),
        (ChangeKind.CHANGED, "50"),
        (ChangeKind.CHANGED, "75"),
    ]
    assert store.history(KEY, limit=2) == steel[1:]  # the newest two, still oldest first
    everything = store.history()
    assert [c.key for c in everything] == [KEY, "truce:CN+US", KEY, KEY]
    assert store.history(limit=1) == steel[-1:]
    assert [c.kind for c in store.history("truce:CN+US")] == [ChangeKind.NEW]
    assert store.history("tariff:US>CN:nothing") == []


def test_a_react_that_raises_leaves_the_store_as_it_was(any_store: Store) -> None:
    store = any_store
    store.upsert_sources([src("a"), src("b")], now=T0)
    report(store, "a", "a1", [tariff(25)], t=0, react=Reactor())
    before = _poll_state(store)

    def broken(fresh: Sequence[Fresh], load: StateLoader) -> Reaction:
        load([KEY])
        raise RuntimeError("a bug in the rules")

    (claim,) = store.claim(["b"], "me", LEASE, now=at(60))
    rec = record(item("b1", "b"), events=(tariff(50, source="b", item_id="b1", hours=1),))
    with pytest.raises(RuntimeError, match="a bug in the rules"):
        store.commit_poll("me", parsed_result(claim, ["b1"], [rec], t=60), react=broken, now=at(60))
    assert _poll_state(store) == before
    assert [s.version for s in store.measures()] == [1]
    # The lease is still held, and the poll can be committed again.
    committed = store.commit_poll(
        "me", parsed_result(claim, ["b1"], [rec], t=60), react=Reactor(), now=at(60)
    )
    assert committed is not None
    assert list(committed.stories) == ["b1"]
    assert [s.version for s in store.measures()] == [2]


def _tariff_state(store: Store, rate: str, version: int) -> MeasureState:
    """The stored tariff state moved to `rate` by another report, filed under `version`."""
    (stored,) = store.measures()
    ledger = Ledger({KEY: stored})
    ledger.apply([tariff(rate, source="elsewhere", item_id="x", hours=0.5, confidence=0.9)])
    return attrs.evolve(ledger.dirty()[KEY], version=version)


def test_two_store_objects_moving_one_measure_in_turn_each_read_the_other_s_writes(
    store_factory: StoreFactory,
) -> None:
    # Each store object keeps the states it wrote or read decoded, by key and version, and what the ledger made
    # of them: a write by another store object (another process) must be read, never the copy kept.
    one, other = store_factory(), store_factory()
    one.upsert_sources([src("a"), src("b")], now=T0)
    mine = Ledger()
    expected = []
    rates = [25, 40, 25, 60, 60, 10, 40]
    for n, value in enumerate(rates):
        store, name = (one, "a") if n % 2 == 0 else (other, "b")
        event = tariff(value, source=name, item_id=f"{name}{n}", hours=n)
        committed = report(store, name, f"{name}{n}", [event], t=n * 3600, react=Reactor())
        assert committed.reaction is not None
        found = mine.apply([event])
        assert [serial.dumps(c) for c in committed.reaction.changes] == [serial.dumps(c) for c in found]
        expected += found
        for reader in (one, other):
            assert [serial.dumps(s) for s in reader.measures()] == [
                serial.dumps(s) for _, s in sorted(mine.states().items())
            ]
    assert [serial.dumps(c) for c in one.history()] == [serial.dumps(c) for c in expected]
    (state,) = other.measures()
    assert state.version == len(rates)
    assert rate(state) == "40"


def _poll_state(store: Store) -> tuple[Any, ...]:
    """Everything of the store a poll of source "b" could change."""
    return (
        store.seen_ids("b"),
        store.items(limit=1000),
        store.history(),
        store.outbox(limit=1000),
        store.health("b"),
    )


def test_a_state_that_keeps_changing_under_react_fails_the_commit_and_writes_nothing(
    store_factory: StoreFactory,
) -> None:
    # The stores' locks keep other watchers from writing a measure between its load and its write; this
    # writes behind their back, to check the version check that stands behind them. PostgreSQL runs the
    # transaction again after a conflict; retries=1 keeps that short.
    store = store_factory(postgres={"retries": 1})
    store.upsert_sources([src("a"), src("b")], now=T0)
    report(store, "a", "a1", [tariff(25)], t=0, react=Reactor())
    behind = _tariff_state(store, "40", version=2)
    react = Reactor(meanwhile=lambda n: write_behind(store, attrs.evolve(behind, version=10 + n)))
    before = _poll_state(store)
    (claim,) = store.claim(["b"], "me", LEASE, now=at(3600))
    rec = record(item("b1", "b", published=at(3600)), events=(tariff(50, source="b", item_id="b1", hours=1),))
    with pytest.raises(StoreError):
        store.commit_poll("me", parsed_result(claim, ["b1"], [rec], t=3600), react=react, now=at(3600))
    assert react.calls  # it got as far as the reaction
    assert _poll_state(store) == before
    (stored,) = store.measures()
    assert rate(stored) != "50"  # never the reaction's state
    assert store.claim(["b"], "other", LEASE, now=at(3601)) == []  # the lease was not given up either


def test_a_state_changed_once_under_react_is_never_overwritten_with_a_stale_reaction(
    store_factory: StoreFactory,
) -> None:
    # Either the commit fails and writes nothing, or the store runs it again and react sees the new state.
    store = store_factory()
    store.upsert_sources([src("a"), src("b")], now=T0)
    report(store, "a", "a1", [tariff(25)], t=0, react=Reactor())
    behind = _tariff_state(store, "40", version=2)

    def meanwhile(call: int) -> None:
        if call == 1:
            write_behind(store, behind)

    react = Reactor(meanwhile=meanwhile)
    before = _poll_state(store)
    (claim,) = store.claim(["b"], "me", LEASE, now=at(3600))
    rec = record(item("b1", "b", published=at(3600)), events=(tariff(50, source="b", item_id="b1", hours=1),))
    try:
        committed = store.commit_poll(
            "me", parsed_result(claim, ["b1"], [rec], t=3600), react=react, now=at(3600)
        )
    except StoreError:
        assert react.calls == [{KEY: 1}]
        assert _poll_state(store) == before
        (stored,) = store.measures()
        assert rate(stored) in {"25", "40"}
        return
    assert committed is not None
    assert react.calls == [{KEY: 1}, {KEY: 2}]
    assert committed.reaction is not None
    (moved,) = committed.reaction.changes
    assert (moved.old, moved.new) == ("40", "50")  # from the state written meanwhile
    (stored,) = store.measures()
    assert (stored.version, rate(stored)) == (3, "50")
    assert store.history()[-1] == moved


def _alerts(n: int, prefix: str = "rule") -> list[Alert]:
    ref = ItemRef(id="i", source="feed", published=T0)
    return [Alert.make(rule=f"{prefix}-{k:03}", item=ref, created=T0) for k in range(n)]


def fill_outbox(
    store: Store, alerts: Sequence[Alert], sinks: tuple[str, ...], *, t: float = 0, name: str = "feed"
) -> None:
    """Commit a poll of source `name` at `t` whose reaction sends `alerts` to `sinks`."""
    store.upsert_sources([src(name)], now=at(t))

    def react(fresh: Sequence[Fresh], load: StateLoader) -> Reaction:
        return Reaction(outgoing=tuple(Outgoing(alert=a, sinks=sinks) for a in alerts))

    (claim,) = store.claim([name], "filler", LEASE, now=at(t))
    rec = record(item(f"{name}-{t}", name))
    committed = store.commit_poll(
        "filler", parsed_result(claim, [rec.item.id], [rec], t=t), react=react, now=at(t)
    )
    assert committed is not None
    assert committed.reaction is not None


def test_an_alert_already_in_the_outbox_for_a_sink_is_not_added_again(any_store: Store) -> None:
    store = any_store
    (alert,) = _alerts(1)
    fill_outbox(store, [alert], ("hook",), t=0, name="a")
    (delivery,) = store.claim_deliveries("me", 10, LEASE, now=at(1))
    assert store.finish_delivery("me", delivery, now=at(2))
    fill_outbox(store, [alert], ("hook", "mail", "mail"), t=60, name="b")  # reported again, by another source
    rows = {r.sink: r for r in store.outbox()}
    assert len(store.outbox()) == 2
    assert (rows["hook"].status, rows["hook"].created_at, rows["hook"].attempts) == (
        DeliveryStatus.DELIVERED,
        T0,
        1,
    )
    assert (rows["mail"].status, rows["mail"].created_at) == (DeliveryStatus.PENDING, at(60))
    (pending,) = store.claim_deliveries("me", 10, LEASE, now=at(61))
    assert (pending.alert, pending.sink) == (alert, "mail")


DAY = 86400


def test_prune_deletes_old_items_and_delivered_alerts_and_keeps_what_is_still_owed(
    store_factory: StoreFactory,
) -> None:
    store = store_factory(seen_keep=timedelta(days=400), items_keep=timedelta(days=60))
    alerts = _alerts(3)
    fill_outbox(store, alerts, ("hook",), t=0, name="a")
    delivered, failed, pending = store.claim_deliveries("me", 10, LEASE, now=at(1))
    assert store.finish_delivery("me", delivered, now=at(2))
    assert store.finish_delivery("me", failed, error="HTTP 500", now=at(2))  # parked: retry_in is None
    assert store.finish_delivery("me", pending, error="timeout", retry_in=timedelta(days=90), now=at(2))
    assert [i.item.id for i in store.items()] == ["a-0"]

    assert store.prune(now=at(29 * DAY)) == 0
    assert store.prune(now=at(31 * DAY)) == 1  # the delivered alert, 30 days after its delivery
    assert {e.status for e in store.outbox()} == {DeliveryStatus.PARKED, DeliveryStatus.PENDING}
    assert len(store.items()) == 1
    assert store.prune(now=at(61 * DAY)) == 1  # the item, with its events
    assert store.items() == []
    assert len(store.outbox()) == 2  # owed alerts are never pruned, however old
    assert store.seen_ids("a") == {"a-0"}  # the seen-set has a retention of its own
    assert store.prune(now=at(61 * DAY)) == 0


def test_prune_with_no_retention_keeps_items_and_delivered_alerts(store_factory: StoreFactory) -> None:
    store = store_factory(items_keep=None, delivered_keep=None)
    (alert,) = _alerts(1)
    fill_outbox(store, [alert], ("hook",), t=0, name="a")
    (delivery,) = store.claim_deliveries("me", 10, LEASE, now=at(1))
    assert store.finish_delivery("me", delivery, now=at(2))
    store.prune(now=at(3000 * DAY))
    assert len(store.items()) == 1
    assert [e.status for e in store.outbox()] == [DeliveryStatus.DELIVERED]


def test_prune_deletes_in_batches_until_nothing_old_is_left(
    store_factory: StoreFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradewatch.store import _postgres, _sqlite

    monkeypatch.setattr(_sqlite, "_PRUNE_BATCH", 2)
    monkeypatch.setattr(_postgres, "_PRUNE_BATCH", 2)
    store = store_factory(items_keep=timedelta(days=1))
    for n in range(5):
        fill_outbox(store, [], ("hook",), t=n, name=f"s{n}")
    fill_outbox(store, [], ("hook",), t=2 * DAY, name="recent")
    assert len(store.items()) == 6
    assert store.prune(now=at(2 * DAY + 10)) == 5
    assert [i.item.source for i in store.items()] == ["recent"]


@pytest.mark.parametrize("keep", [timedelta(days=-1), 30])
def test_a_retention_must_be_a_timedelta_of_at_least_zero(store_factory: StoreFactory, keep: Any) -> None:
    with pytest.raises(ValueError, match="delivered_keep"):
        store_factory(delivered_keep=keep)


# -- the outbox ---------------------------------------------------------------------------------------------


def test_claim_deliveries_hands_out_due_rows_oldest_first_under_a_lease(any_store: Store) -> None:
    store = any_store
    older = _alerts(2, "old")
    newer = _alerts(1, "new")
    fill_outbox(store, older, ("hook",), t=0, name="a")
    fill_outbox(store, newer, ("hook",), t=10, name="b")
    assert store.claim_deliveries("me", 10, LEASE, now=at(-1)) == []  # nothing due yet
    assert store.claim_deliveries("me", 0, LEASE, now=at(20)) == []
    first = store.claim_deliveries("me", 2, LEASE, now=at(20))
    assert sorted(d.alert.id for d in first) == sorted(a.id for a in older)
    assert all((d.sink, d.attempts, d.created_at, d.last_error) == ("hook", 0, T0, None) for d in first)
    (rest,) = store.claim_deliveries("other", 10, LEASE, now=at(21))  # leased rows are skipped
    assert rest.alert == newer[0]
    assert rest.created_at == at(10)
    assert store.claim_deliveries("third", 10, LEASE, now=at(22)) == []
    again = store.claim_deliveries("third", 10, LEASE, now=at(20) + LEASE)  # the first lease ended
    assert {d.alert.id: d.epoch for d in again} == {d.alert.id: d.epoch + 1 for d in first}


def test_a_delivery_finished_under_a_lost_lease_changes_nothing(any_store: Store) -> None:
    store = any_store
    fill_outbox(store, _alerts(1), ("hook",))
    (mine,) = store.claim_deliveries("me", 10, timedelta(seconds=1), now=T0)
    (theirs,) = store.claim_deliveries("other", 10, LEASE, now=at(2))  # expired: taken over
    assert theirs.epoch > mine.epoch
    assert not store.finish_delivery("me", mine, now=at(3))
    assert not store.finish_delivery("me", mine, error="boom", retry_in=timedelta(seconds=1), now=at(3))
    assert not store.finish_delivery("me", mine, error="boom", now=at(3))
    assert not store.finish_delivery("other", mine, now=at(3))  # the holder, but a stale epoch
    assert not store.finish_delivery("me", theirs, now=at(3))  # the current epoch, but not the holder
    (row,) = store.outbox()
    assert (row.status, row.attempts, row.last_error) == (DeliveryStatus.PENDING, 0, None)
    assert store.claim_deliveries("third", 10, LEASE, now=at(4)) == []  # still leased to "other"
    assert store.finish_delivery("other", theirs, now=at(5))
    assert not store.finish_delivery("other", theirs, now=at(6))  # finished already
    (row,) = store.outbox()
    assert (row.status, row.attempts, row.delivered_at, row.next_attempt_at) == (
        DeliveryStatus.DELIVERED,
        1,
        at(5),
        None,
    )
    assert store.claim_deliveries("third", 10, LEASE, now=at(10_000)) == []


def test_a_failed_delivery_is_retried_after_retry_in_by_the_store_clock(any_store: Store) -> None:
    store = any_store
    fill_outbox(store, _alerts(1), ("hook",))
    (first,) = store.claim_deliveries("me", 10, LEASE, now=at(1))
    assert store.finish_delivery("me", first, error="HTTP 503", retry_in=timedelta(seconds=30), now=at(5))
    (row,) = store.outbox()
    assert (row.status, row.attempts, row.last_error, row.next_attempt_at) == (
        DeliveryStatus.PENDING,
        1,
        "HTTP 503",
        at(35),
    )
    assert store.claim_deliveries("me", 10, LEASE, now=at(34)) == []
    (second,) = store.claim_deliveries("me", 10, LEASE, now=at(35))
    assert (second.attempts, second.last_error) == (1, "HTTP 503")
    assert second.epoch > first.epoch
    assert store.finish_delivery("me", second, error="HTTP 502", retry_in=timedelta(hours=1), now=at(40))
    # Without `now`, the database's clock: claimed and rescheduled from the present.
    (third,) = store.claim_deliveries("me", 10, LEASE)
    assert store.finish_delivery("me", third, error="HTTP 504", retry_in=timedelta(hours=1))
    (row,) = store.outbox()
    assert row.attempts == 3
    assert row.next_attempt_at is not None
    assert abs(row.next_attempt_at - (datetime.now(UTC) + timedelta(hours=1))) < timedelta(seconds=5)
    assert store.claim_deliveries("me", 10, LEASE) == []


def test_parked_rows_wait_until_replayed(any_store: Store) -> None:
    store = any_store
    alerts = _alerts(3)
    fill_outbox(store, alerts, ("hook",))
    rejected, gone, fine = store.claim_deliveries("me", 10, LEASE, now=at(1))
    assert store.finish_delivery("me", rejected, error="HTTP 400", now=at(2))  # no retry_in: parked
    assert store.finish_delivery("me", gone, error="HTTP 410", now=at(2))
    assert store.finish_delivery("me", fine, now=at(2))
    parked = store.outbox(status=DeliveryStatus.PARKED)
    assert sorted((r.alert.id, r.last_error) for r in parked) == sorted(
        [(rejected.alert.id, "HTTP 400"), (gone.alert.id, "HTTP 410")]
    )
    assert all((r.parked_at, r.next_attempt_at, r.attempts) == (at(2), None, 1) for r in parked)
    assert [r.alert for r in store.outbox(status=DeliveryStatus.DELIVERED)] == [fine.alert]
    assert store.outbox(status=DeliveryStatus.PENDING) == []
    assert store.claim_deliveries("me", 10, LEASE, now=at(10_000)) == []  # neither parked nor delivered rows

    assert store.replay([rejected.alert.id, "no-such-alert"], now=at(100)) == 1
    assert store.replay([fine.alert.id, rejected.alert.id], now=at(100)) == 0  # delivered; no longer parked
    (row,) = store.outbox(status=DeliveryStatus.PENDING)
    assert (row.alert, row.attempts, row.parked_at, row.next_attempt_at) == (rejected.alert, 0, None, at(100))
    assert store.claim_deliveries("me", 10, LEASE, now=at(99)) == []
    (again,) = store.claim_deliveries("me", 10, LEASE, now=at(100))
    assert (again.alert, again.attempts) == (rejected.alert, 0)

    assert store.replay(now=at(200)) == 1  # every parked row: the other one
    assert store.outbox(status=DeliveryStatus.PARKED) == []
    assert store.replay(now=at(300)) == 0


def test_the_outbox_lists_newest_first(any_store: Store) -> None:
    store = any_store
    fill_outbox(store, _alerts(1, "first"), ("hook",), t=0, name="a")
    fill_outbox(store, _alerts(1, "second"), ("hook",), t=10, name="b")
    fill_outbox(store, _alerts(1, "third"), ("hook", "mail"), t=20, name="c")
    assert [(r.alert.rule, r.sink) for r in store.outbox()] == [
        ("third-000", "hook"),
        ("third-000", "mail"),
        ("second-000", "hook"),
        ("first-000", "hook"),
    ]
    assert [r.alert.rule for r in store.outbox(limit=1)] == ["third-000"]
    (delivery,) = [
        d for d in store.claim_deliveries("me", 10, LEASE, now=at(30)) if d.alert.rule == "second-000"
    ]
    assert store.finish_delivery("me", delivery, now=at(31))
    assert [r.alert.rule for r in store.outbox(status=DeliveryStatus.DELIVERED)] == ["second-000"]
    assert [r.alert.rule for r in store.outbox(status=DeliveryStatus.PENDING, limit=2)] == ["third-000"] * 2


# -- on_outbox ----------------------------------------------------------------------------------------------


class Calls:
    """A callback that counts its calls."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            self.count += 1

    def wait_above(self, count: int, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.count <= count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def settle(self, quiet: float = 0.3, timeout: float = 3.0) -> int:
        """Wait until no call came for `quiet` seconds; returns the count."""
        deadline = time.monotonic() + timeout
        while True:
            count = self.count
            time.sleep(quiet)
            if self.count == count or time.monotonic() > deadline:
                return self.count


def test_on_outbox_hears_this_stores_alerts_until_unsubscribed(any_store: Store) -> None:
    store = any_store
    calls = Calls()
    unsubscribe = store.on_outbox(calls)
    fill_outbox(store, _alerts(1, "one"), ("hook",), t=0, name="a")
    assert calls.wait_above(0)  # (a store may also call when it starts listening)
    count = calls.settle()
    fill_outbox(store, _alerts(1, "two"), ("hook",), t=10, name="b")
    assert calls.wait_above(count), "the commit of an alert did not call the subscriber"
    unsubscribe()
    count = calls.settle()
    fill_outbox(store, _alerts(1, "three"), ("hook",), t=20, name="c")
    time.sleep(0.5)
    assert calls.count == count
    unsubscribe()  # twice: nothing happens


def test_on_outbox_hears_replays(any_store: Store) -> None:
    store = any_store
    calls = Calls()
    store.on_outbox(calls)
    fill_outbox(store, _alerts(1), ("hook",))
    assert calls.wait_above(0)
    (delivery,) = store.claim_deliveries("me", 1, LEASE, now=at(1))
    assert store.finish_delivery("me", delivery, error="HTTP 400", now=at(2))
    count = calls.settle()
    assert store.replay(now=at(3)) == 1
    assert calls.wait_above(count), "a replay did not call the subscriber"


def test_a_failing_subscriber_is_logged_and_does_not_stop_the_others(
    any_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    store = any_store
    calls = Calls()

    def broken() -> None:
        raise RuntimeError("subscriber bug")

    store.on_outbox(broken)
    store.on_outbox(calls)
    with caplog.at_level(logging.ERROR, logger="tradewatch"):
        fill_outbox(store, _alerts(1, "one"), ("hook",), t=0, name="a")  # does not raise
        assert calls.wait_above(0)
        count = calls.settle()
        fill_outbox(store, _alerts(1, "two"), ("hook",), t=10, name="b")
        assert calls.wait_above(count)
    assert any(r.exc_info and "subscriber bug" in str(r.exc_info[1]) for r in caplog.records)


@pytest.mark.parametrize("store_kind", [pytest.param("postgres", marks=pytest.mark.postgres)])
def test_on_outbox_hears_alerts_written_by_another_store_object(store_factory: StoreFactory) -> None:
    # SQLite has no notifications: there, only the store object that wrote the alerts calls back.
    listener, writer = store_factory(), store_factory()
    calls = Calls()
    unsubscribe = listener.on_outbox(calls)
    fill_outbox(writer, _alerts(1, "one"), ("hook",), t=0, name="a")
    assert calls.wait_above(0)
    count = calls.settle()
    fill_outbox(writer, _alerts(1, "two"), ("hook",), t=10, name="b")
    assert calls.wait_above(count), "another store object's commit did not call the subscriber"
    (delivery, _) = writer.claim_deliveries("me", 10, LEASE, now=at(11))
    assert writer.finish_delivery("me", delivery, error="HTTP 400", now=at(12))
    count = calls.settle()
    assert writer.replay(now=at(13)) == 1
    assert calls.wait_above(count), "another store object's replay did not call the subscriber"
    unsubscribe()
    count = calls.settle()
    fill_outbox(writer, _alerts(1, "three"), ("hook",), t=20, name="c")
    time.sleep(0.7)
    assert calls.count == count


# -- threads, store objects, closing -------------------------------------------------------------------------


def test_one_store_is_shared_safely_by_threads(any_store: Store) -> None:
    store = any_store
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


def _race(
    stores: Sequence[Store], threads_each: int, take: Callable[[Store, str], list[Any]]
) -> dict[str, list[Any]]:
    """Run `take(store, owner)` in `threads_each` threads per store until it returns nothing; what each owner
    took."""
    taken: dict[str, list[Any]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(len(stores) * threads_each)

    def run(store: Store, owner: str) -> None:
        mine = taken.setdefault(owner, [])
        try:
            start.wait()
            while got := take(store, owner):
                mine += got
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=run, args=(store, f"p{k}-t{j}"))
        for k, store in enumerate(stores)
        for j in range(threads_each)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return taken


def test_two_store_objects_never_claim_the_same_source(store_factory: StoreFactory) -> None:
    stores = [store_factory(), store_factory()]
    names = [f"s{i}" for i in range(60)]
    stores[0].upsert_sources([src(n) for n in names], now=T0)
    taken = _race(stores, 2, lambda store, owner: store.claim_due(owner, 2, LEASE, now=T0))
    claimed = [c.source.name for claims in taken.values() for c in claims]
    assert sorted(claimed) == sorted(names)


def test_two_store_objects_never_claim_the_same_delivery(store_factory: StoreFactory) -> None:
    stores = [store_factory(), store_factory()]
    alerts = _alerts(40)
    fill_outbox(stores[0], alerts, ("hook", "mail"))
    taken = _race(stores, 3, lambda store, owner: store.claim_deliveries(owner, 3, LEASE, now=at(1)))
    rows = [(d.alert.id, d.sink) for got in taken.values() for d in got]
    assert sorted(rows) == sorted((a.id, sink) for a in alerts for sink in ("hook", "mail"))
    # Each row's holder, and only it, can record the delivery.
    for k, (owner, got) in enumerate(sorted(taken.items())):
        for d in got:
            assert not stores[k % 2].finish_delivery(f"not-{owner}", d, now=at(2))
            assert stores[k % 2].finish_delivery(owner, d, now=at(2))
    assert len(stores[1].outbox(status=DeliveryStatus.DELIVERED, limit=1000)) == 80


def test_store_objects_committing_one_story_at_once_agree_on_it(store_factory: StoreFactory) -> None:
    stores = [store_factory(), store_factory()]
    names = [f"s{i:02}" for i in range(12)]
    stores[0].upsert_sources([src(n) for n in names], now=T0)
    headline = "title:us raises tariff on chinese steel"

    def commit(store: Store, owner: str) -> list[tuple[str, Any]]:
        claims = store.claim_due(owner, 1, LEASE, now=T0)
        done = []
        for claim in claims:
            name = claim.source.name
            rec = record(item(f"{name}-1", name), keys=(f"url:{name}/1", headline))
            committed = store.commit_poll(owner, parsed_result(claim, [rec.item.id], [rec], t=0), now=T0)
            assert committed is not None
            done.append((name, committed.stories[rec.item.id]))
        return done

    taken = _race(stores, 3, commit)
    stories = [story for got in taken.values() for _, story in got]
    assert len(stories) == len(names)
    assert len({story.key for story in stories}) == 1  # one story
    assert sum(story.first for story in stories) == 1  # first once
    assert sorted(story.sources for story in stories) == list(range(1, len(names) + 1))  # each counted once
    assert sum(s.first_of_story for s in stores[1].items(limit=100)) == 1


def test_store_objects_updating_one_measure_at_once_lose_no_report(store_factory: StoreFactory) -> None:
    stores = [store_factory(), store_factory()]
    names = [f"s{i:02}" for i in range(12)]
    stores[0].upsert_sources([src(n) for n in names], now=T0)

    def commit(store: Store, owner: str) -> list[str]:
        claims = store.claim_due(owner, 1, LEASE, now=T0)
        for claim in claims:
            k = names.index(claim.source.name)
            event = tariff(10 + k, source=claim.source.name, item_id=f"i{k}", hours=k)
            rec = record(item(f"i{k}", claim.source.name, published=at(k * 3600)), events=(event,))
            committed = store.commit_poll(
                owner, parsed_result(claim, [f"i{k}"], [rec], t=0), react=Reactor(sinks=("hook",)), now=T0
            )
            assert committed is not None
        return [c.source.name for c in claims]

    taken = _race(stores, 3, commit)
    assert sorted(n for got in taken.values() for n in got) == names
    (state,) = stores[1].measures()
    assert state.version == len(names)  # every commit built on the one before it
    assert sorted(int(str(o.value)) for o in state.observed("rate")) == list(range(10, 22))
    assert rate(state) == "21"  # the latest report, whatever order the commits came in
    # The history is one chain: each change starts from the value the one before it left.
    first, *moves = stores[1].history(KEY)
    assert first.kind is ChangeKind.NEW
    value = str(first.event.rate.percent)  # type: ignore[union-attr]
    for change in moves:
        assert (change.kind, change.field, change.old) == (ChangeKind.CHANGED, "rate", value)
        assert int(change.new) > int(value)
        value = change.new
    assert value == "21"


def test_a_commit_on_one_store_object_is_seen_by_another(store_factory: StoreFactory) -> None:
    one, two = store_factory(), store_factory()
    one.upsert_sources([src("a")], now=T0)
    report(one, "a", "1", [tariff(25)], t=0, react=Reactor())
    assert two.seen_ids("a") == {"1"}
    assert [s.item.id for s in two.items()] == ["1"]
    assert [s.version for s in two.measures()] == [1]
    react = Reactor()
    report(two, "a", "2", [tariff(50, item_id="2", hours=1)], t=3600, react=react)
    assert react.calls == [{KEY: 1}]
    assert [(s.version, rate(s)) for s in one.measures()] == [(2, "50")]
    assert len(one.outbox()) == 4


def test_a_closed_store_raises(store_factory: StoreFactory) -> None:
    store = store_factory()
    store.upsert_sources([src("a")], now=T0)
    store.close()
    store.close()
    calls: list[Callable[[], object]] = [
        store.sources,
        lambda: store.health("a"),
        lambda: store.claim_due("me", 1, LEASE, now=T0),
        lambda: store.upsert_sources([src("b")], now=T0),
        lambda: store.outbox(),
        lambda: store.claim_deliveries("me", 1, LEASE, now=T0),
    ]
    for call in calls:
        with pytest.raises(StoreError, match="closed"):
            call()
    assert [s.source.name for s in store_factory().sources()] == ["a"]  # the database is still there


def test_bad_retention_settings_are_refused(store_factory: StoreFactory) -> None:
    with pytest.raises(ValueError, match="seen_keep_polls"):
        store_factory(seen_keep_polls=0)
