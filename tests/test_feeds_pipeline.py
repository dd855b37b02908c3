"""Fetch then parse, as the watcher does, against a loopback server serving hostile and broken bodies."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from feeds_servers import FEED, rss
from tradewatch.feeds import (
    EntityExpansionError,
    Fetched,
    HttpFetcher,
    NotAFeedError,
    ParsedFeed,
    ParseError,
    Validators,
    parse_feed,
)

NOW = datetime(2025, 8, 13, tzinfo=UTC)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + n, (b"&%c;" % (97 + n)) * 10) for n in range(8))
    + b']><rss version="2.0"><channel><title>t</title><item><title>&i;</title></item></channel></rss>'
)


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    with HttpFetcher(timeout=5.0) as f:
        yield f


def poll(
    httpserver: HTTPServer, fetcher: HttpFetcher, body: bytes, **headers: str
) -> tuple[Fetched, ParsedFeed]:
    headers = {k.replace("_", "-"): v for k, v in headers.items()}
    httpserver.expect_request("/feed").respond_with_response(Response(body, headers=headers))
    fetched = fetcher.fetch(httpserver.url_for("/feed"), Validators())
    assert fetched.body is not None
    parsed = parse_feed(fetched.body, source="wire", url=fetched.url, headers=fetched.headers, fetched_at=NOW)
    return fetched, parsed


def test_a_gzipped_feed(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    _, parsed = poll(
        httpserver, fetcher, gzip.compress(rss(("a", "Steel tariff"), ttl=30)), Content_Encoding="gzip"
    )
    assert [item.title for item in parsed.items] == ["Steel tariff"]
    assert parsed.ttl is not None


def test_an_html_page_instead_of_a_feed(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    page = b"<!doctype html><html><head><title>Moved</title></head><body><p>Our feed has moved.</p></body></html>"
    with pytest.raises(NotAFeedError, match="HTML page"):
        poll(httpserver, fetcher, page, Content_Type="text/html; charset=utf-8")


def test_an_empty_200(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    with pytest.raises(NotAFeedError, match="empty"):
        poll(httpserver, fetcher, b"", Content_Type="application/rss+xml")


def test_invalid_utf8(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    body = FEED.replace(b"gallium", b"gall\xc3\x28ium")
    _, parsed = poll(httpserver, fetcher, body, Content_Type="application/rss+xml; charset=utf-8")
    assert len(parsed.items) == 2
    assert parsed.warning is not None


def test_an_entity_bomb(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    with pytest.raises(EntityExpansionError):
        poll(httpserver, fetcher, LAUGHS, Content_Type="application/rss+xml")


def test_a_feed_served_with_the_wrong_type(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    _, parsed = poll(httpserver, fetcher, FEED, Content_Type="application/octet-stream")
    assert len(parsed.items) == 2


def test_relative_links_resolve_against_the_final_url(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/feeds/x"})
    )
    body = b'<rss version="2.0"><channel><title>t</title><item><link>story/1</link></item></channel></rss>'
    httpserver.expect_request("/feeds/x").respond_with_response(Response(body))
    fetched = fetcher.fetch(httpserver.url_for("/old"), Validators())
    assert fetched.body is not None
    parsed = parse_feed(fetched.body, source="wire", url=fetched.url, headers=fetched.headers, fetched_at=NOW)
    assert parsed.items[0].url == httpserver.url_for("/feeds/story/1")


def test_garbage_is_a_parse_error_and_nothing_else(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    with pytest.raises(ParseError):
        poll(httpserver, fetcher, bytes(range(256)) * 4, Content_Type="application/xml")
