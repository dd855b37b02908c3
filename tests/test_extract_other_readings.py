"""Readings of export controls, talks, truces and threats, each shown on sentences of its own (none from the
corpus): what happens to a control against the words that describe it, when a control applies, talks that
were only hoped for, statements joined in one sentence, and threats made without a threat verb."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Threat, Truce, extract
from tradewatch.extract._dates import find_dates

TUESDAY = date(2025, 9, 9)


def controls(text: str) -> list[ExportControl]:
    return only(extract(text, published=TUESDAY), ExportControl)


class TestWhatHappensToAControl:
    @pytest.mark.parametrize(
        ("text", "status"),
        [
            # suspended, the checks no longer apply; put off, they apply later (tests/corpus/README.md)
            (
                "Seoul suspended tighter end-user checks on nickel exports to Japan, the ministry said.",
                "lifted",
            ),
            ("Jakarta has paused the stricter export reviews of cobalt it brought in last year.", "lifted"),
            ("Ottawa delayed new export licensing for uranium shipments to India by six months.", "relaxed"),
        ],
    )
    def test_pausing_stricter_checks_lifts_them_and_delaying_relaxes(self, text: str, status: str) -> None:
        found = controls(text)
        assert found and all(c.status == status for c in found)

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            (
                "A planned widening of the export rules on tungsten will be put on hold, Beijing said.",
                "relaxed",
            ),
            (
                "Chile's tougher export curbs on lithium announced in March were suspended on Monday.",
                "relaxed",
            ),
            ("Indonesia's export ban on raw bauxite was lifted last week, officials said.", "lifted"),
        ],
    )
    def test_a_passive_verb_after_the_control_says_what_happens_to_it(self, text: str, status: str) -> None:
        found = controls(text)
        assert found and all(c.status == status for c in found)

    def test_a_passive_verb_of_another_statement_is_not_the_controls(self) -> None:
        text = "The export curbs on cobalt began in May, when trade talks were suspended."
        assert all(c.status != "relaxed" for c in controls(text))

    @pytest.mark.parametrize(
        "text",
        [
            "The Commerce Department extended its export blacklist to the units of listed firms.",
            "The U.S. Commerce Department added 14 more Russian firms to the Entity List on Monday.",
            "Washington added two further Iranian firms to its entity list.",
        ],
    )
    def test_widening_an_existing_listing_tightens_it(self, text: str) -> None:
        found = controls(text)
        assert found and all(c.status == "tightened" for c in found)

    def test_goods_that_end_up_somewhere_end_no_control(self) -> None:
        text = "Ottawa's new export rules on drones mean they cannot end up in Iran."
        found = controls(text)
        assert found and all(c.status == "imposed" for c in found)

    def test_adding_companies_to_the_list_for_the_first_time_imposes(self) -> None:
        text = "Washington added two Iranian firms to its entity list."
        found = controls(text)
        assert found and all(c.status == "imposed" for c in found)


class TestWhenAControlApplies:
    def test_the_end_of_a_pause_is_not_when_the_control_applies(self) -> None:
        text = "Vietnam suspended its ban on exports of rare earths to Korea until March 3, 2026."
        (control,) = controls(text)
        assert control.status == "lifted" and control.effective is None

    def test_a_place_before_a_date_is_no_cue_of_it(self) -> None:
        text = (
            "Chile lifted its ban on copper exports to Peru under a deal the two leaders reached in Lima "
            "last month."
        )
        (control,) = controls(text)
        assert control.effective is None

    def test_in_a_month_still_dates_the_control(self) -> None:
        text = "Malaysia will ban exports of raw tin to Singapore in November."
        (control,) = controls(text)
        assert days(control.effective) == ("2025-11-01", "2025-11-30")

    @pytest.mark.parametrize(
        ("sentence", "span"),
        [
            ("The agency on Monday extended its rules, which it said would apply widely.", "2025-09-08"),
            ("The bloc on Friday formally adopted the curbs that will apply next year.", "2025-09-05"),
        ],
    )
    def test_a_weekday_before_a_past_verb_is_past(self, sentence: str, span: str) -> None:
        (found,) = [d for d in find_dates(sentence, TUESDAY) if "day" in d.span.text]
        assert str(found.span.start) == span

    def test_a_weekday_before_a_future_verb_is_to_come(self) -> None:
        (found,) = find_dates("The agency will on Monday extend its rules.", TUESDAY)
        assert str(found.span.start) == "2025-09-15"


class TestTalksOnlyHopedFor:
    @pytest.mark.parametrize(
        "text",
        [
            "The Peruvian and Chilean presidents met in Lima on Sunday and said they expected their ministers "
            "to reach a trade deal soon.",
            "Peruvian and Chilean ministers held trade talks in Santiago on Monday, though no agreement was "
            "reached on copper.",
        ],
    )
    def test_a_deal_hoped_for_or_denied_concludes_nothing(self, text: str) -> None:
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "held"

    def test_a_deal_reached_concludes_the_talks(self) -> None:
        text = "Peru and Chile reached a trade deal in Lima on Monday after two days of talks."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "concluded"

    def test_failing_to_reach_a_deal_is_still_talks_held(self) -> None:
        text = "Peru and Chile held trade talks in Lima on Monday but failed to reach a deal."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "held"


class TestRoundsAndVenues:
    def test_the_first_meeting_since_is_no_round(self) -> None:
        text = "Kenyan and Ugandan negotiators held trade talks in Nairobi, the first meeting since May."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.round is None

    @pytest.mark.parametrize(
        ("text", "round_"),
        [
            (
                "The Kenyan and Ugandan presidents held their first face-to-face meeting on trade in Nairobi.",
                None,
            ),
            ("The Kenyan and Ugandan trade ministers held their third meeting on tariffs in Nairobi.", 3),
        ],
    )
    def test_a_first_meeting_counts_no_round_but_a_third_does(self, text: str, round_: int | None) -> None:
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.round == round_

    def test_a_first_round_is_one(self) -> None:
        text = "Kenyan and Ugandan negotiators held a first round of trade talks in Nairobi."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.round == 1

    def test_talks_planned_for_a_city_take_place_there(self) -> None:
        text = "Argentina and Brazil said trade talks would resume, with the next round planned for Geneva."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.venue == "Geneva"


class TestTalksJoinedInOneSentence:
    def test_each_statement_names_its_own_talks(self) -> None:
        text = (
            "Peru and Chile reached a trade deal on Monday, and Bolivia's trade minister flew to Lima to join "
            "talks there on Wednesday."
        )
        found = {tuple(t.parties): t for t in only(extract(text, published=TUESDAY), Negotiation)}
        assert found[("CL", "PE")].status == "concluded"
        assert days(found[("CL", "PE")].when) == ("2025-09-08", "2025-09-08")
        assert ("BO", "CL") not in found

    @pytest.mark.parametrize(
        "text",
        [
            "Colombia's president said he would stop trade negotiations with Venezuela at once.",
            "Ecuador stopped negotiations on a trade pact with Colombia on Friday.",
        ],
    )
    def test_stopping_talks_suspends_them(self, text: str) -> None:
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "suspended"

    def test_a_country_named_with_a_region_is_a_place_not_a_party(self) -> None:
        text = "Ankara broke off trade negotiations with Washington, citing a dispute over troops in northern Iraq."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert sorted(talks.parties) == ["TR", "US"]


class TestThreatsWithoutAThreatVerb:
    def test_the_speaker_of_would_unless_threatens_not_the_sentence_subject(self) -> None:
        text = (
            "Panama agreed on Monday to inspect the ships, hours after President Donald Trump said he would "
            "impose 30% tariffs on Panamanian goods unless the inspections began."
        )
        threats = only(extract(text, published=TUESDAY), Threat)
        assert [(t.actor, t.target) for t in threats] == [("US", "PA")]
        assert threats[0].condition == "unless the inspections began"

    @pytest.mark.parametrize(
        ("text", "condition"),
        [
            (
                'Trump said he would tariff Norway "very heavily" if it kept its fishing limits, and declined to '
                "say more.",
                "if it kept its fishing limits",
            ),
            (
                "Brazil's president said he would impose duties on U.S. goods if the U.S. tariff stayed.",
                "if the U.S. tariff stayed",
            ),
        ],
    )
    def test_would_impose_if_is_a_threat(self, text: str, condition: str) -> None:
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert threat.kind == "tariff" and threat.condition == condition

    def test_a_duty_that_would_apply_if_nobody_threatens(self) -> None:
        text = "The duty would apply if imports keep rising, the commission's report found."
        assert only(extract(text, published=TUESDAY), Threat) == []


class TestPossessedThreats:
    def test_the_possessor_of_the_threat_makes_it(self) -> None:
        text = (
            "Canada will delay its own countermeasures against U.S. steel tariffs, citing Trump's threat of a "
            "35% levy on Canadian goods from Oct. 1."
        )
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert (threat.actor, threat.target) == ("US", "CA")
        assert threat.measure is not None and str(threat.measure.rate) == "35%"  # type: ignore[union-attr]
        assert days(threat.deadline) == ("2025-10-01", "2025-10-01")


class TestTruces:
    @pytest.mark.parametrize(
        "text",
        [
            "Seoul and Tokyo agreed on Monday to suspend their duties, a truce over fishing rights that runs "
            "until May.",
            "Argentina and Chile reached a truce in their dispute over wine tariffs.",
        ],
    )
    def test_a_dispute_over_something_ends_no_truce(self, text: str) -> None:
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "agreed"

    def test_a_truce_that_is_over_has_ended(self) -> None:
        text = "The truce between Ecuador and Peru is over, Quito's trade minister said."
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "ended"

    def test_ending_a_truce_ends_it(self) -> None:
        text = (
            "Peru raised its duties on Chilean fruit on Monday, abruptly ending a truce it agreed with Chile."
        )
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "ended"

    def test_a_truce_ending_on_a_day_is_still_agreed(self) -> None:
        text = "Peru and Chile agreed a truce ending in May."
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "agreed"

    @pytest.mark.parametrize(
        "text",
        [
            "Kenya and Tanzania have agreed to put their trade war on hold, ministers said on Monday.",
            "Kenya and Tanzania paused their tariff war on Monday after talks in Arusha.",
        ],
    )
    def test_a_trade_war_put_on_hold_is_a_truce(self, text: str) -> None:
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert sorted(truce.parties) == ["KE", "TZ"] and truce.status == "agreed"


class TestTheVerbAfterAnAside:
    def test_the_talks_led_by_ministers_concluded(self) -> None:
        text = (
            "The talks, led on the Kenyan side by the trade minister and on the Ugandan side by her deputy, "
            "concluded on Saturday with a joint statement on sugar quotas."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "concluded"
        assert days(talks.when) == ("2025-09-06", "2025-09-06")


class TestACountedSetNamedElsewhere:
    def test_the_named_goods_take_what_the_counting_sentence_says(self) -> None:
        text = (
            "Seoul will tighten curbs on exports to Japan of two metals used in batteries from Friday, the "
            "ministry said. Exporters of nickel and cobalt will need a licence for every shipment to Japan."
        )
        found = {c.item.name: c for c in controls(text) if c.item}
        assert sorted(found) == ["cobalt", "nickel"]
        assert all(c.status == "tightened" for c in found.values())
        assert all(days(c.effective) == ("2025-09-12", "2025-09-12") for c in found.values())
        assert len(controls(text)) == 2

    def test_the_background_of_the_named_goods_does_not_date_a_lifting(self) -> None:
        text = (
            "Seoul will lift its curbs on exports of two metals to Japan, the ministry said. The export curbs on "
            "nickel and cobalt sold to Japan were introduced in March 2023."
        )
        found = controls(text)
        assert sorted(c.item.name for c in found if c.item) == ["cobalt", "nickel"]
        assert all(c.status == "lifted" and c.effective is None for c in found)

    def test_a_count_the_item_does_not_fulfil_keeps_each_statement(self) -> None:
        text = (
            "Seoul will tighten curbs on exports to Japan of three metals from Friday. Exporters of nickel and "
            "cobalt will need a licence for every shipment to Japan."
        )
        found = controls(text)
        assert any(c.status == "tightened" for c in found)
        assert {c.item.name for c in found if c.item and c.status == "imposed"} == {"nickel", "cobalt"}


class TestMoreOfAControl:
    def test_a_listing_that_brings_the_total_higher_tightens_it(self) -> None:
        text = (
            "The Commerce Department added 17 Iranian firms to the Entity List, bringing the total number of "
            "listed Iranian entities to 240."
        )
        (control,) = controls(text)
        assert control.control == "entity_list" and control.status == "tightened"

    def test_goods_after_the_recipient_they_go_to(self) -> None:
        text = "Tokyo will require a licence for any sale to the Russian airline of spare engines."
        names = [c.item.name for c in controls(text) if c.item]
        assert names == ["spare engines"]

    def test_a_control_named_in_a_clause_about_its_earlier_stage(self) -> None:
        text = (
            "Seoul began issuing licences for nickel exports to Japan last week, two months after it banned "
            "their sale to Japan in June."
        )
        (control,) = controls(text)
        # the week it began is when the relief applies, not June, when the ban began
        assert control.status == "relaxed"
        assert control.effective is not None and control.effective.text == "last week"


class TestMonthOfANamedYear:
    @pytest.mark.parametrize(
        ("sentence", "span"),
        [
            ("Licences have been required since August last year.", ("2024-08-01", "2024-08-31")),
            ("The rules will apply from March next year.", ("2026-03-01", "2026-03-31")),
        ],
    )
    def test_a_month_then_last_or_next_year(self, sentence: str, span: tuple[str, str]) -> None:
        (found,) = find_dates(sentence, TUESDAY)
        assert (str(found.span.start), str(found.span.end)) == span


class TestDealsThatConcludeTalks:
    @pytest.mark.parametrize(
        "text",
        [
            "Lima will cut its duty on Chilean wine under a trade deal announced on Monday.",
            "Lima lowered its duty on Chilean wine, putting into effect a deal that Peru and Chile finalised "
            "in late July.",
            "Two days of talks in Lima produced what officials called a first-stage trade deal between Peru "
            "and Chile.",
        ],
    )
    def test_a_deal_made_public_concludes_talks(self, text: str) -> None:
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert sorted(talks.parties) == ["CL", "PE"] and talks.status == "concluded"

    def test_a_deal_announced_is_not_placed_where_the_story_was_filed(self) -> None:
        text = "LIMA, Sept 9 - Peru will cut its duty on Chilean wine under a trade deal announced on Monday."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.venue is None

    def test_talks_reported_where_they_are_held_take_place_there(self) -> None:
        text = "LIMA, Sept 9 - Peruvian and Chilean negotiators held trade talks on Monday."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.venue == "Lima"

    def test_talks_that_go_on_are_held(self) -> None:
        text = "Peru and Chile said their trade talks were continuing."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "held"


class TestReprisalsPromised:
    def test_hitting_back_if_is_a_threat_without_a_named_measure(self) -> None:
        text = "Norway's trade minister said Oslo would hit back hard if Brussels went ahead with the quotas."
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert (threat.actor, threat.target, threat.kind) == ("NO", "EU", "other")
        assert threat.condition == "if Brussels went ahead with the quotas"

    def test_a_reprisal_against_any_party_named_in_the_condition(self) -> None:
        text = "Beijing would respond firmly if any country signs such a pact, a spokesperson said."
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert threat.actor == "CN" and threat.target == "*"

    def test_cutting_off_exports_if_another_follows_through(self) -> None:
        text = (
            "Canada's energy minister said the country could cut off power exports to the United States if "
            "Washington follows through on its plan for a 30% tariff on Canadian goods."
        )
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert (threat.actor, threat.target, threat.kind) == ("CA", "US", "export_control")
        assert threat.condition is not None and threat.condition.startswith("if Washington follows through")


class TestTalksAndAnotherMeasuresVerb:
    def test_a_measure_kept_suspended_for_talks_suspends_no_talks(self) -> None:
        text = "Ottawa will keep its countermeasures suspended until June to allow time for trade talks with Mexico."
        assert all(t.status != "suspended" for t in only(extract(text, published=TUESDAY), Negotiation))

    def test_talks_suspended_are_suspended(self) -> None:
        text = "Ottawa suspended trade talks with Mexico on Monday."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "suspended"

    def test_a_deal_then_its_participle_concludes_talks(self) -> None:
        text = "The pact, signed by Peru and Chile at a summit in Lima on Monday, cuts duties on copper."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "concluded"


class TestDatesOfTalksAndWhatCameBefore:
    def test_a_date_in_a_since_clause_after_the_talks_is_not_theirs(self) -> None:
        text = (
            "Peruvian and Chilean ministers will resume trade talks in Lima, the first since the dispute "
            "flared in March."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.when is None

    def test_talks_named_in_a_since_clause_keep_their_date(self) -> None:
        text = (
            "Lima lifted its ban on copper exports to Chile, the first step since the two countries held "
            "talks in Santiago last month."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert days(talks.when) == ("2025-08-01", "2025-08-31")

    def test_a_meeting_set_for_a_day_is_scheduled(self) -> None:
        text = "The meeting of Peruvian and Chilean trade ministers, set for Friday, will take place in Lima."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "scheduled"


class TestTrucesOfArms:
    def test_a_ceasefire_in_a_story_without_trade_is_no_truce(self) -> None:
        text = (
            "Shipping lines said they would avoid the strait despite the ceasefire between Armenia and "
            "Azerbaijan, until safe passage is assured for an extended period."
        )
        assert only(extract(text, published=TUESDAY), Truce) == []

    def test_a_ceasefire_in_a_trade_story_is_a_truce(self) -> None:
        text = (
            "Peru and Chile agreed a ceasefire in their dispute, suspending the duties each had placed on the "
            "other's fruit."
        )
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "agreed"

    def test_an_extended_period_extends_no_truce(self) -> None:
        text = "The truce between Peru and Chile has held for an extended period, officials said."
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status != "extended"


class TestOneTruceStatedTwice:
    def test_the_stated_status_and_the_named_end_win(self) -> None:
        text = (
            "Peru and Chile agreed on Monday to suspend their fruit duties for three years, extending a truce "
            "that had been due to expire next month. Under the accord, the truce between Peru and Chile runs "
            "until September 2028."
        )
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "extended"
        assert days(truce.until) == ("2028-09-01", "2028-09-30")


class TestWarningsOfOnesOwnMeasures:
    def test_warning_that_it_could_raise_its_own_tariff_threatens(self) -> None:
        text = "Seoul has warned that it could raise its tariff on Japanese beer to 30%, officials said."
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert (threat.actor, threat.target, threat.kind) == ("KR", "JP", "tariff")

    def test_warning_that_tariffs_could_raise_prices_threatens_nothing(self) -> None:
        text = "Seoul has warned that Japanese tariffs could raise prices for Korean shoppers."
        assert only(extract(text, published=TUESDAY), Threat) == []
