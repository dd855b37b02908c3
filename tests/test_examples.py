"""The scripts in examples/ run, each against loopback fixtures only: the demo feed server, files in a
temporary folder and a small HTTP receiver standing in for a chat service."""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType

import pytest

from tradewatch import Alert, serial
from tradewatch.demo import DemoServer, feed_bytes
from tradewatch.store import open_store

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def load(name: str) -> ModuleType:
    """Import examples/<name>.py by its path, as a user running it would get it."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


def test_every_example_has_a_docstring_and_a_main() -> None:
    scripts = sorted(EXAMPLES.glob("*.py"))
    assert {p.stem for p in scripts} >= {
        "extract_text",
        "background_watcher",
        "callback_to_database",
        "apprise_notify",
        "replay_archive",
    }
    for script in scripts:
        module = load(script.stem)
        assert module.__doc__ and "python examples/" in module.__doc__, script.name
        assert callable(module.main), script.name
        assert 'if __name__ == "__main__":\n    raise SystemExit(main())' in script.read_text(), script.name


# -- extract_text ----------------------------------------------------------------------------------------


def test_extract_text_prints_each_event_with_its_sentence_and_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert load("extract_text").main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "5 events"
    facts, documents = lines[0:-1:2], lines[1:-1:2]
    assert [line.split(":")[0] for line in facts] == [
        "1. tariff",
        "2. export_control",
        "3. truce",
        "4. negotiation",
        "5. threat",
    ]
    for fact, document in zip(facts, documents, strict=True):
        event = serial.from_json(document.strip())
        # The JSON is the full event, and its evidence is the sentence printed above it.
        assert fact.split(": ", 1)[1] == event.evidence.sentence
    tariff = serial.from_json(documents[0].strip())
    assert (tariff.imposer, tariff.target, str(tariff.rate), str(tariff.previous_rate)) == (
        "EU",
        "CN",
        "45%",
        "18%",
    )


def test_extract_text_reads_a_file(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Ottawa, Jan. 9. Canada will lift its tariff on American bourbon on Feb. 1, the finance minister said.",
        encoding="utf-8",
    )
    assert load("extract_text").main([str(article), "--published", "2025-01-09"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "1 events"
    event = serial.from_json(lines[1].strip())
    assert (event.TYPE, event.imposer, event.target) == ("tariff", "CA", "US")
    assert "bourbon" in event.evidence.sentence


# -- background_watcher ----------------------------------------------------------------------------------


def wait_for_baseline(store_path: pathlib.Path, urls: list[str], *, timeout: float = 15.0) -> None:
    """Wait until every source has been polled once, so that what the server shows next is a change."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if store_path.exists():
            try:
                store = open_store(store_path)
                try:
                    if all(store.health(url).last_success is not None for url in urls):
                        return
                finally:
                    store.close()
            except Exception:  # the watcher is still creating the store or its sources
                pass
        time.sleep(0.05)
    raise AssertionError("the watcher never polled every source")


def test_background_watcher_calls_back_while_the_program_works(
    demo: DemoServer, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = list(demo.urls.values())
    store = tmp_path / "watch.sqlite"
    argv = [*urls, "--store", str(store), "--interval", "1", "--seconds", "5"]
    result: list[int] = []
    program = threading.Thread(target=lambda: result.append(load("background_watcher").main(argv)))
    program.start()
    wait_for_baseline(store, urls)
    demo.advance()  # step 1: the U.S. tariff on Chinese EVs goes from 25% to 100% on the wire feed
    program.join(timeout=20)
    assert not program.is_alive()
    assert result == [0]
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "watching 3 feeds every 1s; alerts arrive while the program works"
    [alert] = [line for line in out if line.startswith("tariff ")]
    assert alert.startswith("tariff tariff:US>CN:electric vehicles: 25% -> 100%")
    assert demo.urls["wire"] in alert
    # main() returned after a clean stop, having looped on its own work all along.
    assert out[-1].startswith("stopped after ") and out[-1].endswith("; 1 tariff alerts")
    assert int(out[-1].split()[2]) > 10


# -- callback_to_database --------------------------------------------------------------------------------


def test_callback_to_database_writes_each_alert_once(
    demo: DemoServer, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = load("callback_to_database")
    db = tmp_path / "mine.sqlite"
    argv = [*demo.urls.values(), "--db", str(db), "--store", str(tmp_path / "tw.sqlite"), "--poll-once"]

    def rows() -> list[tuple[str, str, str, str, str, str]]:
        with sqlite3.connect(db) as connection:
            query = "SELECT id, measure, field, old, new, document FROM trade_alerts ORDER BY measure"
            return connection.execute(query).fetchall()

    assert example.main(argv) == 0  # the baseline: nothing to record yet
    assert not db.exists()
    demo.advance()  # the tariff on Chinese EVs rises from 25% to 100%
    demo.advance()  # the U.S.-China truce is extended from Aug. 12 to Nov. 10
    assert example.main(argv) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "3 new items, 2 alerts"
    saved = rows()
    assert [(r[1], r[2], json.loads(r[3]), json.loads(r[4])) for r in saved] == [
        ("tariff:US>CN:electric vehicles", "rate", "25", "100"),
        (
            "truce:CN+US",
            "until",
            {"start": "2025-08-12", "end": "2025-08-12", "granularity": "day", "text": "Aug. 12"},
            {"start": "2025-11-10", "end": "2025-11-10", "granularity": "day", "text": "Nov. 10"},
        ),
    ]
    # A second delivery of the same alert (at least once) leaves the table as it was.
    alert = serial.from_json(saved[0][5], Alert)
    assert alert.id == saved[0][0]
    example.save_alert(str(db), alert)
    assert rows() == saved
    # Polling again finds nothing new to record.
    assert example.main(argv) == 0
    assert rows() == saved


# -- apprise_notify ----------------------------------------------------------------------------------------


class Receiver(ThreadingHTTPServer):
    """Records the JSON bodies POSTed to it, as Apprise's json:// service sends them."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, object]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(handler) -> None:
                length = int(handler.headers.get("Content-Length", 0))
                self.bodies.append({"path": handler.path, **json.loads(handler.rfile.read(length))})
                handler.send_response(200)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            def log_message(handler, format: str, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.filterwarnings("ignore:'imghdr' is deprecated:DeprecationWarning")  # inside Apprise
def test_apprise_notify_posts_the_alert(
    demo: DemoServer,
    receiver: Receiver,
    tmp_path: pathlib.Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # the receiver is on this machine, whatever the proxy
    port = receiver.server_address[1]
    argv = [
        *demo.urls.values(),
        "--notify",
        f"json://127.0.0.1:{port}/trade-alerts",
        "--store",
        str(tmp_path / "tw.sqlite"),
        "--poll-once",
    ]
    example = load("apprise_notify")
    assert example.main(argv) == 0  # the baseline
    assert receiver.bodies == []
    demo.advance()  # the tariff on Chinese EVs rises from 25% to 100%
    assert example.main(argv) == 0
    # One alert, delivered twice: to Apprise and to the watcher's log.
    assert capsys.readouterr().out.splitlines()[-1] == "1 alerts; deliveries: 2 made, 0 to retry later"
    [body] = receiver.bodies
    assert body["path"] == "/trade-alerts"
    message = str(body["message"])
    assert "tariff or truce moved" in message
    assert "electric vehicles" in message and "25%" in message and "100%" in message


# -- replay_archive ----------------------------------------------------------------------------------------

OWN_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour notes</title>
<item><guid>hn-1</guid><title>Canberra targets imported wine</title>
<pubDate>Mon, 03 Mar 2025 09:00:00 GMT</pubDate>
<description>Australia imposed a 15% tariff on Chilean wine, the trade minister said.</description></item>
<item><guid>hn-2</guid><title>Harbour opens a new berth</title>
<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate>
<description>The new berth will take larger container ships from next spring.</description></item>
</channel></rss>
"""


def test_replay_archive_reports_every_saved_item(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "wire.xml").write_bytes(feed_bytes("wire", 1))  # holds the EV tariff at 25%, then at 100%
    (archive / "harbour.rss").write_text(OWN_FEED, encoding="utf-8")
    (archive / "README.txt").write_text("not a feed, and not read", encoding="utf-8")

    assert load("replay_archive").main([str(archive)]) == 0
    out = capsys.readouterr().out
    summary = out.splitlines()[0]
    assert summary.startswith("2 files, ")
    items, events, alerts = (int(summary.split(", ")[n].split()[0]) for n in (1, 2, 3))
    assert items >= 4 and events >= 3 and alerts >= 3
    # Every item counts as news on this first poll: the measures alert as new, and the later wire story
    # about the same tariff alerts as a change of its rate.
    assert "new tariff AU→CL wine: " in out
    assert "new tariff US→CN electric vehicles" in out
    assert "tariff US→CN electric vehicles: rate 25% → 100%" in out
    assert 'evidence: "Australia imposed a 15% tariff on Chilean wine, the trade minister said."' in out
    assert out.count("alert: ") == alerts


def test_replay_archive_reports_a_file_that_is_not_a_feed(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "harbour.xml").write_text(OWN_FEED, encoding="utf-8")
    (tmp_path / "saved-page.xml").write_text(
        "<html><body>Sign in to continue</body></html>", encoding="utf-8"
    )
    assert load("replay_archive").main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("2 files, 2 items, ")
    assert "! saved-page.xml: " in out
    assert "new tariff AU→CL wine" in out
