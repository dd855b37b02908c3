"""`Watcher`: polls many feeds on a schedule kept in the store, and hands on what is new.

The schedule lives in the store: every source row holds its ``due_at``, its lease, its validators and its
health. APScheduler's `BackgroundScheduler` is only this process's local timer, with one poll tick job that
claims due sources (with a lease) and hands them to a bounded thread pool. So a restart resumes the schedule
where it stopped, several processes can share one store, and no source is polled by two of them at once.

One poll of one source: fetch (conditional GET) -> parse -> drop ids already seen -> extract events from the
new items -> commit everything in one transaction, only while the lease is still ours. Whatever goes wrong
with one source is recorded as that source's failure and backs it off; it never reaches another source or
the tick.
"""

from __future__ import annotations

import collections
import concurrent.futures
import enum
import logging
import os
import random
import signal
import socket
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
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
from .extract import Extractor, RuleBasedExtractor
from .feeds import (
    Fetcher,
    FetchError,
    HttpFetcher,
    ParseError,
    Source,
    SourceHealth,
)
from .model import Event, Item
from .store import Claim, PollResult, SourceStatus, Store, open_store

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
    def ok(self) -> bool:
        return self.status in (PollStatus.UPDATED, PollStatus.NOT_MODIFIED)


@attrs.frozen(kw_only=True)
class PollReport:
    """What `Watcher.poll_once` did, source by source (sorted by name)."""

    started_at: datetime
    finished_at: datetime
    outcomes: tuple[SourceOutcome, ...]

    def __getitem__(self, name: str) -> SourceOutcome:
        for outcome in self.outcomes:
            if outcome.name == name:
                return outcome
        raise KeyError(name)

    @property
    def new_items(self) -> tuple[NewItem, ...]:
        return tuple(i for o in self.outcomes for i in o.items)

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
    - `store`: a file path (SQLite; ``"tradewatch.sqlite"`` by default), ``":memory:"``, or a `Store`. A
      store passed as an object is not closed by the watcher.
    - `fetcher`: how to fetch (default: an `HttpFetcher`, closed with the watcher). `extractor`: how to read
      events from new items (default: the built-in `RuleBasedExtractor`).
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

    `start()` polls in the background; `run()` blocks until SIGINT/SIGTERM or `stop()`; `poll_once()` polls
    every enabled source now. `scheduler` is the APScheduler `BackgroundScheduler`: add your own jobs to it.
    """

    def __init__(
        self,
        sources: Iterable[Source] | None = None,
        *,
        store: str | os.PathLike[str] | Store = "tradewatch.sqlite",
        fetcher: Fetcher | None = None,
        extractor: Extractor | None = None,
        max_workers: int = 8,
        poll_interval_tick: float | timedelta = 1.0,
        lease: timedelta = timedelta(minutes=5),
        owner: str | None = None,
        on_items: Callable[[ItemBatch], None] | None = None,
        cpu_processes: int | None = None,
        seed: int | None = None,
    ) -> None:
        if max_workers < 1:
            raise ValueError(f"max_workers must be >= 1, not {max_workers}")
        if _seconds(poll_interval_tick) <= 0:
            raise ValueError(f"poll_interval_tick must be > 0, not {poll_interval_tick}")
        if lease <= timedelta(0):
            raise ValueError(f"lease must be positive, not {lease}")
        if cpu_processes is not None and cpu_processes < 0:
            raise ValueError(f"cpu_processes must be >= 0, not {cpu_processes}")
        self._store = open_store(store)
        self._owns_store = not isinstance(store, Store)
        try:
            if sources is not None:
                self._sync(list(sources))
            self._fetcher: Fetcher = fetcher if fetcher is not None else HttpFetcher()
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
                running.update((self._submit(c), c.source.name) for c in claims)
                if not running:
                    continue
            done, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
            for future in done:
                name = running.pop(future)
                try:
                    outcomes.append(future.result())
                except CancelledError:  # stop() was called meanwhile; the lease was given back
                    outcomes.append(SourceOutcome(name=name, status=PollStatus.SKIPPED))
        outcomes.sort(key=lambda o: o.name)
        return PollReport(started_at=started, finished_at=_now(), outcomes=tuple(outcomes))

    def start(self) -> None:
        """Start polling in the background and return. A watcher starts once."""
        with self._lock:
            self._check_open()
            if self._started:
                raise RuntimeError("the watcher is already started")
            self._started = True
        self._start_workers()
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

    def _prune(self) -> None:
        try:
            removed = self._store.prune()
            log.debug("pruned %d old story keys", removed)
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
            committed = self._store.commit_poll(self.owner, result)
        except Exception as exc:
            # The lease stays until it expires; then any process polls the source again.
            log.exception("storing the poll of %s failed", name)
            return SourceOutcome(name=name, status=PollStatus.FAILED, error_kind="store", error=str(exc))
        if committed is None:
            log.warning("lost the lease of %s before committing; its results were dropped", name)
            return SourceOutcome(name=name, status=PollStatus.LOST_LEASE)
        items = tuple(
            NewItem(
                item=r.item,
                events=r.events,
                story_key=committed.stories[r.item.id].key,
                baseline=r.baseline,
                first_of_story=committed.stories[r.item.id].first,
                story_sources=committed.stories[r.item.id].sources,
            )
            for r in result.new_items
            if r.item.id in committed.stories
        )
        if items and self._on_items is not None:
            try:
                self._on_items(ItemBatch(source=name, polled_at=polled_at, items=items))
            except Exception:
                log.exception("the on_items callback failed for %s", name)
        return _outcome(claim, result, items, extract_errors)

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
