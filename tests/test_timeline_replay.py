"""`tradewatch timeline` (the ledger's history as CSV, JSON lines and a chart) and `tradewatch replay`
(saved feed files or saved items run through extraction, the ledger and the rules)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tradewatch import Item, serial
from tradewatch._timeline import rows, series
from tradewatch.cli import main
from tradewatch.feeds import Source, parse_feed
from tradewatch.store import open_store
from tradewatch.watcher import Watcher

BASE = ("steel-1", "US tariff on Chinese steel", "The United States imposed a 25% tariff on Chinese steel.")
RAISE = (
    "steel-2",
    "US doubles its steel tariff",
    "The United States raised its tariff on Chinese steel from 25% to 50%.",
)
TRUCE = ("truce-1", "Tariff truce holds", "The US-China tariff truce runs until mid August.")
EXTENDED = (
    "truce-2",
    "Tariff truce extended",
    "The US-China tariff truce has been extended until early November.",
)
DAYS = {"steel-1": 11, "truce-1": 11, "steel-2": 20, "truce-2": 20}


def rss(*entries: tuple[str, str, str]) -> bytes:
    items = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title>"
        f"<link>https://news.example/{guid}</link><description>{escape(text)}</description>"
        f"<pubDate>{DAYS[guid]} Aug 2025 09:30:00 GMT</pubDate></item>"
        for guid, title, text in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Trade desk</title>'
        f"<link>https://news.example/</link><description>news</description>{items}</channel></rss>"
    ).encode()


RULES = '[[rule]]\nname = "rate moves"\ntype = "tariff"\nchanged = "rate"\n'


@pytest.fixture
def watched(tmp_path: Path) -> Path:
    """A config whose store holds a baseline poll (25%, a truce to mid August) and a second poll (50%,
    the truce extended to early November)."""
    feed = tmp_path / "desk.xml"
    feed.write_bytes(rss(BASE, TRUCE))
    store = tmp_path / "tw.sqlite"
    source = Source(name="desk", url=feed.as_uri())
    with Watcher([source], store=str(store), max_workers=1, cpu_processes=0) as watcher:
        first = watcher.poll_once()
        feed.write_bytes(rss(RAISE, EXTENDED, BASE, TRUCE))
        second = watcher.poll_once()
    assert first["desk"].baseline
    assert second["desk"].new == 2
    config = tmp_path / "tradewatch.toml"
    config.write_text(f'store = "tw.sqlite"\ncpu_processes = 0\n{RULES}')
    return config


def test_timeline_csv_has_a_header_and_the_rate_move(
    watched: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "--config", str(watched)]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    rates = [r for r in table if r["key"] == "tariff:US>CN:steel" and r["field"] == "rate"]
    assert [(r["kind"], r["old"], r["new"]) for r in rates] == [("new", "", "25"), ("changed", "25", "50")]
    moved = rates[1]
    assert moved["time"] == "2025-08-20T09:30:00+00:00"
    assert moved["delta"] == "25"
    assert moved["source"] == "desk"
    assert moved["sentence"] == RAISE[2]
    until = [r for r in table if r["key"] == "truce:CN+US" and r["field"] == "until"]
    assert json.loads(until[-1]["new"])["text"] == "early November"
    assert until[-1]["days"] == "82"


def test_timeline_json_lines_filtered_by_type_to_a_file(
    watched: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "timeline.jsonl"
    assert (
        main(["timeline", "--config", str(watched), "--format", "json", "--type", "tariff", "-o", str(out)])
        == 0
    )
    assert capsys.readouterr().out == ""
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines
    assert {line["schema"] for line in lines} == {serial.SCHEMA}
    assert {line["type"] for line in lines} == {"tariff"}
    changed = [line for line in lines if line["kind"] == "changed" and line["field"] == "rate"]
    assert [(c["old"], c["new"], c["delta"]) for c in changed] == [("25", "50", "25")]
    assert changed[0]["time"] == "2025-08-20T09:30:00+00:00"


def test_series_follow_the_rates_and_the_truce_end(watched: Path) -> None:
    store = open_store(str(watched.parent / "tw.sqlite"))
    try:
        found = series(rows(store.history()))
    finally:
        store.close()
    assert [str(rate) for _, rate in found.tariff_rates["US>CN:steel"]] == ["25", "50"]
    assert [end.isoformat() for _, end in found.truce_ends["CN+US"]] == ["2025-08-20", "2025-11-10"]


def test_timeline_png_writes_a_chart(watched: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    chart = tmp_path / "timeline.png"
    assert main(["timeline", "--config", str(watched), "--format", "png", "--output", str(chart)]) == 0
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_timeline_usage_errors(watched: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["timeline", "--config", str(watched), "--format", "png"]) == 2
    assert "--output" in capsys.readouterr().err
    missing = tmp_path / "other.toml"
    missing.write_text('store = "nowhere.sqlite"\n')
    assert main(["timeline", "--config", str(missing)]) == 3


def test_timeline_png_without_matplotlib_names_the_extra(
    watched: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    assert main(["timeline", "--config", str(watched), "--format", "png", "-o", str(tmp_path / "x.png")]) == 2
    assert 'pip install "tradewatch[plot]"' in capsys.readouterr().err


def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "monday.xml").write_bytes(rss(BASE, TRUCE))
    (folder / "tuesday.rss").write_bytes(rss(RAISE, EXTENDED))
    (folder / "notes.txt").write_text("not part of the archive")
    return folder


def test_replay_a_folder_into_a_throwaway_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--log-level", "ERROR", "replay", str(archive(tmp_path)), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[-1]["summary"] == {
        "files": 2,
        "items": 4,
        "events": 4,
        "changes": 6,  # two new measures, then status and rate, status and end date
        "alerts": 0,  # no rules without a config
        "failures": 0,
    }


def test_replay_a_folder_with_a_config_alerts_and_keeps_its_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = archive(tmp_path)
    (folder / "broken.atom").write_text("<html><body>no feed here</body></html>")
    elsewhere = (tmp_path / "desk.xml").resolve().as_uri()
    config = tmp_path / "tradewatch.toml"
    config.write_text(
        f'store = "tw.sqlite"\ncpu_processes = 0\n[[source]]\nname = "desk"\nurl = "{elsewhere}"\n{RULES}'
    )
    store = open_store(str(tmp_path / "tw.sqlite"))
    store.upsert_sources([Source(name="desk", url=elsewhere)])
    store.close()

    assert main(["--log-level", "ERROR", "replay", str(folder), "--config", str(config)]) == 1
    out = capsys.readouterr().out
    assert "alert [rate moves] tariff US→CN steel: rate 25% → 50% (+25 points)" in out
    assert "failed " in out
    assert "broken.atom" in out
    assert out.splitlines()[-1] == "3 files, 4 items, 4 events, 6 changes, 1 alerts, 1 failures"
    store = open_store(str(tmp_path / "tw.sqlite"))
    try:
        enabled = {s.source.name: s.source.enabled for s in store.sources()}
        history = store.history()
    finally:
        store.close()
    assert enabled["desk"] is True  # the configured source is left as it was
    assert enabled["replay:monday.xml"] is False  # the archive's are not polled again by `watch`
    assert [(c.old, c.new) for c in history if c.field == "rate"] == [("25", "50")]


def saved_items(tmp_path: Path) -> Path:
    """One day as `tradewatch poll --json` lines, the other as `serial.to_json(item)` lines, newest first,
    and a line that is not JSON."""
    from datetime import UTC, datetime

    def items(body: bytes) -> list[Item]:
        parsed = parse_feed(
            body, source="desk", url="file:///desk.xml", headers={}, fetched_at=datetime.now(UTC)
        )
        return list(parsed.items)

    lines = [
        json.dumps({"schema": 1, "item": serial.to_dict(i), "story_key": "", "events": []})
        for i in items(rss(RAISE, EXTENDED))
    ]
    lines += [serial.to_json(i) for i in items(rss(BASE, TRUCE))]
    lines += ["", "this is not an item"]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_replay_a_jsonl_file_in_published_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "tradewatch.toml"
    config.write_text(f'store = "tw.sqlite"\n{RULES}')
    path = saved_items(tmp_path)
    assert main(["replay", str(path), "--config", str(config), "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    alerts = [line["alert"] for line in lines if "alert" in line]
    assert [(a["change"]["old"], a["change"]["new"]) for a in alerts] == [("25", "50")]
    failures = [line["failure"] for line in lines if "failure" in line]
    assert [f["where"] for f in failures] == ["line 6"]
    assert lines[-1]["summary"] == {
        "items": 5,
        "events": 4,
        "changes": 6,
        "alerts": 1,
        "failures": 1,
    }
    assert not (tmp_path / "tw.sqlite").exists()  # a JSON-lines replay writes no store


def test_replay_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["replay", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["replay", str(empty)]) == 2
    with pytest.raises(SystemExit) as info:
        main(["replay", str(empty), "--config", "a.toml", "--store", "b.sqlite"])
    assert info.value.code == 2
