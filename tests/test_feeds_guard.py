"""Public addresses only (``HttpFetcher(public_only=True)``): no loopback, private or link-local address is
reached, not through DNS, not through a redirect, and no local file is read."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from feeds_servers import FEED
from tradewatch import Source, Watcher
from tradewatch.config import ConfigError, parse_config
from tradewatch.feeds import ForbiddenAddress, HttpFetcher, _guard, is_public


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("127.9.9.9", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata services
        ("100.64.0.1", False),  # shared address space (carrier-grade NAT)
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4 loopback written as IPv6
        ("::ffff:10.0.0.1", False),
        ("8.8.8.8", True),
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
        ("::ffff:8.8.8.8", True),
    ],
)
def test_only_global_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


class _Site(http.server.BaseHTTPRequestHandler):
    redirect_to: str | None = None

    def do_GET(self) -> None:
        if self.redirect_to is not None:
            self.send_response(302)
            self.send_header("Location", self.redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args: object) -> None:
        pass


def _serve(host: str, redirect_to: str | None = None) -> Iterator[str]:
    handler = type("Handler", (_Site,), {"redirect_to": redirect_to})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site() -> Iterator[str]:
    yield from _serve("127.0.0.1")


def test_the_default_fetcher_still_reaches_loopback(site: str) -> None:
    with HttpFetcher() as fetcher:
        assert fetcher.fetch(site).body == FEED


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_refused_by_address_and_by_name(site: str, host: str) -> None:
    url = site.replace("127.0.0.1", host)
    with HttpFetcher(public_only=True) as fetcher, pytest.raises(ForbiddenAddress) as caught:
        fetcher.fetch(url)
    assert caught.value.kind == "forbidden_address"
    assert caught.value.url == url
    assert url in str(caught.value) and "not a public address" in str(caught.value)


def test_local_files_are_refused(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(FEED)
    with HttpFetcher(public_only=True) as fetcher, pytest.raises(ForbiddenAddress, match="local files"):
        fetcher.fetch(feed.as_uri())


def test_a_redirect_to_a_private_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # Stand-ins: 127.0.0.1 plays a public server, 127.0.0.2 (also loopback on Linux) a private one.
    monkeypatch.setattr(_guard, "is_public", lambda address: address == "127.0.0.1")
    for inner in _serve("127.0.0.2"):
        for outer in _serve("127.0.0.1", redirect_to=inner):
            with (
                HttpFetcher(public_only=True) as fetcher,
                pytest.raises(ForbiddenAddress, match=r"127\.0\.0\.2"),
            ):
                fetcher.fetch(outer)
            # The same redirect is followed by a fetcher without the limit: the refusal is the guard's.
            with HttpFetcher() as fetcher:
                assert fetcher.fetch(outer).body == FEED


def test_public_only_cannot_be_combined_with_a_custom_transport() -> None:
    with pytest.raises(ValueError, match="built-in transport"):
        HttpFetcher(public_only=True, transport=httpx.MockTransport(lambda r: httpx.Response(200)))


def test_an_httpx_without_the_expected_pool_is_refused_rather_than_left_unguarded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Bare(httpx.BaseTransport):
        def __init__(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(_guard.httpx, "HTTPTransport", Bare)
    with pytest.raises(RuntimeError, match="public addresses"):
        HttpFetcher(public_only=True)


def test_a_watcher_with_public_only_records_the_refusal_and_goes_on(site: str) -> None:
    sources = [Source(name="inside", url=site)]
    with Watcher(sources, store=":memory:", public_only=True, cpu_processes=0) as watcher:
        outcome = watcher.poll_once()["inside"]
        assert (outcome.ok, outcome.error_kind) == (False, "forbidden_address")
        assert watcher.health("inside").last_error_kind == "forbidden_address"
    with pytest.raises(ValueError, match="public_only"):
        Watcher(sources, store=":memory:", public_only=True, fetcher=HttpFetcher())


def test_the_config_turns_it_on_and_checks_its_value() -> None:
    assert parse_config("public_only = true").public_only is True
    assert parse_config("").public_only is False
    with pytest.raises(ConfigError, match="public_only: must be true or false"):
        parse_config('public_only = "yes"')
