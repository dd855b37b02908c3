"""Constructions of tariff news, each shown on sentences of its own (none from the corpus): what happens to a
duty when a verb is put off, when its goods are listed after it or named again in a later sentence, when its
rate is added on top of another, and which date a measure takes when several are stated."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import days, only
from tradewatch import Tariff, extract

FRIDAY = date(2025, 9, 5)


def tariffs(text: str, published: date = FRIDAY) -> list[Tariff]:
    return only(extract(text, published=published), Tariff)


def by_goods(text: str, published: date = FRIDAY) -> dict[str, Tariff]:
    return {t.product.name: t for t in tariffs(text, published) if t.product}


class TestAChangePutOff:
    @pytest.mark.parametrize(
        "text",
        [
            "Seoul will hold off on raising tariffs on Japanese goods to 20% from 10%, the ministry said.",
            "Brazil delayed increasing its tariff on U.S. ethanol to 18% from 9%.",
            "Canada is holding off on doubling its surtax on Chinese steel to 50% from 25% until June.",
        ],
    )
    def test_holding_off_on_a_rise_is_a_pause_not_a_rise(self, text: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.status == "suspended"
        assert tariff.rate is not None and tariff.previous_rate is not None


class TestDatesOfAChange:
    def test_a_cut_backdated_to_a_day_applies_from_that_day(self) -> None:
        text = "Japan has cut its tariff on Australian beef to 20% from 38%, backdated to April 1, officials said."
        (tariff,) = tariffs(text)
        assert tariff.status == "lowered"
        assert days(tariff.effective) == ("2025-04-01", "2025-04-01")

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            ("On Tuesday, Canada raised its surtax on Chinese steel to 25% from 10%.", "raised"),
            ("On Tuesday the European Union lifted its duties on U.S. motorcycles.", "lifted"),
        ],
    )
    def test_a_day_that_opens_the_sentence_dates_the_change_it_states(self, text: str, status: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.status == status
        assert days(tariff.effective) == ("2025-09-02", "2025-09-02")

    def test_a_day_that_opens_a_sentence_about_the_future_is_not_the_day_it_applies(self) -> None:
        text = "On Tuesday, Canada said it will raise its surtax on Chinese steel to 25% from 10% next month."
        (tariff,) = tariffs(text)
        assert days(tariff.effective) == ("2025-10-01", "2025-10-31")

    def test_the_same_day_is_the_day_the_earlier_measure_applies_not_the_day_it_was_decided(self) -> None:
        text = (
            "Duties on Chinese steel will rise to 40% from 25% on Oct. 1, under increases that Washington approved "
            "in June. Tariffs on Chinese aluminum will go to 30% from 10% on the same day."
        )
        found = by_goods(text)
        assert days(found["steel"].effective) == ("2025-10-01", "2025-10-01")
        assert days(found["aluminum"].effective) == ("2025-10-01", "2025-10-01")


class TestGoodsListedAfterTheDuty:
    def test_goods_after_including_undergo_the_verb_of_the_duty_they_belong_to(self) -> None:
        text = (
            "India raised tariffs on a range of U.S. goods on Sunday, including almonds, apples and walnuts, "
            "in retaliation for a dispute over visas."
        )
        found = by_goods(text)
        assert set(found) == {"almonds", "apples", "walnuts"}
        assert {t.status for t in found.values()} == {"raised"}

    def test_a_verb_in_a_relative_clause_after_the_goods_is_not_their_status(self) -> None:
        text = (
            "Washington said it would levy new duties on bicycles, ceramic tiles and garden tools, widening its "
            "tariff drive to goods that have so far been spared."
        )
        found = by_goods(text)
        assert set(found) == {"bicycles", "ceramic tiles", "garden tools"}
        assert {t.status for t in found.values()} == {"announced"}

    @pytest.mark.parametrize(
        "text",
        [
            "Peru will raise tariffs on $3 billion of U.S. goods from June 1.",
            "Vietnam raised tariffs on U.S. goods on Monday.",
            "Ottawa lifted its surtax on nearly every Chinese import on Monday.",
        ],
    )
    def test_goods_of_an_origin_named_without_a_kind_cover_all_goods(self, text: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.product is None

    def test_an_apposition_after_the_goods_is_no_more_goods(self) -> None:
        text = (
            "Washington removed tariffs on Japanese machine tools and robots, a relief for Osaka exporters."
        )
        assert set(by_goods(text)) == {"machine tools", "robots"}

    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            ("Mexico will scrap its tariffs on American corn, Sheinbaum wrote in a post.", "corn"),
            (
                "Washington will raise the rate on Indian shrimp already facing duties to 40% from 25%.",
                "shrimp",
            ),
        ],
    )
    def test_what_follows_the_goods_is_no_part_of_their_name(self, text: str, goods: str) -> None:
        assert list(by_goods(text)) == [goods]


class TestGoodsNamedAgain:
    def test_goods_named_with_their_origin_keep_it_when_named_again(self) -> None:
        text = "Mexico imposed duties on American pork and cheese on Monday. Cheese will face a 20% levy."
        cheese = by_goods(text)["cheese"]
        assert (cheese.imposer, cheese.target, str(cheese.rate)) == ("MX", "US", "20%")

    def test_goods_of_one_imposer_undergo_its_duty_in_a_story_of_two_sides(self) -> None:
        text = (
            "India will cut its duty on Australian chickpeas to 10% from March 1. Australia will remove its levy "
            "on Indian rice. Chickpeas had faced duties of 60% since August."
        )
        chickpeas = [t for t in tariffs(text) if t.product and t.product.name == "chickpeas"]
        assert [(t.imposer, t.target) for t in chickpeas] == [("IN", "AU")]

    def test_the_rate_a_later_sentence_gives_as_standing_is_the_rate_a_cut_starts_from(self) -> None:
        text = "India will cut its duty on Australian chickpeas to 10%. Chickpeas had faced duties of 60% since May."
        chickpeas = by_goods(text)["chickpeas"]
        assert chickpeas.status == "lowered"
        assert (str(chickpeas.rate), str(chickpeas.previous_rate)) == ("10%", "60%")


class TestRatesOfSeveralGoods:
    @pytest.mark.parametrize(
        "text",
        [
            "Vietnam raised tariffs on U.S. goods. Frozen shrimp will carry a 20% duty, canned tuna 15% and fish "
            "oil 10%, all from Oct. 1.",
            "Vietnam raised tariffs on U.S. goods. Frozen shrimp will pay a duty of 20%, canned tuna 15% and fish "
            "oil 10% from Oct. 1.",
        ],
    )
    def test_goods_and_rates_with_the_verb_left_out(self, text: str) -> None:
        found = by_goods(text)
        assert {name: str(t.rate) for name, t in found.items()} == {
            "frozen shrimp": "20%",
            "canned tuna": "15%",
            "fish oil": "10%",
        }
        assert {t.imposer for t in found.values()} == {"VN"}
        assert {days(t.effective) for t in found.values()} == {("2025-10-01", "2025-10-01")}


class TestAnAddedRate:
    @pytest.mark.parametrize(
        "text",
        [
            "An additional 10% U.S. tariff on Chinese goods took effect on Tuesday.",
            "Canadian tariffs on Chinese cars took effect on Tuesday, and an additional 10% on Chinese steel kicked "
            "in at the same time.",
        ],
    )
    def test_an_added_rate_that_takes_effect_is_a_rise(self, text: str) -> None:
        added = [t for t in tariffs(text, date(2025, 3, 4)) if t.rate is not None]
        assert [(t.target, t.status, str(t.rate)) for t in added] == [("CN", "raised", "10%")]

    def test_an_added_rate_that_stands_is_in_force(self) -> None:
        (tariff,) = tariffs("An additional 10% U.S. tariff on Chinese goods remains in place.")
        assert tariff.status == "in_force"


class TestExemptionsFromTheDutiesJustNamed:
    @pytest.mark.parametrize(
        "tail",
        [
            "were exempted from both duties.",
            "were exempted from both duties for now while they negotiate with New Delhi.",
        ],
    )
    def test_countries_exempted_from_both_duties_are_exempted_from_each_goods(self, tail: str) -> None:
        text = (
            "Indian duties of 20% on imported walnuts and 10% on apples took effect on Friday, but Chile, Peru and "
            f"the United States {tail}"
        )
        exempted = {
            (t.imposer, t.target, t.product.name)
            for t in tariffs(text)
            if t.status == "exempted" and t.product
        }
        assert exempted == {
            ("IN", country, goods) for country in ["CL", "PE", "US"] for goods in ["walnuts", "apples"]
        }


class TestGoodsHitWithADuty:
    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            (
                "India will hit U.S. almonds, walnuts and lentils with duties of its own, the trade ministry said.",
                {"almonds", "walnuts", "lentils"},
            ),
            (
                "Brazil will hit American ethanol and wheat with a 20% tariff from May 1.",
                {"ethanol", "wheat"},
            ),
        ],
    )
    def test_the_goods_between_the_verb_and_the_duty(self, text: str, goods: set[str]) -> None:
        found = by_goods(text)
        assert set(found) == goods
        assert {t.target for t in found.values()} == {"US"}


class TestCollectionToCome:
    def test_will_start_charging_duties_is_a_duty_to_come(self) -> None:
        text = "Mexico will start charging provisional duties of up to 30% on Chinese bicycles on Friday."
        (tariff,) = tariffs(text)
        assert tariff.status == "announced"
        assert days(tariff.effective) == ("2025-09-05", "2025-09-05")


class TestOneSidesDate:
    def test_the_day_one_sides_duties_took_effect_does_not_date_the_others_answer(self) -> None:
        text = (
            "Japanese tariffs on beef from Australia and Canada took effect on Friday. Canada said it would hit "
            "Japanese sake and noodles with duties of its own."
        )
        found = by_goods(text)
        assert days(found["beef"].effective) == ("2025-09-05", "2025-09-05")
        assert found["sake"].imposer == "CA" and found["sake"].effective is None


class TestWhatFollowsAList:
    def test_examples_after_such_as_are_not_goods_of_their_own(self) -> None:
        text = "Ottawa imposed a 25% surtax on processed aluminium products such as foil and cans on Friday."
        assert list(by_goods(text)) == ["processed aluminium products"]

    def test_a_superlative_apposition_after_the_list_names_the_duties_not_more_goods(self) -> None:
        text = (
            "Brazil on Friday imposed a 25% tariff on imported tyres from Nov. 1, and a 10% tariff on bicycles, "
            "the latest duties set under its safeguard law."
        )
        assert {name: str(t.rate) for name, t in by_goods(text).items()} == {
            "tyres": "25%",
            "bicycles": "10%",
        }

    def test_a_second_verb_after_but_ends_the_statement_of_the_first(self) -> None:
        text = (
            "Shares fell after Canada imposed a 30% tariff on steel wire but exempted rebar, the bulk of what "
            "Canada buys from abroad."
        )
        found = {name: (t.imposer, t.target, t.status) for name, t in by_goods(text).items()}
        assert found == {"steel wire": ("CA", "*", "in_force"), "rebar": ("CA", "*", "exempted")}


class TestADutyToCome:
    @pytest.mark.parametrize(
        "text",
        [
            "A 25% U.S. tariff on imported engines is due to take effect on Monday, adding to costs for boatbuilders.",
            "Brazil said its 15% duty on U.S. ethanol would take effect on Monday.",
            "A 30% U.S. tariff on Korean washers, announced last week, is set to come into force on Monday.",
        ],
    )
    def test_taking_effect_in_the_future_is_not_in_force_yet(self, text: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.status == "announced"
        assert days(tariff.effective) == ("2025-09-08", "2025-09-08")

    def test_a_change_by_a_day_applies_by_that_day(self) -> None:
        text = "India will cut its duty on Australian chickpeas to about 10% by March 1, the two governments said."
        (tariff,) = tariffs(text)
        assert tariff.status == "lowered"
        assert days(tariff.effective) == ("2026-03-01", "2026-03-01")


class TestCollectionBegun:
    def test_the_day_collection_began_is_the_day_the_duty_applies(self) -> None:
        text = "Mexico began charging a 15% duty on $2 billion of Korean steel imports on Friday."
        (tariff,) = tariffs(text)
        assert tariff.status == "in_force"
        assert days(tariff.effective) == ("2025-09-05", "2025-09-05")


class TestRatesAgainstAnEarlierOne:
    def test_goods_of_a_country_facing_a_rate_down_from_another_is_a_cut(self) -> None:
        text = "Goods from Thailand will face a 19% U.S. tariff under the deal, down from the 36% rate set in April."
        (tariff,) = tariffs(text)
        assert (tariff.target, tariff.status) == ("TH", "lowered")
        assert (str(tariff.rate), str(tariff.previous_rate)) == ("19%", "36%")

    @pytest.mark.parametrize(
        "text",
        [
            "Ottawa on Monday restored a 20% surtax on steel imports and raised the duty on copper to 20% from 5%.",
            "Ottawa will reinstate a 20% surtax on steel imports and raise the duty on copper to 20% from 5%.",
        ],
    )
    def test_a_duty_put_back_is_a_new_one_not_the_rise_beside_it(self, text: str) -> None:
        found = {name: t.status for name, t in by_goods(text).items()}
        assert found == {"steel": "announced", "copper": "raised"}


class TestStandingOrToCome:
    def test_a_duty_on_track_to_start_has_not_started(self) -> None:
        text = "Chile's 12% duty on Peruvian grapes remains on track to start on Monday, the ministry said."
        (tariff,) = tariffs(text)
        assert tariff.status == "announced"
        assert days(tariff.effective) == ("2025-09-08", "2025-09-08")

    @pytest.mark.parametrize(
        "text",
        [
            "Ottawa has ordered a 15% surtax on $5 billion of Chinese imports from next Monday, sharply escalating "
            "a row that has already unsettled grain markets.",
            "Washington will impose a 25% tariff on Canadian lumber from next Monday, a blow to sawmills that "
            "were already paying high duties.",
        ],
    )
    def test_an_old_fact_about_another_noun_does_not_make_the_duty_an_old_one(self, text: str) -> None:
        (tariff,) = tariffs(text)
        assert tariff.status == "announced"

    def test_an_old_fact_about_the_duty_itself_still_does(self) -> None:
        text = "The U.S. put a 25% tariff on Chinese steel that had been imposed in 2018."
        (tariff,) = tariffs(text)
        assert tariff.status == "in_force"


class TestAnAddedRateWithItsTotal:
    @pytest.mark.parametrize(
        "text",
        [
            "Washington on Monday ordered an additional 20% tariff on goods from Peru, bringing the total U.S. duty "
            "on Peruvian imports to 30%.",
            "Washington on Monday ordered an additional 20% tariff on Peruvian goods, raising the combined rate "
            "to 30%.",
        ],
    )
    def test_the_total_is_the_rate_and_what_stood_before_it_the_previous_one(self, text: str) -> None:
        (tariff,) = tariffs(text)
        assert (tariff.status, str(tariff.rate), str(tariff.previous_rate)) == ("raised", "30%", "10%")

    def test_without_a_total_the_added_rate_is_the_rate(self) -> None:
        (tariff,) = tariffs("Washington on Monday ordered an additional 20% tariff on Peruvian goods.")
        assert (tariff.status, str(tariff.rate), tariff.previous_rate) == ("raised", "20%", None)


class TestGoodsAndCountriesUnderAStandingDuty:
    def test_goods_that_remain_subject_to_a_rate_are_apart_from_the_general_rate(self) -> None:
        text = (
            "Other Thai goods have faced a 19% U.S. tariff since Aug. 9. Thai steel and copper remain subject to "
            "the 50% rate."
        )
        found = {
            (t.product.name if t.product else None): (t.target, t.status, str(t.rate))
            for t in tariffs(text, date(2025, 12, 4))
        }
        assert found == {
            None: ("TH", "in_force", "19%"),
            "steel": ("TH", "in_force", "50%"),
            "copper": ("TH", "in_force", "50%"),
        }

    def test_the_duty_a_new_one_comes_on_top_of_stands(self) -> None:
        text = (
            "For Mexican growers the latest U.S. levy comes on top of a 17% anti-dumping duty on Mexican tomatoes "
            "that Washington set in July."
        )
        (tariff,) = [t for t in tariffs(text) if t.product]
        assert (tariff.target, tariff.status, str(tariff.rate)) == ("MX", "in_force", "17%")
        assert days(tariff.effective) == ("2025-07-01", "2025-07-31")


class TestARateBesideAnother:
    def test_the_rate_goods_keep_paying_rather_than_another_one(self) -> None:
        text = (
            "Washington lowered its tariff on Thai cars. Thai steel will keep paying 20%, rather than the 40% rate "
            "most other countries pay."
        )
        steel = by_goods(text)["steel"]
        assert (steel.target, steel.status, str(steel.rate)) == ("TH", "in_force", "20%")


class TestAPackageAndAPartOfIt:
    def test_a_sentence_naming_a_package_and_one_part_states_two_measures(self) -> None:
        text = (
            "Brazil will levy duties on $20 billion worth of U.S. goods from Oct. 1, including a 15% tariff on "
            "ethanol, officials said on Tuesday."
        )
        found = {(t.product.name if t.product else None): t for t in tariffs(text)}
        assert set(found) == {None, "ethanol"}
        assert str(found["ethanol"].rate) == "15%" and found[None].rate is None

    def test_the_duties_of_a_later_sentence_join_the_one_measure_named_before(self) -> None:
        text = (
            "Brazil imposed a 15% tariff on U.S. ethanol on Tuesday. The duties were approved by the cabinet."
        )
        assert [t.product.name if t.product else None for t in tariffs(text)] == ["ethanol"]


class TestWhatDidNotHappen:
    def test_a_duty_that_would_have_applied_states_no_measure(self) -> None:
        text = (
            "Canada kept its surtax on U.S. ketchup suspended until June. It would have put a 25% levy on ketchup "
            "and orange juice, the ministry said."
        )
        found = [(t.product.name if t.product else None, t.status, t.rate) for t in tariffs(text)]
        assert found == [("ketchup", "extended", None)]


class TestTheDutyCalledByAWordOfItsOwn:
    def test_a_later_sentence_dates_the_duty_it_calls_by_its_word(self) -> None:
        text = (
            "Seoul on Wednesday unveiled a 5% flat tariff on all imports, plus higher rates for a few partners. "
            "The flat duty takes effect on Saturday. The higher rates, which start April 9, include 20% on Chinese "
            "goods and 10% on the European Union."
        )
        found = {t.target: days(t.effective) for t in tariffs(text, date(2025, 4, 2))}
        assert found == {
            "*": ("2025-04-05", "2025-04-05"),
            "CN": ("2025-04-09", "2025-04-09"),
            "EU": ("2025-04-09", "2025-04-09"),
        }


class TestOtherGoods:
    def test_other_goods_of_a_country_are_a_measure_apart_from_the_goods_named(self) -> None:
        text = (
            "Ottawa will cut its surtax on Korean cars to 10% from 20% on Monday. Most other Korean goods have "
            "faced a 10% Canadian surtax since Aug. 9."
        )
        found = {
            (t.product.name if t.product else None): (t.status, days(t.effective)) for t in tariffs(text)
        }
        assert found == {
            "cars": ("lowered", ("2025-09-08", "2025-09-08")),
            None: ("in_force", ("2025-08-09", "2025-08-09")),
        }


class TestTwoSidesInOneSentence:
    def test_and_then_a_named_subject_with_its_own_verb_starts_a_second_statement(self) -> None:
        text = (
            "Canada will cut its surtax on U.S. steel to 10% from 25% and Mexico will lower its duties on U.S. "
            "pork to 5% from 20%, the two governments said on Monday."
        )
        found = {(t.imposer, t.target): (t.status, str(t.rate), str(t.previous_rate)) for t in tariffs(text)}
        assert found == {("CA", "US"): ("lowered", "10%", "25%"), ("MX", "US"): ("lowered", "5%", "20%")}


class TestTheRateAChangeStartsFrom:
    def test_a_standing_rate_stated_beside_the_goods_of_a_change_is_its_previous_rate(self) -> None:
        text = (
            "Ottawa said on Friday it would double its surtax on imported steel wire to 40%. Officials said the "
            "current 20% rate was not enough to protect wire makers from foreign steel wire. The surtax on rebar "
            "would also rise to 40%."
        )
        found = {(t.product.name if t.product else None): t for t in tariffs(text)}
        assert set(found) == {"steel wire", "rebar"}
        assert (str(found["steel wire"].rate), str(found["steel wire"].previous_rate)) == ("40%", "20%")
        assert found["rebar"].previous_rate is None


class TestAStepBeforeADecision:
    @pytest.mark.parametrize(
        "text",
        [
            "Brazil's trade body on Thursday recommended anti-dumping duties of 35% on Chinese steel tubes.",
            "Peru's president said on Friday he was recommending a 40% tariff on goods from Chile.",
            "Officials said Chilean copper cathodes would likely face separate U.S. tariffs.",
        ],
    )
    def test_a_recommended_or_likely_duty_is_a_proposal(self, text: str) -> None:
        found = tariffs(text)
        assert found and {t.status for t in found} == {"proposed"}

    def test_a_proposal_is_dated_by_when_the_item_says_it_could_apply(self) -> None:
        text = (
            "Brazil's trade body on Thursday recommended anti-dumping duties of 35% on Chinese steel tubes. The "
            "ministry will decide whether to adopt them, and the duties could take effect in early October, an "
            "official said."
        )
        (tariff,) = tariffs(text)
        assert tariff.status == "proposed"
        assert days(tariff.effective) == ("2025-10-01", "2025-10-10")


class TestACondition:
    def test_a_duty_named_in_an_if_clause_is_no_measure(self) -> None:
        assert tariffs("If Canada keeps imposing tariffs, Japan will ignore them, the ministry said.") == []

    def test_a_rate_inside_the_condition_keeps_the_measure(self) -> None:
        text = "Tariffs on Japanese cars will fall to 15% if Tokyo opens its rice market, Washington said."
        (tariff,) = tariffs(text)
        assert (tariff.product and tariff.product.name, str(tariff.rate)) == ("cars", "15%")


class TestTheChangeNamedByANoun:
    @pytest.mark.parametrize(
        ("text", "status"),
        [
            (
                "The suspension of Washington's tariffs on Italian olive oil and pasta takes effect immediately, "
                "officials said.",
                "suspended",
            ),
            ("The removal of Canada's surtax on U.S. pork took effect on Monday.", "lifted"),
        ],
    )
    def test_the_noun_the_duty_depends_on_is_what_happens_to_it(self, text: str, status: str) -> None:
        found = tariffs(text)
        assert found and {t.status for t in found} == {status}


class TestAskedToPause:
    def test_asking_another_government_to_suspend_its_duty_is_a_demand(self) -> None:
        text = "Colombia's president asked Washington to suspend a 25% tariff on Colombian coffee while talks continue."
        (tariff,) = tariffs(text)
        assert (tariff.imposer, tariff.target, tariff.status) == ("US", "CO", "demanded")
