"""Dates a measure takes from elsewhere in its item or from its own description, each shown on sentences of
its own (none from the corpus): "the same day", dates stated in another sentence, the day a standing measure
was put in place, and the verb of a change to come."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from tradewatch import Event, Tariff, extract

WEDNESDAY = date(2025, 6, 11)
T = TypeVar("T")


def only(events: list[Event], kind: type[T]) -> list[T]:
    return [e for e in events if isinstance(e, kind)]


def by_imposer(text: str, imposer: str) -> list[Tariff]:
    return [t for t in only(extract(text, published=WEDNESDAY), Tariff) if t.imposer == imposer]


class TestTheSameDay:
    def test_the_same_day_takes_the_date_of_the_sentence_before(self) -> None:
        text = (
            "SEOUL, June 11 - South Korea will cut its 8% tariff on Australian beef to 4% from July 1, the "
            "finance ministry said on Tuesday. Australia will lower its duty on Korean cars to 2% from 5% on the "
            "same day."
        )
        (aussie,) = by_imposer(text, "AU")
        assert aussie.effective is not None
        assert (str(aussie.effective.start), str(aussie.effective.end)) == ("2025-07-01", "2025-07-01")

    def test_the_same_day_skips_the_day_the_news_was_given(self) -> None:
        text = (
            "Mexico will raise its tariff on Chinese shoes to 35% from Aug. 4, the economy ministry said on "
            "Monday. Brazil will raise its duty on Chinese toys to 20% that same day."
        )
        (brazil,) = by_imposer(text, "BR")
        assert brazil.effective is not None and str(brazil.effective.start) == "2025-08-04"

    def test_the_same_day_without_an_earlier_date_is_no_date(self) -> None:
        text = "Chile will raise its tariff on Chinese steel to 30% on the same day as its neighbours."
        assert all(t.effective is None for t in only(extract(text, published=WEDNESDAY), Tariff))


class TestDatesOfAChangeToCome:
    def test_the_date_right_after_a_future_verb_is_the_change(self) -> None:
        text = (
            "Mexico's 15% tariffs on U.S. pork and 10% tariffs on U.S. corn will be removed on Friday, the "
            "economy ministry said."
        )
        levies = only(extract(text, published=WEDNESDAY), Tariff)
        assert len(levies) == 2
        for levy in levies:
            assert levy.status.value == "lifted"
            assert levy.effective is not None and str(levy.effective.start) == "2025-06-13"

    def test_a_later_sentence_that_says_when_the_exemptions_apply_dates_them(self) -> None:
        text = (
            "WASHINGTON, June 11 - The White House exempted fertiliser and cocoa from its reciprocal tariffs on "
            "Wednesday. The exclusions apply to shipments cleared through customs from Monday, a senior "
            "official said."
        )
        exempted = [
            t for t in only(extract(text, published=WEDNESDAY), Tariff) if t.status.value == "exempted"
        ]
        assert exempted
        assert all(t.effective is not None and str(t.effective.start) == "2025-06-09" for t in exempted)

    def test_a_past_tense_applied_sentence_is_read(self) -> None:
        text = (
            "Ottawa cut its surtax on U.S. bourbon to 10% from 25%. The lower rate applied to every bottle "
            "cleared by customs from May 30, the finance department said."
        )
        (cut,) = by_imposer(text, "CA")
        assert cut.effective is not None and str(cut.effective.start) == "2025-05-30"


class TestStandingMeasures:
    def test_a_standing_duty_is_dated_by_when_it_was_imposed(self) -> None:
        text = "Swiss watches already face a 31% U.S. tariff, which Washington imposed in April."
        (duty,) = only(extract(text, published=WEDNESDAY), Tariff)
        assert duty.status.value == "in_force"
        assert duty.effective is not None and duty.effective.text == "in April"

    def test_a_standing_duty_imposed_on_a_target_in_a_month_is_dated_by_it(self) -> None:
        # a measure stated as standing is dated by when it was put in place (tests/corpus/README.md), whatever
        # stands between the verb and the month
        text = "Brazilian beef still faces the 40% tariff Washington imposed on Brazil in July."
        (duty,) = only(extract(text, published=WEDNESDAY), Tariff)
        assert duty.status == "in_force" and duty.effective is not None and duty.effective.text == "in July"

    def test_the_date_a_measure_was_imposed_is_not_the_date_of_its_cut(self) -> None:
        text = (
            "Washington will cut the tariff on Vietnamese furniture to 20% from 46% from July 1. The furniture "
            "tariff was imposed in April under emergency powers."
        )
        (cut,) = only(extract(text, published=WEDNESDAY), Tariff)
        assert cut.effective is not None and str(cut.effective.start) == "2025-07-01"


class TestRelativeClausesWithoutThat:
    def test_the_verb_of_a_bare_relative_clause_is_not_the_status(self) -> None:
        text = "Ottawa will drop the duties it slapped on U.S. orange juice last year."
        (duty,) = only(extract(text, published=WEDNESDAY), Tariff)
        assert duty.imposer == "CA" and duty.status.value == "lifted"

    def test_goods_exempted_from_a_tariff_are_the_exemptions(self) -> None:
        text = "Washington exempted Indian generic drugs and shrimp from the 50% tariff it imposed on India."
        exempted = [
            t for t in only(extract(text, published=WEDNESDAY), Tariff) if t.status.value == "exempted"
        ]
        assert exempted and all(t.product is not None for t in exempted)
