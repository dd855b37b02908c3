"""The tradewatch command: poll, watch, sources, exit codes, and a clean stop on SIGTERM."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tradewatch import Event, Item, serial
from tradewatch.cli import main
from watcher_site import FeedSite, Route, rss

TARIFF = "US raises tariff on Chinese steel"
TEXT_FEED = rss([("t1", TARIFF), ("t2", "EU and Japan hold trade talks in Tokyo")])


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with FeedSite() as s:
        s.set("/feed.xml", Route(body=TEXT_FEED, headers={"Content-Type": "application/rss+xml"}))
        yield s


def config(tmp_path: Path, site: FeedSite, *paths: str, extra: str = "cpu_processes = 0") -> Path:
    tables = "".join(
        f'[[source]]\nname = "s{n}"\nurl = "{site.url(p)}"\ninterval = "1s"\n\n' for n, p in enumerate(paths)
    )
    path = tmp_path / "tradewatch.toml"
    path.write_text(f'store = "tw.sqlite"\n{extra}\n{tables}')
    return path


def test_poll_prints_items_and_their_events(site: FeedSite, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poll", site.url("/feed.xml")]) == 0
    out = capsys.readouterr().out
    assert TARIFF in out
    assert "tariff: imposer=US" in out
    assert re.search(r"\n2 items, [1-9]\d* events$", out.rstrip())


def test_poll_json_lines_decode_with_the_wire_format(
    site: FeedSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["poll", "--json", "--name", "wire", site.url("/feed.xml")]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    item = serial.from_dict(lines[0]["item"], Item)
    assert item.source == "wire"
    assert item.title == TARIFF
    events = serial.from_dict(lines[0]["events"], list[Event])
    assert "tariff" in [e.TYPE for e in events]


def test_poll_reads_a_local_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "archive.xml"
    feed.write_bytes(TEXT_FEED)
    assert main(["poll", str(feed)]) == 0
    assert TARIFF in capsys.readouterr().out


def test_poll_failures_and_bad_urls_have_their_exit_codes(
    site: FeedSite, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["poll", site.url("/missing.xml")]) == 1
    assert "http_404" in capsys.readouterr().err
    assert main(["poll", "ftp://feeds.example/x"]) == 2
    assert "must start with http://" in capsys.readouterr().err


def test_watch_once_polls_and_prints_a_report(
    tmp_path: Path, site: FeedSite, capsys: pytest.CaptureFixture[str]
) -> None:
    good = config(tmp_path, site, "/feed.xml")
    assert main(["watch", "--once", "--config", str(good)]) == 0
    out = capsys.readouterr().out
    assert "s0" in out
    assert "updated" in out
    with_bad = config(tmp_path, site, "/feed.xml", "/missing.xml")
    assert main(["watch", "--once", "--config", str(with_bad)]) == 1
    assert "http_404" in capsys.readouterr().out


def test_watch_opens_the_store_with_the_retention_of_the_config(
    tmp_path: Path, site: FeedSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tradewatch import cli
    from tradewatch.store import SqliteStore

    opened: list[SqliteStore] = []

    def recording(spec: str, **retention: Any) -> SqliteStore:
        store = SqliteStore(spec, **retention)
        opened.append(store)
        return store

    monkeypatch.setattr(cli, "open_store", recording)
    path = config(
        tmp_path, site, "/feed.xml", extra='cpu_processes = 0\nkeep_items = "7d"\nkeep_delivered = false'
    )
    assert main(["watch", "--once", "--config", str(path)]) == 0
    (store,) = opened
    assert (store._retention.items, store._retention.delivered) == (timedelta(days=7), None)
    assert store._conn is None  # closed once the watcher is done


def test_sources_shows_health_before_and_after_polling(
    tmp_path: Path, site: FeedSite, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config(tmp_path, site, "/feed.xml", "/missing.xml")
    assert main(["sources", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["SOURCE", "STATE"]
    assert "new" in out
    assert not (tmp_path / "tw.sqlite").exists()
    main(["watch", "--once", "--config", str(path)])
    capsys.readouterr()
    assert main(["sources", "--config", str(path)]) == 0
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert " ok " in rows["s0"]
    assert " failing " in rows["s1"]
    assert "http_404" in rows["s1"]
    assert main(["sources", "--json", "--config", str(path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["name"], r["consecutive_failures"]) for r in records] == [("s0", 0), ("s1", 1)]


def test_config_and_store_errors_have_their_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "a"\n')
    assert main(["watch", "--config", str(bad)]) == 2
    assert "bad.toml:1: [[source]] #1 ('a'): url: required key missing" in capsys.readouterr().err
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    assert main(["watch", "--config", str(empty)]) == 2
    junk = tmp_path / "junk.toml"
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 200)
    junk.write_text('store = "junk.sqlite"\n[[source]]\nname = "a"\nurl = "https://a.example/"\n')
    assert main(["sources", "--config", str(junk)]) == 3
    assert "store:" in capsys.readouterr().err


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "exit status:" in out
    assert "130" in out


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tradewatch", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("tradewatch ")


def test_sigterm_stops_watch_cleanly_with_the_store_intact(tmp_path: Path, site: FeedSite) -> None:
    site.set("/slow.xml", Route(body=TEXT_FEED, headers={"Content-Type": "application/rss+xml"}, delay=0.4))
    path = config(tmp_path, site, "/feed.xml", "/slow.xml", extra="")  # the default: with worker processes
    process = subprocess.Popen(
        [sys.executable, "-m", "tradewatch", "watch", "--config", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while site.hits["/feed.xml"] < 2 or site.hits["/slow.xml"] < 2:  # a second round: polls in flight
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the watcher did not poll"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:  # pragma: no cover - only when the test already failed
            process.kill()
    assert process.returncode == 0, err
    assert "received signal" in err
    conn = sqlite3.connect(tmp_path / "tw.sqlite")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        leased = conn.execute("SELECT count(*) FROM sources WHERE leased_by IS NOT NULL").fetchone()[0]
        assert leased == 0  # every claim was committed or given back
        assert conn.execute("SELECT count(*) FROM items").fetchone()[0] == 4
    finally:
        conn.close()


def test_extract_prints_one_json_event_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Beijing will impose a 25% tariff on Canadian pork from March 20. "
        "The United States and China extended their truce until early November."
    )
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    assert main(["extract", str(story), "--published", "2025-03-08"]) == 0
    lines = capsys.readouterr().out.splitlines()
    events = [serial.from_json(line) for line in lines]
    assert [e.TYPE for e in events] == ["tariff", "truce"]
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.sentence for e in events)
    assert str(events[0].effective.start) == "2025-03-20"  # type: ignore[union-attr]

    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    assert main(["extract", "-"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_extract_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["extract", "--published", "last tuesday"])
    assert info.value.code == 2
