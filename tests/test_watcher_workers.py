"""Parsing and extraction in worker processes: the same results as in threads, and a worker that crashes,
hangs or cannot start costs one poll at most (or falls back to threads), never the watcher."""

from __future__ import annotations

import importlib
import io
import os
import pickle
import signal
import struct
import sys
import time
import types
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tradewatch import Event, Item
from tradewatch._digest import Job, WorkerLost, WorkerStartError
from tradewatch._workers import WorkerPool, serve
from tradewatch.extract import RuleBasedExtractor
from tradewatch.feeds import HttpFetcher, NotAFeedError, Source
from tradewatch.watcher import PollStatus, Watcher
from watcher_site import FeedSite, Route, rss

ITEMS = [
    ("w1", "US raises tariff on Chinese steel to 50%"),
    ("w2", "Japan and the EU hold a fourth round of trade talks in Tokyo"),
    ("w3", "China bans exports of gallium to the United States"),
]


class CrashingExtractor:
    """Kills its process on an item titled "crash", sleeps on "hang": what a buggy extractor might do."""

    def extract(self, item: Item) -> list[Event]:
        if item.title == "crash":
            os._exit(3)
        if item.title == "hang":
            time.sleep(30)
        return []


class ForgottenExtractor:
    """Pickles by reference to a module a fresh interpreter cannot import."""

    def __reduce__(self) -> tuple[object, ...]:
        return (importlib.import_module, ("no_such_module_anywhere",))

    def extract(self, item: Item) -> list[Event]:
        return []


class NotPicklable:
    def __init__(self) -> None:
        self.handle = lambda: None  # lambdas do not pickle

    def extract(self, item: Item) -> list[Event]:
        return []


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as s:
        s.feed("/a.xml", ITEMS)
        s.feed("/b.xml", [(f"b-{i}", t) for i, t in ITEMS])
        s.set("/crash.xml", Route(body=rss([("c1", "crash")])))
        yield s


def job(body: bytes) -> Job:
    return Job(
        source="s",
        url="http://feeds.example/s.xml",
        headers={"content-type": "application/rss+xml"},
        body=body,
        fetched_at=datetime(2025, 8, 12, tzinfo=UTC),
        seen=frozenset(),
        baseline=False,
    )


def test_workers_give_the_same_items_and_events_as_threads(site: FeedSite) -> None:
    sources = [Source(name=n, url=site.url(f"/{n}.xml")) for n in ("a", "b")]
    reports = []
    for processes in (0, 2):
        with Watcher(
            sources, store=":memory:", fetcher=HttpFetcher(timeout=5), cpu_processes=processes, max_workers=1
        ) as w:
            reports.append(w.poll_once())
    in_threads, in_workers = reports
    assert in_workers.new_items == in_threads.new_items
    assert len(in_workers.new_items) == 6
    assert sum(len(i.events) for i in in_workers.new_items) >= 3


def test_a_worker_that_dies_fails_one_poll_and_is_replaced(site: FeedSite) -> None:
    sources = [Source(name=n, url=site.url(f"/{n}.xml")) for n in ("a", "crash")]
    with Watcher(
        sources,
        store=":memory:",
        fetcher=HttpFetcher(timeout=5),
        extractor=CrashingExtractor(),
        cpu_processes=1,
    ) as watcher:
        first = watcher.poll_once()
        assert first["crash"].status is PollStatus.FAILED
        assert first["crash"].error_kind == "worker_lost"
        assert first["a"].status is PollStatus.UPDATED
        site.set("/crash.xml", Route(body=rss([("c2", "recovered")])))
        second = watcher.poll_once()
        assert second["crash"].status is PollStatus.UPDATED
        assert second["crash"].new == 1


def test_a_job_over_its_time_limit_loses_the_worker_not_the_pool() -> None:
    pool = WorkerPool(1, CrashingExtractor(), timeout=1.0)
    try:
        with pytest.raises(WorkerLost, match="longer than 1 s"):
            pool.run(job(rss([("h", "hang")])))
        assert [r.item.id for r in pool.run(job(rss([("ok", "fine")]))).new_items] == ["ok"]
        with pytest.raises(NotAFeedError):  # the job's own error, raised here with its type
            pool.run(job(b"<html><body>not a feed</body></html>"))
    finally:
        pool.close()


def test_an_extractor_that_does_not_pickle_keeps_parsing_in_threads(site: FeedSite) -> None:
    with pytest.raises(WorkerStartError, match="cannot be sent"):
        WorkerPool(1, NotPicklable())  # type: ignore[arg-type]
    source = Source(name="a", url=site.url("/a.xml"))
    with Watcher([source], store=":memory:", extractor=NotPicklable(), cpu_processes=2) as watcher:
        assert watcher.poll_once()["a"].new == 3


def test_workers_that_cannot_start_fall_back_to_threads(
    site: FeedSite, caplog: pytest.LogCaptureFixture
) -> None:
    # several polls meet the broken workers at once: every one of them falls back, none fails
    sources = [Source(name=f"s{k}", url=site.url("/a.xml")) for k in range(6)]
    with Watcher(
        sources, store=":memory:", extractor=ForgottenExtractor(), cpu_processes=2, max_workers=6
    ) as watcher:  # type: ignore[arg-type]
        report = watcher.poll_once()
    assert [(o.status, o.new) for o in report.outcomes] == [(PollStatus.UPDATED, 3)] * 6
    assert "parsing in threads instead" in caplog.text


def test_a_worker_refuses_what_is_not_an_extractor() -> None:
    pool = WorkerPool(1, "not an extractor")  # type: ignore[arg-type]
    try:
        with pytest.raises(WorkerStartError, match="not an extractor"):
            pool.run(job(rss([("x", "y")])))
    finally:
        pool.close()


def test_a_closed_pool_ends_its_processes() -> None:
    pool = WorkerPool(2, RuleBasedExtractor())
    assert pool.run(job(rss([("x", "US raises tariff on Chinese steel to 50%")]))).new_items
    processes = [w._process for w in pool._workers]
    pool.close()
    assert all(p.poll() is not None for p in processes)
    with pytest.raises(ValueError, match="processes"):
        WorkerPool(0, None)


def test_the_worker_loop_answers_each_job_then_ends_with_its_input(monkeypatch: pytest.MonkeyPatch) -> None:
    # The loop a worker process runs, driven here in-process through its pipes' stand-ins.
    frames = [pickle.dumps(None), pickle.dumps(job(rss([("x", "Tariff news")]))), pickle.dumps(job(b""))]
    request = b"".join(struct.pack(">Q", len(f)) + f for f in frames)
    stdin, stdout = io.BytesIO(request), io.BytesIO()
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=stdin))
    monkeypatch.setattr(sys, "stdout", types.SimpleNamespace(buffer=stdout))
    previous = signal.getsignal(signal.SIGINT)
    try:
        serve()
    finally:
        signal.signal(signal.SIGINT, previous)
    replies, data = [], stdout.getvalue()
    while data:
        (size,) = struct.unpack(">Q", data[:8])
        replies.append(pickle.loads(data[8 : 8 + size]))
        data = data[8 + size :]
    assert [kind for kind, _ in replies] == ["ready", "ok", "error"]
    assert [r.item.id for r in replies[1][1].new_items] == ["x"]
    assert isinstance(replies[2][1], NotAFeedError)
