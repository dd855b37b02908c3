"""Readings of proposals, pauses that go on, hedged talks and denials, each shown on sentences of its own (none
from the corpus): a proposal however far it stands before the verb of its measure, a pause kept up, talks that
only could resume and when, "early next month", words of negotiating that name no talks, and an item whose text
denies a measure while its headline sounds like one."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Tariff, Threat, Truce, extract
from tradewatch.extract import RuleBasedExtractor
from tradewatch.model import Item

THURSDAY = date(2025, 1, 16)
THURSDAY_NOON = datetime(2025, 1, 16, 12, tzinfo=UTC)


def tariffs(text: str, published: date = THURSDAY) -> list[Tariff]:
    return only(extract(text, published=published), Tariff)


def pct(tariff: Tariff) -> str | None:
    return None if tariff.rate is None else str(tariff.rate.percent)


def talks(text: str, published: date = THURSDAY) -> list[Negotiation]:
    return only(extract(text, published=published), Negotiation)


class TestProposals:
    @pytest.mark.parametrize(
        "text",
        [
            "Chile's government asked Congress on Monday to raise tariffs on steel bars from China to 35% from "
            "15%, as part of a plan to protect its mills.",
            "The Commission proposed on Wednesday to cut the volume of aluminium that enters duty-free by a third "
            "and to double the duty on imports above the quota to 40% from 20%.",
            "Ottawa plans to lift its tariff on Chinese canola oil to 30% from 10%, officials said.",
        ],
    )
    def test_a_measure_a_proposal_would_make_is_proposed(self, text: str) -> None:
        found = tariffs(text)
        assert found and all(t.status == "proposed" for t in found)

    def test_a_rise_decided_is_no_proposal(self) -> None:
        (found,) = tariffs("Chile raised its tariff on steel bars from China to 35% from 15% on Monday.")
        assert found.status == "raised"

    def test_the_date_a_proposed_duty_would_apply_from(self) -> None:
        text = (
            "Chile's government asked Congress on Monday to raise tariffs on steel bars from China to 35% from "
            "15%. The higher duties would take effect in March if lawmakers approve them."
        )
        (found,) = tariffs(text)
        assert found.status == "proposed"
        assert days(found.effective) == ("2025-03-01", "2025-03-31")


class TestPausesKeptUp:
    @pytest.mark.parametrize(
        "text",
        [
            "Seoul said it would keep suspending its 15% tariff on Japanese steel for another six months.",
            "Brussels will continue to suspend its duties on US bourbon until the end of March.",
        ],
    )
    def test_a_pause_that_goes_on_is_extended(self, text: str) -> None:
        found = tariffs(text)
        assert found and all(t.status == "extended" for t in found)

    def test_a_pause_begun_is_suspended(self) -> None:
        (found,) = tariffs("Seoul suspended its 15% tariff on Japanese steel for six months on Monday.")
        assert found.status == "suspended"


class TestHedgedTalks:
    @pytest.mark.parametrize(
        "text",
        [
            "Brazil and Canada could resume talks on a trade pact early next month, officials said.",
            "Talks between Brazil and Canada may resume early next month, a diplomat said.",
        ],
    )
    def test_talks_that_could_resume_are_proposed_with_their_date(self, text: str) -> None:
        (found,) = talks(text)
        assert found.status == "proposed"
        assert days(found.when) == ("2025-02-01", "2025-02-10")

    def test_a_proposal_made_on_a_past_day_is_not_dated_by_it(self) -> None:
        (found,) = talks("Japan proposed talks with South Korea on Monday, officials said.")
        assert found.status == "proposed"
        assert found.when is None

    @pytest.mark.parametrize(
        ("phrase", "span"),
        [
            ("early next month", ("2025-02-01", "2025-02-10")),
            ("mid-next month", ("2025-02-11", "2025-02-20")),
            ("late next month", ("2025-02-21", "2025-02-28")),
            ("late this month", ("2025-01-21", "2025-01-31")),
            ("next month", ("2025-02-01", "2025-02-28")),
        ],
    )
    def test_a_part_of_a_month_named_relative_to_publication(
        self, phrase: str, span: tuple[str, str]
    ) -> None:
        (found,) = talks(f"Brazil and Canada will hold a new round of talks {phrase}.")
        assert days(found.when) == span


class TestWordsOfNegotiatingThatNameNoTalks:
    @pytest.mark.parametrize(
        "text",
        [
            "Canada still prefers a negotiated solution to the dispute with Washington, the minister said.",
            "The letter is a negotiating tool, not a final offer, a former EU trade official said.",
            "Ottawa wants a negotiated settlement, not a tariff war, with the United States.",
        ],
    )
    def test_no_talks(self, text: str) -> None:
        assert talks(text) == []

    def test_talks_negotiated_still_count(self) -> None:
        (found,) = talks("Canada and Mexico negotiated for three days in Ottawa this week.")
        assert found.status == "held"


class TestDenials:
    def test_a_headline_is_not_read_when_the_text_denies_the_measure(self) -> None:
        item = Item(
            id="n-1",
            source="wire",
            title="Norway holds fire on retaliation against US tariffs",
            text="Norway will not impose retaliatory tariffs on American goods for now, the trade minister said.",
            published=THURSDAY_NOON,
        )
        assert RuleBasedExtractor().extract(item) == []

    def test_a_headline_is_still_read_when_the_text_states_nothing(self) -> None:
        item = Item(
            id="n-2",
            source="wire",
            title="Norway raises tariff on US whiskey to 25%",
            text="What the decision means for distillers, in five charts.",
            published=THURSDAY_NOON,
        )
        (found,) = only(RuleBasedExtractor().extract(item), Tariff)
        assert (found.imposer, found.target, found.status) == ("NO", "US", "raised")


class TestDealsAgreed:
    @pytest.mark.parametrize(
        "text",
        [
            "Peru and South Korea agreed a trade deal on Monday, the two governments said.",
            "The duties follow the framework deal Peru agreed with South Korea in December, officials said.",
        ],
    )
    def test_a_deal_agreed_concludes_talks(self, text: str) -> None:
        (found,) = talks(text)
        assert (found.parties, found.status) == (("KR", "PE"), "concluded")

    def test_talks_agreed_to_continue_conclude_nothing(self) -> None:
        assert all(t.status != "concluded" for t in talks("Peru and South Korea agreed to keep talking."))

    def test_where_a_spokesman_told_reporters_is_no_venue(self) -> None:
        (found,) = talks(
            "The step follows the trade deal the EU agreed with Washington in July, a spokesman told reporters "
            "in Brussels."
        )
        assert found.venue is None


class TestTwoStatementsJoinedByAnd:
    def test_a_second_verb_of_the_same_subject_states_its_own_measure(self) -> None:
        found = tariffs(
            "The deal cuts the US tariff on Peruvian grapes to 5% from 15% and removes duties on Peruvian copper."
        )
        by_product = {t.product.name if t.product else None: t for t in found}
        assert (by_product["grapes"].status, pct(by_product["grapes"])) == ("lowered", "5")
        assert by_product["copper"].status == "lifted"
        assert by_product["copper"].rate is None

    def test_what_the_subject_will_do_next_is_its_own_measure(self) -> None:
        found = tariffs(
            "Seoul removed tariffs of up to 10% on a range of Japanese farm goods on Monday and will keep "
            "suspending its 15% tariff on Japanese steel for another year."
        )
        statuses = {(t.product.name if t.product else None, t.status, pct(t)) for t in found}
        assert statuses == {("farm goods", "lifted", "10"), ("steel", "extended", "15")}


class TestPlacesAndParties:
    def test_the_country_of_a_city_named_as_a_place_is_no_party(self) -> None:
        found = only(
            extract(
                "Lima will keep its duties suspended, implementing the truce agreed by the presidents of Peru and "
                "Chile at their talks in Busan, South Korea, on October 30.",
                published=date(2025, 11, 10),
            ),
            Truce,
        )
        assert [t.parties for t in found] == [("CL", "PE")]

    def test_a_list_of_jurisdictions_is_no_city_and_country(self) -> None:
        found = tariffs("Peru raised duties on imports from Canada, Mexico and Chile.")
        assert {t.target for t in found} == {"CA", "MX", "CL"}

    def test_talks_on_a_day_gone_by_were_held(self) -> None:
        (found,) = talks(
            "Peru and Chile will apply the deal their ministers agreed at talks in Lima on October 30.",
            published=date(2025, 11, 10),
        )
        assert found.status in ("held", "concluded")
        assert days(found.when) == ("2025-10-30", "2025-10-30")

    def test_one_agreement_of_a_bloc_and_its_members(self) -> None:
        (found,) = talks(
            "The European Union and the Mercosur countries Brazil, Argentina, Uruguay and Paraguay signed their "
            "trade agreement in Asuncion on Saturday."
        )
        assert (found.parties, found.status) == (("AR", "BR", "EU", "PY", "UY"), "concluded")

    def test_deals_in_the_plural_are_talks_with_each_partner(self) -> None:
        found = talks("The United States reached trade deals with Canada and Mexico on Sunday.")
        assert sorted(t.parties for t in found) == [("CA", "US"), ("MX", "US")]

    def test_a_deal_named_as_the_condition_of_a_threat_is_no_talks(self) -> None:
        text = "Trump said he would impose a 30% tariff on Mexico unless it strikes a better trade deal with the US."
        assert talks(text) == []


class TestTheTenseOfTheStatementThatHoldsADate:
    def test_a_day_of_a_past_statement_before_one_to_come(self) -> None:
        (lifted, *_) = tariffs(
            "Seoul removed tariffs of up to 10% on a range of Japanese farm goods on Monday and will keep "
            "suspending its 15% tariff on Japanese steel for another year.",
            published=date(2025, 11, 12),
        )
        assert days(lifted.effective) == ("2025-11-10", "2025-11-10")

    def test_goods_described_by_a_participle_do_not_make_the_statement_past(self) -> None:
        (found,) = tariffs(
            "The EU will start charging duties of up to 37.6% on electric vehicles imported from China on Friday.",
            published=date(2024, 7, 4),
        )
        assert days(found.effective) == ("2024-07-05", "2024-07-05")


class TestThreatsOfWhoImposes:
    def test_the_european_union_is_no_trade_union(self) -> None:
        (found,) = only(
            extract(
                "The European Union has warned Beijing it will impose sanctions on Chinese companies unless the "
                "shipments stop by the end of the year.",
                published=date(2026, 10, 8),
            ),
            Threat,
        )
        assert (found.actor, found.kind) == ("EU", "sanction")

    def test_workers_unions_warning_make_no_threat(self) -> None:
        text = "Unions warned that Mexico could raise tariffs on US steel unless talks resume."
        assert only(extract(text, published=THURSDAY), Threat) == []

    def test_who_would_face_the_measure_is_the_target_not_the_actor(self) -> None:
        text = (
            "OTTAWA, June 4 - Canada doubled its tariffs on imported steel to 50% from 25% on Wednesday. The order "
            "warns that Mexican steel could face the 50% rate from July 9 if Mexico City fails to apply the deal."
        )
        (found,) = only(extract(text, published=date(2025, 6, 4)), Threat)
        assert (found.actor, found.target) == ("CA", "MX")


class TestWhatIsNoGoods:
    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            (
                "Seoul will drop its duties on Chilean wine and copper, subject to further talks.",
                {"wine", "copper"},
            ),
            (
                "Lima announced tariffs of 15% on US chicken and of 10% on soybeans, effective March 10.",
                {"chicken", "soybeans"},
            ),
            (
                "Ottawa set a 25% duty on steel from China, giving negotiators until July to find a settlement.",
                {"steel"},
            ),
        ],
    )
    def test_clauses_after_the_goods_are_no_goods(self, text: str, goods: set[str]) -> None:
        found = tariffs(text)
        assert {t.product.name for t in found if t.product} == goods

    def test_goods_subject_to_a_duty_stay_in_force(self) -> None:
        (found,) = tariffs("Chilean copper remains subject to a 10% duty in South Korea.")
        assert found.status == "in_force"


class TestExemptionsFromADutyNamedBefore:
    def test_goods_listed_as_exempted_from_the_duty_of_the_item(self) -> None:
        found = tariffs(
            "Chile imposed a 30% tariff on semi-finished copper products on Monday. Copper ore, copper "
            "concentrates and copper cathodes were also exempted, the finance ministry said."
        )
        exempted = {t.product.name for t in found if t.status == "exempted" and t.product}
        assert exempted == {"copper ore", "copper concentrates", "copper cathodes"}
        assert all(t.imposer == "CL" for t in found)

    def test_an_apposition_of_the_goods_is_no_goods_and_names_their_origin(self) -> None:
        found = tariffs(
            "Japan set a 24% tariff on Swiss goods on Thursday. Watches, Switzerland's largest export to Japan, "
            "are exempt from it for now."
        )
        (exempted,) = [t for t in found if t.status == "exempted"]
        assert (exempted.target, exempted.product and exempted.product.name) == ("CH", "watches")

    def test_goods_exempted_in_the_same_case(self) -> None:
        found = tariffs(
            "Chile imposed a 30% tariff on US goods on Monday. Computers are exempt from the levy for now, as are "
            "smartphones."
        )
        assert {t.product.name for t in found if t.status == "exempted" and t.product} == {
            "computers",
            "smartphones",
        }

    def test_a_country_exempted_is_not_read_as_goods(self) -> None:
        found = tariffs(
            "Chile imposed a 30% tariff on copper wire on Monday. Peru was also exempted, officials said."
        )
        assert all(t.product is None or t.product.name == "copper wire" for t in found)

    def test_goods_that_open_a_story_after_its_dateline(self) -> None:
        found = tariffs(
            "SANTIAGO, April 14 - Smartphones and laptops were exempted from President Gabriel Boric's new tariffs."
        )
        assert {t.product.name for t in found if t.product} == {"smartphones", "laptops"}


class TestDatesAndAmountsOfWhatChanges:
    def test_a_measure_of_the_goods_is_no_part_of_them(self) -> None:
        found = only(
            extract(
                "Thailand will allow mills to export 2 million tonnes of sugar this season.",
                published=THURSDAY,
            ),
            ExportControl,
        )
        assert [c.item.name for c in found if c.item] == ["sugar"]

    def test_when_the_changed_measure_began_is_not_when_the_change_applies(self) -> None:
        (found,) = only(
            extract(
                "Thailand will allow mills to export 2 million tonnes of sugar, the ministry said, easing "
                "restrictions in place since October 2023.",
                published=THURSDAY,
            ),
            ExportControl,
        )
        assert (found.status, found.effective) == ("relaxed", None)

    def test_a_control_required_since_a_month_is_dated_by_it(self) -> None:
        (found,) = only(
            extract(
                "Hanoi has required licences for exports of tin since August last year.", published=THURSDAY
            ),
            ExportControl,
        )
        assert days(found.effective) == ("2024-08-01", "2024-08-31")


class TestADutyWhoseOwnerFollowsIt:
    def test_the_duty_another_side_announced(self) -> None:
        found = tariffs(
            "Peru will impose an additional 20% tariff on all Chilean goods from May 1, retaliating against the "
            "20% tariff Santiago announced on Wednesday."
        )
        by_imposer = {t.imposer: t for t in found}
        assert (by_imposer["CL"].target, by_imposer["CL"].status, pct(by_imposer["CL"])) == (
            "PE",
            "announced",
            "20",
        )

    def test_a_duty_imposed_by_whoever_the_clause_names(self) -> None:
        (found,) = tariffs("Peruvian goods face a 25% Chilean tariff that Santiago imposed in March.")
        assert (found.imposer, found.target, found.status, pct(found)) == ("CL", "PE", "in_force", "25")

    def test_a_duty_a_leader_placed(self) -> None:
        found = tariffs(
            "Lima ruled out an immediate response to the 10% tariff President Gabriel Boric placed on Peruvian "
            "goods a day earlier."
        )
        assert [(t.imposer, t.target, pct(t)) for t in found] == [("CL", "PE", "10")]


class TestControlsNoLongerNeeded:
    def test_a_licence_no_longer_needed_is_lifted(self) -> None:
        (found,) = only(
            extract(
                "The US Commerce Department told propane shippers they no longer needed a licence to ship the gas "
                "to China.",
                published=THURSDAY,
            ),
            ExportControl,
        )
        assert (found.imposer, found.target, found.status) == ("US", "CN", "lifted")


class TestReprisalsPromisedOnACondition:
    def test_a_side_ready_to_retaliate_if_talks_fail_threatens(self) -> None:
        found = extract(
            "Norway is ready to retaliate with tariffs on 2 billion euros of EU goods if talks fail.",
            published=THURSDAY,
        )
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.kind) == ("NO", "tariff")
        assert only(found, Tariff) == [] and only(found, Negotiation) == []

    def test_who_would_face_a_duty_a_speaker_names_is_the_target(self) -> None:
        (threat,) = only(
            extract(
                "Chile could face higher tariffs if it keeps buying Iranian oil, Trump said.",
                published=THURSDAY,
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "CL")

    def test_who_faces_a_duty_if_no_deal_is_reached_is_the_target(self) -> None:
        (threat,) = only(
            extract(
                "Malaysia faces a 25% tariff from July 9 if no deal is reached, the White House said.",
                published=THURSDAY,
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "MY")

    def test_countermeasures_threatened_should_talks_collapse(self) -> None:
        found = extract(
            "The EU threatened countermeasures on 20 billion euros of Chinese goods should talks collapse.",
            published=THURSDAY,
        )
        assert [t.actor for t in only(found, Threat)] == ["EU"]
        assert only(found, Negotiation) == []

    def test_retaliation_threatened_against_any_country(self) -> None:
        (threat,) = only(
            extract(
                "Beijing threatened retaliation against any country that strikes a deal at China's expense.",
                published=THURSDAY,
            ),
            Threat,
        )
        assert threat.actor == "CN"

    def test_a_shortage_a_country_faces_is_no_threat(self) -> None:
        text = "Farmers warned that Mexico faces a shortage of corn if the drought continues."
        assert only(extract(text, published=THURSDAY), Threat) == []

    @pytest.mark.parametrize(
        "text",
        [
            "Malaysia will require permits for exports of drones from Monday, the trade ministry said.",
            "Malaysia now requires a permit for exports of drones, the trade ministry said.",
        ],
    )
    def test_a_permit_required_is_a_control_imposed(self, text: str) -> None:
        (found,) = only(extract(text, published=THURSDAY), ExportControl)
        assert (found.imposer, found.status, found.item and found.item.name) == ("MY", "imposed", "drones")

    def test_a_country_that_will_stop_exporting_bans_the_exports(self) -> None:
        found = only(extract("Laos will stop exporting tin to Thailand.", published=THURSDAY), ExportControl)
        assert [(c.imposer, c.target, c.item and c.item.name) for c in found] == [("LA", "TH", "tin")]

    def test_a_company_that_stops_selling_makes_no_control(self) -> None:
        text = "The company will stop selling its phones in Japan."
        assert only(extract(text, published=THURSDAY), ExportControl) == []


class TestTalksAndTruces:
    def test_export_curbs_to_discuss_are_a_topic_not_a_measure(self) -> None:
        found = extract(
            "Trade ministers from Japan and South Korea will meet in Tokyo next Monday to discuss export curbs.",
            published=THURSDAY,
        )
        assert only(found, ExportControl) == []
        assert [t.status for t in only(found, Negotiation)] == ["scheduled"]

    def test_talks_that_ended_without_a_deal_were_held(self) -> None:
        (found,) = talks(
            "The third round of talks between India and Chile ended in Santiago on Friday without a deal."
        )
        assert found.status == "held"

    def test_a_dispute_paused_is_a_truce(self) -> None:
        (found,) = only(
            extract(
                "Peru and Chile agreed to pause their fishing dispute until the end of March.",
                published=THURSDAY,
            ),
            Truce,
        )
        assert (found.parties, found.status) == (("CL", "PE"), "agreed")
        assert days(found.until) == ("2025-03-21", "2025-03-31")

    def test_a_dispute_that_drags_on_is_no_truce(self) -> None:
        assert (
            only(extract("The dispute over steel has dragged on for years.", published=THURSDAY), Truce) == []
        )


class TestHeadlineForms:
    def test_goods_listed_before_the_exports_a_country_bans(self) -> None:
        found = only(
            extract("China bans gallium, germanium exports to US", published=THURSDAY), ExportControl
        )
        assert [(c.imposer, c.target, c.item and c.item.name) for c in found] == [
            ("CN", "US", "gallium"),
            ("CN", "US", "germanium"),
        ]

    def test_a_modifier_of_the_goods_is_kept(self) -> None:
        (found,) = only(
            extract("Malaysia halted palm oil exports for a month.", published=THURSDAY), ExportControl
        )
        assert found.item is not None and found.item.name == "palm oil"

    def test_a_company_halting_its_shipments_makes_no_control(self) -> None:
        text = "The firm's Dutch headquarters halted wafer shipments to its Chinese plant in October."
        assert only(extract(text, published=THURSDAY), ExportControl) == []

    @pytest.mark.parametrize(
        "text",
        [
            "South Korea seeks exemption from US steel tariffs",
            "South Korea sought an exemption from Washington's steel tariffs, its trade minister said.",
        ],
    )
    def test_relief_sought_from_another_sides_duty_is_a_demand(self, text: str) -> None:
        (found,) = tariffs(text)
        assert (found.imposer, found.target, found.status) == ("US", "KR", "demanded")

    def test_relief_a_trade_wants_is_no_demand(self) -> None:
        assert tariffs("Carmakers in Japan want relief from US tariffs on cars.") == []


class TestDaysToCome:
    def test_a_change_on_a_day_to_come(self) -> None:
        (found,) = tariffs(
            "Chile said on Tuesday it would lift its tariff on Peruvian grapes next Friday.",
            published=date(2025, 7, 15),
        )
        assert (found.status, days(found.effective)) == ("lifted", ("2025-07-18", "2025-07-18"))

    def test_a_change_within_a_number_of_days(self) -> None:
        (found,) = tariffs(
            "Chile will raise its tariff on Argentine beef to 20% within 30 days.",
            published=date(2025, 7, 15),
        )
        assert days(found.effective) == ("2025-08-14", "2025-08-14")

    @pytest.mark.parametrize(
        "text",
        [
            "Starting next week, Peru will require licences for exports of copper scrap.",
            "Peru will require licences for exports of steel scrap and scrap metal.",
        ],
    )
    def test_scrap_the_goods_is_no_scrapping(self, text: str) -> None:
        found = only(extract(text, published=THURSDAY), ExportControl)
        assert found and all(c.status == "imposed" for c in found)


class TestThreatsWithoutAThreatWord:
    def test_who_says_another_would_face_a_duty_threatens_it(self) -> None:
        (threat,) = only(
            extract(
                "Trump said Chile would face 30% tariffs from August 1 if it did not open its markets.",
                published=date(2025, 7, 15),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "CL")
        assert days(threat.deadline) == ("2025-08-01", "2025-08-01")

    def test_a_reprisal_promised_should_the_other_side_act(self) -> None:
        found = extract(
            "Lima said it would hit back with tariffs on Chilean wine should Santiago raise duties again.",
            published=THURSDAY,
        )
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.target, threat.kind) == ("PE", "CL", "tariff")
        assert only(found, Tariff) == []

    def test_a_party_threatened_with_the_blacklist(self) -> None:
        (threat,) = only(
            extract(
                "China threatened to blacklist Lithuanian firms over the Taiwan office.", published=THURSDAY
            ),
            Threat,
        )
        assert (threat.actor, threat.target, threat.kind) == ("CN", "LT", "export_control")

    def test_who_is_warned_is_the_target(self) -> None:
        (threat,) = only(
            extract(
                "WASHINGTON, July 15 - The president warned Japan of higher tariffs in the event that talks "
                "failed.",
                published=date(2025, 7, 15),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "JP")


class TestWhereARateGoes:
    @pytest.mark.parametrize(
        ("text", "rate", "previous"),
        [
            (
                "Chile's 10% tariff on Peruvian wine will be cut to 2.5% once the deal takes effect.",
                "2.5",
                "10",
            ),
            ("Chile raised its 20% duty on Peruvian gold to 25%.", "25", "20"),
            ("Chile cut its tariff on Peruvian ethanol from 10% to zero.", "0", "10"),
            ("Chile will lower tariffs on Peruvian farm goods to zero under the agreement.", "0", None),
        ],
    )
    def test_the_new_rate_and_the_old(self, text: str, rate: str, previous: str | None) -> None:
        (found,) = tariffs(text)
        old = None if found.previous_rate is None else str(found.previous_rate.percent)
        assert (pct(found), old) == (rate, previous)

    def test_an_agreement_described_by_several_words(self) -> None:
        (found,) = talks("Chile and Indonesia signed a comprehensive economic partnership agreement in Bali.")
        assert (found.parties, found.status, found.venue) == (("CL", "ID"), "concluded", "Bali")

    def test_a_companys_supply_agreement_is_no_talks(self) -> None:
        assert talks("The company signed a three-year supply agreement with the Indonesian government.") == []


class TestVerbsOfOtherEvents:
    def test_a_verb_in_a_clause_of_time_after_the_measure_is_anothers(self) -> None:
        (found,) = tariffs("Chile reinstated its 6% tariff on Argentine beef after the waiver expired.")
        assert (found.status, pct(found)) == ("announced", "6")

    def test_a_planned_levy_shelved_is_suspended(self) -> None:
        (found,) = tariffs(
            "A planned 10% levy on imported fertiliser has been shelved, Kenya's finance minister said."
        )
        assert (found.imposer, found.status) == ("KE", "suspended")

    def test_an_end_user_list_is_a_list_of_entities(self) -> None:
        (found,) = only(
            extract("METI added 15 Chinese entities to its end-user list on Friday.", published=THURSDAY),
            ExportControl,
        )
        assert (found.imposer, found.target, found.control) == ("JP", "CN", "entity_list")
