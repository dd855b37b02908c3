"""next_due: when to poll next, as a pure function; its invariants hold for any input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch.feeds import backoff, next_due
from tradewatch.feeds._schedule import BACKOFF_CAP, HINT_CAP, JITTER_SPREAD

NOW = datetime(2025, 8, 12, 9, 30, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def due(**changes: Any) -> datetime:
    arguments: dict[str, Any] = {
        "now": NOW,
        "interval": 15 * MINUTE,
        "failures": 0,
        "retry_after": None,
        "max_age": None,
        "ttl": None,
        "jitter": 0.0,
        **changes,
    }
    return next_due(**arguments)


class TestExamples:
    def test_a_healthy_source_waits_its_interval(self) -> None:
        assert due() == NOW + 15 * MINUTE

    def test_failures_double_the_wait(self) -> None:
        assert [due(failures=n) - NOW for n in range(4)] == [
            15 * MINUTE,
            30 * MINUTE,
            60 * MINUTE,
            120 * MINUTE,
        ]

    def test_backoff_is_capped_at_a_day(self) -> None:
        assert due(failures=10) == NOW + BACKOFF_CAP
        assert due(failures=10_000) == NOW + BACKOFF_CAP

    def test_a_source_polled_less_than_daily_is_never_polled_sooner_after_failures(self) -> None:
        weekly = timedelta(days=7)
        assert due(interval=weekly, failures=3) == NOW + weekly

    def test_retry_after_is_a_floor(self) -> None:
        assert due(retry_after=timedelta(hours=3)) == NOW + timedelta(hours=3)
        assert due(retry_after=MINUTE) == NOW + 15 * MINUTE

    def test_freshness_hints_stretch_the_interval_up_to_a_cap(self) -> None:
        assert due(max_age=40 * MINUTE) == NOW + 40 * MINUTE
        assert due(ttl=60 * MINUTE, max_age=30 * MINUTE) == NOW + 60 * MINUTE
        assert due(ttl=timedelta(days=7)) == NOW + HINT_CAP
        assert due(max_age=MINUTE) == NOW + 15 * MINUTE

    def test_jitter_stretches_by_up_to_a_tenth(self) -> None:
        assert due(jitter=0.5) == NOW + 15 * MINUTE * (1 + JITTER_SPREAD * 0.5)

    def test_backoff_alone(self) -> None:
        assert backoff(timedelta(seconds=1), 3) == timedelta(seconds=8)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"now": datetime(2025, 8, 12)}, "now"),
            ({"jitter": 1.0}, "jitter"),
            ({"jitter": -0.1}, "jitter"),
            ({"jitter": float("nan")}, "jitter"),
            ({"jitter": True}, "jitter"),
            ({"failures": -1}, "failures"),
            ({"failures": 1.5}, "failures"),
            ({"interval": timedelta(0)}, "interval"),
        ],
    )
    def test_bad_arguments(self, changes: dict[str, Any], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            due(**changes)

    def test_hints_must_be_timedeltas(self) -> None:
        with pytest.raises(TypeError, match="max_age"):
            due(max_age=60)


intervals = st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=30))
hints = st.none() | st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=30))
jitters = st.floats(min_value=0.0, max_value=1.0, exclude_max=True)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC))


class TestProperties:
    @given(moments, intervals, st.integers(0, 200), hints, hints, hints, jitters)
    def test_never_before_now_and_never_before_retry_after_or_the_interval(
        self,
        now: datetime,
        interval: timedelta,
        failures: int,
        retry_after: timedelta | None,
        max_age: timedelta | None,
        ttl: timedelta | None,
        jitter: float,
    ) -> None:
        when = next_due(
            now=now,
            interval=interval,
            failures=failures,
            retry_after=retry_after,
            max_age=max_age,
            ttl=ttl,
            jitter=jitter,
        )
        assert when > now
        assert when >= now + interval
        if retry_after is not None:
            assert when >= now + retry_after

    @given(intervals, st.integers(0, 100), jitters)
    def test_monotone_in_failures_up_to_the_cap(
        self, interval: timedelta, failures: int, jitter: float
    ) -> None:
        def wait(n: int) -> timedelta:
            return due(interval=interval, failures=n, jitter=jitter) - NOW

        assert wait(failures) <= wait(failures + 1)
        assert wait(failures) <= max(interval, BACKOFF_CAP) * (1 + JITTER_SPREAD) + timedelta(microseconds=1)
        if interval.total_seconds() * 2.0 ** (failures + 1) <= BACKOFF_CAP.total_seconds():
            assert wait(failures + 1) > wait(failures)

    @given(intervals, st.integers(0, 100), hints, hints, hints, jitters)
    def test_jitter_is_bounded(
        self,
        interval: timedelta,
        failures: int,
        retry_after: timedelta | None,
        max_age: timedelta | None,
        ttl: timedelta | None,
        jitter: float,
    ) -> None:
        common = {"interval": interval, "failures": failures, "retry_after": retry_after, "max_age": max_age}
        still = due(**common, ttl=ttl, jitter=0.0) - NOW
        moved = due(**common, ttl=ttl, jitter=jitter) - NOW
        assert still <= moved <= still * (1 + JITTER_SPREAD) + timedelta(microseconds=1)

    @given(intervals, hints, hints, jitters)
    def test_hints_never_silence_a_source_beyond_the_cap(
        self, interval: timedelta, max_age: timedelta | None, ttl: timedelta | None, jitter: float
    ) -> None:
        wait = due(interval=interval, max_age=max_age, ttl=ttl, jitter=jitter) - NOW
        assert wait <= max(interval, HINT_CAP) * (1 + JITTER_SPREAD) + timedelta(microseconds=1)

    @given(intervals, jitters)
    def test_success_resets_the_backoff(self, interval: timedelta, jitter: float) -> None:
        wait = due(interval=interval, failures=0, jitter=jitter) - NOW
        assert interval <= wait <= interval * (1 + JITTER_SPREAD * jitter) + timedelta(microseconds=1)
