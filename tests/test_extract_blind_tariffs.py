"""Tariff constructions of items written apart from the rules, each shown on sentences of its own (none from
the corpus): rates paired with goods with the noun of the duty repeated, a duty named by the verb that
collects it, the day collection began, the first sentence of a story filed from a city, exemptions of an
amount of goods, a duty imposed at once, a duty under consideration, the kind of goods named before, the duty
another answers, a start on a weekday, a pause kept, and the calendar day of an act."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import days
from tradewatch import Tariff, extract

FRIDAY = date(2025, 9, 5)


def tariffs(text: str, published: date = FRIDAY) -> list[Tariff]:
    return [e for e in extract(text, published=published) if isinstance(e, Tariff)]


def rates_by_goods(text: str) -> dict[str, str | None]:
    return {t.product.name: (str(t.rate.percent) if t.rate else None) for t in tariffs(text) if t.product}


class TestGappedRatesWithTheirNoun:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Imported tractors will face a 20% tariff and trailers a 5% tariff from Oct. 1, the White House said.",
                {"tractors": "20", "trailers": "5"},
            ),
            (
                "Foreign ferries will face a 30% duty and yachts an 8% duty under the order Washington issued.",
                {"ferries": "30", "yachts": "8"},
            ),
        ],
    )
    def test_each_goods_keeps_its_own_rate(self, text: str, expected: dict[str, str]) -> None:
        assert rates_by_goods(text) == expected


class TestADutyNamedByItsVerb:
    @pytest.mark.parametrize(
        ("text", "imposer", "target", "expected"),
        [
            (
                "Canada started charging 30 per cent on U.S. lumber and 12 per cent on paper.",
                "CA",
                "US",
                {"lumber": "30", "paper": "12"},
            ),
            ("Mexico will charge 15% on American corn from Monday.", "MX", "US", {"corn": "15"}),
            (
                "Ottawa said Washington had begun collecting 40 percent on Canadian potash.",
                "US",
                "CA",
                {"potash": "40"},
            ),
        ],
    )
    def test_a_rate_on_goods_after_charging_is_a_duty(
        self, text: str, imposer: str, target: str, expected: dict[str, str]
    ) -> None:
        found = tariffs(text)
        assert {t.imposer for t in found} == {imposer}
        assert {t.target for t in found} == {target}
        assert rates_by_goods(text) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "Shares in the carmaker rose 3 per cent on Friday.",
            "The bank will charge 5 per cent interest to its clients.",
        ],
    )
    def test_a_percentage_that_is_no_duty_states_none(self, text: str) -> None:
        assert tariffs(text) == []


class TestTheDayCollectionBegan:
    @pytest.mark.parametrize(
        "text",
        [
            "Canada started charging 30 per cent on U.S. lumber and 12 per cent on paper on Aug. 1.",
            "Officials said Washington had begun charging 30 percent on Canadian lumber on Aug. 1.",
            "Mexico began collecting a 15% duty on American corn on Aug. 1, officials said on Monday.",
        ],
    )
    def test_a_calendar_day_after_the_verb_of_collection_is_when_the_duty_applies(self, text: str) -> None:
        found = tariffs(text)
        assert found
        for tariff in found:
            assert tariff.status == "in_force"
            assert days(tariff.effective) == ("2025-08-01", "2025-08-01")


class TestTheFirstSentenceOfAFiledStory:
    def test_goods_opening_the_sentence_after_the_dateline_are_its_subject(self) -> None:
        text = (
            "WASHINGTON, Sept 5 (wire) - Imported tractors will face a 20% tariff and trailers a 5% tariff "
            "from Oct. 1, the White House said."
        )
        found = {t.product.name: t for t in tariffs(text) if t.product}
        assert set(found) == {"tractors", "trailers"}
        assert all(t.imposer == "US" and t.target == "*" for t in found.values())
        assert days(found["trailers"].effective) == ("2025-10-01", "2025-10-01")


class TestExemptionsOfAnAmountOfGoods:
    @pytest.mark.parametrize(
        "text",
        [
            "The United States will waive its tariffs on a set volume of Japanese steel and aluminium.",
            "The United States will waive its tariffs for a fixed quantity of Japanese steel and aluminium.",
            "Washington exempted a limited amount of Japanese steel and aluminium from its tariffs.",
        ],
    )
    def test_the_goods_are_what_the_amount_is_of(self, text: str) -> None:
        found = tariffs(text)
        assert {t.product.name for t in found if t.product} == {"steel", "aluminium"}
        assert {(t.imposer, t.target, t.status) for t in found} == {("US", "JP", "exempted")}

    def test_an_exemption_extended_for_an_amount_of_goods(self) -> None:
        text = (
            "Washington has extended until the end of 2026 the exemption from its tariffs for a set volume of "
            "Korean steel and aluminium."
        )
        found = {t.product.name: t for t in tariffs(text) if t.product}
        assert set(found) == {"steel", "aluminium"}
        assert all(t.status == "extended" and t.target == "KR" for t in found.values())

    def test_from_a_named_day_dates_an_exemption(self) -> None:
        text = "The United States will waive its tariffs for a set volume of Japanese steel from Jan. 1."
        (tariff,) = tariffs(text)
        assert tariff.status == "exempted"
        assert days(tariff.effective) == ("2026-01-01", "2026-01-01")

    def test_for_a_span_of_time_names_no_goods(self) -> None:
        text = "The United States will waive its tariffs on Japanese steel for 90 days."
        (tariff,) = tariffs(text)
        assert tariff.product is not None and tariff.product.name == "steel"


class TestADutyImposedAtOnce:
    def test_a_duty_imposed_that_takes_effect_immediately_is_in_force(self) -> None:
        text = (
            "Turkey imposed a duty of 20 percent on Chinese cars on Tuesday, the trade ministry said. "
            "The duty takes effect immediately and will last a year."
        )
        (tariff,) = tariffs(text)
        assert tariff.status == "in_force"

    def test_a_duty_to_come_stays_announced(self) -> None:
        (tariff,) = tariffs(
            "Turkey will impose a duty of 20 percent on Chinese cars, the trade ministry said. The rules take "
            "effect immediately."
        )
        assert tariff.status == "announced"

    def test_a_duty_imposed_with_no_day_to_come_is_in_force(self) -> None:
        # "imposed" in the past tense puts the duty in place, unless a day to come is named for it
        (tariff,) = tariffs(
            "Turkey imposed a duty of 20 percent on Chinese cars on Tuesday, the trade ministry said."
        )
        assert tariff.status == "in_force"


class TestADutyUnderConsideration:
    @pytest.mark.parametrize(
        ("text", "imposer", "target", "goods"),
        [
            ("Washington is weighing tariffs on Canadian lumber, officials said.", "US", "CA", "lumber"),
            ("The White House is considering tariffs on imported furniture.", "US", "*", "furniture"),
            ("Ottawa proposed new duties on Chinese steel on Tuesday.", "CA", "CN", "steel"),
        ],
    )
    def test_a_duty_governed_by_a_verb_of_consideration_is_proposed(
        self, text: str, imposer: str, target: str, goods: str
    ) -> None:
        (tariff,) = tariffs(text)
        assert (tariff.imposer, tariff.target, tariff.status) == (imposer, target, "proposed")
        assert tariff.product is not None and tariff.product.name == goods

    @pytest.mark.parametrize(
        "text",
        [
            "Economists are weighing tariffs against other risks to growth.",
            "Public hearings on the proposed tariffs will be held in Paris.",
        ],
    )
    def test_no_goods_or_a_measure_already_told_states_no_new_one(self, text: str) -> None:
        assert tariffs(text) == []


class TestTheKindOfGoodsNamedBefore:
    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            (
                "Washington opened a Section 232 inquiry into nickel imports, a review that could lead to tariffs "
                "on the metal.",
                "nickel",
            ),
            ("Beijing will buy more soybeans and cut its tariff on the oilseed to 3% from 25%.", "soybeans"),
        ],
    )
    def test_the_kind_stands_for_the_goods_named_before_it(self, text: str, goods: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.product is not None and tariff.product.name == goods

    def test_a_kind_with_no_goods_named_before_is_the_goods(self) -> None:
        (tariff,) = tariffs("Canada imposed a 10% tariff on the metal, officials said.")
        assert tariff.product is not None and tariff.product.name == "metal"


class TestTheDutyAnsweredByAnother:
    @pytest.mark.parametrize(
        "lead",
        ["retaliating against Washington's duties", "in retaliation for Washington's duties"],
    )
    def test_the_duty_named_as_the_cause_stands_with_its_own_goods(self, lead: str) -> None:
        text = (
            f"Beijing put tariffs of 20% on American beef and 10% on U.S. apples on Tuesday, {lead} on foreign "
            "solar panels."
        )
        found = {(t.imposer, t.product.name if t.product else None): t for t in tariffs(text)}
        assert set(found) == {("CN", "beef"), ("CN", "apples"), ("US", "solar panels")}
        answered = found[("US", "solar panels")]
        assert (answered.target, answered.status) == ("*", "in_force")

    def test_a_standard_duty_belongs_to_whoever_applies_it(self) -> None:
        text = (
            "Peru imposed a 15% surcharge on Chinese shoes, on top of Chile's standard 6% tariff on footwear."
        )
        assert any(
            (t.imposer, t.target, t.status, str(t.rate)) == ("CL", "*", "in_force", "6%")
            for t in tariffs(text)
            if t.product and t.product.name == "footwear"
        )


class TestAStartOnAWeekday:
    @pytest.mark.parametrize("lead", ["starting on", "beginning on", "effective on"])
    def test_a_weekday_that_starts_a_decided_duty_is_the_next_one(self, lead: str) -> None:
        text = f"Ottawa has slapped a 25% surtax on imported steel wire, {lead} Tuesday, the ministry said."
        (tariff,) = tariffs(text)
        assert days(tariff.effective) == ("2025-09-09", "2025-09-09")

    def test_a_weekday_of_a_duty_that_began_is_the_last_one(self) -> None:
        text = "Ottawa began collecting a 25% surtax on imported steel wire on Tuesday, the ministry said."
        (tariff,) = tariffs(text)
        assert days(tariff.effective) == ("2025-09-02", "2025-09-02")


class TestAPauseKept:
    @pytest.mark.parametrize("verb", ["keeps", "kept"])
    def test_a_duty_kept_on_hold_is_suspended(self, verb: str) -> None:
        (tariff,) = tariffs(f"The accord {verb} on hold a 20% U.S. tariff on French cheese.")
        assert (tariff.imposer, tariff.target, tariff.status) == ("US", "FR", "suspended")

    def test_a_duty_kept_in_place_stands(self) -> None:
        (tariff,) = tariffs("The accord keeps in place a 20% U.S. tariff on French cheese.")
        assert tariff.status == "in_force"


class TestTheCalendarDayOfAnAct:
    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("Britain dropped its own tariffs on U.S. goods in the dispute on Aug. 1.", "lifted"),
            ("Seoul raised its tariff on Chinese steel plate to 30% from 10% on Aug. 1.", "raised"),
        ],
    )
    def test_a_day_after_on_dates_a_change_made_in_the_past(self, text: str, status: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.status == status
        assert days(tariff.effective) == ("2025-08-01", "2025-08-01")

    def test_a_day_of_a_report_does_not_date_the_change(self) -> None:
        text = (
            "Britain dropped its tariffs on U.S. goods, the ministry said in a statement released on Aug. 1."
        )
        (tariff,) = tariffs(text)
        assert tariff.status == "lifted"
        assert tariff.effective is None
