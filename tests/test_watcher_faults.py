"""Each way a real server goes wrong, served on loopback beside a healthy feed: the running watcher records a
typed failure for that source only, backs it off, and keeps polling the others."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from typing import Any

import pytest

from tradewatch.feeds import HttpFetcher, Source, SourceHealth
from tradewatch.watcher import PollStatus, Watcher
from watcher_site import FeedSite, Route, rss

XML = {"Content-Type": "application/rss+xml"}
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss ['
    + b'<!ENTITY lol "lollollollollollollollollollol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']><rss version="2.0"><channel><title>&lol9;</title><item><title>x</title></item></channel></rss>'
)
INVALID_UTF8 = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
    b"<item><guid>u1</guid><title>Tariff \xff\xfe on steel</title></item></channel></rss>"
)


def watcher_in_thread(*args: Any, **kwargs: Any) -> Watcher:
    """A watcher that parses in its own process (worker processes are tested in test_watcher_workers.py)."""
    return Watcher(*args, cpu_processes=0, **kwargs)


def redirect_loop(site: FeedSite) -> str:
    site.set("/loop-a", Route(status=302, headers={"Location": "/loop-b"}))
    site.set("/loop-b", Route(status=301, headers={"Location": "/loop-a"}))
    return "/loop-a"


def serve(route: Route) -> Callable[[FeedSite], str]:
    def setup(site: FeedSite) -> str:
        site.set("/bad", route)
        return "/bad"

    return setup


# name -> (server setup, the error kinds that may be recorded)
FAULTS: dict[str, tuple[Callable[[FeedSite], str], set[str]]] = {
    "timeout": (serve(Route(action="hang")), {"timeout"}),
    # each byte in time for the read timeout, the whole far too slow: the fetch's deadline ends it
    "slow drip": (serve(Route(action="drip", body=b"<rss>" + b" " * 1000, headers=XML)), {"timeout"}),
    "short body": (serve(Route(action="short", body=rss([("s1", "x")]), headers=XML)), {"protocol"}),
    "reset": (serve(Route(action="reset")), {"network", "protocol"}),
    "500": (serve(Route(status=500, body=b"internal error")), {"http_500"}),
    "429": (serve(Route(status=429, headers={"Retry-After": "7200"})), {"http_429"}),
    "404": (serve(Route(status=404, body=b"missing")), {"http_404"}),
    "410": (serve(Route(status=410, body=b"gone")), {"gone"}),
    "redirect loop": (redirect_loop, {"too_many_redirects"}),
    "oversized body": (serve(Route(body=b"<rss>" + b" " * 300_000, headers=XML)), {"too_large"}),
    "gzip bomb": (
        serve(
            Route(
                body=gzip.compress(b"<rss>" + b"\0" * 5_000_000), headers={**XML, "Content-Encoding": "gzip"}
            )
        ),
        {"too_large"},
    ),
    "html page": (
        serve(
            Route(
                body=b"<!doctype html><html><body><p>Log in</p></body></html>",
                headers={"Content-Type": "text/html"},
            )
        ),
        {"not_a_feed"},
    ),
    "entity expansion": (serve(Route(body=BILLION_LAUGHS, headers=XML)), {"entity_expansion"}),
    "empty 200": (serve(Route(body=b"", headers=XML)), {"not_a_feed"}),
}


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failing_source_backs_off_and_the_others_go_on(fault: str) -> None:
    setup, kinds = FAULTS[fault]
    with FeedSite() as site:
        bad_path = setup(site)
        site.feed("/good.xml", [("g1", "US raises tariff on Chinese steel to 50%")], etag='"1"')
        sources = [
            Source(name="bad", url=site.url(bad_path), interval=60),
            Source(name="good", url=site.url("/good.xml"), interval=1),
        ]
        fetcher = HttpFetcher(timeout=0.4, deadline=1.5, max_bytes=200_000, max_decompressed_bytes=1_000_000)
        # the default set-up, worker processes included: parse errors come back from them typed
        watcher = Watcher(sources, store=":memory:", fetcher=fetcher, poll_interval_tick=0.05, seed=3)
        watcher.start()
        try:
            wait_for(lambda: watcher.health("bad").last_polled is not None)
            first = watcher.health("bad")
            assert first.last_error_kind in kinds, first
            assert first.consecutive_failures == 1
            assert first.last_success is None
            assert first.last_error
            if fault == "410":
                assert first.disabled_reason == "gone (HTTP 410)"
                assert first.due_at is None
            else:
                assert first.due_at is not None
                assert first.last_polled is not None
                assert (first.due_at - first.last_polled).total_seconds() >= (7200 if fault == "429" else 120)
            # the healthy source keeps its own schedule meanwhile
            wait_for(lambda: site.hits["/good.xml"] >= 2)
            assert watcher.health("good").consecutive_failures == 0
            assert watcher.scheduler.running
            # a forced second pass: the bad source fails again and waits longer
            report = watcher.poll_once()
            if fault == "410":
                assert "bad" not in {o.name for o in report.outcomes}
            else:
                assert report["bad"].status is PollStatus.FAILED
                assert report["bad"].error_kind in kinds
                second = watcher.health("bad")
                assert second.consecutive_failures == 2
                assert second.due_at is not None
                assert second.last_polled is not None
                assert first.due_at is not None
                assert first.last_polled is not None
                assert second.due_at - second.last_polled > first.due_at - first.last_polled or fault == "429"
            # skipped when the background timer is polling it at that moment
            assert report["good"].ok or report["good"].status is PollStatus.SKIPPED
            assert watcher.health("good").consecutive_failures == 0
        finally:
            watcher.stop()


def test_invalid_utf8_is_read_with_a_fallback_encoding_not_dropped() -> None:
    with FeedSite() as site:
        site.set("/latin.xml", Route(body=INVALID_UTF8, headers=XML))
        with watcher_in_thread(
            [Source(name="s", url=site.url("/latin.xml"))], store=":memory:", fetcher=HttpFetcher(timeout=2)
        ) as w:
            outcome = w.poll_once()["s"]
    assert outcome.status is PollStatus.UPDATED, outcome
    assert [i.item.title.startswith("Tariff") for i in outcome.items] == [True]


def test_a_feed_that_recovers_is_polled_normally_again() -> None:
    with FeedSite() as site:
        site.set("/f.xml", Route(status=503, headers={"Retry-After": "1"}))
        with watcher_in_thread(
            [Source(name="f", url=site.url("/f.xml"), interval=1)],
            store=":memory:",
            fetcher=HttpFetcher(timeout=2),
        ) as w:
            assert w.poll_once()["f"].error_kind == "http_503"
            site.set(
                "/f.xml", Route(body=rss([("x", "Brazil and Argentina agree truce on beef")]), headers=XML)
            )
            outcome = w.poll_once()["f"]
            assert outcome.status is PollStatus.UPDATED
            assert outcome.new == 1
            assert w.health("f").consecutive_failures == 0


def test_a_storm_of_5xx_answers_is_not_amplified_and_every_source_recovers() -> None:
    storm = [500, 502, 503, 504]
    with FeedSite() as site:
        sources = [Source(name=f"s{n}", url=site.url(f"/s{n}.xml"), interval=1) for n in range(24)]
        for n in range(24):
            headers = {"Retry-After": "3600"} if n % 8 == 2 else {}
            site.set(f"/s{n}.xml", Route(status=storm[n % 4], body=b"busy", headers=headers))
        site.feed("/calm.xml", [("c1", "Japan and India hold talks on chip supplies")], etag='"c"')
        calm = Source(name="calm", url=site.url("/calm.xml"), interval=1)
        watcher = Watcher(
            [*sources, calm],
            store=":memory:",
            fetcher=HttpFetcher(timeout=2),
            poll_interval_tick=0.05,
            seed=5,
        )
        watcher.start()
        try:
            wait_for(lambda: all(watcher.health(s.name).last_polled is not None for s in sources))
            time.sleep(6)
            # A poll the server answered may still be on its way to the store: judge a view in which every
            # answered poll is committed (health read first, then the server's count).
            views: list[list[tuple[SourceHealth, int]]] = []

            def settled() -> bool:
                view = [(watcher.health(s.name), site.hits[f"/s{n}.xml"]) for n, s in enumerate(sources)]
                views.append(view)
                return all(health.consecutive_failures == hits for health, hits in view)

            wait_for(settled)
            # Backing off, each failing source waited twice as long after each failure (2 s, then 4 s: at
            # most three requests in these 6 s), those that sent Retry-After waited an hour, and the healthy
            # source kept its 1 s schedule meanwhile.
            for n, (source, (health, hits)) in enumerate(zip(sources, views[-1], strict=True)):
                assert health.last_error_kind == f"http_{storm[n % 4]}"
                assert hits == 1 if n % 8 == 2 else 1 <= hits <= 3, (source.name, hits)
                assert health.due_at is not None and health.last_polled is not None
                wait = (health.due_at - health.last_polled).total_seconds()
                assert wait >= (3600 if n % 8 == 2 else 2**hits), (source.name, wait)
            assert site.hits["/calm.xml"] >= 3
            assert watcher.health("calm").consecutive_failures == 0
            assert watcher.scheduler.running
            # The storm passes: a forced pass finds every source healthy again, with its items.
            for n in range(24):
                site.feed(f"/s{n}.xml", [(f"i{n}", f"Item {n}: Canada lifts its surtax on US steel")])
            report = watcher.poll_once()
            for source in sources:
                assert report[source.name].status is PollStatus.UPDATED, report[source.name]
                assert watcher.health(source.name).consecutive_failures == 0
        finally:
            watcher.stop()
