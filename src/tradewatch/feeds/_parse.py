"""Feed bodies to `Item`s, through feedparser, with its tolerance kept and its surprises contained."""

from __future__ import annotations

import calendar
import hashlib
import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import attrs
import feedparser
from feedparser.encodings import convert_to_utf8

from tradewatch.model import Item

from ._errors import EntityExpansionError, NotAFeedError, ParseError
from ._fastparse import parse_fast
from ._source import MAX_NAME_LENGTH
from ._text import one_line, to_text, unprintable_removed

#: The prefix of ids made from an entry's content when it has neither guid nor link. The hash covers the
#: entry's title, link, summary and content as the feed gives them; a new recipe would get a new prefix.
CONTENT_HASH_PREFIX = "sha256v1:"
#: The most characters that declared XML entities may expand to in one document.
MAX_ENTITY_EXPANSION = 1_000_000
#: More declarations than this is not a feed's doing.
MAX_ENTITY_DECLARATIONS = 1_000

# Limits of the fields of `Item`; longer values are cut (titles, text) or passed over (ids, links).
_MAX_ID = 4096
_MAX_URL = 4096
_MAX_TITLE = 10_000
_MAX_TEXT = 10_000_000
_MAX_TTL_MINUTES = 365 * 24 * 60

_PASSED_HEADERS = ("content-type", "content-location", "content-language")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")

_ENTITY_DECLARATION = re.compile(
    rb"""<!ENTITY\s+(%\s+)?([^\s"'>%&;]+)\s+(?:"([^"]*)"|'([^']*)'|[^>]*)""", re.DOTALL
)
_REFERENCE = re.compile(rb"[&%]([^\s;&%<>\"']+);")
# Character references that may name a surrogate or lie beyond U+10FFFF (feedparser crashes on both):
# hexadecimal D800-DFFF or six digits and more, decimal five digits and more. Others are left alone.
_SUSPECT_CHARREF = re.compile(rb"&#(?:[xX]0*([dD][89a-fA-F][0-9a-fA-F]{2}|[0-9a-fA-F]{6,})|0*([0-9]{5,}));")


@attrs.frozen(kw_only=True)
class ParsedFeed:
    """What one feed body held.

    `items` are in feed order, with ids unique: of entries sharing an id the first is kept, and
    `duplicates` counts the others. `ttl` is the RSS
    ``<ttl>``, `title` the feed's title, `version` feedparser's name for the format (``"rss20"``,
    ``"atom10"``...). `warning` describes a problem that was tolerated (an encoding override, ill-formed XML
    that was still readable), or is None.
    """

    items: tuple[Item, ...]
    duplicates: int = 0
    ttl: timedelta | None = None
    title: str | None = None
    version: str = ""
    warning: str | None = None


def parse_feed(
    body: bytes,
    *,
    source: str,
    url: str,
    headers: Mapping[str, str],
    fetched_at: datetime,
    use_fast_path: bool = True,
) -> ParsedFeed:
    """Parse one feed body into items of `source`.

    `headers` are the response headers (names in any case); only ``Content-Type``, ``Content-Location`` and
    ``Content-Language`` are given to feedparser, and relative links resolve against ``Content-Location``
    or, without one, `url`. feedparser never sees a URL or a file name, so it fetches and opens nothing.
    Items without a date get `fetched_at`. Well-formed RSS 2.0 and Atom 1.0 feeds are read by a faster
    parser (`parse_fast`) that gives the same result; it declines anything else, and feedparser reads it.
    `use_fast_path=False` always uses feedparser (for comparisons).

    Raises `NotAFeedError` for an empty body or one that is not a feed (an HTML page, say),
    `EntityExpansionError` for an XML entity bomb, and `ParseError` for anything else that goes wrong
    inside the parser: every failure concerns this feed only.
    """
    if not isinstance(source, str) or not source.strip() or len(source) > MAX_NAME_LENGTH:
        raise ValueError(f"source must be a non-empty name of at most {MAX_NAME_LENGTH} characters")
    if not isinstance(fetched_at, datetime) or fetched_at.utcoffset() is None:
        raise ValueError(f"fetched_at must be a timezone-aware datetime, not {fetched_at!r}")
    if not body or body.isspace():
        raise NotAFeedError(f"{url}: the body is empty", url=url)
    passed, base = _passed_headers(headers, url)
    if b"&#" in body:
        body = _SUSPECT_CHARREF.sub(_replace_invalid_charref, body)
    fast = None
    try:
        encoding: dict[str, Any] = {}
        document = convert_to_utf8(dict(passed), body, encoding)
        # The entity check comes first whichever parser reads the document.
        _check_entities(document, url)
        if use_fast_path:
            fast = parse_fast(document, encoding, passed)
        if fast is None:
            # A BytesIO, never the bytes: given bytes, feedparser first tries them as a local file name.
            parsed = feedparser.parse(
                io.BytesIO(body), response_headers=passed, sanitize_html=False, resolve_relative_uris=False
            )
    except ParseError:
        raise
    except Exception as error:
        raise ParseError(
            f"{url}: the feed parser failed: {type(error).__name__}: {error}", url=url
        ) from error
    warning = None if fast is not None else _judge(parsed, passed, url)
    try:
        if fast is not None:
            feed, entries, version = fast
        else:
            feed, entries, version = parsed.feed, parsed.get("entries") or [], parsed.get("version")
        items = _items(entries, source, fetched_at.astimezone(UTC), base)
        return ParsedFeed(
            items=items,
            duplicates=len(entries) - len(items),
            ttl=_ttl(feed.get("ttl")),
            title=_title(dict(feed)) or None,
            version=str(version or ""),
            warning=warning,
        )
    except Exception as error:
        # feedparser's results are loosely typed; anything unforeseen in them concerns this feed only.
        raise ParseError(
            f"{url}: unusable parser output: {type(error).__name__}: {error}", url=url
        ) from error


def _passed_headers(headers: Mapping[str, str], url: str) -> tuple[dict[str, str], str]:
    """The headers feedparser gets, and the base URL for entry links.

    feedparser hears of a base URL only when the server named one: given a base, it joins it with every
    element of the document (a fifth of its time), and rewrites relative guids, which would then change
    whenever the feed moved. Entry links are resolved afterwards instead, one join per entry.
    """
    lower = {name.lower(): value for name, value in headers.items() if name.lower() in _PASSED_HEADERS}
    base = url
    if location := lower.pop("content-location", "").strip():
        try:
            base = urljoin(url, location)
        except ValueError:
            pass
        else:
            lower["content-location"] = base
    return lower, base


def _replace_invalid_charref(match: re.Match[bytes]) -> bytes:
    hexadecimal, decimal = match.groups()
    digits = hexadecimal or decimal
    code = int(digits, 16 if hexadecimal else 10) if len(digits) <= 8 else -1
    if 0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return match[0]
    return b"&#xFFFD;"


def _check_entities(document: bytes, url: str) -> None:
    """Refuse documents whose internal entities would expand past `MAX_ENTITY_EXPANSION` characters.

    Expat stops classic "billion laughs" nesting, and feedparser drops nested declarations, but one large
    entity referenced many times ("quadratic blowup") is expanded in full by feedparser's fallback parser:
    56 kB of XML became a 100-million-character string. The size is computed, never produced.
    """
    if b"<!ENTITY" not in document:
        return
    values: dict[bytes, bytes] = {}
    for match in _ENTITY_DECLARATION.finditer(document):
        value = match[3] if match[3] is not None else match[4]
        if value is None:
            continue  # external entities: neither feedparser nor expat loads them
        key = (b"%" if match[1] else b"&") + match[2]
        values.setdefault(key, value)  # XML: the first declaration binds
        if len(values) > MAX_ENTITY_DECLARATIONS:
            raise EntityExpansionError(
                f"{url}: more than {MAX_ENTITY_DECLARATIONS} XML entity declarations", url=url
            )
    if not values:
        return
    refs = {key: _REFERENCE.findall(value) for key, value in values.items()}
    # Size of each entity's replacement text, by relaxation: in an acyclic set every size is final after
    # as many rounds as there are entities; still growing after that means a cycle, which XML forbids.
    sizes = {key: len(value) for key, value in values.items()}
    for _ in range(len(values) + 1):
        changed = False
        for key, names in refs.items():
            size = len(values[key])
            for name in names:
                for ref_key in (b"&" + name, b"%" + name):
                    if ref_key in sizes:
                        size += sizes[ref_key]
            size = min(size, MAX_ENTITY_EXPANSION + 1)
            if size != sizes[key]:
                sizes[key] = size
                changed = True
        if not changed:
            break
    else:
        raise EntityExpansionError(f"{url}: XML entities refer to each other in a cycle", url=url)
    total = sum(document.count(key + b";") * size for key, size in sizes.items())
    if total > MAX_ENTITY_EXPANSION:
        raise EntityExpansionError(
            f"{url}: XML entities would expand to more than {MAX_ENTITY_EXPANSION:,} characters "
            "(an entity expansion attack?)",
            url=url,
        )


def _judge(parsed: Any, headers: Mapping[str, str], url: str) -> str | None:
    """Raise for results that are not a feed; return a description of tolerated trouble, if any."""
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    detail = f": {type(problem).__name__}: {problem}" if problem is not None else ""
    if not version:
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type in _HTML_TYPES:
            raise NotAFeedError(f"{url}: an HTML page ({content_type}), not a feed", url=url)
        if not entries:
            raise NotAFeedError(f"{url}: not an RSS, Atom or RDF feed{detail}", url=url)
    # Anything else feedparser complains about (encoding overrides, a text/plain content type, ill-formed
    # XML that its loose parser could still read) leaves usable entries: keep them, say what happened.
    return f"{type(problem).__name__}: {problem}" if problem is not None else None


def _items(entries: list[Any], source: str, fetched_at: datetime, base: str) -> tuple[Item, ...]:
    items: dict[str, Item] = {}
    for entry in entries:
        item = _item(entry, source, fetched_at, base)
        items.setdefault(item.id, item)
    return tuple(items.values())


def _item(entry: Any, source: str, fetched_at: datetime, base: str) -> Item:
    if not isinstance(entry, dict):
        raise TypeError(f"an entry is a {type(entry).__name__}, not a dict")
    # A plain dict: FeedParserDict's lookups are slower, and it answers a missing "updated_parsed" with
    # "published_parsed" (and a DeprecationWarning).
    entry = dict(entry)
    raw_title = _string(entry.get("title"))
    raw_link = _string(entry.get("link")).strip()
    return Item(
        id=_entry_id(entry, raw_title, raw_link),
        source=source,
        title=_title(entry),
        text=_entry_text(entry)[:_MAX_TEXT],
        url=_http_url(raw_link, base),
        published=_published(entry) or fetched_at,
    )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _entry_id(entry: Any, raw_title: str, raw_link: str) -> str:
    for candidate in (_string(entry.get("id")), raw_link):
        # Control characters would only trouble the store; dropping them keeps the id stable all the same.
        candidate = unprintable_removed(candidate).strip()
        if candidate and len(candidate) <= _MAX_ID:
            return candidate
    # Content is hashed too: Atom entries may carry nothing else, and two such entries must not collide.
    contents = [_string(c.get("value")) for c in entry.get("content") or () if isinstance(c, Mapping)]
    parts = (raw_title.strip(), raw_link, _string(entry.get("summary")).strip(), *contents)
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass"))
    return CONTENT_HASH_PREFIX + digest.hexdigest()


def _title(element: dict[str, Any]) -> str:
    raw = _string(element.get("title"))
    if not raw:
        return ""
    detail = element.get("title_detail")
    content_type = detail.get("type") if isinstance(detail, Mapping) else None
    return one_line(to_text(raw, content_type))[:_MAX_TITLE]


def _entry_text(entry: Any) -> str:
    best: tuple[str, str | None] | None = None
    for content in entry.get("content") or ():
        if not isinstance(content, Mapping):
            continue
        value, content_type = _string(content.get("value")), _string(content.get("type")).lower()
        if content_type in _TEXT_TYPES and (best is None or len(value) > len(best[0])):
            best = (value, content_type)
    if best is not None and (text := to_text(*best)):
        return text
    detail = entry.get("summary_detail")
    summary_type = detail.get("type") if isinstance(detail, Mapping) else None
    summary = _string(entry.get("summary"))
    return to_text(summary, summary_type) if summary else ""


def _http_url(link: str, base: str) -> str | None:
    # Only links a reader can follow: "javascript:" or "data:" URLs must not reach alert sinks.
    if not link:
        return None
    try:
        if not link.startswith(("https://", "http://")):
            link = urljoin(base, link)
        scheme = urlsplit(link).scheme.lower()
    except ValueError:
        return None
    if len(link) > _MAX_URL:
        return None
    return link if scheme in ("http", "https") else None


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                # feedparser's struct_time is already in UTC.
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _ttl(value: object) -> timedelta | None:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        return None
    if not 0 < minutes <= _MAX_TTL_MINUTES:
        return None
    return timedelta(minutes=minutes)
