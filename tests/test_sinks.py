"""Alert sinks against loopback servers, temporary files and captured logs: delivery, failures and escaping."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import html.parser
import json
import logging
import os
import pickle
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import httpx
import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

import tradewatch
from tradewatch import serial
from tradewatch.model import Alert, Change, Evidence, ItemRef
from tradewatch.sinks import (
    AppriseSink,
    CallableSink,
    DeliveryError,
    JsonLinesSink,
    LogSink,
    Sink,
    SinkConfigError,
    WebhookSink,
    render_html,
    render_markdown,
    render_text,
    sink_from_table,
    verify_signature,
)

PUBLISHED = datetime(2025, 10, 12, 8, 30, tzinfo=UTC)
CREATED = PUBLISHED + timedelta(minutes=2)
TARIFF_TEXT = "The United States raised its tariff on Chinese electric vehicles from 25% to 100%."
TRUCE_TEXT = "The US-China tariff truce was extended until November 10, 2026."
CONTROL_TEXT = "The Commerce Department banned exports of advanced chips to China."
THREAT_TEXT = "The US threatened a 200% tariff on rare-earth magnets unless China resumes exports."
#: Feed text that would do harm if used as a format string or pasted into markup unescaped.
HOSTILE = (
    "{0.__class__} %s%n <script>alert(1)</script> *x* _y_ [a](javascript:x) "
    "![p](http://evil.example/p.png) <http://evil.example> & `code` # not a heading"
)


def ref(*, title: str = "Washington lifts duties on Chinese EVs", url: str | None = None) -> ItemRef:
    return ItemRef(
        id="wire-a/2025-10-12/ev-tariff",
        source="wire-a",
        title=title,
        url=url if url is not None else "https://news.example/trade/ev-tariff?id=7",
        published=PUBLISHED,
    )


def event_of(text: str) -> Any:
    events = tradewatch.extract(text, published=PUBLISHED)
    assert len(events) == 1, events
    return events[0]


def tariff_alert(*, rule: str = "ev-tariffs", title: str | None = None, sentence: str | None = None) -> Alert:
    event = event_of(TARIFF_TEXT)
    if sentence is not None:
        event = attrs.evolve(event, evidence=Evidence.quote(sentence, 0, len(sentence), confidence=0.5))
    change = Change(
        key="tariff|US|CN|electric vehicles",
        kind="changed",
        event=event,
        field="rate",
        old="25",
        new="100",
        delta=Decimal(75),
    )
    item = ref() if title is None else ref(title=title)
    return Alert.make(rule=rule, item=item, created=CREATED, change=change)


def truce_alert() -> Alert:
    event = event_of(TRUCE_TEXT)
    span = {"granularity": "day", "text": "November 10"}
    change = Change(
        key="truce|CN+US",
        kind="changed",
        event=event,
        field="until",
        old={"start": "2025-11-10", "end": "2025-11-10", **span},
        new={"start": "2026-11-10", "end": "2026-11-10", **span},
        days=365,
    )
    return Alert.make(rule="truce-dates", item=ref(), created=CREATED, change=change)


def control_alert() -> Alert:
    change = Change(key="export_control|US|CN|advanced chips", kind="new", event=event_of(CONTROL_TEXT))
    return Alert.make(rule="chips", item=ref(title="Chip exports halted"), created=CREATED, change=change)


def threat_alert() -> Alert:
    return Alert.make(rule="threats", item=ref(), created=CREATED, event=event_of(THREAT_TEXT))


def hostile_alert() -> Alert:
    return tariff_alert(rule="hostile", title=HOSTILE + "\nsecond line\x1b[31m", sentence=HOSTILE)


# -- rendering -----------------------------------------------------------------------------------------------


def test_text_says_what_changed_where_and_why() -> None:
    title, body = render_text([tariff_alert()])
    assert title == "tradewatch: ev-tariffs: tariff US→CN electric vehicles: rate 25% → 100% (+75 points)"
    assert body.splitlines()[0] == "[ev-tariffs] tariff US→CN electric vehicles: rate 25% → 100% (+75 points)"
    assert "source: wire-a, published 2025-10-12 08:30 UTC" in body
    assert "item: Washington lifts duties on Chinese EVs" in body
    assert "link: https://news.example/trade/ev-tariff?id=7" in body
    assert f'evidence: "{TARIFF_TEXT}"' in body
    assert tariff_alert().id in body


def test_text_for_a_truce_a_new_control_and_a_threat() -> None:
    assert "truce CN+US: until 2025-11-10 → 2026-11-10 (+365 days)" in render_text([truce_alert()])[1]
    body = render_text([control_alert()])[1]
    assert "new export control US→CN advanced chips (ban): imposed" in body
    body = render_text([threat_alert()])[1]
    assert "threat US→CN: tariff of 200% on rare-earth magnets, unless China resumes exports" in body


def test_a_digest_is_one_message_with_every_alert() -> None:
    alerts = [tariff_alert(), truce_alert(), control_alert(), threat_alert()]
    for render in (render_text, render_markdown, render_html):
        title, body = render(alerts)
        assert title == "tradewatch: 4 alerts: ev-tariffs, truce-dates, chips, …"
        assert all(a.id in body for a in alerts)


def test_text_keeps_hostile_feed_text_literal_on_one_line() -> None:
    title, body = render_text([hostile_alert()])
    assert HOSTILE in body  # no format string ever saw it
    assert "\x1b" not in body
    assert "second line" in next(line for line in body.splitlines() if line.startswith("item: "))
    assert "\n" not in title
    assert len(title) <= 200


def test_titles_are_plain_text_in_every_format() -> None:
    alert = tariff_alert(rule="<b>*rule*</b> [x](javascript:y)")
    for render in (render_text, render_markdown, render_html):
        title, _ = render([alert])
        assert not set("<>[]*") & set(title)
        assert "javascript:y" in title  # inert once no link can be made of it


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(document: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(document)
    parser.close()
    return parser.tags


def _only_our_markup(document: str, allowed: set[str]) -> None:
    for tag, attributes in _tags(document):
        assert tag in allowed, (tag, document)
        if tag == "a":
            assert (attributes.get("href") or "").startswith(("http://", "https://")), attributes


def test_html_escapes_feed_text_and_links_only_http() -> None:
    _, body = render_html([hostile_alert()])
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    _only_our_markup(body, {"p", "strong", "a", "blockquote", "small", "hr"})
    alert = tariff_alert()
    evil = attrs.evolve(alert, item=attrs.evolve(alert.item, url="javascript:alert(document.cookie)"))
    _, body = render_html([evil])
    assert not [t for t, _ in _tags(body) if t == "a"]
    assert "javascript:alert(document.cookie)" in body  # shown, not linked
    quoted = attrs.evolve(alert, item=attrs.evolve(alert.item, url='https://x.example/a"onmouseover="b()'))
    _, body = render_html([quoted])
    (href,) = [a["href"] for t, a in _tags(body) if t == "a"]
    assert href == "https://x.example/a%22onmouseover=%22b%28%29"


def test_markdown_escapes_feed_text() -> None:
    _, body = render_markdown([hostile_alert()])
    assert r"\*x\*" in body
    assert r"\_y\_" in body
    assert r"\[a\](javascript:x)" in body
    assert "&lt;script&gt;" in body
    assert r"\# not a heading" in body
    rendered = markdown.markdown(body)
    _only_our_markup(rendered, {"p", "strong", "a", "blockquote", "hr"})
    links = [a["href"] for t, a in _tags(rendered) if t == "a"]
    assert links == ["https://news.example/trade/ev-tariff?id=7"]
    assert "*x*" in rendered and "[a](javascript:x)" in rendered  # shown as the feed wrote them


def test_markdown_escapes_block_starts() -> None:
    for start in ("- listed", "+ listed", "1. numbered", "2) numbered", "# heading", "> quoted", "==="):
        alert = tariff_alert(sentence=start)
        rendered = markdown.markdown(render_markdown([alert])[1])
        assert {t for t, _ in _tags(rendered)} <= {"p", "strong", "a", "blockquote", "hr"}, (start, rendered)


# Pieces of markup and control characters, mixed with any character: what a hostile feed would send.
MARKUP_PIECES = [
    *"<>&\"'`*_[]()!#-+.=|~\\{}%:/ \n\r\t\x00\x1b\u2028\u202e",
    "javascript:",
    "http://",
    "&lt;",
    "1. ",
]
hostile_text = (
    st.lists(
        st.sampled_from(MARKUP_PIECES) | st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40
    )
    .map("".join)
    .filter(lambda s: s.strip())
)


@given(title=hostile_text, sentence=hostile_text, rule=hostile_text)
def test_no_feed_text_makes_markup(title: str, sentence: str, rule: str) -> None:
    alert = tariff_alert(rule=rule[:200], title=title, sentence=sentence)
    _only_our_markup(render_html([alert])[1], {"p", "strong", "a", "blockquote", "small", "hr"})
    rendered = markdown.markdown(render_markdown([alert])[1])
    _only_our_markup(rendered, {"p", "strong", "a", "blockquote", "hr"})
    for render in (render_text, render_markdown, render_html):
        title_out, _ = render([alert])
        assert "\n" not in title_out and not set("<>[]") & set(title_out)


# -- log -----------------------------------------------------------------------------------------------------


def test_log_sink_writes_one_literal_record_per_alert(caplog: pytest.LogCaptureFixture) -> None:
    sink = LogSink()
    assert (sink.name, sink.digest) == ("log", False)
    caplog.set_level(logging.INFO, logger="tradewatch.alerts")
    sink.send([hostile_alert(), truce_alert()])
    records = [r for r in caplog.records if r.name == "tradewatch.alerts"]
    assert len(records) == 2
    first = records[0]
    assert first.levelno == logging.INFO
    assert "{0.__class__}" not in first.msg and "%s%n" not in str(first.args[:1])  # the format is ours
    message = first.getMessage()
    assert HOSTILE in message
    assert "\n" not in message and "\x1b" not in message
    assert first.alert_ids == (hostile_alert().id,)  # type: ignore[attr-defined]
    assert "truce CN+US: until 2025-11-10 → 2026-11-10 (+365 days)" in records[1].getMessage()


def test_log_sink_digest_and_level(caplog: pytest.LogCaptureFixture) -> None:
    sink = LogSink("audit", logger=logging.getLogger("tw.audit"), level=logging.WARNING, digest=True)
    caplog.set_level(logging.WARNING, logger="tw.audit")
    sink.send([tariff_alert(), truce_alert()])
    (record,) = [r for r in caplog.records if r.name == "tw.audit"]
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith("tradewatch alerts (2):\n[ev-tariffs] tariff US→CN")
    sink.send([])
    assert len([r for r in caplog.records if r.name == "tw.audit"]) == 1


# -- JSON lines ----------------------------------------------------------------------------------------------


def test_jsonl_appends_across_instances_and_lines_decode(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    path.write_text('{"earlier": true}\n', encoding="utf-8")
    first = JsonLinesSink(path)
    assert first.name == f"jsonl:{path}"
    first.send([tariff_alert(), hostile_alert()])
    second = JsonLinesSink(str(path), name="archive", digest=True)
    second.send([truce_alert(), control_alert()])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == '{"earlier": true}'
    decoded = [serial.from_json(line, Alert) for line in lines[1:]]
    assert decoded == [tariff_alert(), hostile_alert(), truce_alert(), control_alert()]
    assert all(json.loads(line)["schema"] == serial.SCHEMA for line in lines[1:])


def test_jsonl_line_separators_in_text_do_not_split_lines(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    alert = tariff_alert(title="one\u2028two\u2029three\x85four")
    JsonLinesSink(path).send([alert])
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 1
    assert serial.from_json(text, Alert) == alert


def test_jsonl_starts_a_new_line_after_a_torn_write(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    path.write_bytes(b'{"schema": 1, "id": "cut sho')
    JsonLinesSink(path).send([tariff_alert()])
    lines = path.read_text(encoding="utf-8").splitlines()
    assert serial.from_json(lines[-1], Alert) == tariff_alert()


def test_jsonl_fsyncs_file_and_new_directory_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    path = tmp_path / "durable.jsonl"
    sink = JsonLinesSink(path, fsync=True)
    sink.send([tariff_alert(), truce_alert()])
    assert len(synced) == (2 if os.name == "posix" else 1)  # the file, then its directory
    sink.send([control_alert()])
    assert len(synced) == (3 if os.name == "posix" else 2)  # the file only: it existed
    JsonLinesSink(tmp_path / "lazy.jsonl").send([tariff_alert()])
    assert len(synced) == (3 if os.name == "posix" else 2)
    assert len(path.read_text(encoding="utf-8").splitlines()) == 3


def test_jsonl_os_error_is_a_retryable_delivery_error(tmp_path: Path) -> None:
    sink = JsonLinesSink(tmp_path / "missing-dir" / "alerts.jsonl", name="archive")
    with pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    error = caught.value
    assert error.retryable and error.sink == "archive"
    assert str(error).startswith("jsonl 'archive': cannot append to ")
    assert isinstance(error.__cause__, OSError)
    with pytest.raises(DeliveryError):
        JsonLinesSink(tmp_path).send([tariff_alert()])  # a directory


def test_jsonl_is_thread_safe(tmp_path: Path) -> None:
    path = tmp_path / "busy.jsonl"
    sinks = [JsonLinesSink(path), JsonLinesSink(path, name="twin")]
    alerts = [tariff_alert(title="x" * 5000), truce_alert()]

    def work(sink: JsonLinesSink) -> None:
        for _ in range(25):
            sink.send(alerts)

    threads = [threading.Thread(target=work, args=(sinks[i % 2],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8 * 25 * 2
    assert {serial.from_json(line, Alert).id for line in lines} == {a.id for a in alerts}


# -- webhook -------------------------------------------------------------------------------------------------


@pytest.fixture
def webhook_url(httpserver: HTTPServer) -> str:
    return httpserver.url_for("/hooks/T0KEN-in-path")


def test_webhook_posts_the_alerts_as_json(httpserver: HTTPServer, webhook_url: str) -> None:
    httpserver.expect_oneshot_request("/hooks/T0KEN-in-path", method="POST").respond_with_data("ok")
    alerts = [tariff_alert(), hostile_alert()]
    with closing(WebhookSink(webhook_url, name="team-hook", digest=True)) as sink:
        sink.send(alerts)
    (request, _response) = httpserver.log[0]
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"] == f"tradewatch/{tradewatch.__version__}"
    assert request.headers["X-Tradewatch-Alert-Ids"] == ",".join(a.id for a in alerts)
    assert "X-Tradewatch-Signature" not in request.headers
    document = json.loads(request.get_data().decode("utf-8"))
    assert document["schema"] == 1
    assert document["alerts"] == [serial.to_dict(a) for a in alerts]
    assert [serial.from_dict(a, Alert) for a in document["alerts"]] == alerts


def test_webhook_without_digest_posts_one_alert_per_request(httpserver: HTTPServer, webhook_url: str) -> None:
    httpserver.expect_request("/hooks/T0KEN-in-path").respond_with_data("", status=204)
    with closing(WebhookSink(webhook_url, headers={"Authorization": "Bearer abc"})) as sink:
        assert sink.name.startswith(f"webhook:{httpserver.host}#")
        sink.send([tariff_alert(), truce_alert()])
    assert len(httpserver.log) == 2
    assert [r.headers["X-Tradewatch-Alert-Ids"] for r, _ in httpserver.log] == [
        tariff_alert().id,
        truce_alert().id,
    ]
    assert all(r.headers["Authorization"] == "Bearer abc" for r, _ in httpserver.log)


@pytest.mark.parametrize("status", [500, 502, 503, 429, 408])
def test_webhook_server_errors_are_retryable(httpserver: HTTPServer, webhook_url: str, status: int) -> None:
    headers = {"Retry-After": "120"} if status in (429, 503) else {}
    httpserver.expect_request("/hooks/T0KEN-in-path").respond_with_data("try later", status, headers)
    with closing(WebhookSink(webhook_url, name="team-hook")) as sink, pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    error = caught.value
    assert error.retryable and error.status == status and error.sink == "team-hook"
    assert str(error).startswith(f"webhook 'team-hook': HTTP {status} ")
    assert f"from http://{httpserver.host}:{httpserver.port}/…: try later" in str(error)
    assert "T0KEN" not in str(error)
    assert error.retry_after == (120.0 if headers else None)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 422])
def test_webhook_client_errors_are_not_retryable(
    httpserver: HTTPServer, webhook_url: str, status: int
) -> None:
    httpserver.expect_request("/hooks/T0KEN-in-path").respond_with_data('{"error": "bad alert"}', status)
    with closing(WebhookSink(webhook_url)) as sink, pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    assert not caught.value.retryable
    assert caught.value.status == status
    assert '{"error": "bad alert"}' in caught.value.reason


@pytest.mark.parametrize(("status", "retryable"), [(301, False), (302, True), (307, True), (308, False)])
def test_webhook_does_not_follow_redirects(
    httpserver: HTTPServer, webhook_url: str, status: int, retryable: bool
) -> None:
    httpserver.expect_request("/hooks/T0KEN-in-path").respond_with_data(
        "", status, {"Location": httpserver.url_for("/elsewhere")}
    )
    httpserver.expect_request("/elsewhere").respond_with_data("should not be reached")
    with closing(WebhookSink(webhook_url)) as sink, pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    assert caught.value.retryable is retryable
    assert "redirects are not followed" in str(caught.value)
    assert [r.path for r, _ in httpserver.log] == ["/hooks/T0KEN-in-path"]


def test_webhook_redirect_with_a_malformed_location_is_still_a_redirect() -> None:
    reply = b"HTTP/1.1 302 Found\r\nLocation: http://[::1\r\nContent-Length: 0\r\n\r\n"
    server = _RawServer(reply)
    try:
        with (
            closing(WebhookSink(f"http://127.0.0.1:{server.port}/hook")) as sink,
            pytest.raises(DeliveryError) as caught,
        ):
            sink.send([tariff_alert()])
    finally:
        server.close()
    assert caught.value.status == 302 and caught.value.retryable


class _RawServer:
    """Accepts connections on 127.0.0.1 and sends `reply` (exact bytes) once a request has arrived; with no
    reply it reads what comes and never answers."""

    def __init__(self, reply: bytes | None = None) -> None:
        self._reply = reply
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        self._listener.settimeout(0.05)
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._connections.append(connection)
            if self._reply is not None:
                connection.settimeout(2)
                received = b""
                while b"\r\n\r\n" not in received:
                    received += connection.recv(65536)
                connection.sendall(self._reply)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._connections:
            connection.close()
        self._listener.close()


@pytest.fixture
def silent() -> Iterator[_RawServer]:
    server = _RawServer()
    yield server
    server.close()


def test_webhook_gives_up_on_a_server_that_hangs(silent: _RawServer) -> None:
    timeout = 0.5
    sink = WebhookSink(f"http://127.0.0.1:{silent.port}/hook", name="slow", timeout=timeout)
    started = time.monotonic()
    with closing(sink), pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    elapsed = time.monotonic() - started
    assert elapsed < 2 * timeout
    assert caught.value.retryable
    assert "timed out after 0.5s waiting for the response" in str(caught.value)
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)


def test_webhook_connection_refused_is_retryable() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    sink = WebhookSink(f"http://127.0.0.1:{port}/hook", timeout=2)
    with closing(sink), pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    assert caught.value.retryable
    assert f"cannot connect to http://127.0.0.1:{port}/…" in str(caught.value)


def test_webhook_signature_verifies_and_detects_tampering(httpserver: HTTPServer, webhook_url: str) -> None:
    secret = "s3cret-for-tests"
    httpserver.expect_request("/hooks/T0KEN-in-path").respond_with_data("ok")
    before = int(time.time())
    with closing(WebhookSink(webhook_url, secret=secret)) as sink:
        assert secret not in repr(sink)
        sink.send([tariff_alert()])
    request, _ = httpserver.log[0]
    body = request.get_data()
    headers = dict(request.headers.items())
    timestamp = int(headers["X-Tradewatch-Timestamp"])
    assert before <= timestamp <= int(time.time())
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert headers["X-Tradewatch-Signature"] == f"sha256={expected}"

    assert verify_signature(body, headers, secret)
    assert verify_signature(body, headers, secret.encode())
    assert verify_signature(body, {k.lower(): v for k, v in headers.items()}, secret)
    assert not verify_signature(body, headers, "another secret")
    assert not verify_signature(body.replace(b'"100"', b'"10"'), headers, secret)
    assert not verify_signature(body + b" ", headers, secret)
    moved = {**headers, "X-Tradewatch-Timestamp": str(timestamp + 1)}
    assert not verify_signature(body, moved, secret)
    assert not verify_signature(body, {**headers, "X-Tradewatch-Timestamp": "soon"}, secret)
    assert not verify_signature(body, {k: v for k, v in headers.items() if "Signature" not in k}, secret)
    assert not verify_signature(body, {**headers, "X-Tradewatch-Signature": expected}, secret)  # no prefix
    # Too old (or too far ahead) for max_age, unless the receiver turns the check off.
    assert not verify_signature(body, headers, secret, now=timestamp + 301)
    assert not verify_signature(body, headers, secret, now=timestamp - 301)
    assert verify_signature(body, headers, secret, now=timestamp + 299)
    assert not verify_signature(body, headers, secret, max_age=10, now=timestamp + 11)
    assert verify_signature(body, headers, secret, max_age=None, now=timestamp + 10**6)
    assert verify_signature(body, headers, secret, now=datetime.fromtimestamp(timestamp + 5, UTC))
    with pytest.raises(ValueError, match="empty"):
        verify_signature(body, headers, "")


def test_webhook_with_a_shared_client_leaves_it_open(httpserver: HTTPServer, webhook_url: str) -> None:
    httpserver.expect_request("/hooks/T0KEN-in-path").respond_with_data("", 302, {"Location": "/x"})
    with httpx.Client(follow_redirects=True) as client:
        sink = WebhookSink(webhook_url, client=client)
        with pytest.raises(DeliveryError) as caught:
            sink.send([tariff_alert()])
        assert caught.value.status == 302
        sink.close()
        assert not client.is_closed
        with pytest.raises(DeliveryError, match="closed"):
            sink.send([tariff_alert()])


def test_webhook_checks_its_arguments() -> None:
    for url in ("ftp://files.example/x", "hooks.example/x", "http://", "http://h:99999/x"):
        with pytest.raises(SinkConfigError) as caught:
            WebhookSink(url)
        assert caught.value.key == "url"
    bad: list[tuple[dict[str, Any], str]] = [
        ({"timeout": 0}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"secret": ""}, "secret"),
        ({"headers": {"X-Tradewatch-Signature": "forged"}}, "headers"),
        ({"headers": {"Content-Type": "text/plain"}}, "headers"),
        ({"headers": {"X-Ok": "a\r\nInjected: yes"}}, "headers"),
        ({"headers": {"Bad Name": "x"}}, "headers"),
        ({"name": " "}, "name"),
    ]
    for kwargs, key in bad:
        with pytest.raises(SinkConfigError) as caught:
            WebhookSink("https://hooks.example/x", **kwargs)
        assert caught.value.key == key, kwargs


# -- Apprise -------------------------------------------------------------------------------------------------


def test_apprise_delivers_through_a_json_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/notify", method="POST").respond_with_data("ok")
    sink = AppriseSink(f"json://127.0.0.1:{httpserver.port}/notify", name="team-chat")
    assert isinstance(sink, Sink) and sink.url_count == 1
    sink.send([hostile_alert()])
    request, _ = httpserver.log[0]
    payload = json.loads(request.get_data())
    title, body = render_text([hostile_alert()])
    assert payload["title"] == title
    assert payload["message"] == body


def test_apprise_markdown_digest(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/notify", method="POST").respond_with_data("ok")
    url = f"json://127.0.0.1:{httpserver.port}/notify"
    sink = AppriseSink([url], digest=True, body_format="markdown")
    sink.send([tariff_alert(), hostile_alert()])
    assert len(httpserver.log) == 1
    payload = json.loads(httpserver.log[0][0].get_data())
    assert r"\[a\](javascript:x)" in payload["message"]


def test_apprise_failure_is_a_retryable_delivery_error() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    sink = AppriseSink(f"json://127.0.0.1:{port}/notify", name="dead")
    with pytest.raises(DeliveryError) as caught:
        sink.send([tariff_alert()])
    assert caught.value.retryable and caught.value.sink == "dead"
    assert str(caught.value).startswith("apprise 'dead': ")


def test_apprise_rejects_bad_urls_without_echoing_them() -> None:
    with pytest.raises(SinkConfigError) as caught:
        AppriseSink(["json://127.0.0.1/ok", "nosuchservice://user:hunter2@host"])
    assert caught.value.key == "urls"
    assert "#2" in str(caught.value) and "hunter2" not in str(caught.value)
    with pytest.raises(SinkConfigError) as caught:
        AppriseSink([])
    assert caught.value.key == "urls"
    with pytest.raises(SinkConfigError) as caught:
        AppriseSink("json://127.0.0.1/x", body_format="rtf")  # type: ignore[arg-type]
    assert caught.value.key == "body_format"


def test_apprise_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "apprise", None)  # makes `import apprise` fail
    with pytest.raises(SinkConfigError, match=r'pip install "tradewatch\[apprise\]"'):
        AppriseSink("json://127.0.0.1/x")
    with pytest.raises(SinkConfigError) as caught:
        sink_from_table({"name": "chat", "type": "apprise", "urls": "json://127.0.0.1/x"})
    assert caught.value.key == "type" and caught.value.sink == "chat"


# -- callables -----------------------------------------------------------------------------------------------


def test_callable_sync_gets_each_alert() -> None:
    received: list[Any] = []

    def on_alert(alert: Alert) -> None:
        received.append(alert)

    sink = CallableSink(on_alert)
    assert sink.name == "test_callable_sync_gets_each_alert.<locals>.on_alert"
    sink.send([tariff_alert(), truce_alert()])
    assert received == [tariff_alert(), truce_alert()]


def test_callable_digest_gets_a_list() -> None:
    received: list[Any] = []
    sink = CallableSink(received.append, name="collector", digest=True)
    sink.send([tariff_alert(), truce_alert()])
    assert received == [[tariff_alert(), truce_alert()]]


def test_callable_async_runs_on_its_own_loop() -> None:
    received: list[Any] = []

    async def on_alert(alert: Alert) -> None:
        await asyncio.sleep(0.01)
        received.append((alert.id, asyncio.get_running_loop()))

    CallableSink(on_alert).send([tariff_alert()])
    assert received[0][0] == tariff_alert().id
    # A callable object, or a partial, that returns an awaitable is awaited too.
    CallableSink(functools.partial(on_alert), name="partial").send([truce_alert()])
    assert received[1][0] == truce_alert().id


def test_callable_exception_becomes_the_cause() -> None:
    def broken(alert: Alert) -> None:
        raise KeyError("no such desk")

    with pytest.raises(DeliveryError) as caught:
        CallableSink(broken, name="desk").send([tariff_alert()])
    assert caught.value.retryable
    assert isinstance(caught.value.__cause__, KeyError)
    assert str(caught.value) == "callable 'desk': KeyError: 'no such desk'"


def test_callable_may_ask_not_to_be_retried() -> None:
    async def refuse(alert: Alert) -> None:
        raise DeliveryError("mine", "this alert can never be handled", retryable=False)

    with pytest.raises(DeliveryError) as caught:
        CallableSink(refuse, name="strict").send([tariff_alert()])
    assert not caught.value.retryable
    assert caught.value.sink == "strict"


def test_callable_own_timeout_error_is_not_ours() -> None:
    async def quick_failure(alert: Alert) -> None:
        raise TimeoutError("the remote desk timed out")

    with pytest.raises(DeliveryError) as caught:
        CallableSink(quick_failure, timeout=5).send([tariff_alert()])
    assert "TimeoutError: the remote desk timed out" in str(caught.value)


def test_callable_hanging_sync_is_abandoned_after_the_timeout() -> None:
    release = threading.Event()
    sink = CallableSink(lambda alert: release.wait(10), name="stuck", timeout=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(DeliveryError, match=r"timed out after 0\.3s") as caught:
            sink.send([tariff_alert()])
        assert time.monotonic() - started < 0.6
        assert caught.value.retryable
    finally:
        release.set()


def test_callable_hanging_async_is_cancelled() -> None:
    cancelled = threading.Event()

    async def forever(alert: Alert) -> None:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    started = time.monotonic()
    with pytest.raises(DeliveryError, match=r"timed out after 0\.3s \(the coroutine was cancelled\)"):
        CallableSink(forever, timeout=0.3).send([tariff_alert()])
    assert time.monotonic() - started < 0.6
    assert cancelled.is_set()


def test_callable_stops_starting_calls_while_too_many_hang() -> None:
    release = threading.Event()
    sink = CallableSink(lambda alert: release.wait(10), timeout=0.3)
    sink.max_abandoned = 2  # type: ignore[misc]
    try:
        for _ in range(2):
            with pytest.raises(DeliveryError, match="timed out"):
                sink.send([tariff_alert()])
        started = time.monotonic()
        with pytest.raises(DeliveryError, match="2 earlier calls are still running"):
            sink.send([tariff_alert()])
        assert time.monotonic() - started < 0.15  # refused at once, not after another timeout
    finally:
        release.set()
    for thread in sink._abandoned:
        thread.join(5)
    sink.send([tariff_alert()])  # the threads returned: calls go through again


# -- errors and the protocol ---------------------------------------------------------------------------------


def test_delivery_error_pickles_with_its_fields() -> None:
    error = DeliveryError(
        "team-hook", "HTTP 410 Gone from https://hooks.example/…", retryable=False, status=410
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.sink, copy.reason, copy.retryable, copy.status) == ("team-hook", error.reason, False, 410)
    assert str(copy) == str(error) == "sink 'team-hook': HTTP 410 Gone from https://hooks.example/…"
    config = pickle.loads(pickle.dumps(SinkConfigError("unknown key", key="colour", sink="x")))
    assert (config.key, config.sink, str(config)) == ("colour", "x", "sink 'x': colour: unknown key")


def test_every_sink_is_a_sink(tmp_path: Path) -> None:
    sinks: list[Sink] = [
        LogSink(),
        JsonLinesSink(tmp_path / "a.jsonl"),
        WebhookSink("https://hooks.example/x"),
        AppriseSink("json://127.0.0.1/x"),
        CallableSink(print),
    ]
    for sink in sinks:
        assert isinstance(sink, Sink)
        sink.send([])  # nothing to deliver is not a failure
        sink.close()


# -- TOML tables ---------------------------------------------------------------------------------------------


def test_tables_build_every_kind_of_sink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = sink_from_table({"name": "audit", "type": "log", "level": "warning", "logger": "tw.audit"})
    assert isinstance(log, LogSink)
    assert (log.name, log.level, log.logger.name, log.digest) == ("audit", logging.WARNING, "tw.audit", False)

    path = str(tmp_path / "a.jsonl")
    jsonl = sink_from_table({"name": "archive", "type": "jsonl", "path": path, "fsync": True, "digest": True})
    assert isinstance(jsonl, JsonLinesSink)
    assert (jsonl.name, jsonl.path, jsonl.fsync, jsonl.digest) == ("archive", path, True, True)

    monkeypatch.setenv("TW_TEST_HOOK_SECRET", "from-the-environment")
    hook = sink_from_table(
        {
            "name": "team-hook",
            "type": "webhook",
            "url": "https://hooks.example/T0KEN",
            "timeout": 3,
            "headers": {"Authorization": "Bearer abc"},
            "secret_env": "TW_TEST_HOOK_SECRET",
        }
    )
    assert isinstance(hook, WebhookSink)
    assert (hook.name, hook.url, hook.timeout) == ("team-hook", "https://hooks.example/T0KEN", 3.0)
    body = hook.body([tariff_alert()])
    headers = hook._headers([tariff_alert()], body)
    assert headers["Authorization"] == "Bearer abc"
    assert verify_signature(body, headers, "from-the-environment")
    hook.close()
    inline = sink_from_table(
        {"name": "h2", "type": "webhook", "url": "http://127.0.0.1/x", "secret": "inline"}
    )
    assert isinstance(inline, WebhookSink)
    body = inline.body([tariff_alert()])
    assert verify_signature(body, inline._headers([tariff_alert()], body), "inline")
    inline.close()

    chat = sink_from_table(
        {"name": "chat", "type": "apprise", "urls": ["json://127.0.0.1/a", "json://127.0.0.1/b"]}
    )
    assert isinstance(chat, AppriseSink) and chat.url_count == 2 and chat.body_format == "text"
    html_chat = sink_from_table(
        {"name": "c2", "type": "apprise", "urls": "json://127.0.0.1/a", "format": "html"}
    )
    assert isinstance(html_chat, AppriseSink) and html_chat.body_format == "html"


BAD_TABLES: list[tuple[Any, str | None, str]] = [
    ({"type": "log"}, "name", "required"),
    ({"name": 7, "type": "log"}, "name", "must be a string"),
    ({"name": "", "type": "log"}, "name", "1 to 200 characters"),
    ({"name": "s"}, "type", "required key missing; one of: log, jsonl, webhook, apprise"),
    ({"name": "s", "type": "smtp"}, "type", "unknown sink type 'smtp'"),
    ({"name": "s", "type": ["log"]}, "type", "must be a string"),
    ({"name": "s", "type": "log", "colour": "red"}, "colour", "unknown key for a log sink"),
    ({"name": "s", "type": "log", "path": "x"}, "path", "unknown key"),
    ({"name": "s", "type": "log", "digest": "yes"}, "digest", "true or false"),
    ({"name": "s", "type": "log", "digest": 1}, "digest", "true or false"),
    ({"name": "s", "type": "log", "level": "LOUD"}, "level", "unknown logging level"),
    ({"name": "s", "type": "log", "level": True}, "level", "boolean"),
    ({"name": "s", "type": "log", "logger": 3}, "logger", "logger name"),
    ({"name": "s", "type": "jsonl"}, "path", "required"),
    ({"name": "s", "type": "jsonl", "path": 5}, "path", "file path"),
    ({"name": "s", "type": "jsonl", "path": ""}, "path", "non-empty"),
    ({"name": "s", "type": "jsonl", "path": "a", "fsync": "no"}, "fsync", "true or false"),
    ({"name": "s", "type": "webhook"}, "url", "required"),
    ({"name": "s", "type": "webhook", "url": "file:///etc/passwd"}, "url", "http:// or https://"),
    ({"name": "s", "type": "webhook", "url": "https://h/x", "timeout": "10"}, "timeout", "number of seconds"),
    ({"name": "s", "type": "webhook", "url": "https://h/x", "timeout": True}, "timeout", "boolean"),
    ({"name": "s", "type": "webhook", "url": "https://h/x", "timeout": -1}, "timeout", "positive"),
    ({"name": "s", "type": "webhook", "url": "https://h/x", "headers": "X: y"}, "headers", "table"),
    ({"name": "s", "type": "webhook", "url": "https://h/x", "headers": {"X": 1}}, "headers", "one line"),
    (
        {"name": "s", "type": "webhook", "url": "https://h/x", "secret_env": "TW_UNSET_VAR"},
        "secret_env",
        "not set",
    ),
    (
        {"name": "s", "type": "webhook", "url": "https://h/x", "secret_env": "TW_EMPTY_VAR"},
        "secret_env",
        "empty",
    ),
    (
        {"name": "s", "type": "webhook", "url": "https://h/x", "secret_env": 5},
        "secret_env",
        "environment variable",
    ),
    ({"name": "s", "type": "webhook", "url": "https://h/x", "secret": ""}, "secret", "non-empty"),
    (
        {"name": "s", "type": "webhook", "url": "https://h/x", "secret": "a", "secret_env": "B"},
        "secret",
        "not both",
    ),
    ({"name": "s", "type": "apprise"}, "urls", "required"),
    ({"name": "s", "type": "apprise", "urls": 5}, "urls", "Apprise URL"),
    ({"name": "s", "type": "apprise", "urls": []}, "urls", "non-empty list"),
    ({"name": "s", "type": "apprise", "urls": [""]}, "urls", "#1"),
    (
        {"name": "s", "type": "apprise", "urls": "json://h/x", "format": "rtf"},
        "format",
        "text, markdown or html",
    ),
    ({"name": "s", "type": "apprise", "urls": "json://h/x", "format": 1}, "format", "must be"),
    (["name", "s"], None, "must be a table"),
]


@pytest.mark.parametrize(("table", "key", "words"), BAD_TABLES)
def test_bad_tables_say_which_key(
    table: Any, key: str | None, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TW_UNSET_VAR", raising=False)
    monkeypatch.setenv("TW_EMPTY_VAR", "")
    with pytest.raises(SinkConfigError) as caught:
        sink_from_table(table)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.key == key
    assert words in error.reason
    if isinstance(table, dict) and isinstance(table.get("name"), str) and table["name"]:
        assert error.sink == table["name"]
        assert str(error).startswith(f"sink {table['name']!r}: {key}: ")
