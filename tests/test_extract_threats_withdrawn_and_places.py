"""Readings found on sentences written for them (none from the corpus): what a threat's measure leaves out (a
clause of time after it, a threat withdrawn or only supposed), rates and goods that are something else, and
cities and firms that are places rather than parties."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import only
from tradewatch import ExportControl, Negotiation, Tariff, Threat, Truce, extract


def tariffs(text: str, published: date) -> list[Tariff]:
    return only(extract(text, published=published), Tariff)


class TestWhatAThreatLeavesOut:
    def test_a_clause_of_time_after_a_threat_is_another_measures(self) -> None:
        events = extract(
            "President Donald Trump threatened on Saturday to impose a 100% tariff on all Canadian goods if Canada "
            '"makes a deal with China", a week after Ottawa agreed to cut its duty on Chinese electric vehicles to '
            "6.1%.",
            published=date(2026, 1, 31),
        )
        (threat,) = only(events, Threat)
        assert threat.target == "CA"
        assert isinstance(threat.measure, Tariff) and str(threat.measure.rate) == "100%"
        (cut,) = only(events, Tariff)
        assert (cut.imposer, cut.target, cut.status, str(cut.rate)) == ("CA", "CN", "lowered", "6.1%")

    def test_a_threat_taken_off_the_table_is_no_threat_and_no_duty(self) -> None:
        events = extract(
            "U.S. and Chinese negotiators reached a consensus in Kuala Lumpur that Treasury Secretary Scott Bessent "
            "said takes a threatened 100% tariff on Chinese goods off the table.",
            published=date(2025, 10, 27),
        )
        assert only(events, Threat) == [] and only(events, Tariff) == []

    def test_a_hypothetical_duty_is_no_duty(self) -> None:
        assert (
            tariffs(
                "Analysts at a Dutch bank estimated that a hypothetical 30% U.S. duty on European goods would "
                "knock half a percentage point off euro zone growth.",
                date(2025, 7, 10),
            )
            == []
        )

    def test_controls_deferred_are_relaxed(self) -> None:
        (found,) = only(
            extract(
                "China postponed its planned export controls on rare earths by one year.",
                published=date(2025, 10, 27),
            ),
            ExportControl,
        )
        assert (found.imposer, found.status) == ("CN", "relaxed")


class TestRatesAndGoodsThatAreSomethingElse:
    def test_a_growth_rate_is_no_duty(self) -> None:
        assert (
            tariffs(
                "China's exports rose on the year despite U.S. tariffs. Services trade, which largely escapes "
                "tariffs, is expected to expand by about 4%.",
                date(2025, 7, 10),
            )
            == []
        )

    def test_a_rise_by_a_rate_of_duty_is_still_read(self) -> None:
        (found,) = tariffs("The U.S. will increase tariffs by 10% on Chinese steel.", date(2025, 7, 10))
        assert (found.status, str(found.rate)) == ("raised", "10%")

    @pytest.mark.parametrize(
        ("sentence", "goods"),
        [
            (
                "India's trade remedies authority on Tuesday recommended a safeguard duty of 12% on imports of flat "
                "steel, siding with domestic mills.",
                ["flat steel"],
            ),
            ("Canada imposed a 25% tariff on U.S. vinyl siding.", ["vinyl siding"]),
            (
                "Mexico won a reprieve, with the 25% fentanyl-related U.S. duty on Mexican goods staying in place "
                "while the two sides work on a broader agreement.",
                [],
            ),
        ],
    )
    def test_what_follows_goods_is_not_goods(self, sentence: str, goods: list[str]) -> None:
        found = tariffs(sentence, date(2025, 7, 10))
        assert [t.product.name for t in found if t.product] == goods


class TestPlacesThatAreNoParties:
    def test_a_firm_named_by_its_city_is_no_party(self) -> None:
        events = extract(
            '"It\'s a truce renewal, not a peace treaty," said a strategist at a Singapore bank.',
            published=date(2025, 10, 27),
        )
        assert only(events, Truce) == []

    def test_cities_of_earlier_rounds_are_no_parties(self) -> None:
        events = extract(
            "The U.S. and China met again. The Stockholm meeting was the third round since the truce, after Geneva "
            "and London.",
            published=date(2025, 7, 30),
        )
        assert {t.parties for t in only(events, Truce)} == {("CN", "US")}


class TestControlsOfGoodsNamedInAList:
    def test_goods_named_between_dashes_after_a_count_are_each_controlled(self) -> None:
        events = extract(
            "BEIJING, April 4 (Wire) - China will impose an additional 34% tariff on all goods imported from the "
            "United States from April 10. The commerce ministry also put seven medium and heavy rare earths - "
            "samarium, gadolinium, terbium, dysprosium, lutetium, scandium and yttrium - under export licensing "
            "with immediate effect.",
            published=date(2025, 4, 4),
        )
        controls = only(events, ExportControl)
        assert {c.imposer for c in controls} == {"CN"}
        assert [c.item.name for c in controls if c.item] == [
            "samarium",
            "gadolinium",
            "terbium",
            "dysprosium",
            "lutetium",
            "scandium",
            "yttrium",
        ]

    def test_a_regime_widened_to_goods_including_examples_covers_the_examples(self) -> None:
        events = extract(
            "China's commerce ministry on Thursday extended its licensing regime to five more rare-earth elements, "
            "including holmium and europium.",
            published=date(2025, 10, 11),
        )
        assert [c.item.name for c in only(events, ExportControl) if c.item] == ["holmium", "europium"]

    def test_licence_rules_tightened_are_a_control(self) -> None:
        (found,) = only(
            extract(
                "The U.S. tightened licence rules for 24 types of chipmaking equipment.",
                published=date(2024, 12, 3),
            ),
            ExportControl,
        )
        assert (found.status, found.item.name if found.item else None) == (
            "tightened",
            "chipmaking equipment",
        )

    def test_the_origin_of_goods_is_no_party_to_talks(self) -> None:
        events = extract(
            "India pressed the United States to drop the additional 25% tariff it imposed over Russian oil "
            "purchases as a U.S. team held a day of talks in New Delhi on Tuesday.",
            published=date(2025, 9, 16),
        )
        assert [n.parties for n in only(events, Negotiation)] == [("IN", "US")]

    def test_duties_imposed_under_section_232_are_on_every_origin(self) -> None:
        found = tariffs(
            "The Supreme Court struck down Trump's tariffs on Chinese goods. Tariffs imposed under Section 232, "
            "including 50% levies on steel and aluminium and 25% on cars, are unaffected by the ruling.",
            date(2026, 2, 21),
        )
        assert {t.target for t in found if t.product is not None} == {"*"}


class TestDatesOfOtherMeasures:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Indonesian goods will face a 19% U.S. tariff, down from the 32% rate set in April, under a deal.",
            "The agreement lowers the across-the-board U.S. rate on Japanese goods to 15% from the 25% that President "
            "Donald Trump had set to start on Aug. 1.",
        ],
    )
    def test_the_day_of_a_rate_compared_is_not_the_measures(self, sentence: str) -> None:
        (found,) = tariffs(sentence, date(2025, 7, 23))
        assert found.status == "lowered" and found.effective is None

    def test_the_day_of_a_change_from_a_rate_is_the_changes(self) -> None:
        (found,) = tariffs(
            "The U.S. cut its tariff on Chinese goods to 30% from 145% on Monday.", date(2025, 5, 14)
        )
        assert found.effective is not None and str(found.effective.start) == "2025-05-12"

    def test_a_warning_after_a_stated_duty_takes_neither_its_day_nor_its_rate(self) -> None:
        events = extract(
            "Goods from Japan will face tariffs of 25% from Aug. 1, President Donald Trump said on Monday, warning "
            "that the rate would rise further if Japan retaliated.",
            published=date(2025, 7, 7),
        )
        (threat,) = only(events, Threat)
        assert threat.deadline is None
        assert isinstance(threat.measure, Tariff) and threat.measure.rate is None
        (duty,) = only(events, Tariff)
        assert duty.effective is not None and str(duty.effective.start) == "2025-08-01"


class TestDutiesReferredTo:
    def test_duties_including_those_on_a_partners_goods_leave_the_exempted_goods_alone(self) -> None:
        found = tariffs(
            "Smartphones and computers will be exempted from Trump's reciprocal tariffs, including those on goods "
            "from China.",
            date(2025, 4, 12),
        )
        assert [(t.target, t.status, t.product.name if t.product else None) for t in found] == [
            ("*", "exempted", "smartphones"),
            ("*", "exempted", "computers"),
        ]

    def test_those_on_other_goods_are_duties_of_their_own(self) -> None:
        found = tariffs(
            "India will raise duties on 28 U.S. products. Duties on American walnuts will rise to 120% from 30%, "
            "and those on apples to 70% from 50%.",
            date(2019, 6, 15),
        )
        assert {t.product.name for t in found if t.product} >= {"walnuts", "apples"}


class TestLeadersTalking:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Mexico will keep paying a 25% U.S. tariff for another 90 days, President Donald Trump said on Thursday "
            "after a call with President Claudia Sheinbaum.",
            "Mexico won a 90-day reprieve from higher U.S. tariffs after a phone call between Presidents Claudia "
            "Sheinbaum and Donald Trump on Thursday.",
        ],
    )
    def test_a_call_between_leaders_is_talks_held(self, sentence: str) -> None:
        (talks,) = only(extract(sentence, published=date(2025, 7, 11)), Negotiation)
        assert (talks.parties, talks.status) == (("MX", "US"), "held")

    def test_a_meeting_with_a_leader_is_talks_held(self) -> None:
        events = extract(
            "President Donald Trump said on Thursday he would cut tariffs on Chinese goods linked to fentanyl to "
            "10% from 20% after a meeting with Chinese leader Xi Jinping.",
            published=date(2025, 10, 30),
        )
        (talks,) = only(events, Negotiation)
        assert (talks.parties, talks.status) == (("CN", "US"), "held")

    def test_a_call_with_analysts_is_no_talks(self) -> None:
        assert (
            only(
                extract("Shares rose after a call with analysts on Thursday.", published=date(2025, 3, 7)),
                Negotiation,
            )
            == []
        )

    def test_what_leaders_discussed_names_no_party(self) -> None:
        events = extract(
            "President Donald Trump said he would visit Beijing in April, after a phone call with Chinese President "
            "Xi Jinping on Monday in which the two leaders discussed trade, Ukraine and Taiwan.",
            published=date(2025, 11, 25),
        )
        assert {n.parties for n in only(events, Negotiation)} == {("CN", "US")}


class TestConditionsOfADeal:
    def test_a_duty_until_a_deal_is_reached_is_a_threat_on_who_is_named_before(self) -> None:
        (threat,) = only(
            extract(
                "Trump said he would impose a 10% tariff on goods from Denmark until a deal is reached on Greenland.",
                published=date(2026, 1, 18),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "DK")
        assert threat.condition is not None and threat.condition.startswith("until a deal is reached")

    def test_a_duty_until_a_day_is_no_threat(self) -> None:
        events = extract(
            "The U.S. will keep the 10% tariff on Danish goods until the end of the year.",
            published=date(2026, 1, 18),
        )
        assert only(events, Threat) == []


class TestGoodsLeftOutOfADuty:
    STORY = "A 50% U.S. tariff on imports of semi-finished copper products took effect on Friday. "

    def test_goods_an_act_signed_on_a_day_exempts(self) -> None:
        found = tariffs(
            self.STORY + "The proclamation signed on Wednesday exempts refined copper, copper ore and copper "
            "concentrate.",
            date(2025, 8, 1),
        )
        assert [t.product.name for t in found if t.status == "exempted" and t.product] == [
            "refined copper",
            "copper ore",
            "copper concentrate",
        ]

    def test_goods_that_escaped_the_duty_are_exempted(self) -> None:
        found = tariffs(self.STORY + "Refined copper escaped the duty entirely.", date(2025, 8, 1))
        assert [t.product.name for t in found if t.status == "exempted" and t.product] == ["refined copper"]

    def test_people_who_escaped_the_duty_are_no_goods(self) -> None:
        found = tariffs(self.STORY + "Shoppers escaped the duty by buying abroad.", date(2025, 8, 1))
        assert [t.status for t in found] == ["in_force"]


class TestNoDutyAtAll:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Korea's exports to the United States fell in October, hit by higher U.S. duties, trade ministry data "
            "show.",
            "Analysts said container spot rates on the trans-Pacific route had eased over the past month.",
        ],
    )
    def test_a_duty_as_the_cause_of_a_market_move_and_freight_rates_are_none(self, sentence: str) -> None:
        assert tariffs(sentence, date(2025, 11, 14)) == []

    @pytest.mark.parametrize(
        ("sentence", "goods"),
        [
            (
                "Trump said he would cut tariffs on Chinese goods linked to fentanyl to 10% from 20% after a "
                "meeting with Xi that he rated 12 on a scale of one to 10.",
                [],
            ),
            (
                "Trump had postponed the tariffs in early February after Ottawa and Mexico City promised to crack "
                "down on fentanyl trafficking.",
                [],
            ),
        ],
    )
    def test_what_follows_on_is_not_always_goods(self, sentence: str, goods: list[str]) -> None:
        assert [t.product.name for t in tariffs(sentence, date(2025, 3, 5)) if t.product] == goods

    def test_controls_with_immediate_effect_apply_from_the_day_told(self) -> None:
        events = extract(
            "BEIJING, April 4 (Wire) - China's commerce ministry put seven rare earths - samarium, gadolinium and "
            "terbium among them - under export licensing with immediate effect. The retaliation comes weeks after "
            "China set a 10% duty on soybeans, which took effect on March 10.",
            published=date(2025, 4, 4),
        )
        days = {str(c.effective.start) if c.effective else None for c in only(events, ExportControl)}
        assert days == {"2025-04-04"}


class TestNoControlAtAll:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Freight forwarders said they expected a rush of bookings from Chinese factories that had halted "
            "shipments to the United States last month.",
            "The so-called AI diffusion rule, issued in January, sorted countries into three tiers and would have "
            "required licences for shipments of advanced processors to roughly 120 of them.",
        ],
    )
    def test_a_business_halting_shipments_and_what_a_dropped_rule_would_have_done(
        self, sentence: str
    ) -> None:
        assert only(extract(sentence, published=date(2025, 5, 13)), ExportControl) == []

    def test_a_government_halting_shipments_is_a_control(self) -> None:
        (found,) = only(
            extract(
                "China halted shipments of rare earths to the United States last month.",
                published=date(2025, 5, 13),
            ),
            ExportControl,
        )
        assert (found.imposer, found.target) == ("CN", "US")

    def test_a_call_that_sets_a_meeting_schedules_it(self) -> None:
        (talks,) = only(
            extract(
                "Treasury Secretary Scott Bessent and Chinese Vice Premier He Lifeng held a video call over the "
                "weekend and agreed to meet in Malaysia this week, Bessent said.",
                published=date(2025, 10, 21),
            ),
            Negotiation,
        )
        assert (talks.parties, talks.status) == (("CN", "US"), "scheduled")
        assert talks.when is not None and str(talks.when.start) == "2025-10-20"


class TestReadingsOfThisRoundKeptInBounds:
    """Guards of the readings above: what each must not read."""

    @pytest.mark.parametrize(
        "sentence",
        [
            "The 25% tariffs on Canadian goods will stay in place until a deal is reached, Trump said on Friday.",
            "The EU's duties on Chinese EVs of up to 35% remain in force until a solution is found, the Commission "
            "said.",
        ],
    )
    def test_a_duty_kept_until_a_deal_is_no_threat(self, sentence: str) -> None:
        events = extract(sentence, published=date(2025, 5, 2))
        assert only(events, Threat) == [] and [t.status for t in only(events, Tariff)] == ["in_force"]

    def test_nothing_off_the_table_withdraws_no_threat(self) -> None:
        events = extract(
            "Trump threatened 25% tariffs on Mexican goods and said nothing was off the table.",
            published=date(2025, 5, 2),
        )
        assert [t.target for t in only(events, Threat)] == ["MX"] and only(events, Tariff) == []

    def test_a_party_named_before_the_verb_is_not_the_threats_target(self) -> None:
        (threat,) = only(
            extract(
                "At a news conference with Canada's prime minister, Trump threatened 25% tariffs unless Mexico stops "
                "the flow of migrants.",
                published=date(2025, 5, 2),
            ),
            Threat,
        )
        assert threat.target == "MX"

    def test_a_phone_call_with_reporters_is_no_talks(self) -> None:
        events = extract(
            "Trump told reporters in a phone call on Friday that tariffs on Chinese goods would stay at 145%.",
            published=date(2025, 5, 2),
        )
        assert only(events, Negotiation) == []

    def test_rates_by_country_after_a_sentences_own_duty_are_its_imposers(self) -> None:
        found = tariffs(
            "China said it would impose 34% tariffs on all U.S. goods on Friday. On Wednesday, Washington set a 24% "
            "tariff on Japan, while Vietnam faces 46% and Cambodia 49%.",
            date(2025, 5, 2),
        )
        assert {(t.imposer, t.target) for t in found} == {
            ("CN", "US"),
            ("US", "JP"),
            ("US", "VN"),
            ("US", "KH"),
        }

    def test_an_unnamed_ministry_is_not_the_datelines_government(self) -> None:
        events = extract(
            "LONDON (Wire) - China imposed tariffs of 15% on U.S. coal on Tuesday. The commerce ministry also placed "
            "tungsten and tellurium under export controls.",
            published=date(2025, 5, 2),
        )
        assert {c.imposer for c in only(events, ExportControl)} == {"CN"}

    def test_capitals_that_act_after_after_are_parties(self) -> None:
        events = extract(
            "Talks resumed in Stockholm on Monday, weeks after Beijing and Washington agreed to extend their truce.",
            published=date(2025, 7, 30),
        )
        assert {t.parties for t in only(events, Truce)} == {("CN", "US")}

    @pytest.mark.parametrize(
        ("text", "targets"),
        [
            (
                "Washington raised tariffs on steel in March. Canadian steelmakers now pay 25% on their shipments to "
                "the United States, the industry group said.",
                {"*", "CA"},
            ),
            (
                "Trump announced new tariffs on Wednesday. Vietnam faces 46% on its shipments, Cambodia 49% and "
                "Thailand 36%.",
                {"VN", "KH", "TH"},
            ),
            ("Trump announced new tariffs on Wednesday. Vietnam faces 46% now.", {"VN"}),
            (
                "China announced retaliatory tariffs on U.S. goods on Tuesday. Beijing will charge 15% on coal and "
                "10% on farm machinery, a foreign ministry spokesman said.",
                {"US"},
            ),
        ],
    )
    def test_duties_the_rate_filters_keep(self, text: str, targets: set[str]) -> None:
        assert {t.target for t in tariffs(text, date(2025, 5, 2))} == targets

    @pytest.mark.parametrize(
        "sentence",
        [
            "Cummins said Mexican-made heavy duty diesel engines would remain competitive in the United States.",
            "Britain relaxed its driving licence rules for EU citizens on Monday.",
        ],
    )
    def test_heavy_duty_goods_and_driving_licences_are_no_measures(self, sentence: str) -> None:
        assert extract(sentence, published=date(2025, 5, 2)) == []

    def test_goods_put_under_controls_earlier_are_not_those_banned(self) -> None:
        (ban,) = only(
            extract(
                "China banned exports of antimony to the United States on Tuesday, after having put gallium under "
                "export controls last year.",
                published=date(2025, 5, 2),
            ),
            ExportControl,
        )
        assert ban.item is not None and ban.item.name == "antimony"

    def test_a_threatened_duty_that_came_into_force_is_a_duty(self) -> None:
        found = tariffs(
            "Canada's retaliatory duties took effect on Tuesday, hours after the threatened 25% U.S. tariffs on "
            "Canadian goods came into force.",
            date(2025, 3, 5),
        )
        assert ("US", "CA", "in_force") in {(t.imposer, t.target, t.status) for t in found}

    def test_a_pledge_of_duties_with_an_adjective_is_a_threat(self) -> None:
        events = extract(
            "Trump threatened a 25% tariff on Mexico. Trump said he would impose reciprocal tariffs on goods from "
            "India.",
            published=date(2025, 5, 2),
        )
        assert {t.target for t in only(events, Threat)} == {"MX", "IN"}

    @pytest.mark.parametrize(
        ("sentence", "rate", "previous"),
        [
            ("The U.S. plans to expand 25% tariffs on steel to cover 400 more products.", "25%", None),
            ("The U.S. will increase 10% tariffs on Chinese solar panels to 35%.", "35%", "10%"),
        ],
    )
    def test_a_verb_of_growth_before_a_duty_rate_keeps_it(
        self, sentence: str, rate: str, previous: str | None
    ) -> None:
        (found,) = tariffs(sentence, date(2025, 5, 2))
        assert (str(found.rate), str(found.previous_rate) if found.previous_rate else None) == (
            rate,
            previous,
        )

    def test_a_start_named_after_an_old_rate_is_the_measures(self) -> None:
        (found,) = tariffs(
            "The U.S. will cut tariffs on Japanese cars to 15% from 27.5% under the deal announced in July starting "
            "Sept. 16.",
            date(2025, 7, 23),
        )
        assert found.effective is not None and str(found.effective.start) == "2025-09-16"

    def test_a_term_added_to_a_truce_replaces_its_old_end(self) -> None:
        (truce,) = only(
            extract(
                "China and the United States agreed to extend their tariff truce, due to expire on Aug. 12, for "
                "another 90 days.",
                published=date(2025, 7, 20),
            ),
            Truce,
        )
        # 90 days from the published day, as the corpus README counts "for 90 days" with no start stated
        assert truce.until is not None and str(truce.until.start) == "2025-10-18"


class TestSafeguards:
    def test_safeguard_measures_on_imports_are_a_duty_on_the_goods(self) -> None:
        (found,) = tariffs(
            "BRUSSELS, Nov 18 - The European Commission on Tuesday imposed safeguard measures on imports of "
            "ferro-alloys, capping volumes with country quotas from Wednesday.",
            date(2025, 11, 18),
        )
        assert (found.imposer, found.target, found.product.name if found.product else None) == (
            "EU",
            "*",
            "ferro-alloys",
        )

    def test_safeguard_measures_named_as_a_topic_are_none(self) -> None:
        assert tariffs("Analysts said safeguard measures were a blunt tool.", date(2025, 11, 18)) == []
