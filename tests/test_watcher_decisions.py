"""The watcher's pure decisions: how a poll's outcome becomes the source's next state (no I/O, no clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tradewatch import Item
from tradewatch._digest import Digest
from tradewatch._poll import GONE, INTERNAL, failed, failure_of, is_baseline, parsed, unchanged
from tradewatch.feeds import (
    Fetched,
    FetchTimeout,
    Gone,
    HTTPStatusError,
    NotAFeedError,
    Source,
    Validators,
)
from tradewatch.store import Claim, ItemRecord

NOW = datetime(2025, 8, 12, 9, 0, tzinfo=UTC)


def claim(
    *, failures: int = 0, baselined: bool = True, alert: bool = False, ttl: timedelta | None = None
) -> Claim:
    return Claim(
        source=Source(name="s", url="https://feeds.example/s.xml", interval=60, alert_on_first_poll=alert),
        url="https://feeds.example/s.xml",
        owner="me",
        epoch=7,
        lease_until=NOW + timedelta(minutes=5),
        validators=Validators(etag='"old"'),
        failures=failures,
        baselined=baselined,
        ttl=ttl,
    )


def fetched(**kw: object) -> Fetched:
    values: dict[str, object] = {
        "url": "https://feeds.example/s.xml",
        "status": 200,
        "headers": {},
        "body": b"<rss/>",
        "not_modified": False,
        "validators": Validators(etag='"new"'),
    }
    values.update(kw)
    return Fetched(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("exc", "kind", "disable", "retry"),
    [
        (Gone("HTTP 410", url="u"), "gone", GONE, None),
        (
            HTTPStatusError("HTTP 429", url="u", status=429, retry_after=timedelta(seconds=30)),
            "http_429",
            None,
            30,
        ),
        (FetchTimeout("slow", url="u"), "timeout", None, None),
        (NotAFeedError("html"), "not_a_feed", None, None),
        (ZeroDivisionError("bug"), INTERNAL, None, None),
    ],
)
def test_failures_are_classified(exc: Exception, kind: str, disable: str | None, retry: int | None) -> None:
    failure = failure_of(exc)
    assert (failure.kind, failure.disable) == (kind, disable)
    assert failure.retry_after == (None if retry is None else timedelta(seconds=retry))
    assert failure.message


def test_baseline_is_the_first_successful_poll_unless_alerts_are_asked_for() -> None:
    assert is_baseline(claim(baselined=False))
    assert not is_baseline(claim(baselined=True))
    assert not is_baseline(claim(baselined=False, alert=True))


def test_a_failure_backs_off_keeps_validators_and_may_disable() -> None:
    result = failed(claim(failures=2), failure_of(Gone("gone", url="u")), polled_at=NOW, jitter=0.0)
    assert (result.name, result.epoch, result.ok, result.disable) == ("s", 7, False, GONE)
    assert result.validators is None
    assert result.present_ids is None
    assert result.due_at == NOW + timedelta(seconds=60 * 2**3)
    hinted = HTTPStatusError("busy", url="u", status=503, retry_after=timedelta(hours=2))
    assert failed(claim(), failure_of(hinted), polled_at=NOW, jitter=0.0).due_at == NOW + timedelta(hours=2)


def test_not_modified_refreshes_validators_and_keeps_the_ttl() -> None:
    result = unchanged(
        claim(failures=3, ttl=timedelta(minutes=10)),
        fetched(body=None, not_modified=True, status=304),
        polled_at=NOW,
        jitter=0.5,
    )
    assert result.ok
    assert result.present_ids is None
    assert result.validators == Validators(etag='"new"')
    assert result.due_at == NOW + timedelta(minutes=10) * 1.05


def test_a_parsed_feed_lists_every_id_and_the_new_items() -> None:
    new = (ItemRecord(item=Item(id="y", source="s", title="y", published=NOW), story_keys=("k",)),)
    moved = fetched(permanent_redirect="https://moved.example/s.xml", max_age=timedelta(minutes=5))
    found = Digest(present_ids=("x", "y"), new_items=new, ttl=None)
    result = parsed(claim(), moved, found, polled_at=NOW, jitter=0.0)
    assert result.present_ids == ("x", "y")
    assert result.new_items == new
    assert result.url == "https://moved.example/s.xml"
    assert result.due_at == NOW + timedelta(minutes=5)
