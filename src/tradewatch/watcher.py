"""`Watcher`: polls many feeds on a schedule kept in the store, and hands on what is new.

The schedule lives in the store: every source row holds its ``due_at``, its lease, its validators and its
health. APScheduler's `BackgroundScheduler` is only this process's local timer, with one poll tick job that
claims due sources (with a lease) and hands them to a bounded thread pool. So a restart resumes the schedule
where it stopped, several processes can share one store, and no source is polled by two of them at once.

One poll of one source: fetch (conditional GET) -> parse -> drop ids already seen -> extract events from the
new items -> commit everything in one transaction, only while the lease is still ours: the items, the
ledger's new states and changes, and the alerts the rules made of them, written to the outbox. Whatever goes
wrong with one source is recorded as that source's failure and backs it off; it never reaches another
source or the tick. A second job, the delivery tick, hands the outbox to the sinks and callbacks (at least
once, retried with backoff, parked after too many failures).
"""

from __future__ import annotations

import collections
import enum
import logging
import os
import queue
import random
import signal
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType, TracebackType
from typing import Any

import attrs
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from . import _poll
from ._digest import Digest, Job, WorkerError, WorkerStartError, digest
from ._workers import WorkerPool
from .delivery import CallableSink, LogSink, Sink
from .delivery._outbox import DeliveryReport, Outbox
from .extract import Extractor, RuleBasedExtractor
from .feeds import (
    Fetcher,
    FetchError,
    HttpFetcher,
    ParseError,
    Source,
    SourceHealth,
)
from .ledger import Ledger, measure_key
from .model import Alert, Change, Event, Item
from .rules import Produced, Rule, evaluate
from .store import (
    Claim,
    Fresh,
    Outgoing,
    PollResult,
    Reaction,
    SourceStatus,
    StateLoader,
    Store,
    open_store,
)

__all__ = [
    "ItemBatch",
    "NewItem",
    "PollReport",
    "PollStatus",
    "SourceOutcome",
    "Watcher",
    "set_fetch_limit",
]

log = logging.getLogger("tradewatch.watcher")

#: How many fetches may be under way at once in this process, across all watchers.
DEFAULT_FETCH_LIMIT = 64


class _Gate:
    """A counting limit whose size can change while it is in use (unlike `threading.Semaphore`)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._used = 0
        self._cond = threading.Condition()

    def resize(self, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"the fetch limit must be >= 1, not {limit}")
        with self._cond:
            self._limit = limit
            self._cond.notify_all()

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._cond:
            while self._used >= self._limit:
                self._cond.wait()
            self._used += 1
        try:
            yield
        finally:
            with self._cond:
                self._used -= 1
                self._cond.notify()


_FETCH_GATE = _Gate(DEFAULT_FETCH_LIMIT)


def set_fetch_limit(limit: int) -> None:
    """Set the process-wide cap on concurrent fetches (default 64), shared by every `Watcher`.

    Each watcher's `max_workers` bounds its own polls; this bounds the network side of all of them together.
    Parsing and extraction happen outside this limit, so CPU work never holds a fetch slot.
    """
    _FETCH_GATE.resize(limit)


class _SkippedTicks(logging.Filter):
    """Drops APScheduler's warning that one of our ticks was skipped because the previous one still runs.

    For our ticks that is the design (``max_instances=1``, ``coalesce=True``): a delivery round that outlasts
    the interval, or a claim waiting for a database, goes on and the next tick simply comes later. Left in,
    the warning would fill the log once a second. Warnings about users' own jobs pass through."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("maximum number of running instances" in message and '"tradewatch ' in message)


_SKIPPED_TICKS = _SkippedTicks()


def _quiet_skipped_ticks() -> None:
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if _SKIPPED_TICKS not in scheduler_log.filters:
        scheduler_log.addFilter(_SKIPPED_TICKS)


class PollStatus(enum.StrEnum):
    """What one poll of one source came to."""

    UPDATED = "updated"  # a feed was fetched and parsed (it may hold nothing new)
    NOT_MODIFIED = "not_modified"  # 304, or the same bytes as last time: nothing parsed
    FAILED = "failed"  # fetch or parse failed; the source backs off
    DISABLED = "disabled"  # the feed is gone (HTTP 410); the source is no longer polled
    SKIPPED = "skipped"  # another process (or poll) holds the source's lease
    LOST_LEASE = "lost_lease"  # the lease was taken over before the results were committed: nothing written


@attrs.frozen(kw_only=True)
class NewItem:
    """An item seen for the first time on its source, with the events read from it.

    `baseline` is True for items of a source's first successful poll (they set the baseline and are not
    news) unless the source has ``alert_on_first_poll``. `first_of_story` is False when the same story (same
    canonical link or normalised title) was already seen on any source; `story_sources` counts the distinct
    sources that carried the story so far, this one included.
    """

    item: Item
    events: tuple[Event, ...]
    story_key: str
    baseline: bool
    first_of_story: bool
    story_sources: int
    changes: tuple[Change, ...] = ()
    alerts: tuple[Alert, ...] = ()

    @property
    def newsworthy(self) -> bool:
        """Whether this item deserves a "new item" alert: not part of a baseline, and not a repeat of a
        story already reported."""
        return not self.baseline and self.first_of_story


@attrs.frozen(kw_only=True)
class ItemBatch:
    """The new items of one poll of one source, as committed to the store (for `Watcher`'s ``on_items``)."""

    source: str
    polled_at: datetime
    items: tuple[NewItem, ...]


@attrs.frozen(kw_only=True)
class SourceOutcome:
    """One source's part of a `PollReport`."""

    name: str
    status: PollStatus
    url: str | None = None
    items: tuple[NewItem, ...] = ()
    seen: int = 0
    baseline: bool = False
    error_kind: str | None = None
    error: str | None = None
    extract_errors: int = 0
    due_at: datetime | None = None

    @property
    def new(self) -> int:
        return len(self.items)

    @property
    def events(self) -> int:
        return sum(len(i.events) for i in self.items)

    @property
    def alerts(self) -> tuple[Alert, ...]:
        return tuple(a for i in self.items for a in i.alerts)

    @property
    def ok(self) -> bool:
        return self.status in (PollStatus.UPDATED, PollStatus.NOT_MODIFIED)


@attrs.frozen(kw_only=True)
class PollReport:
    """What `Watcher.poll_once` did, source by source (sorted by name)."""

    started_at: datetime
    finished_at: datetime
    outcomes: tuple[SourceOutcome, ...]
    delivery: DeliveryReport = DeliveryReport()

    def __getitem__(self, name: str) -> SourceOutcome:
        for outcome in self.outcomes:
            if outcome.name == name:
                return outcome
        raise KeyError(name)

    @property
    def new_items(self) -> tuple[NewItem, ...]:
        return tuple(i for o in self.outcomes for i in o.items)

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for i in self.new_items for c in i.changes)

    @property
    def alerts(self) -> tuple[Alert, ...]:
        return tuple(a for o in self.outcomes for a in o.alerts)

    @property
    def errors(self) -> tuple[SourceOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status in (PollStatus.FAILED, PollStatus.DISABLED))


def default_cpu_processes() -> int:
    """Worker processes for parsing and extraction when the watcher is not told: one per core this process
    may use, at most 4; none on a single core, or where worker pipes cannot be polled (Windows)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cores = os.cpu_count() or 1
    return 0 if os.name == "nt" or cores < 2 else min(cores, 4)


def _now() -> datetime:
    return datetime.now(UTC)


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Watcher:
    """Watches `sources`, keeping their schedule and state in `store`.

    - `sources`: the sources to watch. They are added to the store or update it; stored sources not listed
      are set ``enabled=False`` (kept with their history). None watches what the store already holds.
    - `store`: a file path (SQLite; ``"tradewatch.sqlite"`` by default), ``":memory:"``, a PostgreSQL URL
      (``"postgresql://user@host/dbname"``, shared by several watcher processes), or a `Store`. A store
      passed as an object is not closed by the watcher.
    - `fetcher`: how to fetch (default: an `HttpFetcher`, closed with the watcher). `extractor`: how to read
      events from new items (default: the built-in `RuleBasedExtractor`).
    - `public_only`: the default fetcher connects to public addresses only and refuses ``file://`` URLs
      (for sources that untrusted people may add; see `HttpFetcher`).
    - `max_workers`: polls under way at once in this watcher (see also `set_fetch_limit`).
    - `poll_interval_tick`: how often the local timer looks for due sources (seconds or a timedelta).
    - `lease`: how long a claimed source stays ours; it must outlast a fetch at its timeouts plus parsing.
      After a crash, the sources the process held are polled again once their leases expire.
    - `owner`: this process's name in leases (default: host/pid/random), unique per running watcher.
    - `on_items`: called with an `ItemBatch` after each poll that stored new items, outside the store's
      transaction, in a pool thread. Exceptions from it are logged and ignored.
    - `cpu_processes`: worker processes that parse feeds and extract events, so that this CPU work uses
      more than one core (default: one per core, at most 4; 0 keeps it in the poll threads). The extractor
      is copied to them by pickling; one that cannot be copied keeps the work in threads.
    - `seed`: seeds the jitter of the schedule (for reproducible tests).
    - `rules`: rules to alert on, each a `tradewatch.Rule` (its alerts go to the ``"log"`` sink) or a
      pair (rule, sink names); more with `add_rule` and the `on` decorator.
    - `sinks`: where alerts go, by name, besides the built-in ``"log"`` sink (a `LogSink`). The watcher
      closes its sinks when it stops.
    - `deliver_interval`: how often the delivery tick looks at the outbox (a commit that wrote alerts also
      wakes it at once). `max_attempts`, `retry_delay`, `max_retry_delay`: a failed delivery is tried again
      after `retry_delay`, doubling up to `max_retry_delay`, and parked after `max_attempts` failures.
      `delivery_lease`: how long a claimed outbox row stays this process's; after a crash its rows are
      delivered again (same alert ids) once it ends. It must outlast the slowest sink's timeout.

    `start()` polls in the background; `run()` blocks until SIGINT/SIGTERM or `stop()`; `poll_once()` polls
    every enabled source now and delivers what it alerted on. `scheduler` is the APScheduler
    `BackgroundScheduler`: add your own jobs to it.
    """

    def __init__(
        self,
        sources: Iterable[Source] | None = None,
        *,
        store: str | os.PathLike[str] | Store = "tradewatch.sqlite",
        fetcher: Fetcher | None = None,
        public_only: bool = False,
        extractor: Extractor | None = None,
        max_workers: int = 8,
        poll_interval_tick: float | timedelta = 1.0,
        lease: timedelta = timedelta(minutes=5),
        owner: str | None = None,
        on_items: Callable[[ItemBatch], None] | None = None,
        cpu_processes: int | None = None,
        seed: int | None = None,
        rules: Iterable[Rule | tuple[Rule, Sequence[str]]] = (),
        sinks: Iterable[Sink] = (),
        deliver_interval: float | timedelta = 1.0,
        max_attempts: int = 8,
        retry_delay: timedelta = timedelta(seconds=2),
        max_retry_delay: timedelta = timedelta(hours=1),
        delivery_lease: timedelta = timedelta(minutes=2),
    ) -> None:
        if max_workers < 1:
            raise ValueError(f"max_workers must be >= 1, not {max_workers}")
        if _seconds(poll_interval_tick) <= 0:
            raise ValueError(f"poll_interval_tick must be > 0, not {poll_interval_tick}")
        if lease <= timedelta(0):
            raise ValueError(f"lease must be positive, not {lease}")
        if cpu_processes is not None and cpu_processes < 0:
            raise ValueError(f"cpu_processes must be >= 0, not {cpu_processes}")
        if _seconds(deliver_interval) <= 0:
            raise ValueError(f"deliver_interval must be > 0, not {deliver_interval}")
        if public_only and fetcher is not None:
            raise ValueError("public_only applies to the default fetcher; give HttpFetcher(public_only=True)")
        self._store = open_store(store)
        self._owns_store = not isinstance(store, Store)
        try:
            if sources is not None:
                self._sync(list(sources))
            self._fetcher: Fetcher = fetcher if fetcher is not None else HttpFetcher(public_only=public_only)
        except BaseException:
            if self._owns_store:
                self._store.close()
            raise
        self._owns_fetcher = fetcher is None
        self._extractor: Extractor = extractor if extractor is not None else RuleBasedExtractor()
        self._max_workers = max_workers
        self._tick_seconds = _seconds(poll_interval_tick)
        self._lease = lease
        self._on_items = on_items
        self._cpu_processes = default_cpu_processes() if cpu_processes is None else cpu_processes
        self._workers: WorkerPool | None = None
        self._rng = random.Random(seed)
        self.owner = owner or f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"
        self._rules: dict[str, tuple[Rule, tuple[str, ...]]] = {}
        self._outbox = Outbox(
            self._store,
            {"log": LogSink()},
            owner=self.owner,
            max_attempts=max_attempts,
            base_delay=retry_delay,
            max_delay=max_retry_delay,
            lease=delivery_lease,
            seed=seed,
        )
        self._deliver_seconds = _seconds(deliver_interval)
        self._deliver_again = threading.Event()
        self._delivering = threading.Event()
        self._unsubscribe: Callable[[], None] | None = None
        #: The local timer. Add your own jobs; it starts with `start()` and stops with `stop()`.
        self.scheduler = BackgroundScheduler(timezone=UTC)
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()  # guards the fields below
        self._refill_lock = threading.Lock()  # one claimer at a time; held by stop() to end claiming
        self._queued: dict[str, Claim] = {}  # claimed, submitted, not started
        self._running = 0  # submitted polls not finished
        self._more_due = False
        self._started = False
        self._closed = False
        self._stopping = threading.Event()
        try:
            for sink in sinks:
                self.add_sink(sink)
            for spec in rules:
                rule, names = spec if isinstance(spec, tuple) else (spec, ("log",))
                self.add_rule(rule, sinks=names)
        except BaseException:  # a repeated rule name: close what this constructor opened
            if self._owns_fetcher:
                self._fetcher.close()
            if self._owns_store:
                self._store.close()
            raise
        # Started now, so that they import while the caller goes on to start() or poll_once().
        self._start_workers()

    def __repr__(self) -> str:
        return f"Watcher(store={self._store!r}, owner={self.owner!r})"

    def __enter__(self) -> Watcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- reading -------------------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self._store

    def sources(self) -> list[SourceStatus]:
        """Every stored source with its current URL and health, by name."""
        return self._store.sources()

    def health(self, name: str) -> SourceHealth:
        """One source's health; raises `tradewatch.store.UnknownSourceError`."""
        return self._store.health(name)

    # -- rules and sinks ------------------------------------------------------------------------------------

    @property
    def rules(self) -> dict[str, tuple[Rule, tuple[str, ...]]]:
        """The rules by name, each with the names of the sinks it alerts."""
        with self._lock:
            return dict(self._rules)

    @property
    def sinks(self) -> dict[str, Sink]:
        return dict(self._outbox.sinks)

    def add_sink(self, sink: Sink) -> None:
        """Add a sink (or replace the one of the same name)."""
        self._outbox.add_sink(sink)

    def add_rule(self, rule: Rule, *, sinks: Sequence[str] = ("log",)) -> None:
        """Alert `sinks` (names) when `rule` matches. Rule names are unique within a watcher."""
        names = tuple(dict.fromkeys(sinks))
        if not names:
            raise ValueError(f"rule {rule.name!r} needs at least one sink")
        with self._lock:
            if rule.name in self._rules:
                raise ValueError(f"a rule named {rule.name!r} is already registered")
            self._rules[rule.name] = (rule, names)

    def on(
        self,
        rule: Rule,
        *,
        sinks: Sequence[str] = (),
        timeout: float = 30.0,
        digest: bool = False,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator: call the function (sync or async) with each `Alert` of `rule` (a list of them per
        delivery round when `digest`), besides the named `sinks`. The call is isolated: an exception or a
        hang past `timeout` seconds is a failed delivery, retried like any other, and touches neither the
        other callbacks nor the watcher.

            @watcher.on(changed(Tariff, "rate", min_delta=10))
            def tell_me(alert): ...
        """

        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            qualname = getattr(fn, "__qualname__", type(fn).__name__)
            sink = CallableSink(fn, name=f"callback:{rule.name}:{qualname}", timeout=timeout, digest=digest)
            self.add_sink(sink)
            self.add_rule(rule, sinks=(sink.name, *sinks))
            return fn

        return register

    def deliver(self) -> DeliveryReport:
        """Deliver every alert in the outbox that is due now (what the delivery tick does)."""
        self._check_open()
        return self._outbox.deliver_due()

    # -- running -------------------------------------------------------------------------------------------

    def poll_once(self) -> PollReport:
        """Poll every enabled source now, due or not, and wait for all of them.

        Sources whose lease another poll holds are reported `PollStatus.SKIPPED`. Their schedule is updated
        as after any poll.
        """
        self._check_open()
        self._start_workers()
        started = _now()
        names = [
            s.source.name
            for s in self._store.sources()
            if s.source.enabled and s.health.disabled_reason is None
        ]
        # Claimed in a moving window rather than all at once: a claim waiting behind thousands of others
        # could see its lease expire before its turn.
        waiting = collections.deque(names)
        running: dict[Future[SourceOutcome], str] = {}
        # Finished polls arrive in a queue: `concurrent.futures.wait` on every running poll, each time one
        # ends, costs time in proportion to the number running, with the interpreter lock held.
        finished: queue.SimpleQueue[Future[SourceOutcome]] = queue.SimpleQueue()
        outcomes: list[SourceOutcome] = []
        while waiting or running:
            room = 3 * self._max_workers - len(running)
            # Claim by the batch (a transaction each), once a worker's worth of room is free or none is busy.
            if waiting and (room >= self._max_workers or not running):
                batch = [waiting.popleft() for _ in range(min(room, len(waiting)))]
                claims = self._store.claim(batch, self.owner, self._lease)
                claimed = {c.source.name for c in claims}
                outcomes += [
                    SourceOutcome(name=n, status=PollStatus.SKIPPED) for n in batch if n not in claimed
                ]
                for claim in claims:
                    future = self._submit(claim)
                    running[future] = claim.source.name
                    future.add_done_callback(finished.put)
                if not running:
                    continue
            done = [finished.get()]
            while not finished.empty():
                done.append(finished.get())
            for future in done:
                name = running.pop(future)
                try:
                    outcomes.append(future.result())
                except CancelledError:  # stop() was called meanwhile; the lease was given back
                    outcomes.append(SourceOutcome(name=name, status=PollStatus.SKIPPED))
        outcomes.sort(key=lambda o: o.name)
        delivery = self._outbox.deliver_due()
        return PollReport(started_at=started, finished_at=_now(), outcomes=tuple(outcomes), delivery=delivery)

    def start(self) -> None:
        """Start polling in the background and return. A watcher starts once."""
        with self._lock:
            self._check_open()
            if self._started:
                raise RuntimeError("the watcher is already started")
            self._started = True
        self._start_workers()
        _quiet_skipped_ticks()
        self.scheduler.add_job(
            self._tick,
            IntervalTrigger(seconds=self._tick_seconds, timezone=UTC),
            id="tradewatch.poll",
            name="tradewatch poll tick",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=_now(),
        )
        self.scheduler.add_job(
            self._deliver_tick,
            IntervalTrigger(seconds=self._deliver_seconds, timezone=UTC),
            id="tradewatch.deliver",
            name="tradewatch delivery tick",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=_now(),
        )
        # Alerts written by other processes sharing the store (or replayed) wake delivery too.
        self._unsubscribe = self._store.on_outbox(self._wake_delivery)
        self.scheduler.add_job(
            self._prune,
            IntervalTrigger(hours=6, timezone=UTC),
            id="tradewatch.prune",
            name="tradewatch store pruning",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        self.scheduler.start()

    def run(self) -> None:
        """Start, and block until `stop()` is called or the process receives SIGINT or SIGTERM; then stop
        cleanly: polls under way finish and commit, claimed polls not begun are given back."""
        installed: dict[signal.Signals, Any] = {}
        if threading.current_thread() is threading.main_thread():

            def request_stop(signum: int, frame: FrameType | None) -> None:
                log.info("received signal %d, stopping", signum)
                self._stopping.set()  # only set a flag: the real work happens outside the handler

            for sig in (signal.SIGINT, signal.SIGTERM):
                installed[sig] = signal.signal(sig, request_stop)
        try:
            self.start()
            while not self._stopping.wait(0.5):
                pass
        finally:
            for sig, previous in installed.items():
                signal.signal(sig, previous)
            self.stop()

    def stop(self) -> None:
        """Stop the timer, let polls under way finish and commit, give back claims not begun, and close what
        the watcher opened. Safe to call more than once and from any thread."""
        self._stopping.set()
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if self._unsubscribe is not None:
            self._unsubscribe()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        with self._refill_lock:  # a claim in progress ends first; later ones see _stopping and do nothing
            pool = self._pool
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._close_workers()
        with self._lock:
            unstarted = list(self._queued.values())
            self._queued.clear()
        try:
            if unstarted:
                self._store.release(unstarted)
        except Exception:
            log.exception("could not give back %d leases (they expire by themselves)", len(unstarted))
        finally:
            for sink in self._outbox.sinks.values():
                try:
                    sink.close()
                except Exception:
                    log.exception("closing sink %r failed", sink.name)
            if self._owns_fetcher:
                self._fetcher.close()
            if self._owns_store:
                self._store.close()

    close = stop

    # -- the tick -----------------------------------------------------------------------------------------

    def _tick(self) -> None:
        self._refill()

    def _refill(self) -> None:
        """Claim due sources for free workers. Never raises: the timer calls it again soon."""
        with self._refill_lock:
            if self._stopping.is_set():
                return
            try:
                with self._lock:
                    free = self._max_workers - self._running
                if free <= 0:
                    return
                claims = self._store.claim_due(self.owner, free, self._lease)
                self._more_due = len(claims) == free
                for claim in claims:
                    self._submit(claim)
            except Exception:
                log.exception("claiming due sources failed; trying again at the next tick")

    def _deliver_tick(self) -> None:
        """Deliver until nothing is due; again at once if a commit wrote alerts meanwhile. Never raises."""
        self._delivering.set()
        try:
            self._deliver_rounds()
        finally:
            self._delivering.clear()

    def _deliver_rounds(self) -> None:
        while not self._stopping.is_set():
            self._deliver_again.clear()
            try:
                self._outbox.deliver_due()
            except Exception:
                log.exception("the delivery tick failed; trying again at the next tick")
                return
            if not self._deliver_again.is_set():
                return

    def _wake_delivery(self) -> None:
        self._deliver_again.set()
        # A tick under way sees the flag and goes round again; waking the job then would only make
        # APScheduler skip the run and say so in the log.
        if self._started and not self._stopping.is_set() and not self._delivering.is_set():
            try:
                self.scheduler.modify_job("tradewatch.deliver", next_run_time=_now())
            except Exception:  # stopping, or the job is gone: the next tick delivers
                log.debug("could not wake the delivery tick", exc_info=True)

    def _prune(self) -> None:
        try:
            removed = self._store.prune()
            log.debug("pruned %d old rows (story keys, items, delivered alerts)", removed)
        except Exception:
            log.exception("pruning the store failed")

    def _submit(self, claim: Claim) -> Future[SourceOutcome]:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._max_workers, thread_name_prefix="tradewatch-poll")
            self._queued[claim.source.name] = claim
            self._running += 1
            pool = self._pool
        try:
            return pool.submit(self._run, claim)
        except RuntimeError:  # the pool is shut down: give the lease back at once
            with self._lock:
                self._queued.pop(claim.source.name, None)
                self._running -= 1
            self._store.release([claim])
            raise

    def _run(self, claim: Claim) -> SourceOutcome:
        with self._lock:
            self._queued.pop(claim.source.name, None)
        try:
            return self._poll(claim)
        finally:
            with self._lock:
                self._running -= 1
                free = self._max_workers - self._running
            # Claim replacements now rather than at the next tick, but in batches, not one by one.
            if self._started and self._more_due and free >= max(1, self._max_workers // 8):
                self._refill()

    # -- one poll -------------------------------------------------------------------------------------------

    def _poll(self, claim: Claim) -> SourceOutcome:
        name = claim.source.name
        polled_at = _now()
        jitter = self._rng.random()
        extract_errors = 0
        try:
            result, extract_errors = self._attempt(claim, polled_at, jitter)
        except Exception as exc:  # a bug in the fetcher, parser or store: this source's failure only
            log.exception("polling %s failed unexpectedly", name)
            result = _poll.failed(claim, _poll.failure_of(exc), polled_at=polled_at, jitter=jitter)
        try:
            committed = self._store.commit_poll(
                self.owner, result, react=lambda fresh, load: self._react(fresh, load, claim.source)
            )
        except Exception as exc:
            # The lease stays until it expires; then any process polls the source again.
            log.exception("storing the poll of %s failed", name)
            return SourceOutcome(name=name, status=PollStatus.FAILED, error_kind="store", error=str(exc))
        if committed is None:
            log.warning("lost the lease of %s before committing; its results were dropped", name)
            return SourceOutcome(name=name, status=PollStatus.LOST_LEASE)
        reaction = committed.reaction or Reaction()
        changes: dict[str | None, list[Change]] = {}
        for change in reaction.changes:
            changes.setdefault(change.event.evidence.item_id, []).append(change)
        alerts: dict[str, list[Alert]] = {}
        for out in reaction.outgoing:
            alerts.setdefault(out.alert.item.id, []).append(out.alert)
        items = tuple(
            NewItem(
                item=r.item,
                events=r.events,
                story_key=committed.stories[r.item.id].key,
                baseline=r.baseline,
                first_of_story=committed.stories[r.item.id].first,
                story_sources=committed.stories[r.item.id].sources,
                changes=tuple(changes.get(r.item.id, ())),
                alerts=tuple(alerts.get(r.item.id, ())),
            )
            for r in result.new_items
            if r.item.id in committed.stories
        )
        if reaction.outgoing:
            self._wake_delivery()
        if items and self._on_items is not None:
            try:
                self._on_items(ItemBatch(source=name, polled_at=polled_at, items=items))
            except Exception:
                log.exception("the on_items callback failed for %s", name)
        return _outcome(claim, result, items, extract_errors)

    def _react(self, fresh: Sequence[Fresh], load: StateLoader, source: Source) -> Reaction:
        """The ledger and the rules over the items a poll stored as new (inside the store's transaction).

        Items are applied in published order, so that a feed listing its newest item first does not make
        the ledger see yesterday's value as the latest. A baseline item and a repeat of a story already seen
        on another source update the ledger (corroboration) but alert nobody.
        """
        keys = {measure_key(e) for f in fresh for e in f.record.events}
        ledger = Ledger(load(keys) if keys else {})
        with self._lock:
            specs = list(self._rules.values())
        rule_list = [rule for rule, _ in specs]
        sinks_of = {rule.name: sinks for rule, sinks in specs}
        now = _now()
        all_changes: list[Change] = []
        outgoing: list[Outgoing] = []
        for _, f in sorted(enumerate(fresh), key=lambda pair: (pair[1].record.item.published, pair[0])):
            changes = ledger.apply(f.record.events)
            all_changes += changes
            if f.record.baseline or not f.story.first or not specs:
                continue
            produced = Produced(
                item=f.record.item, events=f.record.events, changes=tuple(changes), tags=source.tags
            )
            outgoing += [
                Outgoing(alert=a, sinks=sinks_of[a.rule]) for a in evaluate(rule_list, produced, now=now)
            ]
        return Reaction(
            states=tuple(ledger.dirty().values()), changes=tuple(all_changes), outgoing=tuple(outgoing)
        )

    def _attempt(self, claim: Claim, polled_at: datetime, jitter: float) -> tuple[PollResult, int]:
        """Fetch, parse, pick the new items and extract their events; feed problems become a failed result."""
        try:
            with _FETCH_GATE.slot():
                fetched = self._fetcher.fetch(claim.url, claim.validators)
        except FetchError as exc:
            return _poll.failed(claim, _poll.failure_of(exc), polled_at=polled_at, jitter=jitter), 0
        if fetched.not_modified or fetched.body is None:
            return _poll.unchanged(claim, fetched, polled_at=polled_at, jitter=jitter), 0
        job = Job(
            source=claim.source.name,
            url=fetched.url,
            headers=dict(fetched.headers),
            body=fetched.body,
            fetched_at=polled_at,
            seen=self._store.seen_ids(claim.source.name),
            baseline=_poll.is_baseline(claim),
        )
        try:
            found = self._digest(job)
        except (ParseError, WorkerError) as exc:
            # Validators are not kept: the next poll fetches the body in full and judges it again.
            failure = _poll.failure_of(exc)
            result = _poll.failed(
                claim, failure, polled_at=polled_at, jitter=jitter, url=fetched.permanent_redirect
            )
            return result, 0
        for message in found.extract_errors:
            log.error("extracting events from an item of %s failed: %s", claim.source.name, message)
        return _poll.parsed(claim, fetched, found, polled_at=polled_at, jitter=jitter), len(
            found.extract_errors
        )

    def _digest(self, job: Job) -> Digest:
        """Parse and extract in a worker process when there are workers, else in this thread."""
        workers = self._workers
        if workers is not None:
            try:
                return workers.run(job)
            except WorkerStartError as exc:
                log.warning("worker processes cannot run (%s); parsing in threads instead", exc)
                self._close_workers()
        return digest(job, self._extractor)

    def _start_workers(self) -> None:
        with self._lock:
            if self._cpu_processes == 0 or self._workers is not None or self._closed:
                return
            try:
                self._workers = WorkerPool(self._cpu_processes, self._extractor)
            except WorkerStartError as exc:
                log.info("parsing in threads: %s", exc)
            self._cpu_processes = 0 if self._workers is None else self._cpu_processes

    def _close_workers(self) -> None:
        with self._lock:
            workers, self._workers = self._workers, None
            self._cpu_processes = 0
        if workers is not None:
            workers.close()

    # -- helpers -------------------------------------------------------------------------------------------

    def _sync(self, sources: list[Source]) -> None:
        names = [s.name for s in sources]
        if len(set(names)) != len(names):
            duplicates = sorted({n for n in names if names.count(n) > 1})
            raise ValueError(f"source names must be unique; repeated: {', '.join(duplicates)}")
        self._store.upsert_sources(sources)
        keep = set(names)
        retired = [
            attrs.evolve(s.source, enabled=False)
            for s in self._store.sources()
            if s.source.name not in keep and s.source.enabled
        ]
        if retired:
            self._store.upsert_sources(retired)

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the watcher is stopped; create a new one")


def _outcome(
    claim: Claim, result: PollResult, items: tuple[NewItem, ...], extract_errors: int
) -> SourceOutcome:
    if result.disable is not None:
        status = PollStatus.DISABLED
    elif not result.ok:
        status = PollStatus.FAILED
    elif result.present_ids is None:
        status = PollStatus.NOT_MODIFIED
    else:
        status = PollStatus.UPDATED
    seen = 0 if result.present_ids is None else len(result.present_ids) - len(items)
    return SourceOutcome(
        name=claim.source.name,
        status=status,
        url=result.url or claim.url,
        items=items,
        seen=seen,
        baseline=status is PollStatus.UPDATED and _poll.is_baseline(claim),
        error_kind=result.error_kind,
        error=result.error,
        extract_errors=extract_errors,
        due_at=None if result.disable is not None else result.due_at,
    )
