"""Wire-format speed: events/s for to_json and from_json over 10,000 mixed events, beside the ceiling of
plain `json.dumps` / `json.loads` on the same already-unstructured dicts, in one run.

    .venv/bin/python bench/serial.py [--events 10000] [--repeat 5]

Prints one table; the best of `--repeat` runs counts (the least disturbed by other work on the machine).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tradewatch import (
    DateSpan,
    Event,
    Evidence,
    ExportControl,
    Negotiation,
    Tariff,
    Threat,
    Truce,
    serial,
)

CODES = ["US", "CN", "EU", "JP", "CA", "MX", "IN", "KR", "BR", "GB", "DE", "VN"]
PRODUCTS = ["steel", "aluminium", "electric vehicles", "soybeans", "rare-earth magnets", "h20 chips"]


def make_events(n: int, seed: int = 7) -> list[Event]:
    rnd = random.Random(seed)
    published = datetime(2025, 8, 12, tzinfo=UTC)
    events: list[Event] = []
    for i in range(n):
        a, b = rnd.sample(CODES, 2)
        sentence = f"Item {i}: officials in {a} said the measure on {b} would change shortly."
        ev = Evidence(
            sentence=sentence,
            start=i,
            end=i + len(sentence),
            confidence=round(rnd.random(), 2),
            item_id=f"item-{i}",
            url=f"https://news.example/{i}",
            source="bench",
            published=published,
        )
        day = date(2025, 1, 1) + timedelta(days=rnd.randrange(365))
        span = DateSpan.day(day, day.isoformat())
        kind = i % 5
        if kind == 0:
            events.append(
                Tariff(
                    imposer=a,
                    target=b,
                    product=rnd.choice(PRODUCTS),
                    rate=rnd.randrange(0, 200),
                    previous_rate=rnd.randrange(0, 200),
                    status="raised",
                    effective=span,
                    authority="Section 301",
                    evidence=ev,
                )
            )
        elif kind == 1:
            events.append(
                ExportControl(
                    imposer=a,
                    target=b,
                    item=rnd.choice(PRODUCTS),
                    control="licence",
                    status="imposed",
                    evidence=ev,
                )
            )
        elif kind == 2:
            events.append(Truce(parties=[a, b], status="extended", until=span, evidence=ev))
        elif kind == 3:
            events.append(
                Negotiation(
                    parties=[a, b],
                    status="scheduled",
                    venue="Geneva",
                    round=rnd.randrange(1, 9),
                    when=span,
                    delegates=["A. Negotiator", "B. Envoy"],
                    evidence=ev,
                )
            )
        else:
            measure = Tariff(imposer=a, target=b, rate=rnd.randrange(10, 300), status="proposed", evidence=ev)
            events.append(
                Threat(actor=a, target=b, measure=measure, condition="unless talks resume", evidence=ev)
            )
    return events


def best_rate(work: Callable[[], Any], count: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    events = make_events(args.events)
    documents = [serial.to_json(e) for e in events]
    dicts = [{"schema": 1, **serial.to_dict(e)} for e in events]
    plain = [json.dumps(d) for d in dicts]
    assert [serial.from_json(d) for d in documents] == events

    n = len(events)
    rows = [
        ("tradewatch to_json", best_rate(lambda: [serial.to_json(e) for e in events], n, args.repeat)),
        ("tradewatch from_json", best_rate(lambda: [serial.from_json(d) for d in documents], n, args.repeat)),
        ("ceiling json.dumps(dict)", best_rate(lambda: [json.dumps(d) for d in dicts], n, args.repeat)),
        ("ceiling json.loads(str)", best_rate(lambda: [json.loads(s) for s in plain], n, args.repeat)),
    ]
    one_doc = serial.to_json(events)
    rows.append(("to_json(list), one document", best_rate(lambda: serial.to_json(events), n, args.repeat)))
    rows.append(
        (
            "from_json(list), one document",
            best_rate(lambda: serial.from_json(one_doc, list[Event]), n, args.repeat),
        )
    )

    print(
        f"{n} mixed events (5 types in equal parts), best of {args.repeat};"
        f" Python {platform.python_version()}"
    )
    print(f"{'operation':34} {'events/s':>12}")
    for name, rate in rows:
        print(f"{name:34} {rate:12,.0f}")
    print(
        f"to_json is {rows[0][1] / rows[2][1]:.2f}x the json.dumps ceiling; "
        f"from_json is {rows[1][1] / rows[3][1]:.2f}x the json.loads ceiling"
    )


if __name__ == "__main__":
    main()
