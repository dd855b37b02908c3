"""At-least-once delivery under SIGKILL: a watcher process is killed at random points while it polls,
commits and delivers, then restarted, many times. Every alert must reach the sink at least once, none may be
lost, and a repeated delivery carries the same alert id."""

from __future__ import annotations

import collections
import contextlib
import http.server
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tradewatch.store import DeliveryStatus, SqliteStore

CHILD = Path(__file__).with_name("crash_child.py")
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a watcher killed in the middle of a response resets its connection: that is the test


class GrowingFeed:
    """An RSS feed that gains one item every `every` seconds, up to `total`: item n raises the US tariff on
    Chinese steel from n% to n+1%, so every item after the baseline is one rate change."""

    def __init__(self, total: int, every: float) -> None:
        self.total = total
        self.every = every
        self.count = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._grow, daemon=True)

    def _grow(self) -> None:
        while self.count < self.total and not self._stop.wait(self.every):
            self.count += 1

    def body(self) -> bytes:
        entries = []
        for n in range(self.count):
            day = (START + timedelta(hours=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
            entries.append(
                f"<item><guid>steel-{n}</guid><title>Steel duty moves again ({n})</title>"
                f"<link>http://example.invalid/steel/{n}</link><pubDate>{day}</pubDate>"
                f"<description>The United States raised its tariff on Chinese steel from {n + 1}% to "
                f"{n + 2}%, the trade representative's office said.</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Steel desk</title>'
            "<link>http://example.invalid/</link><description>Duties</description>"
            + "".join(reversed(entries))
            + "</channel></rss>"
        ).encode()

    @contextlib.contextmanager
    def serve(self) -> Iterator[str]:
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = feed.body()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        server = _QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
        finally:
            self._stop.set()
            server.shutdown()
            server.server_close()


def _child(store: Path, url: str, out: Path, seed: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(store), url, str(out), str(seed)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _settled(store_path: Path, total: int) -> bool:
    store = SqliteStore(store_path)
    try:
        stored = len(store.items(limit=total + 10))
        pending = store.outbox(status=DeliveryStatus.PENDING, limit=1)
    finally:
        store.close()
    return stored == total and not pending


@dataclass(frozen=True)
class KillAccount:
    """What one run of kills left behind: every alert the outbox holds, and how often the sink saw each."""

    kills: int
    items: int
    baseline: int
    alerts: int  # in the outbox, all delivered: one per rate change after the baseline
    delivered: int  # distinct alert ids the sink received
    copies: int  # lines the sink received, repeats included
    lost: int  # rate changes no delivered alert carries

    @property
    def repeats(self) -> int:
        return self.copies - self.delivered


def run_kill_cycle(tmp_path: Path, *, kills: int, total: int, seed: int) -> KillAccount:
    rng = random.Random(seed)
    store_path, out = tmp_path / "crash.sqlite", tmp_path / "delivered.jsonl"
    feed = GrowingFeed(total=total, every=0.15)
    with feed.serve() as url:
        for n in range(kills):
            child = _child(store_path, url, out, seed + n)
            time.sleep(rng.uniform(0.8, 2.5))  # past start-up, into polls, commits and deliveries
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        ready = Path(str(out) + ".ready")
        ready.unlink(missing_ok=True)
        child = _child(store_path, url, out, seed + kills)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                time.sleep(0.5)
                if feed.count == total and store_path.exists() and _settled(store_path, total):
                    break
        finally:
            deadline = time.monotonic() + 30
            while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
            child.send_signal(signal.SIGTERM)
            assert child.wait(timeout=30) == 0

    store = SqliteStore(store_path)
    try:
        items = store.items(limit=total + 10)
        rows = store.outbox(status=None, limit=10_000)
    finally:
        store.close()
    assert len(items) == total
    baseline = sum(1 for i in items if i.baseline)
    assert 1 <= baseline < total

    assert {r.status for r in rows} == {DeliveryStatus.DELIVERED}, [(r.status, r.last_error) for r in rows]
    expected = {r.alert.id for r in rows}
    # Every item after the baseline is one rate change, hence one alert: none was lost on the way.
    assert len(expected) == total - baseline
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    delivered = collections.defaultdict(list)
    for line in lines:
        delivered[line["id"]].append((line["old"], line["new"]))
    assert set(delivered) == expected  # at least once each, and nothing the outbox did not hold
    for id_, copies in delivered.items():
        assert len(set(copies)) == 1, f"alert {id_} was delivered with different contents: {copies}"
    news = sorted(int(copies[0][1]) for copies in delivered.values())
    assert news == list(range(baseline + 2, total + 2))  # each change once, the chain unbroken
    return KillAccount(
        kills=kills,
        items=len(items),
        baseline=baseline,
        alerts=len(expected),
        delivered=len(delivered),
        copies=len(lines),
        lost=len(set(range(baseline + 2, total + 2)) - set(news)),
    )


def test_sigkill_during_polls_and_deliveries_loses_no_alert(tmp_path: Path) -> None:
    run_kill_cycle(tmp_path, kills=5, total=40, seed=11)


@pytest.mark.slow
def test_sigkill_many_times_loses_no_alert(tmp_path: Path) -> None:
    run_kill_cycle(tmp_path, kills=40, total=240, seed=23)
