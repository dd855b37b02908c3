"""A loopback HTTP server that plays the demo's feeds, one scripted step at a time."""

from __future__ import annotations

import hashlib
import os
import threading
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

import attrs

from tradewatch._defaults import toml_string

from ._script import DEMO_SOURCES, DEMO_STEPS, feed_bytes

__all__ = ["DemoServer"]

_ATOM = "{http://www.w3.org/2005/Atom}"
_FORMATS = {"rss": "RSS 2.0", "atom": "Atom"}


@attrs.frozen(kw_only=True)
class _Document:
    body: bytes
    content_type: str
    etag: str
    last_modified: datetime

    @property
    def last_modified_header(self) -> str:
        return format_datetime(self.last_modified, usegmt=True)


def _document(source: str, step: int, content_type: str) -> _Document:
    body = feed_bytes(source, step)
    return _Document(
        body=body,
        content_type=content_type,
        etag='"' + hashlib.sha256(body).hexdigest()[:24] + '"',
        last_modified=_built(body),
    )


def _built(body: bytes) -> datetime:
    """When the feed says it was last built: RSS ``lastBuildDate`` or the Atom feed's ``updated``.

    Using the feed's own date rather than the clock keeps the server's answers the same on every run, and
    a feed that did not change at a step keeps its date, so conditional requests see it unchanged.
    """
    root = ET.fromstring(body)  # the package's own files, never a download
    text = root.findtext("channel/lastBuildDate") or root.findtext(f"{_ATOM}updated")
    if not text:
        raise ValueError("a demo feed has neither lastBuildDate nor updated")
    stamp = parsedate_to_datetime(text) if root.tag == "rss" else datetime.fromisoformat(text)
    return stamp.astimezone(UTC)


class DemoServer:
    """Serves the demo's feeds at ``/<source>.xml`` on 127.0.0.1, as they read at the current `step`.

    Use it as a context manager (or call `start` and `close`)::

        with DemoServer() as server:
            config = server.config_toml("demo.sqlite")
            ...                      # poll the sources at server.urls
            server.advance()         # the next scripted change appears in the feeds

    Answers carry ``Content-Type``, ``ETag`` and ``Last-Modified``, and a conditional request
    (``If-None-Match``, else ``If-Modified-Since``) for a feed that has not changed gets 304 Not Modified,
    as from a well-behaved news site. The server binds a free port when it is created, so `urls` and
    `config_toml` work before `start`; it logs nothing.
    """

    def __init__(self, *, step: int = 0, host: str = "127.0.0.1", port: int = 0) -> None:
        if not 0 <= step < len(DEMO_STEPS):
            raise IndexError(f"no demo step {step} (steps are 0 to {len(DEMO_STEPS) - 1})")
        self._lock = threading.Lock()
        self._step = step
        self._documents = {
            (source.name, number): _document(source.name, number, source.content_type)
            for source in DEMO_SOURCES
            for number in range(len(DEMO_STEPS))
        }
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None
        self._closed = False

    # --- lifecycle -----------------------------------------------------------------------------------
    def start(self) -> DemoServer:
        """Start answering requests (in a daemon thread); returns the server."""
        if self._closed:
            raise RuntimeError("the demo server is closed")
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name="tradewatch-demo-server",
            )
            self._thread.daemon = True
            self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and release the port. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- the script ----------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        """The step whose feeds are being served (0 is the baseline)."""
        with self._lock:
            return self._step

    @property
    def last_step(self) -> int:
        return len(DEMO_STEPS) - 1

    def advance(self) -> int:
        """Move to the next step and return its number. Raises IndexError after the last step."""
        with self._lock:
            if self._step >= len(DEMO_STEPS) - 1:
                raise IndexError(f"the demo has no step after {self._step}")
            self._step += 1
            return self._step

    # --- addresses and configuration -----------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}"

    @property
    def urls(self) -> dict[str, str]:
        """Source name -> URL of its feed, in the order of `DEMO_SOURCES`."""
        return {source.name: f"{self.base_url}/{source.name}.xml" for source in DEMO_SOURCES}

    def config_toml(
        self, store_path: str | os.PathLike[str], *, interval: str = "1s", rules_toml: str = ""
    ) -> str:
        """A ``tradewatch.toml`` for the demo: `store_path`, and one ``[[source]]`` per demo feed, polled
        every `interval`. `rules_toml` (rule tables) is appended verbatim at the end."""
        lines = [
            "# tradewatch.toml for the demo: three sample feeds served on this machine by the demo server.",
            f"store = {toml_string(os.fspath(store_path))}",
            "# Three small feeds: parsing them in the poll threads is quicker than starting worker processes.",
            "cpu_processes = 0",
        ]
        urls = self.urls
        for source in DEMO_SOURCES:
            tags = ", ".join(toml_string(tag) for tag in source.tags)
            lines += [
                "",
                f"# {source.title} ({_FORMATS.get(source.format, source.format)})",
                "[[source]]",
                f"name = {toml_string(source.name)}",
                f"url = {toml_string(urls[source.name])}",
                f"interval = {toml_string(interval)}",
                f"tags = [{tags}]",
            ]
        lines += ["", "# ---- rules: which changes alert, and where the alerts go " + "-" * 41]
        text = "\n".join(lines) + "\n"
        if rules_toml:
            text += rules_toml if rules_toml.endswith("\n") else rules_toml + "\n"
        return text

    # --- serving -------------------------------------------------------------------------------------
    def _current(self, source: str) -> _Document | None:
        with self._lock:
            return self._documents.get((source, self._step))


def _handler_for(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    names = {source.name for source in DEMO_SOURCES}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "tradewatch-demo"
        sys_version = ""
        # An idle keep-alive connection must not hold a thread for ever.
        timeout = 30

        def do_GET(self) -> None:
            self._answer(body=True)

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the demo prints its own story; request lines would drown it

        def _answer(self, *, body: bool) -> None:
            path = urlsplit(self.path).path
            name = path[1:].removesuffix(".xml") if path.startswith("/") and path.endswith(".xml") else ""
            document = server._current(name) if name in names else None
            if document is None:
                self._plain(HTTPStatus.NOT_FOUND, "no such feed\n", body=body)
                return
            if _not_modified(
                self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), document
            ):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self._validators(document)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", document.content_type)
            self.send_header("Content-Length", str(len(document.body)))
            self._validators(document)
            self.end_headers()
            if body:
                self.wfile.write(document.body)

        def _validators(self, document: _Document) -> None:
            self.send_header("ETag", document.etag)
            self.send_header("Last-Modified", document.last_modified_header)
            # Revalidate every time: a max-age would stretch the watcher's one-second interval.
            self.send_header("Cache-Control", "no-cache")

        def _plain(self, status: HTTPStatus, text: str, *, body: bool) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

    return Handler


def _not_modified(if_none_match: str | None, if_modified_since: str | None, document: _Document) -> bool:
    """RFC 9110: If-None-Match decides when present (weak comparison); If-Modified-Since only without it."""
    if if_none_match is not None:
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return "*" in tags or document.etag in (tag.removeprefix("W/") for tag in tags)
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return document.last_modified <= since
    return False
