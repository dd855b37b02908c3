"""Dedupe as an invariant: whatever sequence of feed snapshots sources publish, each item id is reported new
exactly once per source, at the first poll that shows it."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tradewatch.feeds import Fetched, Source, Validators
from tradewatch.watcher import Watcher
from watcher_site import rss

NAMES = ("a", "b", "c")
ID_POOL = [f"id{n}" for n in range(12)]

# A snapshot: for each source, the ids its feed lists at one poll (in feed order), or None when the
# server answers 304 (validators matched) and nothing is parsed.
snapshots = st.lists(
    st.fixed_dictionaries(
        {name: st.none() | st.lists(st.sampled_from(ID_POOL), unique=True, max_size=6) for name in NAMES}
    ),
    min_size=1,
    max_size=6,
)


def watcher_in_thread(*args: Any, **kwargs: Any) -> Watcher:
    """A watcher that parses in its own process (worker processes are tested in test_watcher_workers.py)."""
    return Watcher(*args, cpu_processes=0, **kwargs)


class SnapshotFetcher:
    def __init__(self) -> None:
        self.current: dict[str, list[str] | None] = {}

    def fetch(self, url: str, validators: Validators) -> Fetched:
        name = url.rsplit("/", 1)[-1].removesuffix(".xml")
        ids = self.current[name]
        if ids is None:
            return Fetched(
                url=url, status=304, headers={}, body=None, not_modified=True, validators=validators
            )
        return Fetched(
            url=url,
            status=200,
            headers={"content-type": "application/rss+xml"},
            # the same ids on every source: stories repeat across sources, ids stay per source
            body=rss([(f"https://news.example/{i}", f"Story {i} about tariffs and quotas") for i in ids]),
            not_modified=False,
            validators=Validators(),
        )

    def close(self) -> None:
        pass


class NoEvents:
    def extract(self, item: object) -> list[object]:
        return []


@given(snapshots)
def test_each_item_is_new_exactly_once_per_source(sequence: list[dict[str, list[str] | None]]) -> None:
    fake = SnapshotFetcher()
    sources = [Source(name=n, url=f"https://feeds.example/{n}.xml") for n in NAMES]
    reported: Counter[tuple[str, str]] = Counter()
    expected: Counter[tuple[str, str]] = Counter()
    seen: dict[str, set[str]] = {n: set() for n in NAMES}
    with watcher_in_thread(
        sources, store=":memory:", fetcher=fake, extractor=NoEvents(), max_workers=3
    ) as watcher:  # type: ignore[arg-type]
        for snapshot in sequence:
            fake.current = snapshot
            report = watcher.poll_once()
            for outcome in report.outcomes:
                ids = snapshot[outcome.name]
                fresh = [i for i in (ids or []) if i not in seen[outcome.name]]
                got = [item.item.id.rsplit("/", 1)[-1] for item in outcome.items]
                assert got == fresh  # new exactly at the first poll that shows them, in feed order
                seen[outcome.name].update(ids or [])
                reported.update((outcome.name, i) for i in got)
            for name, ids in snapshot.items():
                expected.update((name, i) for i in (ids or []) if expected[(name, i)] == 0)
    assert reported == expected
    assert all(count == 1 for count in reported.values())
