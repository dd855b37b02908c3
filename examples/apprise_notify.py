"""Send alerts to Slack, email, or any other service Apprise knows, as readable messages.

Apprise is an optional extra:

    pip install "tradewatch[apprise]"

Each service is one Apprise URL, given with `--notify` (repeat it for several services). The usual forms:

    slack://TokenA/TokenB/TokenC/#trade-alerts      a Slack incoming webhook (the three parts of its URL)
    mailtos://user:app-password@gmail.com           email through Gmail, to the same address
    mailtos://user:password@mail.example.com?to=desk@example.com   any SMTP server, to another address
    json://hooks.example.com/tradewatch             a plain JSON POST, handy to try things out

The full list is in the Apprise documentation (https://github.com/caronc/apprise/wiki). These URLs hold
tokens and passwords: keep them out of shell history and version control.

    python examples/apprise_notify.py URL [URL ...] --notify "slack://TokenA/TokenB/TokenC/#trade"
    python examples/apprise_notify.py URL --notify "mailtos://me:pw@gmail.com" --poll-once

Without `--poll-once` it polls on schedule until Ctrl-C. The first poll of each feed sets a baseline; later
ones notify when a tariff rate moves by 10 points or more, or a truce's end date moves.
"""

from __future__ import annotations

import argparse

from tradewatch import Source, Tariff, Truce, Watcher, rules
from tradewatch.sinks import AppriseSink


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Notify Slack, email and more through Apprise.")
    parser.add_argument(
        "urls", nargs="+", metavar="URL", help="RSS or Atom feeds (http://, https://, file://)"
    )
    parser.add_argument(
        "--notify", action="append", required=True, metavar="APPRISE_URL", help="where to send alerts"
    )
    parser.add_argument("--store", default="tradewatch.sqlite", help="the SQLite file the watcher keeps")
    parser.add_argument("--poll-once", action="store_true", help="poll every feed once, notify, and exit")
    args = parser.parse_args(argv)

    # One sink for all the services. Apprise turns the Markdown into what each service shows best.
    # A bad URL fails here, before any polling, with a SinkConfigError that does not repeat the secrets.
    team = AppriseSink(args.notify, name="team", body_format="markdown")
    # The URL doubles as the source's name: unique, and stable from one run to the next.
    sources = [Source(name=url, url=url) for url in args.urls]

    with Watcher(sources, store=args.store) as watcher:
        watcher.add_sink(team)
        # Alerts go to every sink the rule names: the team, and the watcher's own log as a record.
        big_moves = rules.changed(Tariff, "rate", min_delta=10) | rules.changed(Truce, "until")
        watcher.add_rule(big_moves.named("tariff or truce moved"), sinks=["team", "log"])
        if args.poll_once:
            report = watcher.poll_once()
            # A failed notification is not lost: it stays in the store's outbox, and is tried again with
            # backoff (on the next run, with --poll-once).
            sent = report.delivery
            print(
                f"{len(report.alerts)} alerts; deliveries: {sent.delivered} made, {sent.failed} to retry later"
            )
        else:
            watcher.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
