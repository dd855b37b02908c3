"""The `Store` protocol: what the watcher needs from a database, and the records that cross it.

Written for more than one backend. SQLite is the embedded default; a PostgreSQL store shared by several
watcher processes on several machines implements the same protocol. So nothing here depends on SQLite:

- Work is handed out by explicit leases. `Store.claim_due` and `Store.claim` give a process a source until
  ``lease_until`` and bump the source's lease epoch; `Store.commit_poll` writes a poll's results only while
  that very lease (owner and epoch) is still held and unexpired, all in one transaction. A process whose
  lease was taken over cannot overwrite the newer poll: its commit returns ``None`` and writes nothing.
- Times are aware datetimes. Each method that depends on "now" takes ``now=``; when it is omitted the store
  uses its database's clock, so that leases held by processes on different machines are judged by one clock.
- Rows are identified by their natural keys (source name, item id, story key), never by storage details.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol, TypeAlias, runtime_checkable

import attrs

from tradewatch.feeds import Source, SourceHealth, Validators
from tradewatch.model import Alert, Change, Event, Item, MeasureState

__all__ = [
    "Claim",
    "Committed",
    "Delivery",
    "DeliveryStatus",
    "Fresh",
    "ItemRecord",
    "OutboxEntry",
    "Outgoing",
    "PollResult",
    "React",
    "Reaction",
    "SchemaVersionError",
    "SourceStatus",
    "StateLoader",
    "Store",
    "StoreError",
    "StoredItem",
    "Story",
    "UnknownSourceError",
]


class StoreError(Exception):
    """The store could not do what was asked (the database is unreadable, locked for too long, ...)."""


class SchemaVersionError(StoreError):
    """The database was written by a newer tradewatch whose schema this version does not know."""


class UnknownSourceError(StoreError, KeyError):
    """No source of that name is stored."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name

    def __str__(self) -> str:
        return f"no source named {self.name!r} in the store"


@attrs.frozen(kw_only=True)
class SourceStatus:
    """A stored source as configured, the `url` it is fetched from now (which differs from
    ``source.url`` after a permanent redirect), and its health."""

    source: Source
    url: str
    health: SourceHealth


@attrs.frozen(kw_only=True)
class Claim:
    """A source this process may poll until `lease_until`.

    `url` is where to fetch it now (``source.url``, or where a permanent redirect led). `epoch` identifies
    this lease: each claim of a source increases it, and `Store.commit_poll` accepts only results carrying
    the current epoch. `baselined` is False until the source's first successful parse.
    """

    source: Source
    url: str
    owner: str
    epoch: int
    lease_until: datetime
    validators: Validators
    failures: int
    baselined: bool
    ttl: timedelta | None


@attrs.frozen(kw_only=True)
class ItemRecord:
    """An item to store as new, with the keys of its story and the events read from it.

    `story_keys` are every key under which another source's copy of the story may be recognised (canonical
    link, normalised title), the item's own story key first; an item joins the story of the first key the
    store already knows, else starts a story under its first key. `baseline` marks items of a source's first
    successful poll: stored and extracted, but not news.
    """

    item: Item
    story_keys: tuple[str, ...] = attrs.field(validator=attrs.validators.min_len(1))
    events: tuple[Event, ...] = ()
    baseline: bool = False


@attrs.frozen(kw_only=True)
class PollResult:
    """Everything one poll of one source changes, committed at once by `Store.commit_poll`.

    - `present_ids`: the ids of every item in the feed just parsed (they are marked seen and kept from
      pruning), or None when no body was parsed (304, identical body, failure).
    - `new_items`: the items of `present_ids` not seen before, to store.
    - `validators`: the refreshed HTTP validators, or None to keep the stored ones.
    - `url`: the new URL after a permanent redirect, or None.
    - `error_kind` / `error`: set when the poll failed; the failure count then grows, else it is reset.
    - `disable`: a reason to stop polling the source (e.g. "gone (HTTP 410)"), or None.
    - `due_at`: when to poll next.
    """

    name: str
    epoch: int
    polled_at: datetime
    due_at: datetime
    present_ids: tuple[str, ...] | None = None
    new_items: tuple[ItemRecord, ...] = ()
    validators: Validators | None = None
    url: str | None = None
    ttl: timedelta | None = None
    error_kind: str | None = None
    error: str | None = None
    disable: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_kind is None


@attrs.frozen(kw_only=True)
class Story:
    """Where a new item stands in its story: `first` is True for the first item of the story the store has
    seen on any source (the one to alert on); `sources` counts the distinct sources that carried the story so
    far, this one included (corroboration)."""

    key: str
    first: bool
    sources: int


@attrs.frozen(kw_only=True)
class Fresh:
    """An item `Store.commit_poll` has just stored as new, with the story it joined."""

    record: ItemRecord
    story: Story


@attrs.frozen(kw_only=True)
class Outgoing:
    """An alert to put in the outbox, once for each of `sinks` (sink names)."""

    alert: Alert
    sinks: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Reaction:
    """What the ledger and the rules made of the fresh items of one poll, written in the poll's transaction:
    the measure `states` that changed (each with its new version), the `changes` for the history, and the
    alerts to deliver."""

    states: tuple[MeasureState, ...] = ()
    changes: tuple[Change, ...] = ()
    outgoing: tuple[Outgoing, ...] = ()


#: Reads the stored states of the given measure keys (unknown keys are left out).
StateLoader: TypeAlias = Callable[[Collection[str]], Mapping[str, MeasureState]]

#: Decides, inside `Store.commit_poll`'s transaction, what the fresh items change and whom to tell. It must be
#: pure apart from calling the loader: the store may call it again if the transaction is retried.
React: TypeAlias = Callable[[Sequence[Fresh], StateLoader], Reaction]


@attrs.frozen(kw_only=True)
class Committed:
    """What `Store.commit_poll` stored: the story of each item stored as new, by item id, in feed order, and
    the `reaction` written with them (None when no `react` was given or nothing was new).

    An item the watcher thought new but the store had already seen is left out (and is not stored twice).
    """

    stories: Mapping[str, Story]
    reaction: Reaction | None = None


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its first or next attempt
    DELIVERED = "delivered"
    PARKED = "parked"  # given up after too many failures, until replayed


@attrs.frozen(kw_only=True)
class Delivery:
    """An outbox row this process may deliver until its lease ends: one alert for one sink. `epoch`
    identifies the lease; `Store.finish_delivery` accepts only the current one."""

    alert: Alert
    sink: str
    attempts: int
    epoch: int
    created_at: datetime
    last_error: str | None = None


@attrs.frozen(kw_only=True)
class OutboxEntry:
    """An outbox row as `Store.outbox` lists it."""

    alert: Alert
    sink: str
    status: DeliveryStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    parked_at: datetime | None
    last_error: str | None


@attrs.frozen(kw_only=True)
class StoredItem:
    """An item as kept in the store, with its events."""

    item: Item
    events: tuple[Event, ...]
    story_key: str
    baseline: bool
    first_of_story: bool
    stored_at: datetime


@runtime_checkable
class Store(Protocol):
    """Sources with their schedule, leases, validators and health; seen ids; items, events and stories.

    Implementations are safe to share between the threads of one process, and between processes when the
    backend allows it. Every method either completes or leaves the store as it was.
    """

    def upsert_sources(self, sources: Iterable[Source], *, now: datetime | None = None) -> None:
        """Add new sources (due at once) and update stored ones. A changed URL replaces the stored one (and
        forgets validators and a "gone" state); an unchanged one keeps the URL a permanent redirect set."""
        ...

    def remove_sources(self, names: Iterable[str]) -> int:
        """Delete sources with their seen ids, items and events; returns how many existed."""
        ...

    def sources(self) -> list[SourceStatus]:
        """Every stored source with its health, by name."""
        ...

    def health(self, name: str) -> SourceHealth:
        """One source's health; raises `UnknownSourceError`."""
        ...

    def claim_due(
        self, owner: str, limit: int, lease: timedelta, *, now: datetime | None = None
    ) -> list[Claim]:
        """Lease up to `limit` enabled sources that are due and not leased (or whose lease expired), the
        most overdue first. Concurrent callers never receive the same source."""
        ...

    def claim(
        self, names: Iterable[str], owner: str, lease: timedelta, *, now: datetime | None = None
    ) -> list[Claim]:
        """Lease the named enabled sources whether due or not, skipping those another lease holds."""
        ...

    def release(self, claims: Iterable[Claim]) -> None:
        """Give leases back unused (the sources stay due as they were)."""
        ...

    def seen_ids(self, name: str) -> frozenset[str]:
        """The ids the source has seen and not yet forgotten (bounded by the store's retention)."""
        ...

    def commit_poll(
        self, owner: str, result: PollResult, *, react: React | None = None, now: datetime | None = None
    ) -> Committed | None:
        """In one transaction: check that `owner` still holds the lease of `result.epoch` (else return None
        and write nothing), mark items seen, store new items with their events and stories, update the
        source's validators, health, URL, schedule and disabled state, prune old seen ids, release the lease.

        When `react` is given and items were stored as new, it is called with them and a `StateLoader`
        inside the same transaction, and its `Reaction` is written there too: measure states, the history
        of changes, and one outbox row per alert and sink (an alert id already in the outbox for that sink
        is not added again). A state is written only if the stored one still has the version the loader
        returned (or is still absent): the states the loader returns cannot change before the commit, or
        the transaction fails with `StoreError`.
        """
        ...

    def measures(self, *, type: str | None = None) -> list[MeasureState]:
        """The ledger's current state of every measure (of one event type), by key."""
        ...

    def history(self, key: str | None = None, *, limit: int = 1000) -> list[Change]:
        """Changes recorded by the ledger (of one measure), oldest first, at most `limit` of the newest."""
        ...

    def claim_deliveries(
        self, owner: str, limit: int, lease: timedelta, *, now: datetime | None = None
    ) -> list[Delivery]:
        """Lease up to `limit` pending outbox rows whose next attempt is due, oldest first. Concurrent callers
        never receive the same row."""
        ...

    def finish_delivery(
        self,
        owner: str,
        delivery: Delivery,
        *,
        error: str | None = None,
        retry_in: timedelta | None = None,
        now: datetime | None = None,
    ) -> bool:
        """Record an attempt: delivered when `error` is None; else failed, to be tried again `retry_in` from
        now by the store's clock, or parked when `retry_in` is None. Returns False (writing nothing) when
        the lease was lost."""
        ...

    def outbox(self, *, status: DeliveryStatus | None = None, limit: int = 100) -> list[OutboxEntry]:
        """Outbox rows (of one status), newest first."""
        ...

    def replay(self, alert_ids: Iterable[str] | None = None, *, now: datetime | None = None) -> int:
        """Make parked rows (all, or those of the given alert ids) pending again with a fresh count of
        attempts; returns how many."""
        ...

    def items(self, source: str | None = None, *, limit: int = 100) -> list[StoredItem]:
        """The most recently stored items (of one source, or of all), newest first."""
        ...

    def prune(self, *, now: datetime | None = None) -> int:
        """Forget story keys older than the retention period, and delete items (with their events) and
        delivered alerts older than theirs; returns how many rows were removed."""
        ...

    def on_outbox(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call `callback` (from any thread, without arguments) whenever alerts may have been written to the
        outbox or replayed, so that a deliverer need not wait for its next tick; returns a function that
        unsubscribes. A store shared by several processes reports the writes of all of them; a callback
        may also be called when nothing new is due. Exceptions it raises are logged, not propagated."""
        ...

    def close(self) -> None:
        """Release the connection(s). The store is unusable afterwards."""
        ...
