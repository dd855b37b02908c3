"""Robustness over feedparser's own test feeds, when they are present (not shipped with the project).

The folder is looked for beside the repository (``../shared/feeds``) or at ``$TRADEWATCH_FEED_CORPUS``; its
``baseline.json`` records what plain ``feedparser.parse`` found in each file.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tradewatch.feeds import HttpFetcher, ParseError, Validators, parse_feed

FETCHED = datetime(2025, 8, 12, tzinfo=UTC)


def corpus() -> Path:
    configured = os.environ.get("TRADEWATCH_FEED_CORPUS")
    folder = Path(configured) if configured else Path(__file__).parents[2] / "shared" / "feeds"
    if not (folder / "baseline.json").is_file():
        pytest.skip(f"no feed corpus at {folder} (set TRADEWATCH_FEED_CORPUS to use one)")
    return folder


def header_lines(body: bytes) -> dict[str, str]:
    """The ``Header:`` lines of a feedparser test file: the HTTP headers its test server sends."""
    head = body[:2000].decode("latin-1")
    return {m[1].strip(): m[2].strip() for m in re.finditer(r"^Header:\s*([\w-]+):(.*)$", head, re.MULTILINE)}


def test_every_file_parses_and_none_loses_entries() -> None:
    folder = corpus()
    baseline = json.loads((folder / "baseline.json").read_text())["files"]
    lost: list[str] = []
    failed: list[str] = []
    with HttpFetcher() as fetcher:
        for name, (bozo, entries, _keys) in sorted(baseline.items()):
            path = folder / name
            fetched = fetcher.fetch(path.as_uri(), Validators())
            assert fetched.body is not None
            for headers in ({}, header_lines(fetched.body)):
                try:
                    parsed = parse_feed(
                        fetched.body, source="corpus", url=path.as_uri(), headers=headers, fetched_at=FETCHED
                    )
                except ParseError as error:
                    if entries:
                        failed.append(f"{name}: {error}")
                    continue
                # Entries feedparser found are all accounted for: as items, or as repeats of an earlier id.
                if not bozo and not headers and len(parsed.items) + parsed.duplicates < entries:
                    lost.append(f"{name}: {len(parsed.items)} items, plain feedparser found {entries}")
                if entries and not parsed.items:
                    lost.append(f"{name}: no items, plain feedparser found {entries}")
    assert not lost, "\n".join(lost)
    assert not failed, "\n".join(failed)
