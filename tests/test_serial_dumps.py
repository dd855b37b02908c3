"""`serial.dumps` writes exactly the text of ``json.dumps(serial.to_dict(obj), ensure_ascii=False)``."""

from __future__ import annotations

import json
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from tradewatch import serial, testing
from tradewatch.ledger import Ledger
from tradewatch.model import Alert, Change, ChangeKind, ItemRef, MeasureState, Observation

_NAMES = st.text(min_size=1, max_size=20).filter(str.strip)
_WIRE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_CHANGES = st.builds(
    lambda key, event, field, old, new, delta, days, previous, contradicted: Change(
        key=key,
        kind=ChangeKind.NEW if field is None else ChangeKind.CHANGED,
        event=event,
        field=field,
        old=old,
        new=new,
        delta=delta,
        days=days,
        previous=previous,
        contradicted=contradicted,
    ),
    _NAMES,
    testing.events(),
    st.none() | _NAMES,
    _WIRE,
    _WIRE,
    st.none() | st.decimals(allow_nan=False, allow_infinity=False),
    st.none() | st.integers(-1000, 1000),
    st.none() | testing.evidence(),
    st.booleans(),
)
_OBSERVATIONS = st.builds(
    lambda field, value, evidence, sources: Observation(
        field=field, value=value, evidence=evidence, sources=sources
    ),
    _NAMES,
    _WIRE.filter(lambda v: v not in (None, "", [])),
    testing.evidence(),
    st.lists(_NAMES, min_size=1, max_size=3),
)
_ALERTS = st.builds(
    lambda rule, item, event, change, created: Alert.make(
        rule=rule, item=ItemRef.of(item), event=event, change=change, created=created
    ),
    _NAMES,
    testing.items(),
    st.none() | testing.events(),
    st.none() | _CHANGES,
    testing.items().map(lambda i: i.published),
)


def _same(obj: Any) -> None:
    assert serial.dumps(obj) == json.dumps(serial.to_dict(obj), ensure_ascii=False)
    assert serial.dumps(obj) == serial.dumps(obj)  # again, from what was written before


# A confidence may be an int (0 or 1): json writes it as one.
_EVIDENCE = testing.evidence() | testing.evidence().map(
    lambda e: attrs.evolve(e, confidence=round(e.confidence))
)


@given(st.one_of(testing.events(), _EVIDENCE, testing.items(), _CHANGES, _OBSERVATIONS, _ALERTS))
def test_dumps_writes_what_json_writes_of_to_dict(obj: Any) -> None:
    _same(obj)


@given(st.lists(testing.events(), min_size=1, max_size=12), st.randoms())
def test_dumps_of_ledger_states_and_changes(events: list[Any], rnd: Any) -> None:
    ledger = Ledger()
    for event in events + [rnd.choice(events) for _ in range(4)]:
        for change in ledger.apply([event]):
            _same(change)
    for state in ledger.dirty().values():
        _same(state)
        _same(serial.from_dict(json.loads(serial.dumps(state)), MeasureState))


@given(testing.events())
def test_an_event_is_written_as_its_body_its_evidence_and_a_brace(event: Any) -> None:
    # The stores write an event with a reference in place of its evidence from this body.
    assert serial.dumps(event) == serial._event_body(event) + serial.dumps(event.evidence) + "}"
    assert serial._event(event) == serial.dumps(event)  # with the body kept, as a store writes it


@given(st.lists(st.integers(0, 30), max_size=80), st.integers(1, 6))
def test_identity_memo_in_bulk_as_one_at_a_time(steps: list[int], size: int) -> None:
    """`get_each` and `put_each` find and keep what `get` and `put` would, across generations."""
    objects = [object() for _ in range(31)]
    one: serial.IdentityMemo[int] = serial.IdentityMemo(size)
    bulk: serial.IdentityMemo[int] = serial.IdentityMemo(size)
    for n, index in enumerate(steps):
        obj = objects[index]
        if n % 3:
            assert bulk.get_each([obj, objects[(index + 1) % 31]]) == [
                one.get(obj),
                one.get(objects[(index + 1) % 31]),
            ]
        else:
            one.put(obj, n)
            bulk.put_each([(obj, n)])
    assert bulk.get_each(objects) == [one.get(o) for o in objects]
