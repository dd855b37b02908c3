"""Score an extractor on a labelled corpus: per-type precision, recall and F1, and field accuracy.

    python -m tradewatch.evaluate tests/corpus/dev [--errors] [--json]

A corpus is a folder of JSON files (or one file), each an array of items ``{"id", "published", "title",
"text", "events"}`` with the expected events in the wire format, without evidence (tests/corpus/README.md).

Events are matched within an item by type and key: imposer and target for tariffs and export controls,
parties for truces and negotiations, actor for threats. Where several events share a key (one tariff per
product), they are paired by product. A field is scored on every matched pair where either side has a value:
rates and statuses exactly, products by their words (plural and hyphenation aside), dates by their first and
last day, venues ignoring case.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs

from . import serial
from .extract import Extractor, RuleBasedExtractor
from .model import Item

TYPES = ("tariff", "export_control", "truce", "negotiation", "threat")
FIELDS = ("rate", "previous_rate", "status", "product", "dates", "venue", "round")
_DATE_FIELDS = ("effective", "until", "when", "deadline")


@attrs.frozen
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@attrs.frozen
class Report:
    items: int
    by_type: dict[str, Counts]
    fields: dict[str, tuple[int, int]]  # field -> (correct, compared)
    errors: list[str]

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total = total + counts
        return total

    @property
    def field_accuracy(self) -> float:
        correct = sum(c for c, _ in self.fields.values())
        compared = sum(n for _, n in self.fields.values())
        return correct / compared if compared else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "micro": _scores(self.micro),
            "by_type": {t: _scores(c) for t, c in self.by_type.items()},
            "field_accuracy": round(self.field_accuracy, 4),
            "fields": {f: {"correct": c, "compared": n} for f, (c, n) in self.fields.items()},
        }

    def table(self) -> str:
        lines = [
            f"{self.items} items",
            f"{'type':16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
        ]
        for name, c in [*self.by_type.items(), ("micro", self.micro)]:
            lines.append(
                f"{name:16} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}"
            )
        lines.append(f"{'field':16} {'accuracy':>8} {'of':>6}")
        for name, (correct, compared) in self.fields.items():
            lines.append(f"{name:16} {correct / compared if compared else 1.0:8.3f} {compared:6d}")
        lines.append(f"{'all fields':16} {self.field_accuracy:8.3f}")
        return "\n".join(lines)


def _scores(c: Counts) -> dict[str, float | int]:
    return {
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
    }


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """Every item of a corpus folder (its *.json files, sorted) or file."""
    root = Path(path)
    files = sorted(root.glob("*.json")) if root.is_dir() else [root]
    items: list[dict[str, Any]] = []
    for file in files:
        items.extend(json.loads(file.read_text(encoding="utf-8")))
    return items


def to_item(raw: dict[str, Any]) -> Item:
    day = datetime.fromisoformat(raw["published"])
    published = day.replace(hour=12, tzinfo=UTC) if day.tzinfo is None else day
    return Item(
        id=raw["id"], source="corpus", title=raw.get("title", ""), text=raw["text"], published=published
    )


def evaluate(corpus: Iterable[dict[str, Any]], extractor: Extractor | None = None) -> Report:
    extractor = extractor or RuleBasedExtractor()
    by_type: dict[str, Counts] = {t: Counts() for t in TYPES}
    fields: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    errors: list[str] = []
    n = 0
    for raw in corpus:
        n += 1
        predicted = [_plain(serial.to_dict(e)) for e in extractor.extract(to_item(raw))]
        gold = [_plain(e) for e in raw["events"]]
        for kind in TYPES:
            pairs, missed, extra = _match(
                [g for g in gold if g["type"] == kind], [p for p in predicted if p["type"] == kind]
            )
            by_type[kind] = by_type[kind] + Counts(len(pairs), len(extra), len(missed))
            for g in missed:
                errors.append(f"{raw['id']}: missed {_short(g)}")
            for p in extra:
                errors.append(f"{raw['id']}: extra  {_short(p)}")
            for g, p in pairs:
                for name, ok in _compare(g, p):
                    fields[name][1] += 1
                    fields[name][0] += ok
                    if not ok:
                        errors.append(
                            f"{raw['id']}: {name}: want {_field(g, name)} got {_field(p, name)}  [{_short(g)}]"
                        )
    return Report(n, by_type, {f: (c, t) for f, (c, t) in fields.items()}, errors)


def _plain(event: dict[str, Any]) -> dict[str, Any]:
    plain: dict[str, Any] = json.loads(json.dumps({k: v for k, v in event.items() if k != "evidence"}))
    return plain


def _key(event: dict[str, Any]) -> tuple[Any, ...]:
    kind = event["type"]
    if kind in ("tariff", "export_control"):
        return (event["imposer"], event["target"])
    if kind in ("truce", "negotiation"):
        return tuple(sorted(event["parties"]))
    return (event["actor"],)


def _match(
    gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    pairs = []
    left = list(predicted)
    missed: list[dict[str, Any]] = []
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        groups[_key(g)].append(g)
    for k, golds in groups.items():
        candidates = [p for p in left if _key(p) == k]
        # Pair the most similar first: by product, then by status.
        scored = sorted(
            ((_similarity(g, p), i, j) for i, g in enumerate(golds) for j, p in enumerate(candidates)),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, i, j in scored:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            pairs.append((golds[i], candidates[j]))
            left.remove(candidates[j])
        missed.extend(g for i, g in enumerate(golds) if i not in used_g)
    return pairs, missed, left


def _similarity(g: dict[str, Any], p: dict[str, Any]) -> float:
    return 2 * _same_product(_product(g), _product(p)) + (g.get("status") == p.get("status"))


def _product(event: dict[str, Any]) -> str | None:
    value = event.get("product") or event.get("item")
    if event["type"] == "threat" and event.get("measure"):
        measure = event["measure"]
        value = measure.get("product") or measure.get("item")
    return value["name"] if value else None


def _words(name: str) -> set[str]:
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.split(r"[\s\-/]+", name.lower()) if w}


def _same_product(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a == b
    wa, wb = _words(a), _words(b)
    return wa == wb or (bool(wa & wb) and (wa <= wb or wb <= wa or _head(a) == _head(b)))


def _head(name: str) -> str:
    words = sorted(_words(name.split()[-1]))
    return words[0] if words else ""


def _rate(event: dict[str, Any], name: str) -> Any:
    if event["type"] == "threat":
        measure = event.get("measure") or {}
        return measure.get(name)
    return event.get(name)


def _date(event: dict[str, Any]) -> tuple[str, str] | None:
    for name in _DATE_FIELDS:
        if event.get(name):
            return (event[name]["start"], event[name]["end"])
    return None


def _field(event: dict[str, Any], name: str) -> Any:
    if name in ("rate", "previous_rate"):
        value = _rate(event, name)
        return None if value is None else str(float(value)).removesuffix(".0")
    if name == "product":
        return _product(event)
    if name == "dates":
        return _date(event)
    if name == "venue":
        return (event.get("venue") or "").lower() or None
    return event.get(name)


def _compare(g: dict[str, Any], p: dict[str, Any]) -> Iterable[tuple[str, bool]]:
    for name in FIELDS:
        want, got = _field(g, name), _field(p, name)
        if want is None and got is None:
            continue
        if name == "product":
            yield name, _same_product(want, got)
        else:
            yield name, want == got


def _short(event: dict[str, Any]) -> str:
    bits = [event["type"], "/".join(_key(event))]
    for name in ("status", "kind"):
        if event.get(name):
            bits.append(str(event[name]))
    product = _product(event)
    if product:
        bits.append(repr(product))
    rate = _field(event, "rate")
    if rate:
        bits.append(f"{rate}%")
    return " ".join(bits)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tradewatch.evaluate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("corpus", help="a folder of corpus JSON files, or one file")
    parser.add_argument("--errors", action="store_true", help="also list every miss, extra and wrong field")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    report = evaluate(load_corpus(args.corpus))
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(report.table())
    if args.errors:
        print("\n".join(report.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
