"""The ledger: measure keys, the current value of each field, changes, corroboration, contradiction, and
that the final state depends on which events arrived, not on the order they arrived in."""

from __future__ import annotations

import ast
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import serial, testing
from tradewatch.ledger import MAX_OBSERVATIONS, TRACKED, Ledger, measure_key
from tradewatch.model import (
    Change,
    ChangeKind,
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    InvalidValueError,
    MeasureKind,
    MeasureState,
    Negotiation,
    Observation,
    Product,
    Rate,
    Tariff,
    Threat,
    Truce,
)

T0 = datetime(2025, 8, 1, 12, tzinfo=UTC)
KEY = "tariff:US>CN:steel"


def ev(source: str | None = "reuters", *, hours: float = 0, confidence: float = 0.8, **kw: Any) -> Evidence:
    sentence = kw.pop("sentence", f"{source} says so.")
    return Evidence(
        sentence=sentence,
        start=0,
        end=len(sentence),
        confidence=confidence,
        source=source,
        item_id=kw.pop("item_id", f"{source}-{hours}"),
        published=kw.pop("published", T0 + timedelta(hours=hours)),
        **kw,
    )


def tariff(rate: Any = None, *, evidence: Evidence | None = None, **kw: Any) -> Tariff:
    fields: dict[str, Any] = {"imposer": "US", "target": "CN", "status": "raised", "product": "steel"}
    return Tariff(**{**fields, **kw}, rate=rate, evidence=evidence or ev())


def truce(
    until: DateSpan | None = None, *, evidence: Evidence | None = None, status: str = "extended"
) -> Truce:
    return Truce(parties=("US", "CN"), status=status, until=until, evidence=evidence or ev())


def only(changes: list[Change]) -> Change:
    assert len(changes) == 1, changes
    return changes[0]


def current(ledger: Ledger, field: str, key: str = KEY) -> Any:
    state = ledger.state(key)
    assert state is not None
    obs = state.current(field)
    return None if obs is None else obs.value


# -- keys ---------------------------------------------------------------------------------------------------


class TestMeasureKey:
    def test_tariff(self) -> None:
        assert measure_key(tariff(product="Electric  Vehicles")) == "tariff:US>CN:electric vehicles"
        assert measure_key(tariff(product=None)) == "tariff:US>CN:*"
        assert measure_key(tariff(target="*")) == "tariff:US>*:steel"

    def test_hs_codes_and_rates_are_not_part_of_it(self) -> None:
        with_codes = tariff(25, product=Product(name="steel", hs_codes=("7208",)))
        assert measure_key(with_codes) == measure_key(tariff(50, status="lowered")) == KEY

    def test_export_control(self) -> None:
        control = ExportControl(
            imposer="US", target="CN", item="H20 chips", control="ban", status="lifted", evidence=ev()
        )
        assert measure_key(control) == "export_control:US>CN:h20 chips"
        assert measure_key(attrs.evolve(control, item=None)) == "export_control:US>CN:*"

    def test_parties_are_sorted(self) -> None:
        assert measure_key(truce()) == "truce:CN+US"
        talks = Negotiation(parties=("US", "JP", "CN"), status="held", evidence=ev())
        assert measure_key(talks) == "negotiation:CN+JP+US"

    def test_threat(self) -> None:
        measure = Tariff(
            imposer="US",
            target="CN",
            status="proposed",
            product="rare-earth magnets",
            rate=200,
            evidence=ev(),
        )
        threat = Threat(actor="US", target="CN", measure=measure, evidence=ev())
        assert measure_key(threat) == "threat:US>CN:tariff:rare-earth magnets"
        sanction = Threat(actor="US", target="RU", kind=MeasureKind.SANCTION, evidence=ev())
        assert measure_key(sanction) == "threat:US>RU:sanction:*"

    def test_refuses_what_is_not_an_event(self) -> None:
        with pytest.raises(TypeError):
            measure_key("tariff")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            Ledger().apply(["tariff"])  # type: ignore[list-item]

    @given(testing.events())
    def test_deterministic_and_type_prefixed(self, event: Event) -> None:
        key = measure_key(event)
        assert key.startswith(event.TYPE + ":")
        assert key == measure_key(attrs.evolve(event, evidence=ev("other", hours=99)))


def test_tracked_fields() -> None:
    assert TRACKED == {
        "tariff": ("status", "rate", "effective", "authority"),
        "export_control": ("control", "status", "effective"),
        "truce": ("status", "until"),
        "negotiation": ("status", "venue", "round", "when", "delegates"),
        "threat": ("kind", "rate", "condition", "deadline"),
    }


def test_ledger_is_pure() -> None:
    """The ledger imports the model, attrs and the standard library only: no I/O stage, no clock source."""
    import tradewatch.ledger

    source = Path(tradewatch.ledger.__file__).read_text()
    assert not re.search(r"\b(now|today|utcnow|time|monotonic|open)\(", source)
    tree = ast.parse(source)
    imported = {
        (node.level, node.module or "") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {(0, alias.name) for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {module for level, module in imported if level}
    assert ours <= {"model", "model._ledger"}
    others = {module.split(".")[0] for level, module in imported if not level}
    allowed = {
        "__future__",
        "attrs",
        "collections",
        "datetime",
        "decimal",
        "json",
        "math",
        "operator",
        "typing",
    }
    assert others <= allowed


# -- new measures and changes --------------------------------------------------------------------------------


class TestChanges:
    def test_first_event_is_new_and_carries_it(self) -> None:
        event = tariff(25)
        ledger = Ledger()
        change = only(ledger.apply([event]))
        assert (change.kind, change.key, change.field, change.event) == (ChangeKind.NEW, KEY, None, event)
        state = ledger.state(KEY)
        assert state is not None
        assert (state.type, state.version, state.event) == ("tariff", 1, event)
        assert [(o.field, o.value, o.sources) for o in state.observations] == [
            ("status", "raised", ("reuters",)),
            ("rate", "25", ("reuters",)),
        ]

    def test_one_new_per_measure_then_changes(self) -> None:
        ledger = Ledger()
        changes = ledger.apply([tariff(25), tariff(50, evidence=ev(hours=1)), truce()])
        assert [(c.kind, c.key, c.field) for c in changes] == [
            (ChangeKind.NEW, KEY, None),
            (ChangeKind.CHANGED, KEY, "rate"),
            (ChangeKind.NEW, "truce:CN+US", None),
        ]

    def test_rate_change(self) -> None:
        ledger = Ledger()
        first, second = ev("reuters", hours=0), ev("reuters", hours=30)
        ledger.apply([tariff(20, evidence=first)])
        event = tariff(Rate("200"), evidence=second)
        change = only(ledger.apply([event]))
        assert (change.kind, change.field, change.old, change.new) == (
            ChangeKind.CHANGED,
            "rate",
            "20",
            "200",
        )
        assert change.delta == Decimal(180)
        assert change.days is None
        assert change.event is event
        assert change.previous == first
        assert change.contradicted is False
        assert current(ledger, "rate") == "200"

    def test_a_field_gaining_a_value_is_a_change(self) -> None:
        ledger = Ledger()
        ledger.apply([truce(None)])
        november = DateSpan.part_of_month(2025, 11, "early", "early November")
        change = only(ledger.apply([truce(november, evidence=ev(hours=1))]))
        assert (change.field, change.old, change.previous, change.days) == ("until", None, None, None)
        assert change.new == serial.to_dict(november)

    def test_new_measures_report_no_fields(self) -> None:
        changes = Ledger().apply([truce(DateSpan.month(2025, 11))])
        assert [c.kind for c in changes] == [ChangeKind.NEW]

    def test_days_count_the_end_of_a_deadline(self) -> None:
        ledger = Ledger()
        august = DateSpan.part_of_month(2025, 8, "mid", "mid August")
        november = DateSpan.month(2025, 11, "November")
        ledger.apply([truce(august)])
        change = only(ledger.apply([truce(november, evidence=ev(hours=2))]))
        assert change.days == (date(2025, 11, 30) - date(2025, 8, 20)).days == 102
        assert change.old == serial.to_dict(august)

    def test_days_count_the_start_of_an_effective_date(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, effective=DateSpan.month(2025, 8))])
        change = only(
            ledger.apply([tariff(25, effective=DateSpan.day(date(2025, 8, 11)), evidence=ev(hours=1))])
        )
        assert (change.field, change.days) == ("effective", 10)

    def test_negotiation_when_and_delegates(self) -> None:
        def talks(**kw: Any) -> Negotiation:
            return Negotiation(parties=("CN", "US"), status="scheduled", **kw)

        ledger = Ledger()
        ledger.apply([talks(when=DateSpan.month(2025, 9), evidence=ev())])
        changes = ledger.apply(
            [talks(when=DateSpan.month(2025, 10), delegates=("He Lifeng",), evidence=ev(hours=1))]
        )
        assert [(c.field, c.days, c.old, c.new) for c in changes] == [
            ("when", 30, serial.to_dict(DateSpan.month(2025, 9)), serial.to_dict(DateSpan.month(2025, 10))),
            ("delegates", None, None, ["He Lifeng"]),
        ]
        # No delegates named is not a report that there are none.
        assert ledger.apply([talks(when=DateSpan.month(2025, 10), evidence=ev(hours=2))]) == []
        state = ledger.state("negotiation:CN+US")
        assert state is not None
        assert state.event.delegates == ("He Lifeng",)

    def test_threat_rate_and_deadline(self) -> None:
        def threat(rate: int, deadline: DateSpan | None, hours: float) -> Threat:
            measure = Tariff(
                imposer="US",
                target="CN",
                status="proposed",
                product="magnets",
                rate=rate,
                evidence=ev(hours=hours),
            )
            return Threat(
                actor="US", target="CN", measure=measure, deadline=deadline, evidence=ev(hours=hours)
            )

        ledger = Ledger()
        ledger.apply([threat(100, None, 0)])
        changes = ledger.apply([threat(200, DateSpan.month(2025, 11), 1)])
        assert [(c.field, c.old, c.delta) for c in changes] == [
            ("rate", "100", Decimal(100)),
            ("deadline", None, None),
        ]
        state = ledger.state("threat:US>CN:tariff:magnets")
        assert state is not None
        assert isinstance(state.event.measure, Tariff)
        assert state.event.measure.rate == Rate(200)
        assert state.primary_field == "deadline"

    def test_old_and_new_are_in_the_wire_form(self) -> None:
        ledger = Ledger()
        span = DateSpan.part_of_month(2025, 11, "early", "early November")
        ledger.apply([tariff(Rate("7.50"), status="in_force")])
        changes = ledger.apply([tariff(Rate(10), status="raised", effective=span, evidence=ev(hours=1))])
        by_field = {c.field: c for c in changes}
        assert by_field["rate"].new == "10"
        assert by_field["rate"].old == "7.5"  # the shortest form: 7.50 and 7.5 are one value
        assert by_field["status"].new == "raised"
        assert type(by_field["status"].new) is str
        assert by_field["effective"].new == serial.to_dict(span)
        json.dumps([c.new for c in changes])
        assert serial.from_json(serial.to_json(by_field["rate"]), Change) == by_field["rate"]


# -- which value is current -----------------------------------------------------------------------------------


class TestCurrentValue:
    def test_a_late_old_item_does_not_roll_back(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(50, evidence=ev("reuters", hours=48))])
        assert ledger.apply([tariff(25, evidence=ev("bloomberg", hours=0))]) == []
        assert current(ledger, "rate") == "50"
        state = ledger.state(KEY)
        assert state is not None
        assert [o.value for o in state.observed("rate")] == ["50", "25"]  # kept, ranked below

    def test_a_newer_confident_report_wins(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, evidence=ev("reuters", hours=0))])
        change = only(ledger.apply([tariff(50, evidence=ev("bloomberg", hours=1, confidence=0.5))]))
        assert change.new == "50"

    def test_a_background_mention_never_overrides_a_confident_fact(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, evidence=ev("reuters", hours=0, confidence=0.8))])
        background = tariff(10, evidence=ev("blog", hours=200, confidence=0.45))
        assert ledger.apply([background]) == []
        assert current(ledger, "rate") == "25"
        # ... in either order
        other = Ledger()
        other.apply([background])
        change = only(other.apply([tariff(25, evidence=ev("reuters", hours=0, confidence=0.8))]))
        assert (change.old, change.new) == ("10", "25")
        assert other.state(KEY) == attrs.evolve(ledger.state(KEY), version=2)

    def test_strong_threshold_is_configurable(self) -> None:
        events = [
            tariff(25, evidence=ev("a", hours=0, confidence=0.8)),
            tariff(10, evidence=ev("b", hours=5, confidence=0.6)),
        ]
        default, strict = Ledger(), Ledger(strong=0.7)
        default.apply(events)
        strict.apply(events)
        assert current(default, "rate") == "10"
        assert current(strict, "rate") == "25"

    def test_unknown_time_ranks_oldest(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, evidence=ev("a", hours=-1000))])
        assert ledger.apply([tariff(10, evidence=ev("b", published=None))]) == []
        assert current(ledger, "rate") == "25"

    def test_equal_times_rank_by_confidence_then_source(self) -> None:
        ledger = Ledger()
        ledger.apply(
            [tariff(25, evidence=ev("a", confidence=0.9)), tariff(10, evidence=ev("b", confidence=0.7))]
        )
        assert current(ledger, "rate") == "25"
        ledger.apply([tariff(50, evidence=ev("c", confidence=0.9))])
        assert current(ledger, "rate") == "50"  # "c" > "a"

    def test_equal_reports_rank_by_value(self) -> None:
        same = ev("a")
        for order in (
            [tariff(25, evidence=same), tariff(10, evidence=same)],
            [tariff(10, evidence=same), tariff(25, evidence=same)],
        ):
            ledger = Ledger()
            ledger.apply(order)
            assert current(ledger, "rate") == "25"  # '"25"' > '"10"'

    def test_equal_ranks_are_broken_the_same_way_in_any_order(self) -> None:
        one, two = ev("a", sentence="One."), ev("a", sentence="Two.")
        events = [tariff(25, evidence=one), tariff(25, evidence=two)]
        states = []
        for order in (events, events[::-1]):
            ledger = Ledger()
            ledger.apply(order)
            states.append(ledger.state(KEY))
            assert ledger.state(KEY).current("rate").evidence == two  # type: ignore[union-attr]
        assert states[0] == states[1]

    def test_equal_reports_of_different_measures_details_pick_one_in_any_order(self) -> None:
        same = ev("a")
        events = [tariff(25, previous_rate=20, evidence=same), tariff(25, previous_rate=30, evidence=same)]
        found = set()
        for order in (events, events[::-1]):
            ledger = Ledger()
            ledger.apply(order)
            found.add(ledger.state(KEY).event.previous_rate)  # type: ignore[union-attr]
        assert len(found) == 1

    def test_state_evidence_is_that_of_the_best_current_value(self) -> None:
        # Equal ranks: "raised" > "lowered" and "25" > "10" by their JSON, so the first event's values are
        # current, though the second event's report sorts after it.
        first = tariff(25, status="raised", evidence=ev("a", sentence="One."))
        second = tariff(10, status="lowered", evidence=ev("a", sentence="Two."))
        for order in ([first, second], [second, first]):
            ledger = Ledger()
            ledger.apply(order)
            state = ledger.state(KEY)
            assert state is not None
            assert (state.event.status, state.event.rate) == ("raised", Rate(25))
            assert state.event.evidence == first.evidence

    def test_a_ledger_ranks_stored_values_by_its_own_threshold(self) -> None:
        strict = Ledger(strong=0.7)
        strict.apply(
            [
                tariff(25, evidence=ev("a", confidence=0.8)),
                tariff(10, evidence=ev("b", hours=5, confidence=0.6)),
            ]
        )
        assert current(strict, "rate") == "25"
        default = Ledger(strict.states())
        default.apply([tariff(25, evidence=ev("c", confidence=0.8))])  # corroborates, ranks below 10 here
        assert current(default, "rate") == "10"

    def test_state_event_holds_current_values_and_best_evidence(self) -> None:
        ledger = Ledger()
        first = tariff(25, authority="Section 301", evidence=ev("a", hours=0))
        later = tariff(None, status="in_force", previous_rate=20, evidence=ev("b", hours=1))
        ledger.apply([first, later])
        state = ledger.state(KEY)
        assert state is not None
        assert state.event == attrs.evolve(later, rate=Rate(25), authority="Section 301")
        assert state.event.evidence == later.evidence
        # A weak report that is newer does not become the state's evidence.
        ledger.apply([tariff(25, evidence=ev("c", hours=9, confidence=0.3))])
        state = ledger.state(KEY)
        assert state is not None
        assert state.event.evidence == later.evidence


# -- corroboration and contradiction -------------------------------------------------------------------------


class TestCorroboration:
    def test_another_source_corroborates_without_a_change(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, evidence=ev("reuters", hours=0))])
        assert ledger.apply([tariff(25, evidence=ev("bloomberg", hours=1))]) == []
        assert ledger.apply([tariff(25, evidence=ev("reuters", hours=2))]) == []
        state = ledger.state(KEY)
        assert state is not None
        rate = state.current("rate")
        assert rate is not None
        assert rate.sources == ("bloomberg", "reuters")
        assert rate.evidence == ev("reuters", hours=2)  # the best report of the value
        assert state.corroborations == 2
        assert state.version == 3  # each report modified the state, none changed a value

    def test_a_report_without_source_counts_under_its_item(self) -> None:
        ledger = Ledger()
        ledger.apply(
            [
                tariff(25, evidence=ev(None, item_id="item-9")),
                tariff(25, evidence=ev(None, item_id=None, hours=1)),
            ]
        )
        rate = ledger.state(KEY).current("rate")  # type: ignore[union-attr]
        assert rate is not None
        assert rate.sources == ("?", "item-9")

    def test_corroborations_count_the_primary_field(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(None, evidence=ev("a")), tariff(None, evidence=ev("b", hours=1))])
        state = ledger.state(KEY)
        assert state is not None
        assert (state.primary_field, state.corroborations) == ("status", 2)
        ledger.apply([tariff(25, evidence=ev("c", hours=2))])
        state = ledger.state(KEY)
        assert state is not None
        assert (state.primary_field, state.corroborations) == ("rate", 1)


class TestContradiction:
    def test_sources_disagreeing_within_the_window(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, evidence=ev("reuters", hours=0))])
        change = only(ledger.apply([tariff(50, evidence=ev("bloomberg", hours=30))]))
        assert change.contradicted is True
        state = ledger.state(KEY)
        assert state is not None
        assert state.contradicted
        assert [o.value for o in state.contradictions("rate")] == ["25"]
        assert state.contradictions("status") == ()

    @pytest.mark.parametrize(
        ("second", "why"),
        [
            (ev("bloomberg", hours=73), "outside the window"),
            (ev("reuters", hours=30), "one source revising itself"),
            (ev("bloomberg", hours=30, confidence=0.4), "a weak report"),
            (ev("bloomberg", published=None), "no time"),
        ],
    )
    def test_not_a_contradiction(self, second: Evidence, why: str) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, evidence=ev("reuters", hours=0))])
        changes = ledger.apply([tariff(50, evidence=second)])
        assert all(not c.contradicted for c in changes), why
        assert not ledger.state(KEY).contradicted  # type: ignore[union-attr]

    def test_window_is_configurable(self) -> None:
        ledger = Ledger(contradiction_window=timedelta(hours=12))
        ledger.apply([tariff(25, evidence=ev("reuters", hours=0))])
        assert only(ledger.apply([tariff(50, evidence=ev("bloomberg", hours=30))])).contradicted is False
        state = ledger.state(KEY)
        assert state is not None
        assert state.contradictions("rate", window=timedelta(hours=12)) == ()
        assert state.contradictions("rate") != ()

    def test_a_second_source_for_a_revised_value_disputes_it(self) -> None:
        ledger = Ledger()
        ledger.apply(
            [tariff(25, evidence=ev("reuters", hours=0)), tariff(25, evidence=ev("bloomberg", hours=1))]
        )
        change = only(ledger.apply([tariff(50, evidence=ev("reuters", hours=2))]))
        assert change.contradicted  # bloomberg still says 25


# -- idempotence, versions, dirty states, the bound ------------------------------------------------------------


class TestBookkeeping:
    def test_applying_twice_changes_nothing(self) -> None:
        events = [
            tariff(25, evidence=ev("a")),
            tariff(50, evidence=ev("b", hours=1)),
            truce(),
            tariff(25, evidence=ev("c", hours=2)),
        ]
        ledger = Ledger()
        assert ledger.apply(events)
        before = ledger.states()
        assert ledger.apply(events) == []
        assert ledger.states() == before

    def test_reapplying_to_a_reloaded_ledger_changes_nothing(self) -> None:
        events = [tariff(25, evidence=ev("a")), tariff(50, evidence=ev("b", hours=1)), truce()]
        first = Ledger()
        first.apply(events)
        stored = {k: serial.from_json(serial.to_json(s), MeasureState) for k, s in first.dirty().items()}
        again = Ledger(stored)
        assert again.apply(events) == []
        assert again.dirty() == {}
        assert again.states() == stored

    def test_version_counts_modifying_apply_calls(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25), tariff(50, evidence=ev(hours=1))])
        assert ledger.state(KEY).version == 1  # type: ignore[union-attr]
        ledger.apply([tariff(50, evidence=ev(hours=1))])
        assert ledger.state(KEY).version == 1  # type: ignore[union-attr]
        ledger.apply([tariff(50, evidence=ev("other", hours=1))])
        assert ledger.state(KEY).version == 2  # type: ignore[union-attr]
        reloaded = Ledger([ledger.state(KEY)])  # type: ignore[list-item]
        reloaded.apply([tariff(75, evidence=ev(hours=3))])
        assert reloaded.state(KEY).version == 3  # type: ignore[union-attr]

    def test_dirty_holds_only_modified_states(self) -> None:
        seed = Ledger()
        seed.apply([tariff(25), truce()])
        ledger = Ledger(seed.states())
        assert ledger.dirty() == {}
        assert ledger.state("truce:CN+US") == seed.state("truce:CN+US")
        assert ledger.state("nothing:here") is None
        ledger.apply([tariff(25), tariff(30, evidence=ev(hours=1))])
        assert list(ledger.dirty()) == [KEY]
        assert set(ledger.states()) == {KEY, "truce:CN+US"}

    def test_states_are_filed_under_their_key(self) -> None:
        seed = Ledger()
        seed.apply([tariff(25)])
        with pytest.raises(ValueError, match="filed under"):
            Ledger({"truce:CN+US": seed.state(KEY)})  # type: ignore[dict-item]

    @pytest.mark.parametrize("kwargs", [{"strong": 1.5}, {"contradiction_window": timedelta(hours=-1)}])
    def test_bad_settings(self, kwargs: dict[str, Any]) -> None:
        with pytest.raises(ValueError, match="strong|contradiction_window"):
            Ledger(**kwargs)

    def test_at_most_16_values_per_field_lowest_ranked_dropped(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(n, evidence=ev(hours=n)) for n in range(1, 21)])
        state = ledger.state(KEY)
        assert state is not None
        rates = [o.value for o in state.observed("rate")]
        assert len(rates) == MAX_OBSERVATIONS == 16
        assert rates == [str(n) for n in range(20, 4, -1)]
        # A value that ranks below all sixteen is not kept, and does not modify the state.
        assert ledger.apply([tariff(99, evidence=ev(hours=0.5))]) == []
        assert ledger.dirty()[KEY].version == 1
        assert "99" not in [o.value for o in ledger.state(KEY).observed("rate")]  # type: ignore[union-attr]


# -- the frozen classes -----------------------------------------------------------------------------------------


class TestStateClasses:
    def test_round_trip(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25, effective=DateSpan.month(2025, 8)), tariff(50, evidence=ev("b", hours=1))])
        state = ledger.state(KEY)
        assert state is not None
        document = serial.to_json(state)
        assert json.loads(document)["observations"][0]["field"] == "status"
        assert serial.from_json(document, MeasureState) == state
        assert serial.from_dict(serial.to_dict(state), MeasureState) == state

    def test_observation_checks(self) -> None:
        obs = Observation(field="rate", value="25", evidence=ev(), sources=["b", "a", "b"])
        assert obs.sources == ("a", "b")
        with pytest.raises(InvalidValueError, match="^value"):
            Observation(field="rate", value=None, evidence=ev(), sources=("a",))
        with pytest.raises(InvalidValueError, match="^sources"):
            Observation(field="rate", value="25", evidence=ev(), sources=())

    def test_state_checks(self) -> None:
        a = Observation(field="rate", value="25", evidence=ev(), sources=("a",))
        b = Observation(field="status", value="raised", evidence=ev(), sources=("a",))
        with pytest.raises(InvalidValueError, match="^observations: lists rate"):
            MeasureState(key=KEY, type="tariff", event=tariff(25), observations=(a, a))
        with pytest.raises(InvalidValueError, match="^observations: must list"):
            MeasureState(key=KEY, type="tariff", event=tariff(25), observations=(a, b, a))
        with pytest.raises(InvalidValueError, match="^event"):
            MeasureState(key=KEY, type="truce", event=tariff(25), observations=())
        with pytest.raises(InvalidValueError, match="^type"):
            MeasureState(key=KEY, type="embargo", event=tariff(25), observations=())

    def test_decoding_names_the_path(self) -> None:
        ledger = Ledger()
        ledger.apply([tariff(25)])
        data = serial.to_dict(ledger.state(KEY))
        data["observations"][1]["sources"] = []
        with pytest.raises(serial.DecodeError, match=r"observations\[1\]\.sources"):
            serial.from_dict(data, MeasureState)


# -- properties -------------------------------------------------------------------------------------------------

_SOURCES = st.sampled_from(["reuters", "bloomberg", "xinhua", None])
_TIMES = st.sampled_from(
    [
        None,
        T0,
        T0 + timedelta(hours=20),
        # the same instant written in another zone
        (T0 + timedelta(hours=20)).astimezone(timezone(timedelta(hours=8))),
        T0 + timedelta(days=5),
    ]
)


@st.composite
def _evidence(draw: st.DrawFn) -> Evidence:
    """Evidence from small pools, so that sources, times and whole reports repeat and tie."""
    if draw(st.booleans()):
        return draw(testing.evidence())
    source = draw(_SOURCES)
    return ev(
        source,
        confidence=draw(st.sampled_from([0.3, 0.5, 0.8, 0.9])),
        published=draw(_TIMES),
        item_id=draw(st.sampled_from([None, "item-1", "item-2"])),
        sentence=draw(st.sampled_from(["One.", "Two."])),
    )


_SPANS = st.sampled_from(
    [
        DateSpan.month(2025, 11),
        DateSpan.part_of_month(2025, 11, "early"),
        DateSpan.part_of_month(2025, 8, "mid"),
        DateSpan.month(2025, 8, "August"),
    ]
)


def _same_measures(event: Event, pick: int) -> Event:
    """Pin an event's identity to one of a few measures, so that many events meet in one state."""
    product = [None, Product(name="steel")][pick % 2]
    if isinstance(event, Tariff):
        return attrs.evolve(event, imposer="US", target="CN", product=product)
    if isinstance(event, ExportControl):
        return attrs.evolve(event, imposer="US", target="CN", item=product)
    if isinstance(event, Truce | Negotiation):
        return attrs.evolve(event, parties=("CN", "US"))
    measure = event.measure
    if measure is not None:
        measure = attrs.evolve(measure, imposer="US", target="CN")
    return attrs.evolve(event, actor="US", target="CN", measure=measure)


def _vary(draw: st.DrawFn, event: Event) -> Event:
    """Another report about the same measure: new evidence, and values drawn from small pools so that they
    repeat (corroboration), differ (changes, contradictions) and go missing."""
    changes: dict[str, Any] = {"evidence": draw(_evidence())}
    pick = draw(st.integers(0, 3))
    if isinstance(event, Tariff):
        changes["status"] = ["raised", "in_force", "raised", "suspended"][pick]
        changes["rate"] = draw(st.sampled_from([None, Rate(10), Rate(25), Rate("25.00"), Rate(50)]))
        changes["effective"] = draw(st.none() | _SPANS)
    elif isinstance(event, ExportControl):
        changes["status"] = ["imposed", "lifted", "imposed", "relaxed"][pick]
    elif isinstance(event, Truce):
        changes["status"] = ["agreed", "extended", "extended", "ended"][pick]
        changes["until"] = draw(st.none() | _SPANS)
    elif isinstance(event, Negotiation):
        changes["round"] = [None, 3, 4, 4][pick]
        changes["delegates"] = draw(st.sampled_from([(), ("He Lifeng",), ("He Lifeng", "Scott Bessent")]))
    else:
        changes["deadline"] = draw(st.none() | _SPANS)
        changes["condition"] = [None, "unless China exports magnets", None, "unless talks resume"][pick]
    return attrs.evolve(event, **changes)


@st.composite
def histories(draw: st.DrawFn, max_size: int = 12) -> list[Event]:
    """Reports about a few measures, as several sources and items give them."""
    bases = draw(st.lists(testing.events(), min_size=1, max_size=3))
    bases = [_same_measures(event, i) for i, event in enumerate(bases)]
    return [_vary(draw, draw(st.sampled_from(bases))) for _ in range(draw(st.integers(0, max_size)))]


def _unversioned(states: dict[str, MeasureState]) -> dict[str, MeasureState]:
    return {k: attrs.evolve(s, version=0) for k, s in states.items()}


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@given(histories().flatmap(lambda e: st.tuples(st.just(e), st.permutations(e))))
def test_any_order_ends_in_the_same_state(pair: tuple[list[Event], list[Event]]) -> None:
    events, shuffled = pair
    one, other = Ledger(), Ledger()
    one.apply(events)
    for event in shuffled:
        other.apply([event])
    assert _unversioned(other.states()) == _unversioned(one.states())


@given(histories(), st.data())
def test_storing_midway_ends_in_the_same_state(events: list[Event], data: st.DataObject) -> None:
    cut = data.draw(st.integers(0, len(events)))
    whole = Ledger()
    whole.apply(events)
    first = Ledger()
    first.apply(events[:cut])
    stored = [serial.from_json(serial.to_json(s), MeasureState) for s in first.dirty().values()]
    second = Ledger(stored)
    second.apply(events[cut:])
    assert _unversioned(second.states()) == _unversioned(whole.states())


def _texts(objs: Any) -> Any:
    """The texts of changes (a list) or states (by key), as a store writes them."""
    if isinstance(objs, dict):
        return {k: serial.dumps(s) for k, s in objs.items()}
    return [serial.dumps(c) for c in objs]


def _decoded(states: dict[str, MeasureState]) -> dict[str, MeasureState]:
    """Copies of `states` read back from their text: objects no ledger has seen."""
    return {k: serial.from_json(serial.to_json(s), MeasureState) for k, s in states.items()}


@given(histories(), st.data())
def test_ledgers_reading_the_states_others_wrote_end_as_ledgers_reading_them_decoded(
    events: list[Event], data: st.DataObject
) -> None:
    """A ledger per batch, as a store runs one per poll: each reads the very state objects the ledgers before
    it wrote (as a store hands them on, kept decoded by key and version) or, on the other side, copies decoded
    from their text. Both sides end in the same states and report the same changes, whatever `strong` each
    ledger has, and a ledger that read the same objects and was dropped (a poll whose transaction failed)
    changes nothing for the others."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(events)), max_size=4)))
    strongs = data.draw(st.lists(st.sampled_from([0.5, 0.5, 0.6, 0.9]), min_size=len(cuts) + 1))
    shared: dict[str, MeasureState] = {}
    decoded: dict[str, MeasureState] = {}
    for batch, strong in zip(
        [events[a:b] for a, b in zip([0, *cuts], [*cuts, len(events)], strict=True)], strongs, strict=False
    ):
        dropped = Ledger(shared, strong=strong)
        dropped.apply(list(reversed(batch)))
        dropped.dirty()
        one, other = Ledger(shared, strong=strong), Ledger(_decoded(decoded), strong=strong)
        assert _texts(one.apply(batch)) == _texts(other.apply(batch))
        shared.update(one.dirty())
        decoded.update(other.dirty())
        assert _texts(shared) == _texts(decoded)


def test_a_state_read_by_two_ledgers_is_moved_by_each_alone() -> None:
    """A state is never modified by the ledgers that read it: each moves its own working copy."""
    first, second, third = ev("a", hours=0), ev("b", hours=1), ev("a", hours=2)
    tariff_ = tariff(Rate(25), evidence=first)
    origin = Ledger()
    origin.apply([tariff_])
    (state,) = origin.dirty().values()
    for evidence in (second, third):
        copy = serial.from_json(serial.to_json(state), MeasureState)
        moved, reference = Ledger([state]), Ledger([copy])
        event = attrs.evolve(tariff_, evidence=evidence)
        assert moved.apply([event]) == reference.apply([event])
        assert moved.dirty() == reference.dirty()
        # The state read is as it was, and reads as it did.
        assert _texts(Ledger([state]).states()) == _texts(Ledger([copy]).states())
        assert state.current("rate") is not None and state.current("rate").sources == ("a",)  # type: ignore[union-attr]


@given(histories())
def test_applying_twice_changes_nothing(events: list[Event]) -> None:
    ledger = Ledger()
    ledger.apply(events)
    states = ledger.states()
    assert ledger.apply(events) == []
    assert ledger.states() == states  # versions included


@given(histories(max_size=4), st.lists(testing.events(), max_size=4))
def test_states_round_trip(related: list[Event], unrelated: list[Event]) -> None:
    ledger = Ledger()
    ledger.apply(related + unrelated)
    for state in ledger.states().values():
        assert serial.from_json(serial.to_json(state), MeasureState) == state


@given(histories())
def test_current_value_is_the_best_ranked_report(events: list[Event]) -> None:
    """Recomputed from the events by the documented rank, with the wire form taken from `serial`."""

    def wire(field: str, event: Event) -> Any:
        plain = serial.to_dict(event)
        if isinstance(event, Threat) and field == "rate":
            plain = plain["measure"] or {}
        value = plain.get(field)
        if value in (None, []):
            return None
        return format(Decimal(value).normalize(), "f") if field == "rate" else value

    def rank(e: Evidence) -> tuple[Any, ...]:
        time = float("-inf") if e.published is None else e.published.timestamp()
        return (e.confidence >= 0.5, time, e.confidence, e.source or "", e.item_id or "")

    ledger = Ledger()
    ledger.apply(events)
    for key, state in ledger.states().items():
        mine = [e for e in events if measure_key(e) == key]
        for field in TRACKED[state.type]:
            reports: dict[str, list[Evidence]] = {}
            for e in mine:
                value = wire(field, e)
                if value is not None:
                    reports.setdefault(_json(value), []).append(e.evidence)
            observed = state.observed(field)
            assert {_json(o.value) for o in observed} == set(reports)
            for obs in observed:
                evidences = reports[_json(obs.value)]
                assert obs.sources == tuple(sorted({e.source or e.item_id or "?" for e in evidences}))
                assert rank(obs.evidence) == max(rank(e) for e in evidences)
            if reports:
                best = max(reports, key=lambda v: (max(rank(e) for e in reports[v]), v))
                now = state.current(field)
                assert now is not None
                assert _json(now.value) == best
                assert _json(wire(field, state.event)) == best  # the state's event holds it too


@given(histories())
def test_changes_agree_with_the_states_before_and_after(events: list[Event]) -> None:
    ledger = Ledger()
    for event in events:
        key = measure_key(event)
        before = ledger.state(key)
        changes = ledger.apply([event])
        after = ledger.state(key)
        assert after is not None
        if before is None:
            assert [(c.kind, c.event) for c in changes] == [(ChangeKind.NEW, event)]
            continue
        assert all(c.kind is ChangeKind.CHANGED and c.key == key and c.event is event for c in changes)
        moved = {}
        for field in TRACKED[after.type]:
            old, new = before.current(field), after.current(field)
            if (None if old is None else old.value) != (None if new is None else new.value):
                moved[field] = (old, new)
        assert [c.field for c in changes] == list(moved)
        for change in changes:
            assert change.field is not None
            old, new = moved[change.field]
            assert new is not None
            assert change.old == (None if old is None else old.value)
            assert change.new == new.value
            assert change.previous == (None if old is None else old.evidence)
            assert change.contradicted == bool(after.contradictions(change.field))
            if change.field == "rate" and old is not None:
                assert change.delta == Decimal(new.value) - Decimal(old.value)
            else:
                assert change.delta is None
            if change.field in ("until", "deadline", "effective", "when") and old is not None:
                end = "end" if change.field in ("until", "deadline") else "start"
                moved_days = date.fromisoformat(new.value[end]) - date.fromisoformat(old.value[end])
                assert change.days == moved_days.days
            else:
                assert change.days is None
        if not changes and before.version == after.version:
            assert before == after
