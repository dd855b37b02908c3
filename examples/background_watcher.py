"""Run a tradewatch watcher in the background of your own application.

`Watcher.start()` returns at once: the watcher polls its feeds on its own scheduler threads while the
program goes on with its own work (here, a stand-in loop). A callback registered with `@watcher.on(...)` is
called for each alert, in a worker thread of its own, and `stop()` lets a poll under way finish and commit
before it returns, so nothing is left half-written in the store.

    python examples/background_watcher.py https://example.org/trade.rss --store tradewatch.sqlite
    python examples/background_watcher.py URL [URL ...] --interval 60 --seconds 600

Without `--seconds` it runs until Ctrl-C. The first poll of each feed sets a baseline and alerts nobody;
from then on, a tariff rate that moves calls `on_rate_change`. The store keeps that baseline, so a second
run carries on where the first one stopped. `make demo` serves sample feeds that change, to try it on.
"""

from __future__ import annotations

import argparse
import threading
import time

from tradewatch import Alert, Source, Tariff, Watcher, rules


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Watch feeds in the background of a running program.")
    parser.add_argument(
        "urls", nargs="+", metavar="URL", help="RSS or Atom feeds (http://, https://, file://)"
    )
    parser.add_argument("--store", default="tradewatch.sqlite", help="the SQLite file the watcher keeps")
    parser.add_argument("--interval", type=float, default=900, help="seconds between polls of a feed")
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long (default: Ctrl-C)")
    args = parser.parse_args(argv)

    # The URL doubles as the source's name: unique, and stable from one run to the next, which matters
    # because the store files each feed's baseline and history under its name.
    sources = [Source(name=url, url=url, interval=args.interval) for url in args.urls]
    watcher = Watcher(sources, store=args.store)
    lock = threading.Lock()  # the callback runs in another thread than the application's loop
    seen: list[Alert] = []

    @watcher.on(rules.changed(Tariff, "rate"))
    def on_rate_change(alert: Alert) -> None:
        change = alert.change
        assert change is not None  # a `changed` rule always carries the change
        old = "none" if change.old is None else f"{change.old}%"  # None: the tariff had no rate before
        print(f"tariff {change.key}: {old} -> {change.new}% ({alert.item.source}: {alert.item.title})")
        with lock:
            seen.append(alert)

    deadline = None if args.seconds is None else time.monotonic() + args.seconds
    ticks = 0
    try:
        watcher.start()  # returns at once
        print(
            f"watching {len(sources)} feeds every {args.interval:g}s; alerts arrive while the program works"
        )
        while deadline is None or time.monotonic() < deadline:
            ticks += 1  # the application's own work goes here; the watcher never blocks it
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()  # polls under way finish and commit; safe even if start() failed
    with lock:
        print(f"stopped after {ticks} rounds of the program's own work; {len(seen)} tariff alerts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
