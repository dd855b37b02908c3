"""A statement read the same whatever way it is worded: the unit of a rate in words ("25 per cent"), a word that
links the sentence to the story ("Separately, ..."), what the goods are said between them and the day ("gallium,
a key export, on Tuesday"), a clause of cause after the statement ("..., in retaliation for U.S. sanctions"), a
list of goods where one stood, and a threat joined to a measure its subject took."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction_helpers import days, only
from tradewatch import ExportControl, Negotiation, Tariff, Threat, Truce, extract, serial

TUESDAY = date(2024, 12, 3)

STATEMENTS = [
    "China banned exports of gallium to the United States on Tuesday.",
    "China on Tuesday banned exports of gallium to the United States.",
    "The United States raised its tariff on Chinese steel to 50% from 25% on Tuesday.",
    "Canada imposed a 25% tariff on Chinese steel on Tuesday.",
    "India lifted its ban on exports of onions on Tuesday.",
    "The European Union on Tuesday imposed anti-dumping duties of 35% on Chinese biodiesel.",
    "Mexico cut its tariff on U.S. pork to 5% from 20% on Tuesday.",
    "Britain suspended trade talks with Israel on Tuesday.",
    "The United States and Japan held a fourth round of trade talks in Tokyo on Tuesday.",
    "Indonesia banned exports of nickel ore on Tuesday.",
]


def _pct(rate: Any) -> int | None:
    return None if rate is None else int(rate.percent)


def _signature(text: str) -> set[tuple[Any, ...]]:
    found = set()
    for event in extract(text, published=TUESDAY):
        data = serial.to_dict(event)
        data.pop("evidence")
        for name in ("effective", "until", "when", "deadline"):
            if isinstance(data.get(name), dict):
                data[name].pop("text")  # the words of the date are those the text wrote
        found.add(serial.dumps(data))
    return found


def _rewordings(statement: str) -> dict[str, str]:
    body = statement.removesuffix(".")
    opened = (
        statement
        if statement.startswith(("China", "Canada", "India", "Mexico", "Britain", "Indonesia"))
        else (statement[0].lower() + statement[1:])
    )
    return {
        "per cent": statement.replace("%", " per cent"),
        "percent": statement.replace("%", " percent"),
        "linked": "Separately, " + opened,
        "meanwhile": "Meanwhile, " + opened,
        "retaliation": body + ", in retaliation for U.S. sanctions.",
        "response": body + ", in response to new U.S. curbs.",
        "reported": body + ", the ministry said in a statement on Wednesday.",
        # as agencies in the United States write a weekday
        "weekday": statement.replace("on Tuesday", "Tuesday"),
    }


@pytest.mark.parametrize("statement", STATEMENTS)
@pytest.mark.parametrize("rewording", list(_rewordings(STATEMENTS[0])))
def test_a_statement_reworded_states_the_same(statement: str, rewording: str) -> None:
    reworded = _rewordings(statement)[rewording]
    assert _signature(statement)  # the statement is read at all
    assert _signature(reworded) == _signature(statement), reworded


class TestTheUnitOfARateInWords:
    def test_evidence_quotes_the_text_as_written(self) -> None:
        text = (
            "Markets fell. Canada raised its duty on U.S. steel to 25 per cent from 10 per cent on Tuesday."
        )
        (duty,) = only(extract(text, published=TUESDAY), Tariff)
        assert (_pct(duty.rate), _pct(duty.previous_rate)) == (25, 10)
        assert duty.evidence.sentence == text[14:]
        assert text[duty.evidence.start : duty.evidence.end] == duty.evidence.sentence

    def test_a_threats_condition_is_quoted_as_written(self) -> None:
        (threat,) = only(
            extract(
                "Trump threatened a 200 per cent tariff on EU wine unless the bloc drops its 50 per cent tariff on "
                "American whiskey.",
                published=TUESDAY,
            ),
            Threat,
        )
        assert threat.condition == "unless the bloc drops its 50 per cent tariff on American whiskey"

    def test_rates_in_words_are_paired_with_their_goods(self) -> None:
        found = only(
            extract(
                "Washington doubled its tariffs on Turkish steel and aluminium to 50 per cent and 20 per cent "
                "respectively.",
                published=date(2018, 8, 13),
            ),
            Tariff,
        )
        assert {(t.product.name if t.product else None, _pct(t.rate)) for t in found} == {
            ("steel", 50),
            ("aluminium", 20),
        }

    def test_percentage_points_stay_points(self) -> None:
        found = only(
            extract(
                "Canada raised its duty on U.S. steel by 10 percentage points on Tuesday.", published=TUESDAY
            ),
            Tariff,
        )
        assert all(t.rate is None for t in found)


class TestWhatTheGoodsAreSaidBetweenThemAndTheDay:
    def test_a_list_closed_by_its_destination_is_dated_by_the_day_after_it(self) -> None:
        found = only(
            extract(
                "China banned exports of gallium, germanium and antimony to the United States on Tuesday.",
                published=TUESDAY,
            ),
            ExportControl,
        )
        assert len(found) == 3
        assert {(c.target, days(c.effective)) for c in found} == {("US", ("2024-12-03", "2024-12-03"))}

    def test_goods_described_between_commas_keep_the_day(self) -> None:
        found = only(
            extract(
                "Beijing began requiring licences for exports of gallium and germanium, two metals used in "
                "chipmaking, on Aug. 1.",
                published=date(2023, 8, 2),
            ),
            ExportControl,
        )
        assert {days(c.effective) for c in found} == {("2023-08-01", "2023-08-01")}

    def test_goods_described_between_commas_keep_their_destination(self) -> None:
        (control,) = only(
            extract(
                "China banned exports of graphite, a key battery material, to the United States on Tuesday.",
                published=TUESDAY,
            ),
            ExportControl,
        )
        assert control.target == "US"

    def test_a_day_after_a_clause_of_time_is_not_the_bans(self) -> None:
        found = only(
            extract(
                "China said on Monday, a day after Washington banned chip exports, that it would respond.",
                published=TUESDAY,
            ),
            ExportControl,
        )
        assert all(c.effective is None for c in found)


class TestAControlComingIntoForce:
    def test_a_control_that_comes_into_force_on_a_day_is_dated_by_it(self) -> None:
        (control,) = only(
            extract(
                "Japan's licence requirement for 23 types of chipmaking equipment comes into force on July 23.",
                published=date(2023, 5, 23),
            ),
            ExportControl,
        )
        assert days(control.effective) == ("2023-07-23", "2023-07-23")


class TestAClauseOfCause:
    def test_the_last_list_of_a_change_keeps_its_verb(self) -> None:
        found = only(
            extract(
                "Turkey on Wednesday doubled tariffs on a range of American imports, raising the duty on passenger "
                "cars to 120 per cent, on alcoholic drinks to 140 per cent and on leaf tobacco to 60 per cent, in "
                "retaliation for U.S. sanctions and steel levies.",
                published=date(2018, 8, 15),
            ),
            Tariff,
        )
        (tobacco,) = [t for t in found if t.product and t.product.name == "leaf tobacco"]
        assert tobacco.status == "raised" and _pct(tobacco.rate) == 60
        assert days(tobacco.effective) == ("2018-08-15", "2018-08-15")

    def test_a_country_in_it_is_no_party_to_the_talks(self) -> None:
        (talks,) = only(
            extract(
                "Britain suspended trade talks with Israel on Tuesday, citing Chinese pressure.",
                published=TUESDAY,
            ),
            Negotiation,
        )
        assert sorted(talks.parties) == ["GB", "IL"]

    def test_talks_proposed_over_a_duty_leave_the_duty_in_force(self) -> None:
        (duty,) = only(
            extract(
                "Brazil has proposed negotiations with the United States over the 50% tariff on most Brazilian goods "
                "that took effect on Aug. 6.",
                published=date(2025, 8, 14),
            ),
            Tariff,
        )
        assert duty.status == "in_force"


class TestAThreatJoinedToAMeasureTaken:
    def test_the_measure_taken_is_news_of_its_own(self) -> None:
        found = extract(
            "The United States raised its tariff on Chinese steel to 50% from 25% on Tuesday, and threatened a "
            "60% duty unless China cuts its 10% levy.",
            published=TUESDAY,
        )
        (duty,) = only(found, Tariff)
        assert (duty.status, _pct(duty.rate), _pct(duty.previous_rate)) == ("raised", 50, 25)
        (threat,) = only(found, Threat)
        assert isinstance(threat.measure, Tariff) and _pct(threat.measure.rate) == 60

    def test_a_threat_without_a_measure_of_its_own_takes_none_from_before(self) -> None:
        found = extract(
            "The United States raised its tariff on Chinese steel to 50% from 25% on Tuesday and threatened further "
            "action.",
            published=TUESDAY,
        )
        assert len(only(found, Tariff)) == 1
        (threat,) = only(found, Threat)
        assert threat.measure is None

    def test_a_control_taken_is_news_of_its_own(self) -> None:
        found = extract(
            "China banned exports of gallium on Tuesday and warned of further steps if Washington did not lift its "
            "curbs.",
            published=TUESDAY,
        )
        (control,) = only(found, ExportControl)
        assert control.status == "imposed"
        assert len(only(found, Threat)) == 1


class TestALinkingWordOpensTheSentence:
    def test_separately_is_no_goods(self) -> None:
        found = only(
            extract(
                "The United States set a 30% tariff on South African goods on Friday. Separately, platinum and "
                "copper are exempt from the new rate.",
                published=date(2025, 8, 1),
            ),
            Tariff,
        )
        assert all(t.product is None or "separately" not in t.product.name for t in found)

    def test_separately_names_no_rate(self) -> None:
        found = only(
            extract(
                "Separately, the European Union on Tuesday imposed anti-dumping duties of 35% on Chinese biodiesel.",
                published=TUESDAY,
            ),
            Tariff,
        )
        assert [t.product.name if t.product else None for t in found] == ["biodiesel"]


class TestWhatASideIsAccusedOf:
    def test_commitments_reneged_on_are_no_goods(self) -> None:
        (duty,) = only(
            extract(
                "The United States raised tariffs on $200 billion of Chinese goods to 25% from 10%, accusing Beijing "
                "of reneging on its commitments.",
                published=date(2019, 5, 10),
            ),
            Tariff,
        )
        assert duty.product is None and (_pct(duty.rate), _pct(duty.previous_rate)) == (25, 10)


class TestNamesWrittenAnotherWay:
    def test_a_us_body_written_without_stops_is_american(self) -> None:
        (relief,) = only(
            extract(
                "The Office of the US Trade Representative said on Wednesday that Chinese solar manufacturing "
                "equipment and 177 other products will remain excluded from Section 301 tariffs until Nov. 10, 2026.",
                published=date(2025, 11, 27),
            ),
            Tariff,
        )
        assert (relief.imposer, relief.target) == ("US", "CN")

    def test_anyone_but_a_country_names_no_one(self) -> None:
        from tradewatch.extract._actors import find_actors

        assert find_actors("They pay the duty only on their non-US content and on non-EU steel.") == []

    @pytest.mark.parametrize(
        "text",
        [
            "Goods that comply with the United States-Mexico-Canada Agreement remain exempt from the 35% tariff on "
            "Canadian imports.",
            "Auto parts compliant with the U.S.-Mexico-Canada Agreement are exempt from the 25% tariff on Mexican "
            "goods.",
        ],
    )
    def test_the_pacts_name_makes_no_side_the_imposer(self, text: str) -> None:
        found = only(extract(text, published=TUESDAY), Tariff)
        assert all(t.imposer not in ("MX", "CA") for t in found)


class TestAnAsideAfterAList:
    def test_a_move_that_rattled_markets_is_no_goods(self) -> None:
        found = only(
            extract(
                "China's commerce ministry on Thursday extended its licensing regime to five more rare-earth "
                "elements, including holmium and europium, a move that rattled markets.",
                published=date(2025, 10, 10),
            ),
            ExportControl,
        )
        assert sorted(c.item.name for c in found if c.item) == ["europium", "holmium"]


class TestDatesWrittenAnotherWay:
    def test_a_weekday_without_on_is_the_day(self) -> None:
        (control,) = only(
            extract(
                "China banned exports of gallium Tuesday, the ministry said Wednesday.", published=TUESDAY
            ),
            ExportControl,
        )
        assert days(control.effective) == ("2024-12-03", "2024-12-03")
        assert control.effective is not None and control.effective.text.endswith("Tuesday")
        assert "on Tuesday" not in control.effective.text
        assert (
            control.evidence.sentence
            == "China banned exports of gallium Tuesday, the ministry said Wednesday."
        )

    def test_last_friday_and_black_friday_are_left_as_written(self) -> None:
        from tradewatch.extract._text import rewritten

        assert (
            rewritten("Sales last Friday beat Black Friday, and talks on Monday and Tuesday went on.") is None
        )

    def test_a_day_before_its_month_is_read(self) -> None:
        (duty,) = only(
            extract("The EU will suspend its 25% tariffs on U.S. whiskey from 1 January.", published=TUESDAY),
            Tariff,
        )
        assert days(duty.effective) == ("2025-01-01", "2025-01-01")
        assert duty.effective is not None and duty.effective.text.endswith("1 January")

    def test_a_day_before_its_month_with_its_year(self) -> None:
        from tradewatch.extract._text import rewritten

        read = rewritten("Talks resume on 3 December 2024 in Geneva.")
        assert read is not None and read.text == "Talks resume on December 3, 2024 in Geneva."
        assert read.original(len(read.text)) == len("Talks resume on 3 December 2024 in Geneva.")

    def test_a_day_after_on_is_no_goods(self) -> None:
        found = only(
            extract(
                "China urged Washington on Sunday to cancel its tariffs, after the US on Friday exempted "
                "Chinese-made smartphones from the steepest duties.",
                published=date(2025, 4, 13),
            ),
            Tariff,
        )
        assert all(t.product is None or "exempted" not in t.product.name for t in found)


class TestAListWithItsLastComma:
    @pytest.mark.parametrize("comma", [",", ""])
    def test_every_item_of_a_subject_is_exempt(self, comma: str) -> None:
        found = only(
            extract(
                f"The US imposed a 50% tariff on Brazilian goods. Civil aircraft, orange juice{comma} and energy "
                "products are exempt.",
                published=date(2025, 7, 31),
            ),
            Tariff,
        )
        exempt = sorted(t.product.name for t in found if t.status == "exempted" and t.product)
        assert exempt == ["civil aircraft", "energy products", "orange juice"]

    def test_a_statement_joined_after_a_comma_has_its_own_subject(self) -> None:
        found = only(
            extract(
                "The US imposed a 50% tariff on Brazilian goods. Goods already in transit are spared, and "
                "pharmaceuticals and smartphones remain exempt.",
                published=date(2025, 7, 31),
            ),
            Tariff,
        )
        exempt = sorted(t.product.name for t in found if t.status == "exempted" and t.product)
        assert exempt == ["pharmaceuticals", "smartphones"]


# Statements generated from parts, each with the reading it must give: who acts, on whom, on what goods, at
# what rate, in which status and from which day, whatever the subject's name, the place of the day, the length
# of the list of goods and what follows the statement.
_SUBJECTS = {
    "US": ["The United States", "Washington", "The Biden administration"],
    "CN": ["China", "Beijing", "China's commerce ministry"],
    "IN": ["India", "New Delhi"],
    "CA": ["Canada", "Ottawa"],
    "TH": ["Thailand"],
}
_OF = {"US": ["U.S.", "American"], "CN": ["Chinese"]}
_CHANGES = [
    ("imposed a 25% tariff on {goods}", "in_force", 25, None),
    ("raised its tariff on {goods} to 50% from 25%", "raised", 50, 25),
    ("cut its tariff on {goods} to 10% from 25%", "lowered", 10, 25),
    ("scrapped its 25% tariff on {goods}", "lifted", 25, None),
    ("lifted its 25% tariff on {goods}", "lifted", 25, None),
    ("halved its tariff on {goods} to 10%", "lowered", 10, None),
]
_TAILS = ["", ", the ministry said", ", in retaliation for new U.S. curbs", ", a move that rattled markets"]


def _generated() -> list[tuple[str, tuple[str, str, str, int, int | None], list[str]]]:
    cases = []
    for imposer, target in [("US", "CN"), ("CN", "US"), ("IN", "US"), ("CA", "CN"), ("TH", "US")]:
        for s, subject in enumerate(_SUBJECTS[imposer]):
            for c, (verb, status, rate, previous) in enumerate(_CHANGES):
                goods = [["steel"], ["steel", "aluminium"], ["soybeans", "pork", "beef"]][(s + c) % 3]
                listed = goods[0] if len(goods) == 1 else ", ".join(goods[:-1]) + " and " + goods[-1]
                phrase = verb.format(goods=f"{_OF[target][c % len(_OF[target])]} {listed}")
                tail = _TAILS[(s + 2 * c) % len(_TAILS)]
                for text in (
                    f"{subject} on Tuesday {phrase}{tail}.",
                    f"{subject} {phrase} on Tuesday{tail}.",
                ):
                    cases.append((text, (imposer, target, status, rate, previous), goods))
    return cases


@pytest.mark.parametrize(("text", "reading", "goods"), _generated())
def test_a_generated_statement_is_read(
    text: str, reading: tuple[str, str, str, int, int | None], goods: list[str]
) -> None:
    found = only(extract(text, published=TUESDAY), Tariff)
    assert sorted(t.product.name for t in found if t.product) == sorted(goods), text
    for duty in found:
        assert (
            duty.imposer,
            duty.target,
            duty.status,
            _pct(duty.rate),
            _pct(duty.previous_rate),
        ) == reading, text
        assert days(duty.effective) == ("2024-12-03", "2024-12-03"), text


class TestTheTruceAgreedForSomeDays:
    def test_a_90_day_truce_runs_90_days_from_the_day_it_was_agreed(self) -> None:
        (truce,) = only(
            extract(
                "Donald Trump and Xi Jinping agreed over dinner in Buenos Aires on Saturday to a 90-day truce in "
                "their trade war.",
                published=date(2018, 12, 2),
            ),
            Truce,
        )
        assert days(truce.until) == ("2019-03-01", "2019-03-01")

    def test_a_named_start_elsewhere_outranks_the_length(self) -> None:
        (truce,) = only(
            extract(
                "The United States and China agreed on Monday to a 90-day truce in their trade war. The two "
                "countries said they would roll back most of their tariffs in a truce lasting 90 days from May 14.",
                published=date(2025, 5, 12),
            ),
            Truce,
        )
        assert days(truce.until) == ("2025-08-12", "2025-08-12")

    def test_a_country_ending_in_an_extends_its_truce(self) -> None:
        (truce,) = only(
            extract("Washington and Japan extended their tariff truce until Feb. 10.", published=TUESDAY),
            Truce,
        )
        assert truce.status == "extended"


class TestTheRateBeforeSaidAnotherWay:
    @pytest.mark.parametrize(
        "text",
        [
            "India will cut its tariff on European cars, now as high as 110%, to 10%.",
            "India will cut its tariff on European cars to 10% from roughly 110% now.",
        ],
    )
    def test_the_rate_now_is_the_previous_one(self, text: str) -> None:
        (duty,) = only(extract(text, published=TUESDAY), Tariff)
        assert (duty.status, _pct(duty.rate), _pct(duty.previous_rate)) == ("lowered", 10, 110)


class TestReadingsOfThisRoundKeptInBounds:
    """Over-reaches a second reader found in the readings above, each kept out."""

    def test_a_threats_measure_quotes_the_text_as_written(self) -> None:
        text = "Trump threatened Sunday to impose a 200 per cent tariff on French wine and champagne."
        (threat,) = only(extract(text, published=date(2025, 4, 9)), Threat)
        assert threat.measure is not None
        for evidence in (threat.evidence, threat.measure.evidence):
            assert evidence.sentence == text[evidence.start : evidence.end] == text

    @pytest.mark.parametrize(
        "text",
        [
            "Canada rejected the 35% tariff on Friday and vowed to retaliate.",
            "China condemned the 104% tariffs on Wednesday and vowed to take countermeasures.",
            "India called the additional 25% tariff unfair and vowed to protect its national interests.",
            "Ottawa welcomed the removal of the 25% tariff on energy and vowed to keep pressing for more.",
        ],
    )
    def test_a_reaction_before_a_vow_is_no_measure_of_the_one_reacting(self, text: str) -> None:
        found = extract(text, published=date(2025, 4, 9))
        assert not [t for t in only(found, Tariff) if t.imposer in ("CA", "CN", "IN")]

    def test_a_threat_of_the_duty_just_named_keeps_it(self) -> None:
        found = extract(
            "Trump imposed 25% tariffs on Canada and Mexico on Tuesday, and threatened to raise them to 50% if the "
            "two countries retaliated.",
            published=date(2025, 3, 4),
        )
        threats = only(found, Threat)
        assert sorted(t.target for t in threats) == ["CA", "MX"]
        assert all(isinstance(t.measure, Tariff) and _pct(t.measure.rate) == 50 for t in threats)
        assert sorted(t.target for t in only(found, Tariff)) == ["CA", "MX"]

    @pytest.mark.parametrize(
        "text",
        [
            "Beijing hit back with a 34% tariff on all U.S. goods and vowed further action.",
            "China retaliated with 34% tariffs on U.S. goods and vowed to fight to the end.",
        ],
    )
    def test_a_reply_that_is_itself_a_threat_word_is_a_duty_taken(self, text: str) -> None:
        found = extract(text, published=TUESDAY)
        (duty,) = only(found, Tariff)
        assert (duty.imposer, duty.target, _pct(duty.rate), duty.product) == ("CN", "US", 34, None)
        (threat,) = only(found, Threat)
        assert threat.measure is None

    @pytest.mark.parametrize(
        ("text", "published", "until"),
        [
            ("Washington and Beijing agreed in Geneva in May to a 90-day truce.", date(2025, 7, 20), None),
            ("Washington and Beijing agreed to a 90-day truce on May 12.", date(2025, 5, 20), "2025-08-10"),
        ],
    )
    def test_a_90_day_truce_counts_from_its_own_day_only(
        self, text: str, published: date, until: str | None
    ) -> None:
        (truce,) = only(extract(text, published=published), Truce)
        assert (days(truce.until)[1] if truce.until else None) == until

    @pytest.mark.parametrize(
        "second",
        [
            "Coffee, beef and sugar face the full rate, and orange juice is exempt.",
            "Markets slumped, the dollar fell, and orange juice is exempt.",
        ],
    )
    def test_statements_before_the_last_comma_are_no_list(self, second: str) -> None:
        found = only(
            extract("The US imposed a 50% tariff on Brazilian goods. " + second, published=date(2025, 7, 31)),
            Tariff,
        )
        assert [t.product.name for t in found if t.status == "exempted" and t.product] == ["orange juice"]

    @pytest.mark.parametrize(
        "text",
        [
            "Russia imposes export tax on wheat, barley and corn.",
            "Argentina raises export taxes on wheat, barley and corn.",
        ],
    )
    def test_a_present_tense_verb_keeps_its_whole_list(self, text: str) -> None:
        found = only(extract(text, published=TUESDAY), Tariff)
        assert sorted(t.product.name for t in found if t.product) == ["barley", "corn", "wheat"]

    def test_due_tuesday_names_no_goods(self) -> None:
        found = only(
            extract(
                "The EU's tariffs on U.S. motorcycles and bourbon, due Tuesday, were delayed.",
                published=TUESDAY,
            ),
            Tariff,
        )
        assert sorted(t.product.name for t in found if t.product) == ["bourbon", "motorcycles"]

    @pytest.mark.parametrize(
        "text",
        [
            "President Donald Trump cut off trade talks with Ottawa in October, and Canadian goods have paid a "
            "35% U.S. tariff since Aug. 1.",
            "Exporters cut shipments on Friday ahead of the 50% U.S. tariff.",
        ],
    )
    def test_a_cut_of_no_duty_dates_none(self, text: str) -> None:
        for duty in only(extract(text, published=date(2025, 11, 28)), Tariff):
            assert duty.effective is None or duty.effective.text not in ("in October", "on Friday")

    def test_a_country_inside_an_aside_is_no_destination(self) -> None:
        (control,) = only(
            extract(
                "The Netherlands restricted exports of chip tools, a blow to China, to comply with U.S. rules.",
                published=TUESDAY,
            ),
            ExportControl,
        )
        assert control.target == "*"


class TestHeadlineWords:
    @pytest.mark.parametrize(
        "text",
        ["Mexico eyes tariffs of up to 50% on Chinese cars", "The EU is eyeing duties on Chinese steel."],
    )
    def test_a_measure_eyed_is_proposed(self, text: str) -> None:
        found = only(extract(text, published=TUESDAY), Tariff)
        assert found and all(t.status == "proposed" for t in found)

    def test_eyeing_a_reply_leaves_the_other_sides_duty_as_it_is(self) -> None:
        found = only(extract("Canada eyes retaliation as U.S. tariffs bite", published=TUESDAY), Tariff)
        assert all(t.status != "proposed" for t in found if t.imposer == "US")


class TestWhoIsHitWithAControl:
    def test_the_side_hit_is_the_destination_and_the_day_is_the_acts(self) -> None:
        (control,) = only(
            extract(
                "The United States hit China with new export curbs on advanced chips on Tuesday.",
                published=TUESDAY,
            ),
            ExportControl,
        )
        assert control.target == "CN" and days(control.effective) == ("2024-12-03", "2024-12-03")

    def test_hitting_back_is_no_one_hit(self) -> None:
        found = only(
            extract("Washington hit back at Beijing's export ban on gallium.", published=TUESDAY),
            ExportControl,
        )
        assert all(c.target != "US" for c in found)


class TestADutyEffectiveImmediately:
    def test_it_applies_from_the_storys_day(self) -> None:
        (duty,) = only(
            extract("Canada imposed 25% tariffs on U.S. goods, effective immediately.", published=TUESDAY),
            Tariff,
        )
        assert duty.status == "in_force" and days(duty.effective) == ("2024-12-03", "2024-12-03")


class TestWhoseCompaniesAreListed:
    @pytest.mark.parametrize("said", ["most of them Chinese", "most of them based in China"])
    def test_companies_said_to_be_mostly_of_a_country_are_its(self, said: str) -> None:
        (listing,) = only(
            extract(
                f"The Commerce Department added 80 companies, {said}, to its Entity List on Tuesday.",
                published=TUESDAY,
            ),
            ExportControl,
        )
        assert (listing.control, listing.target) == ("entity_list", "CN")


class TestThreatsAndRepliesSaidAnotherWay:
    def test_a_reply_promised_with_adverbs_is_a_threat_of_no_measure(self) -> None:
        found = extract(
            "The EU said it would respond firmly and proportionately to the new U.S. tariffs.",
            published=TUESDAY,
        )
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.kind, threat.measure) == ("EU", "other", None)

    def test_a_ceasefire_in_the_condition_is_no_truce(self) -> None:
        found = extract(
            "Trump said he would hit Russia with secondary tariffs of up to 100% if no ceasefire deal is reached "
            "within 50 days.",
            published=date(2025, 7, 15),
        )
        assert not only(found, Truce)
        (threat,) = only(found, Threat)
        assert threat.actor == "US"

    def test_who_would_be_hit_makes_no_threat(self) -> None:
        found = extract(
            "The President said he would hit Russia with secondary tariffs of up to 100% if no ceasefire deal is "
            "reached within 50 days.",
            published=date(2025, 7, 15),
        )
        assert all(t.actor != "RU" for t in only(found, Threat))

    @pytest.mark.parametrize(
        "text",
        [
            "Trump raised the prospect of tariffs of up to 250% on pharmaceutical imports.",
            "Trump told reporters he would probably put tariffs on EU goods soon.",
        ],
    )
    def test_a_duty_only_put_forward_is_proposed(self, text: str) -> None:
        found = only(extract(text, published=TUESDAY), Tariff)
        assert found and all(t.status == "proposed" for t in found)
        assert all(t.product is None or "soon" not in t.product.name for t in found)


class TestWhenATruceWasExtended:
    def test_the_month_it_was_extended_is_not_its_end(self) -> None:
        (truce,) = only(
            extract(
                "The tariff truce between Washington and Beijing was extended in August.",
                published=date(2025, 9, 12),
            ),
            Truce,
        )
        assert truce.status == "extended" and truce.until is None

    def test_a_new_end_after_the_month_is_its_end(self) -> None:
        (truce,) = only(
            extract(
                "Washington and Beijing extended their truce in August until Nov. 10.",
                published=date(2025, 9, 12),
            ),
            Truce,
        )
        assert days(truce.until) == ("2025-11-10", "2025-11-10")


class TestReadingsOfThisRoundKeptInBoundsAgain:
    """Over-reaches a second review found in the readings after the first review, each kept out."""

    def test_who_warns_is_no_duty_referred_back_to(self) -> None:
        found = extract(
            "The United States raised tariffs on Chinese goods to 145% on Wednesday, and warned it would respond to "
            "any retaliation.",
            published=date(2025, 4, 9),
        )
        (threat,) = only(found, Threat)
        assert threat.measure is None
        assert len(only(found, Tariff)) == 1

    def test_a_duty_that_could_go_higher_is_threatened_at_no_rate_of_its_own(self) -> None:
        found = extract(
            "Mexico raised tariffs on Chinese cars to 50% on Tuesday, and warned they could go higher.",
            published=date(2025, 4, 9),
        )
        (threat,) = only(found, Threat)
        assert isinstance(threat.measure, Tariff) and threat.measure.rate is None
        (duty,) = only(found, Tariff)
        assert (duty.status, _pct(duty.rate)) == ("raised", 50)

    @pytest.mark.parametrize(
        "text",
        [
            "China increased its tariffs on U.S. goods to 125% on Friday, and warned it would ignore any further "
            "U.S. hikes.",
            "Beijing responded with 84% tariffs on U.S. goods on Wednesday, and vowed to fight to the end.",
            "Trump raised so-called reciprocal tariffs on Chinese goods to 125% on Wednesday, and threatened further "
            "action if Beijing retaliated.",
            "Brazil raised tariffs on U.S. ethanol to 18% by decree on Tuesday, and warned of a 30% duty on U.S. "
            "wheat.",
        ],
    )
    def test_a_measure_taken_before_a_threat_keeps_its_event(self, text: str) -> None:
        found = extract(text, published=date(2025, 4, 9))
        assert only(found, Tariff) and only(found, Threat)
        assert all(t.status != "proposed" for t in only(found, Tariff))

    def test_effective_immediately_dates_only_the_duty_before_it(self) -> None:
        found = only(
            extract(
                "China halted exports of rare earths to the U.S. effective immediately after Washington imposed 54% "
                "tariffs on Chinese goods.",
                published=date(2025, 4, 9),
            ),
            Tariff,
        )
        assert all(t.effective is None for t in found)

    @pytest.mark.parametrize(
        "text",
        [
            "China on Monday cut retaliatory tariffs on U.S. goods to 10% from 125%.",
            "India on Tuesday cut its import tax on gold to 6%.",
        ],
    )
    def test_a_cut_far_from_its_duty_is_dated(self, text: str) -> None:
        (duty,) = only(extract(text, published=date(2025, 4, 9)), Tariff)
        assert duty.status == "lowered" and duty.effective is not None

    @pytest.mark.parametrize(
        "text",
        [
            "Japan eyes tariff relief as 25% U.S. duties on cars take effect.",
            "Investors are eyeing the 145% U.S. tariffs on Chinese goods, which took effect on Wednesday.",
        ],
    )
    def test_duties_watched_are_not_proposed(self, text: str) -> None:
        found = only(extract(text, published=date(2025, 4, 9)), Tariff)
        assert found and all(t.status != "proposed" for t in found)

    def test_remaining_on_alert_is_no_goods(self) -> None:
        found = only(
            extract(
                "China raised tariffs on U.S. goods to 125% on Friday, with U.S. officials remaining on alert.",
                published=date(2025, 4, 9),
            ),
            Tariff,
        )
        assert all(t.product is None for t in found)

    def test_the_countries_a_control_hits_hardest_are_no_destinations(self) -> None:
        found = only(
            extract(
                "China's export controls on rare earths, announced on Friday, hit Japan and South Korea hardest.",
                published=date(2025, 4, 9),
            ),
            ExportControl,
        )
        assert {c.target for c in found} <= {"*"}

    @pytest.mark.parametrize(
        ("second", "exempt"),
        [
            ("Oil and gas, potash, and uranium are exempt.", ["gas", "oil", "potash", "uranium"]),
            (
                "Iron and steel, aircraft, and orange juice are exempt.",
                ["aircraft", "iron", "orange juice", "steel"],
            ),
        ],
    )
    def test_items_of_a_list_may_hold_and(self, second: str, exempt: list[str]) -> None:
        found = only(
            extract(
                "Trump imposed a 25% tariff on imports from Canada. " + second, published=date(2025, 3, 4)
            ),
            Tariff,
        )
        assert sorted(t.product.name for t in found if t.status == "exempted" and t.product) == exempt

    @pytest.mark.parametrize(
        "text",
        [
            "The U.S. and China agreed to a 90-day truce, and negotiators will meet again on June 5.",
            "The U.S. and China agreed to a 90-day truce, a month after Trump raised tariffs on Chinese goods to 145% "
            "on April 9.",
        ],
    )
    def test_a_day_of_another_statement_does_not_start_the_truce(self, text: str) -> None:
        (truce,) = only(extract(text, published=date(2025, 5, 14)), Truce)
        assert days(truce.until) == ("2025-08-12", "2025-08-12")


class TestWhoeverDoesIsNoOne:
    def test_deals_of_countries_that_strike_them_are_no_talks(self) -> None:
        found = extract(
            "Beijing threatened to retaliate against countries that strike deals with the United States at China's "
            "expense.",
            published=date(2025, 4, 21),
        )
        assert not only(found, Negotiation)

    def test_where_goods_are_produced_ends_them(self) -> None:
        (duty,) = only(
            extract(
                "The United States will impose a 100% tariff on movies produced abroad, Trump said.",
                published=TUESDAY,
            ),
            Tariff,
        )
        assert duty.product is not None and duty.product.name == "movies"


class TestReadingsOfThisRoundKeptInBoundsOnceMore:
    """Over-reaches a third review found in the readings after the second, each kept out."""

    @pytest.mark.parametrize(
        "text",
        [
            "It is unclear whether Beijing will respond to the tariffs.",
            "Asked whether Japan would respond to the tariffs, Ishiba said all options were on the table.",
            "Analysts expect Beijing will respond to the U.S. tariffs in the coming weeks.",
        ],
    )
    def test_a_reply_asked_about_or_forecast_is_no_threat(self, text: str) -> None:
        assert not only(extract(text, published=date(2025, 4, 9)), Threat)

    @pytest.mark.parametrize(
        "text",
        [
            "Canada imposed 25% tariffs on U.S. cars, effective immediately, in retaliation for U.S. auto tariffs.",
            "Effective immediately, the United States will impose a 25% tariff on all imports from Venezuela, Trump "
            "said.",
        ],
    )
    def test_effective_immediately_in_its_usual_wordings(self, text: str) -> None:
        found = only(extract(text, published=date(2025, 4, 9)), Tariff)
        assert any(t.effective is not None and t.effective.start == date(2025, 4, 9) for t in found)

    def test_a_rise_the_threat_refers_back_to_keeps_the_duty(self) -> None:
        found = extract(
            "Trump imposed a 10% tariff on Chinese goods on Tuesday and warned that it could rise further if Beijing "
            "retaliated.",
            published=date(2025, 4, 9),
        )
        (threat,) = only(found, Threat)
        assert isinstance(threat.measure, Tariff)

    @pytest.mark.parametrize(
        "text",
        [
            "The U.S. imposed 25% tariffs on steel imports on Wednesday, a move that raised the prospect of "
            "retaliation from the EU.",
            "China's exports to the U.S. probably fell in April after the 145% tariffs took effect.",
        ],
    )
    def test_a_hedge_of_something_else_leaves_the_duty(self, text: str) -> None:
        found = only(extract(text, published=date(2025, 4, 9)), Tariff)
        assert found and all(t.status == "in_force" for t in found)

    def test_a_truce_agreed_on_a_day_that_opens_the_sentence(self) -> None:
        (truce,) = only(
            extract(
                "On May 12, the United States and China agreed to a 90-day truce that cut tariffs on each other's "
                "goods.",
                published=date(2025, 6, 1),
            ),
            Truce,
        )
        assert days(truce.until) == ("2025-08-10", "2025-08-10")

    def test_one_of_the_countries_that_held_talks_held_them(self) -> None:
        (talks,) = only(
            extract(
                "India is among the countries that have held talks with the United States on a trade deal.",
                published=date(2025, 4, 9),
            ),
            Negotiation,
        )
        assert sorted(talks.parties) == ["IN", "US"]

    def test_a_truce_agreed_beside_a_condition_on_it_is_agreed(self) -> None:
        found = extract(
            "Trump, who agreed a 90-day tariff truce with Xi on Monday, warned that tariffs would return if the truce "
            "collapses.",
            published=date(2025, 4, 9),
        )
        assert [t.status for t in only(found, Truce)] == ["agreed"]

    @pytest.mark.parametrize(
        "text",
        [
            "Brazil's Lula said the 50% tariff was unacceptable blackmail and threatened to invoke the reciprocity "
            "law.",
            "Trump hit Canada hard with tariffs and then threatened more.",
        ],
    )
    def test_no_measure_is_split_off_a_statement_that_takes_none(self, text: str) -> None:
        found = extract(text, published=date(2025, 4, 9))
        assert all(
            t.imposer != "BR" and (t.product is None or t.product.name != "hard") for t in only(found, Tariff)
        )

    def test_the_duty_a_reply_answers_stays(self) -> None:
        found = extract(
            "The EU said on Wednesday it would respond firmly and proportionately to the new U.S. tariffs on steel "
            "and aluminum.",
            published=date(2025, 4, 9),
        )
        assert {t.product.name for t in only(found, Tariff) if t.product} == {"steel", "aluminum"}
        assert [t.kind for t in only(found, Threat)] == ["other"]


class TestRisesPausedByBothSides:
    def test_a_pause_of_both_sides_rises_is_a_truce_and_the_rises_are_suspended(self) -> None:
        found = extract(
            "Washington and Beijing agreed to pause their tariff hikes for 90 days.",
            published=date(2025, 9, 12),
        )
        (truce,) = only(found, Truce)
        assert (sorted(truce.parties), truce.status) == (["CN", "US"], "agreed")
        assert all(t.status == "suspended" for t in only(found, Tariff))


class TestADealInitialled:
    def test_a_deal_initialled_concludes_the_talks(self) -> None:
        (talks,) = only(
            extract(
                "Trade ministers from the EU and Indonesia initialled a comprehensive economic partnership agreement "
                "on Tuesday.",
                published=date(2025, 9, 12),
            ),
            Negotiation,
        )
        assert (sorted(talks.parties), talks.status) == (["EU", "ID"], "concluded")


class TestComparisonsAndStartsGoneBy:
    def test_a_part_of_a_month_since_which_a_duty_stood_is_past(self) -> None:
        from tradewatch.extract._dates import find_dates

        (since,) = find_dates("The rate had been in place since late August.", date(2025, 11, 14))
        assert (since.span.start, since.span.end) == (date(2025, 8, 21), date(2025, 8, 31))

    def test_the_steepest_on_any_partner_names_no_partner(self) -> None:
        from tradewatch.extract._rules import _all_partners

        assert not _all_partners("one of the steepest rates washington applied to any trading partner")
        assert _all_partners("a 10% tariff on all imports")


class TestFromTheSweep:
    def test_negotiators_who_met_held_talks(self) -> None:
        (talks,) = only(
            extract("U.S. and Chinese negotiators met in London on Tuesday.", published=date(2025, 6, 10)),
            Negotiation,
        )
        assert (sorted(talks.parties), talks.status) == (["CN", "US"], "held")

    def test_where_goods_are_made_leaves_a_day_to_come(self) -> None:
        (duty,) = only(
            extract(
                "The European Union will impose definitive countervailing duties of up to 35.3% on electric cars "
                "made in China from Wednesday, the Commission said.",
                published=date(2024, 10, 29),
            ),
            Tariff,
        )
        assert days(duty.effective) == ("2024-10-30", "2024-10-30")

    def test_a_measure_in_the_clause_of_time_is_the_one_answered(self) -> None:
        found = extract(
            "China's commerce ministry said on Wednesday it would take resolute measures to defend its rights, after "
            "Washington raised duties on Chinese electric vehicles.",
            published=date(2024, 5, 15),
        )
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.kind, threat.measure) == ("CN", "other", None)
        assert [(t.imposer, t.target) for t in only(found, Tariff)] == [("US", "CN")]


class TestWhatStatesNoMeasure:
    @pytest.mark.parametrize(
        "text",
        [
            "Economists at Goldman Sachs expect the effective U.S. tariff rate to settle around 15 percent by the "
            "end of the year.",
            "Could a second Trump term bring 60% tariffs on China?",
        ],
    )
    def test_a_statistic_or_a_question_states_no_duty(self, text: str) -> None:
        assert not only(extract(text, published=date(2025, 6, 2)), Tariff)

    def test_a_tariff_rate_raised_is_a_duty(self) -> None:
        (duty,) = only(
            extract("Trump raised the tariff rate on Chinese goods to 145%.", published=TUESDAY), Tariff
        )
        assert (duty.status, _pct(duty.rate)) == ("raised", 145)


class TestReadingsOfThisRoundKeptInBoundsAtLast:
    """Over-reaches a fourth review found in the last readings, each kept out."""

    @pytest.mark.parametrize(
        "text",
        [
            "Trump raised the prospect of a 25% tariff on European cars.",
            "Trump raised the prospect of imposing 200% tariffs on French wine.",
            "Trump is probably going to impose tariffs on EU goods, an aide said.",
        ],
    )
    def test_a_duty_put_forward_in_other_words_is_proposed(self, text: str) -> None:
        found = only(extract(text, published=date(2025, 4, 9)), Tariff)
        assert found and all(t.status == "proposed" for t in found)

    @pytest.mark.parametrize(
        "text",
        [
            "Trump imposes 50% tariffs on Brazil - what happens next?",
            '"We will impose 25% tariffs on Mexico, why not?" Trump said.',
        ],
    )
    def test_a_statement_that_ends_in_a_question_states_its_duty(self, text: str) -> None:
        assert only(extract(text, published=date(2025, 4, 9)), Tariff)

    @pytest.mark.parametrize(
        "text",
        [
            "Trump hit Brazil with 50% tariffs on Wednesday, and threatened further action.",
            "Trump signed an order raising tariffs on Canadian goods to 35%, and warned of more to come.",
        ],
    )
    def test_a_measure_hit_with_or_signed_keeps_its_event(self, text: str) -> None:
        found = extract(text, published=date(2025, 4, 9))
        assert only(found, Tariff) and all(t.status != "proposed" for t in only(found, Tariff))
        assert all(t.measure is None for t in only(found, Threat))

    def test_a_measure_promised_after_a_clause_of_time_is_promised(self) -> None:
        (threat,) = only(
            extract(
                "China will retaliate, after the U.S. doubled its tariffs, with 34% tariffs on all U.S. goods, the "
                "commerce ministry said.",
                published=date(2025, 4, 9),
            ),
            Threat,
        )
        assert isinstance(threat.measure, Tariff) and _pct(threat.measure.rate) == 34

    @pytest.mark.parametrize(
        "text",
        [
            "Zelenskiy met Trump at the White House on Friday to discuss negotiations on Ukraine.",
            "Rubio met Lavrov in Riyadh on Tuesday as negotiators pressed for a Ukraine ceasefire.",
        ],
    )
    def test_meetings_about_a_war_are_no_trade_talks(self, text: str) -> None:
        assert not only(extract(text, published=date(2025, 4, 9)), Negotiation)

    def test_an_opening_effective_immediately_does_not_date_the_cause(self) -> None:
        found = only(
            extract(
                "Effective immediately, Beijing halted exports of rare earths to the United States, after Washington "
                "imposed 54% tariffs.",
                published=date(2025, 4, 9),
            ),
            Tariff,
        )
        assert all(t.effective is None for t in found)

    def test_a_superlative_about_a_country_leaves_all_imports(self) -> None:
        (duty,) = only(
            extract(
                "The United States, Mexico's biggest trading partner, imposed a 10% tariff on all imports on "
                "Saturday.",
                published=date(2025, 4, 9),
            ),
            Tariff,
        )
        assert duty.target == "*"

    def test_including_countries_that_strike_deals_names_none(self) -> None:
        found = extract(
            "Beijing warned it would retaliate against any party, including countries that strike deals with the "
            "United States at China's expense.",
            published=date(2025, 4, 9),
        )
        assert not only(found, Negotiation)

    def test_doubling_down_is_no_duty_doubled(self) -> None:
        found = extract(
            "Canada imposed 25% tariffs on U.S. goods, and warned it would double down if Washington escalated.",
            published=date(2025, 4, 9),
        )
        assert all(t.measure is None for t in only(found, Threat))

    def test_how_hard_a_side_is_hit_is_no_goods(self) -> None:
        found = only(
            extract("Trump hit Canada hard with tariffs and then threatened more.", published=TUESDAY), Tariff
        )
        assert all(t.product is None for t in found)


class TestACallWithALeaderByName:
    def test_a_call_with_a_leader_named_alone_is_talks(self) -> None:
        found = extract(
            "Prime Minister Justin Trudeau said on Monday after a call with Trump that the planned 25% tariffs on "
            "Canadian goods would be paused for at least 30 days.",
            published=date(2025, 2, 3),
        )
        (talks,) = only(found, Negotiation)
        assert (sorted(talks.parties), talks.status) == (["CA", "US"], "held")
        (pause,) = only(found, Tariff)
        assert (pause.imposer, pause.target, pause.status) == ("US", "CA", "suspended")


class TestATruceOfSomeWeeks:
    def test_a_two_week_truce_runs_two_weeks_from_the_day_agreed(self) -> None:
        (truce,) = only(
            extract(
                "Washington and Beijing agreed on Monday to a two-week truce.", published=date(2025, 5, 12)
            ),
            Truce,
        )
        assert days(truce.until) == ("2025-05-26", "2025-05-26")

    def test_a_named_end_elsewhere_outranks_a_length_of_weeks(self) -> None:
        (truce,) = only(
            extract(
                "Washington and Beijing agreed on Monday to a two-week truce. The truce runs until May 30.",
                published=date(2025, 5, 12),
            ),
            Truce,
        )
        assert days(truce.until) == ("2025-05-30", "2025-05-30")


class TestWhenAMeasureAppliesImmediately:
    def test_when_it_applies_may_stand_between_a_ban_and_its_goods(self) -> None:
        (ban,) = only(
            extract(
                "China announced a ban, effective immediately, on exports of gallium to the United States.",
                published=date(2025, 11, 14),
            ),
            ExportControl,
        )
        assert (ban.imposer, ban.target, ban.item and ban.item.name, ban.status) == (
            "CN",
            "US",
            "gallium",
            "imposed",
        )

    def test_a_ban_starting_next_month_is_dated_next_month(self) -> None:
        (ban,) = only(
            extract(
                "Indonesia announced a temporary ban, starting next month, on exports of bauxite.",
                published=date(2025, 11, 14),
            ),
            ExportControl,
        )
        assert (ban.imposer, days(ban.effective)) == ("ID", ("2025-12-01", "2025-12-31"))

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            (
                "China's Ministry of Commerce announced on Tuesday a ban, effective immediately, on exports of "
                "dual-use items to Japanese military end users.",
                ExportControl,
            ),
            (
                "Canada imposed 25% tariffs on U.S. steel, effective immediately, officials said on Tuesday.",
                Tariff,
            ),
        ],
    )
    def test_immediately_is_the_day_it_was_said(self, text: str, kind: type[Any]) -> None:
        (measure,) = only(extract(text, published=date(2025, 11, 14)), kind)
        assert days(measure.effective) == ("2025-11-11", "2025-11-11")

    def test_without_a_day_named_immediately_is_the_story_s_day(self) -> None:
        (ban,) = only(
            extract(
                "China announced a ban, effective immediately, on exports of gallium to the United States.",
                published=date(2025, 11, 14),
            ),
            ExportControl,
        )
        assert days(ban.effective) == ("2025-11-14", "2025-11-14")


class TestExemptedFromADutyOfSomeone:
    @pytest.mark.parametrize(
        "owner",
        [
            "the US tariffs",
            "US tariffs",
            "the American tariffs",
            "Washington's tariffs",
            "the U.S. reciprocal tariffs",
        ],
    )
    def test_the_owner_of_the_duty_is_its_imposer_not_one_exempted(self, owner: str) -> None:
        found = only(
            extract(f"Beef and coffee were exempted from {owner} on Friday.", published=date(2025, 11, 14)),
            Tariff,
        )
        assert sorted((t.imposer, t.target, t.product and t.product.name, t.status) for t in found) == [
            ("US", "*", "beef", "exempted"),
            ("US", "*", "coffee", "exempted"),
        ]

    def test_countries_exempted_from_a_duty_of_someone_are_its_targets(self) -> None:
        found = only(
            extract("Canada and Mexico were exempted from the US tariffs.", published=date(2025, 11, 14)),
            Tariff,
        )
        assert sorted((t.imposer, t.target, t.status) for t in found) == [
            ("US", "CA", "exempted"),
            ("US", "MX", "exempted"),
        ]


class TestTalksStoppedAsSaid:
    @pytest.mark.parametrize(
        "text",
        [
            "President Trump said late Thursday he was terminating all trade negotiations with Canada, citing a "
            "television advertisement sponsored by the Ontario government.",
            "Trump said Thursday that he was ending trade talks with Canada.",
        ],
    )
    def test_talks_said_to_be_stopped_are_dated_by_the_saying(self, text: str) -> None:
        (talks,) = only(extract(text, published=date(2025, 11, 14)), Negotiation)
        assert (talks.status, days(talks.when)) == ("suspended", ("2025-11-13", "2025-11-13"))

    def test_talks_to_be_stopped_later_are_not_dated_by_the_saying(self) -> None:
        found = only(
            extract(
                "Trump said on Monday he would end trade talks with Canada.", published=date(2025, 11, 14)
            ),
            Negotiation,
        )
        assert all(t.when is None for t in found)


class TestAConditionBeforeItsThreat:
    @pytest.mark.parametrize(
        ("text", "kind", "rate"),
        [
            (
                "Unless Ottawa scraps its digital services tax by June 30, the United States will impose a 25% "
                "tariff on Canadian lumber, U.S. officials said.",
                "tariff",
                25,
            ),
            (
                "Unless a deal is reached by Dec. 15, China said it would reimpose its 34% tariff on U.S. goods.",
                "tariff",
                34,
            ),
            (
                "Unless Beijing resumes soybean purchases, Washington will ban exports of chip design software to "
                "China.",
                "export_control",
                None,
            ),
        ],
    )
    def test_unless_before_the_measure_makes_it_a_threat(
        self, text: str, kind: str, rate: int | None
    ) -> None:
        found = extract(text, published=date(2025, 6, 20))
        (threat,) = only(found, Threat)
        assert threat.measure is not None
        assert serial.to_dict(threat.measure)["type"] == kind
        assert _pct(getattr(threat.measure, "rate", None)) == rate
        assert not only(found, Tariff) and not only(found, ExportControl)


class TestRoundsAndMeetingsToCome:
    def test_the_final_round_wrapped_up_concludes_the_talks(self) -> None:
        (talks,) = only(
            extract(
                "Britain and Switzerland wrapped up the final round of talks on a new trade deal in Bern on "
                "Thursday.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert talks.status == "concluded"

    def test_another_round_wrapped_up_is_talks_held(self) -> None:
        (talks,) = only(
            extract(
                "Britain and Switzerland wrapped up the fourth round of talks in Bern on Thursday.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert talks.status == "held"

    def test_talks_agreed_on_for_a_month_are_that_month_to_come(self) -> None:
        (talks,) = only(
            extract(
                "The EU and China agreed on Friday to hold talks on electric vehicle prices in Beijing in January.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert (talks.status, days(talks.when)) == ("scheduled", ("2026-01-01", "2026-01-31"))

    def test_the_day_of_the_report_is_not_that_of_talks_to_come(self) -> None:
        (talks,) = only(
            extract(
                "Beijing and Washington agreed to hold further talks, with the next meeting expected in the coming "
                "weeks, officials said on Thursday.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert (talks.status, talks.when) == ("scheduled", None)


class TestDaysGoneBy:
    @pytest.mark.parametrize(
        "text",
        [
            "China has required licences for exports of gallium since April 4.",
            "The U.S. tariff on Chinese steel took effect on April 4.",
        ],
    )
    def test_a_day_gone_by_is_the_last_such_day_not_the_next(self, text: str) -> None:
        (measure,) = [e for e in extract(text, published=date(2025, 11, 14)) if not isinstance(e, Threat)]
        dated = getattr(measure, "effective", None)
        assert dated is not None and dated.start == date(2025, 4, 4)

    @pytest.mark.parametrize(
        "text",
        [
            "China last week restricted exports of tungsten to the United States.",
            "China restricted exports of tungsten to the United States last week.",
        ],
    )
    def test_a_measure_taken_last_week_is_dated_by_that_week(self, text: str) -> None:
        (control,) = only(extract(text, published=date(2025, 2, 10)), ExportControl)
        assert days(control.effective) == ("2025-02-03", "2025-02-09")

    def test_a_measure_said_last_week_to_come_is_not_dated_by_that_week(self) -> None:
        found = only(
            extract(
                "China said last week it would raise its tariff on U.S. soybeans to 25%.",
                published=date(2025, 2, 10),
            ),
            Tariff,
        )
        assert all(t.effective is None for t in found)

    def test_earlier_this_week_ends_the_goods(self) -> None:
        (control,) = only(
            extract("India lifted its ban on onion exports earlier this week.", published=date(2025, 2, 10)),
            ExportControl,
        )
        assert control.item is not None and control.item.name == "onion"


class TestTheHourOfADay:
    @pytest.mark.parametrize(
        "hour",
        ["at midnight", "at 12:01 a.m.", "at 12:01 a.m. EDT", "at 00:01 GMT", "at just after midnight"],
    )
    def test_the_hour_before_a_day_leaves_the_day_to_its_verb(self, hour: str) -> None:
        text = f"The U.S. will raise its tariff on Chinese goods to 50% {hour} on Aug. 1."
        (duty,) = only(extract(text, published=date(2025, 7, 20)), Tariff)
        assert days(duty.effective) == ("2025-08-01", "2025-08-01")
        assert duty.evidence.sentence == text

    def test_a_truce_let_lapse_at_midnight_expired(self) -> None:
        (truce,) = only(
            extract(
                "Washington and Ottawa let their tariff truce lapse at midnight on Saturday.",
                published=date(2025, 11, 14),
            ),
            Truce,
        )
        assert truce.status == "expired"

    def test_the_hour_is_mapped_back_to_the_text_as_written(self) -> None:
        from tradewatch.extract._text import rewritten

        text = "The truce will expire at midnight on Aug. 1, officials said."
        read = rewritten(text)
        assert read is not None and read.text == "The truce will expire on Aug. 1, officials said."
        assert read.original(len(read.text)) == len(text)
        assert text[read.original(read.text.index("on Aug")) :].startswith("on Aug")


class TestDutiesSaidAnotherWay:
    def test_goods_that_no_longer_face_a_duty_are_relieved_of_it(self) -> None:
        (duty,) = only(
            extract(
                "Canadian steel will no longer face the 25% U.S. tariff from Monday.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert (duty.imposer, duty.target, duty.status, _pct(duty.rate)) == ("US", "CA", "lifted", 25)

    @pytest.mark.parametrize(
        "text",
        [
            "The U.S. tariff of 25% on Japanese cars was cut to 15%.",
            "U.S. tariffs of 25% on Japanese cars were lowered to 15% under an order signed by Trump.",
        ],
    )
    def test_the_rate_after_the_duty_is_its_own_before_the_change(self, text: str) -> None:
        (duty,) = only(extract(text, published=date(2025, 11, 14)), Tariff)
        assert (duty.status, _pct(duty.rate), _pct(duty.previous_rate)) == ("lowered", 15, 25)

    @pytest.mark.parametrize(
        "text",
        [
            "Imports of Chinese electric vehicles into Mexico face a 50% duty.",
            "Chinese electric vehicles entering Mexico face a 50% duty.",
        ],
    )
    def test_where_the_goods_go_levies_the_duty_and_faces_none(self, text: str) -> None:
        found = only(extract(text, published=date(2025, 11, 14)), Tariff)
        assert [(t.imposer, t.target, t.product and t.product.name, _pct(t.rate)) for t in found] == [
            ("MX", "CN", "electric vehicles", 50)
        ]


class TestWhatAConditionHoldsAndMarketsHopeFor:
    @pytest.mark.parametrize(
        "text",
        [
            "Brussels would retaliate with tariffs on U.S. tech services unless Washington lowers its 50% steel "
            "tariff.",
            "China warned it would retaliate with tariffs on U.S. soybeans if Washington raises its tariff on "
            "Chinese steel to 45%.",
        ],
    )
    def test_the_rate_of_the_condition_is_not_the_threat_s(self, text: str) -> None:
        (threat,) = only(extract(text, published=date(2025, 11, 14)), Threat)
        assert threat.measure is not None and getattr(threat.measure, "rate", None) is None

    @pytest.mark.parametrize(
        "text",
        [
            "Soybean futures rose 2% in Chicago on hopes that China would cut its tariffs on U.S. farm goods.",
            "Shares fell on fears that Washington would raise tariffs on Chinese chips.",
        ],
    )
    def test_a_market_s_hope_or_fear_states_no_measure(self, text: str) -> None:
        assert extract(text, published=date(2025, 11, 14)) == []

    def test_a_measure_taken_amid_hopes_is_still_news(self) -> None:
        (duty,) = only(
            extract(
                "China cut its tariffs on U.S. farm goods on Monday amid hopes of a deal.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert (duty.imposer, duty.status) == ("CN", "lowered")


class TestThePromiseBeforeItsCondition:
    def test_the_target_is_named_by_the_promise_not_the_condition(self) -> None:
        (threat,) = only(
            extract(
                "Trump said he would impose a 25% tariff on India unless it stops buying oil from Russia.",
                published=date(2025, 11, 14),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("US", "IN")

    def test_a_decision_is_no_goods(self) -> None:
        found = only(
            extract(
                "Turkey doubled tariffs on some U.S. imports including cars on Wednesday, retaliating against "
                "Washington's decision last week to raise duties on Turkish steel.",
                published=date(2018, 8, 15),
            ),
            Tariff,
        )
        assert all(t.product is None or t.product.name != "decision" for t in found)


class TestTwoChangesInOneSentence:
    def test_each_change_keeps_its_rate_before(self) -> None:
        found = only(
            extract(
                "U.S. tariffs on Chinese goods will fall to 30% from 145% and Chinese duties on U.S. goods will "
                "drop to 10% from 125%.",
                published=date(2025, 5, 12),
            ),
            Tariff,
        )
        assert sorted((t.imposer, t.target, _pct(t.rate), _pct(t.previous_rate)) for t in found) == [
            ("CN", "US", 10, 125),
            ("US", "CN", 30, 145),
        ]


class TestADutyThatGoesOn:
    @pytest.mark.parametrize("verb", ["will continue to pay", "will still face", "continue to pay"])
    def test_goods_that_go_on_paying_a_duty_bear_it_now(self, verb: str) -> None:
        (duty,) = only(
            extract(f"Mexican goods {verb} a 25% U.S. tariff.", published=date(2025, 5, 12)),
            Tariff,
        )
        assert (duty.imposer, duty.target, duty.status) == ("US", "MX", "in_force")

    def test_goods_to_face_a_duty_from_a_day_to_come_bear_it_later(self) -> None:
        (duty,) = only(
            extract("Mexican goods will face a 25% U.S. tariff from Monday.", published=date(2025, 5, 12)),
            Tariff,
        )
        assert duty.status == "announced"


class TestADutyAnnouncedWithAWarning:
    def test_the_goods_of_whom_he_told_undergo_the_duty(self) -> None:
        (duty,) = only(
            extract(
                "Trump told Japan that he would impose 25% tariffs on its goods from Aug. 1.",
                published=date(2025, 7, 8),
            ),
            Tariff,
        )
        assert (duty.imposer, duty.target, _pct(duty.rate)) == ("US", "JP", 25)

    def test_a_duty_announced_then_a_warning_are_two_statements(self) -> None:
        found = extract(
            "Trump said he would impose 25% tariffs on Japanese goods from Aug. 1, and warned that any "
            "retaliation would be met with higher duties.",
            published=date(2025, 7, 8),
        )
        (duty,) = only(found, Tariff)
        assert (duty.imposer, duty.target, duty.status, _pct(duty.rate)) == ("US", "JP", "announced", 25)
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.target) == ("US", "JP")


class TestAThreatToStopExports:
    @pytest.mark.parametrize(
        "text",
        [
            "Thailand threatened to suspend rice exports to Indonesia should Jakarta delay payment.",
            "Thailand threatened to suspend rice shipments to Indonesia.",
            "Thailand threatened to halt rice shipments to Indonesia.",
        ],
    )
    def test_a_halt_of_exports_threatened_is_a_threat_not_a_control(self, text: str) -> None:
        found = extract(text, published=date(2025, 7, 8))
        (threat,) = only(found, Threat)
        assert (threat.actor, threat.target) == ("TH", "ID")
        assert isinstance(threat.measure, ExportControl)
        assert not only(found, ExportControl)

    def test_a_strike_that_threatens_to_halt_production_is_no_threat(self) -> None:
        assert (
            extract("The strike threatens to halt production at the plant.", published=date(2025, 7, 8)) == []
        )

    def test_failing_to_stop_shipments_of_chemicals_is_no_control(self) -> None:
        found = extract(
            "Trump said he would charge an extra 10% tariff on goods from China, accusing Beijing of failing to stop "
            "shipments of the chemicals used to make fentanyl.",
            published=date(2025, 2, 1),
        )
        assert not only(found, ExportControl)

    def test_the_kind_of_the_measure_is_not_that_of_its_condition(self) -> None:
        (threat,) = only(
            extract(
                "China said it would respond with export curbs on rare earths if the U.S. blacklists more Chinese "
                "firms.",
                published=date(2025, 7, 8),
            ),
            Threat,
        )
        assert isinstance(threat.measure, ExportControl) and threat.measure.control != "entity_list"


class TestDeadlinesAndRevokedLicences:
    @pytest.mark.parametrize(
        ("phrase", "day"),
        [("before the end of the week", "2025-11-16"), ("by the end of next week", "2025-11-23")],
    )
    def test_the_end_of_a_week_is_a_deadline(self, phrase: str, day: str) -> None:
        (threat,) = only(
            extract(
                f"Trump threatened a 30% tariff on Swiss goods unless Bern offers better terms {phrase}.",
                published=date(2025, 11, 14),
            ),
            Threat,
        )
        assert days(threat.deadline) == (day, day)

    def test_licences_revoked_tighten_a_control(self) -> None:
        (control,) = only(
            extract(
                "The Commerce Department revoked export licences that allowed Intel and Qualcomm to ship chips to "
                "Huawei.",
                published=date(2025, 11, 14),
            ),
            ExportControl,
        )
        assert (control.imposer, control.status) == ("US", "tightened")

    def test_a_ban_revoked_is_lifted(self) -> None:
        (control,) = only(
            extract(
                "China revoked its ban on gallium exports to the United States.", published=date(2025, 11, 14)
            ),
            ExportControl,
        )
        assert control.status == "lifted"


class TestWhatAPlanWouldDo:
    def test_a_plan_that_would_raise_duties_proposes_them(self) -> None:
        found = only(
            extract(
                "Mexico's plan would also increase duties on steel, textiles and toys from China.",
                published=date(2025, 10, 3),
            ),
            Tariff,
        )
        assert found and all((t.imposer, t.target, t.status) == ("MX", "CN", "proposed") for t in found)


class TestADutyOnWhoeverDoesSomething:
    @pytest.mark.parametrize(
        "text",
        [
            "The U.S. will impose a 25% tariff on any country buying Venezuelan oil.",
            "Trump imposed a 25% tariff on goods from any country that buys oil from Venezuela.",
        ],
    )
    def test_a_duty_on_any_country_that_does_is_on_all(self, text: str) -> None:
        (duty,) = only(extract(text, published=date(2025, 7, 8)), Tariff)
        assert (duty.imposer, duty.target, _pct(duty.rate)) == ("US", "*", 25)

    def test_a_duty_on_the_goods_of_a_country_is_on_it(self) -> None:
        (duty,) = only(
            extract("The U.S. will impose a 25% tariff on Venezuelan oil.", published=date(2025, 7, 8)),
            Tariff,
        )
        assert duty.target == "VE"


class TestReadingsOfThisRoundKeptInBoundsYetAgain:
    """Sentences a second reader wrote against this round's readings, each read wrongly by them at first."""

    @pytest.mark.parametrize(
        ("text", "published", "day"),
        [
            (
                "Trump said the 30% tariff on EU goods would be imposed on Aug. 1 unless Brussels offers better "
                "terms.",
                date(2025, 7, 12),
                date(2025, 8, 1),
            ),
            (
                "Canada's 25% tariff on U.S. cars will be removed on Sept. 1, Carney said.",
                date(2025, 8, 22),
                date(2025, 9, 1),
            ),
        ],
    )
    def test_a_day_to_come_after_a_passive_verb_stays_to_come(
        self, text: str, published: date, day: date
    ) -> None:
        found = extract(text, published=published)
        spans = [getattr(e, "effective", None) or getattr(e, "deadline", None) for e in found]
        assert any(s is not None and s.start == day for s in spans)

    @pytest.mark.parametrize(
        "text",
        [
            "China banned exports of gallium to the United States, effective immediately, in response to U.S. chip "
            "curbs unveiled on Monday.",
            "Responding to U.S. tariffs announced on Monday, Canada imposed 25% tariffs on U.S. steel, effective "
            "immediately.",
        ],
    )
    def test_immediately_is_not_the_day_of_what_it_answers(self, text: str) -> None:
        (measure,) = [
            e for e in extract(text, published=date(2025, 11, 14)) if isinstance(e, Tariff | ExportControl)
        ]
        assert days(measure.effective) == ("2025-11-14", "2025-11-14")

    def test_a_measure_after_a_market_s_hope_is_still_news(self) -> None:
        (duty,) = only(
            extract(
                "Soybean futures rose on hopes that China would resume purchases after Beijing cut its tariff on U.S. "
                "soybeans to 13%.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert (duty.imposer, duty.status, _pct(duty.rate)) == ("CN", "lowered", 13)

    def test_talks_said_to_be_stopped_take_the_day_said_not_another(self) -> None:
        (talks,) = only(
            extract(
                "Trump said Thursday he was terminating trade talks with Canada, which began in March.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert days(talks.when) == ("2025-11-13", "2025-11-13")

    def test_goods_exempted_from_the_chinese_tariffs_are_exempted_from_duties_on_china(self) -> None:
        found = only(
            extract(
                "Smartphones and computers were exempted from the Chinese tariffs, U.S. Customs said.",
                published=date(2025, 4, 12),
            ),
            Tariff,
        )
        assert found and all((t.imposer, t.target) == ("US", "CN") for t in found)

    @pytest.mark.parametrize(
        ("text", "status"),
        [
            (
                "The EU and Mercosur concluded the last round of talks in Brasilia on Friday, with another round set "
                "for December.",
                "held",
            ),
            ("Britain and India will wrap up the final round of talks in London next week.", "scheduled"),
        ],
    )
    def test_the_last_round_or_one_to_come_concludes_nothing(self, text: str, status: str) -> None:
        (talks,) = only(extract(text, published=date(2025, 11, 14)), Negotiation)
        assert talks.status == status

    def test_talks_agreed_on_do_not_move_a_day_gone_by(self) -> None:
        (talks,) = only(
            extract(
                "The U.S. and China agreed on Friday to resume talks that broke down in Geneva on Monday.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert talks.when is not None and talks.when.start <= date(2025, 11, 14)

    @pytest.mark.parametrize(
        "text",
        [
            "U.S. sanctions threaten to halt Iranian oil sales to China.",
            "A strike by dockworkers threatens to halt shipments of copper from Chile to China.",
        ],
    )
    def test_what_a_measure_or_strike_may_do_is_no_threat_or_control(self, text: str) -> None:
        assert extract(text, published=date(2025, 11, 14)) == []

    def test_a_condition_at_home_makes_no_threat(self) -> None:
        found = extract(
            "Unless Congress approves the deal, Canada's 25% tariffs on U.S. goods will stay in place.",
            published=date(2025, 11, 14),
        )
        assert not only(found, Threat)

    def test_the_rate_said_with_the_measure_after_its_condition_is_its_own(self) -> None:
        (threat,) = only(
            extract(
                "The EU said it was ready to impose tariffs if talks fail, with duties of up to 30% on U.S. goods.",
                published=date(2025, 11, 14),
            ),
            Threat,
        )
        assert threat.measure is not None and _pct(getattr(threat.measure, "rate", None)) == 30

    def test_rules_requiring_licences_revoked_are_lifted(self) -> None:
        (control,) = only(
            extract(
                "The U.S. Commerce Department on Monday revoked rules requiring export licences for chip shipments "
                "to China.",
                published=date(2025, 11, 14),
            ),
            ExportControl,
        )
        assert control.status == "lifted"

    def test_the_end_of_the_weekend_is_no_deadline_at_the_week_s_end(self) -> None:
        (threat,) = only(
            extract(
                "Trump threatened a 30% tariff on Swiss goods unless Bern offers better terms by the end of the "
                "weekend.",
                published=date(2025, 11, 14),
            ),
            Threat,
        )
        assert threat.deadline is None or threat.deadline.text != "by the end of the week"

    @pytest.mark.parametrize(
        "text",
        [
            "Washington and Beijing are expected to let their tariff truce expire on Nov. 10.",
            "Beijing urged Washington not to let the truce lapse.",
        ],
    )
    def test_a_truce_to_be_let_lapse_has_not_expired(self, text: str) -> None:
        assert all(t.status != "expired" for t in only(extract(text, published=date(2025, 11, 1)), Truce))


class TestTheDayAChangeToComeIsMade:
    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("The EU will impose a 25% tariff on U.S. bourbon on April 1.", "2025-04-01"),
            ("Canada will remove its 25% tariffs on U.S. goods on Sept. 1.", "2025-09-01"),
        ],
    )
    def test_a_day_after_a_change_to_come_is_when_it_applies(self, text: str, day: str) -> None:
        (duty,) = only(extract(text, published=date(2025, 3, 12)), Tariff)
        assert days(duty.effective) == (day, day)

    def test_the_day_the_duty_was_imposed_is_not_that_of_its_change(self) -> None:
        (duty,) = only(
            extract(
                "Washington will halve the 15 per cent tariff it imposed on Sept. 1 on some $120 billion of Chinese "
                "goods, to 7.5 per cent.",
                published=date(2019, 12, 14),
            ),
            Tariff,
        )
        assert duty.effective is None or duty.effective.start != date(2019, 9, 1)


class TestGoodsExcluded:
    def test_a_duty_that_will_exclude_goods_exempts_each(self) -> None:
        found = only(
            extract(
                "The U.S. tariffs on Brazil will exclude civil aircraft, orange juice and energy products.",
                published=date(2025, 7, 31),
            ),
            Tariff,
        )
        assert sorted((t.target, t.product and t.product.name, t.status) for t in found) == [
            ("BR", "civil aircraft", "exempted"),
            ("BR", "energy products", "exempted"),
            ("BR", "orange juice", "exempted"),
        ]

    def test_goods_excluded_in_a_second_statement_are_not_the_duty_s(self) -> None:
        found = only(
            extract(
                "Washington imposed a 50% tariff on Brazilian goods on Wednesday and excluded civil aircraft and "
                "orange juice.",
                published=date(2025, 7, 31),
            ),
            Tariff,
        )
        assert {(t.product and t.product.name, t.status) for t in found} == {
            (None, "in_force"),
            ("civil aircraft", "exempted"),
            ("orange juice", "exempted"),
        }


class TestCallsAndDaysToCome:
    @pytest.mark.parametrize("call", ["a very good call", "a productive call"])
    def test_a_call_praised_with_a_leader_is_talks_held(self, call: str) -> None:
        (talks,) = only(
            extract(f"Trump said he had {call} with Carney on Friday.", published=date(2025, 8, 12)),
            Negotiation,
        )
        assert (sorted(talks.parties), talks.status) == (["CA", "US"], "held")

    def test_a_call_with_analysts_is_no_talks(self) -> None:
        assert not extract(
            "The company held a short call with analysts on Friday.", published=date(2025, 8, 12)
        )

    def test_a_change_taking_effect_on_a_weekday_is_the_next_one(self) -> None:
        (duty,) = only(
            extract(
                "The U.S. doubled tariffs on steel to 50%, with the increase taking effect on Wednesday.",
                published=date(2025, 6, 3),
            ),
            Tariff,
        )
        assert days(duty.effective) == ("2025-06-04", "2025-06-04")


class TestFromTheBriefs:
    def test_a_company_put_on_the_entity_list_on_a_day_is_dated_by_it(self) -> None:
        (control,) = only(
            extract("The U.S. put Huawei on its Entity List on Thursday.", published=date(2025, 11, 14)),
            ExportControl,
        )
        assert days(control.effective) == ("2025-11-13", "2025-11-13")

    def test_late_on_a_day_is_no_part_of_the_goods(self) -> None:
        (duty,) = only(
            extract("Trump imposed tariffs on Mexican steel late on Friday.", published=date(2025, 11, 14)),
            Tariff,
        )
        assert duty.product is not None and duty.product.name == "steel"

    def test_suspended_duties_reimposed_are_not_suspended(self) -> None:
        found = only(
            extract(
                "The EU will reimpose suspended tariffs on U.S. bourbon and motorcycles from April 1.",
                published=date(2025, 3, 12),
            ),
            Tariff,
        )
        assert found and all(t.status != "suspended" for t in found)

    def test_a_deal_agreed_is_talks_concluded(self) -> None:
        (talks,) = only(
            extract(
                "Britain and the United States agreed a deal on Thursday that cuts tariffs on British cars.",
                published=date(2025, 5, 9),
            ),
            Negotiation,
        )
        assert (sorted(talks.parties), talks.status) == (["GB", "US"], "concluded")

    def test_where_exports_go_is_given_no_rate(self) -> None:
        found = only(
            extract("Vietnam's exports to the US will face a 20% tariff.", published=date(2025, 7, 3)), Tariff
        )
        assert [(t.imposer, t.target) for t in found] == [("US", "VN")]


class TestGoodsNamedBeforeTheDuty:
    @pytest.mark.parametrize(
        ("text", "goods"),
        [
            ("The U.S. will remove its steel tariffs on Canada.", ["steel"]),
            ("The U.S. doubled the steel and aluminum tariffs on Turkey.", ["aluminum", "steel"]),
        ],
    )
    def test_the_goods_before_the_duty_are_its_goods(self, text: str, goods: list[str]) -> None:
        found = only(extract(text, published=date(2025, 5, 20)), Tariff)
        assert sorted(t.product.name for t in found if t.product is not None) == goods

    @pytest.mark.parametrize(
        "text",
        [
            "Canada will remove its retaliatory tariffs on U.S. goods.",
            "The U.S. will lift its reciprocal tariffs on Canada.",
        ],
    )
    def test_a_word_of_the_duty_s_kind_is_no_goods(self, text: str) -> None:
        assert all(t.product is None for t in only(extract(text, published=date(2025, 5, 20)), Tariff))


class TestOnTopOf:
    def test_a_duty_on_top_of_existing_ones_is_not_in_force_yet(self) -> None:
        (duty,) = only(
            extract(
                "Trump said the U.S. would impose an additional 100% tariff on Chinese goods from Nov. 1, on top of "
                "existing duties.",
                published=date(2025, 10, 11),
            ),
            Tariff,
        )
        assert duty.status != "in_force" and duty.product is None


_REWRITTEN_PARTS = [
    "China raised its tariff on U.S. soybeans to 25 per cent",
    " from 10 pct",
    " at midnight on Aug. 1",
    " at 12:01 a.m. EDT on Thursday",
    " from 1 March 2026",
    ", the ministry said Friday",
    ". ",
    "The truce will expire at noon on Sunday",
    " and ",
    "<b>",
    "</b>",
    " at 5 p.m., on Monday",
    "U.S. tariffs of 25% on Japanese cars were lowered to 15%",
    " late on Friday",
]


class TestRewrittenTextKeepsTheTextAsWritten:
    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(_REWRITTEN_PARTS), min_size=1, max_size=12))
    def test_evidence_and_dates_quote_the_text_as_written(self, parts: list[str]) -> None:
        from tradewatch.extract._text import rewritten

        text = " ".join(parts)
        read = rewritten(text)
        if read is not None:
            assert read.original(len(read.text)) == len(text)
        for event in extract(text, published=date(2025, 7, 20)):
            assert text[event.evidence.start : event.evidence.end] == event.evidence.sentence
            for name in ("effective", "until", "when", "deadline"):
                span = getattr(event, name, None)
                if span is not None and span.text:
                    assert span.text in text


class TestLatestReadingsKeptInBounds:
    """Sentences a second reader wrote against the latest readings, each read wrongly by them at first."""

    @pytest.mark.parametrize(
        "text",
        [
            "China will lift tariffs on U.S. farm goods under a deal reached in Kuala Lumpur on Sunday.",
            "Canada will remove its counter-tariffs on U.S. goods after talks with Trump on Monday.",
            "The UK will cut tariffs on U.S. beef under the deal Starmer and Trump sealed on May 8.",
        ],
    )
    def test_the_day_of_something_else_is_not_when_a_change_applies(self, text: str) -> None:
        assert all(t.effective is None for t in only(extract(text, published=date(2025, 11, 14)), Tariff))

    def test_the_day_of_another_side_s_change_is_not_this_duty_s(self) -> None:
        found = only(
            extract(
                "China announced a 15% tariff on U.S. coal as Trump is set to raise tariffs on Chinese goods again "
                "on Tuesday.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert all(t.effective is None for t in found if t.imposer == "CN")

    @pytest.mark.parametrize(
        ("text", "day"),
        [
            ("U.S. tariffs of 50% on Indian goods began taking effect on Wednesday.", "2025-11-12"),
            (
                "The United States imposed a 39% tariff on Swiss goods last week, with the duty taking effect on "
                "Thursday.",
                "2025-11-13",
            ),
        ],
    )
    def test_taking_effect_on_a_weekday_gone_by(self, text: str, day: str) -> None:
        (duty,) = only(extract(text, published=date(2025, 11, 14)), Tariff)
        assert days(duty.effective) == (day, day)

    @pytest.mark.parametrize(
        "text",
        [
            "Trump raised tariffs on previously excluded Chinese products to 25%.",
            "Washington imposed tariffs on steel, aluminum and formerly exempted auto parts.",
        ],
    )
    def test_goods_once_excluded_are_goods_not_exemptions(self, text: str) -> None:
        assert all(t.status != "exempted" for t in only(extract(text, published=date(2025, 11, 14)), Tariff))

    def test_but_exclude_keeps_the_duty(self) -> None:
        found = only(
            extract(
                "The U.S. will impose 100% tariffs on branded drugs but exclude generics.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert any(_pct(t.rate) == 100 and t.status == "announced" for t in found)

    def test_goods_of_the_duty_answered_are_not_the_answer_s(self) -> None:
        found = only(
            extract(
                "Ottawa imposed a 25% tariff on U.S. goods after Trump doubled the steel tariffs on Canada.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert all(t.product is None for t in found if t.imposer == "CA")

    def test_a_deal_agreed_to_be_scrapped_is_not_concluded(self) -> None:
        found = only(
            extract(
                "Washington and Ottawa agreed to scrap the deal after talks broke down.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert all(t.status != "concluded" for t in found)

    def test_a_long_call_with_executives_is_no_talks(self) -> None:
        found = extract(
            "Lutnick held a long call with Japanese and Korean executives about tariffs.",
            published=date(2025, 11, 14),
        )
        assert not only(found, Negotiation)


class TestOtherSidesAndProcedures:
    def test_a_side_s_duty_named_without_a_verb_stands(self) -> None:
        (duty,) = only(
            extract(
                "China filed a complaint at the WTO on Monday challenging Canada's 100% surtax on Chinese electric "
                "vehicles.",
                published=date(2025, 11, 14),
            ),
            Tariff,
        )
        assert (duty.imposer, duty.target, duty.status) == ("CA", "CN", "in_force")

    @pytest.mark.parametrize(
        "text",
        [
            "USTR launched a Section 301 probe into Brazil's ethanol tariffs.",
            "The EU ended its probe into Chinese steel without duties.",
            "The EU ended its probe into Chinese steel without imposing any new duties.",
        ],
    )
    def test_a_probe_or_its_end_without_duties_states_no_measure(self, text: str) -> None:
        assert not only(extract(text, published=date(2025, 11, 14)), Tariff)

    def test_ecuador_spelled_as_agencies_spell_it(self) -> None:
        (threat,) = only(
            extract(
                "Ecuadorean President Daniel Noboa threatened to raise the tariff on Colombian imports to 50%.",
                published=date(2025, 11, 14),
            ),
            Threat,
        )
        assert (threat.actor, threat.target) == ("EC", "CO")

    def test_talks_agreed_to_resume_in_a_month_are_that_month_to_come(self) -> None:
        (talks,) = only(
            extract(
                "South Korea and Mexico agreed to resume free trade negotiations in February.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert (talks.status, days(talks.when)) == ("scheduled", ("2026-02-01", "2026-02-28"))

    def test_an_amount_of_a_quota_is_no_goods(self) -> None:
        (control,) = only(
            extract(
                "Russia set a wheat export quota of 10.6 million tonnes for February to June.",
                published=date(2025, 11, 14),
            ),
            ExportControl,
        )
        assert control.item is not None and control.item.name == "wheat"

    def test_pending_ends_the_goods(self) -> None:
        (duty,) = only(
            extract(
                "China reinstated the tariffs on U.S. soybeans pending review.", published=date(2025, 11, 14)
            ),
            Tariff,
        )
        assert duty.product is not None and duty.product.name == "soybeans"


class TestTalksAskedForPausedAndHeld:
    @pytest.mark.parametrize(
        "text",
        [
            "China offered to hold talks with the European Union on its export controls.",
            "Switzerland has asked the United States to resume tariff negotiations.",
            "Beijing invited Sefcovic to visit China for talks on EV duties.",
        ],
    )
    def test_talks_asked_for_are_proposed(self, text: str) -> None:
        (talks,) = only(extract(text, published=date(2025, 11, 14)), Negotiation)
        assert talks.status == "proposed"

    @pytest.mark.parametrize(
        "text",
        [
            "Canada paused trade talks with the US on Monday.",
            "Japan suspended tariff talks with the United States on Monday.",
            "Japan broke off tariff negotiations with the United States on Monday.",
        ],
    )
    def test_talks_paused_or_broken_off_are_suspended(self, text: str) -> None:
        (talks,) = only(extract(text, published=date(2025, 11, 14)), Negotiation)
        assert talks.status == "suspended"

    def test_days_of_talks_concluded_are_talks_held(self) -> None:
        (talks,) = only(
            extract(
                "The U.S. and China concluded two days of trade talks in Geneva on Sunday.",
                published=date(2025, 5, 12),
            ),
            Negotiation,
        )
        assert talks.status == "held"

    def test_a_duty_suspended_during_talks_is_still_suspended(self) -> None:
        (duty,) = only(
            extract("Canada suspended its tariffs on U.S. goods during talks.", published=date(2025, 11, 14)),
            Tariff,
        )
        assert duty.status == "suspended"

    def test_stalled_talks_to_be_revived_are_not_stopped_now(self) -> None:
        (talks,) = only(
            extract(
                "Japan's trade minister will head to Brussels next week to try to revive stalled free trade talks "
                "with the EU.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert talks.status == "scheduled"

    def test_a_working_dinner_of_negotiators_is_talks_held(self) -> None:
        (talks,) = only(
            extract(
                "Mercosur and EU negotiators held a working dinner in Buenos Aires on Tuesday.",
                published=date(2025, 11, 14),
            ),
            Negotiation,
        )
        assert talks.status == "held" and talks.venue == "Buenos Aires"

    @pytest.mark.parametrize(
        "text",
        [
            "U.S. and Chinese negotiators met in Stockholm for two days of talks.",
            "Canada and the US held trade talks in Ottawa for three hours on Tuesday.",
        ],
    )
    def test_how_long_talks_lasted_is_not_when(self, text: str) -> None:
        (talks,) = only(extract(text, published=date(2025, 7, 29)), Negotiation)
        assert talks.when is None or talks.when.end <= date(2025, 7, 29)


class TestAnotherCountrysLegislature:
    @pytest.mark.parametrize(
        "text", ["a review of the deal by its Senate", "Brazil's Congress approved a reciprocity law"]
    )
    def test_another_country_s_house_is_not_the_united_states(self, text: str) -> None:
        from tradewatch.extract._actors import find_actors

        assert all(m.code != "US" for m in find_actors(text))

    def test_the_us_senate_is_american(self) -> None:
        from tradewatch.extract._actors import find_actors

        assert [m.code for m in find_actors("The U.S. Senate approved the bill.")] == ["US"]


class TestEndsAndYearsOfDates:
    @pytest.mark.parametrize(
        "text",
        [
            "China will ban exports of gallium to the United States by the end of the year.",
            "China banned exports of gallium at the end of last year.",
        ],
    )
    def test_the_end_of_a_year_lifts_nothing(self, text: str) -> None:
        (control,) = only(extract(text, published=date(2025, 11, 14)), ExportControl)
        assert control.status == "imposed"

    def test_end_of_a_year_by_number_lifts_nothing(self) -> None:
        (duty,) = only(
            extract(
                "Turkey will impose a 10% tariff on Chinese cars by end-2026.", published=date(2025, 11, 14)
            ),
            Tariff,
        )
        assert duty.status == "announced"

    def test_a_day_of_next_year(self) -> None:
        from tradewatch.extract._dates import find_dates

        (mention,) = find_dates("The truce runs until Nov. 10 next year.", date(2025, 11, 14))
        assert mention.span.start == date(2026, 11, 10)

    def test_until_a_day_ends_a_duty_and_is_not_its_start(self) -> None:
        (duty,) = only(
            extract(
                "India will impose a 40% duty on onion exports until March 31.", published=date(2024, 3, 2)
            ),
            Tariff,
        )
        assert duty.effective is None

    def test_until_a_day_is_the_new_end_of_a_duty_extended(self) -> None:
        (duty,) = only(
            extract(
                "India extended its 40% duty on onion exports until March 31.", published=date(2024, 3, 2)
            ),
            Tariff,
        )
        assert days(duty.effective) == ("2024-03-31", "2024-03-31")


class TestTheWeekend:
    @pytest.mark.parametrize(
        ("published", "phrase", "saturday"),
        [
            (date(2025, 11, 10), "met over the weekend", date(2025, 11, 8)),
            (date(2025, 11, 15), "suspended the ban over the weekend", date(2025, 11, 15)),
            (date(2025, 11, 12), "will meet this weekend", date(2025, 11, 15)),
        ],
    )
    def test_the_weekend_is_its_saturday_and_sunday(
        self, published: date, phrase: str, saturday: date
    ) -> None:
        from tradewatch.extract._dates import find_dates

        (mention,) = find_dates(phrase, published)
        assert (mention.span.start, mention.span.end) == (
            saturday,
            date.fromordinal(saturday.toordinal() + 1),
        )

    def test_talks_over_the_weekend_are_dated_by_it(self) -> None:
        (talks,) = only(
            extract(
                "U.S. and Chinese negotiators met in Kuala Lumpur over the weekend for trade talks.",
                published=date(2025, 11, 10),
            ),
            Negotiation,
        )
        assert days(talks.when) == ("2025-11-08", "2025-11-09")

    def test_a_control_eased_over_the_weekend_is_dated_by_it(self) -> None:
        (control,) = only(
            extract(
                "Beijing suspended its export ban on gallium over the weekend.", published=date(2025, 11, 10)
            ),
            ExportControl,
        )
        assert days(control.effective) == ("2025-11-08", "2025-11-09")
