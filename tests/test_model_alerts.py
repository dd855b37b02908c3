"""Validation and wire format of what the ledger and the rules produce: Change, Alert, Observation and
MeasureState reject values that would make no sense, and decoding rejects bad documents by path."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import extract, serial, testing
from tradewatch.ledger import Ledger
from tradewatch.model import (
    Alert,
    Change,
    ChangeKind,
    Event,
    InvalidValueError,
    ItemRef,
    MeasureState,
    Negotiation,
    Observation,
    Threat,
)
from tradewatch.model._alert import alert_id

T0 = datetime(2025, 4, 9, 12, 0, tzinfo=UTC)
(EVENT,) = extract("The United States raised its tariff on Chinese steel from 25% to 50%.", published=T0)
REF = ItemRef(id="item-1", source="wire", title="Steel", published=T0)


def _change(**kwargs: object) -> Change:
    values: dict[str, object] = {
        "key": "tariff:US>CN:steel",
        "kind": "changed",
        "event": EVENT,
        "field": "rate",
    }
    values.update(kwargs)
    return Change(**values)  # type: ignore[arg-type]


def test_change_fields_must_fit_the_kind() -> None:
    assert _change(old="25", new="50", delta=Decimal(25)).delta == 25
    with pytest.raises(InvalidValueError, match="field: is required for a 'changed' change"):
        _change(field=None)
    with pytest.raises(InvalidValueError, match="field: is required for a 'changed' change, and only for it"):
        _change(kind=ChangeKind.NEW)
    with pytest.raises(InvalidValueError, match="event: must be an event, not str"):
        _change(event="tariff")


def test_alert_ids_follow_rule_and_change_not_item() -> None:
    change = _change(old="25", new="50")
    other_item = attrs.evolve(REF, id="item-2", source="desk")
    a = Alert.make(rule="moves", item=REF, change=change, created=T0)
    assert a.event == EVENT
    assert Alert.make(rule="moves", item=other_item, change=change, created=T0).id == a.id
    assert Alert.make(rule="other", item=REF, change=change, created=T0).id != a.id
    by_event = Alert.make(rule="moves", item=REF, event=EVENT, created=T0)
    assert by_event.id != a.id
    assert Alert.make(rule="moves", item=other_item, event=EVENT, created=T0).id != by_event.id
    with pytest.raises(InvalidValueError, match="event: must be an event"):
        Alert(id="x", rule="r", item=REF, event=REF, created=T0)  # type: ignore[arg-type]


def _event_alert_id(rule: str, item_id: str, event: Event) -> str:
    """The id of an alert without a change as it was first defined: the digest of the canonical JSON of
    ``["item", rule, item id, event type, canonical JSON of the event's fields but evidence]``."""

    def canonical(value: Any) -> str:
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))

    fields = attrs.asdict(event, filter=lambda a, _v: a.name != "evidence", recurse=True)
    text = canonical(["item", rule, item_id, event.TYPE, canonical(fields)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@given(st.text(min_size=1, max_size=20), testing.items().map(lambda i: i.id), testing.events())
def test_the_ids_of_event_alerts_are_those_of_the_first_definition(
    rule: str, item_id: str, event: Event
) -> None:
    # Ids are stored and compared across versions: the way they are computed may change, never their value.
    assert alert_id(rule, item_id, event, None) == _event_alert_id(rule, item_id, event)


_WIRE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@given(
    st.text(min_size=1, max_size=20),
    st.text(min_size=1, max_size=30).filter(str.strip),
    st.none() | st.text(min_size=1, max_size=20).filter(str.strip),
    _WIRE,
    _WIRE,
)
def test_the_ids_of_change_alerts_are_those_of_the_first_definition(
    rule: str, key: str, field: str | None, old: Any, new: Any
) -> None:
    """The digest of the canonical JSON of ``["change", rule, *change.identity]``, however it is written."""
    change = _change(
        key=key, kind=ChangeKind.NEW if field is None else ChangeKind.CHANGED, field=field, old=old, new=new
    )
    text = json.dumps(
        ["change", rule, *change.identity],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert alert_id(rule, "item-1", None, change) == hashlib.sha256(text.encode()).hexdigest()[:32]
    assert change.identity[3] == json.dumps(
        [old, new], sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":")
    )


def test_event_alert_ids_are_pinned_and_unusual_values_take_the_general_way() -> None:
    threat = Threat(
        actor="US", target="CN", measure=attrs.evolve(EVENT, status="proposed"), evidence=EVENT.evidence
    )
    assert (
        Alert.make(rule="moves", item=REF, event=EVENT, created=T0).id == "632ba00b6eabaaf8b45e433be7f3b433"
    )
    assert (
        Alert.make(rule="moves", item=REF, event=threat, created=T0).id == "241fbfe28178103fdd45b8fc04a1e2e7"
    )
    # A value of a type no event holds once validated (set here around the validators) is still written as
    # the first definition wrote it.
    talks = Negotiation(parties=("CN", "US"), status="held", evidence=EVENT.evidence)
    for value in (2.5, True, {"b": [1]}, frozenset({"x"}), T0):
        odd = attrs.evolve(talks)
        object.__setattr__(odd, "round", value)
        assert alert_id("talks", "item-1", odd, None) == _event_alert_id("talks", "item-1", odd)


def test_alert_and_state_round_trip_and_bad_documents_name_the_path() -> None:
    alert = Alert.make(
        rule="moves", item=REF, change=_change(old="25", new="50", delta=Decimal(25)), created=T0
    )
    assert serial.from_json(serial.to_json(alert), Alert) == alert
    data = json.loads(serial.to_json(alert))
    for path, bad, message in [
        (("change", "delta"), 25.5, 'must be a decimal string such as "10.5"'),
        (("change", "delta"), "lots", "'lots' is not a decimal number"),
        (("change", "delta"), "NaN", "'NaN' is not a finite number"),
        (("change", "contradicted"), 1, "must be true or false, not number"),
    ]:
        broken = json.loads(json.dumps(data))
        broken[path[0]][path[1]] = bad
        with pytest.raises(serial.DecodeError, match=f"{'.'.join(path)}: {message}"):
            serial.from_json(json.dumps(broken), Alert)

    ledger = Ledger()
    ledger.apply([EVENT])
    (state,) = ledger.states().values()
    assert serial.from_json(serial.to_json(state), MeasureState) == state


def test_states_and_observations_reject_malformed_parts() -> None:
    ledger = Ledger()
    ledger.apply([EVENT])
    (state,) = ledger.states().values()
    obs = state.observations[0]
    with pytest.raises(InvalidValueError, match="version: must be >= 0"):
        attrs.evolve(state, version=-1)
    with pytest.raises(InvalidValueError, match="observations: must be a list of observations"):
        attrs.evolve(state, observations=[obs])
    with pytest.raises(InvalidValueError, match="observations: must hold observations, not str"):
        attrs.evolve(state, observations=("rate",))
    with pytest.raises(InvalidValueError, match="twice"):
        attrs.evolve(state, observations=(obs, obs))
    with pytest.raises(InvalidValueError, match="sources: must be a list of source names"):
        Observation(field="rate", value="50", evidence=obs.evidence, sources="wire")  # type: ignore[arg-type]
