"""Readings of export controls, talks, truces and threats as other writers put them, each shown on sentences of
its own (none from the corpus): permits and approvals, goods a control counts or names by their class while the
item lists them elsewhere, the destination and imposer of a control among other countries, talks that wrap up
or are only promised, the parties of a sentence that names none, and words of threat that threaten nothing."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Threat, Truce, extract

TUESDAY = date(2025, 9, 9)


def controls(text: str) -> list[ExportControl]:
    return only(extract(text, published=TUESDAY), ExportControl)


class TestPermitsAndApprovals:
    @pytest.mark.parametrize(
        "text",
        [
            "Vietnam will require traders of raw tin to apply for permits from Oct. 1, the ministry said.",
            "Under the rule, exporters of cobalt ore must obtain permits for every cargo, Kinshasa said.",
        ],
    )
    def test_permits_to_export_are_a_licence_imposed(self, text: str) -> None:
        found = controls(text)
        assert found and all(c.control == "licence" and c.status == "imposed" for c in found)

    def test_a_date_after_apply_for_is_no_date_of_effect(self) -> None:
        text = (
            "Hanoi will require exporters of tin to apply for permits from Oct. 1. Separately, Washington "
            "tightened its curbs on drone sales to Iran."
        )
        found = {c.imposer: c for c in controls(text)}
        assert days(found["VN"].effective) == ("2025-10-01", "2025-10-01")
        assert found["US"].effective is None

    def test_being_held_back_by_something_is_no_control(self) -> None:
        text = (
            "Brazil and Argentina have talked about a customs pact for years, held back by quarrels and rivalry "
            "in industries such as cars and footwear."
        )
        assert controls(text) == []


class TestGoodsListedElsewhere:
    def test_a_counted_set_takes_the_list_of_as_many_goods(self) -> None:
        text = (
            "Lima will require licences for sales to Bolivia of four battery minerals from Monday. The list "
            "includes lithium carbonate, cobalt sulphate, manganese and graphite, officials said."
        )
        found = controls(text)
        assert sorted(c.item.name for c in found if c.item) == [
            "cobalt sulphate",
            "graphite",
            "lithium carbonate",
            "manganese",
        ]
        assert all(c.target == "BO" and days(c.effective) == ("2025-09-15", "2025-09-15") for c in found)

    def test_the_class_of_the_goods_refers_to_the_counted_set(self) -> None:
        text = (
            "Prices of zinc, lead and tin jumped after Lima put export curbs on the three metals. Exporters of "
            "the metals will need a licence for every cargo from Oct. 1, the ministry said."
        )
        found = controls(text)
        assert sorted(c.item.name for c in found if c.item) == ["lead", "tin", "zinc"]
        assert all(days(c.effective) == ("2025-10-01", "2025-10-01") for c in found)

    def test_a_count_no_list_fulfils_keeps_the_class(self) -> None:
        text = "Lima announced export curbs on three metals. Dealers in zinc and tin were worried."
        found = controls(text)
        assert [c.item.name for c in found if c.item] == ["metals"]

    def test_a_lifting_is_not_dated_by_the_imposition_of_the_same_goods(self) -> None:
        text = (
            "Lima will lift its curbs on sales to Chile of three metals. The curbs on zinc, lead and tin sold "
            "to Chile were imposed in March."
        )
        found = controls(text)
        assert sorted(c.item.name for c in found if c.item) == ["lead", "tin", "zinc"]
        assert all(c.status == "lifted" and c.effective is None for c in found)


class TestWhereAControlGoes:
    def test_every_destination_whatever_country_is_named(self) -> None:
        text = (
            "Jakarta scrapped the nickel ban it set in June against U.S. buyers, though exporters of tin still "
            "need licences for sales to all destinations."
        )
        found = controls(text)
        assert [(c.imposer, c.target, c.item.name if c.item else None) for c in found] == [("ID", "*", "tin")]

    def test_a_country_struck_off_a_list_of_favoured_partners_is_the_target(self) -> None:
        text = "Seoul is weighing whether to drop Japan from the list of nations that enjoy lighter export checks."
        (control,) = controls(text)
        assert (control.imposer, control.target, control.status) == ("KR", "JP", "proposed")

    def test_a_licence_to_sell_to_listed_firms_is_what_a_listing_means(self) -> None:
        text = (
            "Washington added nine Iranian firms to its Entity List. Suppliers will need a licence to sell to "
            "the listed companies."
        )
        found = controls(text)
        assert [c.control for c in found] == ["entity_list"]

    def test_a_second_statement_of_a_move_names_its_own_imposer(self) -> None:
        text = (
            "The step follows Hanoi's licence requirements on zinc, which took effect on Aug. 1, and comes a week "
            "after Washington tightened its curbs on drone sales to Vietnam."
        )
        found = {c.imposer: c for c in only(extract(text, published=TUESDAY), ExportControl)}
        assert "US" in found and found["US"].target == "VN" and found["US"].status == "tightened"
        assert found["US"].effective is None


class TestPermissionsToExport:
    @pytest.mark.parametrize(
        "text",
        [
            "Tokyo said it would let Kioxia ship its memory chips to buyers in Russia again.",
            "The White House will allow the chipmaker to sell older processors to customers in China.",
        ],
    )
    def test_letting_a_firm_sell_abroad_relaxes_a_control(self, text: str) -> None:
        found = controls(text)
        assert found and all(c.status == "relaxed" for c in found)

    def test_export_controls_among_the_topics_of_talks_are_no_control(self) -> None:
        text = (
            "Indian and U.S. officials ended a round of talks in Delhi, saying they had narrowed gaps on topics "
            "such as export controls and visas."
        )
        assert controls(text) == []


class TestTalks:
    def test_wrapping_up_talks_concludes_them(self) -> None:
        text = "Indian and Japanese negotiators wrapped up trade talks in Delhi on Friday."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "concluded"

    def test_agreeing_to_keep_working_concludes_nothing(self) -> None:
        text = (
            "Indian and Japanese ministers held talks in Delhi on Friday and agreed to keep working on a trade "
            "pact."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "held"

    def test_a_building_of_the_host_is_no_party(self) -> None:
        text = "Indian and Japanese trade ministers held talks at the French embassy in Delhi on Friday."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert sorted(talks.parties) == ["IN", "JP"]

    def test_a_clause_of_background_names_no_party(self) -> None:
        text = (
            "Peru, Chile and Colombia held trilateral trade talks in Lima on Friday, as the Andean producers "
            "worried about Chinese duties."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert sorted(talks.parties) == ["CL", "CO", "PE"]

    @pytest.mark.parametrize(
        ("text", "round_"), [("the sixth round since May", 6), ("the first round since May", None)]
    )
    def test_a_count_of_rounds_since_a_month(self, text: str, round_: int | None) -> None:
        sentence = f"Kenyan and Ugandan negotiators held trade talks in Nairobi on Monday, {text}."
        (talks,) = only(extract(sentence, published=TUESDAY), Negotiation)
        assert talks.round == round_


class TestPartiesNamedElsewhere:
    def test_a_truce_named_alone_is_between_the_items_main_parties(self) -> None:
        text = (
            "Kenya and Tanzania agreed to cut their duties on sugar. Kenyan and Tanzanian officials will discuss "
            "Ugandan and Rwandan coffee. The truce runs until Dec. 31."
        )
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert sorted(truce.parties) == ["KE", "TZ"]
        assert days(truce.until) == ("2025-12-31", "2025-12-31")


class TestWordsOfThreatThatThreatenNothing:
    def test_an_inquiry_into_whether_imports_threaten_security(self) -> None:
        text = (
            "Commerce officials are examining whether imports of drones threaten U.S. national security, an "
            "inquiry that may end in duties of up to 30% on drones."
        )
        assert only(extract(text, published=TUESDAY), Threat) == []

    def test_a_threat_recalled_as_the_subject_of_came(self) -> None:
        text = (
            "Trump threatened on Monday to impose a 30% tariff on Peruvian copper. The threat followed a move by "
            "Peru to charge 10% duties on U.S. wheat."
        )
        threats = only(extract(text, published=TUESDAY), Threat)
        assert [(t.actor, t.target) for t in threats] == [("US", "PE")]

    def test_extending_until_the_end_of_a_year_is_no_condition(self) -> None:
        text = (
            "Ottawa has also prolonged until the end of 2026 its waiver of the surtax for a quota of U.S. "
            "aluminium, officials said."
        )
        assert only(extract(text, published=TUESDAY), Threat) == []


class TestThreatsOfMeasures:
    def test_taking_all_necessary_measures_if_is_a_threat(self) -> None:
        text = (
            "Peru's trade minister said Lima would take all appropriate measures if Chile imposed the levy."
        )
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert (threat.actor, threat.target) == ("PE", "CL")
        assert threat.condition == "if Chile imposed the levy"

    def test_a_story_filed_from_two_cities_names_no_actor_in_its_dateline(self) -> None:
        text = (
            "LIMA/WASHINGTON, Sept 9 (wire) - The White House said on Monday it would keep a 40% duty on "
            "Peruvian copper in reserve and would impose it only if Peru kept its export curbs."
        )
        (threat,) = only(extract(text, published=TUESDAY), Threat)
        assert (threat.actor, threat.target) == ("US", "PE")


class TestDatesOfTalksAndTruces:
    def test_a_truce_running_until_the_end_of_a_named_year(self) -> None:
        text = "Peru and Chile called a truce in their wine dispute. The truce runs until the end of 2027."
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert days(truce.until) == ("2027-12-21", "2027-12-31")

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            (
                "Peru and Chile said they would draft a pact on fruit duties, following trade talks in Lima on "
                "Thursday.",
                ("2025-09-04", "2025-09-04"),
            ),
            (
                "Peru and Chile struck an outline accord following negotiations in Lima on Thursday and Friday, the "
                "minister said; duties would fall next year.",
                ("2025-09-04", "2025-09-05"),
            ),
        ],
    )
    def test_talks_a_reported_statement_follows_are_past(self, text: str, span: tuple[str, str]) -> None:
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert days(talks.when) == span

    def test_talks_still_to_come_after_a_meeting_stay_ahead(self) -> None:
        text = "Peru and Chile will sign the pact after trade talks in Lima on Thursday."
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert days(talks.when) == ("2025-09-11", "2025-09-11")

    def test_the_day_a_tariff_took_effect_is_not_when_talks_are(self) -> None:
        text = (
            "Chile has proposed talks with Peru about the Peruvian levy on Chilean fruit, which came into force "
            "on Aug. 6, the minister said, asking for a reply within weeks."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.status == "proposed" and talks.when is None

    def test_a_suspension_during_talks_is_not_of_the_talks(self) -> None:
        text = (
            "Peru said it would restore duties on Chilean wine from Oct. 1, having suspended them in March as a "
            "gesture during talks."
        )
        assert all(t.status != "suspended" for t in only(extract(text, published=TUESDAY), Negotiation))


class TestControlsPutOnHold:
    def test_putting_controls_on_hold_until_a_month_relaxes_them(self) -> None:
        text = "Hanoi is putting on hold the curbs on tin exports it announced in July, officials said."
        (control,) = controls(text)
        assert control.status == "relaxed" and control.effective is None


class TestTheDayATruceEnds:
    def test_a_truce_ended_by_a_statement_ends_the_day_it_was_made(self) -> None:
        text = (
            "Peru's president announced on Thursday a 20% duty on Chilean wine, ending the truce the two "
            "neighbours agreed in June."
        )
        (truce,) = only(extract(text, published=TUESDAY), Truce)
        assert truce.status == "ended" and days(truce.until) == ("2025-09-04", "2025-09-04")


class TestWhatHappenedToAListing:
    def test_an_aside_that_holds_the_listing_says_what_happened_to_it(self) -> None:
        text = (
            "The change shuts a route that permitted Kioxia, added to the Entity List in March, to go on "
            "importing American tools."
        )
        found = [c for c in controls(text) if c.control == "entity_list"]
        assert found and all(c.status == "imposed" for c in found)

    def test_every_new_round_of_rules_is_no_measure(self) -> None:
        text = "LONDON, Sept 9 - Each new set of export controls on drones gets sold as the last word on the matter."
        assert controls(text) == []


class TestWhatAProposalWouldDo:
    def test_a_month_a_proposed_rule_starts_from_is_to_come(self) -> None:
        text = "Seoul has proposed to require licences for drone engine exports starting in July."
        (control,) = controls(text)
        assert control.status == "proposed"
        assert days(control.effective) == ("2026-07-01", "2026-07-31")


class TestALicenceRegime:
    def test_goods_under_a_licence_regime_are_controlled(self) -> None:
        text = (
            "Hanoi will require permits for tin from Dec. 1. Tin sellers must declare end users, as they already "
            "do under the licence regime for zinc and lead in force since Aug. 1."
        )
        found = {c.item.name: c for c in controls(text) if c.item}
        assert {"zinc", "lead"} <= set(found)
        assert all(found[n].status == "imposed" for n in ("zinc", "lead"))
        assert days(found["zinc"].effective) == ("2025-08-01", "2025-08-01")

    def test_the_date_of_one_governments_controls_is_not_anothers(self) -> None:
        text = (
            "Washington tightened its curbs on sales of drones to Vietnam. Hanoi's licence regime for zinc took "
            "effect on Aug. 1, officials said."
        )
        found = {c.imposer: c for c in controls(text)}
        assert found["US"].effective is None


class TestGoodsBeforeTheMeasure:
    @pytest.mark.parametrize(
        ("text", "name"),
        [
            ("Beijing will relax its rare-earth export curbs next month, the ministry said.", "rare earths"),
            ("Jakarta will ease its nickel export ban from next month, the ministry said.", "nickel"),
        ],
    )
    def test_the_goods_named_before_export_controls(self, text: str, name: str) -> None:
        (control,) = controls(text)
        assert control.item is not None and control.item.name == name and control.status == "relaxed"

    def test_a_manner_before_export_controls_is_no_goods(self) -> None:
        text = "Jakarta will ease its far-reaching export controls from next month, the ministry said."
        (control,) = controls(text)
        assert control.item is None

    def test_naming_end_users_lifts_nothing(self) -> None:
        text = (
            "Exporters of tin to Vietnam will have to name end users under the licence regime, Jakarta said."
        )
        found = controls(text)
        assert found and all(c.status == "imposed" for c in found)


class TestTalksThere:
    def test_talks_held_there_are_not_placed_where_the_story_was_filed(self) -> None:
        text = (
            "LIMA, Sept 9 - Peru's trade minister flew home from two days of trade talks in Santiago on Friday. "
            "She held trade talks there with her Chilean counterpart."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert talks.venue == "Santiago"


class TestTalksNamedInPassing:
    def test_a_deal_announced_after_talks_with_a_partner_concludes_them(self) -> None:
        text = (
            "Peru and Chile called a truce over wine duties in Lima on Saturday. The accord, which Peru's minister "
            "unveiled after talks with Chilean envoys, lets Chilean wine in duty-free from Jan. 1."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert sorted(talks.parties) == ["CL", "PE"] and talks.status == "concluded"
        assert days(talks.when) == ("2025-09-06", "2025-09-06")

    def test_negotiators_who_will_meet_for_a_bilateral_pact(self) -> None:
        text = (
            "Ottawa will scrap its surtax on U.S. steel, officials said after a call about Venezuelan crude. "
            "Canadian officials said delegations would meet to settle the terms of a bilateral trade accord."
        )
        (talks,) = only(extract(text, published=TUESDAY), Negotiation)
        assert sorted(talks.parties) == ["CA", "US"] and talks.status == "scheduled"
