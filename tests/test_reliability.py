"""The watcher against what the real world does to it: generated and mangled feeds in any encoding through
the whole pipeline, a disk that fills up, a clock that jumps, a source with 10,000 items, items of 1 MB.
Each time: a documented error for that source only, nothing corrupted, nothing lost, and the watcher goes on."""

from __future__ import annotations

import codecs
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradewatch import Source, Watcher
from tradewatch.feeds import Validators
from tradewatch.store import ItemRecord, PollResult, SqliteStore, StoreError
from tradewatch.watcher import PollStatus

#: The kinds a failed poll of a feed file may record: every one is documented in docs/feeds.md.
DOCUMENTED = {"parse", "not_a_feed", "entity_expansion", "decoding", "too_large", "file"}

SENTENCES = [
    "The United States raised its tariff on Chinese steel to {n}% from 25%.",
    "Beijing said it would suspend export licences for gallium and germanium until {month} {day}.",
    "Negotiators from the EU and Japan will hold a {ordinal} round of talks in Geneva next week.",
    "Canada threatened a {n}% duty on US dairy unless Washington lifts its levy by {month} {day}.",
    "The two sides agreed to extend their tariff truce for another 90 days.",
    "Port volumes in Rotterdam fell {n}% in the quarter, the operator said.",
]
ENCODINGS = ["utf-8", "utf-16", "utf-16-be", "iso-8859-1", "windows-1252", "shift_jis", "gb18030", "koi8-r"]


@st.composite
def trade_text(draw: st.DrawFn) -> str:
    parts = [
        draw(st.sampled_from(SENTENCES)).format(
            n=draw(st.integers(0, 400)),
            month=draw(st.sampled_from(["May", "June", "Nov.", "December"])),
            day=draw(st.integers(1, 31)),
            ordinal=draw(st.sampled_from(["first", "fourth", "11th"])),
        )
        for _ in range(draw(st.integers(1, 3)))
    ]
    parts.append(draw(st.text(max_size=60)))
    return " ".join(parts)


@st.composite
def feed_bytes(draw: st.DrawFn) -> bytes:
    """An RSS or Atom document of trade news in some encoding (declared truly, falsely, or not at all),
    sometimes mangled afterwards."""
    entries = draw(st.lists(st.tuples(st.text(min_size=1, max_size=12), trade_text()), max_size=6))
    encoding = draw(st.sampled_from(ENCODINGS))
    declared = draw(st.sampled_from([encoding, "utf-8", None]))
    header = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    if draw(st.booleans()):
        items = "".join(
            f"<item><guid>{escape(guid)}</guid><title>{escape(text[:80])}</title>"
            f"<description>{escape(text)}</description></item>"
            for guid, text in entries
        )
        document = f'{header}<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'
    else:
        items = "".join(
            f"<entry><id>urn:x:{escape(guid)}</id><title>{escape(text[:80])}</title>"
            f"<updated>2025-08-12T09:00:00Z</updated><content type='html'>{escape(escape(text))}</content></entry>"
            for guid, text in entries
        )
        document = f'{header}<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>{items}</feed>'
    body = codecs.encode(document, encoding, "replace")
    for position, length, insert in draw(
        st.lists(st.tuples(st.integers(0, 5_000), st.integers(0, 12), st.binary(max_size=6)), max_size=3)
    ):
        at = position % (len(body) + 1)
        body = body[:at] + insert + body[at + length :]
    return body


@pytest.fixture(scope="module")
def feed_watcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Watcher, Path]]:
    path = tmp_path_factory.mktemp("generated") / "feed.xml"
    path.write_bytes(b"")
    with Watcher([Source(name="generated", url=path.as_uri())], store=":memory:", cpu_processes=0) as watcher:
        yield watcher, path


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=feed_bytes())
def test_generated_feeds_in_any_encoding_give_items_or_a_documented_error(
    feed_watcher: tuple[Watcher, Path], body: bytes
) -> None:
    watcher, path = feed_watcher
    path.write_bytes(body)
    outcome = watcher.poll_once()["generated"]  # never raises: a failure is this source's outcome
    if outcome.status is PollStatus.FAILED:
        assert outcome.error_kind in DOCUMENTED, outcome.error
    else:
        assert outcome.status in (PollStatus.UPDATED, PollStatus.NOT_MODIFIED)
        for new in outcome.items:
            assert new.item.source == "generated" and new.item.id
            for event in new.events:  # every event points at text the item really has
                assert event.evidence.sentence in f"{new.item.title}\n{new.item.text}"


def _rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{escape(text[:60])}</title>'
        f"<description>{escape(text)}</description>"
        "<pubDate>Tue, 12 Aug 2025 09:30:00 GMT</pubDate></item>"
        for guid, text in items
    )
    return f'<rss version="2.0"><channel><title>Wire</title>{entries}</channel></rss>'.encode()


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        # A disk that is full: the database may not grow by a single page.
        ("PRAGMA max_page_count = {pages}", "full"),
        # A disk remounted read-only: every write is refused.
        ("PRAGMA query_only = ON", "readonly"),
    ],
    ids=["full disk", "read-only disk"],
)
def test_a_disk_that_refuses_writes_fails_the_poll_loses_nothing_and_the_watcher_goes_on(
    tmp_path: Path, fault: str, words: str
) -> None:
    feed = tmp_path / "feed.xml"
    items = [(f"a{n}", f"Officials met about item {n}.") for n in range(5)]
    feed.write_bytes(_rss(items))
    store = SqliteStore(tmp_path / "store.sqlite")
    source = Source(name="wire", url=feed.as_uri(), alert_on_first_poll=True)
    with Watcher([source], store=store, cpu_processes=0, lease=timedelta(seconds=1)) as watcher:
        assert watcher.poll_once()["wire"].new == 5
        conn = store._conn
        assert conn is not None
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(fault.format(pages=pages))
        more = [(f"b{n}", "Port volumes fell. " * 200 + str(n)) for n in range(40)]
        feed.write_bytes(_rss(items + more))
        try:
            failed = watcher.poll_once()["wire"]
        except StoreError as exc:  # even claiming the source needs a write: poll_once says so, typed
            message = str(exc)
        else:  # claimed before the disk filled: the commit fails, for this source only
            assert (failed.status, failed.error_kind) == (PollStatus.FAILED, "store")
            message = failed.error or ""
        assert words in message.replace(" ", "").replace("-", ""), message
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {s.item.id for s in store.items(limit=1000)} == {f"a{n}" for n in range(5)}
        # Writable again: once the failed poll's lease has expired, the same items come in, none missing.
        conn.execute("PRAGMA max_page_count = 1073741823")
        conn.execute("PRAGMA query_only = OFF")
        time.sleep(1.1)
        outcome = watcher.poll_once()["wire"]
        assert outcome.status is PollStatus.UPDATED
        assert {n.item.id for n in outcome.items} == {guid for guid, _ in more}
    store.close()


T0 = datetime(2025, 8, 12, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("jump", [timedelta(hours=-3), timedelta(seconds=-1), timedelta(days=2)])
def test_a_clock_that_jumps_never_loses_an_item_nor_commits_a_stale_lease(jump: timedelta) -> None:
    lease = timedelta(minutes=5)
    with SqliteStore(":memory:") as store:
        store.upsert_sources([Source(name="s", url="https://wire.example/feed.xml", interval=60)], now=T0)
        (claim,) = store.claim_due("me", 10, lease, now=T0)
        later = T0 + jump  # the clock jumped while the poll was under way
        result = PollResult(
            name="s",
            epoch=claim.epoch,
            polled_at=later,
            due_at=later + timedelta(seconds=60),
            present_ids=("i1",),
            new_items=(
                ItemRecord(
                    item=_item("i1", later),
                    story_keys=("url:https://wire.example/i1",),
                ),
            ),
            validators=Validators(),
        )
        committed = store.commit_poll("me", result, now=later)
        if later < claim.lease_until:  # backwards, or within the lease: the poll stands
            assert committed is not None and set(committed.stories) == {"i1"}
            assert store.seen_ids("s") == {"i1"}
        else:  # past the lease: fenced, nothing written; the item is still new for the next poll
            assert committed is None
            assert store.seen_ids("s") == frozenset()
            (again,) = store.claim_due("other", 10, lease, now=later)
            assert again.epoch > claim.epoch


def _item(item_id: str, published: datetime) -> object:
    from tradewatch import Item

    return Item(
        id=item_id,
        source="s",
        title="Tariff news",
        text="The United States raised its tariff on Chinese steel to 50% from 25%.",
        url=f"https://wire.example/{item_id}",
        published=published,
    )


def test_a_source_with_10000_items_is_stored_once_and_costs_nothing_when_unchanged(tmp_path: Path) -> None:
    feed = tmp_path / "big.xml"
    feed.write_bytes(
        _rss([(f"g{n}", f"Shipping schedules for vessel {n} were posted.") for n in range(10_000)])
    )
    with Watcher(
        [Source(name="big", url=feed.as_uri())], store=tmp_path / "s.sqlite", cpu_processes=0
    ) as watcher:
        first = watcher.poll_once()["big"]
        assert (first.status, first.new, first.baseline) == (PollStatus.UPDATED, 10_000, True)
        again = watcher.poll_once()["big"]
        assert (again.status, again.new) == (PollStatus.NOT_MODIFIED, 0)
        feed.write_bytes(
            _rss(
                [("fresh", "Talks resumed.")]
                + [(f"g{n}", f"Shipping schedules for vessel {n}.") for n in range(10_000)]
            )
        )
        third = watcher.poll_once()["big"]
        assert [n.item.id for n in third.items] == ["fresh"]
        assert len(watcher.store.seen_ids("big")) == 10_001


def test_items_of_one_megabyte_are_stored_whole_and_read_within_the_extraction_limit(tmp_path: Path) -> None:
    news = "The United States raised its tariff on Chinese steel to 50% from 25%, officials said. "
    text = (news * (1_000_000 // len(news) + 1))[:1_000_000]
    feed = tmp_path / "long.xml"
    feed.write_bytes(_rss([(f"long{n}", text) for n in range(3)]))
    with Watcher(
        [Source(name="long", url=feed.as_uri(), alert_on_first_poll=True)], store=":memory:", cpu_processes=0
    ) as watcher:
        started = time.monotonic()
        outcome = watcher.poll_once()["long"]
        elapsed = time.monotonic() - started
    assert outcome.status is PollStatus.UPDATED and outcome.new == 3
    for new in outcome.items:
        assert len(new.item.text) >= 999_000  # the item is kept whole
        assert new.events and all(e.TYPE == "tariff" for e in new.events)
    assert elapsed < 120  # a generous bound: the point is that it ends, not how fast (see bench/)
