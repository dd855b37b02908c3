"""When to poll a source next: a pure function of what the last poll learned."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

#: Backoff after failures grows no longer than this (unless the source's own interval is longer).
BACKOFF_CAP = timedelta(hours=24)
#: A server's freshness hint (Cache-Control max-age, RSS <ttl>) may stretch the interval up to this, no
#: further: a feed that claims a one-week ttl must not go unwatched for a week.
HINT_CAP = timedelta(hours=2)
#: Jitter spreads a delay over [delay, delay * (1 + JITTER_SPREAD)) so sources added together drift apart.
JITTER_SPREAD = 0.1
# 2**40 intervals of one second are far beyond any cap; a bounded exponent keeps the float finite.
_MAX_EXPONENT = 40


def _seconds(name: str, value: timedelta | None) -> float:
    if value is None:
        return 0.0
    if not isinstance(value, timedelta):
        raise TypeError(f"{name} must be a timedelta or None, not {type(value).__name__}")
    return max(value.total_seconds(), 0.0)


def backoff(interval: timedelta, failures: int) -> timedelta:
    """The delay after `failures` consecutive failures: the interval doubled per failure, capped at
    `BACKOFF_CAP` but never shorter than the interval itself."""
    if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
        raise ValueError(f"failures must be an int >= 0, not {failures!r}")
    base = _seconds("interval", interval)
    if base <= 0:
        raise ValueError(f"interval must be positive, not {interval}")
    grown = base * 2.0 ** min(failures, _MAX_EXPONENT)
    return timedelta(seconds=max(base, min(grown, BACKOFF_CAP.total_seconds())))


def next_due(
    *,
    now: datetime,
    interval: timedelta,
    failures: int,
    retry_after: timedelta | None,
    max_age: timedelta | None,
    ttl: timedelta | None,
    jitter: float,
) -> datetime:
    """When to poll next, after a poll that ended at `now`.

    The delay is the longest of:
    - `interval`, doubled for each of `failures` consecutive failures (capped at 24 hours, or the
      interval if that is longer; zero failures means the plain interval);
    - the server's freshness hint, the larger of `max_age` and `ttl`, capped at 2 hours;
    - `retry_after`, uncapped: the server asked, and the fetcher already bounds what it reports.
    It is then stretched by ``1 + 0.1 * jitter``; `jitter` in [0, 1) comes from the caller (random in
    production, fixed in tests), so this function stays pure. The result is never before `now`.
    """
    if not isinstance(now, datetime) or now.utcoffset() is None:
        raise ValueError(f"now must be a timezone-aware datetime, not {now!r}")
    if isinstance(jitter, bool) or not isinstance(jitter, int | float) or not 0.0 <= jitter < 1.0:
        raise ValueError(f"jitter must be a number in [0, 1), not {jitter!r}")
    delay = backoff(interval, failures).total_seconds()
    hint = max(_seconds("max_age", max_age), _seconds("ttl", ttl))
    delay = max(delay, min(hint, HINT_CAP.total_seconds()), _seconds("retry_after", retry_after))
    stretched = delay * (1.0 + JITTER_SPREAD * jitter)
    due = now + timedelta(microseconds=math.ceil(stretched * 1_000_000))
    # Float seconds can round a hair under the exact timedeltas; the interval and Retry-After are floors.
    floor = max(interval, retry_after) if retry_after is not None else interval
    return max(due, now + floor)
