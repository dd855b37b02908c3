"""The watcher's decisions, as pure functions of data: what a poll's outcome means for the source.

No I/O and no clock here ("now" and the jitter are passed in), so every rule is tested without a network.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ._digest import Digest, WorkerError
from .feeds import Fetched, FetchError, Gone, ParseError, next_due
from .store import Claim, PollResult

#: Why a source that answered 410 is no longer polled (shown as its health's ``disabled_reason``).
GONE = "gone (HTTP 410)"

#: The error kind recorded when the watcher itself failed on a source (a bug, never the feed's fault).
INTERNAL = "internal"


@attrs.frozen(kw_only=True)
class Failure:
    """What went wrong in one poll, as the store records it."""

    kind: str
    message: str
    retry_after: timedelta | None = None
    disable: str | None = None


def failure_of(exc: BaseException) -> Failure:
    """Classify an exception raised while polling one source."""
    if isinstance(exc, Gone):
        return Failure(kind=exc.kind, message=str(exc), disable=GONE)
    if isinstance(exc, FetchError):
        return Failure(kind=exc.kind, message=str(exc), retry_after=exc.retry_after)
    if isinstance(exc, ParseError | WorkerError):
        return Failure(kind=exc.kind, message=str(exc))
    return Failure(kind=INTERNAL, message=f"{type(exc).__name__}: {exc}")


def is_baseline(claim: Claim) -> bool:
    """Items of a source's first successful poll are its baseline (no "new item" alerts), unless the
    source asks to be alerted on its first poll."""
    return not claim.baselined and not claim.source.alert_on_first_poll


def failed(
    claim: Claim, failure: Failure, *, polled_at: datetime, jitter: float, url: str | None = None
) -> PollResult:
    """A failed poll: one more failure, backed off; validators kept so the next poll fetches in full."""
    return PollResult(
        name=claim.source.name,
        epoch=claim.epoch,
        polled_at=polled_at,
        due_at=next_due(
            now=polled_at,
            interval=claim.source.interval,
            failures=claim.failures + 1,
            retry_after=failure.retry_after,
            max_age=None,
            ttl=None,
            jitter=jitter,
        ),
        url=url,
        error_kind=failure.kind,
        error=failure.message,
        disable=failure.disable,
    )


def unchanged(claim: Claim, fetched: Fetched, *, polled_at: datetime, jitter: float) -> PollResult:
    """A 304, or a body identical to the last one: nothing to parse, validators refreshed."""
    return PollResult(
        name=claim.source.name,
        epoch=claim.epoch,
        polled_at=polled_at,
        due_at=_due_after_success(claim, fetched, claim.ttl, polled_at=polled_at, jitter=jitter),
        validators=fetched.validators,
        url=fetched.permanent_redirect,
    )


def _due_after_success(
    claim: Claim, fetched: Fetched, ttl: timedelta | None, *, polled_at: datetime, jitter: float
) -> datetime:
    return next_due(
        now=polled_at,
        interval=claim.source.interval,
        failures=0,
        retry_after=fetched.retry_after,
        max_age=fetched.max_age,
        ttl=ttl,
        jitter=jitter,
    )


def parsed(
    claim: Claim, fetched: Fetched, digest: Digest, *, polled_at: datetime, jitter: float
) -> PollResult:
    """A parsed feed: every id in it is marked seen, its new items stored."""
    return PollResult(
        name=claim.source.name,
        epoch=claim.epoch,
        polled_at=polled_at,
        due_at=_due_after_success(claim, fetched, digest.ttl, polled_at=polled_at, jitter=jitter),
        present_ids=digest.present_ids,
        new_items=digest.new_items,
        validators=fetched.validators,
        url=fetched.permanent_redirect,
        ttl=digest.ttl,
    )
