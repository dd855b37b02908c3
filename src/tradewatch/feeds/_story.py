"""Recognising one story published by several sources: canonical links and normalised titles."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from tradewatch.model import Item


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Query parameters that only say where a reader came from; any name starting "utm_" is also dropped.
TRACKING_PARAMETERS = _words(
    """fbclid gclid gclsrc dclid gbraid wbraid msclkid yclid twclid igshid mc_cid mc_eid _ga _gl _hsenc
    _hsmi mkt_tok ncid ocid cmpid cmp smid sr_share ref ref_src ref_url rss feed feedtype taid spm
    at_medium at_campaign at_custom1 at_custom2 at_custom3 at_custom4"""
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# RFC 3986 unreserved characters plus the delimiters a path may carry literally.
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
# Shorter titles ("Update", "Trade news") are shared by unrelated items, so they identify no story.
MIN_TITLE_WORDS = 3
_NON_WORD = re.compile(r"[\W_]+")


def canonical_url(url: str) -> str | None:
    """The form of an http(s) link two sources would share, or None for anything else.

    Scheme, ``www.``, default port, fragment and tracking parameters are dropped; the host is lower-cased,
    percent-encoding is normalised, a trailing slash is removed and the remaining query parameters are
    sorted. The path keeps its case: most servers treat it as case-sensitive.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    host = host.removeprefix("www.")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = quote(unquote(parts.path), safe=_PATH_SAFE)
    path = re.sub("/{2,}", "/", path).rstrip("/")
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    ]
    canonical = host + path
    if query:
        canonical += "?" + urlencode(sorted(query), quote_via=quote)
    return canonical


def _is_tracking(name: str) -> bool:
    lower = name.lower()
    return lower.startswith("utm_") or lower in TRACKING_PARAMETERS


def normalise_title(title: str) -> str:
    """A headline reduced to its words: compatibility-normalised, case-folded, punctuation removed and
    whitespace collapsed.

    A trailing publisher (" - Reuters") is kept: telling it from the end of a headline ("Talks - day two")
    is guesswork, and a wrong guess would merge two different stories.
    """
    return " ".join(_NON_WORD.sub(" ", unicodedata.normalize("NFKC", title).casefold()).split())


def story_keys(item: Item) -> tuple[str, ...]:
    """Every key under which `item` may match the same story from another source: ``"url:..."`` for its
    canonical link and ``"title:..."`` for its normalised title (when it has at least three words), in that
    order; empty when it has neither."""
    keys: list[str] = []
    if item.url is not None and (url := canonical_url(item.url)) is not None:
        keys.append("url:" + url)
    title = normalise_title(item.title)
    if len(title.split()) >= MIN_TITLE_WORDS:
        keys.append("title:" + title)
    return tuple(keys)


def story_key(item: Item) -> str:
    """One key for the story `item` tells: its canonical link, else its normalised title (of three or more
    words).

    An item with neither gets a key of its own (``"item:<source>\\x1f<id>"``) that matches nothing else.
    """
    keys = story_keys(item)
    return keys[0] if keys else f"item:{item.source}\x1f{item.id}"
