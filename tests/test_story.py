"""Worked examples: the seven facts of one news item (the motivating story in the design), typed by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tradewatch import (
    ControlKind,
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    MeasureKind,
    Negotiation,
    Rate,
    Tariff,
    Threat,
    Truce,
    serial,
)

TEXT = (
    "The US president said he would impose a 200% tariff on rare-earth magnets unless China exports them. "
    "The US-China tariff truce has been extended until early November. "
    "Beijing is pressing Washington to cancel a 20% fentanyl-related tariff. "
    "The Commerce Department lifted its ban on Nvidia H20 chip sales to China in July. "
    "China's trade representative visits Washington this week for the fourth round of talks this year. "
    "The US is holding back Boeing parts. "
    "China has been asked to buy more US soybeans."
)
PUBLISHED = datetime(2025, 8, 12, 9, 30, tzinfo=UTC)


def evidence(sentence: str) -> Evidence:
    start = TEXT.index(sentence)
    return Evidence.quote(
        TEXT,
        start,
        start + len(sentence),
        confidence=0.9,
        item_id="story-1",
        source="example wire",
        published=PUBLISHED,
    )


def sentence(n: int) -> str:
    return TEXT.split(". ")[n].rstrip(".") + "."


def story() -> list[Event]:
    magnets = Tariff(
        imposer="US",
        target="CN",
        product="rare-earth magnets",
        rate=200,
        status="proposed",
        evidence=evidence(sentence(0)),
    )
    return [
        Threat(
            actor="US",
            target="CN",
            measure=magnets,
            condition="unless China exports them",
            evidence=evidence(sentence(0)),
        ),
        Truce(
            parties=["US", "CN"],
            status="extended",
            until=DateSpan.part_of_month(2025, 11, "early", "early November"),
            evidence=evidence(sentence(1)),
        ),
        Tariff(
            imposer="US",
            target="CN",
            rate=20,
            status="demanded",
            authority="IEEPA",
            evidence=evidence(sentence(2)),
        ),
        ExportControl(
            imposer="US",
            target="CN",
            item="H20 chips",
            control="ban",
            status="lifted",
            effective=DateSpan.month(2025, 7, "in July"),
            evidence=evidence(sentence(3)),
        ),
        Negotiation(
            parties=["CN", "US"],
            status="scheduled",
            venue="Washington",
            round=4,
            when=DateSpan.week_of(date(2025, 8, 12), "this week"),
            evidence=evidence(sentence(4)),
        ),
        ExportControl(
            imposer="US",
            target="CN",
            item="Boeing parts",
            control="other",
            status="imposed",
            evidence=evidence(sentence(5)),
        ),
        Tariff(
            imposer="CN",
            target="US",
            product="soybeans",
            status="demanded",
            evidence=evidence(sentence(6)),
        ),
    ]


def test_one_item_seven_typed_facts_with_their_evidence() -> None:
    events = story()
    assert [e.TYPE for e in events] == [
        "threat",
        "truce",
        "tariff",
        "export_control",
        "negotiation",
        "export_control",
        "tariff",
    ]
    for event in events:
        assert TEXT[event.evidence.start : event.evidence.end] == event.evidence.sentence
    threat = events[0]
    assert isinstance(threat, Threat)
    assert threat.kind is MeasureKind.TARIFF
    assert isinstance(threat.measure, Tariff)
    assert threat.measure.rate == Rate(200)
    truce = events[1]
    assert isinstance(truce, Truce)
    assert truce.until is not None
    assert truce.until.contains(date(2025, 11, 10))
    assert not truce.until.contains(date(2025, 11, 11))
    chips = events[3]
    assert isinstance(chips, ExportControl)
    assert chips.control is ControlKind.BAN
    assert chips.item.name == "h20 chips"


def test_the_story_survives_the_wire() -> None:
    events = story()
    document = serial.to_json(events, indent=2)
    assert serial.from_json(document, list[Event]) == events
