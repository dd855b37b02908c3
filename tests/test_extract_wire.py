"""Constructions of longer wire copy, each shown on sentences of its own (none from the corpus): market and
trade figures that are not rates, money amounts before the goods, standing measures dated by "since", and
the background around the news."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from extraction_helpers import only
from tradewatch import ExportControl, Rate, Tariff, Threat, extract

WEDNESDAY = date(2025, 3, 12)


class TestFiguresThatAreNotRates:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Vietnam's shipments of furniture to the United States rose 18% year on year in February despite"
            " the duties.",
            "Soybean exports to China fell 40 percent from a year earlier as the tariffs bit.",
            "Shares of steelmakers jumped as much as 6% after the duty was confirmed.",
            "The peso weakened 1.2% on the day as traders priced in the tariffs.",
        ],
    )
    def test_a_change_in_trade_or_prices_gives_no_rate(self, sentence: str) -> None:
        for tariff in only(extract(sentence, published=WEDNESDAY), Tariff):
            assert tariff.rate is None

    @pytest.mark.parametrize(
        "sentence",
        [
            "The central bank lowered its growth forecast to 1.9% from 2.4%, citing the new U.S. tariffs.",
            "Inflation eased to 3.1% in May as Ottawa cut duties on food imports.",
        ],
    )
    def test_an_economic_figure_gives_no_rate(self, sentence: str) -> None:
        for tariff in only(extract(sentence, published=WEDNESDAY), Tariff):
            assert tariff.rate is None and tariff.previous_rate is None

    def test_a_share_of_trade_gives_no_rate(self) -> None:
        events = extract(
            "Mexico buys about 30% of U.S. corn exports, which now face Mexican duties.", published=WEDNESDAY
        )
        assert all(t.rate is None for t in only(events, Tariff))

    def test_the_rate_itself_is_still_read_beside_a_market_move(self) -> None:
        events = extract(
            "Seoul raised its tariff on Chinese steel plate to 38% on Tuesday, and Posco shares rose 3%.",
            published=WEDNESDAY,
        )
        tariffs = only(events, Tariff)
        assert [t.rate for t in tariffs] == [Rate(Decimal("38"))]

    def test_a_rate_of_the_customs_value_is_still_a_rate(self) -> None:
        events = extract(
            "Egypt imposed a duty of 15% of the customs value on imported steel billets.", published=WEDNESDAY
        )
        assert [t.rate for t in only(events, Tariff)] == [Rate(Decimal("15"))]


class TestMoneyBeforeTheGoods:
    @pytest.mark.parametrize(
        ("sentence", "goods"),
        [
            (
                "Beijing said it would impose tariffs on $75 billion worth of U.S. soybeans and pork.",
                ["soybeans", "pork"],
            ),
            ("New Delhi imposed duties on $2 billion worth of almonds and apples.", ["almonds", "apples"]),
            ("Ottawa will levy duties on C$30 billion worth of American goods from July 1.", [None]),
        ],
    )
    def test_a_dollar_volume_is_not_the_goods(self, sentence: str, goods: list[str | None]) -> None:
        tariffs = only(extract(sentence, published=WEDNESDAY), Tariff)
        assert [t.product.name if t.product else None for t in tariffs] == goods


def _one(sentence: str, published: date = WEDNESDAY) -> Tariff:
    tariffs = only(extract(sentence, published=published), Tariff)
    assert len(tariffs) == 1, tariffs
    return tariffs[0]


class TestStandingMeasures:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Indonesia has charged a 20 percent duty on Chinese ceramic tiles since March.",
            "Argentine lemons have carried a 12% U.S. levy since early February, exporters said.",
            "The combined U.S. rate on Brazilian beef stands at 76%, officials said.",
        ],
    )
    def test_a_duty_stated_as_standing_is_in_force(self, sentence: str) -> None:
        assert _one(sentence).status == "in_force"

    def test_a_since_date_dates_the_standing_duty(self) -> None:
        tariff = _one("Indonesia has charged a 20 percent duty on Chinese ceramic tiles since March.")
        assert tariff.effective is not None and tariff.effective.text.endswith("March")
        assert tariff.product is not None and tariff.product.name == "ceramic tiles"

    def test_a_since_date_is_not_when_a_change_applies(self) -> None:
        tariff = _one("Manila's duty on Vietnamese rice, in place since Jan. 1, will fall to 5% from 10%.")
        assert (tariff.status, tariff.effective) == ("lowered", None)

    def test_a_since_date_in_another_sentence_dates_no_change(self) -> None:
        events = extract(
            "Seoul will scrap its tariff on U.S. almonds. Chile's wine still pays the 40% rate Seoul has"
            " applied since July.",
            published=WEDNESDAY,
        )
        lifted = [t for t in only(events, Tariff) if t.status == "lifted"]
        assert lifted and all(t.effective is None for t in lifted)


class TestTheVerbOfTheSentence:
    @pytest.mark.parametrize(
        ("sentence", "status"),
        [
            ("Seoul will remove its levy on U.S. beef on Monday.", "lifted"),
            ("Jakarta plans to halve the levy on palm oil shipments to India.", "proposed"),
            ("Ottawa scrapped the 10% levy on Chinese solar panels.", "lifted"),
        ],
    )
    def test_levy_as_a_noun_is_no_verb(self, sentence: str, status: str) -> None:
        assert _one(sentence).status == status

    def test_a_participle_aside_describes_the_measure(self) -> None:
        tariff = _one(
            "Lima's 15% levy on Chinese tiles, introduced under a safeguard rule in May, will be removed on Monday,"
            " the minister said.",
            date(2025, 9, 10),
        )
        assert tariff.status == "lifted"
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-09-15"


class TestProductsInLists:
    def test_origins_listed_after_the_goods_are_the_origins_of_each(self) -> None:
        events = extract(
            "Morocco's duties on cement and glass from Turkey, Egypt and Algeria took effect on Monday.",
            published=WEDNESDAY,
        )
        pairs = {(t.target, t.product.name if t.product else None) for t in only(events, Tariff)}
        assert pairs == {(c, g) for c in ("TR", "EG", "DZ") for g in ("cement", "glass")}

    def test_one_origin_after_the_goods(self) -> None:
        events = extract(
            "Ottawa raised its duties on steel wire and nails from China to 35%.", published=WEDNESDAY
        )
        pairs = {(t.target, t.product.name if t.product else None) for t in only(events, Tariff)}
        assert pairs == {("CN", "steel wire"), ("CN", "nails")}

    def test_a_later_sentence_about_the_goods_reaches_every_origin(self) -> None:
        events = extract(
            "Mexico's duties on tiles and glass from Spain, Italy and Portugal took effect on Monday. The three"
            " now face the same duties as other suppliers: 18 percent on tiles and 12 percent on glass.",
            published=WEDNESDAY,
        )
        rates = {(t.target, t.product.name if t.product else None): t.rate for t in only(events, Tariff)}
        assert rates == {
            (c, g): Rate(Decimal(r))
            for c in ("ES", "IT", "PT")
            for g, r in (("tiles", "18"), ("glass", "12"))
        }


class TestSeveralMeasuresInOneSentence:
    def test_a_second_verb_after_and_states_a_measure_of_its_own(self) -> None:
        events = extract(
            "Tokyo on Friday imposed export controls on gallium nitride and silicon carbide wafers, and added"
            " three Chinese firms to its end-user list.",
            published=WEDNESDAY,
        )
        controls = only(events, ExportControl)
        items = {c.item.name if c.item else None for c in controls}
        assert {"gallium nitride", "silicon carbide wafers"} <= items


class TestTheDayOfAnAct:
    def test_a_rise_stated_as_done_is_dated_by_its_day(self) -> None:
        tariff = _one("Ankara on Tuesday raised its tariff on U.S. rice to 50% from 20%.", date(2025, 3, 12))
        assert tariff.status == "raised"
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-03-11"

    def test_a_rise_to_come_is_not_dated_by_the_day_it_was_said(self) -> None:
        tariff = _one(
            "Ankara said on Tuesday it will raise its tariff on U.S. rice to 50%.", date(2025, 3, 12)
        )
        assert tariff.effective is None

    def test_a_control_with_immediate_effect_applies_from_the_day_it_was_imposed(self) -> None:
        events = extract(
            "Hanoi on Monday banned exports of raw rare-earth ore. The rule took effect immediately, the ministry"
            " said.",
            published=WEDNESDAY,
        )
        control = only(events, ExportControl)[0]
        assert control.effective is not None and str(control.effective.start) == "2025-03-10"

    def test_a_control_imposed_on_a_day_is_dated_by_it(self) -> None:
        events = extract("Hanoi on Monday banned exports of raw rare-earth ore.", published=WEDNESDAY)
        effective = only(events, ExportControl)[0].effective
        assert effective is not None and str(effective.start) == "2025-03-10"

    def test_a_control_announced_for_later_is_not_dated_by_the_day_it_was_said(self) -> None:
        events = extract(
            "Hanoi said on Monday it will ban exports of raw rare-earth ore.", published=WEDNESDAY
        )
        assert only(events, ExportControl)[0].effective is None


class TestGoodsNamedBefore:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Exporters of the three minerals will need a licence from the ministry, Beijing said.",
            "Shipments of the two chemicals and some related products will need an export licence, Tokyo said.",
        ],
    )
    def test_a_phrase_that_points_back_names_no_goods(self, sentence: str) -> None:
        for control in only(extract(sentence, published=WEDNESDAY), ExportControl):
            assert control.item is None


class TestExemptions:
    def test_countries_exempted_with_an_adverb_before_the_participle(self) -> None:
        events = extract(
            "Washington imposed a 25% tariff on imported cement on Monday. Peru, Chile and Colombia were"
            " provisionally exempted from the duty while talks go on.",
            published=WEDNESDAY,
        )
        exempted = {(t.imposer, t.target) for t in only(events, Tariff) if t.status == "exempted"}
        assert exempted == {("US", "PE"), ("US", "CL"), ("US", "CO")}

    def test_goods_exempted_from_a_duty_named_before_take_its_target(self) -> None:
        events = extract(
            "Washington imposed a 30% levy on Indian goods in August. Dozens of products, including generic"
            " medicines and jet fuel, were exempted from the levy.",
            published=WEDNESDAY,
        )
        exempted = {
            (t.target, t.product.name if t.product else None)
            for t in only(events, Tariff)
            if t.status == "exempted"
        }
        assert exempted == {("IN", "generic medicines"), ("IN", "jet fuel")}

    def test_goods_exempted_without_a_duty_named_before_keep_no_target(self) -> None:
        events = extract("Generic drugs were exempted from the levy, officials said.", published=WEDNESDAY)
        assert all(t.target != "IN" for t in only(events, Tariff))


class TestGenericGoods:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Washington set a 39% tariff on Swiss goods.",
            "Ottawa raised its surtax on all Chinese imports to 25% from 10%.",
        ],
    )
    def test_goods_at_the_end_of_a_sentence_are_all_goods(self, sentence: str) -> None:
        assert _one(sentence).product is None

    def test_goods_as_the_subject_of_an_exemption(self) -> None:
        events = extract(
            "Washington imposed a 30% levy on Indian goods in August. Generic drugs and jet fuel were exempted"
            " from the levy.",
            published=WEDNESDAY,
        )
        exempted = {
            (t.imposer, t.target, t.product.name if t.product else None)
            for t in only(events, Tariff)
            if t.status == "exempted"
        }
        assert exempted == {("US", "IN", "generic drugs"), ("US", "IN", "jet fuel")}

    def test_the_duty_is_not_folded_into_the_exemption_of_one_good(self) -> None:
        events = extract(
            "Washington imposed a 30% levy on Indian goods in August. Jet fuel was exempted from the levy.",
            published=WEDNESDAY,
        )
        statuses = sorted(t.status.value for t in only(events, Tariff))
        assert statuses == ["exempted", "in_force"]


class TestWarningsByBystanders:
    @pytest.mark.parametrize(
        "sentence",
        [
            "Dairy groups warned that Canada could retaliate against U.S. cheese if the duties stay.",
            "Analysts warned that Beijing would hit back with tariffs on U.S. aircraft.",
            "The national retailers' federation warned that shoppers would face higher prices on toys.",
        ],
    )
    def test_a_warning_by_industry_or_analysts_is_no_threat(self, sentence: str) -> None:
        assert only(extract(sentence, published=WEDNESDAY), Threat) == []

    def test_a_warning_by_a_government_is_still_a_threat(self) -> None:
        events = extract(
            "Ottawa warned that it would impose tariffs on U.S. steel if Washington raised its duties.",
            published=WEDNESDAY,
        )
        assert [t.actor for t in only(events, Threat)] == ["CA"]


class TestControlTargets:
    @pytest.mark.parametrize(
        ("sentence", "target"),
        [
            (
                "Canada on Monday imposed export controls on Belarus, requiring licences for shipments of drones"
                " and machine tools.",
                "BY",
            ),
            (
                "Tokyo tightened its export restrictions against North Korea to cover all dual-use chemicals.",
                "KP",
            ),
        ],
    )
    def test_controls_placed_on_a_country_target_it(self, sentence: str, target: str) -> None:
        controls = only(extract(sentence, published=WEDNESDAY), ExportControl)
        assert controls and {c.target for c in controls} == {target}


class TestBackgroundAroundTheNews:
    def test_a_date_after_on_does_not_end_the_statement(self) -> None:
        events = extract(
            "Washington and Hanoi are in talks. A 46% rate on Vietnamese goods, announced on April 2, has been"
            " paused until July 9.",
            published=date(2025, 5, 2),
        )
        assert [t.status for t in only(events, Tariff)] == ["suspended"]

    def test_a_duty_named_as_the_cause_of_retaliation_already_stands(self) -> None:
        events = extract(
            "India raised tariffs on U.S. almonds on Monday in retaliation for Washington's duties on Indian steel.",
            published=WEDNESDAY,
        )
        statuses = {(t.imposer, t.status.value) for t in only(events, Tariff)}
        assert ("US", "in_force") in statuses
        assert ("IN", "raised") in statuses


class TestStatusVerbs:
    @pytest.mark.parametrize(
        ("sentence", "status"),
        [
            ("Mexico will drop its retaliatory tariffs on U.S. pork from Monday.", "lifted"),
            ("Ankara will scrap the retaliatory duties on American rice on July 1.", "lifted"),
            (
                "Seoul will lift the extra duties of up to 20% it imposed in May on U.S. beef from Monday.",
                "lifted",
            ),
            (
                "Brussels will keep its retaliatory tariffs on U.S. jeans and boats suspended until June 30, the"
                " Commission said.",
                "extended",
            ),
        ],
    )
    def test_the_verb_of_the_sentence_gives_the_status(self, sentence: str, status: str) -> None:
        tariffs = only(extract(sentence, published=WEDNESDAY), Tariff)
        assert tariffs and {t.status.value for t in tariffs} == {status}
