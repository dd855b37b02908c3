"""The CPU work of one poll, as one pure function: parse a fetched body, keep the items not seen before, read
their events. It runs in a poll thread or in a worker process (`tradewatch._workers`), so its input and output
are plain picklable data and it touches nothing else: no store, no network, no clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

import attrs

from tradewatch.extract import Extractor
from tradewatch.feeds import parse_feed, story_key, story_keys
from tradewatch.model import Event, Item
from tradewatch.store import ItemRecord

__all__ = ["Digest", "Job", "WorkerError", "WorkerLost", "WorkerStartError", "digest"]


class WorkerError(Exception):
    """A worker process could not do its job."""

    kind = "worker"


class WorkerStartError(WorkerError):
    """A worker could not start (the interpreter cannot run ``-c``, the extractor cannot be unpickled...)."""


class WorkerLost(WorkerError):
    """A worker died or exceeded its time limit while digesting one body; it has been replaced."""

    kind = "worker_lost"


@attrs.frozen(kw_only=True)
class Job:
    """A fetched body to digest. `seen` are the source's ids already seen; `baseline` marks the items of
    its first successful poll."""

    source: str
    url: str
    headers: Mapping[str, str]
    body: bytes
    fetched_at: datetime
    seen: frozenset[str]
    baseline: bool


@attrs.frozen(kw_only=True)
class Digest:
    """What a body held: every id (in feed order), its new items with their events, the RSS ttl, and one
    message per item whose extraction failed (the item is kept without events)."""

    present_ids: tuple[str, ...]
    new_items: tuple[ItemRecord, ...]
    ttl: timedelta | None
    extract_errors: tuple[str, ...] = ()


def story_keys_of(item: Item) -> tuple[str, ...]:
    # Every key (canonical link, normalised title), so that copies with different links but the same
    # headline still meet; an item with neither has a key of its own.
    return story_keys(item) or (story_key(item),)


def digest(job: Job, extractor: Extractor | None) -> Digest:
    """Parse `job.body` (raising the feed's `ParseError`), drop the ids in `job.seen`, extract the rest."""
    feed = parse_feed(
        job.body, source=job.source, url=job.url, headers=job.headers, fetched_at=job.fetched_at
    )
    records: list[ItemRecord] = []
    errors: list[str] = []
    for item in feed.items:
        if item.id in job.seen:
            continue
        events: tuple[Event, ...] = ()
        if extractor is not None:
            try:
                events = tuple(extractor.extract(item))
            except Exception as exc:
                # Kept without events rather than retried for ever: a deterministic extractor bug would
                # otherwise block the source.
                errors.append(f"{item.id}: {type(exc).__name__}: {exc}")
        records.append(
            ItemRecord(item=item, story_keys=story_keys_of(item), events=events, baseline=job.baseline)
        )
    return Digest(
        present_ids=tuple(item.id for item in feed.items),
        new_items=tuple(records),
        ttl=feed.ttl,
        extract_errors=tuple(errors),
    )
