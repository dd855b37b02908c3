"""Several watcher processes on one shared store: each source polled once per cycle, leases of a killed
process taken over once they expire, no alert lost, and repeated deliveries under the same alert id.

The feeds are served from this process (a threaded HTTP server that answers each request after a short
delay, so that a cycle lasts a few seconds and a kill lands while leases are held). The watchers run in
child processes (tests/multi_child.py) that log every lease they take, every poll they commit and every
alert they deliver, fsynced, so that a SIGKILL loses nothing the test needs to judge them.

Each test runs on a shared SQLite file and, when ``TRADEWATCH_TEST_PG`` names a server, on a fresh PostgreSQL
database. The restart tests start a PostgreSQL cluster of their own (tools/pg-cluster) and restart or crash
it under the watchers; they run only when ``TRADEWATCH_TEST_PG`` is set. Without it the PostgreSQL tests skip,
or fail with ``TRADEWATCH_REQUIRE_PG=1``. The default run keeps one kill test per store and the quick
restart; the longer variants (several cycles and kills, an outage longer than a lease) are marked slow.
"""

from __future__ import annotations

import collections
import contextlib
import http.server
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from stores import PostgresDatabases, postgres_server, skip_or_fail
from tradewatch.store import DeliveryStatus, Store, open_store

CHILD = Path(__file__).with_name("multi_child.py")
START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
#: One product per alerting feed, so that every alerting feed has a measure of its own.
PRODUCTS = [
    "steel", "aluminium", "copper", "soybeans", "beef", "semiconductors", "wine", "lumber", "pork", "wheat",
    "corn", "cotton", "rice", "sugar", "coffee", "tea", "nickel", "zinc", "tin", "lithium", "cobalt",
    "timber", "salmon", "cheese", "whisky", "tyres", "glass", "cement", "paper", "fertiliser",
]  # fmt: skip
#: Seconds of slack for timestamps taken by different processes (and, for PostgreSQL, the server's clock).
CLOCK_SLACK = 0.25


# -- the feeds ----------------------------------------------------------------------------------------------


class Feeds:
    """`count` RSS feeds at ``/f<k>.xml``, each answered after `delay` seconds.

    Most feeds carry two items that make no event. The alerting ones (`alerting` of them, spread over the
    range) carry a chain of tariff rate changes on a product of their own: item n says the US raised its
    tariff on Chinese <product> from n+1% to n+2%. A feed starts with `items` items and, when `grow_every` is
    set, gains one every `grow_every` seconds up to `grow_to`. Every request is counted by path, and every
    answer carries an ETag of its own (and is never a 304), so that the validators a store holds name the
    answer whose poll it committed last.
    """

    def __init__(
        self,
        count: int,
        *,
        alerting: int,
        items: int,
        delay: float,
        grow_every: float | None = None,
        grow_to: int | None = None,
    ) -> None:
        if alerting > len(PRODUCTS):
            raise ValueError(f"at most {len(PRODUCTS)} alerting feeds")
        self.count = count
        self.delay = delay
        step = count // alerting
        self.alerting = {k * step + step // 2: PRODUCTS[k] for k in range(alerting)}
        self.items = items
        self.grow_every = grow_every
        self.grow_to = grow_to if grow_to is not None else items
        self.requests: collections.Counter[str] = collections.Counter()
        self.served = 0
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._server: http.server.ThreadingHTTPServer | None = None

    def name(self, k: int) -> str:
        return f"f{k}"

    def url(self, k: int) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/f{k}.xml"

    def current_items(self) -> int:
        if self.grow_every is None:
            return self.items
        grown = int((time.monotonic() - self._started) / self.grow_every)
        return min(self.items + grown, self.grow_to)

    def grown_at(self) -> float | None:
        """The wall time the feeds reached their full size (0 for feeds that never grow), or None if not yet."""
        if self.grow_every is None:
            return 0.0
        ends = self._started + (self.grow_to - self.items) * self.grow_every
        return None if time.monotonic() < ends else time.time() - (time.monotonic() - ends)

    def expected_alerts(self) -> set[tuple[str, int]]:
        """(source, new rate) of every alert the feeds imply once fully grown: the first item of a chain sets
        the measure, each later one changes its rate."""
        return {(self.name(k), n + 2) for k in self.alerting for n in range(1, self.grow_to)}

    def body(self, k: int) -> bytes:
        product = self.alerting.get(k)
        entries = []
        if product is None:
            for n in range(2):
                day = (START + timedelta(hours=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
                entries.append(
                    f"<item><guid>f{k}-{n}</guid><title>Desk {k} note {n}</title>"
                    f"<link>http://example.invalid/f{k}/{n}</link><pubDate>{day}</pubDate>"
                    f"<description>Nothing of note on desk {k} today, number {n}.</description></item>"
                )
        else:
            for n in range(self.current_items()):
                day = (START + timedelta(hours=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
                entries.append(
                    f"<item><guid>f{k}-{n}</guid><title>{product.title()} duty moves ({k}/{n})</title>"
                    f"<link>http://example.invalid/f{k}/{n}</link><pubDate>{day}</pubDate>"
                    f"<description>The United States raised its tariff on Chinese {product} from {n + 1}% "
                    f"to {n + 2}%, the trade representative's office said.</description></item>"
                )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Desk {k}</title><link>http://example.invalid/f{k}</link><description>Trade</description>"
            + "".join(reversed(entries))
            + "</channel></rss>"
        ).encode()

    @contextlib.contextmanager
    def serve(self) -> Iterator[Feeds]:
        feeds = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                try:
                    k = int(path.removeprefix("/f").removesuffix(".xml"))
                except ValueError:
                    k = -1
                if not 0 <= k < feeds.count:
                    self.send_error(404)
                    return
                with feeds._lock:
                    feeds.requests[feeds.name(k)] += 1
                    feeds.served += 1
                    etag = f'"{k}-{feeds.served}"'  # one per answer: the store keeps the last committed
                time.sleep(feeds.delay)
                body = feeds.body(k)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

            def handle(self) -> None:
                # A killed watcher leaves its connections half done: not this server's problem.
                with contextlib.suppress(ConnectionError):
                    super().handle()

        class Server(http.server.ThreadingHTTPServer):
            request_queue_size = 512

        self._server = Server(("127.0.0.1", 0), Handler)
        self._started = time.monotonic()
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()


# -- the watcher processes ------------------------------------------------------------------------------------


class Cluster:
    """Watcher processes (tests/multi_child.py) on one store, with their logs in `folder`."""

    def __init__(
        self, folder: Path, store: str, feeds: Feeds, *, interval: float, lease: float, **settings: Any
    ) -> None:
        self.folder = folder
        self.store_url = store
        self.feeds = feeds
        self.interval = interval
        self.lease = lease
        self.settings = settings
        self.go = folder / "go"
        self.children: dict[int, subprocess.Popen[bytes]] = {}
        self.killed: dict[int, float] = {}  # pid -> wall time just after its death
        self.orphaned: dict[int, set[str]] = {}  # pid -> the sources it held when it died
        self._serial = 0

    def spawn(self) -> int:
        self._serial += 1
        n = self._serial
        spec = {
            "store": self.store_url,
            "sources": [
                {
                    "name": self.feeds.name(k),
                    "url": self.feeds.url(k),
                    "interval": self.interval,
                    "alert_on_first_poll": True,
                }
                for k in range(self.feeds.count)
            ],
            "delivered": str(self.folder / f"delivered.{n}.jsonl"),
            "polls": str(self.folder / f"polls.{n}.jsonl"),
            "go": str(self.go),
            "lease": self.lease,
            **self.settings,
        }
        path = self.folder / f"spec.{n}.json"
        path.write_text(json.dumps(spec), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / f"stderr.{n}.txt", "wb"),  # noqa: SIM115 (the child owns it)
        )
        self.children[child.pid] = child
        return child.pid

    def wait_ready(self, pids: list[int], timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = {r["pid"] for r in self.records() if r["ev"] == "ready"}
            if set(pids) <= ready:
                return
            for pid in pids:
                code = self.children[pid].poll()
                if code is not None:
                    raise AssertionError(f"watcher {pid} exited with {code} before it was ready")
            time.sleep(0.05)
        raise AssertionError(f"watchers not ready after {timeout} s")

    def start(self, count: int) -> list[int]:
        pids = [self.spawn() for _ in range(count)]
        self.wait_ready(pids)
        self.go.touch()
        return pids

    def records(self) -> list[dict[str, Any]]:
        return _read_lines(self.folder.glob("polls.*.jsonl"))

    def delivered(self) -> list[dict[str, Any]]:
        return _read_lines(self.folder.glob("delivered.*.jsonl"))

    def kill(self, pid: int) -> None:
        self.children[pid].send_signal(signal.SIGKILL)
        self.children[pid].wait(timeout=10)
        self.killed[pid] = time.time()  # after its death: every line it wrote is older
        self.orphaned[pid] = self.orphans(pid)

    def orphans(self, pid: int) -> set[str]:
        """The sources a killed process held when it died: leased by its log, never committed by it. Some may
        have been committed all the same, just before the kill and after the commit, before the log line."""
        return _held(self.records(), pid)

    def kill_while_leasing(self, pid: int, *, after_commits: int, timeout: float = 60) -> None:
        """SIGKILL `pid` once the cluster committed `after_commits` polls and `pid` holds leases it has not
        committed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            records = self.records()
            commits = sum(1 for r in records if r["ev"] == "commit")
            if commits >= after_commits and _held(records, pid):
                self.kill(pid)
                return
            time.sleep(0.02)
        raise AssertionError(f"watcher {pid} never held a lease after {after_commits} commits")

    def stop(self) -> dict[int, int]:
        """SIGTERM the live watchers; returns their exit codes."""
        alive = {pid: c for pid, c in self.children.items() if pid not in self.killed}
        for child in alive.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        codes = {}
        for pid, child in alive.items():
            try:
                codes[pid] = child.wait(timeout=60)
            except subprocess.TimeoutExpired:
                child.kill()
                codes[pid] = child.wait()
        return codes

    def close(self) -> None:
        for child in self.children.values():
            if child.poll() is None:
                child.kill()
                child.wait()


def _read_lines(paths: Iterator[Path]) -> list[dict[str, Any]]:
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(json.JSONDecodeError):  # a line cut by SIGKILL is not counted
                out.append(json.loads(line))
    return out


def _held(records: list[dict[str, Any]], pid: int) -> set[str]:
    """Sources whose latest lease `pid` took and has not committed (or been fenced off)."""
    held: dict[str, int] = {}
    for r in records:
        if r.get("pid") != pid:
            continue
        if r["ev"] == "claim":
            held[r["source"]] = r["epoch"]
        elif r["ev"] in ("commit", "fenced", "commit_error") and held.get(r["source"]) == r["epoch"]:
            del held[r["source"]]
    return set(held)


@contextlib.contextmanager
def running(cluster: Cluster) -> Iterator[Cluster]:
    try:
        yield cluster
    finally:
        cluster.close()


def wait_settled(cluster: Cluster, store: Store, *, timeout: float) -> None:
    """Until every source has committed a poll, the alerting ones after the feeds stopped growing, every
    source a killed process held was polled again, and every alert the feeds imply was delivered with nothing
    left pending in the outbox."""
    feeds = cluster.feeds
    expected = feeds.expected_alerts()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        time.sleep(0.25)
        grown_at = feeds.grown_at()
        if grown_at is None:
            continue
        health = {s.source.name: s.health for s in store.sources()}
        polled = all(h.last_success is not None for h in health.values())
        fresh = all(
            (h := health[feeds.name(k)]).last_success is not None and h.last_success.timestamp() > grown_at
            for k in feeds.alerting
        )
        got = {(d["source"], int(d["new"])) for d in cluster.delivered()}
        # A source a killed process held has been polled since it claimed it: by a survivor after the
        # lease, or by the victim itself just before it died.
        claimed_at = {(r["pid"], r["source"]): r["t"] for r in cluster.records() if r["ev"] == "claim"}
        taken_over = all(
            (last := health[name].last_polled) is not None and last.timestamp() >= claimed_at[pid, name]
            for pid, names in cluster.orphaned.items()
            for name in names
        )
        if (
            polled
            and fresh
            and taken_over
            and expected <= got
            and not store.outbox(status=DeliveryStatus.PENDING, limit=1)
        ):
            return
    raise AssertionError(f"the cluster did not settle within {timeout} s")


# -- what must hold ------------------------------------------------------------------------------------------


def check_alerts(cluster: Cluster, store: Store) -> None:
    """Every alert the feeds imply was delivered, no other; each id always with the same content; the outbox
    holds exactly those ids, all delivered."""
    lines = cluster.delivered()
    by_id: dict[str, list[tuple[str, str, str, str]]] = collections.defaultdict(list)
    for d in lines:
        by_id[d["id"]].append((d["source"], d["key"], d["old"], d["new"]))
    for id_, copies in by_id.items():
        assert len(set(copies)) == 1, f"alert {id_} was delivered with different contents: {copies}"
    got = collections.Counter((c[0][0], int(c[0][3])) for c in by_id.values())
    expected = cluster.feeds.expected_alerts()
    assert set(got) == expected, (
        f"missing {sorted(expected - set(got))[:10]}, unexpected {sorted(set(got) - expected)[:10]}"
    )
    assert all(n == 1 for n in got.values()), "one change got two alert ids: " + str(
        [k for k, n in got.items() if n > 1][:10]
    )
    rows = store.outbox(limit=100_000)
    assert {r.status for r in rows} == {DeliveryStatus.DELIVERED}, [(r.status, r.last_error) for r in rows]
    assert {r.alert.id for r in rows} == set(by_id)


def committed_polls(cluster: Cluster, store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every poll that reached the store, by source, oldest first: those whose commit was logged, and those
    whose process died (or whose commit raised) before it could say so, found out afterwards.

    The server gives every answer an ETag of its own, and a claim carries the validators stored by the last
    commit; so the next claim of the source tells whether a commit nobody logged went through (the store
    then holds its ETag). For a source never claimed again, its stored last poll time tells.
    """
    records = cluster.records()
    # A "fenced" answer may also follow a commit that went through: the store ran the transaction again after
    # the connection dropped during COMMIT, and found its own commit had released the lease.
    settled = {(r["pid"], r["source"], r["epoch"]) for r in records if r["ev"] == "commit"}
    claims: dict[str, dict[int, dict[str, Any]]] = collections.defaultdict(dict)
    out: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in records:
        if r["ev"] == "claim":
            claims[r["source"]][r["epoch"]] = r
        elif r["ev"] == "commit":
            out[r["source"]].append(r)
    last_polled = {
        s.source.name: s.health.last_polled.timestamp()
        for s in store.sources()
        if s.health.last_polled is not None
    }
    for r in records:
        if r["ev"] != "committing" or (r["pid"], r["source"], r["epoch"]) in settled:
            continue
        later = [e for e in claims[r["source"]] if e > r["epoch"]]
        if later:
            through = r["etag"] is not None and claims[r["source"]][min(later)]["etag"] == r["etag"]
        else:
            through = abs(last_polled.get(r["source"], 0.0) - r["polled_at"]) < 1e-3
        if through:
            out[r["source"]].append({**r, "ev": "commit", "unlogged": True})
    for polls in out.values():
        polls.sort(key=lambda r: r["polled_at"])
    return out


def check_one_cycle(cluster: Cluster, store: Store, *, victim: int | None) -> None:
    """The whole run fits in one interval: every source was polled (committed) exactly once; a source the
    victim held when it died was polled by a survivor only after the victim's lease ended, unless the
    victim's own commit went through."""
    polls = committed_polls(cluster, store)
    names = {cluster.feeds.name(k) for k in range(cluster.feeds.count)}
    twice = {n: [(p["pid"], round(p["polled_at"], 3)) for p in ps] for n, ps in polls.items() if len(ps) > 1}
    assert not twice, f"{len(twice)} sources were polled twice in one cycle, e.g. {list(twice.items())[:5]}"
    assert set(polls) == names, f"never polled: {sorted(names - set(polls))}"
    if victim is None:
        return
    orphans = cluster.orphaned[victim]
    leases = {
        r["source"]: r["lease_until"] for r in cluster.records() if r["ev"] == "claim" and r["pid"] == victim
    }
    taken_over = 0
    for name in orphans:
        (poll,) = polls[name]
        if poll["pid"] == victim:
            assert poll.get("unlogged"), f"{name}: the victim logged a commit after its death"
            continue  # the victim's commit went through just before it died
        assert poll["polled_at"] >= leases[name] - CLOCK_SLACK, (
            f"{name} was polled by {poll['pid']} at {poll['polled_at']:.3f}, before the victim's lease ended "
            f"at {leases[name]:.3f}"
        )
        taken_over += 1
    assert taken_over, "no orphaned lease was taken over (the victim had committed all it held)"


def check_intervals(cluster: Cluster, store: Store) -> None:
    """Over several cycles: no source polled again before its interval was over, and none left waiting
    much longer than its interval (plus, after a kill, a lease)."""
    polls = committed_polls(cluster, store)
    early: list[tuple[str, float]] = []
    late: list[tuple[str, float]] = []
    # The schedule stretches an interval by up to 10% (jitter); a claim waits for the next tick and a free
    # worker, and a lease held by a killed process delays the source by up to one lease.
    longest = cluster.interval * 1.1 + cluster.lease + 5.0
    for name, done in polls.items():
        times = [p["polled_at"] for p in done]
        for a, b in itertools.pairwise(times):
            if b - a < cluster.interval - CLOCK_SLACK:
                early.append((name, round(b - a, 3)))
            if b - a > longest:
                late.append((name, round(b - a, 3)))
    assert not early, f"{len(early)} polls came before the interval was over, e.g. {early[:5]}"
    assert not late, f"{len(late)} polls came more than {longest:.1f} s after the last, e.g. {late[:5]}"


# -- stores --------------------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where the processes of one test meet: a SQLite file, or a fresh PostgreSQL database of the test's own."""
    if request.param == "sqlite":
        yield str(tmp_path / "shared.sqlite")
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
    url = databases.create()
    try:
        yield url
    finally:
        databases.drop(url)


# -- the tests -----------------------------------------------------------------------------------------------


def run_one_cycle_with_kill(folder: Path, url: str, *, sources: int, seed: int) -> None:
    rng = random.Random(seed)
    feeds = Feeds(sources, alerting=12, items=5, delay=0.15)
    store = open_store(url)
    try:
        with feeds.serve(), running(Cluster(folder, url, feeds, interval=60, lease=5)) as cluster:
            pids = cluster.start(3)
            victim = rng.choice(pids)
            cluster.kill_while_leasing(victim, after_commits=sources // 5)
            wait_settled(cluster, store, timeout=45)
            codes = cluster.stop()
            assert set(codes.values()) == {0}, codes
            check_one_cycle(cluster, store, victim=victim)
            check_alerts(cluster, store)
            # The server saw a second request only for a source the victim held (fetched, never committed).
            fetched_twice = {n for n, c in feeds.requests.items() if c > 1}
            assert fetched_twice <= cluster.orphaned[victim], sorted(fetched_twice - cluster.orphaned[victim])
    finally:
        store.close()


def test_three_watchers_one_killed_poll_each_source_once(tmp_path: Path, store_url: str) -> None:
    run_one_cycle_with_kill(tmp_path, store_url, sources=500, seed=5)


def check_takeovers(cluster: Cluster, store: Store) -> None:
    """After each kill: the next poll of every source the victim held (unless its own commit went through
    just before it died) came from another process, once the victim's lease had ended."""
    records = cluster.records()
    polls = committed_polls(cluster, store)
    taken_over = 0
    for victim, held in cluster.orphaned.items():
        killed_at = cluster.killed[victim]
        mine = {r["source"]: r for r in records if r["ev"] == "claim" and r["pid"] == victim}  # the latest
        leases = {name: r["lease_until"] for name, r in mine.items()}
        for name in held:
            if any(p["pid"] == victim and p["epoch"] == mine[name]["epoch"] for p in polls[name]):
                continue  # its commit went through just before it died
            after = [p for p in polls[name] if p["t"] > killed_at]
            assert after, f"{name}, held by {victim} when it was killed, was never polled again"
            poll = after[0]
            assert poll["pid"] != victim
            assert poll["polled_at"] >= leases[name] - CLOCK_SLACK, (
                f"{name} was polled by {poll['pid']} at {poll['polled_at']:.3f}, before the lease of the "
                f"killed {victim} ended at {leases[name]:.3f}"
            )
            taken_over += 1
    assert taken_over


def run_cycles_with_kills(
    folder: Path, url: str, *, sources: int, kills: int, every: float, seed: int
) -> None:
    """Several cycles: the feeds grow while watchers are killed one after another (each replaced by a new
    process), then everything settles."""
    rng = random.Random(seed)
    feeds = Feeds(
        sources, alerting=30, items=2, delay=0.1, grow_every=1.5, grow_to=2 + int(kills * every / 1.5)
    )
    store = open_store(url)
    try:
        with (
            feeds.serve(),
            running(
                Cluster(
                    folder,
                    url,
                    feeds,
                    interval=10,
                    lease=4,
                    max_workers=8,
                    delivery_lease=3,
                    deliver_sleep=0.1,
                )
            ) as cluster,
        ):
            live = cluster.start(3)
            for _ in range(kills):
                time.sleep(rng.uniform(0.5, 1.5) * every)
                victim = rng.choice(live)
                cluster.kill_while_leasing(victim, after_commits=0)
                live.remove(victim)
                live.append(cluster.spawn())
                cluster.wait_ready(live[-1:])
            wait_settled(cluster, store, timeout=90)
            codes = cluster.stop()
            assert set(codes.values()) == {0}, codes
            check_intervals(cluster, store)
            check_takeovers(cluster, store)
            check_alerts(cluster, store)
    finally:
        store.close()


@pytest.mark.slow
def test_many_cycles_with_repeated_kills(tmp_path: Path, store_url: str) -> None:
    run_cycles_with_kills(tmp_path, store_url, sources=1000, kills=5, every=8.0, seed=17)


# -- a database restart ----------------------------------------------------------------------------------------


#: Makes and starts a throwaway cluster (tools/pg-cluster start DIR), stops it (stop DIR).
PG_CLUSTER = Path(__file__).parents[1] / "tools" / "pg-cluster"


def _postgres_bin(name: str) -> str | None:
    """Where a PostgreSQL program is: the newest /usr/lib/postgresql/*/bin (as tools/pg-cluster looks), then
    PATH."""
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: [int(n) if n.isdigit() else 0 for n in p.parts[-3].split(".")],
    )
    return str(candidates[-1]) if candidates else shutil.which(name)


class ThrowawayCluster:
    """A PostgreSQL cluster of this test's own in a temporary folder, on a free port, so that it can be
    restarted without disturbing anybody. tools/pg-cluster makes and starts it (its own initdb when the
    script is missing); restarts and stops in between call pg_ctl, which keeps the port (and so the URL the
    watchers hold). Under root the cluster runs as the ``postgres`` OS user: PostgreSQL refuses root."""

    def __init__(self) -> None:
        self.pg_ctl = _postgres_bin("pg_ctl")
        initdb = _postgres_bin("initdb")
        if not PG_CLUSTER.exists() and (initdb is None or self.pg_ctl is None):
            skip_or_fail("tools/pg-cluster, or initdb and pg_ctl, are needed for a throwaway cluster")
        self.folder = Path(tempfile.mkdtemp(prefix="tw-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            self.prefix = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.folder, "postgres")
        if PG_CLUSTER.exists():
            found = subprocess.run(
                [str(PG_CLUSTER), "start", str(self.folder)],
                check=True,
                capture_output=True,
                text=True,
                timeout=300,
            )
            self.url = found.stdout.strip()
            self.port = int((self.folder / "port").read_text(encoding="utf-8"))
            self.pg_ctl = self.pg_ctl or _postgres_bin("pg_ctl")  # the script may have installed it
        else:
            assert initdb is not None
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                self.port = sock.getsockname()[1]
            self._as_owner(initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
            self.start()
            self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_owner(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)

    def _ctl(self, *args: str) -> None:
        assert self.pg_ctl is not None
        self._as_owner(self.pg_ctl, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", *args)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop")

    def restart(self) -> None:
        """Stop (disconnecting every client) and start again, on the same port."""
        self._ctl("-m", "fast", "restart")

    def close(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            if PG_CLUSTER.exists():
                subprocess.run([str(PG_CLUSTER), "stop", str(self.folder)], check=True, capture_output=True,
                               timeout=120)  # fmt: skip
            else:
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def throwaway_postgres() -> Iterator[ThrowawayCluster]:
    postgres_server()  # skips (or fails, when PostgreSQL is required) without a server to test against
    pytest.importorskip("psycopg")
    cluster = ThrowawayCluster()
    try:
        yield cluster
    finally:
        cluster.close()


def run_with_database_outage(folder: Path, pg: ThrowawayCluster, *, outage: float | None) -> None:
    """Three watchers on a PostgreSQL cluster that goes away while they poll and deliver: restarted at once
    (`outage` None), or stopped like a crash (immediate shutdown) and started again `outage` seconds later.
    They must reconnect, keep to one poll per source, and deliver every alert."""
    sources = 300
    feeds = Feeds(sources, alerting=12, items=5, delay=0.2)
    store = open_store(pg.url)
    try:
        with (
            feeds.serve(),
            running(Cluster(folder, pg.url, feeds, interval=60, lease=5, deliver_sleep=0.05)) as cluster,
        ):
            cluster.start(3)
            deadline = time.monotonic() + 60
            while sum(1 for r in cluster.records() if r["ev"] == "commit") < sources // 3:
                assert time.monotonic() < deadline, "the watchers did not get going"
                time.sleep(0.05)
            if outage is None:
                pg.restart()
            else:
                pg.stop("immediate")
                time.sleep(outage)
                pg.start()
            back_at = time.time()
            wait_settled(cluster, store, timeout=90)
            codes = cluster.stop()
            assert set(codes.values()) == {0}, codes
            check_one_cycle(cluster, store, victim=None)
            check_alerts(cluster, store)
            # The database went away in the middle of the cycle: polls were committed after it came back.
            assert any(r["ev"] == "commit" and r["t"] > back_at + 0.5 for r in cluster.records())
    finally:
        store.close()


def test_database_restart_mid_cycle_loses_nothing(
    tmp_path: Path, throwaway_postgres: ThrowawayCluster
) -> None:
    run_with_database_outage(tmp_path, throwaway_postgres, outage=None)


@pytest.mark.slow
def test_database_down_longer_than_a_lease_loses_nothing(
    tmp_path: Path, throwaway_postgres: ThrowawayCluster
) -> None:
    run_with_database_outage(tmp_path, throwaway_postgres, outage=8.0)


# -- the judge itself ------------------------------------------------------------------------------------------


def test_a_commit_the_log_missed_is_found_by_the_next_claim() -> None:
    """`committed_polls` counts a poll whose process died between its commit and the log line (the next claim
    carries its ETag), and not one whose commit never happened (the next claim carries the older ETag)."""

    class Logs:
        def __init__(self, records: list[dict[str, Any]]) -> None:
            self._records = records

        def records(self) -> list[dict[str, Any]]:
            return self._records

    class Health:
        last_polled = None

    class Status:
        def __init__(self, name: str) -> None:
            self.source = type("S", (), {"name": name})()
            self.health = Health()

    class Stored:
        def sources(self) -> list[Status]:
            return [Status("a"), Status("b")]

    def claim(source: str, pid: int, epoch: int, etag: str | None, t: float) -> dict[str, Any]:
        return {"ev": "claim", "source": source, "pid": pid, "epoch": epoch, "etag": etag, "t": t}

    def committing(source: str, pid: int, epoch: int, etag: str, t: float) -> dict[str, Any]:
        return {"ev": "committing", "source": source, "pid": pid, "epoch": epoch, "etag": etag,
                "polled_at": t, "t": t}  # fmt: skip

    records = [
        # "a": process 1 commits (unlogged, then dies); process 2's claim sees the ETag it stored.
        claim("a", 1, 1, None, 0.0),
        committing("a", 1, 1, '"a-1"', 0.1),
        claim("a", 2, 2, '"a-1"', 10.0),
        committing("a", 2, 2, '"a-2"', 10.1),
        {"ev": "commit", "source": "a", "pid": 2, "epoch": 2, "polled_at": 10.1, "t": 10.2},
        # "b": process 1 dies before its commit; process 2's claim still sees nothing stored.
        claim("b", 1, 1, None, 0.0),
        committing("b", 1, 1, '"b-1"', 0.1),
        claim("b", 2, 2, None, 5.0),
        committing("b", 2, 2, '"b-2"', 5.1),
        {"ev": "commit", "source": "b", "pid": 2, "epoch": 2, "polled_at": 5.1, "t": 5.2},
    ]
    polls = committed_polls(Logs(records), Stored())  # type: ignore[arg-type]
    assert [(p["pid"], p.get("unlogged", False)) for p in polls["a"]] == [(1, True), (2, False)]
    assert [(p["pid"], p.get("unlogged", False)) for p in polls["b"]] == [(2, False)]
