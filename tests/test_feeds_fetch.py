"""HttpFetcher against real loopback servers: success, conditional GET, redirects, errors and faults."""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import socket
import struct
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import tradewatch
from feeds_servers import FEED, RawServer, raw_server, read_request, reset, rss
from tradewatch.feeds import (
    ConnectFailed,
    ConnectionLost,
    ContentDecodingError,
    Fetched,
    Fetcher,
    FetchError,
    FetchTimeout,
    Gone,
    HttpFetcher,
    HTTPStatusError,
    InvalidURL,
    LocalFileError,
    ProtocolError,
    TooLarge,
    TooManyRedirects,
    Validators,
    default_user_agent,
)
from tradewatch.feeds._decode import BoundedDecoder
from tradewatch.feeds._fetch import MAX_RETRY_AFTER, max_age, retry_after

SHA = hashlib.sha256(FEED).hexdigest()


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(timeout=5.0, deadline=10.0) as f:
        yield f


def quick(**limits: float | int) -> HttpFetcher:
    """A fetcher with tiny timeouts, for servers that misbehave on purpose."""
    timeout = limits.pop("timeout", 0.3)
    return HttpFetcher(timeout=httpx.Timeout(timeout), **limits)  # type: ignore[arg-type]


def serve(httpserver: HTTPServer, path: str, body: bytes = FEED, status: int = 200, **headers: str) -> str:
    headers = {k.replace("_", "-"): v for k, v in headers.items()}
    headers.setdefault("Content-Type", "application/rss+xml; charset=utf-8")
    httpserver.expect_request(path).respond_with_response(Response(body, status=status, headers=headers))
    return httpserver.url_for(path)


class TestSuccess:
    def test_200_returns_the_body_headers_and_fresh_validators(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        url = serve(httpserver, "/feed.xml", ETag='"v1"', Last_Modified="Tue, 12 Aug 2025 09:30:00 GMT")
        fetched = fetcher.fetch(url, Validators())
        assert fetched.status == 200
        assert fetched.body == FEED
        assert not fetched.not_modified
        assert fetched.url == url
        assert fetched.permanent_redirect is None
        assert fetched.headers["content-type"] == "application/rss+xml; charset=utf-8"
        assert fetched.validators == Validators(
            etag='"v1"', last_modified="Tue, 12 Aug 2025 09:30:00 GMT", body_sha256=SHA
        )
        assert all(name == name.lower() for name in fetched.headers)

    def test_the_request_identifies_itself_and_asks_for_feeds(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        fetcher.fetch(serve(httpserver, "/feed.xml"), Validators())
        request, _ = httpserver.log[-1]
        agent = request.headers["User-Agent"]
        assert agent == f"tradewatch/{tradewatch.__version__} (+https://github.com/tradewatch/tradewatch)"
        assert agent == default_user_agent()
        assert "application/rss+xml" in request.headers["Accept"]
        assert request.headers["Accept-Encoding"] == "gzip, deflate"
        assert "If-None-Match" not in request.headers

    def test_a_custom_user_agent_is_sent(self, httpserver: HTTPServer) -> None:
        with HttpFetcher(user_agent="acme-monitor/2") as f:
            f.fetch(serve(httpserver, "/feed.xml"), Validators())
        assert httpserver.log[-1][0].headers["User-Agent"] == "acme-monitor/2"

    def test_a_cookie_a_server_sets_is_sent_back_and_answers_without_one_keep_it(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        httpserver.expect_ordered_request("/feed.xml").respond_with_response(
            Response(FEED, headers={"Set-Cookie": "consent=yes; Path=/"})
        )
        httpserver.expect_ordered_request("/feed.xml").respond_with_response(Response(status=304))
        httpserver.expect_ordered_request("/feed.xml").respond_with_response(Response(FEED))
        url = httpserver.url_for("/feed.xml")
        for _ in range(3):
            fetcher.fetch(url, Validators())
        sent = [request.headers.get("Cookie") for request, _ in httpserver.log]
        assert sent == [None, "consent=yes", "consent=yes"]

    def test_cache_control_max_age_is_reported(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        url = serve(httpserver, "/feed.xml", Cache_Control="public, max-age=600")
        assert fetcher.fetch(url, Validators()).max_age == timedelta(minutes=10)

    def test_http_fetcher_is_a_fetcher(self, fetcher: HttpFetcher) -> None:
        assert isinstance(fetcher, Fetcher)

    def test_many_threads_share_one_fetcher(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        url = serve(httpserver, "/feed.xml")
        results: list[Fetched | BaseException] = []

        def work() -> None:
            try:
                results.extend(fetcher.fetch(url, Validators()) for _ in range(5))
            except BaseException as error:  # collected, so the assertion below shows it
                results.append(error)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert len(results) == 40
        assert all(isinstance(r, Fetched) and r.body == FEED for r in results)

    def test_closing_twice_is_harmless_and_a_closed_fetcher_refuses(self, httpserver: HTTPServer) -> None:
        fetcher = HttpFetcher()
        fetcher.close()
        fetcher.close()
        with pytest.raises(RuntimeError):
            fetcher.fetch(serve(httpserver, "/feed.xml"), Validators())


class TestNotModified:
    def test_304_sends_validators_and_refreshes_them(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        old = Validators(etag='"v1"', last_modified="Tue, 12 Aug 2025 09:30:00 GMT", body_sha256=SHA)
        httpserver.expect_request(
            "/feed.xml",
            headers={"If-None-Match": '"v1"', "If-Modified-Since": "Tue, 12 Aug 2025 09:30:00 GMT"},
        ).respond_with_response(Response(status=304, headers={"ETag": '"v2"', "Cache-Control": "max-age=60"}))
        fetched = fetcher.fetch(httpserver.url_for("/feed.xml"), old)
        assert fetched.status == 304
        assert fetched.not_modified
        assert fetched.body is None
        # The new ETag replaces the old one; what the 304 does not mention is kept.
        assert fetched.validators == Validators(
            etag='"v2"', last_modified="Tue, 12 Aug 2025 09:30:00 GMT", body_sha256=SHA
        )
        assert fetched.max_age == timedelta(seconds=60)

    def test_non_ascii_validators_are_sent_back_as_received(self) -> None:
        sent: list[bytes] = []

        def handler(request: httpx.Request) -> httpx.Response:
            sent.append(
                {name.lower(): value for name, value in request.headers.raw}.get(b"if-none-match", b"")
            )
            return httpx.Response(200, content=FEED, headers=[(b"ETag", '"\u00e9t\u00e9"'.encode())])

        with HttpFetcher(transport=httpx.MockTransport(handler)) as fetcher:
            first = fetcher.fetch("https://feeds.example/x.xml", Validators())
            assert first.validators.etag == '"\u00e9t\u00e9"'
            fetcher.fetch("https://feeds.example/x.xml", first.validators)
            # A validator no header can carry is left out rather than failing every fetch.
            fetcher.fetch("https://feeds.example/x.xml", Validators(etag='"a"\r\nX-Injected: 1'))
        assert sent == [b"", '"\u00e9t\u00e9"'.encode(), b""]

    def test_304_without_new_validators_keeps_the_old(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        old = Validators(etag='W/"abc"')
        httpserver.expect_request("/feed.xml").respond_with_response(Response(status=304))
        assert fetcher.fetch(httpserver.url_for("/feed.xml"), old).validators == old

    def test_a_byte_identical_body_is_not_modified(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        url = serve(httpserver, "/feed.xml")  # a server that ignores conditional requests
        first = fetcher.fetch(url, Validators())
        second = fetcher.fetch(url, first.validators)
        assert not first.not_modified
        assert second.not_modified
        assert second.body is None
        assert second.status == 200
        assert second.validators.body_sha256 == SHA

    def test_a_changed_body_is_returned(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        url = serve(httpserver, "/feed.xml")
        fetched = fetcher.fetch(url, Validators(body_sha256="0" * 64))
        assert fetched.body == FEED
        assert not fetched.not_modified


class TestRedirects:
    def redirect(self, httpserver: HTTPServer, source: str, target: str, status: int) -> None:
        httpserver.expect_request(source).respond_with_response(
            Response(status=status, headers={"Location": target})
        )

    @pytest.mark.parametrize("status", [301, 308])
    def test_a_permanent_redirect_is_reported(
        self, httpserver: HTTPServer, fetcher: HttpFetcher, status: int
    ) -> None:
        new = serve(httpserver, "/new.xml")
        self.redirect(httpserver, "/old.xml", "/new.xml", status)  # relative Location
        fetched = fetcher.fetch(httpserver.url_for("/old.xml"), Validators())
        assert fetched.body == FEED
        assert fetched.url == new
        assert fetched.permanent_redirect == new

    @pytest.mark.parametrize("status", [302, 303, 307])
    def test_a_temporary_redirect_is_not(
        self, httpserver: HTTPServer, fetcher: HttpFetcher, status: int
    ) -> None:
        new = serve(httpserver, "/new.xml")
        self.redirect(httpserver, "/old.xml", new, status)
        fetched = fetcher.fetch(httpserver.url_for("/old.xml"), Validators())
        assert fetched.url == new
        assert fetched.permanent_redirect is None

    def test_only_the_leading_run_of_permanent_redirects_counts(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        serve(httpserver, "/c.xml")
        self.redirect(httpserver, "/a.xml", "/b.xml", 301)
        self.redirect(httpserver, "/b.xml", "/c.xml", 302)
        self.redirect(httpserver, "/x.xml", "/y.xml", 302)
        self.redirect(httpserver, "/y.xml", "/c.xml", 301)
        # a -301-> b -302-> c: b is where the feed now lives; c may change again.
        assert fetcher.fetch(httpserver.url_for("/a.xml"), Validators()).permanent_redirect == (
            httpserver.url_for("/b.xml")
        )
        # x -302-> y -301-> c: x itself was only moved for now.
        assert fetcher.fetch(httpserver.url_for("/x.xml"), Validators()).permanent_redirect is None

    def test_validators_are_sent_to_the_redirect_target(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        self.redirect(httpserver, "/old.xml", "/new.xml", 301)
        httpserver.expect_request("/new.xml", headers={"If-None-Match": '"v1"'}).respond_with_response(
            Response(status=304)
        )
        fetched = fetcher.fetch(httpserver.url_for("/old.xml"), Validators(etag='"v1"'))
        assert fetched.not_modified
        assert fetched.permanent_redirect == httpserver.url_for("/new.xml")

    def test_a_redirect_loop_fails(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        self.redirect(httpserver, "/a.xml", "/b.xml", 302)
        self.redirect(httpserver, "/b.xml", "/a.xml", 302)
        with pytest.raises(TooManyRedirects, match="redirect loop") as caught:
            fetcher.fetch(httpserver.url_for("/a.xml"), Validators())
        assert caught.value.kind == "too_many_redirects"
        assert len(httpserver.log) == 2

    def test_five_redirects_are_followed_and_six_are_not(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        for hop in range(6):
            self.redirect(httpserver, f"/{hop}.xml", f"/{hop + 1}.xml", 302)
        serve(httpserver, "/6.xml")
        assert fetcher.fetch(httpserver.url_for("/1.xml"), Validators()).body == FEED
        with pytest.raises(TooManyRedirects, match="more than 5 redirects"):
            fetcher.fetch(httpserver.url_for("/0.xml"), Validators())

    def test_the_redirect_limit_is_configurable(self, httpserver: HTTPServer) -> None:
        self.redirect(httpserver, "/a.xml", "/b.xml", 301)
        serve(httpserver, "/b.xml")
        with HttpFetcher(max_redirects=0) as f, pytest.raises(TooManyRedirects):
            f.fetch(httpserver.url_for("/a.xml"), Validators())

    @pytest.mark.parametrize(
        "target", ["file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)"]
    )
    def test_a_redirect_away_from_http_is_refused(
        self, httpserver: HTTPServer, fetcher: HttpFetcher, target: str
    ) -> None:
        self.redirect(httpserver, "/a.xml", target, 301)
        with pytest.raises(InvalidURL, match="refusing redirect"):
            fetcher.fetch(httpserver.url_for("/a.xml"), Validators())

    def test_a_redirect_without_location_is_an_http_error(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        httpserver.expect_request("/a.xml").respond_with_response(Response(status=302))
        with pytest.raises(HTTPStatusError) as caught:
            fetcher.fetch(httpserver.url_for("/a.xml"), Validators())
        assert caught.value.kind == "http_302"


class TestHttpErrors:
    @pytest.mark.parametrize("status", [400, 403, 404, 500, 502])
    def test_error_statuses_raise_with_their_code(
        self, httpserver: HTTPServer, fetcher: HttpFetcher, status: int
    ) -> None:
        url = serve(httpserver, "/feed.xml", body=b"nope", status=status)
        with pytest.raises(HTTPStatusError) as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.status == status
        assert caught.value.kind == f"http_{status}"
        assert caught.value.url == url
        assert caught.value.retry_after is None
        assert str(status) in str(caught.value)
        assert url in str(caught.value)
        assert not isinstance(caught.value, Gone)

    def test_410_is_gone(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        url = serve(httpserver, "/feed.xml", body=b"", status=410)
        with pytest.raises(Gone) as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.kind == "gone"
        assert caught.value.status == 410
        assert isinstance(caught.value, HTTPStatusError)

    def test_an_error_after_a_redirect_names_both_urls(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        httpserver.expect_request("/a.xml").respond_with_response(
            Response(status=302, headers={"Location": "/b.xml"})
        )
        serve(httpserver, "/b.xml", body=b"", status=404)
        with pytest.raises(HTTPStatusError, match=r"a\.xml \(redirected to .*b\.xml\)"):
            fetcher.fetch(httpserver.url_for("/a.xml"), Validators())

    @pytest.mark.parametrize("status", [429, 503])
    def test_retry_after_in_seconds(self, httpserver: HTTPServer, fetcher: HttpFetcher, status: int) -> None:
        url = serve(httpserver, "/feed.xml", body=b"slow down", status=status, Retry_After="120")
        with pytest.raises(HTTPStatusError) as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.kind == f"http_{status}"
        assert caught.value.retry_after == timedelta(seconds=120)

    def test_retry_after_as_an_http_date(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        when = datetime.now(UTC) + timedelta(hours=1)
        url = serve(httpserver, "/feed.xml", status=429, Retry_After=format_datetime(when, usegmt=True))
        with pytest.raises(HTTPStatusError) as caught:
            fetcher.fetch(url, Validators())
        delay = caught.value.retry_after
        assert delay is not None
        assert timedelta(minutes=59) < delay <= timedelta(hours=1)

    def test_retry_after_is_ignored_on_other_statuses(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        url = serve(httpserver, "/feed.xml", status=500, Retry_After="120")
        with pytest.raises(HTTPStatusError) as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.retry_after is None

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("0", timedelta(0)),
            (" 30 ", timedelta(seconds=30)),
            ("99999999999", MAX_RETRY_AFTER),
            ("9" * 5000, MAX_RETRY_AFTER),
            ("\u00b2", None),  # a digit to str.isdigit(), not to int()
            ("Wed, 21 Oct 2015 07:28:00 GMT", timedelta(0)),  # in the past
            ("Thu, 01 Jan 2099 00:00:00 GMT", MAX_RETRY_AFTER),
            ("Tue, 12 Aug 2025 09:30:00", timedelta(0)),  # no zone: GMT is meant
            ("soon", None),
            ("-5", None),
            ("", None),
            (None, None),
        ],
    )
    def test_retry_after_values(self, value: str | None, expected: timedelta | None) -> None:
        assert retry_after(value, datetime(2025, 8, 12, 9, 30, tzinfo=UTC)) == expected

    @given(st.text(max_size=50) | st.from_regex(r"[0-9]{1,6000}", fullmatch=True))
    def test_header_values_never_break_the_parsers(self, value: str) -> None:
        delay = retry_after(value)
        assert delay is None or timedelta(0) <= delay <= MAX_RETRY_AFTER
        hint = max_age(value) or max_age(f"max-age={value}")
        assert hint is None or hint >= timedelta(0)

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("max-age=300", timedelta(seconds=300)),
            ("public, MAX-AGE = 60, must-revalidate", timedelta(seconds=60)),
            ('max-age="90"', timedelta(seconds=90)),
            ("s-maxage=100", None),  # shared caches only
            ("no-cache, max-age=300", None),
            ("no-store", None),
            ("max-age=-1", None),
            ("max-age=soon", None),
            ("", None),
            (None, None),
        ],
    )
    def test_max_age_values(self, value: str | None, expected: timedelta | None) -> None:
        assert max_age(value) == expected


class TestNetworkFaults:
    def test_a_server_that_never_answers_times_out(self) -> None:
        def hang(connection: socket.socket, stopping: threading.Event) -> None:
            read_request(connection)
            stopping.wait(10)

        with raw_server(hang) as server, quick(timeout=0.2) as fetcher:
            started = time.monotonic()
            with pytest.raises(FetchTimeout) as caught:
                fetcher.fetch(server.url(), Validators())
        assert time.monotonic() - started < 3
        assert caught.value.kind == "timeout"
        assert isinstance(caught.value, TimeoutError)
        assert server.url() in str(caught.value)

    def test_a_slow_drip_hits_the_deadline(self) -> None:
        def drip(connection: socket.socket, stopping: threading.Event) -> None:
            read_request(connection)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
            while not stopping.wait(0.05):
                connection.sendall(b"<")

        # Every byte comes well inside the read timeout; only the deadline for the whole fetch stops it.
        with raw_server(drip) as server, quick(timeout=2.0, deadline=0.5) as fetcher:
            started = time.monotonic()
            with pytest.raises(FetchTimeout, match=r"longer than 0\.5 s"):
                fetcher.fetch(server.url(), Validators())
        assert time.monotonic() - started < 3

    def test_a_reset_connection(self) -> None:
        def rst(connection: socket.socket, _: threading.Event) -> None:
            read_request(connection)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss")
            time.sleep(0.05)
            reset(connection)

        with raw_server(rst) as server, quick() as fetcher, pytest.raises(ConnectionLost) as caught:
            fetcher.fetch(server.url(), Validators())
        assert caught.value.kind == "network"
        assert isinstance(caught.value, ConnectionError)

    def test_a_connection_closed_before_any_response(self) -> None:
        def close(connection: socket.socket, _: threading.Event) -> None:
            read_request(connection)
            connection.close()

        with raw_server(close) as server, quick() as fetcher, pytest.raises(ProtocolError) as caught:
            fetcher.fetch(server.url(), Validators())
        assert caught.value.kind == "protocol"

    def test_a_body_shorter_than_its_content_length(self) -> None:
        def short(connection: socket.socket, _: threading.Event) -> None:
            read_request(connection)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + FEED[:100])
            connection.shutdown(socket.SHUT_WR)

        with raw_server(short) as server, quick() as fetcher, pytest.raises(ProtocolError) as caught:
            fetcher.fetch(server.url(), Validators())
        assert caught.value.kind == "protocol"

    def test_a_body_longer_than_its_content_length_is_cut_at_the_declared_length(self) -> None:
        def long(connection: socket.socket, _: threading.Event) -> None:
            read_request(connection)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + FEED)
            connection.shutdown(socket.SHUT_WR)

        with raw_server(long) as server, quick() as fetcher:
            assert fetcher.fetch(server.url(), Validators()).body == FEED[:100]

    def test_garbage_instead_of_http(self) -> None:
        def garbage(connection: socket.socket, _: threading.Event) -> None:
            read_request(connection)
            connection.sendall(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
            connection.shutdown(socket.SHUT_WR)

        with raw_server(garbage) as server, quick() as fetcher, pytest.raises(ProtocolError):
            fetcher.fetch(server.url(), Validators())

    def test_a_refused_connection(self) -> None:
        with socket.create_server(("127.0.0.1", 0)) as listener:
            port = listener.getsockname()[1]
        with quick() as fetcher, pytest.raises(ConnectFailed) as caught:
            fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml", Validators())
        assert caught.value.kind == "connect"
        assert isinstance(caught.value, ConnectionError)

    @pytest.mark.parametrize(
        "url", ["ftp://example.org/feed.xml", "feed.xml", "http://", "https://[::1/feed", "http:///feed.xml"]
    )
    def test_invalid_urls(self, fetcher: HttpFetcher, url: str) -> None:
        with pytest.raises(InvalidURL) as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.kind == "invalid_url"


def chunked(body: bytes, size: int = 65536) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size]) for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


class TestSizeLimits:
    def test_an_oversized_content_length_fails_before_the_body_is_read(self) -> None:
        def huge(connection: socket.socket, stopping: threading.Event) -> None:
            read_request(connection)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 50000000000\r\n\r\n")
            stopping.wait(10)

        with raw_server(huge) as server, quick(timeout=5.0) as fetcher:
            started = time.monotonic()
            with pytest.raises(TooLarge) as caught:
                fetcher.fetch(server.url(), Validators())
        assert time.monotonic() - started < 2
        assert caught.value.kind == "too_large"
        assert caught.value.limit == 10_000_000
        assert "50000000000 bytes, over the 10,000,000-byte limit" in str(caught.value)
        assert server.url() in str(caught.value)

    @pytest.mark.parametrize("framing", ["close", "chunked"])
    def test_an_oversized_body_without_content_length_is_cut_off(self, framing: str) -> None:
        body = b"<rss>" + b"x" * 200_000

        def stream(connection: socket.socket, _: threading.Event) -> None:
            read_request(connection)
            if framing == "chunked":
                head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                connection.sendall(head + chunked(body))
            else:
                connection.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body)
                connection.shutdown(socket.SHUT_WR)

        with (
            raw_server(stream) as server,
            quick(max_bytes=100_000) as fetcher,
            pytest.raises(TooLarge, match="100,000-byte limit"),
        ):
            fetcher.fetch(server.url(), Validators())
        with raw_server(stream) as server, quick(max_bytes=300_000) as fetcher:
            assert fetcher.fetch(server.url(), Validators()).body == body


def gzip_bomb(gigabytes: int = 1) -> bytes:
    """About 1 MB of gzip that expands to `gigabytes` GiB of zeros, built without compressing it all:
    after a full flush, every further megabyte of zeros compresses to the same bytes."""
    megabyte = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    megabytes = gigabytes * 1024
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(megabyte, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, (megabytes << 20) & 0xFFFFFFFF)
    return header + first + repeat * (megabytes - 1) + compressor.flush() + trailer


def test_the_bomb_builder_builds_valid_gzip() -> None:
    # The same construction at a size that can be checked in full.
    megabyte = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    blocks = [compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH) for _ in range(3)]
    assert blocks[1] == blocks[2]
    body = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + blocks[0] + blocks[1] * 2 + compressor.flush()
    body += struct.pack("<II", zlib.crc32(bytes(3 << 20)), 3 << 20)
    assert gzip.decompress(body) == bytes(3 << 20)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(1)


class TestCompression:
    @pytest.mark.parametrize(
        ("coding", "compress"),
        [
            ("gzip", gzip.compress),
            ("x-gzip", gzip.compress),
            ("deflate", zlib.compress),
            ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as some servers send
            ("gzip, gzip", lambda data: gzip.compress(gzip.compress(data))),
            ("identity", lambda data: data),
        ],
    )
    def test_compressed_bodies_are_decoded(
        self, httpserver: HTTPServer, fetcher: HttpFetcher, coding: str, compress: object
    ) -> None:
        assert callable(compress)
        url = serve(httpserver, "/feed.xml", body=compress(FEED), Content_Encoding=coding)
        fetched = fetcher.fetch(url, Validators())
        assert fetched.body == FEED
        assert fetched.validators.body_sha256 == SHA  # of the decoded body: the coding may vary

    def test_a_gzip_bomb_fails_fast_without_inflating(self, httpserver: HTTPServer, bomb: bytes) -> None:
        url = serve(httpserver, "/bomb.xml", body=bomb, Content_Encoding="gzip")
        with HttpFetcher(max_decompressed_bytes=5_000_000) as fetcher:
            tracemalloc.start()
            started = time.monotonic()
            try:
                with pytest.raises(TooLarge, match="5,000,000 bytes once decompressed") as caught:
                    fetcher.fetch(url, Validators())
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        assert len(bomb) < 1_100_000
        assert caught.value.limit == 5_000_000
        assert time.monotonic() - started < 5
        assert peak < 50_000_000, f"{peak:,} bytes allocated for a 5 MB limit"

    def test_compressed_bytes_on_the_wire_count_against_max_bytes(
        self, httpserver: HTTPServer, bomb: bytes
    ) -> None:
        url = serve(httpserver, "/bomb.xml", body=bomb, Content_Encoding="gzip")
        with HttpFetcher(max_bytes=500_000) as fetcher, pytest.raises(TooLarge, match="500,000-byte limit"):
            fetcher.fetch(url, Validators())

    @pytest.mark.parametrize(
        ("coding", "body", "message"),
        [
            ("br", b"\x8b\x02\x80hello\x03", "unsupported Content-Encoding 'br'"),
            ("gzip", b"this is not gzip", "cannot decode gzip"),
            ("gzip", gzip.compress(FEED)[:-30], "truncated"),
            ("deflate", b"\x00\x01\x02garbage", "cannot decode deflate"),
            ("deflate", zlib.compress(FEED) + b"junk", "data after the end"),
        ],
    )
    def test_undecodable_bodies(
        self, httpserver: HTTPServer, fetcher: HttpFetcher, coding: str, body: bytes, message: str
    ) -> None:
        url = serve(httpserver, "/feed.xml", body=body, Content_Encoding=coding)
        with pytest.raises(ContentDecodingError, match=message) as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.kind == "decoding"

    def test_several_gzip_members_and_trailing_padding(
        self, httpserver: HTTPServer, fetcher: HttpFetcher
    ) -> None:
        body = gzip.compress(FEED[:50]) + gzip.compress(FEED[50:]) + b"\0" * 8
        url = serve(httpserver, "/feed.xml", body=body, Content_Encoding="gzip")
        assert fetcher.fetch(url, Validators()).body == FEED

    def test_an_empty_gzip_body_is_empty(self, httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
        url = serve(httpserver, "/feed.xml", body=b"", Content_Encoding="gzip")
        assert fetcher.fetch(url, Validators()).body == b""


class TestFiles:
    def test_a_file_url_is_read(self, tmp_path: Path, fetcher: HttpFetcher) -> None:
        path = tmp_path / "feed.rss"
        path.write_bytes(FEED)
        fetched = fetcher.fetch(path.as_uri(), Validators())
        assert fetched.status == 200
        assert fetched.body == FEED
        assert fetched.url == path.as_uri()
        assert fetched.headers["content-type"] == "application/rss+xml"
        assert fetched.headers["content-location"] == path.as_uri()
        assert fetched.validators == Validators(body_sha256=SHA)

    def test_an_unchanged_file_is_not_modified(self, tmp_path: Path, fetcher: HttpFetcher) -> None:
        path = tmp_path / "archive 2025.xml"  # a space: the URL is percent-encoded
        path.write_bytes(FEED)
        first = fetcher.fetch(path.as_uri(), Validators())
        second = fetcher.fetch(path.as_uri(), first.validators)
        assert second.not_modified
        assert second.body is None
        path.write_bytes(FEED + b"\n")
        assert fetcher.fetch(path.as_uri(), first.validators).body == FEED + b"\n"

    def test_a_localhost_file_url(self, tmp_path: Path, fetcher: HttpFetcher) -> None:
        path = tmp_path / "feed.xml"
        path.write_bytes(FEED)
        assert fetcher.fetch("file://localhost" + path.as_posix(), Validators()).body == FEED

    def test_a_missing_file(self, tmp_path: Path, fetcher: HttpFetcher) -> None:
        url = (tmp_path / "missing.xml").as_uri()
        with pytest.raises(LocalFileError, match="missing.xml") as caught:
            fetcher.fetch(url, Validators())
        assert caught.value.kind == "file"

    def test_a_directory_is_not_a_feed_file(self, tmp_path: Path, fetcher: HttpFetcher) -> None:
        with pytest.raises(LocalFileError):
            fetcher.fetch(tmp_path.as_uri(), Validators())

    def test_a_fifo_is_refused_without_blocking(self, tmp_path: Path, fetcher: HttpFetcher) -> None:
        fifo = tmp_path / "feed.xml"
        os.mkfifo(fifo)
        with pytest.raises(LocalFileError, match="not a regular file"):
            fetcher.fetch(fifo.as_uri(), Validators())

    def test_a_file_over_the_limit(self, tmp_path: Path) -> None:
        path = tmp_path / "big.xml"
        path.write_bytes(b"x" * 2000)
        with HttpFetcher(max_bytes=1000) as fetcher, pytest.raises(TooLarge, match="1,000-byte limit"):
            fetcher.fetch(path.as_uri(), Validators())

    def test_a_remote_file_url_is_refused(self, fetcher: HttpFetcher) -> None:
        with pytest.raises(InvalidURL, match="local path"):
            fetcher.fetch("file://fileserver/share/feed.xml", Validators())


class TestErrors:
    @pytest.mark.parametrize(
        "error",
        [
            TooLarge("u: too big", url="u", limit=10),
            HTTPStatusError("u: 503", url="u", status=503, retry_after=timedelta(seconds=5)),
            Gone("u: gone", url="u"),
            FetchTimeout("u: slow", url="u"),
        ],
    )
    def test_errors_survive_pickling(self, error: FetchError) -> None:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert copy.kind == error.kind
        assert copy.url == error.url
        assert copy.retry_after == error.retry_after
        assert copy.__dict__ == error.__dict__

    @pytest.mark.parametrize(
        "arguments",
        [{"max_bytes": 0}, {"max_decompressed_bytes": -1}, {"max_redirects": -1}, {"deadline": 0}],
    )
    def test_nonsense_limits_are_refused(self, arguments: dict[str, int]) -> None:
        with pytest.raises(ValueError, match=next(iter(arguments))):
            HttpFetcher(**arguments)  # type: ignore[arg-type]

    def test_a_mock_transport_can_stand_in_for_the_network(self) -> None:
        def handler(request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, content=FEED, headers={"ETag": '"m"'})

        with HttpFetcher(transport=httpx.MockTransport(handler)) as fetcher:
            fetched = fetcher.fetch("https://feeds.example/trade.xml", Validators())
        assert fetched.body == FEED
        assert fetched.validators.etag == '"m"'


class TestBoundedDecoder:
    def test_an_identity_body_is_bounded_too(self) -> None:
        decoder = BoundedDecoder("identity", limit=10, url="u")
        assert decoder.feed(b"12345") == b"12345"
        with pytest.raises(TooLarge):
            decoder.feed(b"678901")

    def test_output_is_bounded_however_the_input_is_split(self) -> None:
        body = gzip.compress(bytes(100_000))
        for size in (1, 7, 1000, len(body)):
            decoder = BoundedDecoder("gzip", limit=100_000, url="u")
            out = b"".join(decoder.feed(body[i : i + size]) for i in range(0, len(body), size))
            assert out + decoder.finish() == bytes(100_000)
            decoder = BoundedDecoder("gzip", limit=99_999, url="u")

            def decode_all(decoder: BoundedDecoder = decoder, size: int = size) -> None:
                for i in range(0, len(body), size):
                    decoder.feed(body[i : i + size])
                decoder.finish()

            with pytest.raises(TooLarge):
                decode_all()


def test_raw_server_counts_connections() -> None:
    # The fault servers above must really be hit, or their tests prove nothing.
    def answer(connection: socket.socket, _: threading.Event) -> None:
        read_request(connection)
        body = rss(("a", "A story"))
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))

    server = RawServer(answer)
    try:
        with quick() as fetcher:
            assert fetcher.fetch(server.url(), Validators()).body == rss(("a", "A story"))
        assert server.connections == 1
    finally:
        server.close()


def test_handler_requests_are_visible(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-Modified-Since", ""))
        return Response(status=304)

    httpserver.expect_request("/feed.xml").respond_with_handler(handler)
    fetcher.fetch(httpserver.url_for("/feed.xml"), Validators(last_modified="Tue, 12 Aug 2025 09:30:00 GMT"))
    assert seen == ["Tue, 12 Aug 2025 09:30:00 GMT"]


def test_not_modified_responses_keep_the_connection_for_the_next_poll() -> None:
    """A 304 read to its (empty) end returns its connection to the pool: polls that find nothing new must
    not cost a new connection (on the real web, a TLS handshake) each."""
    import http.server

    connections = []

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            connections.append(self.client_address)
            super().setup()

        def do_GET(self) -> None:
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
                return
            body = b"<rss version='2.0'><channel><title>t</title></channel></rss>"
            self.send_response(200)
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed"
    try:
        with HttpFetcher(timeout=5.0) as fetcher:
            first = fetcher.fetch(url, Validators())
            for _ in range(5):
                again = fetcher.fetch(url, first.validators)
                assert again.not_modified
    finally:
        server.shutdown()
        server.server_close()
    assert len(connections) == 1
