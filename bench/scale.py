"""How the watcher's cost grows: with the number of feeds, with items per feed, and over a long run.

    .venv/bin/python bench/scale.py                  # all three parts (~10 minutes on 2 cores)
    .venv/bin/python bench/scale.py --part feeds     # or one: feeds, items, soak
    .venv/bin/python bench/scale.py --no-extract     # the feed path alone (no event extraction)

1. feeds: 50 -> 2,000 loopback feeds of 10 items: the first pass (every item new, stored, extracted) and the
   unchanged pass (304s), wall time and peak memory.
2. items: 50 feeds of 10 -> 1,000 items: the same.
3. soak: 200 feeds that each gain 10 items per cycle (a window of the latest 50 is served) until 100,000 items
   have been processed; the resident memory of the watcher's process and its worker processes after each
   10,000 items, so that growth shows.

Memory is the resident set size read from /proc (this process plus its worker processes) and the peak from
getrusage. The feeds are served by bench/poll.py's server process (asyncio, keep-alive) for parts 1-2, and
from files for part 3 (rewritten between cycles, so the run measures the watcher rather than a server).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))
from poll import TEMPLATES, NullExtractor, Server
from tradewatch import Source, Watcher

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    """Resident memory of this process and its live children, in MB."""
    pids = [os.getpid(), *(p.pid for p in multiprocessing.active_children() if p.pid is not None)]
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total / 1e6


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1e3  # KB on Linux


def one_run(feeds: int, items: int, extract: bool) -> tuple[float, float, float, int]:
    server = Server(feeds, items)
    try:
        sources = [Source(name=f"f{k}", url=url, interval=3600) for k, url in enumerate(server.urls)]
        with (
            tempfile.TemporaryDirectory() as folder,
            Watcher(
                sources,
                store=Path(folder) / "scale.sqlite",
                max_workers=32,
                extractor=None if extract else NullExtractor(),  # type: ignore[arg-type]
            ) as watcher,
        ):
            started = time.perf_counter()
            first = watcher.poll_once()
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            second = watcher.poll_once()
            second_s = time.perf_counter() - started
            memory = rss_mb()
        if first.errors or second.errors:
            raise SystemExit(f"polls failed: {first.errors[:3]} {second.errors[:3]}")
        return first_s, second_s, memory, len(first.new_items)
    finally:
        server.close()


def curve(label: str, shapes: list[tuple[int, int]], extract: bool) -> None:
    print(f"\n{label}")
    print(
        f"{'feeds':>6} {'items/feed':>10} {'items':>7} {'first pass':>11} {'items/s':>8} {'unchanged':>10} "
        f"{'ms/feed':>8} {'RSS MB':>7}"
    )
    for feeds, items in shapes:
        first_s, second_s, memory, stored = one_run(feeds, items, extract)
        print(
            f"{feeds:>6} {items:>10} {stored:>7} {first_s:>10.2f}s {stored / first_s:>8,.0f} {second_s:>9.2f}s "
            f"{second_s / feeds * 1000:>8.2f} {memory:>7.0f}"
        )


def window(feed: int, newest: int, size: int = 50) -> bytes:
    entries = []
    for n in range(max(0, newest - size), newest):
        text = TEMPLATES[n % len(TEMPLATES)].format(
            a="United States", b="China", b_adj="Chinese", p=f"product {n % 97}", r=10 + n % 90, r0=5
        )
        entries.append(
            f'<item><guid isPermaLink="false">f{feed}-{n}</guid><title>{escape(text[:80])}</title>'
            f"<description>{escape(text)}</description>"
            f"<pubDate>{1 + n % 28:02d} Aug 2025 09:30:00 GMT</pubDate></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk {feed}</title>'
        + "".join(reversed(entries))
        + "</channel></rss>"
    ).encode()


def soak(total: int, feeds: int, per_cycle: int, extract: bool) -> Iterator[tuple[int, float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / f"f{k}.xml" for k in range(feeds)]
        newest = per_cycle
        for k, path in enumerate(paths):
            path.write_bytes(window(k, newest))
        sources = [Source(name=f"f{k}", url=p.as_uri(), interval=3600) for k, p in enumerate(paths)]
        processed = 0
        next_report = 10_000
        started = time.perf_counter()
        with Watcher(
            sources,
            store=Path(folder) / "soak.sqlite",
            max_workers=16,
            extractor=None if extract else NullExtractor(),  # type: ignore[arg-type]
        ) as watcher:
            while processed < total:
                report = watcher.poll_once()
                if report.errors:
                    raise SystemExit(f"polls failed: {report.errors[:3]}")
                processed += len(report.new_items)
                if processed >= next_report:
                    yield processed, rss_mb(), time.perf_counter() - started
                    next_report += 10_000
                newest += per_cycle
                for k, path in enumerate(paths):
                    path.write_bytes(window(k, newest))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["feeds", "items", "soak", "all"], default="all")
    parser.add_argument("--no-extract", action="store_true", help="the feed path alone")
    parser.add_argument("--soak-items", type=int, default=100_000)
    args = parser.parse_args()
    extract = not args.no_extract
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
        f"{'with' if extract else 'without'} extraction; SQLite file store; worker processes: default"
    )
    if args.part in ("feeds", "all"):
        curve("feeds (10 items each)", [(50, 10), (200, 10), (500, 10), (1000, 10), (2000, 10)], extract)
    if args.part in ("items", "all"):
        curve("items per feed (50 feeds)", [(50, 10), (50, 100), (50, 1000)], extract)
    if args.part in ("soak", "all"):
        print(f"\nsoak: 200 feeds gaining 10 items per cycle, {args.soak_items:,} items")
        print(f"{'items':>8} {'RSS MB':>7} {'elapsed':>8} {'items/s':>8}")
        first: float | None = None
        last = 0.0
        for processed, memory, elapsed in soak(args.soak_items, 200, 10, extract):
            first = memory if first is None else first
            last = memory
            print(f"{processed:>8,} {memory:>7.0f} {elapsed:>7.0f}s {processed / elapsed:>8,.0f}")
        if first is not None:
            print(f"growth from the first 10,000 items to the last: {last - first:+.0f} MB")
    print(f"\npeak RSS of this process or one child: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
