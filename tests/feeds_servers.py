"""Loopback servers for the feeds tests: a raw TCP server for the faults a well-behaved HTTP server cannot
produce (hangs, slow drips, resets, lying Content-Length), and small feed documents."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape

Handler = Callable[[socket.socket, threading.Event], None]


class RawServer:
    """Accepts connections on 127.0.0.1 and runs `handler(connection, stopping)` for each in a thread.

    `stopping` is set when the server closes, so a handler that hangs on purpose can wait on it and end.
    """

    def __init__(self, handler: Handler) -> None:
        self._handler = handler
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self.stopping = threading.Event()
        self.connections = 0
        self._open: list[socket.socket] = []
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, daemon=True)
        self._acceptor.start()

    def url(self, path: str = "/feed.xml") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._open.append(connection)
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, connection: socket.socket) -> None:
        with contextlib.suppress(OSError):
            self._handler(connection, self.stopping)
        with contextlib.suppress(OSError):
            connection.close()

    def close(self) -> None:
        self.stopping.set()
        self._listener.close()
        for connection in self._open:
            with contextlib.suppress(OSError):
                connection.close()
        self._acceptor.join(timeout=2)
        for thread in self._threads:
            thread.join(timeout=2)


@contextlib.contextmanager
def raw_server(handler: Handler) -> Iterator[RawServer]:
    server = RawServer(handler)
    try:
        yield server
    finally:
        server.close()


def read_request(connection: socket.socket) -> bytes:
    """Read one request head (up to the blank line)."""
    connection.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def reset(connection: socket.socket) -> None:
    """Close with a TCP RST instead of a FIN (SO_LINGER with a zero timeout)."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def rss(
    *items: tuple[str, str], title: str = "Trade wire", ttl: int | None = None, link: bool = True
) -> bytes:
    """An RSS 2.0 document with one item per (guid, title)."""
    entries = "".join(
        f"<item><title>{escape(item_title)}</title>"
        + (f"<link>https://news.example/{escape(guid)}</link>" if link else "")
        + f'<guid isPermaLink="false">{escape(guid)}</guid>'
        "<pubDate>Tue, 12 Aug 2025 09:30:00 GMT</pubDate>"
        f"<description>{escape('<p>' + escape(item_title) + '</p>')}</description></item>"
        for guid, item_title in items
    )
    ttl_element = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link><description>d</description>"
        f"{ttl_element}{entries}</channel></rss>"
    ).encode()


FEED = rss(("steel-1", "US raises steel tariff to 50%"), ("chips-2", "China curbs gallium exports"))
