"""Evidence written once: the texts a store writes for a reaction refer to each evidence by id, and read back
as `serial.dumps` writes them; databases written before that (SQLite schema 3, PostgreSQL schema 1) migrate
and read the same facts as before.

What every store must do is in tests/test_store_contract.py.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stores import T0, at, item, parsed_result, record, src
from tradewatch import rules, serial, testing
from tradewatch.ledger import Ledger, measure_key
from tradewatch.model import Alert, Change, Event, MeasureState
from tradewatch.store import Fresh, Outgoing, Reaction, SqliteStore, StateLoader, Store
from tradewatch.store._common import Packing, encode_reaction, unpack
from tradewatch.store._sqlite import migrate

LEASE = timedelta(minutes=5)
RULES = [rules.everything(name="all"), rules.new(name="new")]


def _react(fresh: Sequence[Fresh], load: StateLoader) -> Reaction:
    """The ledger over the loaded states, then two rules, as the watcher's reaction does."""
    keys = {measure_key(e) for f in fresh for e in f.record.events}
    ledger = Ledger(load(keys) if keys else {})
    changes: list[Change] = []
    outgoing: list[Outgoing] = []
    for f in fresh:
        found = ledger.apply(f.record.events)
        changes += found
        produced = rules.Produced(item=f.record.item, events=f.record.events, changes=tuple(found))
        outgoing += [Outgoing(alert=a, sinks=("log",)) for a in rules.evaluate(RULES, produced, now=T0)]
    return Reaction(states=tuple(ledger.dirty().values()), changes=tuple(changes), outgoing=tuple(outgoing))


@st.composite
def _batches(draw: st.DrawFn) -> list[list[Event]]:
    """Polls of a few events each, drawn from a few measures reported again with other evidence, so that
    states are written again and evidence recurs."""
    measures = draw(st.lists(testing.events(), min_size=1, max_size=4))
    reports = st.tuples(st.sampled_from(measures), st.none() | testing.evidence())
    batches = draw(st.lists(st.lists(reports, min_size=1, max_size=4), min_size=1, max_size=6))
    return [
        [event if evidence is None else attrs.evolve(event, evidence=evidence) for event, evidence in batch]
        for batch in batches
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_batches())
def test_what_a_reaction_writes_reads_back_as_serial_writes_it(batches: list[list[Event]]) -> None:
    packing = Packing()
    ids = itertools.count(1)
    stored: dict[int, str] = {}
    states: dict[str, MeasureState] = {}
    for events in batches:
        ledger = Ledger(states)
        changes = ledger.apply(events)
        it = item("x")
        produced = rules.Produced(item=it, events=tuple(events), changes=tuple(changes))
        alerts = rules.evaluate(RULES, produced, now=T0)
        dirty = ledger.dirty()
        reaction = Reaction(
            states=tuple(dirty.values()),
            changes=tuple(changes),
            outgoing=tuple(Outgoing(alert=a, sinks=("log", "hook")) for a in alerts),
        )
        loaded = {key: (states[key].version if key in states else -1) for key in dirty}
        evidences = packing.batch(lambda n: [next(ids) for _ in range(n)], prefetch=len(stored) % 2 == 0)
        encoded = encode_reaction(reaction, loaded, evidences)
        evidences.done()
        stored.update(encoded.evidence)

        def fetch(wanted: Any) -> dict[int, str]:
            return {n: stored[n] for n in wanted if n in stored}

        texts = unpack([row[1] for row in encoded.inserts + encoded.updates], fetch)
        order = [s for s in reaction.states if loaded[s.key] < 0] + [
            s for s in reaction.states if loaded[s.key] >= 0
        ]
        assert texts == [serial.dumps(s) for s in order]
        assert unpack([row[2] for row in encoded.changes], fetch) == [serial.dumps(c) for c in changes]
        payloads = unpack([row[3] for row in encoded.outbox], fetch)
        assert payloads == [serial.dumps(a) for a in alerts for _ in ("log", "hook")]
        assert sum(len(t) for t in texts) >= sum(len(row[1]) for row in encoded.inserts + encoded.updates)
        states.update(dirty)


def _poll(store: Store, n: int, events: Sequence[Event]) -> Reaction:
    (claim,) = store.claim(["a"], "me", LEASE, now=at(n))
    rec = record(item(f"i{n}", "a", published=at(n)), events=tuple(events))
    committed = store.commit_poll("me", parsed_result(claim, [f"i{n}"], [rec], t=n), react=_react, now=at(n))
    assert committed is not None and committed.reaction is not None
    return committed.reaction


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_batches(), st.randoms(use_true_random=False))
def test_a_stored_ledger_reads_back_as_the_ledger_in_memory(batches: list[list[Event]], rng: Any) -> None:
    rng.shuffle(batches)
    mine = Ledger()
    expected_changes: list[Change] = []
    alerts: dict[str, Alert] = {}
    with SqliteStore(":memory:") as store:
        store.upsert_sources([src("a")], now=T0)
        for n, events in enumerate(batches):
            reaction = _poll(store, n, events)
            expected_changes += mine.apply(events)
            for out in reaction.outgoing:
                alerts.setdefault(out.alert.id, out.alert)
            # A new store object on the same database decodes what the first one wrote.
            if n % 2:
                store._states.clear()
        assert [serial.dumps(s) for s in store.measures()] == [
            serial.dumps(s) for _, s in sorted(mine.states().items())
        ]
        assert [serial.dumps(c) for c in store.history(limit=10_000)] == [
            serial.dumps(c) for c in expected_changes
        ]
        assert {e.alert.id: serial.dumps(e.alert) for e in store.outbox(limit=10_000)} == {
            k: serial.dumps(a) for k, a in alerts.items()
        }


# -- databases written before evidence was written once -------------------------------------------------------


def _old_rows() -> tuple[Ledger, list[Change], list[Alert]]:
    """A ledger, its changes and alerts as the previous version wrote them: every text whole."""
    ledger = Ledger()
    changes: list[Change] = []
    alerts: list[Alert] = []
    for n, rate in enumerate([10, 25, 25, 50]):
        event = _tariff(rate, hours=n, source=f"s{n % 2}")
        found = ledger.apply([event])
        changes += found
        produced = rules.Produced(item=item(f"o{n}"), events=(event,), changes=tuple(found))
        alerts += rules.evaluate(RULES, produced, now=T0)
    return ledger, changes, alerts


def _tariff(rate: int, *, hours: int, source: str) -> Event:
    from decimal import Decimal

    from tradewatch import Evidence, Tariff
    from tradewatch.model import Rate

    published = T0 + timedelta(hours=hours)
    sentence = f"The United States set its tariff on Chinese steel at {rate}%."
    evidence = Evidence(
        sentence=sentence,
        start=0,
        end=len(sentence),
        confidence=0.8,
        item_id=f"o{hours}",
        source=source,
        published=published,
    )
    return Tariff(imposer="US", target="CN", status="in_force", rate=Rate(Decimal(rate)), evidence=evidence)


def _check_read_back(store: Store, ledger: Ledger, changes: list[Change], alerts: list[Alert]) -> None:
    assert [serial.dumps(s) for s in store.measures()] == [
        serial.dumps(s) for _, s in sorted(ledger.states().items())
    ]
    assert [serial.dumps(c) for c in store.history()] == [serial.dumps(c) for c in changes]
    listed = {e.alert.id: serial.dumps(e.alert) for e in store.outbox(limit=1000)}
    assert listed == {a.id: serial.dumps(a) for a in alerts}
    # Reading and writing on: a new poll moves the migrated measure, its history and outbox grow.
    store.upsert_sources([src("a")], now=T0)
    event = _tariff(75, hours=10, source="s9")
    reaction = _poll(store, 100, [event])
    expected = ledger.apply([event])
    assert [serial.dumps(c) for c in reaction.changes] == [serial.dumps(c) for c in expected]
    assert [serial.dumps(s) for s in store.measures()] == [
        serial.dumps(s) for _, s in sorted(ledger.states().items())
    ]
    assert [serial.dumps(c) for c in store.history()] == [serial.dumps(c) for c in changes + expected]
    delivered = store.claim_deliveries("d", 1000, LEASE, now=at(200))
    assert {d.alert.id for d in delivered} == {a.id for a in alerts} | {o.alert.id for o in reaction.outgoing}


def test_a_sqlite_database_of_schema_3_migrates_and_reads_the_same_facts(tmp_path: Path) -> None:
    path = tmp_path / "v3.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=3) == 0
    ledger, changes, alerts = _old_rows()
    t = T0.timestamp()
    versions = {}
    for key, state in ledger.states().items():
        conn.execute(
            "INSERT INTO ledger (key, kind, state, version, corroborations, contradicted, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                state.type,
                serial.dumps(state),
                state.version,
                state.corroborations,
                state.contradicted,
                t,
            ),
        )
        versions[key] = state.version
    for c in changes:
        conn.execute(
            "INSERT INTO ledger_history (key, version, change, source, item_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (c.key, versions[c.key], serial.dumps(c), c.event.evidence.source, c.event.evidence.item_id, t),
        )
    for a in alerts:
        conn.execute(
            "INSERT INTO outbox (alert_id, sink, rule, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
            (a.id, "log", a.rule, serial.dumps(a), t, t),
        )
    conn.close()
    with SqliteStore(path) as store:
        _check_read_back(store, ledger, changes, alerts)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    assert conn.execute("SELECT count(*) FROM ledger_evidence").fetchone()[0] > 0
    conn.close()


@pytest.mark.postgres
def test_a_postgres_database_of_schema_1_migrates_and_reads_the_same_facts(empty_database: str) -> None:
    import psycopg

    from tradewatch.store import PostgresStore
    from tradewatch.store._pg_schema import MIGRATIONS

    ledger, changes, alerts = _old_rows()
    t = datetime(2025, 8, 12, 9, tzinfo=UTC)
    with psycopg.connect(empty_database, autocommit=True) as pg, pg.transaction():
        for statement in MIGRATIONS[0]:
            pg.execute(statement)  # type: ignore[arg-type]
        pg.execute("CREATE TABLE tradewatch_schema (version integer NOT NULL)")
        pg.execute("INSERT INTO tradewatch_schema (version) VALUES (1)")
        for key, state in ledger.states().items():
            pg.execute(
                "INSERT INTO ledger (key, kind, state, version, corroborations, contradicted, updated_at) "
                "VALUES (%s, %s, %s::json, %s, %s, %s, %s)",
                (
                    key,
                    state.type,
                    serial.dumps(state),
                    state.version,
                    state.corroborations,
                    state.contradicted,
                    t,
                ),
            )
        for c in changes:
            pg.execute(
                "INSERT INTO ledger_history (key, version, change, source, item_id, changed_at) "
                "VALUES (%s, %s, %s::json, %s, %s, %s)",
                (c.key, 1, serial.dumps(c), c.event.evidence.source, c.event.evidence.item_id, t),
            )
        for a in alerts:
            pg.execute(
                "INSERT INTO outbox (alert_id, sink, rule, payload, created_at, next_attempt_at) "
                "VALUES (%s, %s, %s, %s::json, %s, %s)",
                (a.id, "log", a.rule, serial.dumps(a), t, t),
            )
    store = PostgresStore(empty_database)
    try:
        assert store.schema_version() == 2
        _check_read_back(store, ledger, changes, alerts)
    finally:
        store.close()
