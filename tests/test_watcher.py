"""The watcher end to end, against feeds served on loopback: baseline, new and seen items, conditional GET,
stories across sources, redirects, 410, backoff, leases, restarts, the background timer and signals."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tradewatch import Event, Item
from tradewatch.feeds import Fetched, FetchError, HttpFetcher, Source, Validators
from tradewatch.store import SqliteStore, StoreError
from tradewatch.watcher import ItemBatch, PollStatus, Watcher, set_fetch_limit
from watcher_site import FeedSite, Route, rss

TARIFF = "US raises tariff on Chinese steel to 50%"
TALKS = "Japan and EU hold fourth round of trade talks"


def watcher_in_thread(*args: Any, **kwargs: Any) -> Watcher:
    """A watcher that parses in its own process (worker processes are tested in test_watcher_workers.py)."""
    return Watcher(*args, cpu_processes=0, **kwargs)


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


def unseen(store: SqliteStore, name: str, ids: list[str]) -> set[str]:
    return set(ids) - store.seen_ids(name)


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as s:
        yield s


def fetcher() -> HttpFetcher:
    return HttpFetcher(timeout=2.0)


def ids(items: object) -> list[str]:
    return [i.item.id.rsplit("/", 1)[-1] for i in items]  # type: ignore[attr-defined]


# -- one pass, then the next -------------------------------------------------------------------------------


def test_first_poll_is_a_baseline_then_only_new_items_are_news(site: FeedSite) -> None:
    site.feed("/a.xml", [("a1", TARIFF), ("a2", TALKS)], etag='"a-1"')
    site.feed("/b.xml", [("b1", "Canada weighs steel quota")], etag='"b-1"')
    sources = [Source(name="a", url=site.url("/a.xml")), Source(name="b", url=site.url("/b.xml"))]
    with watcher_in_thread(sources, store=":memory:", fetcher=fetcher()) as watcher:
        first = watcher.poll_once()
        assert [o.status for o in first.outcomes] == [PollStatus.UPDATED, PollStatus.UPDATED]
        a = first["a"]
        assert (a.new, a.seen, a.baseline) == (2, 0, True)
        assert all(i.baseline and not i.newsworthy for i in a.items)
        assert a.events >= 1  # extraction runs on the baseline too: it seeds what the ledger knows
        assert any(e.TYPE == "tariff" for i in a.items for e in i.events)

        second = watcher.poll_once()  # nothing changed: conditional GET answers 304
        assert [o.status for o in second.outcomes] == [PollStatus.NOT_MODIFIED] * 2
        assert site.not_modified == {"/a.xml": 1, "/b.xml": 1}
        assert second.new_items == ()

        site.feed(
            "/a.xml", [("a3", "Mexico lowers tariff on US corn"), ("a1", TARIFF), ("a2", TALKS)], etag='"a-2"'
        )
        third = watcher.poll_once()
        assert ids(third["a"].items) == ["a3"]
        assert (third["a"].new, third["a"].seen, third["a"].baseline) == (1, 2, False)
        assert third["a"].items[0].newsworthy
        assert third["b"].status is PollStatus.NOT_MODIFIED
        health = watcher.health("a")
        assert health.consecutive_failures == 0
        assert health.last_success is not None
        assert len(watcher.store.items("a")) == 3


def test_alert_on_first_poll_makes_the_first_items_news(site: FeedSite) -> None:
    site.feed("/a.xml", [("a1", TARIFF)])
    source = Source(name="a", url=site.url("/a.xml"), alert_on_first_poll=True)
    with watcher_in_thread([source], store=":memory:", fetcher=fetcher()) as watcher:
        report = watcher.poll_once()
    assert report["a"].baseline is False
    assert [i.newsworthy for i in report.new_items] == [True]


def test_a_story_on_two_sources_is_news_once_and_corroborated(site: FeedSite) -> None:
    site.feed("/a.xml", [("a1", TARIFF)])
    site.feed("/b.xml", [("b7", TARIFF)])
    sources = [
        Source(name="a", url=site.url("/a.xml"), alert_on_first_poll=True),
        Source(name="b", url=site.url("/b.xml"), alert_on_first_poll=True),
    ]
    with watcher_in_thread(sources, store=":memory:", fetcher=fetcher(), max_workers=1) as watcher:
        report = watcher.poll_once()
    items = sorted(report.new_items, key=lambda i: i.story_sources)
    assert [i.story_sources for i in items] == [1, 2]
    assert [i.first_of_story for i in items] == [True, False]
    assert items[0].story_key == items[1].story_key
    assert sum(i.newsworthy for i in items) == 1


def test_on_items_receives_each_committed_batch_and_its_errors_are_contained(site: FeedSite) -> None:
    site.feed("/a.xml", [("a1", TARIFF), ("a2", TALKS)])
    site.feed("/b.xml", [("b1", "Canada weighs steel quota")])
    batches: list[ItemBatch] = []

    def hook(batch: ItemBatch) -> None:
        batches.append(batch)
        raise RuntimeError("a broken callback")

    sources = [Source(name="a", url=site.url("/a.xml")), Source(name="b", url=site.url("/b.xml"))]
    with watcher_in_thread(sources, store=":memory:", fetcher=fetcher(), on_items=hook) as watcher:
        report = watcher.poll_once()
        assert not report.errors
        assert sorted((b.source, len(b.items)) for b in batches) == [("a", 2), ("b", 1)]
        watcher.poll_once()  # nothing new: no batch
    assert len(batches) == 2


def test_a_permanent_redirect_updates_the_stored_url(site: FeedSite) -> None:
    site.set("/old.xml", Route(status=301, headers={"Location": "/new.xml"}))
    site.feed("/new.xml", [("n1", TARIFF)])
    with watcher_in_thread(
        [Source(name="s", url=site.url("/old.xml"))], store=":memory:", fetcher=fetcher()
    ) as watcher:
        first = watcher.poll_once()
        assert first["s"].status is PollStatus.UPDATED
        assert first["s"].url == site.url("/new.xml")
        (status,) = watcher.sources()
        assert status.url == site.url("/new.xml")
        assert status.source.url == site.url("/old.xml")
        watcher.poll_once()
    assert site.hits == {"/old.xml": 1, "/new.xml": 2}


def test_gone_disables_the_source_for_good(site: FeedSite) -> None:
    site.set("/gone.xml", Route(status=410, body=b"gone"))
    site.feed("/ok.xml", [("o1", TARIFF)])
    sources = [Source(name="gone", url=site.url("/gone.xml")), Source(name="ok", url=site.url("/ok.xml"))]
    with watcher_in_thread(sources, store=":memory:", fetcher=fetcher()) as watcher:
        report = watcher.poll_once()
        assert report["gone"].status is PollStatus.DISABLED
        assert report["gone"].due_at is None
        assert report.errors == (report["gone"],)
        health = watcher.health("gone")
        assert health.disabled_reason == "gone (HTTP 410)"
        assert health.due_at is None
        assert health.last_error_kind == "gone"
        again = watcher.poll_once()
        assert [o.name for o in again.outcomes] == ["ok"]
    assert site.hits["/gone.xml"] == 1


def test_failures_back_off_and_a_success_resets(site: FeedSite) -> None:
    site.set("/flaky.xml", Route(status=500, body=b"oops"))
    source = Source(name="flaky", url=site.url("/flaky.xml"), interval=60)
    with watcher_in_thread([source], store=":memory:", fetcher=fetcher(), seed=1) as watcher:
        delays = []
        for _ in range(3):
            outcome = watcher.poll_once()["flaky"]
            assert outcome.status is PollStatus.FAILED
            assert outcome.error_kind == "http_500"
            health = watcher.health("flaky")
            assert health.due_at is not None
            assert health.last_polled is not None
            delays.append((health.due_at - health.last_polled).total_seconds())
        assert delays[0] >= 120
        assert delays[1] >= 240
        assert delays[2] >= 480
        assert watcher.health("flaky").consecutive_failures == 3
        site.feed("/flaky.xml", [("f1", TARIFF)])
        assert watcher.poll_once()["flaky"].status is PollStatus.UPDATED
        health = watcher.health("flaky")
        assert health.consecutive_failures == 0
        assert health.last_error_kind is None
        assert health.due_at is not None
        assert health.last_polled is not None
        assert 60 <= (health.due_at - health.last_polled).total_seconds() < 67


def test_rss_ttl_stretches_the_interval(site: FeedSite) -> None:
    site.set("/ttl.xml", Route(body=rss([("t1", TARIFF)], ttl=30)))
    with watcher_in_thread(
        [Source(name="t", url=site.url("/ttl.xml"), interval=60)], store=":memory:", fetcher=fetcher()
    ) as w:
        w.poll_once()
        health = w.health("t")
        assert health.due_at is not None
        assert health.last_polled is not None
        assert (health.due_at - health.last_polled) >= timedelta(minutes=30)


def test_sources_left_out_of_the_list_are_switched_off(tmp_path: Path, site: FeedSite) -> None:
    path = tmp_path / "tw.sqlite"
    site.feed("/a.xml", [("a1", TARIFF)])
    site.feed("/b.xml", [("b1", TALKS)])
    a, b = Source(name="a", url=site.url("/a.xml")), Source(name="b", url=site.url("/b.xml"))
    watcher_in_thread([a, b], store=path, fetcher=fetcher()).stop()
    with watcher_in_thread([a], store=path, fetcher=fetcher()) as watcher:
        assert {s.source.name: s.source.enabled for s in watcher.sources()} == {"a": True, "b": False}
        assert [o.name for o in watcher.poll_once().outcomes] == ["a"]
    with watcher_in_thread(None, store=path, fetcher=fetcher()) as watcher:  # None: the store as it is
        assert [s.source.enabled for s in watcher.sources()] == [True, False]
    with pytest.raises(ValueError, match="repeated: a"):
        watcher_in_thread([a, a], store=":memory:", fetcher=fetcher())


# -- faults inside the watcher's own collaborators --------------------------------------------------------


class ScriptedFetcher:
    """A `Fetcher` whose answer for each URL is a function of the URL."""

    def __init__(self, answer: Callable[[str], Fetched]) -> None:
        self.answer = answer
        self.active = 0
        self.most = 0
        self.calls = 0
        self._lock = threading.Lock()

    def fetch(self, url: str, validators: Validators) -> Fetched:
        with self._lock:
            self.active += 1
            self.calls += 1
            self.most = max(self.most, self.active)
        try:
            return self.answer(url)
        finally:
            with self._lock:
                self.active -= 1

    def close(self) -> None:
        pass


def body(url: str, items: list[tuple[str, str]]) -> Fetched:
    return Fetched(
        url=url,
        status=200,
        headers={"content-type": "application/rss+xml"},
        body=rss(items),
        not_modified=False,
        validators=Validators(),
    )


def test_a_fetcher_bug_fails_only_its_source() -> None:
    def answer(url: str) -> Fetched:
        if "bad" in url:
            raise KeyError("a bug, not a feed problem")
        return body(url, [("x1", TARIFF)])

    sources = [Source(name=n, url=f"https://feeds.example/{n}.xml") for n in ("bad", "good")]
    with watcher_in_thread(sources, store=":memory:", fetcher=ScriptedFetcher(answer)) as watcher:
        report = watcher.poll_once()
    assert report["bad"].status is PollStatus.FAILED
    assert report["bad"].error_kind == "internal"
    assert "KeyError" in (report["bad"].error or "")
    assert report["good"].status is PollStatus.UPDATED


class BrokenExtractor:
    def extract(self, item: Item) -> list[Event]:
        if "talks" in item.title:
            raise ValueError("cannot read this")
        return []


def test_an_extractor_failure_keeps_the_item_without_events() -> None:
    fake = ScriptedFetcher(lambda url: body(url, [("x1", TARIFF), ("x2", TALKS)]))
    source = Source(name="s", url="https://feeds.example/s.xml")
    with watcher_in_thread([source], store=":memory:", fetcher=fake, extractor=BrokenExtractor()) as watcher:
        outcome = watcher.poll_once()["s"]
        assert (outcome.status, outcome.new, outcome.extract_errors) == (PollStatus.UPDATED, 2, 1)
        assert len(watcher.store.items()) == 2


def test_the_process_wide_fetch_limit_bounds_concurrent_fetches() -> None:
    def slow(url: str) -> Fetched:
        time.sleep(0.05)
        return body(url, [])

    fake = ScriptedFetcher(slow)
    sources = [Source(name=f"s{i}", url=f"https://feeds.example/{i}.xml") for i in range(8)]
    set_fetch_limit(2)
    try:
        with watcher_in_thread(sources, store=":memory:", fetcher=fake, max_workers=8) as watcher:
            report = watcher.poll_once()
    finally:
        set_fetch_limit(64)
    assert all(o.status is PollStatus.UPDATED for o in report.outcomes)
    assert fake.most == 2
    with pytest.raises(ValueError, match="fetch limit"):
        set_fetch_limit(0)


def test_poll_once_skips_a_source_another_process_holds(tmp_path: Path) -> None:
    path = tmp_path / "tw.sqlite"
    fake = ScriptedFetcher(lambda url: body(url, []))
    sources = [Source(name=n, url=f"https://feeds.example/{n}.xml") for n in ("a", "b")]
    with watcher_in_thread(sources, store=path, fetcher=fake) as watcher, SqliteStore(path) as other:
        other.claim(["a"], "another-process", timedelta(minutes=5))
        report = watcher.poll_once()
    assert report["a"].status is PollStatus.SKIPPED
    assert report["b"].status is PollStatus.UPDATED
    assert fake.calls == 1


def test_a_poll_whose_lease_was_taken_over_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tw.sqlite"
    taken = threading.Event()

    def slow(url: str) -> Fetched:
        taken.wait(5)  # the lease expires and another process takes the source meanwhile
        return body(url, [("late", TARIFF)])

    source = Source(name="a", url="https://feeds.example/a.xml")
    fake = ScriptedFetcher(slow)
    with (
        watcher_in_thread([source], store=path, fetcher=fake, lease=timedelta(seconds=0.3)) as watcher,
        SqliteStore(path) as other,
    ):
        box: list[PollStatus] = []
        thread = threading.Thread(target=lambda: box.append(watcher.poll_once()["a"].status))
        thread.start()
        wait_for(lambda: fake.calls == 1)  # the watcher holds the lease and is fetching
        wait_for(lambda: bool(other.claim(["a"], "another-process", timedelta(minutes=5))))
        taken.set()
        thread.join()
        assert box == [PollStatus.LOST_LEASE]
        assert unseen(other, "a", ["late"]) == {"late"}
        assert other.health("a").last_polled is None


# -- the background timer, restarts, stopping ------------------------------------------------------------


def test_the_background_timer_polls_due_sources_and_takes_user_jobs(site: FeedSite) -> None:
    site.feed("/a.xml", [("a1", TARIFF)], etag='"1"')
    site.feed("/b.xml", [("b1", TALKS)], etag='"1"')
    sources = [
        Source(name="a", url=site.url("/a.xml"), interval=1),
        Source(name="b", url=site.url("/b.xml"), interval=3600),
    ]
    ticks: list[int] = []
    watcher = watcher_in_thread(sources, store=":memory:", fetcher=fetcher(), poll_interval_tick=0.05)
    watcher.scheduler.add_job(lambda: ticks.append(1), "interval", seconds=0.05)
    watcher.start()
    try:
        wait_for(lambda: site.hits["/a.xml"] >= 3)
        assert site.hits["/b.xml"] == 1  # not due again for an hour
        assert ticks
        with pytest.raises(RuntimeError, match="already started"):
            watcher.start()
    finally:
        watcher.stop()
    watcher.stop()  # idempotent
    with pytest.raises(RuntimeError, match="stopped"):
        watcher.poll_once()


def test_a_restart_resumes_the_schedule_and_does_not_report_seen_items_again(
    tmp_path: Path, site: FeedSite
) -> None:
    path = tmp_path / "tw.sqlite"
    site.feed("/a.xml", [("a1", TARIFF)], etag='"1"')
    site.feed("/b.xml", [("b1", TALKS)], etag='"1"')
    sources = [
        Source(name="a", url=site.url("/a.xml"), interval=3600),
        Source(name="b", url=site.url("/b.xml"), interval=1),
    ]
    with watcher_in_thread(sources, store=path, fetcher=fetcher()) as first:
        assert len(first.poll_once().new_items) == 2
        due_a = first.health("a").due_at
    site.feed("/b.xml", [("b2", "Korea extends chip export licence"), ("b1", TALKS)], etag='"2"')
    found: list[ItemBatch] = []
    second = watcher_in_thread(
        sources, store=path, fetcher=fetcher(), poll_interval_tick=0.05, on_items=found.append
    )
    assert second.health("a").due_at == due_a
    second.start()
    try:
        wait_for(lambda: site.hits["/b.xml"] >= 2)
        time.sleep(0.2)
    finally:
        second.stop()
    assert site.hits["/a.xml"] == 1  # due in an hour: the restart did not poll it
    assert [ids(b.items) for b in found] == [["b2"]]
    assert found[0].items[0].newsworthy
    with watcher_in_thread(sources, store=path, fetcher=fetcher()) as third:
        report = third.poll_once()
    assert report["b"].status is PollStatus.NOT_MODIFIED
    assert report["a"].status is PollStatus.NOT_MODIFIED


def test_stopping_mid_cycle_and_restarting_polls_every_source_once(tmp_path: Path, site: FeedSite) -> None:
    path = tmp_path / "tw.sqlite"
    names = [f"s{i:02}" for i in range(12)]
    for n in names:
        site.set(f"/{n}.xml", Route(body=rss([(f"{n}-1", TARIFF)]), delay=0.15))
    sources = [Source(name=n, url=site.url(f"/{n}.xml"), interval=3600) for n in names]

    def polled(store: SqliteStore) -> int:
        return sum(s.health.last_success is not None for s in store.sources())

    first = watcher_in_thread(sources, store=path, fetcher=fetcher(), max_workers=3, poll_interval_tick=0.05)
    first.start()
    with SqliteStore(path) as observer:
        wait_for(lambda: polled(observer) >= 3)
        first.stop()  # some polls under way, most not begun
        done = polled(observer)
        assert 3 <= done < len(names)
        assert all(s.health.due_at is not None for s in observer.sources())
        second = watcher_in_thread(
            sources, store=path, fetcher=fetcher(), max_workers=3, poll_interval_tick=0.05
        )
        second.start()
        try:
            wait_for(lambda: polled(observer) == len(names))
            time.sleep(0.3)
        finally:
            second.stop()
        now = datetime.now(UTC)
        for status in observer.sources():
            assert status.health.due_at is not None
            assert status.health.due_at > now + timedelta(minutes=50)
    assert all(site.hits[f"/{n}.xml"] == 1 for n in names), site.hits


def test_run_stops_cleanly_on_sigterm(site: FeedSite, tmp_path: Path) -> None:
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover
        pytest.skip("signal handlers can only be installed in the main thread")
    site.feed("/a.xml", [("a1", TARIFF)])
    path = tmp_path / "tw.sqlite"
    watcher = watcher_in_thread(
        [Source(name="a", url=site.url("/a.xml"))], store=path, fetcher=fetcher(), poll_interval_tick=0.05
    )
    before = signal.getsignal(signal.SIGTERM)

    def send() -> None:
        wait_for(lambda: site.hits["/a.xml"] >= 1)
        os.kill(os.getpid(), signal.SIGTERM)

    sender = threading.Thread(target=send)
    sender.start()
    watcher.run()
    sender.join()
    assert signal.getsignal(signal.SIGTERM) is before
    with SqliteStore(path) as store:
        assert store.health("a").last_success is not None


def test_run_returns_when_stop_is_called_from_another_thread(site: FeedSite) -> None:
    site.feed("/a.xml", [("a1", TARIFF)])
    watcher = watcher_in_thread(
        [Source(name="a", url=site.url("/a.xml"))], store=":memory:", fetcher=fetcher()
    )
    threading.Timer(0.3, watcher.stop).start()
    started = time.monotonic()
    watcher.run()
    assert time.monotonic() - started < 5


def test_constructor_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="max_workers"):
        watcher_in_thread(store=":memory:", max_workers=0)
    with pytest.raises(ValueError, match="poll_interval_tick"):
        watcher_in_thread(store=":memory:", poll_interval_tick=0)
    with pytest.raises(ValueError, match="lease"):
        watcher_in_thread(store=":memory:", lease=timedelta(0))


def test_fetch_error_is_a_typed_failure_with_its_kind() -> None:
    def refuse(url: str) -> Fetched:
        raise FetchError("no route", url=url)

    with watcher_in_thread(
        [Source(name="s", url="https://feeds.example/s.xml")],
        store=":memory:",
        fetcher=ScriptedFetcher(refuse),
    ) as w:
        outcome = w.poll_once()["s"]
    assert (outcome.status, outcome.error_kind, outcome.ok) == (PollStatus.FAILED, "fetch", False)


class FlakyStore:
    """A store that fails on purpose: the commit of one source, and the first claim of the timer."""

    def __init__(self, inner: SqliteStore) -> None:
        self.inner = inner
        self.claim_failures = 1

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def commit_poll(self, owner: str, result: Any, *, react: Any = None, now: datetime | None = None) -> Any:
        if result.name == "doomed":
            raise StoreError("disk full")
        return self.inner.commit_poll(owner, result, react=react, now=now)

    def claim_due(self, *args: Any, **kwargs: Any) -> Any:
        if self.claim_failures:
            self.claim_failures -= 1
            raise StoreError("database is locked")
        return self.inner.claim_due(*args, **kwargs)


def test_store_failures_are_contained(site: FeedSite, caplog: pytest.LogCaptureFixture) -> None:
    site.feed("/a.xml", [("a1", TARIFF)])
    sources = [Source(name=n, url=site.url("/a.xml"), interval=1) for n in ("doomed", "fine")]
    with SqliteStore(":memory:") as inner:
        flaky = FlakyStore(inner)
        watcher = watcher_in_thread(sources, store=flaky, fetcher=fetcher(), poll_interval_tick=0.05)
        report = watcher.poll_once()
        assert report["doomed"].status is PollStatus.FAILED
        assert report["doomed"].error_kind == "store"
        assert report["fine"].status is PollStatus.UPDATED
        watcher.start()  # the first claim fails; the timer simply tries again
        try:
            wait_for(lambda: site.hits["/a.xml"] >= 4)
        finally:
            watcher.stop()
        assert "claiming due sources failed" in caplog.text
        inner.sources()  # a store passed in is not closed by the watcher


def test_reports_and_arguments() -> None:
    with watcher_in_thread(store=":memory:") as watcher:
        report = watcher.poll_once()
        assert "Watcher(store=SqliteStore(':memory:')" in repr(watcher)
    assert report.outcomes == ()
    with pytest.raises(KeyError):
        report["nothing"]
    with pytest.raises(ValueError, match="cpu_processes"):
        Watcher(store=":memory:", cpu_processes=-1)


def test_skipped_ticks_of_the_watcher_are_not_logged_but_those_of_user_jobs_are(
    caplog: pytest.LogCaptureFixture,
) -> None:
    watcher = Watcher([], store=":memory:", deliver_interval=0.05, poll_interval_tick=0.05)
    deliver = watcher._outbox.deliver_due

    def slow_delivery() -> Any:
        time.sleep(0.3)  # outlasts the delivery interval many times over
        return deliver()

    watcher._outbox.deliver_due = slow_delivery  # type: ignore[method-assign]
    watcher.scheduler.add_job(lambda: time.sleep(0.3), "interval", seconds=0.05, name="mine", max_instances=1)
    with caplog.at_level(logging.WARNING, logger="apscheduler"):
        watcher.start()
        time.sleep(1.0)
        watcher.stop()
    skipped = [
        r.getMessage() for r in caplog.records if "maximum number of running instances" in r.getMessage()
    ]
    assert any('"mine ' in m for m in skipped)
    assert not any('"tradewatch ' in m for m in skipped)
