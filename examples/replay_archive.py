"""Replay an archive of saved feed files, to see what tradewatch would have reported from them.

Point it at a folder of RSS or Atom files (saved with ``curl -o``, exported from a feed reader, kept by a
crawler...). Each file becomes a ``file://`` source and is read once with `poll_once()`. Because a source's
first poll normally only sets a baseline, the sources are made with ``alert_on_first_poll=True``: every
item counts as news, and each measure it states alerts as new (later files in the same run can change it).

    python examples/replay_archive.py saved-feeds/
    python examples/replay_archive.py saved-feeds/ --store replay.sqlite   # keep items and ledger

The store is in memory unless `--store` is given, so a replay leaves nothing behind.
"""

from __future__ import annotations

import argparse
import pathlib

from tradewatch import Source, Watcher, rules
from tradewatch.sinks import render_text

FEED_SUFFIXES = {".xml", ".rss", ".atom"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Poll a folder of saved feed files once and show the alerts."
    )
    parser.add_argument("folder", type=pathlib.Path, help="a folder of .xml, .rss or .atom feed files")
    parser.add_argument("--store", default=":memory:", help="where to keep the results (default: memory)")
    args = parser.parse_args(argv)

    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in FEED_SUFFIXES and p.is_file())
    if not files:
        parser.error(f"no feed files in {args.folder}")
    # The file name is the source's name; the items of the archive carry it in every alert.
    sources = [Source(name=p.name, url=p.resolve().as_uri(), alert_on_first_poll=True) for p in files]

    with Watcher(sources, store=args.store, rules=[rules.event().named("trade event")]) as watcher:
        report = watcher.poll_once()

    events = sum(len(found.events) for found in report.new_items)
    print(f"{len(files)} files, {len(report.new_items)} items, {events} events, {len(report.alerts)} alerts")
    for failed in report.errors:  # a file that is not a feed fails alone; the others are still read
        print(f"! {failed.name}: {failed.error}")
    if report.alerts:
        # In the order the news was published, as a replay should read (items without a date last), and
        # as the sinks' plain-text message: what changed, the item, the sentence it was read from, the id.
        chronological = sorted(report.alerts, key=lambda a: (a.item.published is None, a.item.published or 0))
        print()
        print(render_text(chronological)[1])
    return 1 if report.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
