"""Polling speed: tradewatch's watcher beside the `reader` library, on the same loopback server, in one run.

Mode "compare" (default): 200 feeds x 50 items. Each library polls every feed twice into a fresh SQLite file:
the first pass stores every item (tradewatch also extracts events from each, with the built-in rule-based
extractor), the second finds nothing changed (the server answers 304 to their conditional requests). The
server counts what each library asked for, so the table shows that both made the same requests.

Mode "latency": 1,000 feeds, each answer delayed by 200 ms on the server; one full poll cycle with
`--concurrency` polls at once, beside the ideal 1000 x 0.2 s / concurrency.

    python3 -m venv /tmp/benchvenv
    /tmp/benchvenv/bin/pip install reader sgmllib3k -e .   # reader only ever lives in the bench environment
    /tmp/benchvenv/bin/python bench/poll.py             # both modes
    /tmp/benchvenv/bin/python bench/poll.py --mode latency --concurrency 50

The server runs in its own process (asyncio, HTTP/1.1 keep-alive), so that serving does not compete with the
library under test for the interpreter lock. Items are invented trade-news sentences.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import multiprocessing
import os
import platform
import random
import tempfile
import time
import urllib.request
from collections import Counter
from email.utils import formatdate
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

COUNTRIES = ["United States", "China", "Japan", "European Union", "Canada", "Mexico", "India", "South Korea"]
ADJECTIVES = {
    "United States": "US",
    "China": "Chinese",
    "Japan": "Japanese",
    "European Union": "EU",
    "Canada": "Canadian",
    "Mexico": "Mexican",
    "India": "Indian",
    "South Korea": "South Korean",
}
PRODUCTS = [
    "steel",
    "aluminium",
    "electric vehicles",
    "soybeans",
    "rare-earth magnets",
    "semiconductors",
    "beef",
]
TEMPLATES = [
    "The {a} raised its tariff on {b_adj} {p} to {r}% from {r0}%, officials said on Tuesday.",
    "The {a} and the {b} held a fourth round of trade talks in Geneva this week.",
    "The {a} banned exports of {p} to the {b}, the commerce ministry said.",
    "The {a} threatened a {r}% tariff on {b_adj} {p} unless the {b} lifts its quota.",
    "Negotiators said the truce between the {a} and the {b} was extended until early November.",
    "The {a} lowered its duty on {b_adj} {p} to {r0}% as part of a wider deal.",
    "Farm groups in the {a} asked for more purchases of {p} by the {b}.",
]


def make_feed(k: int, items: int) -> bytes:
    rnd = random.Random(k)
    entries = []
    for j in range(items):
        a, b = rnd.sample(COUNTRIES, 2)
        text = rnd.choice(TEMPLATES).format(
            a=a,
            b=b,
            b_adj=ADJECTIVES[b],
            p=rnd.choice(PRODUCTS),
            r=rnd.choice([10, 25, 50, 100]),
            r0=rnd.choice([5, 15]),
        )
        title = text.split(",")[0].removeprefix("The ")[:90]
        day = 1 + (j % 28)
        entries.append(
            f"<item><guid>https://news.example/f{k}/i{j}</guid><title>{escape(title)}</title>"
            f"<link>https://news.example/f{k}/i{j}</link><description>{escape(text)}</description>"
            f"<pubDate>{day:02d} Aug 2025 09:30:00 GMT</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Trade desk {k}</title><link>https://news.example/f{k}</link><description>Trade news</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


# -- the server (its own process) ------------------------------------------------------------------------


def serve(port_out: Any, feeds: int, items: int, latency: float) -> None:
    bodies = {f"/f{k}.xml": make_feed(k, items) for k in range(feeds)}
    modified = formatdate(1754990000, usegmt=True)
    counts: Counter[str] = Counter()

    def answer(path: str, headers: dict[str, str]) -> tuple[str, bytes, dict[str, str]]:
        if path == "/_stats":
            return "200 OK", json.dumps(counts).encode(), {"Content-Type": "application/json"}
        if path == "/_reset":
            counts.clear()
            return "200 OK", b"{}", {"Content-Type": "application/json"}
        body = bodies.get(path)
        if body is None:
            counts["404"] += 1
            return "404 Not Found", b"", {}
        etag = f'"{path}-1"'
        if headers.get("if-none-match") == etag or headers.get("if-modified-since") == modified:
            counts["304"] += 1
            return "304 Not Modified", b"", {"ETag": etag, "Last-Modified": modified}
        counts["200"] += 1
        return (
            "200 OK",
            body,
            {"Content-Type": "application/rss+xml", "ETag": etag, "Last-Modified": modified},
        )

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError, ValueError):
            while True:
                line = await reader.readline()
                if not line:
                    break
                target = line.decode("latin-1").split(" ")[1]
                headers: dict[str, str] = {}
                while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = raw.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                if latency and not target.startswith("/_"):
                    await asyncio.sleep(latency)
                status, body, extra = answer(target.split("?")[0], headers)
                head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}"]
                head += [f"{k}: {v}" for k, v in extra.items()]
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
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


class Server:
    def __init__(self, feeds: int, items: int, latency: float = 0.0) -> None:
        queue: Any = multiprocessing.Queue()
        self.process = multiprocessing.Process(target=serve, args=(queue, feeds, items, latency), daemon=True)
        self.process.start()
        self.base = f"http://127.0.0.1:{queue.get(timeout=60)}"
        self.urls = [f"{self.base}/f{k}.xml" for k in range(feeds)]

    def stats(self, reset: bool = True) -> dict[str, int]:
        with urllib.request.urlopen(f"{self.base}/_stats") as response:
            found: dict[str, int] = json.load(response)
        if reset:
            urllib.request.urlopen(f"{self.base}/_reset").close()
        return found

    def close(self) -> None:
        self.process.terminate()
        self.process.join()


# -- the libraries ---------------------------------------------------------------------------------------


class NullExtractor:
    """Reads no events: for the figures of the feed path alone (`--no-extract`)."""

    def extract(self, item: object) -> list[object]:
        return []


def run_tradewatch(
    server: Server, folder: Path, workers: int, *, cpu: int | None = None, extract: bool = True
) -> dict[str, Any]:
    from tradewatch.feeds import Source
    from tradewatch.watcher import Watcher

    extractor = None
    if not extract:
        # Imported under its module name, not __main__, so that worker processes can unpickle it.
        extractor = importlib.import_module("poll").NullExtractor()
    sources = [Source(name=f"f{k}", url=url, interval=3600) for k, url in enumerate(server.urls)]
    store = folder / "tradewatch.sqlite"
    with Watcher(
        sources, store=store, max_workers=workers, cpu_processes=cpu, extractor=extractor
    ) as watcher:
        server.stats()
        started = time.perf_counter()
        first = watcher.poll_once()
        first_s = time.perf_counter() - started
        first_requests = server.stats()
        started = time.perf_counter()
        second = watcher.poll_once()
        second_s = time.perf_counter() - started
        second_requests = server.stats()
    if first.errors or second.errors:
        raise SystemExit(f"polls failed: {first.errors} {second.errors}")
    return {
        "items": len(first.new_items),
        "events": sum(len(i.events) for i in first.new_items),
        "first_s": first_s,
        "second_s": second_s,
        "first_requests": first_requests,
        "second_requests": second_requests,
        "second_new": len(second.new_items),
    }


def require_reader() -> None:
    """Fail early, saying how to set up the bench environment, when reader cannot run here."""
    try:
        import reader  # noqa: F401
        import sgmllib  # noqa: F401  (the feedparser bundled with reader imports it)
    except ImportError as exc:
        raise SystemExit(
            f"{exc}: the comparison needs the reader library, installed in a separate bench environment:\n"
            "    python3 -m venv /tmp/benchvenv\n"
            "    /tmp/benchvenv/bin/pip install reader sgmllib3k -e .\n"
            "    /tmp/benchvenv/bin/python bench/poll.py\n"
            "(or run only tradewatch's latency mode: --mode latency)"
        ) from None


def run_reader(server: Server, folder: Path, workers: int) -> dict[str, Any]:
    from reader import make_reader

    reader = make_reader(str(folder / "reader.sqlite"))
    for url in server.urls:
        reader.add_feed(url)
    server.stats()
    started = time.perf_counter()
    reader.update_feeds(workers=workers, scheduled=False)
    first_s = time.perf_counter() - started
    first_requests = server.stats()
    items = reader.get_entry_counts().total
    started = time.perf_counter()
    reader.update_feeds(workers=workers, scheduled=False)
    second_s = time.perf_counter() - started
    second_requests = server.stats()
    second_new = reader.get_entry_counts().total - items
    reader.close()
    return {
        "items": items,
        "events": None,
        "first_s": first_s,
        "second_s": second_s,
        "first_requests": first_requests,
        "second_requests": second_requests,
        "second_new": second_new,
    }


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    # The least disturbed run: the shortest first pass, and separately the shortest unchanged pass.
    chosen = dict(min(runs, key=lambda r: r["first_s"]))
    chosen["second_s"] = min(r["second_s"] for r in runs)
    return chosen


def compare(feeds: int, items: int, workers: int, repeat: int, cpu: int | None) -> None:
    server = Server(feeds, items)
    runs: dict[str, Any] = {
        "tradewatch": lambda folder: run_tradewatch(server, folder, workers, cpu=cpu),
        "tradewatch, no extraction": lambda folder: run_tradewatch(
            server, folder, workers, cpu=cpu, extract=False
        ),
        "reader": lambda folder: run_reader(server, folder, workers),
    }
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in runs}
    try:
        for _ in range(repeat):
            for name, run in runs.items():
                with tempfile.TemporaryDirectory() as folder:
                    results[name].append(run(Path(folder)))
    finally:
        server.close()
    chosen = {name: best(found) for name, found in results.items()}
    print(f"\n{feeds} feeds x {items} items, {workers} concurrent polls, best of {repeat}")
    print(
        f"{'':26} {'items':>6} {'events':>6} {'first pass':>11} {'items/s':>8} {'unchanged':>10}  "
        "server answers (first | unchanged)"
    )
    for name, r in chosen.items():
        events = "-" if r["events"] is None else str(r["events"])
        print(
            f"{name:26} {r['items']:>6} {events:>6} {r['first_s']:>10.2f}s {r['items'] / r['first_s']:>8.0f} "
            f"{r['second_s']:>9.3f}s  {dict(sorted(r['first_requests'].items()))} | "
            f"{dict(sorted(r['second_requests'].items()))}"
        )
    tw, bare, rd = chosen["tradewatch"], chosen["tradewatch, no extraction"], chosen["reader"]

    def rate(r: dict[str, Any]) -> float:
        return float(r["items"] / r["first_s"])

    print(
        f"first pass: tradewatch {rate(tw) / rate(rd):.2f}x reader's items/s with extraction (goal >= 2x), "
    )
    print(f"            {rate(bare) / rate(rd):.2f}x without")
    print(f"unchanged pass: tradewatch {tw['second_s'] / rd['second_s']:.2f}x reader's time (goal <= 0.5x)")
    same = all(
        r["first_requests"] == rd["first_requests"] and r["second_requests"] == rd["second_requests"]
        for r in chosen.values()
    )
    print(f"same requests: {'yes' if same else 'NO'}; new items on the unchanged pass: ", end="")
    print(", ".join(f"{name} {r['second_new']}" for name, r in chosen.items()))


def latency(feeds: int, items: int, delay: float, concurrency: int, repeat: int, cpu: int | None) -> None:
    from tradewatch.feeds import Source
    from tradewatch.watcher import Watcher, set_fetch_limit

    server = Server(feeds, items, latency=delay)
    set_fetch_limit(max(concurrency, 1))
    firsts: list[float] = []
    seconds: list[float] = []
    try:
        sources = [Source(name=f"f{k}", url=url, interval=3600) for k, url in enumerate(server.urls)]
        for _ in range(repeat):
            with (
                tempfile.TemporaryDirectory() as folder,
                Watcher(
                    sources, store=Path(folder) / "tw.sqlite", max_workers=concurrency, cpu_processes=cpu
                ) as watcher,
            ):
                server.stats()
                started = time.perf_counter()
                report = watcher.poll_once()
                firsts.append(time.perf_counter() - started)
                first_requests = server.stats()
                started = time.perf_counter()
                watcher.poll_once()
                seconds.append(time.perf_counter() - started)
                second_requests = server.stats()
    finally:
        server.close()
    ideal = feeds * delay / concurrency
    first_s, second_s = min(firsts), min(seconds)
    print(
        f"\n{feeds} feeds x {items} items, {delay * 1000:.0f} ms server latency, {concurrency} concurrent polls, "
        f"best of {repeat}"
    )
    print(f"ideal cycle {ideal:.2f} s; goal <= {1.5 * ideal:.2f} s (1.5x)")
    print(
        f"first cycle (all new, with extraction): {first_s:.2f} s = {first_s / ideal:.2f}x ideal; "
        f"{len(report.new_items)} items; server answers {dict(first_requests)}"
    )
    print(
        f"unchanged cycle (all 304): {second_s:.2f} s = {second_s / ideal:.2f}x ideal; "
        f"server answers {dict(second_requests)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=["compare", "latency", "both"], default="both")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument(
        "--workers", type=int, default=8, help="concurrent polls, the same for both libraries"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--latency-feeds", type=int, default=1000)
    parser.add_argument("--latency-items", type=int, default=10)
    parser.add_argument(
        "--latency", type=float, default=0.2, help="seconds the server waits before answering"
    )
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--cpu-processes",
        type=int,
        default=None,
        help="tradewatch's worker processes (default: its own default)",
    )
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores")
    if args.mode in ("compare", "both"):
        require_reader()
        compare(args.feeds, args.items, args.workers, args.repeat, args.cpu_processes)
    if args.mode in ("latency", "both"):
        latency(
            args.latency_feeds,
            args.latency_items,
            args.latency,
            args.concurrency,
            args.repeat,
            args.cpu_processes,
        )


if __name__ == "__main__":
    main()
