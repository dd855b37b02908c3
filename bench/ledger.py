"""Ledger, rules and outbox: events/s, and the delay from an item's commit to its callback.

    .venv/bin/python bench/ledger.py [--events 20000] [--seconds 20]

Four measurements, side by side in one run:

1. the ledger alone (`Ledger.apply`) on events spread over ~1,000 measures;
2. ledger + 10 rules (`tradewatch.rules.evaluate`) per item, in memory;
3. the store: `SqliteStore.commit_poll` on a file database (WAL), 50 items per poll as a feed delivers them,
   first storing the items and their events alone (what the feed watcher commits), then with the watcher's
   own reaction (ledger states, history, rules, outbox rows) in the same transaction; the difference is
   what the ledger, the rules and the outbox cost. Each run ends with a checkpoint of SQLite's log, so that what
   its commits left for a later checkpoint is counted;
4. a running `Watcher` with default delivery settings polling a loopback feed that gains an item every
   0.4 s: the delay from each alert's creation (inside the committing transaction) to its callback.

The events are those the extractor reads from the development corpus, spread over many measures and
sources by changing their products, rates, dates and evidence, so the ledger sees new measures, changed
values, corroborations and stale reports in realistic proportions.
"""

from __future__ import annotations

import argparse
import gc
import http.server
import platform
import random
import statistics
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from tradewatch import ExportControl, Source, Tariff, Truce, Watcher, extract, rules
from tradewatch.evaluate import load_corpus
from tradewatch.ledger import Ledger
from tradewatch.model import DateSpan, Event, Item, Product, Rate
from tradewatch.store import ItemRecord, PollResult, SqliteStore

CORPUS = Path(__file__).parents[1] / "tests" / "corpus" / "dev"
PRODUCTS = [f"product {n}" for n in range(200)]
SOURCES = [f"source-{n}" for n in range(8)]
START = datetime(2025, 1, 1, tzinfo=UTC)


def corpus_events() -> list[Event]:
    events: list[Event] = []
    for item in load_corpus(CORPUS):
        published = datetime.fromisoformat(str(item["published"]))
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        events += extract(item["text"], published=published)
    return events


def varied(base: list[Event], count: int, rng: random.Random) -> list[Event]:
    """`count` events made from `base`: other products, rates, dates, sources and times."""
    out: list[Event] = []
    for n in range(count):
        event = base[n % len(base)]
        published = START + timedelta(minutes=n)
        evidence = attrs.evolve(
            event.evidence,
            source=rng.choice(SOURCES),
            item_id=f"item-{n // 3}",
            published=published,
            confidence=rng.choice([0.8, 0.75, 0.6, 0.55, 0.35]),
        )
        changes: dict[str, Any] = {"evidence": evidence}
        if isinstance(event, Tariff):
            changes["product"] = Product(name=rng.choice(PRODUCTS))
            if event.rate is not None or rng.random() < 0.5:
                changes["rate"] = Rate(Decimal(rng.choice([10, 25, 25, 50, 100])))
        elif isinstance(event, ExportControl):
            changes["item"] = Product(name=rng.choice(PRODUCTS))
        elif isinstance(event, Truce):
            day = date(2025, 1, 1) + timedelta(days=rng.randrange(400))
            changes["until"] = DateSpan.day(day)
        out.append(attrs.evolve(event, **changes))
    return out


def items_of(events: list[Event]) -> list[tuple[Item, tuple[Event, ...]]]:
    """Three events to an item, as an extracted news item carries them."""
    grouped: list[tuple[Item, tuple[Event, ...]]] = []
    for start in range(0, len(events), 3):
        chunk = tuple(events[start : start + 3])
        first = chunk[0].evidence
        item = Item(
            id=first.item_id or f"item-{start}",
            source=first.source or "bench",
            title="Tariff and export control news",
            text=first.sentence,
            published=first.published or START,
        )
        grouped.append((item, chunk))
    return grouped


RULES = [
    rules.changed(Tariff, "rate", min_delta=10, name="rate moves"),
    rules.changed(Tariff, "rate", direction="up", name="rate up"),
    rules.changed(Truce, "until", name="truce date moves"),
    rules.new(Tariff, imposer="US", name="new US tariff"),
    rules.event("export_control", status="lifted", name="controls lifted"),
    rules.event("threat", name="threats"),
    rules.keywords("steel", "aluminium", name="metals"),
    rules.regex(r"Section\s+(?:232|301)", name="sections"),
    rules.event(Tariff, min_rate=50, name="steep tariffs") & rules.min_confidence(0.6),
    ~rules.source("source-0") & rules.event("negotiation", name="talks"),
]


def bench_ledger(events: list[Event]) -> float:
    ledger = Ledger()
    start = time.perf_counter()
    ledger.apply(events)
    return len(events) / (time.perf_counter() - start)


def bench_rules(grouped: list[tuple[Item, tuple[Event, ...]]], events: int) -> tuple[float, int]:
    ledger = Ledger()
    now = datetime.now(UTC)
    alerts = 0
    start = time.perf_counter()
    for item, evs in grouped:
        changes = ledger.apply(evs)
        produced = rules.Produced(item=item, events=evs, changes=tuple(changes))
        alerts += len(rules.evaluate(RULES, produced, now=now))
    return events / (time.perf_counter() - start), alerts


def bench_store(
    grouped: list[tuple[Item, tuple[Event, ...]]], events: int, *, react: bool = True
) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        store = SqliteStore(Path(folder) / "bench.sqlite")
        watcher = Watcher(
            [Source(name="bench", url="http://127.0.0.1:9/feed.xml")],
            store=store,
            cpu_processes=0,
            rules=[(r, ("log",)) for r in RULES],
        )
        source = Source(name="bench", url="http://127.0.0.1:9/feed.xml")

        def reaction(fresh: Any, load: Any) -> Any:
            return watcher._react(fresh, load, source)  # the watcher's own, as its polls run it

        start = time.perf_counter()
        for begin in range(0, len(grouped), 50):
            batch = grouped[begin : begin + 50]
            (claim,) = store.claim(["bench"], "bench", timedelta(minutes=5))
            result = PollResult(
                name="bench",
                epoch=claim.epoch,
                polled_at=datetime.now(UTC),
                due_at=datetime.now(UTC),
                present_ids=tuple(i.id for i, _ in batch),
                new_items=tuple(
                    ItemRecord(item=i, story_keys=(f"story:{i.id}",), events=evs) for i, evs in batch
                ),
            )
            # The watcher's own reaction (ledger + rules + outbox rows), as its polls run it.
            committed = store.commit_poll(
                "bench",
                result,
                react=reaction if react else None,
            )
            assert committed is not None
        # What the commits wrote to the log and left for a later checkpoint is part of their cost: copied into
        # the database here, inside the timing, however often the store checkpoints on its own.
        store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        elapsed = time.perf_counter() - start
        alerts = len(store.outbox(limit=1_000_000))
        watcher.stop()
        store.close()
    return events / elapsed, alerts


class _Feed:
    """A feed that gains one item with a tariff rate change every `every` seconds."""

    def __init__(self, every: float) -> None:
        self.every = every
        self.started = time.monotonic()

    def body(self) -> bytes:
        count = int((time.monotonic() - self.started) / self.every) + 1
        entries = []
        for n in range(count):
            day = (START + timedelta(days=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
            entries.append(
                f"<item><guid>n{n}</guid><title>Steel duty raised, notice {n}</title>"
                f"<pubDate>{day}</pubDate><description>The United States raised its tariff on Chinese "
                f"steel from {10 + n}% to {11 + n}% on Monday.</description></item>"
            )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>'
            + "".join(reversed(entries))
            + "</channel></rss>"
        ).encode()


def bench_delay(seconds: float) -> list[float]:
    feed = _Feed(0.4)

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

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    delays: list[float] = []
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    with tempfile.TemporaryDirectory() as folder:
        watcher = Watcher(
            [Source(name="loop", url=url, interval=timedelta(seconds=1))],
            store=Path(folder) / "delay.sqlite",
            cpu_processes=0,
        )

        @watcher.on(rules.changed(Tariff, "rate"))
        def record(alert: Any) -> None:
            delays.append(time.time() - alert.created.timestamp())

        watcher.start()
        time.sleep(seconds)
        watcher.stop()
    server.shutdown()
    return delays


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    rng = random.Random(7)
    base = corpus_events()
    events = varied(base, args.events, rng)
    grouped = items_of(events)
    # The benchmark's own inputs (tens of thousands of events built in advance) are not what a watcher holds:
    # kept out of the garbage collector's walks, so that its full collections cost what they would cost a
    # watcher. (Without this, the collector walks them again and again: the ledger + rules + outbox part cost
    # 110-112 µs of CPU per event instead of 93-95, on the same code.)
    gc.collect()
    gc.freeze()
    print(
        f"python {platform.python_version()} on {platform.machine()}; {len(base)} corpus events -> {len(events)}"
    )
    print(f"ledger alone:                 {bench_ledger(events):10,.0f} events/s")
    speed, alerts = bench_rules(grouped, len(events))
    print(f"ledger + 10 rules:            {speed:10,.0f} events/s ({alerts} alerts)")
    bare, _ = bench_store(grouped, len(events), react=False)
    print(f"items and events stored (db): {bare:10,.0f} events/s (the feed watcher's commit, no ledger)")
    speed, rows = bench_store(grouped, len(events))
    print(f"... + ledger + rules + outbox: {speed:10,.0f} events/s ({rows} outbox rows, SQLite file, WAL)")
    alone = 1 / (1 / speed - 1 / bare)
    print(f"ledger + rules + outbox part: {alone:10,.0f} events/s (the difference of the two lines above)")
    delays = bench_delay(args.seconds)
    if delays:
        delays.sort()
        print(
            f"commit -> callback delay:      median {statistics.median(delays) * 1000:.0f} ms, "
            f"p90 {delays[int(len(delays) * 0.9)] * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms "
            f"over {len(delays)} alerts (default settings: poll tick 1 s, delivery tick 1 s)"
        )
    else:
        print("commit -> callback delay: no alert arrived")


if __name__ == "__main__":
    main()
