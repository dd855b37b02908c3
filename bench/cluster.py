"""Several watcher processes on one store: how long one full cycle takes, and how soon an alert reaches its
callback.

    .venv/bin/python bench/cluster.py [--pg postgresql://user@host:port/db] [--feeds 2000] [--workers 32]

1. Cycle time. A loopback server in its own process (asyncio, keep-alive, many slow connections at once)
   serves `--feeds` small feeds, each answer delayed by `--latency` seconds (200 ms). Watcher processes (1,
   2 and 3 on PostgreSQL, 1 on SQLite) start together on a fresh store holding every feed, due at once;
   the cycle time runs from their start until every source has a committed poll. The server counts the
   requests of each feed, so a feed fetched twice in the cycle shows up (the target is none). The ideal
   is feeds x latency / (processes x workers): the fetches alone, perfectly spread.
2. Delivery delay. This process commits alerts into the outbox one at a time, as a poll would, and a
   watcher in another process delivers them to a callback. The delay runs from the return of the commit to
   the callback, with the store's notification (PostgreSQL NOTIFY, heard through `Store.on_outbox`) and
   without it (the watcher then finds alerts at its next delivery tick; `--deliver-interval`, 2 s).

PostgreSQL comes from `--pg` or ``TRADEWATCH_TEST_PG`` (a server URL; a fresh database is created and dropped
for each run). Without one, only the SQLite figures are measured. A run takes a few minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from poll import make_feed  # the feeds of bench/poll.py, with fewer items

#: The sink the delivering process registers and the committed alerts name.
SINK = "bench"

# -- the feed server (its own process) ------------------------------------------------------------------


def serve(port_out: Any, feeds: int, items: int, latency: float) -> None:
    bodies = {f"/f{k}.xml": make_feed(k, items) for k in range(feeds)}
    counts: dict[str, int] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
            while True:
                line = await reader.readline()
                if not line:
                    break
                target = line.decode("latin-1").split(" ")[1].split("?")[0]
                headers: dict[str, str] = {}
                while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = raw.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                if target == "/_stats":
                    status, body = "200 OK", json.dumps(counts).encode()
                elif target == "/_reset":
                    counts.clear()
                    status, body = "200 OK", b"{}"
                elif target in bodies:
                    counts[target] = counts.get(target, 0) + 1
                    await asyncio.sleep(latency)
                    status, body = "200 OK", bodies[target]
                else:
                    status, body = "404 Not Found", b""
                head = (
                    f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nContent-Type: application/rss+xml"
                )
                writer.write(head.encode() + b"\r\n\r\n" + body)
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
        port_out.put(server.sockets[0].getsockname()[1])
        async with server:
            await server.serve_forever()

    asyncio.run(main())


class FeedServer:
    def __init__(self, feeds: int, items: int, latency: float) -> None:
        queue: Any = multiprocessing.Queue()
        self.process = multiprocessing.Process(target=serve, args=(queue, feeds, items, latency), daemon=True)
        self.process.start()
        self.base = f"http://127.0.0.1:{queue.get(timeout=60)}"
        self.urls = [f"{self.base}/f{k}.xml" for k in range(feeds)]

    def counts(self, reset: bool = False) -> dict[str, int]:
        with urllib.request.urlopen(f"{self.base}/_stats") as response:
            found: dict[str, int] = json.load(response)
        if reset:
            urllib.request.urlopen(f"{self.base}/_reset").close()
        return found

    def close(self) -> None:
        self.process.terminate()
        self.process.join()


# -- databases ------------------------------------------------------------------------------------------


def _with_dbname(url: str, name: str) -> str:
    head, _, query = url.partition("?")
    scheme, _, rest = head.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


@contextlib.contextmanager
def fresh_database(server: str) -> Iterator[str]:
    import psycopg

    name = f"tw_bench_{os.getpid()}_{random.randrange(1 << 30)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield _with_dbname(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def fresh_store(kind: str, pg: str | None) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield str(Path(folder) / "bench.sqlite")
    else:
        assert pg is not None
        with fresh_database(pg) as url:
            yield url


def postgres_version(pg: str) -> str:
    import psycopg

    with psycopg.connect(pg) as conn:
        row = conn.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


# -- child processes ------------------------------------------------------------------------------------


def child_poll(spec: dict[str, Any]) -> None:
    """A watcher polling the spec's feeds, started when the go file appears, stopped by SIGTERM."""
    from tradewatch import Source, Watcher
    from tradewatch.watcher import set_fetch_limit

    set_fetch_limit(max(64, spec["workers"]))
    sources = [
        Source(name=f"f{k}", url=url, interval=timedelta(hours=1)) for k, url in enumerate(spec["urls"])
    ]
    watcher = Watcher(
        sources,
        store=spec["store"],
        max_workers=spec["workers"],
        cpu_processes=0,
        lease=timedelta(minutes=2),
        poll_interval_tick=0.2,
    )
    Path(spec["ready"]).touch()
    go = Path(spec["go"])
    while not go.exists():
        time.sleep(0.01)
    watcher.run()


def child_deliver(spec: dict[str, Any]) -> None:
    """A watcher that only delivers: its callback appends (alert id, wall time) to the spec's file."""
    from tradewatch import Watcher
    from tradewatch.delivery import CallableSink
    from tradewatch.store import open_store

    store = open_store(spec["store"])
    if not spec["notify"]:
        # No subscription: alerts committed by another process wait for this one's delivery tick.
        store.on_outbox = lambda callback: lambda: None  # type: ignore[method-assign]
    out = open(spec["out"], "a", encoding="utf-8")  # noqa: SIM115 (for the life of the process)
    watcher = Watcher(
        None, store=store, cpu_processes=0, deliver_interval=spec["deliver_interval"], poll_interval_tick=5.0
    )

    def record(alert: Any) -> None:
        out.write(json.dumps({"id": alert.id, "t": time.time()}) + "\n")
        out.flush()

    watcher.add_sink(CallableSink(record, name=SINK))

    Path(spec["ready"]).touch()
    try:
        watcher.run()
    finally:
        store.close()


def spawn(mode: str, spec: dict[str, Any], folder: Path) -> subprocess.Popen[bytes]:
    path = folder / f"spec-{mode}-{random.randrange(1 << 30)}.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, __file__, f"--{mode}", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / f"{path.stem}.stderr", "wb"),
    )


def wait_files(paths: list[Path], children: list[subprocess.Popen[bytes]], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not all(p.exists() for p in paths):
        for child in children:
            if child.poll() is not None:
                raise SystemExit(f"a watcher process exited with {child.returncode} while starting")
        if time.monotonic() > deadline:
            raise SystemExit("watcher processes did not start")
        time.sleep(0.05)


def stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


# -- 1. cycle time --------------------------------------------------------------------------------------


def _timed_cycle(server: FeedServer, store: Any, since: datetime | None, timeout: float) -> dict[str, Any]:
    """Wait until every source has a poll newer than `since` (any poll when None); the time taken, and the
    server's request counts meanwhile."""
    started = time.perf_counter()
    polled = 0
    while time.perf_counter() - started < timeout:
        time.sleep(0.1)
        polled = sum(
            1
            for s in store.sources()
            if s.health.last_polled is not None and (since is None or s.health.last_polled >= since)
        )
        if polled == len(server.urls):
            break
    elapsed = time.perf_counter() - started
    counts = server.counts(reset=True)
    return {
        "seconds": elapsed if polled == len(server.urls) else None,
        "polled": polled,
        "requests": sum(counts.values()),
        "twice": sum(1 for c in counts.values() if c > 1),
    }


def cycle(
    server: FeedServer, store_url: str, processes: int, workers: int, timeout: float
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The first cycle (every item new) and a second one (the same feeds again, nothing new)."""
    from tradewatch import Source
    from tradewatch.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        go = folder / "go"
        ready = [folder / f"ready.{n}" for n in range(processes)]
        children = []
        try:
            # The first process creates the schema and the sources; the others then start on a ready store.
            for n in range(processes):
                spec = {"store": store_url, "urls": server.urls, "workers": workers, "ready": str(ready[n])}
                children.append(spawn("poll", {**spec, "go": str(go)}, folder))
                if n == 0:
                    wait_files(ready[:1], children)
            wait_files(ready, children)
            store = open_store(store_url)
            try:
                server.counts(reset=True)
                go.touch()
                first = _timed_cycle(server, store, None, timeout)
                # A changed URL makes a source due at once (the server ignores the query): all of them again.
                since = datetime.now(UTC)
                store.upsert_sources(
                    Source(name=f"f{k}", url=f"{url}?again", interval=timedelta(hours=1))
                    for k, url in enumerate(server.urls)
                )
                second = _timed_cycle(server, store, since, timeout)
            finally:
                store.close()
        finally:
            stop(children)
    return first, second


# -- 2. delivery delay ----------------------------------------------------------------------------------


def delivery_delay(store_url: str, *, notify: bool, alerts: int, deliver_interval: float) -> list[float]:
    from tradewatch import Source, Tariff, Watcher, rules
    from tradewatch.extract import RuleBasedExtractor
    from tradewatch.model import Item
    from tradewatch.store import ItemRecord, PollResult, open_store

    start = datetime(2025, 1, 1, tzinfo=UTC)
    extractor = RuleBasedExtractor()
    store = open_store(store_url)
    # A watcher that is never started: its rules turn the committed items into outbox rows, as in a poll.
    committer = Watcher(None, store=store, cpu_processes=0)
    committer.add_rule(rules.changed(Tariff, "rate", name="rate"), sinks=[SINK])
    source = Source(name="latency", url="http://127.0.0.1:9/latency.xml", interval=timedelta(days=1))
    store.upsert_sources([source])
    (claim,) = store.claim(["latency"], "bench", timedelta(minutes=5))  # before the deliverer could
    committed_at: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out, ready = folder / "delivered.jsonl", folder / "ready"
        spec = {
            "store": store_url,
            "notify": notify,
            "out": str(out),
            "ready": str(ready),
            "deliver_interval": deliver_interval,
        }
        child = spawn("deliver", spec, folder)
        try:
            wait_files([ready], [child])
            time.sleep(1.0)  # its scheduler and listener are up
            rng = random.Random(3)
            for n in range(alerts + 1):  # the first item sets the measure; each later one changes it
                if n:
                    (claim,) = store.claim(["latency"], "bench", timedelta(minutes=5))
                text = f"The United States raised its tariff on Chinese steel from {n + 1}% to {n + 2}%."
                item = Item(id=f"n{n}", source="latency", title=f"Steel duty {n}", text=text,
                            published=start + timedelta(hours=n))  # fmt: skip
                now = datetime.now(UTC)
                result = PollResult(
                    name="latency",
                    epoch=claim.epoch,
                    polled_at=now,
                    due_at=now + timedelta(days=1),
                    present_ids=(item.id,),
                    new_items=(
                        ItemRecord(
                            item=item, story_keys=(f"story:{n}",), events=tuple(extractor.extract(item))
                        ),
                    ),
                )
                done = store.commit_poll(
                    "bench", result, react=lambda fresh, load: committer._react(fresh, load, source)
                )
                stamp = time.time()
                assert done is not None
                assert done.reaction is not None
                for out_row in done.reaction.outgoing:
                    committed_at[out_row.alert.id] = stamp
                # Spread over the tick, so that tick-only delivery shows its whole range of delays.
                time.sleep(rng.uniform(0.05, 0.35))
            deadline = time.monotonic() + deliver_interval + 10
            seen: dict[str, float] = {}
            while time.monotonic() < deadline and len(seen) < len(committed_at):
                time.sleep(0.1)
                if out.exists():
                    for line in out.read_text(encoding="utf-8").splitlines():
                        record = json.loads(line)
                        seen.setdefault(record["id"], record["t"])
        finally:
            stop([child])
            committer.stop()
            store.close()
    missing = set(committed_at) - set(seen)
    if missing:
        print(f"  ({len(missing)} alerts not delivered in time)")
    return sorted(seen[i] - committed_at[i] for i in committed_at if i in seen)


# -- the run --------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", default=os.environ.get("TRADEWATCH_TEST_PG"), help="a PostgreSQL server URL")
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--items", type=int, default=5, help="items per feed")
    parser.add_argument(
        "--latency", type=float, default=0.2, help="seconds the server waits before answering"
    )
    parser.add_argument("--workers", type=int, default=32, help="max_workers of each watcher process")
    parser.add_argument("--alerts", type=int, default=60, help="alerts for the delivery delay")
    parser.add_argument("--deliver-interval", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="give up on a cycle after this long")
    parser.add_argument("--poll", help=argparse.SUPPRESS)
    parser.add_argument("--deliver", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.poll or args.deliver:
        spec = json.loads(Path(args.poll or args.deliver).read_text(encoding="utf-8"))
        (child_poll if args.poll else child_deliver)(spec)
        return

    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    pg_version = postgres_version(args.pg) if args.pg else "not measured (no --pg or TRADEWATCH_TEST_PG)"
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {cores} cores; PostgreSQL {pg_version}"
    )
    print(
        f"{args.feeds} feeds x {args.items} items, {args.latency * 1000:.0f} ms per answer, "
        f"{args.workers} polls at once per process"
    )
    runs = [("postgres", 1), ("postgres", 2), ("postgres", 3)] if args.pg else []
    runs.append(("sqlite", 1))
    server = FeedServer(args.feeds, args.items, args.latency)
    rows = []
    try:
        for kind, processes in runs:
            with fresh_store(kind, args.pg) as url:
                first, second = cycle(server, url, processes, args.workers, args.timeout)
            rows.append((kind, processes, first, second))
            shown = [
                ("timeout" if r["seconds"] is None else f"{r['seconds']:.2f} s") for r in (first, second)
            ]
            print(f"  {kind} x{processes}: {shown[0]} (all new), {shown[1]} (nothing new)", flush=True)
    finally:
        server.close()

    print("\nfull cycle: from start until every source has a committed poll; 'twice' = feeds fetched twice")
    print(
        f"{'store':<9} {'procs':>5} {'ideal':>7} | {'all new':>9} {'x ideal':>7} {'twice':>5} | "
        f"{'nothing new':>11} {'x ideal':>7} {'twice':>5}"
    )
    for kind, processes, first, second in rows:
        ideal = args.feeds * args.latency / (processes * args.workers)
        cells = []
        for found, width in ((first, 9), (second, 11)):
            seconds = found["seconds"]
            cell = "timeout" if seconds is None else f"{seconds:.2f} s"
            ratio = "-" if seconds is None else f"{seconds / ideal:.2f}"
            cells.append(f"{cell:>{width}} {ratio:>7} {found['twice']:>5}")
        print(f"{kind:<9} {processes:>5} {ideal:>5.2f} s | {cells[0]} | {cells[1]}")

    if args.pg:
        print(
            f"\ncommit -> callback in another process, delivery tick {args.deliver_interval:g} s, {args.alerts} alerts"
        )
        for notify in (True, False):
            with fresh_database(args.pg) as url:
                delays = delivery_delay(
                    url, notify=notify, alerts=args.alerts, deliver_interval=args.deliver_interval
                )
            label = "NOTIFY (on_outbox)" if notify else "delivery tick only"
            if delays:
                p99 = delays[min(len(delays) - 1, round(0.99 * (len(delays) - 1)))]
                print(
                    f"  {label:<20} median {statistics.median(delays) * 1000:7.1f} ms   "
                    f"p99 {p99 * 1000:7.1f} ms   ({len(delays)} delivered)"
                )
            else:
                print(f"  {label:<20} nothing delivered")


if __name__ == "__main__":
    main()
