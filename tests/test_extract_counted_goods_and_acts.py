"""Readings found on sentences written for them, each shown on sentences of its own (none from the corpus):
threats and who makes them, demands, what only sounds like a measure, goods and their origins, duties,
controls, talks and truces stated in the ways different outlets write, and the parts of a year and of a month
named in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Tariff, Threat, Truce, extract
from tradewatch.extract._dates import find_dates

MONDAY = date(2025, 3, 10)


def tariffs(text: str, published: date = MONDAY) -> list[Tariff]:
    return only(extract(text, published=published), Tariff)


def controls(text: str, published: date = MONDAY) -> list[ExportControl]:
    return only(extract(text, published=published), ExportControl)


class TestWhoActs:
    def test_the_party_that_hit_back_is_not_the_target_of_what_it_answered(self) -> None:
        text = (
            "Ottawa imposed duties on American bourbon last week. Beijing also hit back after Washington "
            "raised its levy on Chinese solar panels to 50% from 25% on Friday."
        )
        found = [t for t in tariffs(text) if t.rate is not None]
        assert [(t.imposer, t.target, str(t.rate.percent)) for t in found if t.rate] == [("US", "CN", "50")]


class TestGoodsEdges:
    def test_an_adverb_after_generic_goods_is_no_product(self) -> None:
        (found,) = tariffs(
            "Mexico's 20% tariffs on $12 billion of American goods also took effect on Monday, the economy "
            "ministry said."
        )
        assert (found.imposer, found.target, found.product) == ("MX", "US", None)

    def test_goods_above_a_quota_are_not_named_by_the_preposition(self) -> None:
        found = tariffs(
            "Imports above that quota will still pay the 25% duty, Canada's finance ministry said."
        )
        assert found and all(t.product is None or "above" not in t.product.name for t in found)

    def test_an_apposition_counting_the_goods_listed_is_no_goods_of_its_own(self) -> None:
        found = controls(
            "Beijing imposed export controls on scandium, yttrium and lutetium, three metals used in lasers "
            "and jet engines, the commerce ministry said on Monday."
        )
        assert sorted(c.item.name for c in found if c.item) == ["lutetium", "scandium", "yttrium"]


class TestControlDates:
    def test_the_day_a_ban_was_lifted_is_when_it_applies(self) -> None:
        (found,) = controls("Jakarta on Saturday lifted its ban on exports of nickel ore to Japan.")
        assert found.status == "lifted"
        assert days(found.effective) == ("2025-03-08", "2025-03-08")

    def test_the_day_a_licence_rule_was_eased_is_when_it_applies(self) -> None:
        (found,) = controls(
            "South Korea eased licence requirements for exports of drones to Poland on Friday."
        )
        assert found.status == "relaxed"
        assert days(found.effective) == ("2025-03-07", "2025-03-07")

    def test_the_day_a_paused_control_was_announced_does_not_date_the_pause(self) -> None:
        (found,) = controls(
            "Beijing also suspended for a year the curbs on exports of graphite it announced on February 3."
        )
        assert found.status == "lifted"  # suspended (tests/corpus/README.md)
        assert found.effective is None

    def test_a_control_imposed_on_a_day_is_dated_by_it(self) -> None:
        # as a duty imposed is (tests/corpus/README.md)
        (found,) = controls("China imposed licence requirements on exports of gallium on Monday.")
        assert found.status == "imposed"
        assert found.effective is not None and found.effective.start == MONDAY


def threats(text: str, published: date = MONDAY) -> list[Threat]:
    return only(extract(text, published=published), Threat)


class TestThreatReadings:
    def test_who_risks_a_duty_unless_it_acts_is_the_target(self) -> None:
        (found,) = threats(
            "Thailand risks a 36% tariff unless it opens its market to American pork, the USTR said on Monday."
        )
        assert (found.actor, found.target) == ("US", "TH")
        assert isinstance(found.measure, Tariff) and found.measure.product is None
        assert found.condition is not None and found.condition.startswith("unless")

    def test_a_reprisal_promised_should_the_other_side_go_ahead_is_a_threat(self) -> None:
        (found,) = threats(
            "Canberra said it would impose counter-tariffs on US beef should Washington go ahead with its plan."
        )
        assert (found.actor, found.target) == ("AU", "US")

    def test_a_duty_promised_if_talks_fail_is_a_threat(self) -> None:
        (found,) = threats(
            "Vietnam could be hit with tariffs of up to 46% if talks fail, Trump told reporters."
        )
        assert (found.actor, found.target) == ("US", "VN")
        assert isinstance(found.measure, Tariff) and str(found.measure.rate.percent) == "46"  # type: ignore[union-attr]

    def test_the_party_a_threat_names_as_destination_is_not_its_author(self) -> None:
        text = (
            "Washington raised its tariffs on steel on Monday. The administration is also threatening to block "
            "exports of turbine blades to China."
        )
        (found,) = threats(text)
        assert (found.actor, found.target) == ("US", "CN")

    def test_a_destination_is_never_the_author_of_a_threat(self) -> None:
        # with no one else named, the sentence says nothing of who threatens: no threat rather than China's
        assert threats("The administration is threatening to block exports of turbine blades to China.") == []


class TestMadeOutside:
    def test_the_country_goods_are_made_outside_is_not_their_origin(self) -> None:
        (found,) = tariffs(
            "Trump said he would put a 25% tariff on smartphones made outside the United States."
        )
        assert (found.imposer, found.target) == ("US", "*")

    def test_goods_made_in_a_country_come_from_it(self) -> None:
        (found,) = tariffs("The United States imposed duties on solar panels made in Cambodia on Monday.")
        assert (found.imposer, found.target) == ("US", "KH")


class TestEveryDutyAndExportTaxes:
    def test_every_duty_of_an_imposer_scrapped_is_stated(self) -> None:
        (found,) = tariffs("Iceland scrapped all industrial tariffs from January 1.")
        assert (found.imposer, found.target, found.product, found.status) == ("IS", "*", None, "lifted")
        assert days(found.effective) == ("2025-01-01", "2025-01-01")

    def test_the_duties_named_before_are_not_restated(self) -> None:
        assert tariffs("Norway lifted the duties on Monday.") == []

    def test_an_export_tax_is_a_duty_of_its_own(self) -> None:
        (found,) = tariffs("Argentina lowered its export tax on wheat to 9.5% from 12% on Monday.")
        assert (found.imposer, found.status, str(found.rate.percent)) == ("AR", "lowered", "9.5")  # type: ignore[union-attr]

    def test_an_import_tax_alone_in_its_sentence_is_read(self) -> None:
        (found,) = tariffs("India raised its import tax on gold to 15% from 10% on Friday.")
        assert found.product is not None and found.product.name == "gold"


class TestGoodsOfUse:
    def test_a_use_after_the_goods_is_no_part_of_their_name(self) -> None:
        (found,) = tariffs("Peru set duties of 18% on Chinese grinding balls used in mining on Friday.")
        assert found.product is not None and found.product.name == "grinding balls"

    def test_a_class_described_by_its_use_classes_the_goods_listed(self) -> None:
        found = controls(
            "Beijing imposed export controls on bismuth and indium, metals used in solar cells, on Friday."
        )
        assert sorted(c.item.name for c in found if c.item) == ["bismuth", "indium"]

    def test_parts_of_a_good_are_goods(self) -> None:
        (found,) = controls("Taipei will require licences for exports of some drone parts from May 1.")
        assert found.item is not None and found.item.name == "drone parts"

    def test_kinds_counted_before_the_goods_are_no_part_of_their_name(self) -> None:
        (found,) = controls("Seoul imposed export curbs on 12 types of battery equipment on Monday.")
        assert found.item is not None and found.item.name == "battery equipment"


class TestTalksWithoutADeal:
    def test_a_round_that_ended_without_a_deal_far_from_its_noun_was_held(self) -> None:
        (found,) = only(
            extract(
                "The third round of talks between Peru and Japan on a chapter on services and "
                "investment ended in Lima on Friday without an agreement.",
                published=MONDAY,
            ),
            Negotiation,
        )
        assert (found.status, found.round, found.venue) == ("held", 3, "Lima")


class TestPartsOfAYear:
    @pytest.mark.parametrize(
        ("phrase", "first", "last"),
        [
            ("until early 2026", "2026-01-01", "2026-04-30"),
            ("until mid-2026", "2026-05-01", "2026-08-31"),
            ("until late 2026", "2026-09-01", "2026-12-31"),
            ("to end-2026", "2026-12-21", "2026-12-31"),
        ],
    )
    def test_a_truce_kept_until_a_part_of_a_year(self, phrase: str, first: str, last: str) -> None:
        (found,) = only(
            extract(f"Seoul and Tokyo extended their truce over chip materials {phrase}.", published=MONDAY),
            Truce,
        )
        assert days(found.until) == (first, last)

    def test_the_start_of_next_year_is_its_first_days(self) -> None:
        (found,) = tariffs("Chile's duty on Chinese steel bars will rise to 35% at the start of next year.")
        assert days(found.effective) == ("2026-01-01", "2026-01-10")

    @given(year=st.integers(1990, 2099), part=st.sampled_from(["early", "mid", "late"]))
    def test_the_thirds_of_a_year_tile_it(self, year: int, part: str) -> None:
        (mention,) = find_dates(f"by {part} {year}", MONDAY)
        span = mention.span
        assert span.start.year == span.end.year == year
        assert {"early": 1, "mid": 5, "late": 9}[part] == span.start.month and span.start.day == 1
        assert span.end.month == span.start.month + 3 and (span.end + timedelta(days=1)).day == 1


class TestOffersAndHeadlineLists:
    def test_a_cut_offered_is_proposed(self) -> None:
        (found,) = tariffs("Cambodia offered on Monday to cut its tariffs on US goods to zero.")
        assert (found.imposer, found.target, found.status) == ("KH", "US", "proposed")

    def test_goods_listed_with_a_comma_before_the_duty(self) -> None:
        found = tariffs("Ottawa doubles lumber, copper tariffs to 40%")
        assert sorted(t.product.name for t in found if t.product) == ["copper", "lumber"]


class TestAgentsAndPartnersOfAKind:
    def test_an_agent_named_in_a_later_aside_is_not_the_imposer(self) -> None:
        (found,) = tariffs(
            "Chile will impose a 15% tariff on steel bars from China, Finance Minister Mario Marcel said on "
            "Monday, in a move to protect mills hurt by cheap metal diverted by US duties."
        )
        assert (found.imposer, found.target) == ("CL", "CN")

    def test_the_agent_of_a_duty_still_owns_it(self) -> None:
        (found,) = tariffs(
            "A 25% duty on Mexican tomatoes imposed by the United States took effect on Monday."
        )
        assert (found.imposer, found.target) == ("US", "MX")

    def test_goods_from_countries_of_a_kind_come_from_no_one_partner(self) -> None:
        (found,) = tariffs(
            "Ottawa will impose a 25% tariff on steel imported from countries it has no trade agreement with, "
            "officials said, a week after Washington raised its own duties."
        )
        assert (found.imposer, found.target) == ("CA", "*")


class TestPermitsAndListings:
    def test_a_trade_permit_required_is_a_licence_imposed_from_the_day_it_began(self) -> None:
        (found,) = controls(
            "Thailand began requiring a trade permit on Friday for exports of US-made servers, the commerce "
            "ministry said."
        )
        assert (found.imposer, found.status, found.control) == ("TH", "imposed", "licence")
        assert days(found.effective) == ("2025-03-07", "2025-03-07")

    def test_the_exporters_a_listing_binds_are_not_its_destination(self) -> None:
        (found,) = controls(
            "Seoul has added two Russian shipyards to its list of entities subject to export controls, "
            "requiring Korean companies to obtain government permission before shipping goods to them."
        )
        assert found.imposer == "KR"

    def test_buyers_who_need_goods_are_still_their_destination(self) -> None:
        (found,) = controls("Washington is still holding back engine parts that Chinese airlines need.")
        assert (found.imposer, found.target) == ("US", "CN")

    def test_what_a_listing_means_for_the_companies_on_it_is_no_control_of_its_own(self) -> None:
        assert (
            controls("Companies on the list must obtain a licence before they can receive US technology.")
            == []
        )


class TestDealsThatAreNoTalks:
    @pytest.mark.parametrize(
        "text",
        [
            "Chile will cut its duty on Korean trucks to zero under a trade deal, the ministry said on Monday.",
            "Peru raised tariffs on goods from countries with which it has no trade agreement.",
            "Costs could rise this year, depending on how negotiations between Washington and Tokyo unfold.",
        ],
    )
    def test_a_deal_named_as_ground_condition_or_absence_is_no_negotiation(self, text: str) -> None:
        assert only(extract(text, published=MONDAY), Negotiation) == []

    def test_a_deal_reached_under_which_duties_fall_is_still_concluded(self) -> None:
        found = only(
            extract(
                "Chile and Korea reached a trade deal on Monday under which tariffs on trucks fall to zero."
            ),
            Negotiation,
        )
        assert [n.status for n in found] == ["concluded"]


class TestAdjectivesAndAdverbs:
    def test_a_lower_duty_faced_is_no_cut(self) -> None:
        found = tariffs(
            "Washington's 25% tariffs on Mexican goods took effect on Tuesday. Mexican avocados face a lower "
            "10% levy."
        )
        assert [t.status for t in found if t.product is not None] == ["in_force"]

    def test_a_duty_lowered_is_still_a_cut(self) -> None:
        (found,) = tariffs("Ottawa will lower the surtax on Chinese steel to 10% on Monday.")
        assert found.status == "lowered"

    def test_an_adverb_after_goods_is_no_part_of_them(self) -> None:
        (found,) = tariffs("Most Swiss watches currently face a 39% US tariff.")
        assert found.product is not None and found.product.name == "watches"


class TestDemandsToTighten:
    def test_a_control_asked_of_an_ally_targets_the_destination(self) -> None:
        (found,) = controls(
            "Washington is pressing Seoul to further restrict exports of memory chips to Russia, officials said."
        )
        assert (found.imposer, found.target, found.status) == ("KR", "RU", "demanded")

    def test_a_duty_asked_of_a_neighbour_targets_the_goods_origin(self) -> None:
        (found,) = tariffs("The United States urged Canada to impose tariffs on Chinese steel.")
        assert (found.imposer, found.target, found.status) == ("CA", "CN", "demanded")

    def test_relief_asked_still_targets_who_asks(self) -> None:
        (found,) = tariffs("Brazil urged the United States to lift its tariffs on Brazilian coffee.")
        assert (found.imposer, found.target, found.status) == ("US", "BR", "demanded")


class TestExtendedPausesAndExamples:
    def test_a_pause_extended_by_a_span_is_extended(self) -> None:
        found = tariffs("Ottawa has extended by three months its suspension of surtaxes on American bourbon.")
        assert [t.status for t in found] == ["extended"]

    def test_examples_of_goods_named_only_by_origin_are_the_goods(self) -> None:
        found = tariffs("Mexico imposed tariffs on US goods such as pork, cheese and apples on Monday.")
        assert sorted((t.target, t.product.name) for t in found if t.product) == [
            ("US", "apples"),
            ("US", "cheese"),
            ("US", "pork"),
        ]

    def test_examples_of_goods_of_a_kind_stay_examples(self) -> None:
        found = tariffs("Mexico imposed tariffs on US farm goods such as pork and cheese on Monday.")
        assert [t.product.name for t in found if t.product] == ["farm goods"]


class TestReprisalsAndWithheldDuties:
    def test_countermeasures_promised_are_a_threat(self) -> None:
        found = threats(
            "Washington put two Chinese shipping firms under sanctions on Monday. Beijing said it would take "
            "resolute countermeasures to defend its companies."
        )
        assert [(t.actor, t.target) for t in found] == [("CN", "US")]

    def test_a_duty_withheld_unless_a_party_acts_is_a_threat(self) -> None:
        (found,) = threats(
            "The White House said 30% tariffs on Ecuadorian goods would not be imposed unless Quito fails to "
            "honour the agreement."
        )
        assert (found.actor, found.target) == ("US", "EC")
        assert found.condition is not None and found.condition.startswith("unless")

    def test_a_duty_denied_without_a_condition_is_no_event(self) -> None:
        assert (
            extract("Canada will not impose tariffs on US steel, the minister said.", published=MONDAY) == []
        )

    def test_duties_put_to_consultation_are_proposed(self) -> None:
        text = (
            "Ottawa imposed a surtax on Chinese EVs. It will also open a consultation on possible duties on "
            "Chinese batteries."
        )
        found = [t for t in tariffs(text) if t.product and t.product.name == "batteries"]
        assert [(t.imposer, t.target, t.status) for t in found] == [("CA", "CN", "proposed")]

    def test_a_duty_told_in_a_clause_of_time_after_a_threat_is_its_own(self) -> None:
        found = extract(
            "Beijing warned it could impose duties on European brandy, days after Brussels announced "
            "provisional tariffs on Chinese electric vehicles.",
            published=MONDAY,
        )
        assert [(t.actor, t.target) for t in only(found, Threat)] == [("CN", "EU")]
        assert [(t.imposer, t.target, t.status) for t in only(found, Tariff)] == [("EU", "CN", "announced")]


class TestProposedRoundsAndDutiesToFollow:
    def test_a_round_proposed_is_proposed_however_near_next_round_stands(self) -> None:
        (found,) = only(
            extract(
                "Chile has proposed holding the next round of negotiations with India in Santiago in early May.",
                published=MONDAY,
            ),
            Negotiation,
        )
        assert (found.status, found.venue) == ("proposed", "Santiago")

    def test_duties_that_may_follow_are_proposed(self) -> None:
        found = tariffs(
            "Indonesia imposed duties on Chinese nylon on Monday. Duties on nylon yarn from China may follow, "
            "the ministry added."
        )
        assert [t.status for t in found if t.product and t.product.name == "nylon yarn"] == ["proposed"]


class TestTheRestAndEndings:
    def test_the_duty_other_goods_still_face_is_not_that_of_the_goods_cut(self) -> None:
        found = tariffs(
            "Turkey cut its duty on bourbon on Monday. Other whiskies still face the full 60% duty."
        )
        bourbon = [t for t in found if t.product is not None and t.product.name == "bourbon"]
        assert [(t.status, t.rate) for t in bourbon] == [("lowered", None)]

    def test_what_a_deal_ends_is_not_the_duty(self) -> None:
        found = tariffs(
            "Seoul and Washington finalised a deal on Tuesday that caps US tariffs on Korean cars at 15%, ending "
            "months of haggling."
        )
        assert found and not any(t.status == "lifted" for t in found)


class TestListedDestinations:
    def test_each_destination_of_a_list_is_a_target(self) -> None:
        found = controls("Beijing banned exports of drone engines to Sudan, Libya and Yemen on Monday.")
        assert sorted(c.target for c in found) == ["LY", "SD", "YE"]

    def test_buyers_are_no_goods(self) -> None:
        found = controls("Tokyo imposed export curbs on Chinese buyers of chip tools.")
        assert [c.item.name if c.item else None for c in found] == ["chip tools"]


class TestDealsAnnounced:
    def test_a_framework_announced_is_a_deal_concluded(self) -> None:
        (found,) = only(
            extract(
                "Washington and Quito announced a framework for a reciprocal trade agreement on Thursday.",
                published=MONDAY,
            ),
            Negotiation,
        )
        assert (found.parties, found.status) == (("EC", "US"), "concluded")


class TestEntitiesListedByOrigin:
    def test_entities_from_several_countries_are_listed_against_each(self) -> None:
        text = (
            "Seoul added three Chinese drone makers to its entity list in May. The trade ministry said on "
            "Monday that 40 entities from Iran, Belarus and mainland China had been placed on its entity list."
        )
        found = controls(text)
        assert {c.imposer for c in found} == {"KR"}
        assert sorted({c.target for c in found}) == ["BY", "CN", "IR"]

    def test_leaders_meeting_before_a_truce_are_talks(self) -> None:
        found = extract(
            "Washington and Beijing agreed to a truce until November 10, after Trump met Xi Jinping in Busan "
            "on Thursday.",
            published=date(2025, 10, 31),
        )
        (talks,) = only(found, Negotiation)
        assert (talks.parties, talks.venue) == (("CN", "US"), "Busan")
        assert only(found, Truce)


class TestSecondControlOfOneSubject:
    def test_a_listing_and_a_licence_tightened_in_one_sentence(self) -> None:
        found = controls(
            "Tokyo on Monday added 12 Russian companies to its end-user list and tightened licence requirements "
            "for sales of machine tools to Russia."
        )
        assert sorted((c.control, c.status) for c in found) == [
            ("entity_list", "imposed"),
            ("licence", "tightened"),
        ]

    def test_stricter_end_use_reviews_alone_in_their_sentence(self) -> None:
        found = controls(
            "Beijing banned exports of antimony on Tuesday. It also ordered stricter end-use reviews for graphite "
            "sold to American users."
        )
        assert [(c.target, c.status) for c in found if c.item and c.item.name == "graphite"] == [
            ("US", "tightened")
        ]


class TestInForceFromADayToCome:
    def test_duties_that_take_effect_on_a_day_to_come_are_announced(self) -> None:
        (found,) = tariffs("Peru's new tariffs on Chinese tyres take effect in May.")
        assert found.status == "announced"

    def test_duties_that_took_effect_are_in_force(self) -> None:
        (found,) = tariffs("Peru's new tariffs on Chinese tyres took effect on Friday.")
        assert found.status == "in_force"


class TestThreatsOfSeveralVerbs:
    def test_retaliation_prepared_if_talks_fail_is_a_threat(self) -> None:
        (found,) = threats(
            "Canada has prepared a list of C$25 billion of US goods for possible retaliation if talks fail."
        )
        assert (found.actor, found.target) == ("CA", "US")

    def test_the_threat_of_a_measure_is_that_of_the_verb_that_names_it(self) -> None:
        (found,) = threats(
            "Beijing vowed to fight to the end after Trump threatened an additional 50% tariff."
        )
        assert (found.actor, found.target) == ("US", "CN")

    def test_what_a_penalty_punishes_buying_is_not_its_target(self) -> None:
        (found,) = tariffs(
            "Trump said Turkey would pay a 25% tariff from August 1 as a penalty for buying Russian oil."
        )
        assert (found.imposer, found.target) == ("US", "TR")


class TestCountermeasuresAndAvertedThreats:
    def test_countermeasures_on_goods_are_duties(self) -> None:
        (found,) = tariffs(
            "Ottawa will suspend for six months its planned countermeasures on C$20 billion of US goods."
        )
        assert (found.imposer, found.target, found.status) == ("CA", "US", "suspended")

    def test_countermeasures_taken_are_still_a_threat_not_a_duty(self) -> None:
        found = extract("Beijing said it would take countermeasures if Washington raised tariffs again.")
        assert only(found, Tariff) == [] and only(found, Threat)

    def test_a_deal_that_averts_a_threatened_rate_states_its_own_rate(self) -> None:
        found = extract(
            "Seoul and Washington struck a deal on Sunday that sets a 15% US tariff on most Korean goods, "
            "averting a threatened 25% rate.",
            published=MONDAY,
        )
        assert only(found, Threat) == []
        assert [(t.imposer, t.target, str(t.rate.percent)) for t in only(found, Tariff) if t.rate] == [
            ("US", "KR", "15")
        ]


class TestTalksInAStoryOfTrade:
    def test_officials_to_meet_in_a_story_about_trade_are_talks(self) -> None:
        found = only(
            extract(
                "Ottawa dropped its counter-tariffs on US goods on Monday. Canadian and US officials are expected "
                "to meet in Washington next week, a government source said.",
                published=MONDAY,
            ),
            Negotiation,
        )
        assert [(n.status, n.venue) for n in found] == [("scheduled", "Washington")]

    def test_talks_as_a_time_frame_are_no_event(self) -> None:
        found = extract(
            "Canada will keep its duties on US steel in place while talks continue.", published=MONDAY
        )
        assert only(found, Negotiation) == []


class TestExportsHaltedInTheFuture:
    def test_exports_that_would_be_halted_are_a_ban(self) -> None:
        (found,) = controls(
            "Officials in Lusaka said exports of copper concentrate would also be halted from mid-2026."
        )
        assert (found.imposer, found.status, found.item.name if found.item else None) == (
            "ZM",
            "imposed",
            "copper concentrate",
        )
        assert days(found.effective) == ("2026-05-01", "2026-08-31")

    def test_exports_that_could_be_halted_are_proposed(self) -> None:
        (found,) = controls("Zambia said exports of copper concentrate could be halted next year.")
        assert found.status == "proposed"


class TestStandingDutiesAndMonthsOfChanges:
    def test_a_duty_that_is_something_stands(self) -> None:
        (found,) = tariffs("Brazil's 35% duty on imported cars is among the highest in the region.")
        assert found.status == "in_force"

    def test_a_duty_set_to_rise_is_no_standing_duty(self) -> None:
        (found,) = tariffs("Brazil's duty on imported cars is set to rise to 35% in July.")
        assert found.status != "in_force"

    def test_the_month_a_duty_was_lifted_is_when_it_applies(self) -> None:
        (found,) = tariffs("China's duties on Australian wine, imposed in 2021, were lifted in March 2024.")
        assert found.status == "lifted"
        assert days(found.effective) == ("2024-03-01", "2024-03-31")


class TestCountedProductsAndAdjectives:
    def test_duties_cut_on_goods_counted_are_a_measure(self) -> None:
        (found,) = tariffs("Britain will cut tariffs on more than 100 products, the trade department said.")
        assert (found.imposer, found.target, found.status) == ("GB", "*", "lowered")

    def test_lower_duties_extended_are_extended(self) -> None:
        found = tariffs("Manila extended lower tariffs on rice and pork until the end of 2028.")
        assert {t.status for t in found} == {"extended"}

    def test_frozen_goods_from_several_origins(self) -> None:
        found = tariffs("Pretoria imposed a 40% duty on frozen chicken from Brazil, Denmark and Poland.")
        assert sorted(t.target for t in found) == ["BR", "DK", "PL"]
        assert {t.product.name for t in found if t.product} == {"frozen chicken"}

    def test_resolute_measures_promised_against_curbs_are_a_threat(self) -> None:
        found = threats(
            "Tokyo tightened its export curbs on Monday. Beijing said it would take resolute measures against "
            "Japan's curbs."
        )
        assert [(t.actor, t.target) for t in found] == [("CN", "JP")]

    def test_necessary_measures_are_boilerplate(self) -> None:
        found = threats(
            "Washington added 12 firms to its list on Monday. Beijing said it would take necessary measures "
            "against the listing."
        )
        assert found == []

    def test_a_fight_to_the_end_ends_no_duty(self) -> None:
        found = tariffs(
            "Beijing, which has retaliated with tariffs of 84% on US goods, said it would fight to the end."
        )
        assert found and not any(t.status == "lifted" for t in found)

    def test_reciprocal_duties_paused_on_partners_counted_are_a_measure(self) -> None:
        (found,) = tariffs("Washington paused its reciprocal tariffs on dozens of countries for 90 days.")
        assert (found.imposer, found.target, found.status) == ("US", "*", "suspended")


class TestPlacesAndStandingTruces:
    def test_the_city_where_two_sides_met_does_not_act(self) -> None:
        found = controls(
            "Beijing and Washington held talks in Geneva. The two sides last met in London in June, when they "
            "agreed on a framework to ease export controls on rare earths."
        )
        assert found and all(c.imposer != "GB" for c in found)

    def test_a_truce_whose_extension_is_not_announced_still_runs(self) -> None:
        found = only(
            extract(
                "Seoul and Tokyo ended talks without announcing an extension of their truce, which expires on "
                "August 12.",
                published=date(2025, 7, 29),
            ),
            Truce,
        )
        assert [(t.status, days(t.until)) for t in found] == [("agreed", ("2025-08-12", "2025-08-12"))]

    def test_an_extension_denied_without_a_running_truce_is_no_event(self) -> None:
        found = only(
            extract("Seoul and Tokyo did not extend their truce.", published=date(2025, 7, 29)),
            Truce,
        )
        assert found == []


class TestDangersDemandsAndAppositions:
    def test_a_danger_named_is_no_threat_and_the_duty_is_read(self) -> None:
        found = extract(
            "Washington imposed an additional 40% tariff on Colombian goods on Wednesday, describing the ruling "
            "as a threat to US interests.",
            published=MONDAY,
        )
        assert only(found, Threat) == []
        assert [(t.imposer, t.target) for t in only(found, Tariff)] == [("US", "CO")]

    def test_secondary_duties_target_no_one_partner(self) -> None:
        (found,) = tariffs("Trump announced secondary tariffs on countries that keep buying Venezuelan oil.")
        assert (found.imposer, found.target, found.product) == ("US", "*", None)

    def test_the_threat_of_a_rate_named_before_its_verb_and_the_deal_s_own_rate(self) -> None:
        found = extract(
            "Thailand and the United States reached a deal that sets a 19% tariff on most Thai goods, below the "
            "36% rate President Donald Trump had threatened to impose.",
            published=MONDAY,
        )
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.target) == ("US", "TH")
        assert isinstance(threat.measure, Tariff) and str(threat.measure.rate.percent) == "36"  # type: ignore[union-attr]
        assert [str(t.rate.percent) for t in only(found, Tariff) if t.rate] == ["19"]

    def test_who_should_lift_a_control_is_asked_to(self) -> None:
        (found,) = controls(
            "Britain's trade minister said on Tuesday that China should lift its licensing restrictions on exports "
            "of rare-earth magnets."
        )
        assert (found.imposer, found.target, found.status) == ("CN", "GB", "demanded")

    def test_an_apposition_of_two_exports_names_no_goods(self) -> None:
        found = tariffs(
            "Washington imposed a 50% tariff on Indian goods. Pharmaceuticals and smartphones, two of India's "
            "biggest exports to the United States, remain exempt."
        )
        assert sorted(t.product.name for t in found if t.product) == ["pharmaceuticals", "smartphones"]

    def test_a_rate_halved_to_a_figure(self) -> None:
        (found,) = tariffs("Under the deal, Vietnam will halve its 60% tariff on American cars to 30%.")
        assert (str(found.rate.percent), str(found.previous_rate.percent)) == ("30", "60")  # type: ignore[union-attr]

    def test_the_total_a_duty_added_brings_however_far(self) -> None:
        (found,) = tariffs(
            "Washington imposed an additional 25% tariff on Indian goods, raising the total US duty on most imports "
            "from the world's most populous country to 50%."
        )
        assert (str(found.rate.percent), found.status) == ("50", "raised")  # type: ignore[union-attr]

    def test_a_bill_that_would_ban_exports_is_a_proposal(self) -> None:
        (found,) = controls(
            "Zimbabwe's senators approved a bill on Monday that would ban exports of raw lithium."
        )
        assert found.status == "proposed"

    def test_a_country_granted_an_exemption_undergoes_the_duty(self) -> None:
        found = tariffs(
            "Washington imposed 25% tariffs on steel in March. Argentina was granted a permanent exemption from "
            "the steel duties."
        )
        assert [(t.imposer, t.target) for t in found if t.status == "exempted"] == [("US", "AR")]


class TestThreatConstructions:
    def test_or_face_names_the_measure_after_its_condition(self) -> None:
        (found,) = threats(
            "Washington has given Phnom Penh until August 1 to curb transshipments or face a 49% tariff."
        )
        assert (found.actor, found.target) == ("US", "KH")
        assert isinstance(found.measure, Tariff) and str(found.measure.rate.percent) == "49"  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        "text",
        [
            "If no deal is reached by July 9, Japan faces a 35% tariff on its exports, Trump said.",
            "If no deal is reached by July 9, Washington will impose a 35% tariff on Japanese goods.",
        ],
    )
    def test_an_opening_condition_and_the_measure_after_it(self, text: str) -> None:
        (found,) = threats(text, published=date(2025, 7, 1))
        assert (found.actor, found.target) == ("US", "JP")
        assert found.deadline is not None

    def test_a_closing_warning_reports_the_threat_of_its_speaker(self) -> None:
        (found,) = threats(
            "Vietnam risks losing duty-free access for its shoes if it fails to curb transshipments, US officials "
            "warned."
        )
        assert (found.actor, found.target) == ("US", "VN")

    def test_who_is_warned_of_consequences_if_it_acts(self) -> None:
        (found,) = threats("Beijing warned Seoul of consequences if it tightened chip export rules further.")
        assert (found.actor, found.target) == ("CN", "KR")

    def test_the_parties_a_measure_names_are_its_target_not_those_of_the_condition(self) -> None:
        (found,) = threats(
            "Beijing said it would blacklist US defence firms if Washington went ahead with arms sales to Taipei."
        )
        assert (found.actor, found.target) == ("CN", "US")


class TestQuotasAndAuthorisations:
    def test_a_quota_set_for_exports_is_a_control_of_the_goods(self) -> None:
        (found,) = controls("Pakistan set a quota of 500,000 tonnes for sugar exports this season.")
        assert (found.imposer, found.control, found.item.name if found.item else None) == (
            "PK",
            "quota",
            "sugar",
        )

    def test_licences_for_goods_name_the_goods(self) -> None:
        (found,) = controls("Brussels will require export licences for vaccines.")
        assert (found.control, found.item.name if found.item else None) == ("licence", "vaccines")

    def test_related_goods_are_goods(self) -> None:
        found = controls(
            "Beijing put export curbs on five rare earth elements and related magnets on Thursday."
        )
        assert "magnets" in {c.item.name for c in found if c.item}


class TestMorePartsOfTime:
    @pytest.mark.parametrize(
        ("phrase", "first", "last"),
        [
            ("later this month", "2025-03-11", "2025-03-31"),
            ("later this year", "2025-03-11", "2025-12-31"),
            ("in the second half of the year", "2025-07-01", "2025-12-31"),
            ("in the first half of 2026", "2026-01-01", "2026-06-30"),
            ("from the start of next month", "2025-04-01", "2025-04-10"),
            ("on the first day of next month", "2025-04-01", "2025-04-01"),
        ],
    )
    def test_parts_of_time_to_come(self, phrase: str, first: str, last: str) -> None:
        (mention,) = find_dates(f"The duties take effect {phrase}.", MONDAY)
        assert (str(mention.span.start), str(mention.span.end)) == (first, last)

    def test_a_cut_in_two_weeks_is_dated(self) -> None:
        (found,) = tariffs("Hanoi will cut its tariffs on American cars to 10% in two weeks.")
        assert days(found.effective) == ("2025-03-24", "2025-03-24")


class TestListingsWithExamples:
    def test_examples_of_those_listed_are_not_who_lists(self) -> None:
        found = controls(
            "Beijing's commerce ministry said on Thursday it would tighten rare earth controls. The ministry also "
            "added 14 foreign organisations, including US defence contractors, to its unreliable entity list and "
            "placed export controls on graphite anode technologies."
        )
        assert {c.imposer for c in found} == {"CN"}
        assert ("entity_list", "US") in {(c.control, c.target) for c in found}
        assert "graphite anode technologies" in {c.item.name for c in found if c.item}


class TestHeadlineDeals:
    @pytest.mark.parametrize(
        "headline", ["US, Vietnam strike deal", "EU and Chile sign pact", "UK, India seal deal"]
    )
    def test_a_deal_struck_in_a_headline_concludes_talks(self, headline: str) -> None:
        found = only(extract(headline, published=MONDAY), Negotiation)
        assert [n.status for n in found] == ["concluded"]

    def test_companies_striking_a_deal_are_no_talks(self) -> None:
        assert extract("Nvidia and AMD strike deal to sell chips to China", published=MONDAY) == []


class TestBlocsOfMembers:
    @pytest.mark.parametrize(
        ("text", "parties"),
        [
            (
                "The EU and Mercosur signed a free trade agreement on Saturday.",
                ("AR", "BR", "EU", "PY", "UY"),
            ),
            (
                "Britain and the Gulf Cooperation Council concluded talks on a trade deal.",
                ("AE", "BH", "GB", "KW", "OM", "QA", "SA"),
            ),
            ("India and EFTA signed a trade pact.", ("CH", "IN", "IS", "LI", "NO")),
        ],
    )
    def test_a_bloc_negotiates_for_its_members(self, text: str, parties: tuple[str, ...]) -> None:
        (found,) = only(extract(text, published=MONDAY), Negotiation)
        assert found.parties == parties


class TestRangesAndImmediateDuties:
    def test_a_range_of_rates_is_no_change_of_rate(self) -> None:
        (found,) = tariffs(
            "Brussels imposed provisional duties on Chinese biodiesel ranging from 12.8% to 36.4%."
        )
        assert (str(found.rate.percent), found.previous_rate) == ("36.4", None)  # type: ignore[union-attr]
        assert found.status not in ("raised", "lowered")

    def test_rates_between_two_figures(self) -> None:
        (found,) = tariffs("Brussels set duties of between 17% and 35.3% on Chinese EVs.")
        assert str(found.rate.percent) == "35.3"  # type: ignore[union-attr]

    def test_a_surtax_being_imposed_effective_immediately_is_in_force(self) -> None:
        (found,) = tariffs(
            "Effective immediately, Ottawa is imposing a 25% surtax on steel products from China."
        )
        assert found.status == "in_force"


class TestStatusesOfPastActs:
    def test_a_duty_imposed_with_no_day_to_come_is_in_force(self) -> None:
        (found,) = tariffs(
            "Lima imposed provisional anti-dumping duties of 20% on Chinese steel balls on Tuesday."
        )
        assert found.status == "in_force"

    def test_a_duty_imposed_from_a_day_to_come_is_announced(self) -> None:
        (found,) = tariffs("Lima imposed anti-dumping duties of 20% on Chinese steel balls from April 1.")
        assert found.status == "announced"

    def test_most_of_the_duties_rolled_back_are_lowered(self) -> None:
        found = tariffs(
            "Bogota and Quito agreed on Monday to roll back most of the tariffs they imposed on each other."
        )
        assert {t.status for t in found} == {"lowered"}
        assert all(t.product is None for t in found)

    def test_government_approval_needed_is_no_permission(self) -> None:
        (found,) = controls(
            "Seoul added 12 Russian firms to its export control list, meaning exporters will need government "
            "approval to ship goods to them."
        )
        assert found.status == "imposed"

    def test_the_day_a_duty_was_imposed_dates_it(self) -> None:
        (found,) = tariffs(
            "Lima imposed provisional anti-dumping duties of 20% on Chinese steel balls on Friday."
        )
        assert (found.status, days(found.effective)) == ("in_force", ("2025-03-07", "2025-03-07"))


class TestTermsOfTruces:
    @pytest.mark.parametrize(
        ("text", "end"),
        [
            ("Seoul and Tokyo agreed to a 90-day truce starting May 14.", "2025-08-12"),
            ("A one-year truce between Ottawa and Beijing took effect on Monday.", "2026-03-10"),
        ],
    )
    def test_a_term_counts_from_the_day_it_starts(self, text: str, end: str) -> None:
        (found,) = only(extract(text, published=MONDAY), Truce)
        assert days(found.until) == (end, end)


class TestRatesCountryByCountry:
    def test_rates_assigned_country_by_country_in_a_story_of_duties(self) -> None:
        text = (
            "Washington sent letters to 12 countries on Monday setting out the tariffs they will face from Aug. 1. "
            "Goods from Laos and Myanmar will be charged 40%, the letters showed. Serbia faces 35%, Tunisia 25%, "
            "and Algeria and Iraq 30%."
        )
        found = {(t.imposer, t.target, str(t.rate.percent)) for t in tariffs(text) if t.rate}
        assert {
            ("US", "LA", "40"),
            ("US", "MM", "40"),
            ("US", "RS", "35"),
            ("US", "TN", "25"),
            ("US", "DZ", "30"),
            ("US", "IQ", "30"),
        } <= found

    def test_figures_by_country_outside_a_story_of_duties_are_no_duties(self) -> None:
        text = "Serbia's exports rose 35% last year, Tunisia's 25%, the statistics office said."
        assert tariffs(text) == []


class TestAnswersWithinHours:
    def test_an_answer_within_hours_takes_the_day_and_stage_of_what_it_answers(self) -> None:
        found = tariffs(
            "Washington began collecting a 25% tariff on Brazilian steel on Friday, and Brasilia answered within "
            "hours with matching 25% duties on American ethanol."
        )
        ethanol = [t for t in found if t.product is not None and t.product.name == "ethanol"]
        assert [(t.imposer, t.status, days(t.effective)) for t in ethanol] == [
            ("BR", "in_force", ("2025-03-07", "2025-03-07"))
        ]


class TestListingsRemovedAndSuspended:
    def test_entities_struck_off_a_list_are_delisted(self) -> None:
        (found,) = controls("Washington struck 16 Chinese entities off its Unverified List on Friday.")
        assert (found.target, found.status) == ("CN", "lifted")

    def test_a_listing_suspended_is_lifted_for_the_time(self) -> None:
        (found,) = controls(
            "Beijing suspended for a year its listing of US defence firms on its entity list."
        )
        assert (found.target, found.status) == ("US", "lifted")


class TestRoundsAndAsides:
    def test_a_round_concluded_was_held(self) -> None:
        (found,) = only(
            extract(
                "Peru and Japan concluded the sixth round of trade talks in Lima on Thursday.",
                published=MONDAY,
            ),
            Negotiation,
        )
        assert (found.status, found.round) == ("held", 6)

    def test_talks_frozen_in_an_aside_that_resumed(self) -> None:
        (found,) = only(
            extract(
                "Talks between Canada and India, frozen since 2023, resumed in Ottawa this week.",
                published=MONDAY,
            ),
            Negotiation,
        )
        assert found.status == "held"

    def test_a_pair_of_days_told_on_the_first_of_them_is_the_last_pair_over(self) -> None:
        (mention,) = find_dates("Officials met in Geneva on Friday and Saturday.", date(2025, 11, 7))
        assert (str(mention.span.start), str(mention.span.end)) == ("2025-10-31", "2025-11-01")


class TestDutiesWaived:
    def test_a_duty_waived_for_a_time_is_suspended(self) -> None:
        (found,) = tariffs("Dhaka waives import duty on cotton until September 30")
        assert (found.imposer, found.status, found.product.name if found.product else None) == (
            "BD",
            "suspended",
            "cotton",
        )

    def test_a_duty_waived_for_good_is_lifted(self) -> None:
        (found,) = tariffs("Dhaka waived its import duty on cotton on Monday.")
        assert found.status == "lifted"


class TestStepsTowardsDuties:
    def test_a_ruling_that_clears_the_way_for_duties_proposes_them(self) -> None:
        (found,) = tariffs(
            "Mexico's trade tribunal found that Chinese steel wire had injured domestic producers, clearing the way "
            "for duties."
        )
        assert found.status == "proposed"

    def test_duties_that_expire_end_the_goods(self) -> None:
        (found,) = tariffs("Jakarta's anti-dumping duties on Chinese nylon expire next week.")
        assert found.product is not None and found.product.name == "nylon"


class TestCoordinatedOriginsAndTradeDemands:
    def test_origins_that_qualify_goods_named_after_them(self) -> None:
        found = tariffs("Brussels extended anti-dumping duties on Chinese and Taiwanese stainless steel.")
        assert sorted((t.target, t.product.name) for t in found if t.product) == [
            ("CN", "stainless steel"),
            ("TW", "stainless steel"),
        ]

    def test_a_trade_that_asks_a_government_by_name_makes_a_demand(self) -> None:
        (found,) = tariffs("Farmers urged Beijing to cut its tariffs on Canadian canola.")
        assert (found.imposer, found.target, found.status) == ("CN", "CA", "demanded")

    def test_a_trade_s_wish_with_no_government_asked_is_no_demand(self) -> None:
        assert not any(
            t.status == "demanded" for t in tariffs("Carmakers in Japan want relief from US tariffs.")
        )

    def test_duties_raised_in_all_by_a_duty_added(self) -> None:
        (found,) = tariffs(
            "An additional 25% US tariff on Brazilian goods took effect on Wednesday, raising duties on many "
            "Brazilian exports to as much as 50%."
        )
        assert (str(found.rate.percent), str(found.previous_rate.percent)) == ("50", "25")  # type: ignore[union-attr]


class TestReliefDenied:
    @pytest.mark.parametrize(
        "text",
        [
            "Washington declined to exempt Pakistan from its duties of 25% on steel.",
            "Ottawa refused to suspend its 25% surtax on Pakistani steel.",
            "Canberra will not lift its tariffs on Pakistani steel.",
        ],
    )
    def test_relief_denied_leaves_the_duty_standing(self, text: str) -> None:
        (found,) = tariffs(text)
        assert (found.target, found.status) == ("PK", "in_force")

    def test_a_duty_denied_is_still_no_event(self) -> None:
        assert tariffs("Canberra will not impose tariffs on Pakistani steel.") == []


class TestEdgesOfTheReadings:
    def test_frozen_goods_of_any_name(self) -> None:
        found = tariffs("Pretoria imposed a 40% duty on frozen onions from Brazil, Denmark and Poland.")
        assert sorted(t.target for t in found) == ["BR", "DK", "PL"]

    def test_a_deal_unveiled_in_the_present(self) -> None:
        (found,) = only(
            extract("The European Union unveils a trade agreement with Chile.", published=MONDAY), Negotiation
        )
        assert found.status == "concluded"

    def test_imposed_said_of_another_duty_does_not_put_this_one_in_force(self) -> None:
        found = tariffs(
            "Ottawa announced a 25% tariff on US steel, matching duties Washington imposed in March."
        )
        assert [t.status for t in found if t.imposer == "CA"] == ["announced"]

    def test_a_duty_in_a_clause_two_days_after_a_threat(self) -> None:
        found = extract(
            "Beijing warned it could impose duties on European brandy, two days after Brussels announced "
            "provisional tariffs on Chinese electric vehicles.",
            published=MONDAY,
        )
        assert [(t.imposer, t.target) for t in only(found, Tariff)] == [("EU", "CN")]

    def test_a_share_or_a_price_is_no_rate_of_duty(self) -> None:
        text = (
            "Washington raised its tariffs on Japanese cars to 25% on Monday. Germany gets 20% of its gas from "
            "Norway, and Canada pays 30% more for insurance."
        )
        assert {t.target for t in tariffs(text)} == {"JP"}

    def test_a_reason_after_the_relief_asked_does_not_make_it_a_tightening(self) -> None:
        (found,) = tariffs(
            "Brazil urged Washington to lift its tariffs on coffee, saying they were designed to limit competition."
        )
        assert (found.imposer, found.target, found.status) == ("US", "BR", "demanded")

    def test_a_relief_asked_for_a_list_of_destinations_targets_each(self) -> None:
        found = controls(
            "Britain urged China to lift its curbs on exports of rare-earth magnets to Japan, Germany and France."
        )
        assert sorted(c.target for c in found) == ["DE", "FR", "JP"]
