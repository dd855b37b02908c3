"""The outbox's delivery job: claim due rows, hand them to their sinks, record each attempt.

At least once: a row leaves the outbox only when its sink returned without raising, and `Store.finish_delivery`
recorded it. A process that dies between the two leaves the row leased; once the lease ends any process
delivers it again, under the same alert id, so receivers can drop the duplicate.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import attrs

from tradewatch.model import Alert
from tradewatch.store import Delivery, Store

from ._sinks import DeliveryError, Sink

__all__ = ["DeliveryReport", "Outbox", "retry_delay"]

log = logging.getLogger("tradewatch.delivery")


def retry_delay(attempts: int, *, base: timedelta, cap: timedelta, jitter: float) -> timedelta:
    """How long to wait after the `attempts`-th failure: `base` doubled per failure, at most `cap`, scaled by
    a factor in [0.5, 1) from `jitter` in [0, 1) so that many failed rows do not all come back at once."""
    exponent = min(max(attempts - 1, 0), 32)
    delay: timedelta = min(base * (2**exponent), cap)
    return delay * (0.5 + jitter / 2)


@attrs.frozen(kw_only=True)
class DeliveryReport:
    """What one run of the delivery job did."""

    delivered: int = 0
    failed: int = 0  # to be tried again
    parked: int = 0
    lost: int = 0  # lease taken over before the attempt was recorded

    @property
    def claimed(self) -> int:
        return self.delivered + self.failed + self.parked + self.lost

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            delivered=self.delivered + other.delivered,
            failed=self.failed + other.failed,
            parked=self.parked + other.parked,
            lost=self.lost + other.lost,
        )


class Outbox:
    """Delivers the store's outbox to `sinks` (by name).

    - `max_attempts`: failures after which a row is parked (listed by ``tradewatch alerts``, replayed with
      ``tradewatch alerts --retry``). A sink that says retrying cannot help (`DeliveryError.retryable`
      False) parks the row at once; so does a row whose sink this process does not know.
    - `base_delay` / `max_delay`: the exponential backoff between attempts.
    - `lease`: how long a claimed row stays ours; it must outlast the slowest sink's timeout.
    - `batch`: rows claimed per round.
    """

    def __init__(
        self,
        store: Store,
        sinks: Mapping[str, Sink],
        *,
        owner: str,
        max_attempts: int = 8,
        base_delay: timedelta = timedelta(seconds=2),
        max_delay: timedelta = timedelta(hours=1),
        lease: timedelta = timedelta(minutes=2),
        batch: int = 200,
        seed: int | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, not {max_attempts}")
        if batch < 1:
            raise ValueError(f"batch must be >= 1, not {batch}")
        self._store = store
        self._sinks = dict(sinks)
        self.owner = owner
        self.max_attempts = max_attempts
        self._base = base_delay
        self._cap = max_delay
        self._lease = lease
        self._batch = batch
        self._rng = random.Random(seed)
        self._rng_lock = threading.Lock()

    def add_sink(self, sink: Sink) -> None:
        self._sinks[sink.name] = sink

    @property
    def sinks(self) -> Mapping[str, Sink]:
        return dict(self._sinks)

    def deliver_due(self, *, now: datetime | None = None) -> DeliveryReport:
        """Deliver every row that is due, round after round, until none is left; never raises for a sink's
        failure (it is recorded on the row)."""
        total = DeliveryReport()
        while True:
            claimed = self._store.claim_deliveries(self.owner, self._batch, self._lease, now=now)
            if not claimed:
                return total
            # Rows that failed come back only once their backoff ends; with no backoff they are tried again
            # here, until delivered or parked, so the loop ends either way.
            total += self._deliver(claimed, now)

    def _deliver(self, claimed: Sequence[Delivery], now: datetime | None) -> DeliveryReport:
        by_sink: dict[str, list[Delivery]] = {}
        for delivery in claimed:
            by_sink.setdefault(delivery.sink, []).append(delivery)
        if len(by_sink) == 1:
            return self._to_sink(*next(iter(by_sink.items())), now)
        # One slow sink (a webhook at its timeout) must not hold up the others.
        with ThreadPoolExecutor(min(len(by_sink), 8), thread_name_prefix="tradewatch-deliver") as pool:
            reports = list(pool.map(lambda pair: self._to_sink(pair[0], pair[1], now), by_sink.items()))
        total = DeliveryReport()
        for report in reports:
            total += report
        return total

    def _to_sink(self, name: str, rows: list[Delivery], now: datetime | None) -> DeliveryReport:
        sink = self._sinks.get(name)
        if sink is None:
            error = DeliveryError(name, f"no sink named {name!r} is configured", retryable=False)
            return self._record(rows, error, now)
        if sink.digest:
            return self._send(sink, rows, now)
        report = DeliveryReport()
        for row in rows:
            report += self._send(sink, [row], now)
        return report

    def _send(self, sink: Sink, rows: list[Delivery], now: datetime | None) -> DeliveryReport:
        alerts: list[Alert] = [row.alert for row in rows]
        try:
            sink.send(alerts)
        except DeliveryError as exc:
            return self._record(rows, exc, now)
        except Exception as exc:  # a sink that broke its contract: still this row's failure only
            log.exception("sink %r raised %s", sink.name, type(exc).__name__)
            return self._record(rows, DeliveryError(sink.name, f"{type(exc).__name__}: {exc}"), now)
        return self._record(rows, None, now)

    def _record(
        self, rows: Iterable[Delivery], error: DeliveryError | None, now: datetime | None
    ) -> DeliveryReport:
        delivered = failed = parked = lost = 0
        for row in rows:
            retry_in = None
            if error is not None:
                attempts = row.attempts + 1
                if error.retryable and attempts < self.max_attempts:
                    with self._rng_lock:
                        jitter = self._rng.random()
                    retry_in = retry_delay(attempts, base=self._base, cap=self._cap, jitter=jitter)
            try:
                ok = self._store.finish_delivery(
                    self.owner,
                    row,
                    error=None if error is None else str(error),
                    retry_in=retry_in,
                    now=now,
                )
            except Exception:
                log.exception("recording the delivery of alert %s to %r failed", row.alert.id, row.sink)
                ok = False
            if not ok:
                lost += 1
            elif error is None:
                delivered += 1
            elif retry_in is not None:
                failed += 1
                log.warning(
                    "delivering alert %s to %r failed (will retry): %s", row.alert.id, row.sink, error
                )
            else:
                parked += 1
                log.error(
                    "alert %s to %r parked after %d attempts: %s",
                    row.alert.id,
                    row.sink,
                    row.attempts + 1,
                    error,
                )
        return DeliveryReport(delivered=delivered, failed=failed, parked=parked, lost=lost)
