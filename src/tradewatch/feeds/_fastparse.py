"""A fast reading of well-formed RSS 2.0 / 0.9x and Atom 1.0 feeds, giving what feedparser would give.

feedparser spends most of its time in Python callbacks for every element. Here expat (through
`xml.etree.ElementTree`) builds the tree in C, and only the few elements that decide an `Item` are read.
The result is the same entry and feed mappings feedparser would have produced for those keys (``id``,
``link``, ``title``, ``summary``, ``content``, dates, ``ttl``...), so the rest of `parse_feed` treats both
alike. Whatever this module is not sure to read exactly as feedparser's strict parser does, it declines
(returns None) and feedparser runs: a DTD, an encoding other than UTF-8 or ASCII, ``xml:base``, RDF, Atom
0.3, unknown elements that feedparser would act on, XHTML or base64 content, a nested structure it does
not know, anything expat rejects.

The rules mirrored below are those of feedparser 6.0 (``mixin.py`` and ``namespaces/_base.py``): which
element fills which key, the "first title wins" depth rule, the order-dependent choice between summary
and content, guids that double as links, and the clean-up applied to every value (strip, the UTF-8
mojibake repair, the cp1252 mapping). feedparser's own helpers do the parts that can be shared: dates,
URL joining, its guess that plain text is HTML.
"""

from __future__ import annotations

import codecs
import re
import time
import xml.etree.ElementTree as ET
import xml.sax
import xml.sax.expatreader
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import feedparser
from feedparser.api import PREFERRED_XML_PARSERS
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri

# The rules below were read from feedparser 6.0; another major version may read feeds differently.
_MIRRORED_FEEDPARSER = str(feedparser.__version__).startswith("6.")
_ATOM = "http://www.w3.org/2005/Atom"
# Namespaces whose declaration makes feedparser call the feed RSS 1.0 / 0.90 whatever its root says.
_VERSION_NAMESPACES = frozenset({"http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/"})
_ROOTS = frozenset({"rss", f"{{{_ATOM}}}feed"})
_HEAD = 1024
_MAX_CACHED_DATE = 64
_RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}

# feedparser's namespace table, keyed by lower-case URI, as its strict parser consults it.
_KNOWN: dict[str, str] = {uri.lower(): prefix for uri, prefix in _FeedParserMixin.namespaces.items()}
_KNOWN_PREFIXES = frozenset(_KNOWN.values())
# Element names (colon as underscore) that feedparser has a handler for, at the start or the end.
_HANDLERS = frozenset(
    name.split("_", 2)[2] for name in dir(_FeedParserMixin) if name.startswith(("_start_", "_end_"))
)

_TITLES = frozenset({"title", "dc:title", "media:title"})
_DESCRIPTIONS = frozenset({"description", "dc:description", "media:description"})
_SUMMARIES = frozenset({"summary", "itunes:summary"})
_HTML_CONTENT = frozenset({"content:encoded", "fullitem"})
_IDS = frozenset({"guid", "id"})
_PUBLISHED = frozenset({"published", "issued", "pubdate", "dcterms:issued"})
_UPDATED = frozenset({"updated", "modified", "lastbuilddate", "dc:date", "dcterms:modified"})
# Elements whose feedparser handlers only fill keys that no Item or ParsedFeed field is made from; read
# through feedparser's code for each. They must still be leaves, unless listed in _CONTAINERS.
_INERT = frozenset(
    """author contributor name email uri url homepage category keywords cloud enclosure generator language
    copyright rights subtitle tagline info webmaster managingeditor created dcterms:created expirationdate
    dc:creator dc:author dc:subject dc:publisher dc:rights dc:language dc:contributor itunes:author
    itunes:category itunes:image itunes:owner itunes:name itunes:email itunes:subtitle itunes:keywords
    itunes:block itunes:explicit media:content media:thumbnail media:category media:credit media:rating
    media:keywords media:group media:license media:restriction tags newlocation
    comments docs rating skiphours skipdays hour day icon logo width height""".split()
)
# Inert elements that may hold others, and which children they may hold.
_CONTAINERS: dict[str, frozenset[str]] = {
    "author": frozenset({"name", "email", "uri", "url", "homepage"}),
    "contributor": frozenset({"name", "email", "uri", "url", "homepage"}),
    "itunes:owner": frozenset({"itunes:name", "itunes:email"}),
    "itunes:category": frozenset({"itunes:category"}),
    "skiphours": frozenset({"hour"}),
    "skipdays": frozenset({"day"}),
    "media:group": frozenset(
        {
            "media:content",
            "media:thumbnail",
            "media:title",
            "media:description",
            "media:credit",
            "media:rating",
            "media:category",
            "media:keywords",
            "media:license",
            "media:restriction",
        }
    ),
    "media:content": frozenset(
        {
            "media:thumbnail",
            "media:title",
            "media:description",
            "media:credit",
            "media:rating",
            "media:category",
            "media:keywords",
            "media:license",
            "media:restriction",
        }
    ),
}
# Children of <image> and <textInput> that keep feedparser inside them (any other resets its state).
_IMAGE_CHILDREN = frozenset({"url", "title", "link", "description", "width", "height"})
_TEXTINPUT_CHILDREN = frozenset({"title", "link", "description", "name"})
# Keys that feedparser's code reads or indexes: an unknown element of that name would change them.
_TAKEN_KEYS = frozenset(
    """title title_detail summary summary_detail content link links id guidislink published_parsed
    updated_parsed ttl tags authors author author_detail contributors publisher publisher_detail image
    textinput cloud generator_detail source href where newlocation created_parsed expired_parsed""".split()
)
_DECLARATION = re.compile(rb"<!(?!--|\[CDATA\[)")
_QUERY_REFERENCE = re.compile("&([A-Za-z0-9_]+);")
_PLAIN_OR_HTML = frozenset({"text/plain", "text/html"})
# The characters feedparser's cp1252 table maps (U+0080-U+009F).
_C1_CONTROL = re.compile("[\x80-\x9f]")


class Decline(Exception):
    """The document is not one this module is sure to read as feedparser does."""


def _date(value: str) -> time.struct_time | None:
    # feedparser's own parser, so every accepted date is the one feedparser gets.
    if len(value) <= _MAX_CACHED_DATE:
        return _cached_date(value)
    parsed: time.struct_time | None = _parse_date(value)
    return parsed


@lru_cache(maxsize=4096)
def _cached_date(value: str) -> time.struct_time | None:
    # Feeds repeat dates (lastBuildDate, runs of items posted together); only short strings are kept.
    parsed: time.struct_time | None = _parse_date(value)
    return parsed


def _mojibake_repaired(text: str) -> str:
    # feedparser reads every value of a UTF-8 document this way (text that was UTF-8 decoded as Latin-1).
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _content_type(value: str) -> str:
    value = value.lower()
    return {
        "text": "text/plain",
        "plain": "text/plain",
        "html": "text/html",
        "xhtml": "application/xhtml+xml",
    }.get(value, value)


class _Reader:
    """One walk over the tree, with the state feedparser keeps while it reads the same elements."""

    def __init__(self, atom: bool, base: str, prefixes: dict[str, str]) -> None:
        self.atom = atom
        self.base = base
        self.prefixes = prefixes  # unknown namespace URI -> its one declared prefix
        self.feed: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        self.title_depth = -1
        self.has_content = False
        self.guid_is_link = False
        self.entry: dict[str, Any] | None = None
        self.depths: dict[str, int] = {}
        self.context = "feed"  # "feed", "entry", "image", "textinput" or "source"

    # -- names and attributes -----------------------------------------------------------------------

    def name(self, tag: str) -> str:
        """feedparser's name for an element: its canonical prefix, a colon, the lower-case local name."""
        if tag[0] != "{":
            return tag.lower()
        uri, local = tag[1:].split("}", 1)
        lower = uri.lower()
        if "backend.userland.com/rss" in lower:
            return local.lower()
        prefix = _KNOWN.get(lower)
        if prefix is None:
            prefix = self.prefixes.get(uri)
            if prefix is None:
                raise Decline(f"an element in an undeclared namespace: {tag}")
        # An unknown namespace declared as the default one gives bare names, as in feedparser.
        return f"{prefix.lower()}:{local.lower()}" if prefix else local.lower()

    @staticmethod
    def attributes(element: ET.Element) -> dict[str, str]:
        if not element.attrib:
            return {}
        found: dict[str, str] = {}
        locals_: list[tuple[str, str]] = []
        for key, value in element.attrib.items():
            if key[0] == "{":
                uri, local = key[1:].split("}", 1)
                prefix = _KNOWN.get(uri.lower(), "")
                found[(f"{prefix}:{local}" if prefix else local).lower()] = value
            else:
                local = key
                found[key.lower()] = value
            locals_.append((local.lower(), value))
        for local, value in locals_:  # feedparser adds every attribute again under its bare name
            found[local] = value
        if "base" in found or "xml:base" in found:
            raise Decline("xml:base")
        for key in ("rel", "type"):
            if key in found:
                found[key] = found[key].lower()
        return found

    # -- values -------------------------------------------------------------------------------------

    def text(self, element: ET.Element, key: str, content_type: str | None) -> tuple[str, str | None]:
        """What feedparser's ``pop`` makes of a leaf's text, and the content type it ends with."""
        if len(element):
            raise Decline(f"markup inside <{key}>")
        value = (element.text or "").strip()
        if key in _FeedParserMixin.can_be_relative_uri and value and (key != "id" or self.guid_is_link):
            value = _urljoin(self.base, value)
        if not self.atom and content_type == "text/plain" and _FeedParserMixin.looks_like_html(value):
            content_type = "text/html"
        if not value.isascii():  # both steps leave ASCII as it is
            value = _mojibake_repaired(value)
            if _C1_CONTROL.search(value):
                value = value.translate(_cp1252)
        return value, content_type

    def store(self, key: str, value: str, depth: int, content_type: str | None) -> None:
        """feedparser's placement of a popped value (the generic branch of ``pop``)."""
        if self.context == "entry":
            assert self.entry is not None
            if key == "description":
                key = "summary"
            old = self.depths.get(key)
            if old is None or depth <= old:
                self.depths[key] = depth
                self.entry[key] = value
            if content_type is not None:
                self.entry[key + "_detail"] = {"type": content_type}
        elif self.context == "feed":
            if key == "description":
                key = "subtitle"
            self.feed[key] = value
            if content_type is not None:
                self.feed[key + "_detail"] = {"type": content_type}
        # image, textinput and source hold nothing an Item or ParsedFeed is made from.

    def save(self, key: str, value: Any, overwrite: bool) -> None:
        target = self.entry if self.context == "entry" else self.feed if self.context == "feed" else None
        if target is None:
            return
        if overwrite:
            target[key] = value
        else:
            target.setdefault(key, value)

    def content_type(self, attributes: dict[str, str], default: str) -> str:
        if "mode" in attributes:
            raise Decline("a mode attribute (base64 or escaped content)")
        kind = _content_type(attributes.get("type", default))
        if kind not in _PLAIN_OR_HTML:
            raise Decline(f"content of type {kind}")
        return kind

    # -- elements -----------------------------------------------------------------------------------

    def title(self, element: ET.Element, name: str, depth: int, attributes: dict[str, str]) -> None:
        kind: str | None = self.content_type(attributes, "text/plain")
        value, kind = self.text(element, "title", kind)
        if not -1 < self.title_depth <= depth:
            self.store("title", value, depth, kind)
        if value and name != "media:title":  # media:title leaves the depth as it was
            self.title_depth = depth

    def content(self, value: str, kind: str) -> None:
        if self.context == "entry":
            assert self.entry is not None
            self.entry.setdefault("content", []).append({"type": kind, "value": value})
        elif self.context != "feed":  # feed-level content is kept nowhere that matters, but counts below
            raise Decline(f"content inside {self.context}")
        if kind in _PLAIN_OR_HTML:
            self.save("summary", value, overwrite=False)

    def summary_like(self, element: ET.Element, key: str, depth: int, attributes: dict[str, str]) -> None:
        # <description> and <summary> become content when a summary is already there (feedparser's rule).
        if self.context == "source":
            raise Decline(f"<{key}> inside <source>")
        holder = self.entry if self.context == "entry" else self.feed if self.context == "feed" else {}
        assert holder is not None
        if "summary" in holder and not self.has_content:
            # At feed level too, and the flag then stays set into the first entry, as in feedparser.
            self.has_content = True
            if "src" in attributes:
                raise Decline("content with a src")
            kind: str | None = self.content_type(attributes, "text/plain")
            value, kind = self.text(element, "content", kind)
            assert kind is not None
            self.content(value, kind)
            return
        declared = self.content_type(attributes, "text/html" if key == "description" else "text/plain")
        value, kind = self.text(element, key, declared)
        self.store(key, value, depth, kind)

    def link(self, element: ET.Element, depth: int, attributes: dict[str, str]) -> None:
        attributes.setdefault("rel", "alternate")
        attributes.setdefault("type", "application/atom+xml" if attributes["rel"] == "self" else "text/html")
        href = attributes.get("url", attributes.get("uri", attributes.get("href")))
        if href:
            if len(element):
                raise Decline("markup inside <link>")
            href = _urljoin(self.base, href)
            if attributes["rel"] == "alternate" and _content_type(attributes["type"]) in (
                "text/html",
                "application/xhtml+xml",
            ):
                self.save("link", href, overwrite=True)
            return
        if "href" in attributes or "url" in attributes or "uri" in attributes:
            raise Decline("a link with an empty href")
        value, _ = self.text(element, "link", None)
        if self.context == "entry":
            assert self.entry is not None
            value = value.replace("&amp;", "&")
            self.entry["link"] = _QUERY_REFERENCE.sub(r"&\g<1>", value)
        elif self.context == "feed":
            self.feed["link"] = _QUERY_REFERENCE.sub(r"&\g<1>", value)

    def guid(self, element: ET.Element, depth: int, attributes: dict[str, str]) -> None:
        self.guid_is_link = attributes.get("ispermalink", "true") == "true"
        value, _ = self.text(element, "id", None)
        self.store("id", value, depth, None)
        target = self.entry if self.context == "entry" else self.feed if self.context == "feed" else None
        if target is not None:
            target.setdefault("guidislink", self.guid_is_link and "link" not in target)
        if self.guid_is_link:
            self.save("link", value, overwrite=False)

    def element(self, element: ET.Element, depth: int, parent: str) -> None:
        name = self.name(element.tag)
        attributes = self.attributes(element)
        allowed = _CONTAINERS.get(parent)
        if allowed is not None and name not in allowed and not self.unknown_is_inert(name, attributes):
            raise Decline(f"<{name}> inside <{parent}>")
        if parent == "image" and name not in _IMAGE_CHILDREN:
            raise Decline(f"<{name}> inside <image>")
        if parent == "textinput" and name not in _TEXTINPUT_CHILDREN:
            raise Decline(f"<{name}> inside <textInput>")
        if name in _TITLES:
            self.title(element, name, depth, attributes)
        elif name in _DESCRIPTIONS:
            self.summary_like(element, "description", depth, attributes)
        elif name in _SUMMARIES:
            self.summary_like(element, "summary", depth, attributes)
        elif name in _HTML_CONTENT or name == "content":
            if "src" in attributes:
                raise Decline("content with a src")
            self.has_content = True
            kind: str | None = self.content_type(
                attributes, "text/html" if name != "content" else "text/plain"
            )
            value, kind = self.text(element, "content", kind)
            assert kind is not None
            self.content(value, kind)
        elif name == "link":
            self.link(element, depth, attributes)
        elif name in _IDS:
            self.guid(element, depth, attributes)
        elif name in _PUBLISHED or name in _UPDATED:
            key = "published" if name in _PUBLISHED else "updated"
            value, _ = self.text(element, key, None)
            self.store(key, value, depth, None)
            self.save(f"{key}_parsed", _date(value), overwrite=True)
        elif name == "ttl" and self.context == "feed":
            if attributes:
                raise Decline("a <ttl> with attributes")
            self.feed["ttl"] = self.text(element, "ttl", None)[0]
        elif name == "source" and self.context == "entry":
            self.source(element, depth)
        elif name in ("image", "textinput") and self.context == "feed" and parent == "channel":
            self.context = name
            self.title_depth = -1
            for child in element:
                self.element(child, depth + 1, name)
            self.context = "feed"
        elif name in _INERT or self.unknown_is_inert(name, attributes):
            if len(element):
                if name not in _CONTAINERS:
                    raise Decline(f"markup inside <{name}>")
                for child in element:
                    self.element(child, depth + 1, name)
        else:
            raise Decline(f"an element it does not know: <{name}> in {self.context}")

    def unknown_is_inert(self, name: str, attributes: dict[str, str]) -> bool:
        key = name.replace(":", "_")
        if key in _HANDLERS or key in _TAKEN_KEYS:
            return False
        return ":" in name or name.isalpha()

    def source(self, element: ET.Element, depth: int) -> None:
        # Everything inside goes to a separate mapping; only the title depth is reset and set.
        if self.atom:
            self.context = "source"
            self.title_depth = -1
            for child in element:
                self.element(child, depth + 1, "source")
            self.context = "entry"
        else:
            if len(element):
                raise Decline("markup inside an RSS <source>")
            self.title_depth = -1

    def entry_element(self, element: ET.Element, depth: int) -> None:
        attributes = self.attributes(element)
        if set(attributes) - {"xml:lang", "lang"}:
            raise Decline("attributes on an item")
        self.entry = {}
        self.entries.append(self.entry)
        self.depths = {}
        self.guid_is_link = False
        self.title_depth = -1
        self.context = "entry"
        for child in element:
            self.element(child, depth + 1, "item")
        self.context = "feed"
        self.has_content = False
        self.entry = None

    def channel(self, element: ET.Element, depth: int, item: str) -> None:
        for child in element:
            if child.tag == item:
                self.entry_element(child, depth + 1)
            else:
                if self.name(child.tag) in ("item", "entry", "channel", "feed", "rss"):
                    raise Decline("an entry in an unexpected place")
                self.element(child, depth + 1, "channel")


def _declared_prefixes(events: Iterator[Any]) -> tuple[dict[str, str], ET.Element | None]:
    """The prefix feedparser names each unknown namespace's elements by, and the root element.

    feedparser names an element of an unknown namespace by a prefix it finds in its record of declarations
    (keyed by prefix, so later declarations overwrite earlier ones), and maps prefixes of known namespaces
    to canonical names. Documents where that record could depend on the order of declarations are
    declined: an unknown namespace with two prefixes, a prefix bound to two namespaces, a prefix that is
    another known namespace's canonical name.
    """
    root: ET.Element | None = None
    prefixes: dict[str, str] = {}
    bound: dict[str, str] = {}
    known_declared: set[str] = set()
    for event, value in events:
        if event == "start":
            if root is None:
                root = value
            continue
        prefix, uri = value
        if any(character.isspace() for character in uri):
            raise Decline("whitespace in a namespace name")  # SAX splits names on whitespace
        lower = uri.lower()
        if lower in _VERSION_NAMESPACES:
            raise Decline(f"an RSS 1.0 / 0.90 namespace: {uri}")
        if "backend.userland.com/rss" in lower:
            lower = "http://backend.userland.com/rss"
        key = prefix.lower()
        if key and bound.setdefault(key, uri) != uri:
            raise Decline(f"prefix {prefix!r} bound to two namespaces")
        known = _KNOWN.get(lower)
        if known is not None:
            if key in _KNOWN_PREFIXES and key != known:
                raise Decline(f"prefix {prefix!r} bound to another known namespace")
            known_declared.add(known.lower())
        elif prefixes.setdefault(uri, prefix) != prefix:
            raise Decline(f"namespace {uri} declared with two prefixes")
    for uri, prefix in prefixes.items():
        if prefix and prefix.lower() in known_declared:
            raise Decline(f"prefix {prefix!r} of {uri} is also a known namespace's name")
    return prefixes, root


@lru_cache(maxsize=1)
def _feedparser_reads_with_expat() -> bool:
    # feedparser prefers libxml2's SAX driver when it is installed; the rules mirrored here are expat's.
    try:
        reader = xml.sax.make_parser(PREFERRED_XML_PARSERS)
    except Exception:
        return False
    return isinstance(reader, xml.sax.expatreader.ExpatParser)


def _element_base(base: str) -> str:
    # What feedparser's start-tag handler makes of the base it inherits, when no xml:base overrides it.
    if not base:
        return ""
    return str(make_safe_absolute_uri(base, base) or base)


def parse_fast(
    data: bytes, encoding: dict[str, Any], headers: dict[str, str]
) -> tuple[dict[str, Any], list[dict[str, Any]], str] | None:
    """feedparser's ``feed`` and ``entries`` mappings (the keys `parse_feed` reads) and version, or None.

    `data` is the document as feedparser's `convert_to_utf8` returned it, `encoding` the result mapping that
    call filled in, `headers` the response headers given to feedparser.
    """
    try:
        return _parse(data, encoding, headers)
    except Exception:
        # Declined, rejected by expat, or something unforeseen: feedparser reads the document and reports
        # whatever is wrong with it in its own way.
        return None


def _parse(
    data: bytes, encoding: dict[str, Any], headers: dict[str, str]
) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    if not _MIRRORED_FEEDPARSER:
        raise Decline(f"the rules mirrored are feedparser 6's, not {feedparser.__version__}'s")
    if not _feedparser_reads_with_expat():
        raise Decline("feedparser does not use expat here")
    if encoding.get("bozo"):
        raise Decline("feedparser would report an encoding or content-type problem")
    try:
        codec = codecs.lookup(str(encoding.get("encoding") or "")).name
    except LookupError:
        raise Decline("unknown encoding") from None
    if codec not in ("utf-8", "ascii"):
        raise Decline(f"encoding {codec}")
    if _DECLARATION.search(data):
        raise Decline("a DTD or other declaration")
    # feedparser's base for relative links: Content-Location, made safe, and as each element sees it.
    location = headers.get("content-location", "")
    base = make_safe_absolute_uri("", location) or make_safe_absolute_uri(location) or ""
    inner = _element_base(base)
    if _element_base(inner) != inner:
        raise Decline("an unstable base URL")
    parser: ET.XMLPullParser[Any] = ET.XMLPullParser(events=("start-ns", "start"))
    # The root element is usually in the first kilobyte: a format declined here costs no full parse.
    parser.feed(data[:_HEAD])
    events: list[Any] = list(parser.read_events())
    for event, value in events:
        if event == "start":
            if value.tag not in _ROOTS:
                raise Decline(f"root element {value.tag}")
            break
    parser.feed(data[_HEAD:])
    parser.close()
    events.extend(parser.read_events())
    prefixes, root = _declared_prefixes(iter(events))
    if root is None:
        raise Decline("no root element")
    if root.tag == "rss":
        attributes = _Reader.attributes(root)
        declared = attributes.get("version", "")
        version = _RSS_VERSIONS.get(declared) or ("rss20" if declared.startswith("2.") else "")
        if not version:
            raise Decline(f"RSS version {declared!r}")
        channels = list(root)
        if len(channels) != 1 or channels[0].tag != "channel":
            raise Decline("not one <channel> in <rss>")
        if set(_Reader.attributes(channels[0])) - {"xml:lang", "lang"}:
            raise Decline("attributes on <channel>")
        reader = _Reader(atom=False, base=inner, prefixes=prefixes)
        reader.channel(channels[0], 2, "item")
    elif root.tag == f"{{{_ATOM}}}feed":
        attributes = _Reader.attributes(root)
        if set(attributes) - {"xml:lang", "lang"}:
            raise Decline("attributes on <feed>")
        version = "atom10"
        reader = _Reader(atom=True, base=inner, prefixes=prefixes)
        reader.channel(root, 1, f"{{{_ATOM}}}entry")
    else:
        raise Decline(f"root element {root.tag}")
    return reader.feed, reader.entries, version
