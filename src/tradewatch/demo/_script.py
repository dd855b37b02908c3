"""The demo's script: its three sources, the feed file each serves at each step, and what each step changes.

Feed files live in ``feeds/`` as ``<source>.<step>.xml``: the whole feed as it reads from that step on, old
items kept as real feeds keep them. A source without a file for a step serves its previous one unchanged.
"""

from __future__ import annotations

import enum
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

import attrs

from tradewatch.model import (
    Change,
    DateSpan,
    Event,
    ExportControl,
    Negotiation,
    Product,
    Rate,
    Tariff,
    Truce,
)

__all__ = [
    "DEMO_SOURCES",
    "DEMO_STEPS",
    "DemoSource",
    "DemoStep",
    "ExpectedChange",
    "feed_bytes",
    "feed_file_name",
    "measure_parts",
    "plain",
]


@attrs.frozen(kw_only=True)
class DemoSource:
    """One of the demo's feeds: its name (the source name in the config), format and tags."""

    name: str
    format: str  # "rss" or "atom"
    title: str
    tags: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        kind = "atom" if self.format == "atom" else "rss"
        return f"application/{kind}+xml; charset=utf-8"


DEMO_SOURCES: tuple[DemoSource, ...] = (
    DemoSource(name="wire", format="rss", title="Harbour Wire: Trade and Tariffs", tags=("demo", "news")),
    DemoSource(
        name="ministry", format="atom", title="Ministry of Commerce: news releases", tags=("demo", "official")
    ),
    DemoSource(
        name="trade-desk", format="rss", title="The Trade Desk: daily briefing", tags=("demo", "news")
    ),
)


def measure_parts(event: Event) -> tuple[str, ...]:
    """The parts of the measure key of `event`, in the ledger's order: tariff (imposer, target, product),
    export control (imposer, target, item), truce and negotiation (parties), threat (actor, target, kind,
    product). A missing product is ``""``."""
    if isinstance(event, Tariff):
        return (event.imposer, event.target, _name(event.product))
    if isinstance(event, ExportControl):
        return (event.imposer, event.target, _name(event.item))
    if isinstance(event, Truce | Negotiation):
        return tuple(event.parties)
    measure = event.measure
    product = measure.product if isinstance(measure, Tariff) else measure.item if measure else None
    return (event.actor, event.target, event.kind.value, _name(product))


def _name(product: Product | None) -> str:
    return product.name if product is not None else ""


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def plain(value: Any) -> str | None:
    """A value as the demo's expectations spell it: rates and numbers as plain decimals ("100"), date spans
    as their day ("2025-11-10") or ``start/end``, enums by value, products by name. Accepts both Python
    values and their wire form (a span as a mapping with ``start`` and ``end``), since a `Change` carries
    the latter."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, DateSpan):
        return _span(value.start.isoformat(), value.end.isoformat())
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Product):
        return value.name
    if isinstance(value, Rate):
        value = value.percent
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            return _span(str(value["start"]), str(value["end"]))
        if "name" in value:
            return str(value["name"])
    if isinstance(value, list | tuple):
        return ", ".join(str(plain(v)) for v in value)
    if isinstance(value, int | float | Decimal) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        # normalize() alone writes 100 as "1E+2".
        return f"{number.normalize():f}"
    return str(value)


def _span(start: str, end: str) -> str:
    return start if start == end else f"{start}/{end}"


def _attribute(event: object, path: str) -> Any:
    value: Any = event
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


@attrs.frozen(kw_only=True)
class ExpectedChange:
    """A change the ledger must report at a step, and that the demo should alert on.

    `type` is the event type and `key` the parts of its measure key (see `measure_parts`). A ``changed``
    change names its `field` with `old` and `new` in the spelling of `plain`; a ``new`` one has none.
    `fields` are (attribute path, value) pairs the event that brought the change must carry, such as
    ``("venue", "Madrid")`` or ``("measure.rate", "200")``. The ledger may report other fields of the same
    event as well (a status, an effective date): expectations name the change the script is about.
    """

    type: str
    key: tuple[str, ...]
    kind: str = "changed"
    field: str | None = None
    old: str | None = None
    new: str | None = None
    fields: tuple[tuple[str, str], ...] = ()

    def matches(self, change: Change) -> bool:
        """Whether `change` is this expected change."""
        event = change.event
        if self.type != event.TYPE or measure_parts(event) != self.key or change.kind.value != self.kind:
            return False
        if self.kind == "changed" and (
            change.field != self.field or plain(change.old) != self.old or plain(change.new) != self.new
        ):
            return False
        return self.carried_by(event)

    def carried_by(self, event: Event) -> bool:
        """Whether `event` is of this measure and carries the expected `fields`."""
        if self.type != event.TYPE or measure_parts(event) != self.key:
            return False
        return all(plain(_attribute(event, path)) == value for path, value in self.fields)

    def describe(self) -> str:
        what = f"{self.type} {' / '.join(part for part in self.key if part)}"
        if self.kind == "new":
            details = ", ".join(f"{path} {value}" for path, value in self.fields)
            return f"{what}: new" + (f" ({details})" if details else "")
        return f"{what}: {self.field} {self.old} -> {self.new}"

    def __str__(self) -> str:
        return self.describe()


@attrs.frozen(kw_only=True)
class DemoStep:
    """One step of the demo.

    `feeds` are the sources whose feed changes at this step (every source at step 0), `items` the ids
    (guids) of the items that appear, `distractors` those of them that state no event, and `syndicated`
    the sources that carry one story at this step (so the ledger counts it as corroborated, and only the
    first to be polled alerts). `expected` are the changes the step makes. Step 0 is the baseline: a
    source's first poll sets the ledger's state and fires no alert, so its `expected` are ``new`` changes
    that nobody is told about.
    """

    number: int
    title: str
    feeds: tuple[str, ...]
    items: tuple[str, ...]
    distractors: tuple[str, ...] = ()
    syndicated: tuple[str, ...] = ()
    expected: tuple[ExpectedChange, ...] = ()

    @property
    def baseline(self) -> bool:
        return self.number == 0


_EV = ("US", "CN", "electric vehicles")
_US_CN = ("CN", "US")

DEMO_STEPS: tuple[DemoStep, ...] = (
    DemoStep(
        number=0,
        title="Baseline: a 25% U.S. tariff on Chinese EVs, a truce until Aug. 12, China's gallium and "
        "germanium ban",
        feeds=("wire", "ministry", "trade-desk"),
        items=(
            "hw-20250602-0815-us-ev-tariff",
            "td-2025-06-03-truce-clock",
            "tag:ministry.example.invalid,2025-06-04:gallium-germanium",
            "td-2025-06-04-long-beach-volumes",
        ),
        distractors=("td-2025-06-04-long-beach-volumes",),
        expected=(
            ExpectedChange(
                type="tariff", key=_EV, kind="new", fields=(("rate", "25"), ("status", "in_force"))
            ),
            ExpectedChange(
                type="truce", key=_US_CN, kind="new", fields=(("until", "2025-08-12"), ("status", "agreed"))
            ),
            ExpectedChange(
                type="export_control",
                key=("CN", "US", "gallium"),
                kind="new",
                fields=(("control", "ban"), ("status", "imposed")),
            ),
            ExpectedChange(
                type="export_control",
                key=("CN", "US", "germanium"),
                kind="new",
                fields=(("control", "ban"), ("status", "imposed")),
            ),
        ),
    ),
    DemoStep(
        number=1,
        title="The U.S. raises its tariff on Chinese EVs from 25% to 100%",
        feeds=("wire",),
        items=("hw-20250610-1405-us-ev-tariff-raise",),
        expected=(
            ExpectedChange(
                type="tariff",
                key=_EV,
                field="rate",
                old="25",
                new="100",
                fields=(("previous_rate", "25"), ("status", "raised"), ("effective", "2025-07-01")),
            ),
        ),
    ),
    DemoStep(
        number=2,
        title="The U.S.-China truce is extended from Aug. 12 to Nov. 10 (on two sources)",
        feeds=("wire", "trade-desk"),
        items=("hw-20250811-1802-us-china-truce", "td-2025-08-11-truce-extended"),
        syndicated=("wire", "trade-desk"),
        expected=(
            ExpectedChange(
                type="truce",
                key=_US_CN,
                field="until",
                old="2025-08-12",
                new="2025-11-10",
                fields=(("status", "extended"),),
            ),
        ),
    ),
    DemoStep(
        number=3,
        title="China lifts its ban on gallium and germanium exports to the U.S.",
        feeds=("ministry",),
        items=(
            "tag:ministry.example.invalid,2025-08-20:gallium-germanium-lifted",
            "tag:ministry.example.invalid,2025-08-20:july-trade-figures",
        ),
        distractors=("tag:ministry.example.invalid,2025-08-20:july-trade-figures",),
        expected=tuple(
            ExpectedChange(
                type="export_control",
                key=("CN", "US", metal),
                field="status",
                old="imposed",
                new="lifted",
                fields=(("control", "ban"),),
            )
            for metal in ("gallium", "germanium")
        ),
    ),
    DemoStep(
        number=4,
        title="A fourth round of U.S.-China talks is set for Madrid on Sept. 14",
        feeds=("trade-desk",),
        items=("td-2025-09-05-madrid-round",),
        expected=(
            ExpectedChange(
                type="negotiation",
                key=_US_CN,
                kind="new",
                fields=(
                    ("status", "scheduled"),
                    ("venue", "Madrid"),
                    ("round", "4"),
                    ("when", "2025-09-14"),
                ),
            ),
        ),
    ),
    DemoStep(
        number=5,
        title="Trump threatens a 200% tariff on Chinese rare-earth magnets from Nov. 1",
        feeds=("wire", "trade-desk"),
        items=("hw-20251010-2012-magnet-tariff-threat", "td-2025-10-10-freight-rates"),
        distractors=("td-2025-10-10-freight-rates",),
        expected=(
            ExpectedChange(
                type="threat",
                key=("US", "CN", "tariff", "rare-earth magnets"),
                kind="new",
                fields=(
                    ("measure.rate", "200"),
                    ("condition", "unless Beijing resumes exports of the magnets"),
                    ("deadline", "2025-11-01"),
                ),
            ),
        ),
    ),
)


def feed_file_name(source: str, step: int) -> str:
    """The name of the file in ``feeds/`` that `source` serves at `step`: its latest change at or before
    that step."""
    names = {s.name for s in DEMO_SOURCES}
    if source not in names:
        raise KeyError(f"no demo source {source!r} (known: {', '.join(sorted(names))})")
    if not 0 <= step < len(DEMO_STEPS):
        raise IndexError(f"no demo step {step} (steps are 0 to {len(DEMO_STEPS) - 1})")
    changed = max(s.number for s in DEMO_STEPS[: step + 1] if source in s.feeds)
    return f"{source}.{changed}.xml"


def feed_bytes(source: str, step: int) -> bytes:
    """The feed document `source` serves at `step`."""
    return (resources.files("tradewatch.demo") / "feeds" / feed_file_name(source, step)).read_bytes()
