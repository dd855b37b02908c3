"""The watcher's ledger, rules and outbox end to end: what a poll changes, whom it tells, and what happens
when telling fails."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradewatch import Source, Tariff, Truce, Watcher, rules
from tradewatch.cli import main
from tradewatch.delivery import DeliveryError, Outbox, retry_delay
from tradewatch.model import Alert, ChangeKind, ItemRef
from tradewatch.store import DeliveryStatus, Outgoing, Reaction, SqliteStore
from tradewatch.store._sqlite import _allocator

T0 = datetime(2025, 5, 12, 8, 0, tzinfo=UTC)


def _feed(path: Path, entries: list[tuple[str, str, datetime]]) -> str:
    items = "".join(
        f"<item><guid>{guid}</guid><title>{guid}</title><link>http://example.invalid/{guid}</link>"
        f"<pubDate>{when:%a, %d %b %Y %H:%M:%S +0000}</pubDate><description>{text}</description></item>"
        for guid, text, when in entries
    )
    path.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    return path.as_uri()


EV_25 = ("ev-1", "The United States imposed a 25% tariff on Chinese electric vehicles.", T0)
EV_100 = (
    "ev-2",
    "The United States raised its tariff on Chinese electric vehicles from 25% to 100% on Tuesday.",
    T0 + timedelta(days=1),
)
TRUCE = (
    "truce-1",
    "Washington and Beijing agreed to extend their tariff truce until November 10, 2025.",
    T0 + timedelta(days=2),
)


def _watcher(tmp_path: Path, url: str, **kwargs: Any) -> Watcher:
    return Watcher(
        [Source(name="wire", url=url)],
        store=tmp_path / "w.sqlite",
        cpu_processes=0,
        retry_delay=timedelta(0),
        **kwargs,
    )


def test_a_rate_change_reaches_the_callback_with_old_and_new_values(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    url = _feed(feed, [EV_25])
    seen: list[Alert] = []
    with _watcher(tmp_path, url) as watcher:

        @watcher.on(rules.changed(Tariff, "rate", name="rate moves"))
        def collect(alert: Alert) -> None:
            seen.append(alert)

        first = watcher.poll_once()
        assert first.alerts == ()  # the baseline sets the ledger, tells nobody
        assert [s.key for s in watcher.store.measures()] == ["tariff:US>CN:electric vehicles"]

        _feed(feed, [EV_100, EV_25])
        report = watcher.poll_once()
        assert report.delivery.delivered == 1
        history = watcher.store.history("tariff:US>CN:electric vehicles")
    (alert,) = seen
    assert alert.rule == "rate moves" and alert.item.id.endswith("ev-2")
    assert alert.change is not None and alert.change.kind is ChangeKind.CHANGED
    assert (alert.change.old, alert.change.new, str(alert.change.delta)) == ("25", "100", "75")
    assert "from 25% to 100%" in alert.change.event.evidence.sentence
    assert report.alerts == (alert,)
    assert any(c.field == "rate" for c in history)
    (found,) = report.new_items
    assert found.alerts == (alert,) and any(c.field == "rate" for c in found.changes)


def test_an_old_item_arriving_late_does_not_roll_the_ledger_back(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    url = _feed(feed, [EV_100])
    with _watcher(tmp_path, url) as watcher:
        watcher.add_rule(rules.changed(Tariff, "rate", name="moves"))
        watcher.poll_once()
        _feed(feed, [EV_100, EV_25])  # yesterday's 25% shows up after today's 100%
        report = watcher.poll_once()
        (state,) = watcher.store.measures()
    assert report.alerts == ()
    assert isinstance(state.event, Tariff) and state.event.rate is not None
    assert state.event.rate.percent == 100


def test_a_failing_callback_is_retried_parked_and_replayed_without_touching_others(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    url = _feed(feed, [EV_25])
    good: list[str] = []
    calls = {"bad": 0}
    with _watcher(tmp_path, url, max_attempts=3) as watcher:
        rule = rules.changed(Tariff, "rate", name="moves")

        @watcher.on(rule)
        def bad(alert: Alert) -> None:
            calls["bad"] += 1
            raise RuntimeError("the receiving end is down")

        @watcher.on(rule.named("moves too"))
        def fine(alert: Alert) -> None:
            good.append(alert.id)

        watcher.poll_once()
        _feed(feed, [EV_100, EV_25])
        report = watcher.poll_once()
        assert report.delivery.parked == 1 and report.delivery.delivered == 1
        assert calls["bad"] == 3 and len(good) == 1
        (parked,) = watcher.store.outbox(status=DeliveryStatus.PARKED)
        assert parked.attempts == 3 and "the receiving end is down" in (parked.last_error or "")
        assert parked.sink.startswith("callback:moves:")

        assert watcher.store.replay([parked.alert.id]) == 1
        watcher.deliver()  # fails again three times: parked again, nothing lost
        assert calls["bad"] == 6
        assert len(watcher.store.outbox(status=DeliveryStatus.PARKED)) == 1


def test_a_hanging_callback_times_out_and_the_poll_goes_on(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    url = _feed(feed, [EV_25])
    release = threading.Event()
    with _watcher(tmp_path, url, max_attempts=1) as watcher:

        @watcher.on(rules.changed(Tariff, "rate", name="moves"), timeout=0.3)
        def hang(alert: Alert) -> None:
            release.wait(10)

        watcher.poll_once()
        _feed(feed, [EV_100, EV_25])
        started = time.monotonic()
        report = watcher.poll_once()
        assert time.monotonic() - started < 5
        release.set()
    assert report.delivery.parked == 1
    assert report["wire"].status.value == "updated"


def test_truce_date_moves_alert_with_days(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    early = ("truce-0", "Washington and Beijing agreed to a tariff truce until August 12, 2025.", T0)
    url = _feed(feed, [early])
    seen: list[Alert] = []
    with _watcher(tmp_path, url) as watcher:
        watcher.on(rules.changed(Truce, "until", name="truce moves"))(seen.append)
        watcher.poll_once()
        _feed(feed, [TRUCE, early])
        watcher.poll_once()
    (alert,) = seen
    assert alert.change is not None and alert.change.days == 90


def test_cli_alerts_lists_and_replays_parked_alerts_and_facts_shows_the_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "feed.xml"
    url = _feed(feed, [EV_25])
    with _watcher(tmp_path, url, max_attempts=1) as watcher:

        @watcher.on(rules.changed(Tariff, "rate", name="moves"))
        def bad(alert: Alert) -> None:
            raise DeliveryError("mine", "refused", retryable=False)

        watcher.poll_once()
        _feed(feed, [EV_100, EV_25])
        watcher.poll_once()
    config = tmp_path / "tradewatch.toml"
    config.write_text(f'store = "w.sqlite"\n[[source]]\nname = "wire"\nurl = "{url}"\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["alerts", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "parked" in out and "moves" in out and "rate 25% → 100% (+75 points)" in out
    assert main(["alerts", "--config", str(config), "--json", "--status", "all"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["status"] == "parked" and row["alert"]["change"]["new"] == "100"
    assert main(["alerts", "--config", str(config), "--retry"]) == 0
    assert "1 parked deliveries made pending again" in capsys.readouterr().out
    assert main(["alerts", "--config", str(config), "--status", "pending"]) == 0
    assert "pending" in capsys.readouterr().out
    assert main(["facts", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "tariff:US>CN:electric vehicles" in out and "rate=100" in out
    missing = tmp_path / "none.toml"
    missing.write_text('store = "nothing-here.sqlite"\n', encoding="utf-8")
    assert main(["facts", "--config", str(missing)]) == 3


# -- the outbox alone, with injected failures ------------------------------------------------------------


class FlakySink:
    """Fails the attempts the test scripted; records what it was given."""

    digest = False

    def __init__(self, name: str, failures: dict[str, int], permanent: set[str]) -> None:
        self.name = name
        self.failures = dict(failures)
        self.permanent = permanent
        self.received: list[str] = []

    def send(self, alerts: Any) -> None:
        for alert in alerts:
            if alert.id in self.permanent:
                raise DeliveryError(self.name, "rejected", retryable=False)
            if self.failures.get(alert.id, 0) > 0:
                self.failures[alert.id] -= 1
                raise DeliveryError(self.name, "flaky")
            self.received.append(alert.id)

    def close(self) -> None:
        pass


def _alerts(n: int) -> list[Alert]:
    ref = ItemRef(id="i", source="s", published=T0)
    return [Alert.make(rule=f"rule-{k}", item=ref, created=T0) for k in range(n)]


def _fill(store: SqliteStore, alerts: list[Alert], sinks: tuple[str, ...]) -> None:
    store.upsert_sources([Source(name="s", url="http://127.0.0.1:9/f.xml")])
    with store._write() as conn:  # the outbox rows exactly as commit_poll writes them
        reaction = Reaction(outgoing=tuple(Outgoing(alert=a, sinks=sinks) for a in alerts))
        store._write_reaction(conn, reaction, {}, store._packing.batch(_allocator(conn)), T0.timestamp())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    failures=st.lists(st.integers(0, 6), min_size=1, max_size=12),
    permanent=st.sets(st.integers(0, 11), max_size=3),
    max_attempts=st.integers(1, 5),
)
def test_outbox_delivers_every_alert_at_least_once_or_parks_it(
    failures: list[int], permanent: set[int], max_attempts: int
) -> None:
    alerts = _alerts(len(failures))
    store = SqliteStore(":memory:")
    _fill(store, alerts, ("a", "b"))
    ids = [a.id for a in alerts]
    script = {ids[k]: f for k, f in enumerate(failures)}
    rejected = {ids[k] for k in permanent if k < len(ids)}
    a, b = FlakySink("a", script, rejected), FlakySink("b", {}, set())
    outbox = Outbox(store, {"a": a, "b": b}, owner="me", max_attempts=max_attempts, base_delay=timedelta(0))
    outbox.deliver_due(now=T0)
    rows = {(r.alert.id, r.sink): r for r in store.outbox(limit=1000)}
    assert len(rows) == 2 * len(alerts)  # nothing lost
    assert sorted(b.received) == sorted(ids)  # one failing sink never holds up the other
    for alert_id in ids:
        row = rows[(alert_id, "a")]
        should_deliver = alert_id not in rejected and script[alert_id] < max_attempts
        assert row.status is (DeliveryStatus.DELIVERED if should_deliver else DeliveryStatus.PARKED)
        assert (alert_id in a.received) is should_deliver
    store.close()


def test_an_unknown_sink_parks_its_rows_and_a_lost_lease_records_nothing() -> None:
    store = SqliteStore(":memory:")
    alerts = _alerts(2)
    _fill(store, alerts, ("gone",))
    report = Outbox(store, {}, owner="me").deliver_due(now=T0)
    assert report.parked == 2
    assert {r.last_error for r in store.outbox()} == {"sink 'gone': no sink named 'gone' is configured"}

    _fill(store, _alerts(3)[2:], ("a",))
    (claim,) = store.claim_deliveries("me", 10, timedelta(seconds=1), now=T0)
    (again,) = store.claim_deliveries("other", 10, timedelta(seconds=1), now=T0 + timedelta(seconds=2))
    assert again.epoch == claim.epoch + 1  # the expired lease was taken over
    assert not store.finish_delivery("me", claim, now=T0 + timedelta(seconds=3))
    assert store.finish_delivery("other", again, now=T0 + timedelta(seconds=3))
    store.close()


@given(st.integers(1, 40), st.floats(0, 0.999))
def test_retry_delay_doubles_up_to_the_cap(attempts: int, jitter: float) -> None:
    base, cap = timedelta(seconds=2), timedelta(hours=1)
    delay = retry_delay(attempts, base=base, cap=cap, jitter=jitter)
    assert min(base * 2 ** (attempts - 1), cap) * 0.5 <= delay <= min(base * 2 ** (attempts - 1), cap)


def test_rules_and_sinks_given_to_the_constructor_are_registered(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    url = _feed(feed, [EV_25])
    moves = rules.changed(Tariff, "rate", name="moves")
    with _watcher(tmp_path, url, rules=[rules.new(Tariff, name="new"), (moves, ["log", "mine"])]) as w:
        assert w.rules == {
            "new": (rules.new(Tariff, name="new"), ("log",)),
            "moves": (moves, ("log", "mine")),
        }
        with pytest.raises(ValueError, match="already registered"):
            w.add_rule(moves)


def test_a_repeated_rule_name_in_the_constructor_is_refused(tmp_path: Path) -> None:
    moves = rules.changed(Tariff, "rate", name="moves")
    with pytest.raises(ValueError, match="a rule named 'moves' is already registered"):
        Watcher(store=tmp_path / "x.sqlite", cpu_processes=0, rules=[moves, moves])
    SqliteStore(tmp_path / "x.sqlite").close()  # the file was closed and is usable
