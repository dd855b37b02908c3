"""Write each alert into a table of your own SQLite database, from a plain Python callback.

tradewatch keeps its own store (items, ledger, outbox); this example shows the other side: your
application's database, with a table shaped for your queries. The callback registered with `@watcher.on`
inserts one row per alert.

Delivery is at least once: an alert whose callback failed, timed out or was cut short by a crash is handed
over again later, with the same `alert.id`. So the alert id is the table's primary key and the insert is
``INSERT OR IGNORE``: a repeat changes nothing, and the callback can safely be called twice.

    python examples/callback_to_database.py URL [URL ...] --db alerts.sqlite             # until Ctrl-C
    python examples/callback_to_database.py URL [URL ...] --db alerts.sqlite --poll-once # e.g. from cron

Then, for instance: ``sqlite3 alerts.sqlite "SELECT measure, field, old, new FROM trade_alerts"``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3

from tradewatch import Alert, Source, Tariff, Truce, Watcher, rules, serial

SCHEMA = """
CREATE TABLE IF NOT EXISTS trade_alerts (
    id       TEXT PRIMARY KEY,   -- Alert.id: stable, the same for every delivery of one alert
    created  TEXT NOT NULL,      -- when the rule matched (ISO 8601, UTC)
    rule     TEXT NOT NULL,
    source   TEXT NOT NULL,
    title    TEXT,
    url      TEXT,
    measure  TEXT,               -- the ledger's key, e.g. tariff:US>CN:steel
    field    TEXT,               -- NULL for a measure seen for the first time
    old      TEXT,               -- old and new values in the JSON wire format
    new      TEXT,
    evidence TEXT,               -- the sentence the event was read from
    document TEXT NOT NULL       -- the whole alert (tradewatch.serial.to_json), to read back with from_json
)
"""


def save_alert(db_path: str, alert: Alert) -> None:
    """Store one alert; a second delivery of the same alert is ignored."""
    change, event = alert.change, alert.event
    row = (
        alert.id,
        alert.created.isoformat(),
        alert.rule,
        alert.item.source,
        alert.item.title,
        alert.item.url,
        change.key if change else None,
        change.field if change else None,
        json.dumps(change.old) if change and change.field else None,
        json.dumps(change.new) if change and change.field else None,
        event.evidence.sentence if event else None,
        serial.to_json(alert),
    )
    # Callbacks run in worker threads, so each call opens its own connection rather than sharing one.
    # `with db:` commits, and only a committed row counts: if this raises, tradewatch delivers again.
    with contextlib.closing(sqlite3.connect(db_path, timeout=10)) as db, db:
        db.execute(SCHEMA)
        db.execute("INSERT OR IGNORE INTO trade_alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record trade-policy alerts in your own SQLite table.")
    parser.add_argument(
        "urls", nargs="+", metavar="URL", help="RSS or Atom feeds (http://, https://, file://)"
    )
    parser.add_argument("--db", required=True, help="your database; the trade_alerts table is created in it")
    parser.add_argument("--store", default="tradewatch.sqlite", help="tradewatch's own store")
    parser.add_argument("--poll-once", action="store_true", help="poll every feed once, deliver, and exit")
    args = parser.parse_args(argv)

    # The URL doubles as the source's name: unique, and stable from one run to the next.
    sources = [Source(name=url, url=url) for url in args.urls]
    # New measures, and the two moves that matter most here: a tariff rate and a truce's end date.
    watch = (rules.new() | rules.changed(Tariff, "rate") | rules.changed(Truce, "until")).named(
        "trade changes"
    )

    with Watcher(sources, store=args.store) as watcher:

        @watcher.on(watch, timeout=15)
        def record(alert: Alert) -> None:
            save_alert(args.db, alert)

        if args.poll_once:
            # The first run of a feed only sets its baseline; later runs record what changed since.
            report = watcher.poll_once()
            print(f"{len(report.new_items)} new items, {len(report.alerts)} alerts")
        else:
            watcher.run()  # until Ctrl-C or SIGTERM, then a clean stop
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
