"""Robustness over feedparser's own test feeds (../shared/feeds, absent from a user's clone: then skipped).

Every file is served on loopback with its own ``Header:`` lines as response headers, some with a wrong
content type, gzip when asked and ETags; a few HTTP faults are added; the watcher gets one source per file
and polls twice. No exception may escape, every failure must be typed (never "internal") and back off, and
no well-formed file may yield fewer items than plain feedparser finds entries in it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tradewatch.feeds import HttpFetcher, Source
from tradewatch.watcher import PollStatus, Watcher
from watcher_site import FeedSite, Route

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "feeds"
TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
}
WRONG_TYPES = ("text/plain", "application/octet-stream", "text/html")
# Files whose entries have no id, link, title or summary and the same content: their content-hash ids are
# equal, so they are one item (plain feedparser counts each entry).
IDENTICAL_ENTRIES = {
    "feedparser/wellformed/lang/entry_content_xml_lang_blank_3.xml",
    "feedparser/wellformed/node_precedence/atom10_arbitrary_element.xml",
}
HEADER = re.compile(rb"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.MULTILINE)


def headers_of(path: Path, data: bytes, n: int) -> dict[str, str]:
    headers = {"Content-Type": TYPES.get(path.suffix, "application/xml")}
    own = {m[1].decode().title(): m[2].decode("latin-1") for m in HEADER.finditer(data[:2000])}
    if not own and n % 9 == 0:  # a wrong content type now and then, as real servers send
        headers["Content-Type"] = WRONG_TYPES[(n // 9) % len(WRONG_TYPES)]
    return {**headers, **own}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/feeds (feedparser's test feeds) is not present")
def test_the_watcher_survives_feedparsers_test_feeds(tmp_path: Path) -> None:
    baseline = json.loads((CORPUS / "baseline.json").read_text())["files"]
    files = sorted(p for p in (CORPUS / "feedparser").rglob("*") if p.is_file() and p.suffix in TYPES)
    assert files, "the corpus folder holds no feeds"
    with FeedSite() as site:
        sources = []
        served_as_html = set()
        for n, path in enumerate(files):
            data = path.read_bytes()
            rel = path.relative_to(CORPUS).as_posix()
            headers = headers_of(path, data, n)
            if headers["Content-Type"] == "text/html":
                served_as_html.add(rel)
            site.set(f"/{rel}", Route(body=data, headers=headers, etag=f'"{n}"', gzip=n % 2 == 0))
            sources.append(Source(name=rel, url=site.url(f"/{rel}"), interval=3600))
        site.feed("/good.xml", [("g1", "US raises tariff on Chinese steel")])
        extra = {
            "http/404": Route(status=404),
            "http/500": Route(status=500),
            "http/410": Route(status=410),
            "http/html": Route(
                body=b"<html><body>hello</body></html>", headers={"Content-Type": "text/html"}
            ),
            "http/empty": Route(body=b"", headers={"Content-Type": "application/rss+xml"}),
            "http/moved": Route(status=301, headers={"Location": "/good.xml"}),
        }
        for name, route in extra.items():
            site.set(f"/{name}", route)
            sources.append(Source(name=name, url=site.url(f"/{name}"), interval=3600))
        with Watcher(
            sources, store=tmp_path / "tw.sqlite", fetcher=HttpFetcher(timeout=5), max_workers=8
        ) as watcher:
            first = watcher.poll_once()
            second = watcher.poll_once()
            health = {s.source.name: s.health for s in watcher.sources()}
    assert len(first.outcomes) == len(sources)
    internal = [(o.name, o.error) for o in (*first.outcomes, *second.outcomes) if o.error_kind == "internal"]
    assert internal == []
    for outcome in first.errors:
        assert outcome.error_kind
        assert outcome.error
        h = health[outcome.name]
        assert h.consecutive_failures == 2 or h.disabled_reason, (outcome.name, h)
    fewer = []
    for outcome in first.outcomes:
        expected = baseline.get(outcome.name)
        if expected is None or "/wellformed/" not in outcome.name or outcome.name in IDENTICAL_ENTRIES:
            continue
        if outcome.name in served_as_html and outcome.error_kind == "not_a_feed":
            continue  # the server called it an HTML page and feedparser could not name a feed format
        if outcome.new < expected[2]:
            fewer.append((outcome.name, outcome.status.value, outcome.new, expected[2], outcome.error_kind))
    assert fewer == [], "\n".join(map(str, fewer))
    assert {first[n].status for n in ("http/404", "http/500", "http/html", "http/empty")} == {
        PollStatus.FAILED
    }
    assert first["http/410"].status is PollStatus.DISABLED
    assert first["http/moved"].status is PollStatus.UPDATED
    # the second pass parses nothing again: the server's ETags give 304s
    assert all(o.status is not PollStatus.UPDATED for o in second.outcomes), [
        o.name for o in second.outcomes if o.status is PollStatus.UPDATED
    ]
    assert second.new_items == ()
