"""A loopback HTTP server for the watcher's tests: routes that serve feeds (with ETags), and routes that fail
in the ways real servers do (hang, reset, errors, redirect loops, bombs). Counts every request per path."""

from __future__ import annotations

import collections
import contextlib
import gzip
import socket
import struct
import threading
import time
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import attrs


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that time out or give up are part of the tests


@attrs.frozen(kw_only=True)
class Route:
    """What one path answers. `etag` turns on conditional GET (a matching If-None-Match gets 304);
    `action` is "hang" (never answer), "reset" (close the connection with a TCP reset), "drip" (send the body
    one byte every 0.1 s) or "short" (announce a longer body than is sent, then close)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = attrs.field(factory=dict)
    etag: str | None = None
    delay: float = 0.0
    action: str | None = None
    gzip: bool = False  # compress when the client accepts gzip


class FeedSite:
    """Serves `Route`s on 127.0.0.1 until closed. Use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: collections.Counter[str] = collections.Counter()
        self.not_modified: collections.Counter[str] = collections.Counter()
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                site._serve(self)

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def set(self, path: str, route: Route) -> None:
        with self._lock:
            self.routes[path] = route

    def feed(
        self, path: str, items: Iterable[tuple[str, str]], *, etag: str | None = None, **kw: object
    ) -> None:
        """Serve an RSS feed of (id, title) items at `path`."""
        self.set(
            path, Route(body=rss(items, **kw), etag=etag, headers={"Content-Type": "application/rss+xml"})
        )

    def close(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FeedSite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?")[0]
        with self._lock:
            route = self.routes.get(path)
            self.hits[path] += 1
        if route is None:
            route = Route(status=404, body=b"not found", headers={"Content-Type": "text/plain"})
        if route.delay:
            time.sleep(route.delay)
        if route.action == "hang":
            self.stopping.wait(30)
            return
        if route.action == "reset":
            # SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            handler.connection.close()
            handler.close_connection = True
            return
        if route.etag is not None and handler.headers.get("If-None-Match") == route.etag:
            with self._lock:
                self.not_modified[path] += 1
            handler.send_response(304)
            handler.send_header("ETag", route.etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        payload = route.body
        handler.send_response(route.status)
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if route.etag is not None:
            handler.send_header("ETag", route.etag)
        if route.gzip and "gzip" in handler.headers.get("Accept-Encoding", ""):
            payload = gzip.compress(payload)
            handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(payload) * (2 if route.action == "short" else 1)))
        handler.end_headers()
        with contextlib.suppress(OSError):
            if route.action == "drip":
                for byte in payload:
                    if self.stopping.wait(0.1):
                        return
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                return
            handler.wfile.write(payload)
            if route.action == "short":
                handler.close_connection = True


def rss(items: Iterable[tuple[str, str]], *, ttl: int | None = None, title: str = "Trade desk") -> bytes:
    """A small RSS 2.0 document; each item is (guid, title), with a short invented body."""
    entries = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(head)}</title>"
        f"<link>https://news.example/{escape(guid)}</link>"
        f"<description>{escape(head)}. Officials gave no further details.</description>"
        "<pubDate>Tue, 12 Aug 2025 09:30:00 GMT</pubDate></item>"
        for guid, head in items
    )
    ttl_element = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link><description>news</description>"
        f"{ttl_element}{entries}</channel></rss>"
    ).encode()


@contextlib.contextmanager
def feed_site() -> Iterator[FeedSite]:
    site = FeedSite()
    try:
        yield site
    finally:
        site.close()
