"""Readings found on sentences written for them (none from the corpus): a duty named only as the cause of
another measure, the subject of a clause that opens with "after", conditions stated with a negated "to be",
duties named for what they punish, the verbs of a duty coming into force, and a month "last" named as the day
of a change done."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Tariff, Threat, Truce, extract
from tradewatch.extract._dates import find_dates


def tariffs(text: str, published: date) -> list[Tariff]:
    return only(extract(text, published=published), Tariff)


class TestDutiesNamedAsACause:
    @pytest.mark.parametrize(
        "text",
        [
            "China placed export restrictions on seven rare earth elements, including samarium and terbium, "
            "in response to U.S. tariffs.",
            "China imposed export curbs on gallium in retaliation for U.S. tariffs.",
        ],
    )
    def test_a_duty_answered_with_no_goods_or_rate_of_its_own_is_no_event(self, text: str) -> None:
        events = extract(text, published=date(2025, 4, 4))
        assert only(events, Tariff) == []
        assert only(events, ExportControl) and all(c.imposer == "CN" for c in only(events, ExportControl))

    def test_a_duty_answered_that_names_its_goods_still_stands(self) -> None:
        found = tariffs(
            "Canada imposed duties on U.S. steel in retaliation for Washington's tariffs on Canadian steel.",
            date(2025, 3, 13),
        )
        assert {(t.imposer, t.target) for t in found} == {("CA", "US"), ("US", "CA")}

    def test_the_answer_itself_is_read_when_it_is_a_duty(self) -> None:
        (found,) = tariffs(
            "China imposed 15% tariffs on U.S. coal in retaliation for U.S. tariffs.", date(2025, 2, 4)
        )
        assert (found.imposer, found.target, str(found.rate.percent) if found.rate else None) == (
            "CN",
            "US",
            "15",
        )


class TestTheSubjectOfAClauseOfItsOwn:
    def test_after_opens_a_clause_whose_subject_acts(self) -> None:
        found = tariffs(
            "Beijing restricted exports of tungsten after Washington raised tariffs.", date(2025, 4, 4)
        )
        assert [t.imposer for t in found] == ["US"]

    def test_a_party_after_a_preposition_in_the_same_clause_is_still_no_subject(self) -> None:
        # the words before the clause's start no longer count, those inside it still do
        found = tariffs(
            "Tariffs on goods from China rose to 20% after talks with Washington failed.", date(2025, 4, 4)
        )
        assert all(t.imposer != "CN" for t in found)


class TestConditionsAndPenalties:
    def test_a_duty_owed_if_something_is_not_done_is_a_threat(self) -> None:
        events = extract(
            "Trump said Apple would have to pay a tariff of at least 25% if iPhones sold in the United States "
            "were not built there.",
            published=date(2025, 5, 23),
        )
        (threat,) = only(events, Threat)
        assert threat.actor == "US" and threat.condition is not None
        assert only(events, Tariff) == []

    def test_an_extra_duty_threatened_is_a_threat(self) -> None:
        (threat,) = only(
            extract("Trump threatened an extra 50% duty on Chinese imports.", published=date(2025, 4, 7)),
            Threat,
        )
        assert threat.target == "CN"
        assert isinstance(threat.measure, Tariff) and threat.measure.rate is not None
        assert str(threat.measure.rate.percent) == "50"

    def test_a_rated_penalty_on_goods_is_a_duty(self) -> None:
        (found,) = tariffs(
            "Trump imposed a 25 percent penalty on Indian goods over the country's purchases of Russian oil.",
            date(2025, 8, 6),
        )
        assert (found.imposer, found.target) == ("US", "IN")

    def test_a_fine_is_no_duty(self) -> None:
        assert (
            tariffs(
                "The U.S. Commerce Department fined the exporter a penalty of $3 million.", date(2025, 8, 6)
            )
            == []
        )


class TestComingIntoForce:
    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("U.S. tariffs on Indian goods kicked in on Wednesday.", "2025-08-27"),
            (
                "The EU's duties on Chinese-made electric vehicles entered into force on Wednesday.",
                "2025-08-27",
            ),
            ("India's 20% duty on U.S. almonds went into effect on Monday.", "2025-08-25"),
            ("Canada's surtax on U.S. steel came into effect on Monday.", "2025-08-25"),
        ],
    )
    def test_the_day_a_duty_came_into_force(self, text: str, day: str) -> None:
        (found,) = tariffs(text, date(2025, 8, 28))
        assert found.status == "in_force"
        assert days(found.effective) == (day, day)

    def test_a_month_named_last_dates_a_change_done(self) -> None:
        (found,) = tariffs("China lifted its duties on Australian barley last August.", date(2024, 3, 29))
        assert (found.status, days(found.effective)) == ("lifted", ("2023-08-01", "2023-08-31"))
        (found,) = tariffs(
            "China said it lifted its duties on Australian barley last month.", date(2024, 3, 29)
        )
        assert days(found.effective) == ("2024-02-01", "2024-02-29")


class TestDutiesRaisedAndWhoseTheyAre:
    def test_lifted_to_a_rate_is_raised(self) -> None:
        (found,) = tariffs("Washington lifted its duties on Chinese imports to 145%.", date(2025, 4, 11))
        assert (found.imposer, found.target, found.status) == ("US", "CN", "raised")
        assert found.rate is not None and str(found.rate.percent) == "145"

    def test_lifted_with_a_cap_named_is_still_lifted(self) -> None:
        (found,) = tariffs(
            "The EU lifted its duties on U.S. bourbon, which had reached up to 50%.", date(2025, 4, 11)
        )
        assert found.status == "lifted"

    @pytest.mark.parametrize("verb", ["raised", "lifted"])
    def test_a_later_clause_with_its_own_subject_states_a_second_duty(self, verb: str) -> None:
        found = tariffs(
            f"China raised its tariffs on American goods to 125%, hitting back after Washington {verb} its own "
            "duties on Chinese imports to 145%.",
            date(2025, 4, 11),
        )
        assert sorted((t.imposer, t.target, str(t.rate.percent) if t.rate else None) for t in found) == [
            ("CN", "US", "125"),
            ("US", "CN", "145"),
        ]

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            (
                "Indonesian exports to the U.S. will be subject to a 19% tariff under the agreement.",
                "announced",
            ),
            ("Indonesian exports to the U.S. now face a 19% tariff.", "in_force"),
        ],
    )
    def test_goods_bound_for_a_market_undergo_its_duty(self, text: str, status: str) -> None:
        (found,) = tariffs(text, date(2025, 7, 15))
        assert (found.imposer, found.target, found.status) == ("US", "ID", status)

    def test_goods_bound_for_a_market_in_a_statistic_state_no_duty(self) -> None:
        assert (
            tariffs(
                "European steel imports to the United States fell by about half last year.", date(2025, 7, 15)
            )
            == []
        )

    def test_a_rate_threatened_before_the_bare_verb_is_the_threat_s(self) -> None:
        events = extract(
            "Indonesian exports to the U.S. will be subject to a 19% tariff under the agreement, down from the "
            "32% threatened.",
            published=date(2025, 7, 15),
        )
        (threat,) = only(events, Threat)
        assert (threat.actor, threat.target) == ("US", "ID")
        assert isinstance(threat.measure, Tariff) and threat.measure.rate is not None
        assert str(threat.measure.rate.percent) == "32"
        assert [
            (t.imposer, t.target, str(t.rate.percent) if t.rate else None) for t in only(events, Tariff)
        ] == [("US", "ID", "19")]

    def test_a_percentage_before_a_threat_of_other_words_is_not_its_rate(self) -> None:
        (threat,) = only(
            extract("Stocks fell 2% as Trump threatened new tariffs on Mexico.", published=date(2025, 7, 15)),
            Threat,
        )
        assert isinstance(threat.measure, Tariff) and threat.measure.rate is None


class TestGoodsThatUndergoADuty:
    def test_the_subject_after_a_dateline_undergoes_the_duty(self) -> None:
        (found,) = tariffs(
            "HANOI, July 3 (Agency) - Vietnamese goods will face a 20% tariff in the United States under a "
            "trade agreement.",
            date(2025, 7, 3),
        )
        assert (found.imposer, found.target) == ("US", "VN")

    def test_goods_taxed_at_a_rate_through_a_country(self) -> None:
        found = tariffs(
            "Goods from Vietnam will face a 20% U.S. tariff. Transshipments through Vietnam will be taxed at 40%.",
            date(2025, 7, 3),
        )
        assert [(t.imposer, t.target, t.product.name if t.product else None) for t in found] == [
            ("US", "VN", None),
            ("US", "VN", "transshipments"),
        ]

    def test_income_taxed_at_a_rate_is_no_duty(self) -> None:
        assert tariffs("Income is taxed at 40% above that threshold.", date(2025, 7, 3)) == []

    @pytest.mark.parametrize(
        "second",
        [
            "The order exempts several of Brazil's main exports, including orange juice and civil aircraft, a "
            "list that eased fears among exporters.",
            "It also exempts orange juice and civil aircraft.",
        ],
    )
    def test_the_act_that_set_a_duty_exempts_goods_named_after_its_verb(self, second: str) -> None:
        found = tariffs("Trump imposed a 50% tariff on Brazilian goods. " + second, date(2025, 7, 30))
        assert sorted((t.target, t.product.name) for t in found if t.status == "exempted" and t.product) == [
            ("BR", "civil aircraft"),
            ("BR", "orange juice"),
        ]

    def test_an_act_that_does_not_exempt_states_no_exemption(self) -> None:
        found = tariffs(
            "Trump imposed a 50% tariff on Brazilian goods. The order does not exempt orange juice.",
            date(2025, 7, 30),
        )
        assert [t.status for t in found] == ["in_force"]


class TestConditionsAcrossAbbreviations:
    def test_a_condition_naming_the_u_s_is_read_whole(self) -> None:
        events = extract(
            "Prime Minister Justin Trudeau said Ottawa would put tariffs on a further C$125 billion of American "
            "products in 21 days if the U.S. measures were not withdrawn.",
            published=date(2025, 3, 4),
        )
        (threat,) = only(events, Threat)
        assert (threat.actor, threat.target) == ("CA", "US")
        assert only(events, Tariff) == []

    def test_a_duty_named_only_in_the_condition_makes_no_threat(self) -> None:
        events = extract(
            '"If the U.S. continues to impose tariffs, China will ignore it," the commission said.',
            published=date(2025, 4, 11),
        )
        assert only(events, Threat) == []

    def test_a_duty_promised_on_a_condition_is_still_a_threat(self) -> None:
        events = extract(
            'Trump said he would tariff Denmark "at a very high level" if it stood in the way of a U.S. '
            "acquisition of Greenland.",
            published=date(2025, 1, 8),
        )
        (threat,) = only(events, Threat)
        assert (threat.actor, threat.target) == ("US", "DK")


class TestControlsKeptInPlace:
    @pytest.mark.parametrize(
        ("text", "item"),
        [
            ("Indonesia will not lift its ban on nickel ore exports, the minister said.", "nickel ore"),
            ("China said it would not ease its curbs on exports of gallium.", "gallium"),
        ],
    )
    def test_relief_denied_leaves_the_control_standing(self, text: str, item: str) -> None:
        (found,) = only(extract(text, published=date(2025, 6, 20)), ExportControl)
        assert found.status == "imposed" and found.item is not None and found.item.name == item

    def test_a_control_not_imposed_is_none(self) -> None:
        assert (
            only(
                extract("China did not impose new export curbs on gallium.", published=date(2025, 6, 20)),
                ExportControl,
            )
            == []
        )


class TestControlChangesNamedBesideTheirContent:
    def test_a_control_expanded_is_tightened_whatever_it_requires(self) -> None:
        (found,) = only(
            extract(
                "China's commerce ministry on Thursday expanded its export controls on rare earths, requiring "
                "foreign companies to obtain licences.",
                published=date(2025, 10, 9),
            ),
            ExportControl,
        )
        assert found.status == "tightened"

    def test_general_licences_issued_ease_the_control(self) -> None:
        (found,) = only(
            extract(
                "Beijing would issue general export licences for rare earths, easing curbs that had alarmed "
                "manufacturers.",
                published=date(2025, 11, 9),
            ),
            ExportControl,
        )
        assert found.status == "relaxed"

    def test_new_rules_requiring_licences_are_imposed(self) -> None:
        (found,) = only(
            extract(
                "The U.S. imposed new rules requiring licences for exports of AI chips to China.",
                published=date(2025, 1, 13),
            ),
            ExportControl,
        )
        assert (found.status, found.target) == ("imposed", "CN")


class TestDatesOfChanges:
    def test_countermeasures_put_on_hold_are_suspended(self) -> None:
        (found,) = tariffs(
            "The European Commission put its countermeasures against U.S. goods on hold for 90 days on Thursday.",
            date(2025, 4, 10),
        )
        assert found.status == "suspended"

    def test_a_pause_from_a_weekday(self) -> None:
        (found,) = tariffs(
            "The European Commission said on Tuesday it would suspend its package of counter-tariffs on 93 "
            "billion euros of US goods for six months from Thursday.",
            date(2025, 8, 5),
        )
        assert (found.status, days(found.effective)) == ("suspended", ("2025-08-07", "2025-08-07"))

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            (
                "The EU imposed countervailing duties of up to 35.3% on Chinese electric vehicles in October 2024.",
                ("2024-10-01", "2024-10-31"),
            ),
            (
                "The US also began collecting a 17% anti-dumping duty on Mexican tomatoes in July.",
                ("2025-07-01", "2025-07-31"),
            ),
        ],
    )
    def test_the_month_of_a_duty_imposed_across_a_long_object(self, text: str, span: tuple[str, str]) -> None:
        (found,) = tariffs(text, date(2025, 8, 5))
        assert (found.status, days(found.effective)) == ("in_force", span)

    def test_a_waiver_extended_to_a_day(self) -> None:
        (found,) = tariffs(
            "New Delhi on Thursday extended the waiver of its import duty on raw cotton to Dec. 31.",
            date(2025, 8, 28),
        )
        assert (found.status, days(found.effective)) == ("extended", ("2025-12-31", "2025-12-31"))

    def test_the_month_a_duty_was_imposed_does_not_date_its_rollback(self) -> None:
        found = tariffs(
            "The United States and China agreed on Monday to roll back most of the tariffs they imposed on each "
            "other in April.",
            date(2025, 5, 12),
        )
        assert found and all(t.effective is None or t.effective.start.month != 4 for t in found)

    def test_the_day_a_change_applies_after_the_month_the_duty_was_imposed(self) -> None:
        (found,) = tariffs(
            "China will lift the additional tariffs of up to 15% it imposed in March on U.S. farm goods from "
            "Nov. 10, the State Council Tariff Commission said on Wednesday.",
            date(2025, 11, 5),
        )
        assert (found.status, days(found.effective)) == ("lifted", ("2025-11-10", "2025-11-10"))

    def test_a_removal_told_later_does_not_date_a_duty_reimposed(self) -> None:
        found = tariffs(
            "President Donald Trump has reimposed a 10% tariff on some Canadian aluminum. Washington had removed "
            "the duty on Canadian aluminum in May 2019.",
            date(2020, 8, 7),
        )
        reimposed = [t for t in found if t.status != "lifted"]
        assert reimposed and all(t.effective is None or t.effective.start.year == 2020 for t in reimposed)


class TestCapsPromisesAndDealsMadePublic:
    @pytest.mark.parametrize(
        ("text", "items"),
        [
            (
                "Russia will cap exports of nitrogen fertilisers and complex fertilisers with quotas from Dec. 1.",
                ["complex fertilisers", "nitrogen fertilisers"],
            ),
            (
                "The Biden administration unveiled a rule capping exports of AI chips to most countries.",
                ["ai chips"],
            ),
        ],
    )
    def test_exports_capped_are_controlled(self, text: str, items: list[str]) -> None:
        found = only(extract(text, published=date(2025, 11, 19)), ExportControl)
        assert sorted(c.item.name for c in found if c.item) == items
        assert all(c.status == "imposed" for c in found)

    def test_a_price_cap_is_no_export_control(self) -> None:
        text = "The price cap on Russian oil exports was lowered to $47.60 a barrel."
        assert only(extract(text, published=date(2025, 9, 3)), ExportControl) == []

    @pytest.mark.parametrize(
        ("text", "target"),
        [
            ("Japanese cars will face a 25% tariff if no deal is reached by August 1, Trump said.", "JP"),
            (
                "Countries will pay an additional 10% tariff if they align themselves with the anti-American "
                "policies of BRICS, President Donald Trump said on Sunday.",
                "*",
            ),
        ],
    )
    def test_a_duty_to_pay_or_face_on_a_condition_is_a_threat(self, text: str, target: str) -> None:
        events = extract(text, published=date(2025, 7, 6))
        (threat,) = only(events, Threat)
        assert (threat.actor, threat.target) == ("US", target)
        assert only(events, Tariff) == []

    def test_a_duty_under_an_agreement_someone_announced_concludes_talks(self) -> None:
        events = extract(
            "Goods from Vietnam will face a 20% US tariff under an agreement President Donald Trump announced on "
            "Wednesday.",
            published=date(2025, 7, 3),
        )
        (talks,) = only(events, Negotiation)
        assert sorted(talks.parties) == ["US", "VN"] and talks.status == "concluded"


class TestDutiesReportedToComeAndRatesSetForCountries:
    @pytest.mark.parametrize(
        "text",
        [
            "Trump notified Tokyo that Japanese goods would face a 25% tariff from Aug. 1.",
            "Trump said Japanese goods would face a 25% tariff from Aug. 1.",
        ],
    )
    def test_would_after_a_report_is_a_duty_to_come(self, text: str) -> None:
        (found,) = tariffs(text, date(2025, 7, 8))
        assert (found.imposer, found.target, found.status) == ("US", "JP", "announced")

    def test_would_in_a_plan_is_still_a_proposal(self) -> None:
        (found,) = tariffs("Japanese cars would face a 25% U.S. tariff under the plan.", date(2025, 7, 8))
        assert found.status == "proposed"

    def test_rates_set_for_countries_named_after_them(self) -> None:
        found = tariffs(
            "Trump said Japanese goods would face a 25% tariff from Aug. 1. Letters published on Monday set 30% "
            "for South Africa and 40% for Laos and Myanmar.",
            date(2025, 7, 8),
        )
        assert sorted((t.target, str(t.rate.percent) if t.rate else None) for t in found) == [
            ("JP", "25"),
            ("LA", "40"),
            ("MM", "40"),
            ("ZA", "30"),
        ]

    def test_a_share_for_buyers_in_a_country_is_no_rate(self) -> None:
        found = tariffs(
            "The tariffs were raised on Monday. Steel prices rose 5% for buyers in Japan.", date(2025, 7, 8)
        )
        assert all(t.target != "JP" for t in found)


class TestPausesAndTalksNotHeld:
    STORY = (
        "WASHINGTON, Apr 10 (Agency) - President Donald Trump paused most of his new tariffs, but the fight "
        "with China escalated.\n\n"
        'Trump said on Wednesday that the higher "reciprocal" rates on dozens of trading partners would be '
        "suspended for 90 days to allow negotiations. At the same time he lifted the tariff on Chinese imports "
        "to 125% from 104%.\n\n"
        "No meeting between US and Chinese officials has been scheduled, White House officials said."
    )

    def test_a_pause_of_many_partners_rates_beside_a_rise_of_one_partner_s(self) -> None:
        found = tariffs(self.STORY, date(2025, 4, 10))
        assert sorted((t.target, t.status) for t in found) == [("*", "suspended"), ("CN", "raised")]

    def test_talks_named_as_a_purpose_or_with_no_are_not_held(self) -> None:
        assert only(extract(self.STORY, published=date(2025, 4, 10)), Negotiation) == []

    def test_a_long_package_put_on_hold_is_suspended(self) -> None:
        (found,) = tariffs(
            "The Commission said it would put its first package of retaliatory tariffs on US goods on hold for 90 "
            "days.",
            date(2025, 4, 10),
        )
        assert (found.imposer, found.target, found.status) == ("EU", "US", "suspended")


class TestMoreWaysOfSayingIt:
    def test_the_verb_of_a_duty_ends_its_goods(self) -> None:
        found = tariffs(
            "US tariffs on imported steel and aluminium doubled to 50% from 25% on Wednesday.",
            date(2025, 6, 4),
        )
        assert sorted(t.product.name for t in found if t.product) == ["aluminium", "steel"]

    def test_a_deal_struck_somewhere_concludes_talks(self) -> None:
        events = extract(
            "The United States will charge a 15% tariff on most Japanese imports under a deal struck in "
            "Washington on Tuesday.",
            published=date(2025, 7, 23),
        )
        (talks,) = only(events, Negotiation)
        assert sorted(talks.parties) == ["JP", "US"] and talks.status == "concluded"

    def test_countermeasures_one_would_have_to_take_are_threatened(self) -> None:
        events = extract(
            "China's commerce ministry said it deeply regretted the increase and would have to take necessary "
            "countermeasures.",
            published=date(2019, 5, 10),
        )
        (threat,) = only(events, Threat)
        assert threat.actor == "CN"

    @pytest.mark.parametrize("word", ["counter-tariffs", "counter tariffs"])
    def test_counter_tariffs_under_consideration_are_proposed(self, word: str) -> None:
        (found,) = tariffs(f"Canada said it was considering {word} on American steel.", date(2025, 6, 4))
        assert (found.imposer, found.target, found.status) == ("CA", "US", "proposed")

    def test_each_verb_of_exemption_has_its_own_goods(self) -> None:
        found = tariffs(
            "The US imposed a 50% tariff on Indian goods. Goods already in transit are spared, and "
            "pharmaceuticals and smartphones remain exempt.",
            date(2025, 8, 7),
        )
        assert sorted(t.product.name for t in found if t.status == "exempted" and t.product) == [
            "pharmaceuticals",
            "smartphones",
        ]

    def test_goods_facing_a_rate_undergo_the_duty_the_item_told_last(self) -> None:
        found = tariffs(
            "OTTAWA, Mar 4 (Agency) - US tariffs of 25% on imports from Canada and Mexico took effect on Tuesday, "
            "and Canada answered immediately with duties of its own.\n\nCanadian energy and potash face a lower "
            "10% rate under the order.",
            date(2025, 3, 4),
        )
        assert sorted((t.imposer, t.target, t.product.name) for t in found if t.product) == [
            ("US", "CA", "energy"),
            ("US", "CA", "potash"),
        ]

    def test_a_duty_kept_until_a_party_cracks_down_is_a_threat(self) -> None:
        events = extract(
            "Trump also said he would charge China an additional 10% tariff, above any existing duties, until "
            "Beijing cracks down on fentanyl trafficking.",
            published=date(2024, 11, 26),
        )
        (threat,) = only(events, Threat)
        assert (threat.actor, threat.target) == ("US", "CN")
        assert only(events, Tariff) == []


class TestWhoseExportersAndWhatEnds:
    def test_exporters_bound_by_a_rule_are_of_the_government_that_set_it(self) -> None:
        found = only(
            extract(
                "Japanese suppliers now need a licence for each shipment of fluorinated polyimide to South Korean "
                "customers.",
                published=date(2019, 7, 4),
            ),
            ExportControl,
        )
        assert [(c.imposer, c.target) for c in found] == [("JP", "KR")]

    def test_tariffs_held_back_are_no_export_control(self) -> None:
        text = "Colombia agreed to accept deportation flights, prompting Washington to hold back emergency tariffs."
        assert only(extract(text, published=date(2025, 1, 27)), ExportControl) == []

    def test_talks_terminated_end_no_duty(self) -> None:
        events = extract(
            "President Donald Trump said he was terminating all trade negotiations with Canada, citing an "
            "advertisement that used Ronald Reagan's words to criticise tariffs.",
            published=date(2025, 10, 24),
        )
        assert only(events, Tariff) == []
        assert [n.status for n in only(events, Negotiation)] == ["suspended"]


class TestMonthsAndOldDates:
    def test_a_start_from_a_month_already_past_this_year_is_next_year_s(self) -> None:
        (found,) = find_dates(
            "Mexico's Senate on Wednesday approved tariffs of up to 50% on Chinese cars from January.",
            date(2025, 12, 11),
        )[1:]
        assert days(found.span) == ("2026-01-01", "2026-01-31")

    def test_a_start_after_a_past_verb_is_past(self) -> None:
        (found,) = find_dates("The tariffs took effect from January.", date(2025, 12, 11))
        assert days(found.span) == ("2025-01-01", "2025-01-31")

    def test_a_month_in_a_past_relative_clause_of_a_future_sentence_is_past(self) -> None:
        (found, _) = find_dates(
            "The two sides will roll back most of the tariffs they imposed on each other in April under a 90-day "
            "truce.",
            date(2025, 5, 12),
        )
        assert days(found.span) == ("2025-04-01", "2025-04-30")

    def test_a_control_recalled_from_long_ago_does_not_date_the_one_reported(self) -> None:
        found = only(
            extract(
                "BEIJING, Dec 3 - China on Tuesday banned exports of gallium to the United States.\n\nBeijing's "
                "licensing rules for gallium exports to all destinations took effect in August 2023.",
                published=date(2024, 12, 3),
            ),
            ExportControl,
        )
        banned = [c for c in found if c.target == "US"]
        assert banned and all(c.effective is None or c.effective.start.year == 2024 for c in banned)

    def test_the_age_of_the_duty_answered_is_not_the_answer_s(self) -> None:
        found = tariffs(
            "China will impose tariffs of 100% on Canadian canola oil from March 20, retaliating against duties "
            "Ottawa imposed on Chinese electric vehicles last year.",
            date(2025, 3, 8),
        )
        answer = [t for t in found if t.imposer == "CN"]
        assert [(t.status, days(t.effective)) for t in answer] == [
            ("announced", ("2025-03-20", "2025-03-20"))
        ]

    def test_shipments_others_failed_to_stop_are_no_control(self) -> None:
        text = (
            "Trump also said he would charge an extra 10% tariff on goods from China, accusing Beijing of failing "
            "to stop shipments of the chemicals used to make fentanyl."
        )
        assert only(extract(text, published=date(2024, 11, 26)), ExportControl) == []

    def test_the_day_a_change_applies_from_outranks_the_day_it_was_made(self) -> None:
        found = tariffs(
            "President Donald Trump removed the 40% tariff on Brazilian beef and coffee on Thursday, with the "
            "change applying to goods entering the United States from November 13.",
            date(2025, 11, 21),
        )
        assert {days(t.effective) for t in found} == {("2025-11-13", "2025-11-13")}

    @pytest.mark.parametrize(
        ("sentence", "published", "day"),
        [
            (
                "Goods from Vietnam will face a 20% U.S. tariff under a trade deal announced by President Donald "
                "Trump on Wednesday.",
                date(2025, 7, 3),
                "2025-07-02",
            ),
            (
                "The United States will charge a 15% tariff on most Japanese imports under a deal struck in "
                "Washington on Tuesday.",
                date(2025, 7, 23),
                "2025-07-22",
            ),
            ("Officials will meet in Geneva on Saturday.", date(2025, 5, 7), "2025-05-10"),
        ],
    )
    def test_a_weekday_after_a_participle_and_who_or_where_is_past(
        self, sentence: str, published: date, day: str
    ) -> None:
        (found,) = find_dates(sentence, published)
        assert str(found.span.start) == day

    def test_duties_that_applied_from_a_day_are_in_force(self) -> None:
        found = tariffs(
            "Prime Minister Justin Trudeau said Canada's 25% tariffs on C$30 billion of US goods, including "
            "orange juice and wine, applied from Tuesday, with tariffs on a further C$125 billion to follow in "
            "21 days.",
            date(2025, 3, 4),
        )
        assert found and {t.status for t in found if t.rate is not None} == {"in_force"}

    def test_tighter_controls_are_tightened(self) -> None:
        (found,) = only(
            extract(
                "Japan's tighter controls on exports of photoresists to South Korea took effect on Thursday.",
                published=date(2019, 7, 4),
            ),
            ExportControl,
        )
        assert (found.imposer, found.target, found.status) == ("JP", "KR", "tightened")

    def test_a_removal_that_takes_effect_is_lifted(self) -> None:
        (found,) = tariffs(
            "Ottawa said the removal of its counter-tariffs on most U.S. goods would take effect on Sept. 1.",
            date(2025, 8, 22),
        )
        assert (found.imposer, found.target, found.status) == ("CA", "US", "lifted")
        assert days(found.effective) == ("2025-09-01", "2025-09-01")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Switzerland was slapped with a 39% levy, one of the highest in the world.", []),
            (
                "Trump raised tariffs again. Chinese goods were slapped with a tariff of 104% on Wednesday.",
                [("US", "CN")],
            ),
        ],
    )
    def test_who_is_slapped_with_a_duty_undergoes_it(
        self, text: str, expected: list[tuple[str, str]]
    ) -> None:
        found = tariffs(text, date(2025, 4, 9))
        assert [(t.imposer, t.target) for t in found if t.rate is not None] == expected

    def test_any_and_all_is_no_good(self) -> None:
        found = only(
            extract(
                '"We will impose export controls on any and all critical software," Trump wrote on Truth Social.',
                published=date(2025, 10, 10),
            ),
            ExportControl,
        )
        assert [c.item.name for c in found if c.item] == ["critical software"]

    def test_exports_prohibited_to_users_named_with_an_abbreviation(self) -> None:
        (found,) = only(
            extract(
                "China said exports of dual-use items to U.S. military users are prohibited with immediate effect.",
                published=date(2024, 12, 3),
            ),
            ExportControl,
        )
        assert (found.imposer, found.target, found.status) == ("CN", "US", "imposed")

    def test_a_government_body_is_no_buyer(self) -> None:
        (found,) = only(
            extract(
                "The Commerce Department expanded the Entity List to cover subsidiaries at least 50% owned by "
                "listed firms.",
                published=date(2025, 9, 29),
            ),
            ExportControl,
        )
        assert (found.imposer, found.status) == ("US", "tightened")

    def test_duties_as_a_subject_of_talks_are_no_measure(self) -> None:
        events = extract(
            "Canadian and U.S. officials are set to meet in Washington on Thursday to discuss the tariffs.",
            published=date(2025, 3, 11),
        )
        assert only(events, Tariff) == []
        assert [n.status for n in only(events, Negotiation)] == ["scheduled"]

    def test_talks_ended_by_one_side_are_suspended(self) -> None:
        (talks,) = only(
            extract(
                "Trump said he was ending trade talks with Canada over an advertisement.",
                published=date(2025, 10, 24),
            ),
            Negotiation,
        )
        assert (sorted(talks.parties), talks.status) == (["CA", "US"], "suspended")

    def test_duties_that_do_not_exist_yet_answered_are_no_event(self) -> None:
        text = 'China said it would "fight to the end" and retaliate against any new U.S. tariffs.'
        assert tariffs(text, date(2025, 4, 7)) == []

    def test_a_closing_speaker_with_a_title_makes_the_threat(self) -> None:
        (threat,) = only(
            extract(
                "India will face secondary tariffs if it keeps buying Russian oil, a White House adviser said.",
                published=date(2025, 9, 2),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "IN")

    @pytest.mark.parametrize(
        "text",
        [
            "Korean cars will also face a 15% U.S. duty instead of 25%, putting Hyundai on a par with its rivals.",
            "The U.S. duty on Korean cars will be cut to 15%, the White House said on Monday night.",
        ],
    )
    def test_phrases_after_on_that_are_no_goods(self, text: str) -> None:
        found = tariffs(text, date(2025, 7, 31))
        assert found and all(t.product is None or t.product.name == "cars" for t in found)

    def test_goods_that_remain_subject_to_a_duty_stand(self) -> None:
        found = tariffs("European steel and aluminium remain subject to a 50% U.S. levy.", date(2025, 8, 21))
        assert {(t.imposer, t.target, t.status) for t in found} == {("US", "EU", "in_force")}

    def test_a_rate_of_another_duty_makes_no_change_of_this_one(self) -> None:
        found = tariffs(
            "The clash adds to frictions stemming from the 25 percent U.S. tariff on steel that took effect in "
            "March, which drew Chinese duties of 15 percent on American fruit and nuts in April.",
            date(2018, 6, 1),
        )
        assert found and {t.status for t in found} == {"in_force"}

    def test_who_says_so_threatens_the_parties_of_a_list_that_would_face_a_duty(self) -> None:
        found = only(
            extract(
                "WASHINGTON, Jan 18 (Agency) - Goods from Denmark, Norway and Finland will face a 10% tariff from "
                "Feb. 1 unless a deal is reached for the United States to buy Greenland, President Donald Trump "
                "said on Saturday.",
                published=date(2026, 1, 18),
            ),
            Threat,
        )
        assert sorted((t.actor, t.target) for t in found) == [("US", "DK"), ("US", "FI"), ("US", "NO")]


class TestReadingsKeptInBounds:
    """Guards of the readings above: what each must not read."""

    @pytest.mark.parametrize(
        ("sentence", "day"),
        [
            ("They announced that the tariffs will be lifted on Monday.", "2025-06-23"),
            ("He warned tariffs would rise on Monday.", "2025-06-23"),
            ("They said the deal signed in Geneva will take effect on Friday.", "2025-06-20"),
        ],
    )
    def test_a_future_stays_future(self, sentence: str, day: str) -> None:
        (found,) = find_dates(sentence, date(2025, 6, 18))
        assert str(found.span.start) == day

    @pytest.mark.parametrize(
        "sentence",
        [
            "The EU has imposed tariffs on Chinese electric vehicles from January.",
            "Exports from January to May fell 5%.",
        ],
    )
    def test_a_month_from_which_something_ran_stays_past(self, sentence: str) -> None:
        (found,) = find_dates(sentence, date(2025, 12, 11))
        assert str(found.span.start) == "2025-01-01"

    def test_talks_met_to_pave_the_way_for_more_are_held(self) -> None:
        (talks,) = only(
            extract(
                "U.S. and Chinese officials met in London on Monday to pave the way for talks between Trump and Xi.",
                published=date(2025, 6, 18),
            ),
            Negotiation,
        )
        assert talks.status == "held"

    def test_a_duty_named_after_a_topic_is_read(self) -> None:
        (found,) = tariffs(
            "Amid a row over steel tariffs, Canada imposed retaliatory duties on U.S. whiskey on Monday.",
            date(2025, 6, 18),
        )
        assert (found.imposer, found.target, found.product.name if found.product else None) == (
            "CA",
            "US",
            "whiskey",
        )

    def test_the_story_s_controller_outranks_the_exporters_country(self) -> None:
        found = only(
            extract(
                "The U.S. Commerce Department on Friday tightened export controls on advanced chips. Under the "
                "rule, Taiwanese companies now need a licence to export such chips to China.",
                published=date(2025, 6, 18),
            ),
            ExportControl,
        )
        assert {c.imposer for c in found} == {"US"}

    def test_a_weekday_s_duty_is_no_start(self) -> None:
        (found,) = tariffs(
            "The U.S. on Tuesday exempted Canadian potash from Friday's tariff increase.", date(2025, 6, 18)
        )
        assert found.effective is None

    def test_would_in_a_report_of_a_draft_is_proposed(self) -> None:
        (found,) = tariffs(
            "U.S. officials said Japanese goods would face a 25% tariff under a draft proposal still being debated.",
            date(2025, 6, 18),
        )
        assert found.status == "proposed"

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("China lifted its tariffs on U.S. goods to 125% on Friday.", ("CN", "US", "raised")),
            (
                "Trump told Japanese officials that Korean goods would face a 25% tariff from Aug. 1.",
                ("US", "KR", "announced"),
            ),
            ("Trump imposed a further 25 per cent penalty on Indian goods.", ("US", "IN", "raised")),
        ],
    )
    def test_abbreviations_addressees_and_units(self, text: str, expected: tuple[str, str, str]) -> None:
        (found,) = tariffs(text, date(2025, 6, 18))
        assert (found.imposer, found.target, found.status) == expected

    def test_the_act_that_spares_goods_exempts_them(self) -> None:
        found = tariffs(
            "Trump imposed a 50% tariff on Brazilian goods. The order spares orange juice and civil aircraft.",
            date(2025, 7, 30),
        )
        assert sorted(t.product.name for t in found if t.status == "exempted" and t.product) == [
            "civil aircraft",
            "orange juice",
        ]

    def test_heavy_duty_is_a_class_of_goods(self) -> None:
        (found,) = tariffs(
            "Imported heavy-duty trucks will be hit with a 25% tariff from Nov. 1 under a Section 232 "
            "proclamation signed by President Donald Trump on Friday.",
            date(2025, 9, 26),
        )
        assert found.product is not None and found.product.name == "heavy-duty trucks"

    def test_exporters_who_must_apply_for_licences(self) -> None:
        (found,) = only(
            extract(
                "Japanese exporters of three materials vital to South Korea's chip industries must apply for "
                "individual licences from Thursday.",
                published=date(2019, 7, 4),
            ),
            ExportControl,
        )
        assert (found.imposer, found.target, found.status) == ("JP", "KR", "imposed")

    def test_the_first_duty_keeps_its_own_status_beside_a_later_added_one(self) -> None:
        found = tariffs(
            "China announced tariffs on U.S. coal and crude oil on Tuesday, minutes after an additional 10% U.S. "
            "duty on all Chinese imports came into force.",
            date(2025, 2, 4),
        )
        assert {(t.imposer, t.status) for t in found} == {("CN", "announced"), ("US", "raised")}

    def test_goods_listed_with_rates_are_of_the_partner_the_story_names(self) -> None:
        found = tariffs(
            "China announced tariffs on U.S. coal on Tuesday.\n\nBeijing will charge 15% on coal and 10% on farm "
            "machinery from Feb. 10, the finance ministry said.",
            date(2025, 2, 4),
        )
        assert {t.target for t in found} == {"US"}

    def test_an_owner_whose_name_a_later_list_holds_still_owns_its_duty(self) -> None:
        found = tariffs(
            "The clash adds to frictions stemming from the 25 percent U.S. tariff on steel that took effect in "
            "March, which drew Chinese duties of 15 percent on American fruit in April.",
            date(2018, 7, 6),
        )
        assert {(t.imposer, t.product.name if t.product else None) for t in found} == {
            ("US", "steel"),
            ("CN", "fruit"),
        }

    def test_countries_after_the_first_duty_each_with_its_rate(self) -> None:
        found = tariffs(
            "President Donald Trump suspended the higher reciprocal tariffs on the European Union for 90 days. The "
            "EU had faced a 20% reciprocal rate, Japan 24% and Vietnam 46%.",
            date(2025, 4, 9),
        )
        assert {(t.target, str(t.rate.percent) if t.rate else None) for t in found} >= {
            ("JP", "24"),
            ("VN", "46"),
        }

    def test_a_duty_stated_before_a_warning_is_news_of_its_own(self) -> None:
        events = extract(
            "WASHINGTON, July 7 (Agency) - Goods from Japan and South Korea will face tariffs of 25% from Aug. 1, "
            "President Donald Trump said on Monday, warning that the rate would rise further if either country "
            "retaliated.",
            published=date(2025, 7, 7),
        )
        assert sorted(t.target for t in only(events, Tariff)) == ["JP", "KR"]
        assert {t.actor for t in only(events, Threat)} == {"US"}

    def test_goods_to_be_charged_a_rate(self) -> None:
        found = tariffs(
            "The U.S. imposed a 25% tariff on heavy-duty trucks on Friday. Buses will be charged 10% from Nov. 1 "
            "under the proclamation.",
            date(2025, 9, 26),
        )
        assert ("buses", "10") in {
            (t.product.name, str(t.rate.percent)) for t in found if t.product and t.rate
        }

    def test_a_price_charged_more_is_no_duty(self) -> None:
        found = tariffs(
            "The U.S. raised tariffs. Customers will be charged 10% more for shipping.", date(2025, 9, 26)
        )
        assert all(t.rate is None or str(t.rate.percent) != "10" for t in found)

    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            (
                "Beijing placed export licence requirements on tungsten, tellurium and three other metals used in "
                "defence.",
                ["tellurium", "tungsten"],
            ),
            (
                "ANKARA, Aug 15 - Turkey doubled tariffs on some U.S. imports including cars and tobacco on Wednesday.",
                ["cars", "tobacco"],
            ),
        ],
    )
    def test_the_goods_named_not_their_count_or_class(self, text: str, goods: list[str]) -> None:
        found = extract(text, published=date(2018, 8, 15))
        names = sorted(
            p.name for e in found for p in [getattr(e, "product", None) or getattr(e, "item", None)] if p
        )
        assert names == goods

    def test_duties_imposed_under_an_authority_and_not_affected_stand(self) -> None:
        found = tariffs(
            "The 25% global duties on steel and aluminium that Washington imposed under Section 232 in March are "
            "not affected by the deal.",
            date(2025, 5, 12),
        )
        assert {(t.imposer, t.status) for t in found} == {("US", "in_force")}

    def test_how_long_a_duty_applies_is_not_from_when(self) -> None:
        found = tariffs(
            "China imposed anti-dumping duties of up to 34.9% on brandy from the European Union. The duties, which "
            "will apply for five years, take the place of provisional deposits.",
            date(2025, 7, 4),
        )
        assert found and all(t.effective is None or t.effective.start.year == 2025 for t in found)

    def test_a_truce_extended_ends_at_its_new_end(self) -> None:
        (truce,) = only(
            extract(
                "China and the United States will also extend their tariff truce, due to expire on Nov. 10, until "
                "November next year.",
                published=date(2025, 10, 30),
            ),
            Truce,
        )
        assert truce.status == "extended" and days(truce.until) == ("2026-11-01", "2026-11-30")

    def test_leaders_who_agreed_at_a_meeting_held_talks(self) -> None:
        events = extract(
            "OSAKA, June 29 - President Donald Trump and Chinese President Xi Jinping agreed at a meeting in Osaka "
            "on Saturday to a truce in their trade war.",
            published=date(2019, 6, 29),
        )
        (talks,) = only(events, Negotiation)
        assert (sorted(talks.parties), talks.status, talks.venue) == (["CN", "US"], "held", "Osaka")
        assert only(events, Truce)

    def test_days_of_talks_were_held(self) -> None:
        (talks,) = only(
            extract(
                "The United States and China will slash their tariffs, the two sides said in a joint statement on "
                "Monday following two days of talks in the Swiss city.",
                published=date(2025, 5, 12),
            ),
            Negotiation,
        )
        assert (sorted(talks.parties), talks.status) == (["CN", "US"], "held")

    def test_a_city_named_by_its_country_is_no_party(self) -> None:
        events = extract(
            "The United States and China have extended their tariff truce by a year, formalising the outcome of "
            "Thursday's meeting between Presidents Donald Trump and Xi Jinping in the South Korean city of Busan.",
            published=date(2025, 11, 2),
        )
        assert {t.parties for t in only(events, Truce)} == {("CN", "US")}

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            (
                "Commerce Secretary Gina Raimondo described the measures as the strongest yet taken to hold back "
                "China's ability to make advanced chips.",
                0,
            ),
            ("Washington is still holding back Boeing parts that Chinese airlines need.", 1),
        ],
    )
    def test_held_back_goods_not_an_ability(self, text: str, count: int) -> None:
        assert len(only(extract(text, published=date(2025, 8, 12)), ExportControl)) == count

    def test_goods_a_relative_clause_says_bear_a_duty(self) -> None:
        found = tariffs(
            "Korean exports fell 10%. Korean cars, which face a separate 25% U.S. levy, dropped about 14%.",
            date(2025, 4, 25),
        )
        assert [(t.imposer, t.target, t.product.name if t.product else None, t.status) for t in found] == [
            ("US", "KR", "cars", "in_force")
        ]

    def test_a_figure_that_dropped_is_no_duty_lifted(self) -> None:
        found = tariffs(
            "Canada dropped its 25% tariffs on U.S. goods. Exports dropped about 14%.", date(2025, 4, 25)
        )
        assert [t.status for t in found] == ["lifted"]

    def test_goods_not_covered_are_exempted(self) -> None:
        found = tariffs(
            "NEW DELHI, Aug 28 - A 50% U.S. tariff on most Indian goods took effect. Smartphones and "
            "pharmaceuticals, which make up about a third of India's annual exports to the United States, are not "
            "covered.",
            date(2025, 8, 28),
        )
        assert sorted(t.product.name for t in found if t.status == "exempted" and t.product) == [
            "pharmaceuticals",
            "smartphones",
        ]

    def test_no_easing_leaves_the_duty_standing(self) -> None:
        found = tariffs(
            "Carney and Trump met on Tuesday, a cordial encounter that produced no easing of the U.S. tariffs on "
            "Canadian goods.",
            date(2025, 5, 7),
        )
        assert [(t.imposer, t.target, t.status) for t in found] == [("US", "CA", "in_force")]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Canadian goods outside the USMCA face a 25% U.S. tariff imposed in March, and Canadian steel and "
                "aluminum pay 25% under Section 232.",
                {("US", "CA", None), ("US", "CA", "steel"), ("US", "CA", "aluminum")},
            ),
            ("Mexican goods outside the USMCA currently pay a 25% U.S. tariff.", {("US", "MX", None)}),
            ("Consumers pay 25% of the cost.", set()),
        ],
    )
    def test_goods_that_pay_a_rate(self, text: str, expected: set[tuple[str, str, str | None]]) -> None:
        found = tariffs(text, date(2025, 5, 7))
        assert {(t.imposer, t.target, t.product.name if t.product else None) for t in found} == expected

    def test_secondary_tariffs_named_after_a_threat_are_a_second_threat(self) -> None:
        found = only(
            extract(
                "President Donald Trump threatened on Monday to impose tariffs of about 100% on Russia unless Moscow "
                "agrees to a deal within 50 days, and said buyers of Russian oil could face secondary tariffs.",
                published=date(2025, 7, 14),
            ),
            Threat,
        )
        assert sorted((t.actor, t.target) for t in found) == [("US", "*"), ("US", "RU")]

    def test_a_punishment_weighed_is_a_threat(self) -> None:
        (threat,) = only(
            extract(
                "President Donald Trump said on Tuesday he was thinking about punishing Spain with tariffs because "
                "it had refused to commit to a NATO spending target.",
                published=date(2025, 10, 15),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "ES")

    def test_a_fine_that_punishes_is_no_threat(self) -> None:
        text = "The court said it would punish the exporter for breaking the rules."
        assert only(extract(text, published=date(2025, 10, 15)), Threat) == []

    def test_a_pledge_of_who_threatened_in_the_same_story_is_a_threat(self) -> None:
        events = extract(
            "WASHINGTON, Nov 26 - President-elect Donald Trump threatened on Monday to impose a 25% tariff on all "
            "products from Mexico and Canada.\n\nIn a pair of social media posts, Trump also said he would charge "
            "an extra 10% tariff on goods from China.",
            published=date(2024, 11, 26),
        )
        assert sorted(t.target for t in only(events, Threat)) == ["CA", "CN", "MX"]
        assert only(events, Tariff) == []

    def test_a_pledge_with_no_threat_before_it_stays_a_duty(self) -> None:
        events = extract(
            "Trump said he would charge an extra 10% tariff on goods from China.",
            published=date(2024, 11, 26),
        )
        assert only(events, Threat) == [] and len(only(events, Tariff)) == 1

    def test_a_demand_of_each_government_asked(self) -> None:
        found = only(
            extract(
                "WASHINGTON, July 17 - The United States is pressing Japan and the Netherlands to further restrict "
                "exports of chipmaking equipment to China, people familiar with the discussions said.",
                published=date(2025, 7, 17),
            ),
            ExportControl,
        )
        assert sorted((c.imposer, c.target, c.status) for c in found) == [
            ("JP", "CN", "demanded"),
            ("NL", "CN", "demanded"),
        ]

    def test_where_goods_are_made_is_no_destination(self) -> None:
        (found,) = only(
            extract(
                "BEIJING, Nov 1 - China will grant case-by-case exemptions to its ban on exports of Nexperia chips "
                "made at the company's Chinese plants, the commerce ministry said on Saturday.",
                published=date(2025, 11, 1),
            ),
            ExportControl,
        )
        assert (found.imposer, found.target, found.status) == ("CN", "*", "relaxed")

    def test_the_countries_of_a_listing_s_entities_named_after_it(self) -> None:
        found = only(
            extract(
                "WASHINGTON, March 25 - The U.S. Commerce Department added 80 companies to its Entity List on "
                "Tuesday, more than 50 of them in China.\n\nThe additions include subsidiaries of server maker "
                "Inspur Group as well as entities in the United Arab Emirates, South Africa and Taiwan.",
                published=date(2025, 3, 25),
            ),
            ExportControl,
        )
        assert sorted((c.imposer, c.target, c.control) for c in found) == [
            ("US", "AE", "entity_list"),
            ("US", "CN", "entity_list"),
            ("US", "TW", "entity_list"),
            ("US", "ZA", "entity_list"),
        ]

    def test_companies_in_a_country_with_no_listing_before_are_no_listing(self) -> None:
        text = "Companies in South Africa and Taiwan reported higher sales."
        assert only(extract(text, published=date(2025, 3, 25)), ExportControl) == []

    def test_a_reprieve_that_expired_was_a_truce_with_each_partner(self) -> None:
        found = only(
            extract(
                "OTTAWA, Mar 4 - US tariffs of 25% on imports from Canada and Mexico took effect on Tuesday after a "
                "one-month reprieve expired, and President Donald Trump doubled the duty on Chinese goods to 20%.",
                published=date(2025, 3, 4),
            ),
            Truce,
        )
        assert sorted((t.parties, t.status) for t in found) == [
            (("CA", "US"), "expired"),
            (("MX", "US"), "expired"),
        ]

    def test_a_reprieve_granted_by_a_court_is_no_truce(self) -> None:
        assert (
            only(extract("The court granted the company a reprieve.", published=date(2025, 3, 4)), Truce)
            == []
        )

    @pytest.mark.parametrize(
        ("sentence", "rate"),
        [
            ("Canada on Monday removed 25% tariffs on U.S. goods.", "25"),
            ("Mexico eliminated 10% tariffs on Chinese steel.", "10"),
            ("India withdrew 20% duties on U.S. almonds.", "20"),
        ],
    )
    def test_a_duty_removed_with_its_rate_is_lifted(self, sentence: str, rate: str) -> None:
        (found,) = tariffs(sentence, date(2025, 6, 18))
        assert (found.status, str(found.rate)) == ("lifted", rate + "%")

    def test_a_figure_that_drops_is_still_no_duty_removed(self) -> None:
        assert (
            tariffs(
                "China's exports to the U.S. dropped about 14% in May after the tariffs.", date(2025, 6, 18)
            )
            == []
        )

    @pytest.mark.parametrize(
        "sentence",
        [
            "In France, smokers pay 80% tax on cigarettes.",
            "Microsoft said its customers in Germany pay 19% VAT on subscriptions.",
            "Shoppers in Canada pay 13% in sales tax on most purchases.",
            "Mexico's telecom regulator said carriers pay 3% on their revenue.",
            "Netflix users in India will be charged 18% GST from next month.",
        ],
    )
    def test_a_tax_paid_at_home_is_no_duty(self, sentence: str) -> None:
        story = "Washington raised tariffs on foreign metals in March. " + sentence
        assert [
            t
            for t in tariffs(story, date(2025, 6, 18))
            if t.product is None or "metals" not in t.product.name
        ] == []

    @pytest.mark.parametrize(
        "sentence",
        [
            "Germany faced a 3% drop in exports last year, while Japan faced 24% inflation in the 1970s.",
            "Mexico had faced 5% unemployment before the pandemic.",
        ],
    )
    def test_a_rate_of_something_else_is_assigned_to_no_country(self, sentence: str) -> None:
        story = "The U.S. imposed a 25% tariff on Chinese cars on Monday. " + sentence
        assert {t.target for t in tariffs(story, date(2025, 6, 18))} == {"CN"}

    def test_rates_assigned_country_by_country_are_still_read(self) -> None:
        story = (
            "Trump sent letters setting new tariffs from August 1. South Africa faces 30%, Indonesia 32%, "
            "and Thailand and Cambodia 36%."
        )
        found = {(t.target, str(t.rate)) for t in tariffs(story, date(2025, 7, 8))}
        assert found == {("ZA", "30%"), ("ID", "32%"), ("TH", "36%"), ("KH", "36%")}

    @pytest.mark.parametrize(
        "sentence",
        [
            "The U.S. announced a 10% tariff on Chinese solar panels, and Trump said he would add more later.",
            "The U.S. raised its tariff on Chinese steel to 50%, Trump wrote, and he said that he would put more "
            "pressure on Beijing.",
        ],
    )
    def test_a_duty_stated_beside_a_vague_pledge_stays_a_duty(self, sentence: str) -> None:
        events = extract(
            "Trump threatened a 25% tariff on Mexico and Canada. " + sentence, published=date(2025, 6, 18)
        )
        assert [e.target for e in only(events, Threat)] == ["MX", "CA"]
        assert [t.target for t in only(events, Tariff)] == ["CN"]

    @pytest.mark.parametrize(
        ("sentence", "goods"),
        [
            (
                "The U.S. imposed 25% tariffs on Chinese steel as well as aluminum on Monday.",
                ["steel", "aluminum"],
            ),
            (
                "Canada imposed 25% duties on U.S. well pumps and drilling rigs.",
                ["well pumps", "drilling rigs"],
            ),
            ("Japan imposed a 10% tariff on American oil well casing.", ["oil well casing"]),
            (
                "The U.S. imposed a 10% tariff on steel and a one hundred and twenty-five per cent import "
                "surcharge on electric vehicles.",
                ["steel", "electric vehicles"],
            ),
        ],
    )
    def test_well_is_goods_unless_it_ends_a_list(self, sentence: str, goods: list[str]) -> None:
        assert [t.product.name for t in tariffs(sentence, date(2025, 6, 18)) if t.product] == goods

    def test_a_rate_in_words_before_a_list_lead_is_read(self) -> None:
        found = tariffs(
            "The U.S. imposed a 10% tariff on steel and a one hundred and twenty-five per cent import surcharge "
            "on electric vehicles.",
            date(2025, 6, 18),
        )
        assert [str(t.rate) for t in found] == ["10%", "125%"]

    @pytest.mark.parametrize(
        "sentence",
        [
            "Analysts and others in Japan said chip sales would suffer.",
            "Most U.S. companies in China expect sales to fall.",
            "Chip output rose while other firms in Germany lag.",
        ],
    )
    def test_companies_in_a_country_after_a_listing_are_not_listed(self, sentence: str) -> None:
        events = extract(
            "The Commerce Department added 80 companies to the Entity List on Tuesday. " + sentence,
            published=date(2025, 3, 26),
        )
        assert [c.target for c in only(events, ExportControl)] == ["*"]

    def test_a_reprieve_outside_trade_is_no_truce(self) -> None:
        events = extract(
            "The company's reprieve expired on Friday, and its lenders in Germany and Japan demanded repayment.",
            published=date(2025, 3, 4),
        )
        assert only(events, Truce) == []

    def test_a_truce_named_beside_a_reprieve_is_kept(self) -> None:
        events = extract(
            "US tariffs on Canada took effect after a one-month reprieve expired, and China's truce with the U.S. "
            "was extended.",
            published=date(2025, 3, 4),
        )
        assert {t.parties for t in only(events, Truce)} == {("CA", "US"), ("CN", "US")}

    def test_a_pause_negotiated_with_partners_is_a_truce_with_each(self) -> None:
        events = extract(
            "US tariffs on Canada and Mexico took effect on Tuesday after a 30-day pause negotiated with both "
            "neighbours ended.",
            published=date(2025, 3, 4),
        )
        assert {t.parties for t in only(events, Truce)} == {("CA", "US"), ("MX", "US")}

    def test_a_duty_faced_from_next_week_is_to_come(self) -> None:
        (found,) = tariffs(
            "Japan faces a 25% tariff starting next week under the new order, the White House said.",
            date(2025, 3, 4),
        )
        assert found.status == "announced"

    @pytest.mark.parametrize(
        "sentence",
        [
            "Trump threatened 100% tariffs on Russia unless Moscow agrees to a ceasefire, while analysts doubted "
            "that secondary tariffs would work.",
            "Trump threatened to impose secondary tariffs on buyers of Venezuelan oil and said secondary tariffs "
            "would start in April.",
        ],
    )
    def test_secondary_tariffs_told_again_or_doubted_are_no_second_threat(self, sentence: str) -> None:
        events = extract(sentence, published=date(2025, 7, 15))
        assert len(only(events, Threat)) == 1
        assert only(events, Truce) == []

    def test_a_demand_fans_out_from_the_government_pressed(self) -> None:
        events = extract(
            "Japan and South Korea said Washington was pressing Japan and the Netherlands to restrict exports of "
            "chip tools to China.",
            published=date(2025, 7, 15),
        )
        assert sorted(c.imposer for c in only(events, ExportControl)) == ["JP", "NL"]

    def test_sanctions_over_other_matters_are_no_trade_threat(self) -> None:
        events = extract(
            "The EU is considering punishing Hungary with sanctions over rule-of-law concerns.",
            published=date(2025, 7, 15),
        )
        assert only(events, Threat) == []

    def test_a_reprieve_for_named_partners_is_a_truce_with_each_of_them(self) -> None:
        events = extract(
            "President Donald Trump ordered 25% tariffs on imports from Canada and Mexico last month. The one-month "
            "reprieve for Canada and Mexico expired on Tuesday.",
            published=date(2025, 3, 5),
        )
        assert {t.parties for t in only(events, Truce)} == {("CA", "US"), ("MX", "US")}

    def test_a_reprieve_covers_only_those_it_is_for(self) -> None:
        events = extract(
            "U.S. tariffs on China, Canada and Mexico took effect on Tuesday after a one-month reprieve for Canada "
            "and Mexico expired.",
            published=date(2025, 3, 5),
        )
        assert {t.parties for t in only(events, Truce)} == {("CA", "US"), ("MX", "US")}
        events = extract(
            "U.S. tariffs on Chinese goods rose to 145% after the reprieve for other countries was extended.",
            published=date(2025, 5, 2),
        )
        assert only(events, Truce) == []

    def test_a_threat_told_before_adding_that_is_no_duty_announced(self) -> None:
        events = extract(
            "Trump threatened a 50% tariff on goods from the European Union, adding that he was not looking for "
            "a deal.",
            published=date(2025, 5, 2),
        )
        assert [e.target for e in only(events, Threat)] == ["EU"]
        assert only(events, Tariff) == []

    def test_rates_by_country_are_the_story_imposers_not_the_sentences(self) -> None:
        found = tariffs(
            "The U.S. imposed a 10% tariff on all Chinese goods on Tuesday. China retaliated with 15% duties on "
            "American coal, while Canada faced 25% and Mexico 25%.",
            date(2025, 5, 2),
        )
        assert {(t.imposer, t.target) for t in found} == {
            ("US", "CN"),
            ("CN", "US"),
            ("US", "CA"),
            ("US", "MX"),
        }

    def test_an_official_qualified_by_a_demonym_comments_on_the_storys_duty(self) -> None:
        found = tariffs(
            "The United States imposed a 10% tariff on all imports on Saturday. Goods from Vietnam will face "
            "tariffs of 46% from April 9, a Japanese official said.",
            date(2025, 4, 3),
        )
        assert [(t.imposer, t.target) for t in found] == [("US", "*"), ("US", "VN")]

    @pytest.mark.parametrize(
        "sentence",
        [
            "The tariff truce between China and the United States, due to expire on Aug. 12, was agreed in Geneva "
            "in May.",
            "The tariff truce between China and the United States, due to expire on Aug. 12, has held up so far, "
            "officials said in July.",
        ],
    )
    def test_a_truces_end_is_replaced_only_by_a_new_end(self, sentence: str) -> None:
        (truce,) = only(extract(sentence, published=date(2025, 7, 20)), Truce)
        assert truce.until is not None and str(truce.until.start) == "2025-08-12"

    def test_goods_of_any_origin_do_not_take_the_storys_partner(self) -> None:
        found = tariffs(
            "The United States raised its tariff on Chinese goods to 145% on Wednesday. Separately, Washington will "
            "impose duties of 25% on imported cars and 25% on auto parts from April 3.",
            date(2025, 3, 28),
        )
        assert [(t.target, t.product.name if t.product else None) for t in found] == [
            ("CN", None),
            ("*", "cars"),
            ("*", "auto parts"),
        ]

    def test_goods_left_out_of_a_deal_are_not_exempted_from_the_duty(self) -> None:
        found = tariffs(
            "The United States agreed on Sunday to cut its tariff on most EU goods to 15%. Steel and aluminum are "
            "not covered by the agreement, the Commission said.",
            date(2025, 7, 28),
        )
        assert [t.status for t in found] == ["lowered"]

    def test_rounds_of_talks_planned_are_scheduled(self) -> None:
        (talks,) = only(
            extract(
                "Three rounds of talks between U.S. and Chinese negotiators are planned for June.",
                published=date(2025, 5, 2),
            ),
            Negotiation,
        )
        assert talks.status == "scheduled"

    def test_the_answer_a_duty_drew_is_its_owners_and_to_come_when_told_so(self) -> None:
        found = tariffs(
            "The U.S. tariffs on steel triggered EU counter-tariffs of 25% on American motorcycles, which Brussels "
            "will impose from April 1.",
            date(2025, 3, 12),
        )
        assert [(t.imposer, t.target, t.status) for t in found] == [("EU", "US", "announced")]
        found = tariffs(
            "The U.S. raised tariffs on steel to 25% on Wednesday, prompting EU counter-tariffs on American "
            "motorcycles.",
            date(2025, 3, 12),
        )
        assert [(t.imposer, t.target) for t in found] == [("US", "*"), ("EU", "US")]

    def test_a_duty_faced_from_a_named_start_is_to_come(self) -> None:
        (found,) = tariffs(
            "Japanese cars face a 25% tariff starting April 3 under the order Trump signed on Wednesday.",
            date(2025, 3, 28),
        )
        assert found.status == "announced"

    def test_a_heavy_duty_is_a_duty_and_heavy_duty_trucks_are_goods(self) -> None:
        (gold,) = tariffs("India imposed a heavy duty on imported gold on Friday.", date(2025, 5, 2))
        assert gold.product is not None and gold.product.name == "gold"
        (trucks,) = tariffs("Mexico imposed a 10% tariff on heavy duty trucks from China.", date(2025, 5, 2))
        assert trucks.product is not None and trucks.product.name == "heavy duty trucks"
        assert tariffs("Sales of heavy duty trucks rose 5% in April.", date(2025, 5, 2)) == []
