"""Hypothesis strategies for every public tradewatch type, valid by construction.

For your own tests of callbacks, sinks and serialisers (needs ``hypothesis``, in the ``dev`` extra)::

    from hypothesis import given
    from tradewatch import testing

    @given(testing.events())
    def test_my_callback_accepts_any_event(event):
        my_callback(event)

Every strategy takes no required arguments; `jurisdictions` and `tariffs` take optional ones to narrow what
they draw.
"""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta, timezone

import attrs
from hypothesis import strategies as st

from .model import (
    ControlKind,
    ControlStatus,
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    Granularity,
    Item,
    Jurisdiction,
    MeasureKind,
    Negotiation,
    NegotiationStatus,
    Product,
    Rate,
    Tariff,
    TariffStatus,
    Threat,
    Truce,
    TruceStatus,
)
from .model._checks import EXTRA_JURISDICTIONS
from .model._countries import COUNTRY_NAMES

__all__ = [
    "date_spans",
    "events",
    "evidence",
    "export_controls",
    "items",
    "jurisdictions",
    "negotiations",
    "products",
    "rates",
    "tariffs",
    "threats",
    "truces",
]

_SPECIFIC = sorted([*COUNTRY_NAMES, "EU"])
_ZONES = [UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))]
_WORDS = st.text(string.ascii_lowercase + "-", min_size=1, max_size=12)


def jurisdictions(*, allow_all: bool = True) -> st.SearchStrategy[Jurisdiction]:
    """Valid codes: ISO 3166-1 alpha-2, "EU", and "*" unless `allow_all` is false."""
    codes = _SPECIFIC + (["*"] if allow_all else [])
    assert set(codes) <= set(COUNTRY_NAMES) | set(EXTRA_JURISDICTIONS)
    return st.sampled_from(codes).map(Jurisdiction)


def rates() -> st.SearchStrategy[Rate]:
    return st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False).map(Rate)


def products() -> st.SearchStrategy[Product]:
    hs_code = st.integers(1, 5).flatmap(
        lambda pairs: st.text(string.digits, min_size=2 * pairs, max_size=2 * pairs)
    )
    return st.builds(
        Product,
        name=st.lists(_WORDS, min_size=1, max_size=4).map(" ".join),
        hs_codes=st.lists(hs_code, max_size=3).map(tuple),
    )


def _days() -> st.SearchStrategy[date]:
    return st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


def date_spans() -> st.SearchStrategy[DateSpan]:
    return st.builds(
        lambda start, length, granularity, text: DateSpan(
            start=start, end=start + timedelta(days=length), granularity=granularity, text=text
        ),
        _days(),
        st.integers(0, 400),
        st.sampled_from(Granularity),
        st.text(max_size=40),
    )


def _aware_datetimes() -> st.SearchStrategy[datetime]:
    return st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2060, 1, 1), timezones=st.sampled_from(_ZONES)
    )


def _non_blank(max_size: int = 200) -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=max_size).filter(str.strip)


def evidence() -> st.SearchStrategy[Evidence]:
    return st.builds(
        lambda sentence, start, confidence, item_id, url, source, published: Evidence(
            sentence=sentence,
            start=start,
            end=start + len(sentence),
            confidence=confidence,
            item_id=item_id,
            url=url,
            source=source,
            published=published,
        ),
        _non_blank(),
        st.integers(0, 1_000_000),
        st.floats(0, 1),
        st.none() | _non_blank(60),
        st.none() | st.just("https://example.org/news/1") | _non_blank(80),
        st.none() | _non_blank(40),
        st.none() | _aware_datetimes(),
    )


def _two_different() -> st.SearchStrategy[tuple[Jurisdiction, Jurisdiction]]:
    return st.tuples(jurisdictions(allow_all=False), jurisdictions()).filter(lambda p: p[0] != p[1])


def tariffs(*, status: TariffStatus | None = None) -> st.SearchStrategy[Tariff]:
    return st.builds(
        lambda pair, **kw: Tariff(imposer=pair[0], target=pair[1], **kw),
        _two_different(),
        status=st.just(status) if status else st.sampled_from(TariffStatus),
        evidence=evidence(),
        product=st.none() | products(),
        rate=st.none() | rates(),
        previous_rate=st.none() | rates(),
        effective=st.none() | date_spans(),
        authority=st.none() | st.sampled_from(["Section 301", "Section 232", "IEEPA", "anti-dumping"]),
    )


def export_controls() -> st.SearchStrategy[ExportControl]:
    return st.builds(
        lambda pair, **kw: ExportControl(imposer=pair[0], target=pair[1], **kw),
        _two_different(),
        item=st.none() | products(),
        control=st.sampled_from(ControlKind),
        status=st.sampled_from(ControlStatus),
        evidence=evidence(),
        effective=st.none() | date_spans(),
    )


def _parties() -> st.SearchStrategy[tuple[Jurisdiction, ...]]:
    return st.lists(jurisdictions(allow_all=False), min_size=2, max_size=4, unique=True).map(tuple)


def truces() -> st.SearchStrategy[Truce]:
    return st.builds(
        Truce,
        parties=_parties(),
        status=st.sampled_from(TruceStatus),
        evidence=evidence(),
        until=st.none() | date_spans(),
    )


def negotiations() -> st.SearchStrategy[Negotiation]:
    return st.builds(
        Negotiation,
        parties=_parties(),
        status=st.sampled_from(NegotiationStatus),
        evidence=evidence(),
        venue=st.none() | _non_blank(40),
        round=st.none() | st.integers(1, 40),
        when=st.none() | date_spans(),
        delegates=st.lists(_non_blank(40).map(str.strip), max_size=4).map(tuple),
    )


def _measure_for(actor: Jurisdiction) -> st.SearchStrategy[Tariff | ExportControl | None]:
    def same_actor(event: Tariff | ExportControl) -> Tariff | ExportControl:
        target = event.target if event.target != actor else ("*" if actor != "*" else "US")
        return attrs.evolve(event, imposer=actor, target=target)

    return st.none() | (tariffs(status=TariffStatus.PROPOSED) | export_controls()).map(same_actor)


def threats() -> st.SearchStrategy[Threat]:
    def build(
        actor: Jurisdiction,
        target: Jurisdiction,
        measure: Tariff | ExportControl | None,
        other_kind: MeasureKind,
        evidence: Evidence,
        condition: str | None,
        deadline: DateSpan | None,
    ) -> Threat:
        kinds = {Tariff: MeasureKind.TARIFF, ExportControl: MeasureKind.EXPORT_CONTROL}
        return Threat(
            actor=actor,
            target=target,
            measure=measure,
            kind=kinds.get(type(measure), other_kind),
            evidence=evidence,
            condition=condition,
            deadline=deadline,
        )

    return jurisdictions(allow_all=False).flatmap(
        lambda actor: st.builds(
            build,
            st.just(actor),
            jurisdictions(),
            _measure_for(actor),
            st.sampled_from([MeasureKind.SANCTION, MeasureKind.OTHER]),
            evidence(),
            st.none() | _non_blank(100),
            st.none() | date_spans(),
        )
    )


def events() -> st.SearchStrategy[Event]:
    """Any event, of any of the five types."""
    return st.one_of(tariffs(), export_controls(), truces(), negotiations(), threats())


def items() -> st.SearchStrategy[Item]:
    return st.builds(
        Item,
        id=_non_blank(80),
        source=_non_blank(40),
        title=st.text(max_size=120),
        text=st.text(max_size=2000),
        url=st.none() | st.just("https://example.org/a"),
        published=_aware_datetimes(),
    )
