"""Extraction speed: items/s for 2 KB news items on one core, and the time for one 1 MB text.

    .venv/bin/python bench/extract.py [--items 2000] [--repeat 3]

The 2 KB items are built from the development corpus (tests/corpus/dev): each corpus text is repeated or cut
to 2,048 characters, so the items are as dense in trade-policy sentences as real wire copy, which is the
worst case for the extractor (a sentence without a trigger word costs one regular-expression test). Beside it,
the same items through the sentence splitter and trigger test alone, the floor of any per-sentence reader, and
the worst case found for the readers of lists of goods: one 256 KB sentence (the most of an item that is read)
of 5,000 duties joined by "and".
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tradewatch import extract
from tradewatch.evaluate import load_corpus
from tradewatch.extract._extractor import _has_trigger
from tradewatch.extract._text import sentences

CORPUS = Path(__file__).parents[1] / "tests" / "corpus" / "dev"


def two_kb_items(count: int) -> list[str]:
    texts = [item["text"] for item in load_corpus(CORPUS)]
    items = []
    for i in range(count):
        text = texts[i % len(texts)]
        items.append((text + "\n\n" + text * 3)[:2048])
    return items


def best(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(items: list[str]) -> None:
    for text in items:
        for a, b in sentences(text):
            _has_trigger(text[a:b])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    items = two_kb_items(args.items)
    events = sum(len(extract(t, published=None)) for t in items[:200])
    full = best(lambda: [extract(t) for t in items], args.repeat)
    split = best(lambda: floor(items), args.repeat)
    corpus_text = "\n\n".join(item["text"] for item in load_corpus(CORPUS))
    one_mb = (corpus_text * 20)[:1_000_000]
    plain = ("The port handled more containers this month than last year, officials said. " * 14_000)[
        :1_000_000
    ]
    print(f"Python {platform.python_version()}, one process, {len(items)} items of 2,048 characters")
    print(
        f"extract():                       {len(items) / full:10,.0f} items/s  ({events / 200:.1f} events/item)"
    )
    print(
        f"sentence split + trigger test:   {len(items) / split:10,.0f} items/s  (floor of a per-sentence reader)"
    )
    print(f"1 MB of trade news, one text:    {best(lambda: extract(one_mb), args.repeat):10.2f} s")
    print(f"1 MB of plain prose, one text:   {best(lambda: extract(plain), args.repeat):10.2f} s")
    # The worst case of a reader of lists of goods: one sentence as long as an item may be, every clause a duty
    lists = ("The U.S. imposed a 25% penalty on Indian goods and " * 5_200)[:256_000] + "steel."
    print(f"256 KB sentence of 5,000 lists:  {best(lambda: extract(lists), 1):10.2f} s")


if __name__ == "__main__":
    main()
