"""How agency copy writes figures and lists, each shown on sentences of its own (none from the corpus): the
units of a percentage ("pct", the British "pc"), abbreviations that end in a full stop before the goods
("U.S. goods"), a package of duties named beside one of its parts, a reporting clause after a list of goods,
and the jurisdiction goods are shipped to, which is not their origin."""

from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import only
from tradewatch import Tariff, extract

MONDAY = date(2025, 4, 14)


def rates(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (
            None if t.rate is None else str(t.rate.percent),
            None if t.previous_rate is None else str(t.previous_rate.percent),
        )
        for t in only(extract(text, published=MONDAY), Tariff)
    ]


class TestPercentUnits:
    @pytest.mark.parametrize(
        "text",
        [
            "Ottawa will lift its surtax on U.S. dairy products to 40 pct from 15 pct on Friday.",
            "Ottawa will lift its surtax on U.S. dairy products to 40pc from 15pc on Friday.",
            "Ottawa will lift its surtax on U.S. dairy products from 15 pct to 40 pct on Friday.",
            "Ottawa will lift its surtax on U.S. dairy products from 15pc to 40pc on Friday.",
        ],
    )
    def test_pct_and_pc_give_the_rate_and_the_previous_rate(self, text: str) -> None:
        assert rates(text) == [("40", "15")]

    def test_a_pc_apart_from_its_figure_is_no_percentage(self) -> None:
        events = extract(
            "Seoul raised its tariff on imported laptops, 5 pc units per order.", published=MONDAY
        )
        assert all(t.rate is None for t in only(events, Tariff))


class TestGoodsAfterAnAbbreviation:
    @pytest.mark.parametrize(
        "text",
        [
            "Beijing raised its tariffs on U.S. goods to 84% from 34% on Wednesday.",
            "New Delhi will cut duties on all U.S. goods, the trade ministry said.",
            "Brussels suspended its levies on U.K. goods for three months.",
        ],
    )
    def test_goods_of_a_country_written_with_stops_are_all_goods(self, text: str) -> None:
        (tariff,) = only(extract(text, published=MONDAY), Tariff)
        assert tariff.product is None

    def test_named_goods_after_the_abbreviation_are_kept(self) -> None:
        (tariff,) = only(extract("Tokyo will cut its tariff on U.S. rice to 5%.", published=MONDAY), Tariff)
        assert tariff.product is not None and tariff.product.name == "rice"


class TestAPackageAndOneOfItsParts:
    def test_the_package_and_the_part_named_in_one_sentence_are_two_measures(self) -> None:
        events = extract(
            "Ottawa said it would levy duties on C$30 billion of U.S. goods from Friday, including a 25% tariff"
            " on orange juice.",
            published=MONDAY,
        )
        products = sorted((t.product.name if t.product else "") for t in only(events, Tariff))
        assert products == ["", "orange juice"]

    def test_a_later_mention_of_the_duty_still_joins_the_goods_it_was_about(self) -> None:
        events = extract(
            "Ottawa imposed a 25% tariff on U.S. orange juice on Friday. The duty takes effect at midnight.",
            published=MONDAY,
        )
        (tariff,) = only(events, Tariff)
        assert tariff.product is not None and tariff.product.name == "orange juice"


class TestAReportingClauseAfterTheGoods:
    @pytest.mark.parametrize("verb", ["wrote", "told reporters", "said"])
    def test_the_reporting_verb_is_no_goods(self, verb: str) -> None:
        # The speaker's name is taken out of the phrase as an actor; the verb left behind is no goods.
        text = f"In exchange Hanoi will drop its tariffs on American products, Trump {verb} on Sunday."
        for tariff in only(extract(text, published=MONDAY), Tariff):
            assert tariff.product is None


class TestWhereTheGoodsGo:
    @pytest.mark.parametrize(
        "text",
        [
            "Washington imposed a 10% tariff on all imports into the United States, effective April 5.",
            "Washington imposed a 10% tariff on all imports to the United States, effective April 5.",
        ],
    )
    def test_the_country_goods_are_imported_into_is_no_target(self, text: str) -> None:
        (tariff,) = only(extract(text, published=MONDAY), Tariff)
        assert (tariff.imposer, tariff.target) == ("US", "*")

    def test_goods_entering_a_country_are_taxed_by_it(self) -> None:
        events = extract(
            "A 25% duty on Korean steel entering the United States took effect.", published=MONDAY
        )
        (tariff,) = only(events, Tariff)
        assert (tariff.imposer, tariff.target) == ("US", "KR")

    def test_imports_from_a_country_still_name_the_target(self) -> None:
        events = extract("Canada imposed a 25% tariff on imports from the United States.", published=MONDAY)
        (tariff,) = only(events, Tariff)
        assert (tariff.imposer, tariff.target) == ("CA", "US")


class TestMoneyBeforeTheGoods:
    @pytest.mark.parametrize(
        ("text", "product"),
        [
            ("Brussels suspended its tariffs on 21 bln euros ($23 bln) of U.S. goods for 90 days.", None),
            ("Brussels suspended its tariffs on 21 bln euros of U.S. goods for 90 days.", None),
            ("Ottawa imposed 25% tariffs on C$30 billion worth of U.S. goods.", None),
            ("London will cut its tariffs on £4.5bn of U.S. cars.", "cars"),
            ("Beijing lifted its tariffs on 50 billion yuan of U.S. soybeans.", "soybeans"),
        ],
    )
    def test_an_amount_in_any_currency_is_no_part_of_the_goods(self, text: str, product: str | None) -> None:
        (tariff,) = only(extract(text, published=MONDAY), Tariff)
        assert (tariff.product.name if tariff.product else None) == product


class TestBulletPoints:
    def test_each_bullet_is_a_sentence_of_its_own(self) -> None:
        from tradewatch.extract._text import sentences

        text = (
            "* Beijing raises tariffs on U.S. goods to 125%\n* Markets slide\n- Yuan weakens\n• Talks stall"
        )
        assert [text[a:b] for a, b in sentences(text)] == [
            "* Beijing raises tariffs on U.S. goods to 125%",
            "* Markets slide",
            "- Yuan weakens",
            "• Talks stall",
        ]

    def test_a_bullet_gives_its_own_sentence_as_evidence(self) -> None:
        text = "* Beijing raises tariffs on U.S. goods to 125%\n* Washington says it will respond"
        (tariff,) = only(extract(text, published=MONDAY), Tariff)
        assert tariff.evidence.sentence == "* Beijing raises tariffs on U.S. goods to 125%"


class TestTheHeadline:
    HEADLINE = "Ottawa lifts its 25% surtax on U.S. steel"

    def test_a_teaser_text_leaves_the_news_to_the_headline(self) -> None:
        text = "What the decision means for builders and carmakers."
        (tariff,) = only(extract(text, title=self.HEADLINE, published=MONDAY), Tariff)
        assert (tariff.imposer, tariff.target, tariff.status.value) == ("CA", "US", "lifted")
        evidence = tariff.evidence
        assert self.HEADLINE[evidence.start : evidence.end] == evidence.sentence
        (from_text,) = only(extract(self.HEADLINE + ".", published=MONDAY), Tariff)
        assert evidence.confidence < from_text.evidence.confidence

    def test_a_text_that_states_events_is_read_alone(self) -> None:
        text = "Ottawa said on Monday it would keep its 25% surtax on U.S. aluminium in place."
        events = extract(text, title=self.HEADLINE, published=MONDAY)
        assert events and all(e.evidence.sentence in text for e in events)
        assert all(t.product is None or t.product.name != "steel" for t in only(events, Tariff))

    def test_a_headline_without_news_adds_nothing(self) -> None:
        text = "Dockworkers unloaded a record number of containers last month."
        assert extract(text, title="Busiest month yet at the port", published=MONDAY) == []


class TestAWeekdayWithItsDate:
    WEDNESDAY = date(2025, 7, 16)

    def spans(self, sentence: str) -> list[tuple[str, str]]:
        from tradewatch.extract._dates import find_dates

        return [(d.span.text, str(d.span.start)) for d in find_dates(sentence, self.WEDNESDAY)]

    @pytest.mark.parametrize(
        ("sentence", "expected"),
        [
            ("The levy takes effect on Thursday, July 31.", ("on Thursday, July 31", "2025-07-31")),
            ("The duties apply from Monday 4 August.", ("from Monday 4 August", "2025-08-04")),
            ("The levy took effect on Thursday, July 10.", ("on Thursday, July 10", "2025-07-10")),
            ("Talks are set for Tuesday (July 22) in Geneva.", ("Tuesday (July 22", "2025-07-22")),
        ],
    )
    def test_the_weekday_and_the_date_are_one_day(self, sentence: str, expected: tuple[str, str]) -> None:
        assert self.spans(sentence) == [expected]

    def test_a_weekday_that_is_not_the_date_s_stays_apart(self) -> None:
        # July 31, 2025 is a Thursday: "Friday" cannot name it, so neither is taken for the other.
        assert [d for _, d in self.spans("The levy takes effect on Friday, July 31.")] == [
            "2025-07-18",
            "2025-07-31",
        ]

    def test_the_date_is_the_measure_s_with_the_words_before_the_weekday(self) -> None:
        events = extract(
            "Ottawa's 25% tariff on U.S. steel takes effect on Thursday, July 31.", published=self.WEDNESDAY
        )
        (tariff,) = only(events, Tariff)
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-07-31"


class TestAStartToCome:
    WEDNESDAY = date(2025, 7, 16)

    @pytest.mark.parametrize(
        ("sentence", "day"),
        [
            ("Brussels will apply the duties starting Friday.", "2025-07-18"),
            ("Beginning Monday, exporters need a licence.", "2025-07-21"),
            ("The rule is effective Monday.", "2025-07-21"),
            ("The duties applied starting Friday, officials said.", "2025-07-11"),
        ],
    )
    def test_starting_beginning_and_effective_look_ahead_unless_the_verb_is_past(
        self, sentence: str, day: str
    ) -> None:
        from tradewatch.extract._dates import find_dates

        (found,) = find_dates(sentence, self.WEDNESDAY)
        assert str(found.span.start) == day


class TestTheDayADutyBeganToApply:
    TUESDAY = date(2024, 10, 22)

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("Ottawa began charging a 25 per cent surtax on Chinese steel on Tuesday.", "2024-10-22"),
            ("Mexico started applying a 10% duty on U.S. pork on Monday.", "2024-10-21"),
            ("Seoul began collecting a 30% tariff on Chinese plate at midnight on Friday.", "2024-10-18"),
        ],
    )
    def test_collection_began_is_when_the_duty_applies(self, text: str, day: str) -> None:
        (tariff,) = only(extract(text, published=self.TUESDAY), Tariff)
        assert tariff.effective is not None and str(tariff.effective.start) == day

    def test_a_rate_backdated_to_a_day_applies_from_it(self) -> None:
        text = "Washington cut its tariff on Korean cars to 15% from 25%, with the lower rate backdated to Nov. 1."
        (tariff,) = only(extract(text, published=self.TUESDAY), Tariff)
        assert tariff.effective is not None and str(tariff.effective.start) == "2024-11-01"


class TestDutiesOnTopOfOthers:
    @pytest.mark.parametrize(
        "text",
        [
            "Beijing slapped additional tariffs of 25% on American pork from Monday.",
            "Beijing imposed extra duties of 10% on U.S. coal.",
            "Beijing imposed additional tariffs of 25% on American pork and 15% on U.S. wine.",
        ],
    )
    def test_additional_tariffs_of_a_rate_raise_the_duty_in_place(self, text: str) -> None:
        tariffs = only(extract(text, published=MONDAY), Tariff)
        assert tariffs and all(t.status.value == "raised" for t in tariffs)

    def test_tariffs_of_a_rate_alone_are_a_new_duty(self) -> None:
        (tariff,) = only(
            extract("Brussels imposed tariffs of 25% on U.S. bourbon.", published=MONDAY), Tariff
        )
        assert tariff.status.value == "in_force"  # a duty of its own, put in place: not a rise of another


class TestWhatWasDoneBefore:
    def test_a_perfect_participle_states_no_status_of_the_news(self) -> None:
        text = (
            "Beijing said it would again charge a 25% tariff on U.S. trucks from Dec. 15, having suspended it in"
            " January during talks."
        )
        events = extract(text, published=date(2019, 8, 24))
        (tariff,) = only(events, Tariff)
        assert tariff.status.value == "announced"
        assert tariff.effective is not None and str(tariff.effective.start) == "2019-12-15"
        assert not [e for e in events if e.TYPE == "negotiation" and e.status.value == "suspended"]

    def test_the_day_of_a_duty_imposed_with_a_long_object_is_its_day(self) -> None:
        text = (
            "New Delhi imposed a provisional safeguard duty of 12 percent on all imports of some hot-rolled flat"
            " steel products on Monday. The duty takes effect immediately."
        )
        (tariff,) = only(extract(text, published=date(2025, 4, 21)), Tariff)
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-04-21"


class TestAStandingDutyDescribedByARelativeClause:
    def test_the_duty_a_country_imposed_in_a_month_stands_since_then(self) -> None:
        text = "The deposit adds to a 100% tariff on Canadian canola oil that Beijing imposed in March."
        (tariff,) = only(extract(text, published=date(2025, 8, 12)), Tariff)
        assert tariff.status.value == "in_force"
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-03-01"

    def test_a_change_to_such_a_duty_is_still_the_news(self) -> None:
        text = "Beijing will raise the 10% tariff on U.S. coal that it imposed in February to 15%."
        (tariff,) = only(extract(text, published=date(2025, 8, 12)), Tariff)
        assert tariff.status.value == "raised"


class TestAPausePushedBack:
    DAY = date(2023, 12, 19)

    def test_extending_the_suspension_of_a_duty_extends_it(self) -> None:
        text = "Brussels has extended the suspension of its retaliatory tariffs on U.S. goods until March 31, 2025."
        (tariff,) = only(extract(text, published=self.DAY), Tariff)
        assert tariff.status.value == "extended"
        assert tariff.effective is not None and str(tariff.effective.start) == "2025-03-31"

    def test_extending_an_exemption_until_a_time_is_no_threat(self) -> None:
        text = "Washington has extended until the end of 2025 the exemption from its Section 232 tariffs for EU steel."
        events = extract(text, published=self.DAY)
        assert [e.TYPE for e in events] == ["tariff"]
        assert only(events, Tariff)[0].status.value == "extended"


class TestARateToMoveWithoutItsFigure:
    @pytest.mark.parametrize(
        ("text", "status"),
        [
            (
                "Tokyo will cut its tariff on U.S. beef on Wednesday. Tariffs on U.S. pork will fall the same day.",
                "lowered",
            ),
            ("Seoul said tariffs on Chinese steel would rise from July.", "raised"),
        ],
    )
    def test_will_fall_and_will_rise_move_the_duty(self, text: str, status: str) -> None:
        tariffs = only(extract(text, published=date(2019, 12, 31)), Tariff)
        assert tariffs and tariffs[-1].status.value == status

    def test_dropping_a_duty_still_removes_it(self) -> None:
        (tariff,) = only(extract("Ottawa will drop its duties on U.S. whiskey.", published=MONDAY), Tariff)
        assert tariff.status.value == "lifted"
