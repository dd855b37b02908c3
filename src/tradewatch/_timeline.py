"""The history of measures over time: the ledger's `Change`s as rows, as CSV or JSON lines, and as charts.

`rows` and `series` are pure. A ``changed`` change gives one row (its field, old and new value); a ``new``
change, the first report of a measure, gives one row per tracked field it has a value for (old is None), so
that the rows hold every value a measure took, its first ones included. Values are in the ledger's wire form
(a rate as ``"25"``, a date span as an object, a status as its name).

`write_png` draws the series with matplotlib (the ``plot`` extra), imported only when it is called.
"""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

import attrs

from . import serial
from .ledger import Ledger
from .model import Change, ChangeKind

__all__ = [
    "COLUMNS",
    "PlotUnavailableError",
    "Row",
    "Series",
    "rows",
    "series",
    "write_csv",
    "write_json",
    "write_png",
]

#: The columns of a row, in the order CSV writes them.
COLUMNS = (
    "time",
    "key",
    "type",
    "kind",
    "field",
    "old",
    "new",
    "delta",
    "days",
    "contradicted",
    "source",
    "sentence",
    "url",
)


@attrs.frozen(kw_only=True)
class Row:
    """One value a measure took: when it was published, which measure and field, the value it replaced
    (None for the first one) and the new one, in wire form, and the evidence that reported it."""

    time: datetime | None
    key: str
    type: str
    kind: str
    field: str | None
    old: Any
    new: Any
    delta: Decimal | None = None
    days: int | None = None
    contradicted: bool = False
    source: str | None = None
    sentence: str = ""
    url: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The row as plain JSON data (times ISO 8601, decimals as strings), with the wire `schema`."""
        return {
            "schema": serial.SCHEMA,
            "time": None if self.time is None else self.time.isoformat(),
            "key": self.key,
            "type": self.type,
            "kind": self.kind,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "delta": None if self.delta is None else str(self.delta),
            "days": self.days,
            "contradicted": self.contradicted,
            "source": self.source,
            "sentence": self.sentence,
            "url": self.url,
        }


def measure_type(key: str) -> str:
    """The event type of a measure key (``"tariff"`` for ``"tariff:US>CN:steel"``)."""
    return key.split(":", 1)[0]


def rows(changes: Iterable[Change], *, type: str | None = None) -> list[Row]:
    """The rows of `changes` (of one measure type), in the order given (the store's: oldest first)."""
    out: list[Row] = []
    for change in changes:
        kind = measure_type(change.key)
        if type is not None and kind != type:
            continue
        evidence = change.event.evidence
        common: dict[str, Any] = {
            "time": evidence.published,
            "key": change.key,
            "type": kind,
            "kind": change.kind.value,
            "source": evidence.source,
            "sentence": evidence.sentence,
            "url": evidence.url,
        }
        if change.kind is ChangeKind.CHANGED:
            out.append(
                Row(
                    field=change.field,
                    old=change.old,
                    new=change.new,
                    delta=change.delta,
                    days=change.days,
                    contradicted=change.contradicted,
                    **common,
                )
            )
            continue
        firsts = _first_values(change)
        if not firsts:
            out.append(Row(field=None, old=None, new=None, **common))
        out += [Row(field=name, old=None, new=value, **common) for name, value in firsts]
    return out


def _first_values(change: Change) -> list[tuple[str, Any]]:
    """The tracked fields a measure's first event sets, with their values in wire form, in field order."""
    # A ledger of its own reads them exactly as the ledger that recorded the change did.
    ledger = Ledger()
    ledger.apply([change.event])
    state = ledger.state(change.key)
    if state is None:  # pragma: no cover - the ledger keys the event as the change does
        return []
    found: list[tuple[str, Any]] = []
    for observation in state.observations:
        if not found or found[-1][0] != observation.field:
            found.append((observation.field, observation.value))
    return found


# -- CSV and JSON lines -----------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | Decimal):
        return str(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def write_csv(found: Sequence[Row], out: TextIO) -> None:
    """A header row, then one line per row; a value that is an object or array (a date span, delegates)
    is written as compact JSON, None as an empty cell."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow([_cell(getattr(row, name)) for name in COLUMNS])


def write_json(found: Sequence[Row], out: TextIO) -> None:
    """One JSON object per row and line, each with ``"schema"``."""
    for row in found:
        out.write(json.dumps(row.as_json(), ensure_ascii=False) + "\n")


# -- series and charts ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Series:
    """What the charts show, by measure (the key without its type): each tariff's rate in percent, and
    each truce's last day, from the time they were published; points in time order. Rows without a
    published time are left out."""

    tariff_rates: dict[str, list[tuple[datetime, Decimal]]]
    truce_ends: dict[str, list[tuple[datetime, date]]]


def _rate(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _end(value: Any) -> date | None:
    if not isinstance(value, dict) or not isinstance(value.get("end"), str):
        return None
    try:
        return date.fromisoformat(value["end"])
    except ValueError:
        return None


def series(found: Iterable[Row]) -> Series:
    """The tariff rates and truce end dates in `found`, by measure."""
    rates: dict[str, list[tuple[datetime, Decimal]]] = {}
    ends: dict[str, list[tuple[datetime, date]]] = {}
    for row in found:
        if row.time is None or row.new is None:
            continue
        label = row.key.split(":", 1)[1] if ":" in row.key else row.key
        if row.type == "tariff" and row.field == "rate" and (rate := _rate(row.new)) is not None:
            rates.setdefault(label, []).append((row.time, rate))
        elif row.type == "truce" and row.field == "until" and (end := _end(row.new)) is not None:
            ends.setdefault(label, []).append((row.time, end))
    for rate_points in rates.values():
        rate_points.sort(key=lambda point: point[0])
    for end_points in ends.values():
        end_points.sort(key=lambda point: point[0])
    return Series(tariff_rates=dict(sorted(rates.items())), truce_ends=dict(sorted(ends.items())))


class PlotUnavailableError(RuntimeError):
    """matplotlib is not installed."""


PLOT_HINT = 'charts need matplotlib: pip install "tradewatch[plot]"'


def write_png(data: Series, path: str | Path, *, title: str = "tradewatch timeline") -> None:
    """Draw a step chart of the tariff rates and one of the truce end dates into a PNG file at `path`.

    Uses matplotlib's Agg backend through a figure of its own (pyplot's global state is left alone). Raises
    `PlotUnavailableError` when matplotlib is not installed.
    """
    try:
        figure_module: Any = importlib.import_module("matplotlib.figure")
        agg: Any = importlib.import_module("matplotlib.backends.backend_agg")
    except ImportError as exc:
        raise PlotUnavailableError(PLOT_HINT) from exc
    figure = figure_module.Figure(figsize=(11, 8), layout="constrained")
    agg.FigureCanvasAgg(figure)
    rates_axes, truces_axes = figure.subplots(2, 1)
    figure.suptitle(title)

    rates_axes.set_title("Tariff rates (imposer>target:product)")
    rates_axes.set_ylabel("rate, %")
    for label, points in data.tariff_rates.items():
        times = [t for t, _ in points]
        values = [float(v) for _, v in points]
        rates_axes.step(times, values, where="post", marker="o", label=label)
    _finish(rates_axes, bool(data.tariff_rates))

    truces_axes.set_title("Truce end dates (parties)")
    truces_axes.set_ylabel("ends on")
    for label, ends in data.truce_ends.items():
        times = [t for t, _ in ends]
        days = [datetime(d.year, d.month, d.day) for _, d in ends]
        truces_axes.step(times, days, where="post", marker="o", label=label)
    _finish(truces_axes, bool(data.truce_ends))
    truces_axes.set_xlabel("published")
    figure.savefig(str(path), format="png", dpi=100)


def _finish(axes: Any, drawn: bool) -> None:
    if drawn:
        axes.legend(loc="best", fontsize="small")
        axes.grid(True, alpha=0.3)
        for label in axes.get_xticklabels():
            label.set_rotation(20)
    else:
        axes.text(0.5, 0.5, "no data", ha="center", va="center", transform=axes.transAxes)
