"""Feeds: sources, fetching (httpx), parsing (feedparser) into `Item`s, and when to poll next.

This package knows HTTP and feed formats, not the store: the watcher keeps each source's `Validators`
and health, and feeds them back in.
"""

from ._errors import (
    ConnectFailed,
    ConnectionLost,
    ContentDecodingError,
    EntityExpansionError,
    FetchError,
    FetchTimeout,
    ForbiddenAddress,
    Gone,
    HTTPStatusError,
    InvalidURL,
    LocalFileError,
    NotAFeedError,
    ParseError,
    ProtocolError,
    TooLarge,
    TooManyRedirects,
)
from ._fetch import Fetched, Fetcher, HttpFetcher, default_user_agent
from ._guard import is_public
from ._opml import OpmlError, sources_from_opml
from ._parse import ParsedFeed, parse_feed
from ._schedule import backoff, next_due
from ._source import Source, SourceHealth, Validators
from ._story import canonical_url, normalise_title, story_key, story_keys

__all__ = [
    "ConnectFailed",
    "ConnectionLost",
    "ContentDecodingError",
    "EntityExpansionError",
    "FetchError",
    "FetchTimeout",
    "Fetched",
    "Fetcher",
    "ForbiddenAddress",
    "Gone",
    "HTTPStatusError",
    "HttpFetcher",
    "InvalidURL",
    "LocalFileError",
    "NotAFeedError",
    "OpmlError",
    "ParseError",
    "ParsedFeed",
    "ProtocolError",
    "Source",
    "SourceHealth",
    "TooLarge",
    "TooManyRedirects",
    "Validators",
    "backoff",
    "canonical_url",
    "default_user_agent",
    "is_public",
    "next_due",
    "normalise_title",
    "parse_feed",
    "sources_from_opml",
    "story_key",
    "story_keys",
]
