"""The ``tradewatch`` command, built on the public API only (what a user could write themselves)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

import attrs

from . import __version__, serial
from . import _timeline as _tl
from .config import Config, ConfigError, load_config
from .delivery import describe
from .extract import RuleBasedExtractor
from .extract import extract as extract_events
from .feeds import Source, story_keys
from .ledger import Ledger
from .model import Alert, Event, InvalidValueError, Item, MeasureState
from .rules import Produced, evaluate
from .store import DeliveryStatus, OutboxEntry, SourceStatus, Store, StoreError, is_postgres_url, open_store
from .watcher import ItemBatch, NewItem, PollReport, PollStatus, Watcher

__all__ = ["main"]

EXIT_OK = 0
EXIT_POLL_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_INTERRUPTED = 130

_EPILOG = """\
exit status:
  0    success
  1    a poll failed (poll: the source; watch --once: at least one source; demo: a scripted change
       was not reported; replay: a file or line of the archive could not be read)
  2    bad usage or configuration (extract: the file cannot be read; replay: no archive; timeline:
       png without --output, or matplotlib missing)
  3    the store cannot be opened or used (alerts, facts, timeline: it does not exist yet)
  130  interrupted before finishing (poll)

`watch` stops cleanly on SIGINT or SIGTERM (exit status 0): polls under way are committed first.
"""


_MEASURE_TYPES = ["tariff", "export_control", "truce", "negotiation", "threat"]


_STORE_HELP = "the store to use instead of the config's: a SQLite file or a postgresql:// URL"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tradewatch",
        description="Watch trade-policy news feeds and read typed events from new items.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"tradewatch {__version__}")
    parser.add_argument(
        "--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="default: INFO"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    watch = commands.add_parser(
        "watch",
        help="poll the configured sources on their schedule until stopped",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    watch.add_argument("--config", default="tradewatch.toml", help="default: tradewatch.toml")
    watch.add_argument("--store", help=_STORE_HELP)
    watch.add_argument("--once", action="store_true", help="poll every enabled source once, print, and exit")

    poll = commands.add_parser(
        "poll",
        help="fetch one feed once and print its items with their events",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    poll.add_argument("url", help="http(s):// or file:// URL, or a path to a feed file")
    poll.add_argument("--name", help="the source name given to the items (default: the URL's host)")
    poll.add_argument("--json", action="store_true", help="one JSON object per item (JSON lines)")

    sources = commands.add_parser(
        "sources",
        help="show the configured sources and their health",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sources.add_argument("--config", default="tradewatch.toml", help="default: tradewatch.toml")
    sources.add_argument("--store", help=_STORE_HELP)
    sources.add_argument("--json", action="store_true", help="one JSON object per source")

    extract = commands.add_parser(
        "extract",
        help="read the trade-policy events in a text: one JSON event per line",
        description="Read a news text (a file, or standard input with -) and print the events it states, "
        "one JSON document per line, each with the sentence it was read from.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument(
        "file", nargs="?", default="-", help="a text file, or - for standard input (default)"
    )
    extract.add_argument(
        "--published",
        type=_day,
        help="the text's date, YYYY-MM-DD: relative dates ('on Monday', 'in July') resolve against it",
    )
    extract.add_argument("--title", help="the item's headline, if it is not part of the text")

    alerts = commands.add_parser(
        "alerts",
        help="list alerts in the outbox (parked ones by default); --retry replays parked ones",
        description="List the alerts in the store's outbox, one row per alert and sink, newest first. "
        "An alert is parked after too many failed deliveries; --retry makes parked alerts pending again, "
        "so the next watcher delivers them.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    alerts.add_argument("--config", default="tradewatch.toml", help="default: tradewatch.toml")
    alerts.add_argument("--store", help=_STORE_HELP)
    alerts.add_argument(
        "--status",
        choices=["pending", "parked", "delivered", "all"],
        default="parked",
        help="which alerts to list (default: parked)",
    )
    alerts.add_argument("--limit", type=int, default=50, help="at most this many rows (default: 50)")
    alerts.add_argument("--json", action="store_true", help="one JSON object per row")
    alerts.add_argument(
        "--retry",
        nargs="*",
        metavar="ALERT_ID",
        help="replay parked alerts: these ids, or all parked alerts when none is given",
    )

    facts = commands.add_parser(
        "facts",
        help="show the ledger: the current state of every measure",
        description="Show the current state of every measure the ledger knows (a tariff, an export "
        "control, a truce, talks, a threat), with how many sources agree and whether any disagree.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    facts.add_argument("--config", default="tradewatch.toml", help="default: tradewatch.toml")
    facts.add_argument("--store", help=_STORE_HELP)
    facts.add_argument("--type", choices=_MEASURE_TYPES, help="only measures of this type")
    facts.add_argument("--json", action="store_true", help="one JSON object per measure")

    timeline = commands.add_parser(
        "timeline",
        help="the history of measures: one row per value a measure took, as CSV, JSON lines or a chart",
        description="List every value change the ledger recorded, oldest first: when it was published, the "
        "measure, the field, the old and the new value, and the source and sentence that reported it. The "
        "first report of a measure gives one row per field it set (old is empty). png draws a step chart "
        'of tariff rates and one of truce end dates (needs matplotlib: pip install "tradewatch[plot]").',
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    timeline.add_argument("--config", default="tradewatch.toml", help="default: tradewatch.toml")
    timeline.add_argument("--store", help=_STORE_HELP)
    timeline.add_argument("--format", choices=["csv", "json", "png"], default="csv", help="default: csv")
    timeline.add_argument(
        "-o", "--output", metavar="FILE", help="write here (required for png; default: stdout)"
    )
    timeline.add_argument("--type", choices=_MEASURE_TYPES, help="only measures of this type")
    timeline.add_argument(
        "--limit", type=int, help="only the newest N changes the ledger recorded (default: all)"
    )

    replay = commands.add_parser(
        "replay",
        help="run saved feed files (a folder) or saved items (JSON lines) through extraction, ledger and rules",
        description="Replay an archive. A folder: each *.xml, *.rss and *.atom file is polled once as a "
        "file:// source (every item is news), with the rules and sinks of --config if given, into the "
        "config's store, --store, or a throw-away one; the configured sources are left as they were. A "
        "JSON-lines file (lines of `tradewatch.serial.to_json(item)` or of `tradewatch poll --json`): the "
        "items' events are extracted and applied to a ledger in published order (starting from the "
        "store's measures, when there is a store) and the config's rules evaluated; the alerts are printed, "
        "not delivered, and nothing is written to the store.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    replay.add_argument("archive", help="a folder of feed files, or a .jsonl file of items")
    where = replay.add_mutually_exclusive_group()
    where.add_argument("--config", help="rules, sinks and store from this tradewatch.toml")
    where.add_argument("--store", help="the store to replay into (default: :memory:)")
    replay.add_argument("--json", action="store_true", help="alerts, failures and the summary as JSON lines")

    demo = commands.add_parser(
        "demo",
        help="see it work: sample feeds on this machine change step by step; print each alert",
        description="Serve bundled sample feeds on 127.0.0.1 that change over a scripted sequence (a tariff "
        "raised, a truce extended, an export ban lifted, talks scheduled, a threat made), watch them with "
        "the real watcher and rules from a TOML config, and print each alert. Ends by itself in seconds.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument(
        "--keep", metavar="DIR", help="write the demo's tradewatch.toml and store to DIR and keep them"
    )

    init = commands.add_parser(
        "init",
        help="write a starter tradewatch.toml with real trade-policy sources and example rules",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument(
        "--config", default="tradewatch.toml", help="where to write it (default: tradewatch.toml)"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, args.log_level), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        if args.command == "watch":
            return _watch(args.config, once=args.once, store=args.store)
        if args.command == "poll":
            return _poll(args.url, name=args.name, as_json=args.json)
        if args.command == "extract":
            return _extract(args.file, published=args.published, title=args.title)
        if args.command == "alerts":
            return _alerts(
                args.config,
                status=args.status,
                limit=args.limit,
                as_json=args.json,
                retry=args.retry,
                store_spec=args.store,
            )
        if args.command == "facts":
            return _facts(args.config, type_=args.type, as_json=args.json, store_spec=args.store)
        if args.command == "timeline":
            return _timeline(
                args.config,
                fmt=args.format,
                output=args.output,
                type_=args.type,
                limit=args.limit,
                store_spec=args.store,
            )
        if args.command == "replay":
            return _replay(args.archive, config_path=args.config, store_path=args.store, as_json=args.json)
        if args.command == "demo":
            return _demo(args.keep)
        if args.command == "init":
            return _init(args.config, force=args.force)
        return _sources(args.config, as_json=args.json, store_spec=args.store)
    except ConfigError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except StoreError as exc:
        return _fail(f"store: {exc}", EXIT_STORE)
    except KeyboardInterrupt:
        return _fail("interrupted", EXIT_INTERRUPTED)


def _fail(message: str, status: int) -> int:
    print(f"tradewatch: error: {message}", file=sys.stderr)
    return status


# -- extract ----------------------------------------------------------------------------------------------


def _extract(path: str, *, published: date | None, title: str | None) -> int:
    if path == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return _fail(f"cannot read {path}: {exc.strerror or exc}", EXIT_USAGE)
    for event in extract_events(text, published=published, title=title):
        print(serial.to_json(event))
    return EXIT_OK


# -- watch ------------------------------------------------------------------------------------------------


def _load(config_path: str, store_spec: str | None) -> Config:
    """The configuration, with its store replaced by ``--store`` when that was given."""
    config = load_config(config_path)
    return config if store_spec is None else attrs.evolve(config, store=store_spec)


def _watch(config_path: str, *, once: bool, store: str | None) -> int:
    config = _load(config_path, store)
    if not config.sources:
        raise ConfigError(config_path, "no [[source]] tables: nothing to watch")
    opened = open_store(config.store, items_keep=config.keep_items, delivered_keep=config.keep_delivered)
    try:
        watcher = Watcher(
            config.sources,
            store=opened,
            max_workers=config.max_workers,
            cpu_processes=config.cpu_processes,
            public_only=config.public_only,
            rules=[(spec.rule, spec.sinks) for spec in config.rules],
            sinks=config.build_sinks(),
        )
        if not once:
            logging.getLogger("tradewatch").info(
                "watching %d sources; store %s; stop with Ctrl-C or SIGTERM",
                len(config.sources),
                config.store,
            )
            watcher.run()
            return EXIT_OK
        with watcher:
            report = watcher.poll_once()
    finally:
        opened.close()
    _print_report(report, sys.stdout)
    for alert in report.alerts:
        print(f"alert [{alert.rule}] {_alert_summary(alert)}", file=sys.stdout)
    return EXIT_POLL_FAILED if report.errors else EXIT_OK


def _print_report(report: PollReport, out: TextIO) -> None:
    rows = [
        [o.name, o.status.value, str(o.new), str(o.seen), str(o.events), o.error_kind or ""]
        for o in report.outcomes
    ]
    _table(["SOURCE", "STATUS", "NEW", "SEEN", "EVENTS", "ERROR"], rows, out)


# -- poll -------------------------------------------------------------------------------------------------


def _as_url(text: str) -> str:
    if urlsplit(text).scheme in ("http", "https", "file"):
        return text
    path = Path(text)
    if path.exists():
        return path.resolve().as_uri()
    return text  # let Source say what is wrong with it


def _poll(target: str, *, name: str | None, as_json: bool) -> int:
    url = _as_url(target)
    try:
        source = Source(
            name=name or urlsplit(url).hostname or "feed",
            url=url,
            alert_on_first_poll=True,  # a one-off poll: every item is news
        )
    except InvalidValueError as exc:
        return _fail(str(exc), EXIT_USAGE)
    # One feed: worker processes would cost more to start than they save.
    with Watcher([source], store=":memory:", max_workers=1, cpu_processes=0) as watcher:
        report = watcher.poll_once()
    outcome = report[source.name]
    if outcome.status is not PollStatus.UPDATED:
        return _fail(f"{url}: {outcome.error_kind}: {outcome.error}", EXIT_POLL_FAILED)
    for item in outcome.items:
        print(_item_json(item) if as_json else _item_text(item), file=sys.stdout)
    if not as_json:
        print(f"{outcome.new} items, {outcome.events} events", file=sys.stdout)
    return EXIT_OK


def _item_json(found: NewItem) -> str:
    return json.dumps(
        {
            "schema": serial.SCHEMA,
            "item": serial.to_dict(found.item),
            "story_key": found.story_key,
            "events": serial.to_dict(list(found.events)),
        },
        ensure_ascii=False,
    )


def _item_text(found: NewItem) -> str:
    item = found.item
    lines = [f"{item.published:%Y-%m-%d %H:%M}  {item.title or item.id}"]
    if item.url:
        lines.append(f"    {item.url}")
    lines += [f"    - {_event_text(e)}" for e in found.events]
    return "\n".join(lines)


def _event_text(event: Event) -> str:
    fields: dict[str, Any] = serial.to_dict(event)
    evidence = fields.pop("evidence", None) or {}
    kind = fields.pop("type")
    shown = ", ".join(f"{k}={_short(v)}" for k, v in fields.items() if v not in (None, [], ""))
    sentence = evidence.get("sentence", "")
    return f"{kind}: {shown}" + (f'\n        "{sentence}"' if sentence else "")


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("name") or value.get("text") or json.dumps(value, ensure_ascii=False))
    if isinstance(value, list):
        return "/".join(_short(v) for v in value)
    return str(value)


# -- alerts and facts -------------------------------------------------------------------------------------


def _store_exists(spec: str) -> bool:
    return spec == ":memory:" or is_postgres_url(spec) or Path(spec).exists()


def _open_configured_store(config_path: str, store_spec: str | None) -> Store:
    config = _load(config_path, store_spec)
    if not _store_exists(config.store):
        raise StoreError(f"{config.store} does not exist yet: run `tradewatch watch` first")
    return open_store(config.store)


def _alerts(
    config_path: str,
    *,
    status: str,
    limit: int,
    as_json: bool,
    retry: list[str] | None,
    store_spec: str | None = None,
) -> int:
    if limit < 1:
        return _fail(f"--limit must be at least 1, not {limit}", EXIT_USAGE)
    store = _open_configured_store(config_path, store_spec)
    try:
        if retry is not None:
            count = store.replay(retry or None)
            print(f"{count} parked deliveries made pending again", file=sys.stdout)
            return EXIT_OK
        wanted = None if status == "all" else DeliveryStatus(status)
        entries = store.outbox(status=wanted, limit=limit)
    finally:
        store.close()
    if as_json:
        for entry in entries:
            print(json.dumps(_entry_json(entry), ensure_ascii=False), file=sys.stdout)
        return EXIT_OK
    rows = [
        [
            f"{e.created_at:%Y-%m-%d %H:%M}",
            e.status.value,
            e.alert.id[:12],
            e.sink,
            e.alert.rule,
            str(e.attempts),
            _alert_summary(e.alert),
            (e.last_error or "")[:80],
        ]
        for e in entries
    ]
    _table(["CREATED", "STATUS", "ID", "SINK", "RULE", "TRIES", "WHAT", "LAST ERROR"], rows, sys.stdout)
    return EXIT_OK


def _entry_json(entry: OutboxEntry) -> dict[str, Any]:
    def iso(moment: datetime | None) -> str | None:
        return None if moment is None else moment.isoformat()

    return {
        "schema": serial.SCHEMA,
        "status": entry.status.value,
        "sink": entry.sink,
        "attempts": entry.attempts,
        "created_at": iso(entry.created_at),
        "next_attempt_at": iso(entry.next_attempt_at),
        "delivered_at": iso(entry.delivered_at),
        "parked_at": iso(entry.parked_at),
        "last_error": entry.last_error,
        "alert": serial.to_dict(entry.alert),
    }


def _alert_summary(alert: Alert) -> str:
    if alert.event is None and alert.change is None:  # a rule on the item's words alone
        return (alert.item.title or alert.item.id)[:100]
    return describe(alert)


def _facts(config_path: str, *, type_: str | None, as_json: bool, store_spec: str | None = None) -> int:
    store = _open_configured_store(config_path, store_spec)
    try:
        states = store.measures(type=type_)
    finally:
        store.close()
    if as_json:
        for state in states:
            print(serial.to_json(state), file=sys.stdout)
        return EXIT_OK
    rows = []
    for state in states:
        fields: dict[str, Any] = serial.to_dict(state.event)
        evidence = fields.pop("evidence", None) or {}
        fields.pop("type", None)
        shown = ", ".join(f"{k}={_short(v)}" for k, v in fields.items() if v not in (None, [], ""))
        published = (evidence.get("published") or "")[:10]
        rows.append(
            [
                state.key,
                shown[:90],
                str(state.corroborations),
                "yes" if state.contradicted else "",
                published,
                evidence.get("source") or "",
            ]
        )
    _table(["MEASURE", "NOW", "SOURCES", "DISPUTED", "AS OF", "LATEST SOURCE"], rows, sys.stdout)
    return EXIT_OK


# -- timeline and replay ----------------------------------------------------------------------------------


def _timeline(
    config_path: str,
    *,
    fmt: str,
    output: str | None,
    type_: str | None,
    limit: int | None,
    store_spec: str | None = None,
) -> int:
    if fmt == "png" and not output:
        return _fail("--format png needs --output FILE", EXIT_USAGE)
    if limit is not None and limit < 1:
        return _fail(f"--limit must be at least 1, not {limit}", EXIT_USAGE)
    store = _open_configured_store(config_path, store_spec)
    try:
        changes = store.history(limit=limit or _ALL)
    finally:
        store.close()
    found = _tl.rows(changes, type=type_)
    if fmt == "png":
        assert output is not None
        try:
            _tl.write_png(_tl.series(found), output)
        except _tl.PlotUnavailableError as exc:
            return _fail(str(exc), EXIT_USAGE)
        print(f"wrote {output}: {len(found)} rows", file=sys.stderr)
        return EXIT_OK
    write = _tl.write_csv if fmt == "csv" else _tl.write_json
    if output is None:
        write(found, sys.stdout)
        return EXIT_OK
    with open(output, "w", encoding="utf-8", newline="") as out:
        write(found, out)
    return EXIT_OK


#: `Store.history` keeps the newest `limit` changes: this many is all of them.
_ALL = 2**62

_FEED_SUFFIXES = (".xml", ".rss", ".atom")


@attrs.define
class _Replayed:
    """What a replay did, for its summary."""

    what: str  # "files" or "items"
    total: int = 0
    items: int = 0
    events: int = 0
    changes: int = 0
    alerts: list[Alert] = attrs.Factory(list)
    failures: list[tuple[str, str]] = attrs.Factory(list)  # (file or line, why)

    def summary(self) -> dict[str, Any]:
        return {
            self.what: self.total,
            **({"items": self.items} if self.what == "files" else {}),
            "events": self.events,
            "changes": self.changes,
            "alerts": len(self.alerts),
            "failures": len(self.failures),
        }


class _Progress:
    """``\\r  37/120 items`` on standard error, only when it is a terminal."""

    def __init__(self, total: int, unit: str) -> None:
        self._total, self._unit = total, unit
        self._on = sys.stderr.isatty()
        self._shown = False

    def show(self, done: int, extra: str = "") -> None:
        if self._on:
            print(f"\r  {done}/{self._total} {self._unit}{extra}", end="", file=sys.stderr, flush=True)
            self._shown = True

    def end(self) -> None:
        if self._shown:
            print(file=sys.stderr)


def _replay(archive: str, *, config_path: str | None, store_path: str | None, as_json: bool) -> int:
    path = Path(archive)
    if not path.exists():
        return _fail(f"{archive}: no such file or folder", EXIT_USAGE)
    config = load_config(config_path) if config_path is not None else None
    store = config.store if config is not None else (store_path or ":memory:")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _FEED_SUFFIXES)
        if not files:
            return _fail(f"{archive}: no *.xml, *.rss or *.atom files", EXIT_USAGE)
        done = _replay_files(files, config, store)
    else:
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            return _fail(f"cannot read {archive}: {exc.strerror or exc}", EXIT_USAGE)
        done = _replay_items(lines, config, store)
    _print_replay(done, as_json)
    return EXIT_POLL_FAILED if done.failures else EXIT_OK


def _replay_files(files: list[Path], config: Config | None, store_path: str) -> _Replayed:
    sources = [
        Source(name=f"replay:{p.name}"[:500], url=p.resolve().as_uri(), alert_on_first_poll=True)
        for p in files
    ]
    done = _Replayed("files", total=len(files))
    progress = _Progress(len(files), "files")
    polled: list[int] = [0, 0]  # files with new items, items

    def on_items(batch: ItemBatch) -> None:
        polled[0] += 1
        polled[1] += len(batch.items)
        progress.show(polled[0], f", {polled[1]} items")

    store = open_store(store_path)
    try:
        # The watcher below retires every stored source it is not given: put them back as they were after.
        before = [status.source for status in store.sources()]
        try:
            watcher = Watcher(
                sources,
                store=store,
                # One file at a time, in name order: the ledger then meets the archive's values in the order
                # its files were saved, and its changes (and so its alerts) do not depend on thread timing.
                max_workers=1,
                cpu_processes=0,
                on_items=on_items,
                rules=[(spec.rule, spec.sinks) for spec in config.rules] if config else (),
                sinks=config.build_sinks() if config else (),
            )
            with watcher:
                report = watcher.poll_once()
        finally:
            mine = {s.name for s in sources}
            store.upsert_sources([s for s in before if s.name not in mine])
            store.upsert_sources([attrs.evolve(s, enabled=False) for s in sources])
    finally:
        store.close()
    progress.show(len(files), f", {len(report.new_items)} items")
    progress.end()
    done.items = len(report.new_items)
    done.events = sum(len(i.events) for i in report.new_items)
    done.changes = len(report.changes)
    done.alerts = list(report.alerts)
    by_name = {s.name: p for s, p in zip(sources, files, strict=True)}
    done.failures = [
        (str(by_name[o.name]), f"{o.error_kind}: {o.error}") for o in report.outcomes if not o.ok
    ]
    return done


def _read_item(line: str) -> Item:
    data = json.loads(line)
    if isinstance(data, dict) and isinstance(data.get("item"), dict):  # a line of `tradewatch poll --json`
        item: Item = serial.from_dict(data["item"], Item)
        return item
    decoded: Item = serial.from_json(line, Item)
    return decoded


def _replay_items(lines: list[str], config: Config | None, store_path: str) -> _Replayed:
    done = _Replayed("items")
    items: list[Item] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        done.total += 1
        try:
            items.append(_read_item(line))
        except (ValueError, InvalidValueError) as exc:  # json and serial errors are ValueErrors
            done.failures.append((f"line {number}", str(exc).splitlines()[0][:200]))
    # Read-only: start from the store's measures when there is one, and write nothing back.
    states: list[MeasureState] = []
    if store_path != ":memory:" and Path(store_path).exists():
        store = open_store(store_path)
        try:
            states = store.measures()
        finally:
            store.close()
    ledger = Ledger(states)
    rules = [spec.rule for spec in config.rules] if config else []
    tags = {s.name: s.tags for s in config.sources} if config else {}
    extractor = RuleBasedExtractor()
    stories: set[str] = set()
    progress = _Progress(len(items), "items")
    now = datetime.now(UTC)
    # In published order, as the watcher applies a poll's items.
    ordered = sorted(enumerate(items), key=lambda pair: (pair[1].published, pair[0]))
    for count, (_, item) in enumerate(ordered, 1):
        events = extractor.extract(item)
        changes = ledger.apply(events)
        done.items += 1
        done.events += len(events)
        done.changes += len(changes)
        keys = story_keys(item) or (f"id:{item.source}:{item.id}",)
        first = not stories.intersection(keys)
        stories.update(keys)
        if first and rules:
            produced = Produced(item=item, events=events, changes=changes, tags=tags.get(item.source, ()))
            done.alerts += evaluate(rules, produced, now=now)
        progress.show(count)
    progress.end()
    return done


def _print_replay(done: _Replayed, as_json: bool) -> None:
    if as_json:
        for alert in done.alerts:
            print(json.dumps({"schema": serial.SCHEMA, "alert": serial.to_dict(alert)}), file=sys.stdout)
        for where, why in done.failures:
            print(
                json.dumps({"schema": serial.SCHEMA, "failure": {"where": where, "error": why}}),
                file=sys.stdout,
            )
        print(json.dumps({"schema": serial.SCHEMA, "summary": done.summary()}), file=sys.stdout)
        return
    for alert in done.alerts:
        print(f"alert [{alert.rule}] {_alert_summary(alert)}", file=sys.stdout)
    for where, why in done.failures:
        print(f"failed {where}: {why}", file=sys.stdout)
    print(", ".join(f"{value} {name}" for name, value in done.summary().items()), file=sys.stdout)


# -- demo and init ----------------------------------------------------------------------------------------


def _demo(keep: str | None) -> int:
    from .demo import run_demo

    # The demo prints the alerts itself; the log would only repeat them.
    logging.getLogger("tradewatch").setLevel(logging.ERROR)
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    result = run_demo(sys.stdout, folder=keep)
    if keep:
        print(
            f"kept {keep}: try `tradewatch facts --config {Path(keep) / 'tradewatch.toml'}`", file=sys.stdout
        )
    return EXIT_OK if result.ok else EXIT_POLL_FAILED


def _init(config_path: str, *, force: bool) -> int:
    from ._defaults import starter_config

    path = Path(config_path)
    if path.exists() and not force:
        return _fail(f"{path} exists; use --force to overwrite it", EXIT_USAGE)
    path.write_text(starter_config(), encoding="utf-8")
    config = load_config(path)  # what we write must read back
    print(f"wrote {path}: {len(config.sources)} sources, {len(config.rules)} rules; run `tradewatch watch`")
    return EXIT_OK


# -- sources ----------------------------------------------------------------------------------------------


def _sources(config_path: str, *, as_json: bool, store_spec: str | None = None) -> int:
    config = _load(config_path, store_spec)
    stored: dict[str, SourceStatus] = {}
    if _store_exists(config.store):
        store = open_store(config.store)
        try:
            stored = {s.source.name: s for s in store.sources()}
        finally:
            store.close()
    now = datetime.now(UTC)
    names = [s.name for s in config.sources] + sorted(set(stored) - {s.name for s in config.sources})
    configured = {s.name: s for s in config.sources}
    if as_json:
        for name in names:
            print(json.dumps(_source_json(name, configured.get(name), stored.get(name))), file=sys.stdout)
        return EXIT_OK
    rows = []
    for name in names:
        status = stored.get(name)
        if status is None:
            rows.append([name, "new", "now", "never", "0", "", configured[name].url])
            continue
        h = status.health
        rows.append(
            [
                name,
                _state(status, name in configured),
                _ago(h.due_at, now, future=True),
                _ago(h.last_success, now),
                str(h.consecutive_failures),
                h.disabled_reason or (f"{h.last_error_kind}: {h.last_error}" if h.last_error_kind else ""),
                status.url,
            ]
        )
    _table(["SOURCE", "STATE", "DUE", "LAST SUCCESS", "FAILS", "LAST ERROR", "URL"], rows, sys.stdout)
    return EXIT_OK


def _state(status: SourceStatus, configured: bool) -> str:
    h = status.health
    if h.disabled_reason:
        return "disabled"
    if not status.source.enabled or not configured:
        return "off"
    if h.consecutive_failures:
        return "failing"
    return "ok" if h.last_success else "pending"


def _source_json(name: str, source: Source | None, status: SourceStatus | None) -> dict[str, Any]:
    def iso(moment: datetime | None) -> str | None:
        return None if moment is None else moment.isoformat()

    if status is None:
        assert source is not None
        return {"name": name, "url": source.url, "configured": True, "stored": False}
    h = status.health
    return {
        "name": name,
        "url": status.url,
        "configured": source is not None,
        "stored": True,
        "enabled": status.source.enabled,
        "due_at": iso(h.due_at),
        "last_polled": iso(h.last_polled),
        "last_success": iso(h.last_success),
        "consecutive_failures": h.consecutive_failures,
        "last_error_kind": h.last_error_kind,
        "last_error": h.last_error,
        "disabled_reason": h.disabled_reason,
    }


def _ago(moment: datetime | None, now: datetime, *, future: bool = False) -> str:
    if moment is None:
        return "-" if future else "never"
    delta = moment - now if future else now - moment
    if future and delta <= timedelta(0):
        return "now"
    seconds = abs(int(delta.total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            text = f"{seconds // size}{unit}"
            break
    else:
        text = f"{seconds}s"
    return f"in {text}" if future else f"{text} ago"


def _table(header: list[str], rows: list[list[str]], out: TextIO) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out)
