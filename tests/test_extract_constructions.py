"""Constructions of news prose the extractor reads, each shown on sentences of its own (none from the corpus):
dates and their tense, which date belongs to which measure, list boundaries, direction, status cues, and the
mentions that state no measure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TypeVar

import pytest

from tradewatch import Event, ExportControl, Negotiation, Rate, Tariff, Threat, Truce, extract
from tradewatch.extract._actors import find_actors
from tradewatch.extract._dates import find_dates

THURSDAY = date(2025, 6, 12)
T = TypeVar("T")


def only(events: list[Event], kind: type[T]) -> list[T]:
    return [e for e in events if isinstance(e, kind)]


def dates(sentence: str, published: date = THURSDAY) -> list[tuple[str, str, str]]:
    return [(d.span.text, str(d.span.start), str(d.span.end)) for d in find_dates(sentence, published)]


class TestDateReading:
    def test_a_reporting_verb_dates_the_past_even_in_a_sentence_about_the_future(self) -> None:
        found = dates("Seoul will lower the levy next month, the finance ministry said on Monday.")
        assert ("on Monday", "2025-06-09", "2025-06-09") in found

    def test_a_plain_future_weekday_is_the_next_one(self) -> None:
        assert dates("The new rates will apply on Monday.") == [("on Monday", "2025-06-16", "2025-06-16")]

    def test_a_passive_future_is_still_the_future(self) -> None:
        found = dates("The quota will be imposed in February, officials said.", date(2025, 11, 3))
        assert found == [("in February", "2026-02-01", "2026-02-28")]

    def test_a_past_participle_in_a_future_sentence_reads_as_the_past(self) -> None:
        found = dates("Ankara said it will respond to the measures adopted in March.", date(2025, 9, 1))
        assert found == [("in March", "2025-03-01", "2025-03-31")]

    @pytest.mark.parametrize(
        ("sentence", "start", "end"),
        [
            ("Jakarta introduced the quota last year.", "2024-01-01", "2024-12-31"),
            ("Lima plans to cut the duty next year.", "2026-01-01", "2026-12-31"),
            ("The duty on cement rose this year.", "2025-01-01", "2025-12-31"),
        ],
    )
    def test_relative_years(self, sentence: str, start: str, end: str) -> None:
        assert [(s, e) for _, s, e in dates(sentence)] == [(start, end)]

    def test_hours_count_to_the_day_they_run_out(self) -> None:
        found = dates("Exporters have to file the forms within 48 hours.")
        assert found == [("within 48 hours", "2025-06-14", "2025-06-14")]

    def test_a_length_after_lasting(self) -> None:
        assert dates("a pause lasting 60 days")[0][1:] == ("2025-08-11", "2025-08-11")


class TestWhichDateBelongsToTheMeasure:
    def test_the_day_a_statement_was_made_is_not_the_day_a_duty_applies(self) -> None:
        text = (
            "Ottawa will cut its surtax on U.S. steel to 10% from 25%, the finance ministry said on Monday."
        )
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert tariff.effective is None

    def test_a_clock_time_does_not_hide_the_date_of_another_sentence(self) -> None:
        text = (
            "Brazil will impose a 12% tariff on Argentine wheat. "
            "The new duty takes effect at 12:01 a.m. local time on Saturday, the ministry added."
        )
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-06-14"

    def test_each_list_of_goods_keeps_its_own_start(self) -> None:
        text = (
            "Mexico will impose a 20% tariff on Chinese footwear from July 1 and a 15% tariff on Chinese "
            "toys from Aug. 15, the economy ministry said."
        )
        by_product = {
            t.product.name: t.effective for t in only(extract(text, published=THURSDAY), Tariff) if t.product
        }
        assert str(by_product["footwear"].start) == "2025-07-01"  # type: ignore[union-attr]
        assert str(by_product["toys"].start) == "2025-08-15"  # type: ignore[union-attr]

    def test_a_plan_that_was_overtaken_gives_no_date(self) -> None:
        text = (
            "Canada has postponed the increase in its duties on Chinese steel that were due to take effect "
            "on Friday."
        )
        for tariff in only(extract(text, published=THURSDAY), Tariff):
            assert tariff.effective is None

    def test_a_truce_that_ended_ends_on_the_day_it_ended(self) -> None:
        text = "The ceasefire between India and Pakistan on cross-border trade collapsed on Tuesday."
        (truce,) = only(extract(text, published=THURSDAY), Truce)
        assert truce.until is not None and str(truce.until.start) == "2025-06-10"

    def test_a_length_counted_from_a_stated_start(self) -> None:
        text = "Japan and South Korea agreed a trade truce lasting 30 days from July 1."
        (truce,) = only(extract(text, published=THURSDAY), Truce)
        assert truce.until is not None and str(truce.until.start) == "2025-07-31"

    def test_where_talks_are_held_is_not_when_a_truce_ends(self) -> None:
        text = (
            "Indonesia and Malaysia extended their trade truce after talks in Kuala Lumpur this week; "
            "it now runs until Sept. 30."
        )
        (truce,) = only(extract(text, published=THURSDAY), Truce)
        assert truce.until is not None and str(truce.until.start) == "2025-09-30"

    def test_the_date_of_the_talks_is_not_the_end_of_a_truce(self) -> None:
        text = (
            "Britain and India have agreed a truce that runs until March 31, in a deal reached by their trade "
            "ministers in Delhi on Wednesday."
        )
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.when is not None and str(talks.when.start) == "2025-06-11"


class TestListsAndDirection:
    def test_a_second_owner_in_one_sentence_states_its_own_duty(self) -> None:
        text = (
            "Canada said on Friday it would levy duties on U.S. orange juice, hours after a 25% U.S. tariff "
            "on Canadian lumber came into force."
        )
        pairs = {(t.imposer, t.target) for t in only(extract(text, published=THURSDAY), Tariff)}
        assert ("US", "CA") in pairs and ("CA", "US") in pairs

    def test_goods_named_again_keep_their_imposer(self) -> None:
        text = (
            "Ottawa will restore its surtax on U.S. bourbon and motorcycles from July 1, the finance ministry "
            "said, after Washington doubled its tariffs on Canadian steel. The levies on bourbon and "
            "motorcycles were first imposed in 2018."
        )
        imposers = {t.imposer for t in only(extract(text, published=THURSDAY), Tariff) if t.product}
        bourbon = [
            t
            for t in only(extract(text, published=THURSDAY), Tariff)
            if t.product and t.product.name == "bourbon"
        ]
        assert imposers >= {"CA"}
        assert {t.imposer for t in bourbon} == {"CA"}

    def test_imported_goods_come_from_anywhere(self) -> None:
        text = (
            "A 30% Indian duty on imported gold took effect on Monday, and bullion traders in Dubai and London "
            "said demand had slumped."
        )
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert (tariff.imposer, tariff.target) == ("IN", "*")

    def test_a_part_that_lists_nothing_ends_the_list(self) -> None:
        text = (
            "Washington raised its tariffs on Chinese batteries to 50% last month. "
            "The 25% tariff on Chinese graphite remains due to start on Monday, the Commerce Department said."
        )
        graphite = [t for t in only(extract(text, published=THURSDAY), Tariff) if t.rate == Rate(Decimal(25))]
        assert [(t.imposer, t.target) for t in graphite] == [("US", "CN")]

    def test_examples_of_goods_are_not_goods_of_their_own(self) -> None:
        text = (
            "The European Union will raise its duty on Vietnamese furniture, such as sofas and tables, "
            "to 12% from 4%."
        )
        names = {t.product.name for t in only(extract(text, published=THURSDAY), Tariff) if t.product}
        assert names == {"furniture"}

    def test_the_rest_of_a_list_is_no_goods(self) -> None:
        text = "Japan exempted cocoa, vanilla and several other crops from tariffs."
        names = {t.product.name for t in only(extract(text, published=THURSDAY), Tariff) if t.product}
        assert names == {"cocoa", "vanilla"}

    def test_a_bloc_of_members_is_one_party(self) -> None:
        text = (
            "The European Union and the Pacific Alliance bloc of Chile, Colombia, Mexico and Peru concluded "
            "negotiations on a trade agreement on Friday."
        )
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.parties == ("CL", "CO", "EU", "MX", "PE")

    def test_the_goods_of_a_statement_alone_give_its_target(self) -> None:
        text = "Japan has cut its import duty on rice to 5% from 20%, a move that helps American growers."
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert (tariff.imposer, tariff.target, tariff.status.value) == ("JP", "*", "lowered")

    def test_a_government_that_makes_importers_pay_imposes_the_duty(self) -> None:
        text = "Ottawa has required importers of Chinese steel to pay a 25% surtax since October."
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert (tariff.imposer, tariff.target) == ("CA", "CN")

    def test_the_same_goods_singular_and_plural_are_one_measure(self) -> None:
        text = (
            "Washington cut its tariff on Korean trucks to 15% from 25% on Monday. "
            "The truck tariff was first imposed in April."
        )
        assert len(only(extract(text, published=THURSDAY), Tariff)) == 1


class TestStatus:
    def test_a_verb_whose_object_ends_in_the_trigger_is_the_status(self) -> None:
        text = "Seoul will suspend the expansion of its export curbs on hydrogen fluoride that it announced in May."
        (control,) = only(extract(text, published=THURSDAY), ExportControl)
        assert control.status.value == "lifted"  # a control suspended no longer applies

    def test_a_measure_described_in_a_relative_clause_is_not_its_status(self) -> None:
        text = "Japan's trade ministry has rescinded a rule that would have required licences for exports of drones."
        (control,) = only(extract(text, published=THURSDAY), ExportControl)
        assert control.status.value == "lifted"

    def test_a_clause_that_describes_a_rule_does_not_set_its_status(self) -> None:
        text = (
            "Tokyo will suspend for six months a rule that widened its licence requirements for chip tools."
        )
        (control,) = only(extract(text, published=THURSDAY), ExportControl)
        assert control.status.value == "lifted"  # suspended, the rule no longer applies

    def test_goods_that_already_face_a_duty(self) -> None:
        text = "Brazilian coffee already faces a 50% U.S. tariff, which Washington imposed in August."
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert tariff.status.value == "in_force"

    def test_the_current_rate_is_the_previous_rate(self) -> None:
        text = "Ottawa approved a 35% surtax on Chinese steel, more than tripling the current 10% rate."
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert (tariff.rate, tariff.previous_rate) == (Rate(Decimal(35)), Rate(Decimal(10)))
        assert tariff.status.value == "raised"

    @pytest.mark.parametrize(
        "text",
        [
            "The second increase will lift the total U.S. tariff on Chinese solar cells to 60%.",
            "U.S. duties on Chinese solar cells climbed to 60% on Monday.",
        ],
    )
    def test_a_rate_that_climbs_is_raised(self, text: str) -> None:
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert (tariff.status.value, tariff.rate) == ("raised", Rate(Decimal(60)))

    def test_a_rate_that_has_applied_since_a_date_is_in_force(self) -> None:
        text = "The deal keeps a 10% U.S. tariff on most British goods, which has applied since April 5."
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert tariff.status.value == "in_force"

    def test_a_standard_rate_is_in_force(self) -> None:
        text = (
            "Electric cars from China pay a 20% EU levy on top of the standard 10% EU duty on imported cars."
        )
        cars = [t for t in only(extract(text, published=THURSDAY), Tariff) if t.rate == Rate(Decimal(10))]
        assert [t.status.value for t in cars] == ["in_force"]

    def test_a_negated_participle_describes_the_goods(self) -> None:
        text = (
            "The U.S. tariff on Mexican goods not covered by the trade pact rose to 30% from 25% on Friday."
        )
        (tariff,) = only(extract(text, published=THURSDAY), Tariff)
        assert (tariff.imposer, tariff.target, tariff.status.value) == ("US", "MX", "raised")


class TestNoMeasure:
    @pytest.mark.parametrize(
        "text",
        [
            "Ministers will discuss tariffs, export controls and investment screening in Rome.",
            "Mexico has opened an anti-dumping investigation into Chinese steel pipes.",
            "Several European countries levy taxes on the revenue of streaming services.",
            "Carmakers have been seeking lower Brazilian duties on engines and gearboxes.",
        ],
    )
    def test_topics_cases_other_taxes_and_wishes(self, text: str) -> None:
        events = extract(text, published=THURSDAY)
        assert not only(events, Tariff) and not only(events, ExportControl)


class TestActors:
    @pytest.mark.parametrize(
        ("text", "codes"),
        [
            ("Exports to the Philippines and the Netherlands fell.", ["PH", "NL"]),
            ("The Philippines raised its tariff on rice from Vietnam to 20%.", ["PH", "VN"]),
            ("Turkey imports turkey meat from the Gambia.", ["TR", "GM"]),
        ],
    )
    def test_a_name_after_a_lower_case_article_is_read(self, text: str, codes: list[str]) -> None:
        assert [m.code for m in find_actors(text)] == codes

    def test_he_is_the_person_named_last(self) -> None:
        text = (
            "President Donald Trump raised tariffs on Indian goods to 50% on Wednesday. "
            "Canada and Mexico were spared for now. "
            "He also threatened Brazil with tariffs."
        )
        threats = only(extract(text, published=THURSDAY), Threat)
        assert [(t.actor, t.target) for t in threats] == [("US", "BR")]

    def test_he_meets_someone_in_a_city_that_is_not_a_party(self) -> None:
        text = (
            "Commerce Secretary Howard Lutnick flew to Europe on Sunday. "
            "He will meet Japan's trade minister in Paris next week for talks on car tariffs."
        )
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.parties == ("JP", "US")

    def test_any_country_is_every_target(self) -> None:
        text = (
            "Beijing warned on Tuesday that it would take countermeasures against any country that joins "
            "U.S. curbs on chip exports."
        )
        (threat,) = only(extract(text, published=THURSDAY), Threat)
        assert (threat.actor, threat.target) == ("CN", "*")

    @pytest.mark.parametrize(
        "text",
        [
            "Chile and South Korea concluded a deal to expand their trade pact on Monday.",
            "Analysts praised the deal struck by Chile and South Korea on Monday.",
        ],
    )
    def test_a_concluded_deal_is_a_concluded_negotiation(self, text: str) -> None:
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.parties == ("CL", "KR")


class TestTalksStatus:
    def test_an_offer_to_hold_talks_is_a_proposal(self) -> None:
        text = "Seoul said on Monday it was studying a Japanese offer to hold trade talks next month."
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.status.value == "proposed"

    def test_talks_put_off_at_the_end_of_a_long_sentence(self) -> None:
        text = (
            "A trip by Canadian negotiators to Mexico City for a third round of talks on a new trade pact, "
            "which had been set for early July, has been postponed, officials said."
        )
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.status.value == "suspended"

    def test_failing_to_conclude_is_not_concluding(self) -> None:
        text = "New Zealand and India failed to conclude a free trade agreement after talks in Auckland on Friday."
        (talks,) = only(extract(text, published=THURSDAY), Negotiation)
        assert talks.status.value != "concluded"


class TestRatesAndGoods:
    def test_each_list_takes_its_own_new_rate(self) -> None:
        text = "Washington is raising the duty on Indian shrimp to 40% and on Indian rice to 15%."
        rates = {t.product.name: t.rate for t in only(extract(text, published=THURSDAY), Tariff) if t.product}
        assert rates == {"shrimp": Rate(Decimal(40)), "rice": Rate(Decimal(15))}

    def test_a_model_code_names_the_chips(self) -> None:
        text = "The U.S. will require a licence for exports of Intel's X550 chips to China."
        (control,) = only(extract(text, published=THURSDAY), ExportControl)
        assert control.item is not None and control.item.name == "x550 chips"
