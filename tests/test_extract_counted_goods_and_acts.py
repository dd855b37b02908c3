"""Readings of who acts after "hit back", of words that trail the goods ("goods also took effect"), of an
apposition that counts the goods just listed ("two metals used in ..."), and of the day a control was lifted;
each shown on sentences of its own (none from the corpus)."""

from __future__ import annotations

from datetime import date

from extraction_helpers import days, only
from tradewatch import ExportControl, Tariff, extract

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
        assert all(t.product is None or "above" not in t.product.name for t in found)

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
        assert found.status == "relaxed"
        assert found.effective is None

    def test_a_control_imposed_is_dated_only_by_a_cue(self) -> None:
        (found,) = controls("China imposed licence requirements on exports of gallium on Monday.")
        assert found.status == "imposed"
        assert found.effective is None
