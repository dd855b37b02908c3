"""More constructions of news prose, each shown on sentences of its own (none from the corpus): the verb a
measure undergoes against the verbs that describe it, the dates of talks, of truces and of threats, dates
that belong to another statement of the sentence, and the goods a phrase names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Tariff, Threat, Truce, extract
from tradewatch.extract._dates import find_dates

FRIDAY = date(2025, 9, 5)


def dates(sentence: str, published: date = FRIDAY) -> list[tuple[str, str, str]]:
    return [(d.span.text, str(d.span.start), str(d.span.end)) for d in find_dates(sentence, published)]


class TestTheVerbTheMeasureUndergoes:
    @pytest.mark.parametrize(
        "text",
        [
            "Mexico will scrap the retaliatory levies it imposed on American pork last year, officials said.",
            "Seoul will remove the duties of 20% it placed on Japanese film, the trade ministry said.",
            "Brazil will end the retaliatory tariffs of up to 30% it slapped on U.S. ethanol in March.",
        ],
    )
    def test_a_relative_clause_describes_the_duty_and_the_main_verb_says_what_happens(
        self, text: str
    ) -> None:
        tariffs = only(extract(text, published=FRIDAY), Tariff)
        assert tariffs and all(t.status == "lifted" for t in tariffs)

    def test_duties_of_up_to_a_rate_are_lifted_not_raised(self) -> None:
        text = "India will lift the extra duties of up to 20% on U.S. almonds from Oct. 1."
        (tariff,) = only(extract(text, published=FRIDAY), Tariff)
        assert tariff.status == "lifted"
        assert days(tariff.effective) == ("2025-10-01", "2025-10-01")

    @pytest.mark.parametrize(
        "text",
        [
            "Ottawa's finance minister demanded that Washington remove its 25% tariffs on Canadian lumber.",
            "Mexico's economy minister insisted that the United States drop its 30% duty on Mexican tomatoes.",
        ],
    )
    def test_demanding_that_another_government_remove_a_duty(self, text: str) -> None:
        (tariff,) = only(extract(text, published=FRIDAY), Tariff)
        assert tariff.status == "demanded" and tariff.imposer == "US"

    def test_sparing_a_country_an_increase_is_no_exemption(self) -> None:
        text = (
            "Vietnam will keep paying the current 20% U.S. tariff for another 60 days, the White House said, "
            "sparing Hanoi an increase that had been due next week."
        )
        (tariff,) = only(extract(text, published=FRIDAY), Tariff)
        assert tariff.status != "exempted" and tariff.rate is not None


class TestGoods:
    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            ("Ankara imposed a 40% duty on Chinese-made electric vehicles.", ["electric vehicles"]),
            ("Lima set a 15% tariff on Korean-built trucks and Japanese-made tyres.", ["trucks", "tyres"]),
        ],
    )
    def test_a_made_in_origin_is_not_part_of_the_goods(self, text: str, goods: list[str]) -> None:
        found = [t.product.name for t in only(extract(text, published=FRIDAY), Tariff) if t.product]
        assert found == goods

    def test_goods_entering_a_country_end_before_the_participle(self) -> None:
        text = "Washington will raise tariffs on trucks entering the United States from Mexico to 25%."
        names = [t.product.name for t in only(extract(text, published=FRIDAY), Tariff) if t.product]
        assert names == ["trucks"]


class TestGoodsThatUndergoADuty:
    @pytest.mark.parametrize(
        ("text", "target", "goods", "rate"),
        [
            (
                "Washington unveiled new duties on Tuesday. Steel pipes from Vietnam will face a 25% tariff.",
                "VN",
                "steel pipes",
                "25%",
            ),
            (
                "The U.S. Commerce Department set new duties. Canadian lumber will face a 14% duty from Monday.",
                "CA",
                "lumber",
                "14%",
            ),
        ],
    )
    def test_goods_as_the_subject_of_face(self, text: str, target: str, goods: str, rate: str) -> None:
        found = [t for t in only(extract(text, published=FRIDAY), Tariff) if t.product]
        assert [(t.imposer, t.target, t.product.name, str(t.rate)) for t in found if t.product] == [
            ("US", target, goods, rate)
        ]
        assert found[0].status == "announced"

    def test_would_face_under_a_plan_is_a_proposal(self) -> None:
        text = (
            "Chile's government proposed new duties on Chinese steel. Chinese solar glass and tyres would also "
            "face higher duties under the plan."
        )
        statuses = {
            t.product.name: t.status for t in only(extract(text, published=FRIDAY), Tariff) if t.product
        }
        assert statuses == {"steel": "proposed", "solar glass": "proposed", "tyres": "proposed"}

    def test_will_still_face_is_a_duty_that_stands(self) -> None:
        text = "Beijing will drop its duties on U.S. pork, but American sorghum will still face a 15% duty."
        found = {t.product.name: t.status for t in only(extract(text, published=FRIDAY), Tariff) if t.product}
        assert found == {"pork": "lifted", "sorghum": "in_force"}


class TestDatesOfMeasures:
    def test_a_measure_under_consideration_dated_by_the_end_of_a_period(self) -> None:
        text = (
            "Canada is weighing tariffs on Chinese steel wire and could impose them by the end of the year."
        )
        (tariff,) = only(extract(text, published=FRIDAY), Tariff)
        assert tariff.status == "proposed"
        assert days(tariff.effective) == ("2025-12-21", "2025-12-31")

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            (
                "Washington raised its tariff on Brazilian beef to 40% last week.",
                ("2025-08-25", "2025-08-31"),
            ),
            ("Jakarta cut its duty on Thai rice to 5% in July.", ("2025-07-01", "2025-07-31")),
        ],
    )
    def test_the_new_rate_then_when_it_came(self, text: str, span: tuple[str, str]) -> None:
        (tariff,) = only(extract(text, published=FRIDAY), Tariff)
        assert days(tariff.effective) == span

    def test_the_date_of_another_duty_in_a_clause_after_is_its_own(self) -> None:
        text = (
            "India is considering duties on U.S. apples and walnuts, hours after a 25% U.S. tariff on "
            "Indian goods took effect at 12:01 a.m. EDT on Friday."
        )
        events = only(extract(text, published=FRIDAY), Tariff)
        assert {t.imposer: days(t.effective) for t in events} == {
            "IN": None,
            "US": ("2025-09-05", "2025-09-05"),
        }

    def test_the_day_a_control_was_imposed_does_not_date_its_relaxation(self) -> None:
        text = (
            "Washington will let AMD resume sales of its MI308 chips to China, reversing a licence requirement "
            "imposed in April."
        )
        controls = only(extract(text, published=FRIDAY), ExportControl)
        relaxed = [c for c in controls if c.status == "relaxed"]
        assert relaxed and all(c.effective is None for c in relaxed)

    def test_with_effect_from_a_day_dates_the_measures_of_the_item_but_not_a_separate_one(self) -> None:
        text = (
            "Beijing imposed licence requirements on exports of tungsten and indium to all countries. "
            "The metals are covered with effect from Monday, the ministry said. "
            "Separately, the ministry added nine U.S. firms to its export control list."
        )
        controls = only(extract(text, published=FRIDAY), ExportControl)
        dated = {(c.item.name if c.item else c.control.value): days(c.effective) for c in controls}
        assert dated["tungsten"] == ("2025-09-08", "2025-09-08")
        assert dated["entity_list"] is None


class TestDateTense:
    def test_a_part_of_a_month_after_a_past_verb_is_the_last_one(self) -> None:
        found = dates("The agency rescinded the rules it imposed in late June.")
        assert found == [("late June", "2025-06-21", "2025-06-30")]

    @pytest.mark.parametrize(
        "sentence", ["The truce runs until early March.", "The truce has been extended until early March."]
    )
    def test_a_part_of_a_month_is_otherwise_the_next_one(self, sentence: str) -> None:
        assert dates(sentence) == [("early March", "2026-03-01", "2026-03-10")]

    def test_a_start_from_a_weekday_in_the_present_tense_is_to_come(self) -> None:
        found = dates("The ministry is widening its licence rule to more machines from Tuesday.")
        assert found == [("from Tuesday", "2025-09-09", "2025-09-09")]

    def test_a_start_from_a_weekday_after_a_past_verb_is_past(self) -> None:
        found = dates("The exemptions applied retroactively to goods entering from Tuesday.")
        assert found == [("from Tuesday", "2025-09-02", "2025-09-02")]


class TestDatesOfTalks:
    def test_the_days_talks_ran_rather_than_the_day_a_deal_was_announced(self) -> None:
        text = (
            "Japan and India agreed on Wednesday to a framework to cut tariffs, after talks in Tokyo. "
            "Japanese and Indian trade negotiators met on Monday and Tuesday at the foreign ministry."
        )
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert days(talks.when) == ("2025-09-01", "2025-09-02")

    def test_talks_dated_where_they_are_named_were_held(self) -> None:
        text = "A Korean official said the U.S. and South Korean talks on Monday and Tuesday had been useful."
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert talks.status == "held"
        assert days(talks.when) == ("2025-09-01", "2025-09-02")

    def test_the_date_after_the_talks_in_their_own_statement(self) -> None:
        text = (
            "Trump signed an order on Thursday implementing the trade agreement the United States and Vietnam "
            "reached in Hanoi in July."
        )
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert days(talks.when) == ("2025-07-01", "2025-07-31")

    def test_a_report_late_on_a_day_dates_talks_said_to_be_suspended(self) -> None:
        # the day it was said is the day they stopped; "until further notice" names no end
        text = (
            "Brazil said late on Thursday it was suspending trade talks with Argentina until further notice."
        )
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert talks.status == "suspended"
        assert talks.when is not None and talks.when.start == talks.when.end == FRIDAY - timedelta(days=1)

    def test_a_dateline_with_a_region_is_not_the_day_of_the_talks(self) -> None:
        text = (
            "KANANASKIS, Alberta, Sept 5 - Canada and the European Union concluded trade talks on Wednesday "
            "after two years of negotiations."
        )
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert days(talks.when) == ("2025-09-03", "2025-09-03")

    def test_an_agreement_that_followed_talks_concluded_them(self) -> None:
        text = "The accord followed three days of talks in Madrid between Chilean and Peruvian negotiators."
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert talks.status == "concluded"

    def test_talks_dated_only_by_the_truce_they_produced(self) -> None:
        text = (
            "The European Union and Japan agreed on Tuesday to a truce in their dispute over steel. "
            "After talks in Tokyo, the two sides said they would keep working on a broader deal."
        )
        (talks,) = only(extract(text, published=FRIDAY), Negotiation)
        assert talks.status == "concluded"
        assert days(talks.when) == ("2025-09-02", "2025-09-02")


class TestTruces:
    def test_expires_on_a_day_is_the_end_not_the_month_it_was_agreed(self) -> None:
        text = "The trade truce between Mexico and China, agreed in Lima in March, expires on Sept. 30."
        (truce,) = only(extract(text, published=FRIDAY), Truce)
        assert days(truce.until) == ("2025-09-30", "2025-09-30")

    def test_beyond_a_deadline_is_no_new_end(self) -> None:
        text = "Canada said it would extend its trade truce with Mexico beyond the Oct. 1 deadline."
        (truce,) = only(extract(text, published=FRIDAY), Truce)
        assert truce.status == "extended" and truce.until is None

    @pytest.mark.parametrize(
        "text",
        [
            "Officials said the trade truce between the United States and India may well be prolonged.",
            "Another extension of the U.S.-Mexico trade truce is one option, an aide said.",
            "Negotiators from Brazil and the United States ended talks without announcing an extension of their "
            "trade truce.",
        ],
    )
    def test_an_extension_that_is_only_possible_or_not_announced_is_none(self, text: str) -> None:
        assert not [t for t in only(extract(text, published=FRIDAY), Truce) if t.status == "extended"]


class TestThreatDeadlines:
    @pytest.mark.parametrize(
        ("text", "span"),
        [
            (
                "Trump threatened to impose a 60% tariff on Brazilian goods unless Brasilia drops its own duties "
                "on U.S. ethanol by Wednesday.",
                ("2025-09-10", "2025-09-10"),
            ),
            (
                "Trump agreed to hold off on his threatened 40% tariff on goods from Japan until Oct. 15.",
                ("2025-10-15", "2025-10-15"),
            ),
        ],
    )
    def test_a_time_limit_by_its_lead_word(self, text: str, span: tuple[str, str]) -> None:
        (threat,) = only(extract(text, published=FRIDAY), Threat)
        assert days(threat.deadline) == span

    def test_a_date_of_another_event_after_the_threat_is_no_deadline(self) -> None:
        text = (
            "Trump threatened to impose a 100% tariff on Chinese drones unless Beijing eases its curbs, a day "
            "after the two countries extended their tariff truce until early December."
        )
        (threat,) = only(extract(text, published=FRIDAY), Threat)
        assert threat.deadline is None
