"""The wire format: round trips, the envelope, and errors that name their path."""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import DecodeError, Event, Evidence, Item, Product, Rate, Tariff, serial, testing
from tradewatch.model import DateSpan, ExportControl, Negotiation, Threat, Truce

STRATEGIES = {
    Rate: testing.rates(),
    Product: testing.products(),
    DateSpan: testing.date_spans(),
    Evidence: testing.evidence(),
    Item: testing.items(),
    Tariff: testing.tariffs(),
    ExportControl: testing.export_controls(),
    Truce: testing.truces(),
    Negotiation: testing.negotiations(),
    Threat: testing.threats(),
}


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_dict_round_trip(cls: type, data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    plain = serial.to_dict(obj)
    json.dumps(plain)  # plain data only
    assert serial.from_dict(plain, cls) == obj


@pytest.mark.parametrize("cls", [c for c in STRATEGIES if c is not Rate], ids=lambda c: c.__name__)
@given(data=st.data())
def test_json_round_trip(cls: type, data: st.DataObject) -> None:
    obj = data.draw(STRATEGIES[cls])
    document = serial.to_json(obj)
    assert json.loads(document)["schema"] == serial.SCHEMA
    assert serial.from_json(document, cls) == obj


@given(testing.events())
def test_any_event_round_trips_through_the_union(event: Event) -> None:
    assert serial.from_json(serial.to_json(event)) == event
    assert serial.to_dict(event)["type"] == event.TYPE


@given(st.lists(testing.events(), max_size=8))
def test_event_lists_round_trip(events: list[Event]) -> None:
    document = serial.to_json(events)
    assert serial.from_json(document, list[Event]) == events
    assert serial.from_dict(serial.to_dict(events), list[Event]) == events


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=30,
)
KEYS = ["type", "imposer", "target", "rate", "status", "evidence", "parties", "measure", "schema", "events"]


@given(JSON, st.sampled_from([Event, list[Event], Tariff, Evidence, Item, DateSpan]))
def test_arbitrary_json_raises_only_decode_error(value: Any, cls: Any) -> None:
    for document in (json.dumps(value), json.dumps({"schema": 1, "events": value, "type": "tariff"})):
        with contextlib.suppress(DecodeError):
            serial.from_json(document, cls)


@given(testing.events(), st.lists(st.tuples(st.sampled_from(KEYS), JSON), min_size=1, max_size=3))
def test_corrupted_events_raise_only_decode_error(event: Event, corruptions: list[Any]) -> None:
    data = serial.to_dict(event)
    for key, value in corruptions:
        target = data.get("measure") if key == "measure" and isinstance(data.get("measure"), dict) else data
        target[key] = value
    try:
        decoded = serial.from_dict(data)
    except DecodeError as exc:
        assert exc.problems
        assert all(isinstance(path, str) and reason for path, reason in exc.problems)
    else:
        assert data["type"] == type(decoded).TYPE


@given(st.binary(max_size=200))
def test_bytes_raise_only_decode_error(blob: bytes) -> None:
    with pytest.raises(DecodeError):
        serial.from_json(blob)


def _tariff_document() -> dict[str, Any]:
    return {
        "schema": 1,
        "events": [
            {
                "type": "tariff",
                "imposer": "US",
                "target": "CN",
                "status": "raised",
                "rate": "100",
                "evidence": {"sentence": "x", "start": 0, "end": 1, "confidence": 0.5},
            }
            for _ in range(3)
        ],
    }


def test_every_problem_is_reported_with_its_path() -> None:
    doc = _tariff_document()
    doc["events"][2] = {**doc["events"][2], "rate": "-5", "status": "doubled"}
    doc["events"][0] = {**doc["events"][0], "evidence": {"sentence": "x", "start": "0", "confidence": 2}}
    with pytest.raises(DecodeError) as info:
        serial.from_json(json.dumps(doc), list[Event])
    problems = dict(info.value.problems)
    assert problems["events[2].rate"] == "must be >= 0"
    assert problems["events[2].status"].startswith("must be one of: announced, in_force")
    assert problems["events[0].evidence.start"] == "must be an integer, not string"
    assert problems["events[0].evidence.end"] == "required key missing"
    assert "events[2].rate: must be >= 0" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_validator_errors_after_structuring_name_the_field() -> None:
    doc = _tariff_document()
    doc["events"][1] = {**doc["events"][1], "target": "US"}
    doc["events"][0]["evidence"] = {"sentence": "x", "start": 0, "end": 9, "confidence": 1}
    with pytest.raises(DecodeError) as info:
        serial.from_json(json.dumps(doc), list[Event])
    assert dict(info.value.problems) == {
        "events[1].target": "must differ from imposer (US)",
        "events[0].evidence.end": "start..end must span the sentence (1 characters)",
    }


def test_unknown_keys_are_ignored_and_unknown_types_are_errors() -> None:
    doc = _tariff_document()
    doc["events"][0]["added_in_a_later_version"] = {"anything": [1, 2]}
    assert len(serial.from_json(json.dumps(doc), list[Event])) == 3
    doc["events"][1]["type"] = "quota"
    with pytest.raises(DecodeError, match=r"events\[1\]\.type: unknown type 'quota'; expected one of"):
        serial.from_json(json.dumps(doc), list[Event])
    del doc["events"][1]["type"]
    with pytest.raises(DecodeError, match=r"events\[1\]\.type: required key missing"):
        serial.from_json(json.dumps(doc), list[Event])


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"type": "tariff"}', "schema: missing"),
        ('{"schema": "1"}', "schema: missing or not an integer"),
        ('{"schema": 2, "events": []}', "schema: version 2 is not supported"),
        ('{"schema": 1}', "events: required key missing"),
        ('{"schema": 1, "events": {}}', "events: must be an array"),
        ("[1, 2]", "must be a JSON object, not array"),
        ("{", "not JSON"),
        ("[" * 100_000, "nested too deeply|not JSON"),
        (b"\xff\xfe{", "not UTF-8|not JSON"),
    ],
)
def test_envelope_errors(document: str | bytes, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        serial.from_json(document, list[Event])


def test_strict_types() -> None:
    base = serial.to_dict(
        Tariff(
            imposer="US",
            target="CN",
            status="raised",
            evidence=Evidence(sentence="x", start=0, end=1, confidence=1.0),
        )
    )
    for field, value, reason in [
        ("imposer", 1, "must be a string, not number"),
        ("rate", True, "must be a decimal string"),
        ("rate", "ten", "must be a number"),
        ("effective", {"start": "2025-13-01", "end": "2025-12-01"}, "is not an ISO 8601 date"),
        ("product", "steel", "must be an object, not string"),
    ]:
        with pytest.raises(DecodeError) as info:
            serial.from_dict({**base, field: value})
        path, got = info.value.problems[0]
        assert path.split(".")[0] == field
        assert reason in got
    with pytest.raises(DecodeError, match="evidence.published: '2025-01-01T00:00:00' has no UTC offset"):
        serial.from_dict({**base, "evidence": {**base["evidence"], "published": "2025-01-01T00:00:00"}})


def test_rates_and_spans_on_the_wire() -> None:
    span = DateSpan.part_of_month(2025, 11, "early", "early November")
    assert serial.to_dict(span) == {
        "start": "2025-11-01",
        "end": "2025-11-10",
        "granularity": "part_of_month",
        "text": "early November",
    }
    assert serial.to_dict(Rate("7.5")) == "7.5"
    assert serial.from_dict(25, Rate) == Rate(25)


def test_to_json_refuses_what_it_cannot_write() -> None:
    with pytest.raises(TypeError):
        serial.to_json({"type": "tariff"})
    with pytest.raises(TypeError):
        serial.to_json([1, 2])


def test_the_documented_example_decodes() -> None:
    """docs/model.md shows a wire document; it must stay a valid one."""
    page = (Path(__file__).parents[1] / "docs" / "model.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", page, flags=re.S)
    assert blocks
    events = serial.from_json(blocks[0], list[Event])
    assert {e.TYPE for e in events} == {"tariff", "export_control", "truce", "negotiation", "threat"}
    assert json.loads(serial.to_json(events)) == json.loads(blocks[0])
