"""Read trade-policy events out of a piece of news text, with the sentence each one came from.

This is tradewatch used as a plain library: no feeds, no store, no watcher. `tradewatch.extract` turns a
text into typed events (`Tariff`, `ExportControl`, `Truce`, `Negotiation`, `Threat`), and
`tradewatch.serial.to_json` gives each one in the stable JSON wire format, ready to store or send.

Run it on the sample text below, or on a text file of your own:

    python examples/extract_text.py
    python examples/extract_text.py article.txt --published 2025-03-03
"""

from __future__ import annotations

import argparse
import pathlib
from datetime import date

from tradewatch import extract, serial

# A made-up wire story. Each sentence states one measure, so each should come back as one event.
SAMPLE = """\
Brussels, March 3. The European Union said it will raise its tariff on Chinese electric bicycles to 45% \
from 18% on April 1. Officials in Beijing answered that China will ban exports of graphite to the European \
Union. Separately, the United States and Japan agreed to extend their truce until June 30. Negotiators \
from Canada and Mexico will meet in Ottawa on May 5 for a second round of talks. President Trump \
threatened a 50% tariff on Brazilian coffee unless Brasilia drops its digital tax.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the trade-policy events a news text states.")
    parser.add_argument("file", nargs="?", type=pathlib.Path, help="a UTF-8 text file (default: a sample)")
    parser.add_argument(
        "--published",
        type=date.fromisoformat,
        default=date(2025, 3, 3),
        help="the day the text was published, YYYY-MM-DD (anchors dates such as 'on April 1')",
    )
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8") if args.file else SAMPLE

    events = extract(text, published=args.published)
    for number, event in enumerate(events, 1):
        # The evidence is the exact sentence the event was read from: show it next to the fact, so a
        # reader can judge the reading without going back to the article.
        print(f"{number}. {event.TYPE}: {event.evidence.sentence}")
        print(f"   {serial.to_json(event)}")
    print(f"{len(events)} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
