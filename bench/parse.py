"""Parse speed: `tradewatch.feeds.parse_feed` beside bare `feedparser.parse` on the same bytes, in one run.

    .venv/bin/python bench/parse.py [--items 50] [--repeat 5] [--corpus DIR]

Through feedparser, feedparser is the ceiling: parse_feed runs it and then builds `Item`s (plain text from
HTML, ids, dates). Well-formed RSS 2.0 / Atom 1.0 documents go through the fast parser instead, which gives
the same items; the acceptance count says how many documents it took. Rows:
- "feedparser.parse (defaults)": what most programs call, with its HTML sanitiser and URI resolution on.
- "feedparser.parse (as parse_feed)": the options parse_feed passes (sanitiser and URI resolution off; the
  text is made plain afterwards, so sanitising HTML would be wasted work).
- "parse_feed (feedparser only)": the whole of tradewatch's parse through feedparser, including the
  entity-expansion check and normalisation (``use_fast_path=False``).
- "parse_fast (alone)": the fast parser by itself, with the encoding step parse_feed runs before it, up to
  the entry mappings (no `Item`s); documents it declines count no entries but their time counts.
- "parse_feed": parse_feed as it runs, fast path first and feedparser for what the fast path declines.
The generated feed is RSS 2.0 with HTML descriptions; the corpus is every file under the feed corpus
(``../shared/feeds`` or ``$TRADEWATCH_FEED_CORPUS``) when present. The best of `--repeat` runs counts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import feedparser
from feedparser.encodings import convert_to_utf8

from tradewatch.feeds import ParseError, parse_feed
from tradewatch.feeds._fastparse import parse_fast

FETCHED = datetime(2025, 8, 13, tzinfo=UTC)
URL = "https://news.example/feed.xml"
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}
SUBJECTS = ["steel", "aluminium", "soybeans", "rare-earth magnets", "H20 chips", "electric vehicles"]


def generated_feed(items: int) -> bytes:
    entries = []
    for i in range(items):
        subject = SUBJECTS[i % len(SUBJECTS)]
        html = (
            f"<p>Officials said on Tuesday that the tariff on imported {subject} would rise to {20 + i}% "
            f"from 10%, effective early next month.</p><p>Talks between the two sides continue this week; "
            f"a further round is planned for <b>mid-September</b> in Geneva.</p>"
        )
        entries.append(
            f"<item><title>Tariff on {escape(subject)} to rise to {20 + i}%</title>"
            f"<link>https://news.example/trade/{i}?utm_source=rss</link>"
            f'<guid isPermaLink="false">bench-{i}</guid>'
            f"<pubDate>Tue, 12 Aug 2025 {i % 24:02d}:30:00 GMT</pubDate>"
            f"<description>{escape(html)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Trade wire</title>'
        "<link>https://news.example/</link><description>Trade news</description><ttl>15</ttl>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


def best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """Best wall time of `repeat` runs, and what the run returned (an item count)."""
    times = []
    count = 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        times.append(time.perf_counter() - started)
    return min(times), count


def bare(documents: list[tuple[bytes, dict[str, str]]], **options: bool) -> Callable[[], int]:
    def run() -> int:
        return sum(
            len(feedparser.parse(io.BytesIO(body), response_headers=headers, **options).entries)
            for body, headers in documents
        )

    return run


def ours(documents: list[tuple[bytes, dict[str, str]]], *, fast: bool = True) -> Callable[[], int]:
    def run() -> int:
        total = 0
        for body, headers in documents:
            with contextlib.suppress(ParseError):  # the corpus holds non-feeds on purpose
                feed = parse_feed(
                    body, source="bench", url=URL, headers=headers, fetched_at=FETCHED, use_fast_path=fast
                )
                total += len(feed.items)
        return total

    return run


def fast_alone(documents: list[tuple[bytes, dict[str, str]]]) -> Callable[[], int]:
    def run() -> int:
        total = 0
        for body, headers in documents:
            encoding: dict[str, Any] = {}
            passed = {name.lower(): value for name, value in headers.items()}
            result = parse_fast(convert_to_utf8(passed, body, encoding), encoding, passed)
            total += len(result[1]) if result is not None else 0
        return total

    return run


def accepted(documents: list[tuple[bytes, dict[str, str]]]) -> int:
    return sum(_accepts(document) for document in documents)


def _accepts(document: tuple[bytes, dict[str, str]]) -> bool:
    body, headers = document
    encoding: dict[str, Any] = {}
    passed = {name.lower(): value for name, value in headers.items()}
    return parse_fast(convert_to_utf8(passed, body, encoding), encoding, passed) is not None


def measure(title: str, documents: list[tuple[bytes, dict[str, str]]], repeat: int) -> None:
    size = sum(len(body) for body, _ in documents)
    print(
        f"\n{title}: {len(documents)} document(s), {size:,} bytes; "
        f"the fast path accepts {accepted(documents)}"
    )
    print(f"{'':34} {'seconds':>9} {'entries':>8} {'items/s':>10} {'vs defaults':>12}")
    rows = [
        ("feedparser.parse (defaults)", bare(documents)),
        (
            "feedparser.parse (as parse_feed)",
            bare(documents, sanitize_html=False, resolve_relative_uris=False),
        ),
        ("parse_feed (feedparser only)", ours(documents, fast=False)),
        ("parse_fast (alone)", fast_alone(documents)),
        ("parse_feed", ours(documents)),
    ]
    ceiling = None
    for name, run in rows:
        seconds, count = best(run, repeat)
        rate = count / seconds if seconds else float("inf")
        ceiling = ceiling or rate
        print(f"{name:34} {seconds:9.4f} {count:8d} {rate:10,.0f} {rate / ceiling:11.2f}x")


def corpus_documents(folder: Path) -> list[tuple[bytes, dict[str, str]]]:
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix in (".xml", ".rdf", ".rss", ".atom")
    )
    return [(p.read_bytes(), {}) for p in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--feeds", type=int, default=20, help="copies of the generated feed per run")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, feedparser {feedparser.__version__}, {platform.machine()}")
    feed = generated_feed(args.items)
    measure(f"generated RSS, {args.items} items x {args.feeds}", [(feed, HEADERS)] * args.feeds, args.repeat)
    configured = os.environ.get("TRADEWATCH_FEED_CORPUS")
    folder = args.corpus or (
        Path(configured) if configured else Path(__file__).parents[2] / "shared" / "feeds"
    )
    if folder.is_dir():
        measure(f"feed corpus {folder}", corpus_documents(folder), args.repeat)
    else:
        print(f"\n(no feed corpus at {folder}; pass --corpus DIR or set TRADEWATCH_FEED_CORPUS)")


if __name__ == "__main__":
    main()
