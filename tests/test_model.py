"""The domain model: what it accepts, what it refuses (naming the field), and its date-span algebra."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import (
    DateSpan,
    Evidence,
    ExportControl,
    Granularity,
    InvalidValueError,
    Item,
    MeasureKind,
    Negotiation,
    Product,
    Rate,
    Tariff,
    TariffStatus,
    Threat,
    Truce,
    jurisdiction,
    jurisdiction_name,
    testing,
)

EVIDENCE = Evidence(sentence="Tariffs rose.", start=10, end=23, confidence=0.8)


def tariff(**changes: Any) -> Tariff:
    return Tariff(**{"imposer": "US", "target": "CN", "status": "raised", "evidence": EVIDENCE, **changes})


class TestJurisdiction:
    def test_codes_are_normalised(self) -> None:
        assert jurisdiction(" us ") == "US"
        assert jurisdiction("uk") == "GB"
        assert jurisdiction("EU") == "EU"
        assert jurisdiction("*") == "*"

    @pytest.mark.parametrize("code", ["XX", "USA", "", "U", "eu-27"])
    def test_unknown_codes_are_refused(self, code: str) -> None:
        with pytest.raises(InvalidValueError, match="jurisdiction"):
            jurisdiction(code)

    def test_names(self) -> None:
        assert jurisdiction_name("cn") == "China"
        assert jurisdiction_name("EU") == "European Union"
        assert jurisdiction_name("*") == "all countries"


class TestRate:
    def test_accepts_numbers_and_strings(self) -> None:
        assert Rate("7.5%") == Rate(Decimal("7.5")) == Rate(7.5)
        assert Rate(25).percent == Decimal(25)

    def test_difference_is_in_points(self) -> None:
        assert Rate(100) - Rate(25) == Decimal(75)
        assert str(Rate("145.00")) == "145%"

    @pytest.mark.parametrize(
        ("value", "reason"),
        [(-1, "must be >= 0"), (10_001, "must be <= 10000"), ("NaN", "finite"), ("abc", "number")],
    )
    def test_out_of_range(self, value: Any, reason: str) -> None:
        with pytest.raises(InvalidValueError, match=reason):
            Rate(value)

    def test_bool_is_not_a_rate(self) -> None:
        with pytest.raises(InvalidValueError):
            Rate(True)  # type: ignore[arg-type]

    @given(testing.rates(), testing.rates())
    def test_ordering_follows_the_percentage(self, a: Rate, b: Rate) -> None:
        assert (a < b) == (a.percent < b.percent)
        assert (a - b) == -(b - a)


class TestProduct:
    def test_name_is_normalised(self) -> None:
        assert Product(name="  Rare-Earth   Magnets ").name == "rare-earth magnets"

    def test_hs_codes_are_cleaned_sorted_and_unique(self) -> None:
        product = Product(name="cars", hs_codes=["8703.80", "8703", "870380"])
        assert product.hs_codes == ("8703", "870380")

    @pytest.mark.parametrize("codes", [["1"], ["87a3"], ["12345678901"], "8703"])
    def test_bad_hs_codes(self, codes: Any) -> None:
        with pytest.raises(InvalidValueError, match="hs_codes"):
            Product(name="cars", hs_codes=codes)

    def test_empty_name(self) -> None:
        with pytest.raises(InvalidValueError, match="name: must not be empty"):
            Product(name="   ")


class TestDateSpan:
    def test_parts_of_month(self) -> None:
        early = DateSpan.part_of_month(2025, 11, "early", "early November")
        assert (early.start, early.end) == (date(2025, 11, 1), date(2025, 11, 10))
        mid = DateSpan.part_of_month(2025, 8, "mid")
        assert (mid.start, mid.end) == (date(2025, 8, 11), date(2025, 8, 20))
        late = DateSpan.part_of_month(2024, 2, "late")
        assert (late.start, late.end, late.days) == (date(2024, 2, 21), date(2024, 2, 29), 9)
        assert early.granularity is Granularity.PART_OF_MONTH

    def test_calendar_spans(self) -> None:
        assert DateSpan.month(2025, 7).days == 31
        assert DateSpan.quarter(2025, 4).start == date(2025, 10, 1)
        assert DateSpan.year(2024).days == 366
        week = DateSpan.week_of(date(2025, 8, 14))  # a Thursday
        assert (week.start.weekday(), week.days) == (0, 7)
        with pytest.raises(InvalidValueError, match="quarter"):
            DateSpan.quarter(2025, 5)

    def test_end_before_start_is_refused(self) -> None:
        with pytest.raises(InvalidValueError, match="end: must not be before start"):
            DateSpan(start=date(2025, 2, 1), end=date(2025, 1, 1))

    def test_datetimes_are_not_dates(self) -> None:
        with pytest.raises(InvalidValueError, match="start: must be a date"):
            DateSpan(start=datetime(2025, 1, 1), end=date(2025, 1, 2))

    def test_granularity_from_its_value(self) -> None:
        span = DateSpan(start=date(2025, 1, 1), end=date(2025, 1, 31), granularity="month")
        assert span.granularity is Granularity.MONTH
        with pytest.raises(InvalidValueError, match="granularity"):
            DateSpan(start=date(2025, 1, 1), end=date(2025, 1, 31), granularity="fortnight")

    @given(testing.date_spans(), testing.date_spans())
    def test_overlap_is_symmetric_and_agrees_with_days(self, a: DateSpan, b: DateSpan) -> None:
        assert a.overlaps(b) == b.overlaps(a)
        shared = {a.start + timedelta(days=i) for i in range(a.days)} & {
            b.start + timedelta(days=i) for i in range(b.days)
        }
        assert a.overlaps(b) == bool(shared)

    @given(testing.date_spans(), st.dates())
    def test_contains_a_day(self, span: DateSpan, day: date) -> None:
        assert span.contains(day) == (span.start <= day <= span.end)

    @given(testing.date_spans(), testing.date_spans())
    def test_contains_a_span_implies_overlap(self, a: DateSpan, b: DateSpan) -> None:
        if a.contains(b):
            assert a.overlaps(b)
            assert a.days >= b.days
        assert a.contains(a)

    @given(st.lists(testing.date_spans(), min_size=2, max_size=5))
    def test_order_is_by_start_then_end(self, spans: list[DateSpan]) -> None:
        ordered = sorted(spans)
        keys = [(s.start, s.end) for s in ordered]
        assert keys == sorted(keys)


class TestEvidence:
    def test_quote(self) -> None:
        text = "WASHINGTON - The US raised tariffs. More later."
        ev = Evidence.quote(text, 13, 35, confidence=0.9, item_id="a1")
        assert ev.sentence == "The US raised tariffs."
        assert text[ev.start : ev.end] == ev.sentence

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"confidence": 1.5}, "confidence"),
            ({"confidence": float("nan")}, "confidence"),
            ({"confidence": True}, "confidence"),
            ({"start": -1, "end": 12}, "start"),
            ({"end": 30}, "end"),
            ({"sentence": ""}, "sentence"),
            ({"published": datetime(2025, 1, 1)}, "published"),
            ({"url": ""}, "url"),
        ],
    )
    def test_refusals_name_the_field(self, changes: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            attrs.evolve(EVIDENCE, **changes)
        assert info.value.field == field
        assert str(info.value).startswith(f"{field}: ")


class TestEvents:
    def test_tariff_converts_friendly_values(self) -> None:
        t = tariff(rate="100", previous_rate=25, product="Electric Vehicles", status="raised")
        assert t.rate == Rate(100)
        assert t.previous_rate == Rate(25)
        assert t.product == Product(name="electric vehicles")
        assert t.status is TariffStatus.RAISED

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"imposer": "XX"}, "imposer"),
            ({"imposer": "*"}, "imposer"),
            ({"target": "US"}, "target"),
            ({"status": "doubled"}, "status"),
            ({"rate": -3}, "rate"),
            ({"previous_rate": "lots"}, "previous_rate"),
            ({"effective": "2025-01-01"}, "effective"),
            ({"authority": ""}, "authority"),
            ({"evidence": None}, "evidence"),
            ({"product": 5}, "product"),
        ],
    )
    def test_tariff_refusals_name_the_field(self, changes: dict[str, Any], field: str) -> None:
        with pytest.raises(InvalidValueError) as info:
            tariff(**changes)
        assert info.value.field == field

    def test_export_control(self) -> None:
        ec = ExportControl(
            imposer="US", target="CN", item="H20 chips", control="licence", status="lifted", evidence=EVIDENCE
        )
        assert ec.item.name == "h20 chips"
        with pytest.raises(InvalidValueError, match="control"):
            attrs.evolve(ec, control="embargo")

    def test_parties_are_sorted_and_deduplicated(self) -> None:
        truce = Truce(parties=["US", "cn", "US"], status="extended", evidence=EVIDENCE)
        assert truce.parties == ("CN", "US")
        with pytest.raises(InvalidValueError, match="parties: must name at least two"):
            Truce(parties=["US", "us"], status="agreed", evidence=EVIDENCE)
        with pytest.raises(InvalidValueError, match="parties"):
            Truce(parties=["US", "*"], status="agreed", evidence=EVIDENCE)
        with pytest.raises(InvalidValueError, match="parties"):
            Truce(parties="USCN", status="agreed", evidence=EVIDENCE)

    def test_negotiation(self) -> None:
        talks = Negotiation(
            parties=("US", "CN"),
            status="held",
            round=4,
            delegates=[" He Lifeng", "Scott Bessent", "He Lifeng"],
            evidence=EVIDENCE,
        )
        assert talks.delegates == ("He Lifeng", "Scott Bessent")
        for bad in ({"round": 0}, {"round": True}, {"delegates": ["", "x"]}, {"venue": " "}):
            with pytest.raises(InvalidValueError):
                attrs.evolve(talks, **bad)

    def test_threat_kind_follows_its_measure(self) -> None:
        measure = tariff(status="proposed", rate=200)
        threat = Threat(actor="US", target="CN", measure=measure, evidence=EVIDENCE)
        assert threat.kind is MeasureKind.TARIFF
        sanction = Threat(actor="US", target="RU", kind="sanction", evidence=EVIDENCE)
        assert sanction.measure is None
        with pytest.raises(InvalidValueError, match="kind: export_control does not match"):
            Threat(actor="US", target="CN", measure=measure, kind="export_control", evidence=EVIDENCE)
        with pytest.raises(InvalidValueError, match="measure: is required"):
            Threat(actor="US", target="CN", kind="tariff", evidence=EVIDENCE)
        with pytest.raises(InvalidValueError, match="measure: imposer US must be the threat.s actor CN"):
            Threat(actor="CN", target="US", measure=measure, evidence=EVIDENCE)

    @given(testing.events())
    def test_events_are_frozen_and_hashable(self, event: Any) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            event.evidence = EVIDENCE
        assert hash(event) == hash(attrs.evolve(event))


def test_item_requires_an_aware_time() -> None:
    with pytest.raises(InvalidValueError, match="published: must be timezone-aware"):
        Item(id="1", source="s", published=datetime(2025, 1, 1))
    item = Item(id="1", source="s", published=datetime(2025, 1, 1, tzinfo=UTC))
    assert item.text == ""
