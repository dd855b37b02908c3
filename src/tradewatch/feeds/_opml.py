"""Sources from OPML, the format in which feed readers export their subscriptions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import timedelta
from typing import NoReturn
from urllib.parse import urlsplit

from ._source import MAX_NAME_LENGTH, MAX_URL_LENGTH, Source

__all__ = ["DEFAULT_OPML_INTERVAL", "MAX_OPML_BYTES", "OpmlError", "sources_from_opml"]

#: A subscription list may hold hundreds of feeds; half an hour each is polite to every host at once.
DEFAULT_OPML_INTERVAL = timedelta(minutes=30)
#: Subscription lists are kilobytes; a larger "OPML" file is something else.
MAX_OPML_BYTES = 10_000_000
# Slugs are for config files and command lines: short enough to type.
_MAX_SLUG = 60
_NON_WORD = re.compile(r"[\W_]+")
_SPACES = re.compile(r"\s+")


class OpmlError(ValueError):
    """The data is not a usable OPML document (not XML, not OPML, too large, or with a DOCTYPE)."""


class _Builder(ET.TreeBuilder):
    """A tree builder that refuses any document type declaration.

    Entity declarations (the "billion laughs" and "quadratic blowup" bombs) live only in a DOCTYPE, and
    OPML needs none. Expat reports the declaration before it reads the internal subset, so refusing here
    stops the parse before any entity is defined, whatever the document's encoding.
    """

    def doctype(self, name: str, pubid: str | None, system: str | None) -> NoReturn:
        raise OpmlError("OPML with a DOCTYPE is refused: entity declarations can expand without bound")


def sources_from_opml(
    data: bytes | str, *, interval: timedelta | float = DEFAULT_OPML_INTERVAL, tags: Iterable[str] = ()
) -> list[Source]:
    """The feeds an OPML subscription list names, as sources, in document order.

    Every ``<outline>`` with an ``xmlUrl`` is a feed; outlines without one are categories, whose text
    (lower-cased) becomes a tag of every feed nested in them, on top of `tags`. A source's name is a slug
    of the outline's ``text`` (else ``title``, else the URL's host), made unique with ``-2``, ``-3``... A
    feed listed twice (under two categories, say) becomes one source with the tags of both. Only
    ``http(s)://`` feeds are taken (``feed://`` is read as ``http://``): a list from elsewhere must not make
    the watcher read local files. Outlines without a usable URL are skipped.

    Raises `OpmlError` for data that is not OPML, and `InvalidValueError` (a ValueError) for a bad
    `interval` or tag.
    """
    root = _parse(data)
    if _local(root.tag) != "opml":
        raise OpmlError(f"not an OPML document: the root element is <{_local(root.tag)}>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("not an OPML document: it has no <body>")
    common = _tags(tags)
    found: dict[str, tuple[str, list[str]]] = {}  # url -> (title, tags), in document order
    # An explicit stack, not recursion: nesting depth is the document's to choose.
    stack: list[tuple[ET.Element, tuple[str, ...]]] = [(child, ()) for child in reversed(body)]
    while stack:
        element, categories = stack.pop()
        if _local(element.tag) != "outline":
            continue
        attributes = {key.lower(): value for key, value in element.attrib.items()}
        title = _SPACES.sub(" ", attributes.get("text") or attributes.get("title") or "").strip()
        if "xmlurl" in attributes:
            url = _feed_url(attributes["xmlurl"])
            if url is not None:
                found.setdefault(url, (title, []))[1].extend(categories)
        else:
            if category := title.lower():
                categories = (*categories, category)
        stack.extend((child, categories) for child in reversed(element))
    sources: list[Source] = []
    taken: set[str] = set()
    for url, (title, feed_tags) in found.items():
        name = _unique(_slug(title) or _slug(urlsplit(url).hostname or "") or "feed", taken)
        sources.append(Source(name=name, url=url, interval=interval, tags=(*common, *feed_tags)))
    return sources


def _parse(data: bytes | str) -> ET.Element:
    if not isinstance(data, bytes | str):
        raise TypeError(f"OPML data must be bytes or str, not {type(data).__name__}")
    # A str has no more characters than its UTF-8 form has bytes: the cheap test first.
    if len(data) > MAX_OPML_BYTES or (
        isinstance(data, str) and len(data.encode("utf-8", "surrogatepass")) > MAX_OPML_BYTES
    ):
        raise OpmlError(f"the OPML document is larger than {MAX_OPML_BYTES:,} bytes")
    if not data.strip():
        raise OpmlError("the OPML document is empty")
    parser = ET.XMLParser(target=_Builder())
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as error:
        raise OpmlError(f"not well-formed XML: {error}") from None
    if not isinstance(root, ET.Element):
        raise OpmlError("not well-formed XML: no root element")
    return root


def _local(tag: object) -> str:
    # Some exporters put OPML in a namespace; the element names are what matter.
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _feed_url(value: str) -> str | None:
    url = value.strip()
    lower = url.lower()
    if lower.startswith("feed://"):
        url = "http://" + url[len("feed://") :]
    elif lower.startswith("feed:"):
        url = url[len("feed:") :]
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > MAX_URL_LENGTH:
        return None
    return url


def _tags(tags: Iterable[str]) -> tuple[str, ...]:
    if isinstance(tags, str):
        return (tags,)
    return tuple(tags)


def _slug(text: str) -> str:
    return _NON_WORD.sub("-", text.lower()).strip("-")[:_MAX_SLUG].strip("-")


def _unique(name: str, taken: set[str]) -> str:
    name = name[:MAX_NAME_LENGTH]
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{name}-{number}"
    taken.add(candidate)
    return candidate
