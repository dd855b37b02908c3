"""Alert sinks: where the outbox delivers alerts (a log, a JSON-lines file, a webhook, Apprise, a callable).

The outbox delivers at least once: it calls `Sink.send` and retries failures with backoff. A sink therefore
either delivers or raises `DeliveryError`; a failure it swallowed would be an alert lost without a trace.

Feed text (titles, sentences, product names, even URLs) is untrusted. It is never used as a format string,
and the renderers escape it for the markup they produce.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import html
import inspect
import json
import logging
import math
import os
import re
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, cast, runtime_checkable
from urllib.parse import quote, urlsplit

import httpx

from tradewatch.model import (
    Alert,
    ChangeKind,
    DateSpan,
    Event,
    ExportControl,
    Negotiation,
    Product,
    Rate,
    Tariff,
    Threat,
    Truce,
)
from tradewatch.serial import SCHEMA, to_dict, to_json

if TYPE_CHECKING:
    import apprise

__all__ = [
    "AppriseSink",
    "CallableSink",
    "DeliveryError",
    "JsonLinesSink",
    "LogSink",
    "Sink",
    "SinkConfigError",
    "WebhookSink",
    "render_html",
    "render_markdown",
    "render_text",
    "sink_from_table",
    "verify_signature",
]

BodyFormat = Literal["text", "markdown", "html"]

SIGNATURE_HEADER = "X-Tradewatch-Signature"
TIMESTAMP_HEADER = "X-Tradewatch-Timestamp"
ALERT_IDS_HEADER = "X-Tradewatch-Alert-Ids"

#: Statuses that the same request will meet again however often it is retried: the outbox parks the alert.
#: 301 and 308 say the URL moved for good; the sink's configuration must change, not the timing.
_PERMANENT_STATUSES = frozenset({301, 308, 400, 401, 403, 404, 405, 410, 413, 415, 422})
_RETRY_AFTER_STATUSES = frozenset({429, 503})
#: Enough of a receiver's answer to explain a failure, and to drain a small reply so the connection is reused.
_SNIPPET_BYTES = 1024
_DRAIN_BYTES = 65_536


# -- errors ------------------------------------------------------------------------------------------------


class DeliveryError(Exception):
    """A sink could not deliver.

    `sink` is the sink's name and `reason` says what went wrong. `retryable` is False when trying again
    cannot help (an HTTP 400, 401, 403, 404, 410 or 422, a permanent redirect); the outbox then parks the
    alert at once instead of retrying it. `kind` is the sink's type as shown in the message (``webhook``,
    ``jsonl``...), `status` the HTTP status where there was one, and `retry_after` the delay in seconds a
    server asked for (``Retry-After``), if any.

    ``str(error)`` reads like ``webhook 'team-hook': HTTP 500 Internal Server Error from https://hooks.example/…``.
    """

    def __init__(
        self,
        sink: str,
        reason: str,
        *,
        retryable: bool = True,
        kind: str = "sink",
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{kind} {sink!r}: {reason}")
        self.sink = sink
        self.reason = reason
        self.retryable = retryable
        self.kind = kind
        self.status = status
        self.retry_after = retry_after

    def __reduce__(self) -> tuple[Any, ...]:
        # The keyword-only arguments are not in `args`; without this a pickled error would lose them.
        rebuild = functools.partial(
            type(self),
            retryable=self.retryable,
            kind=self.kind,
            status=self.status,
            retry_after=self.retry_after,
        )
        return (rebuild, (self.sink, self.reason))


class SinkConfigError(ValueError):
    """A sink was configured wrongly. `key` names the setting (a TOML key or a constructor argument) and
    `reason` says what is wrong with it; `sink` is the sink's name when known."""

    def __init__(self, reason: str, *, key: str | None = None, sink: str | None = None) -> None:
        where = "".join([f"sink {sink!r}: " if sink else "", f"{key}: " if key else ""])
        super().__init__(f"{where}{reason}")
        self.reason = reason
        self.key = key
        self.sink = sink

    def __reduce__(self) -> tuple[Any, ...]:
        return (functools.partial(type(self), key=self.key, sink=self.sink), (self.reason,))


# -- the protocol --------------------------------------------------------------------------------------------


@runtime_checkable
class Sink(Protocol):
    """Somewhere alerts go.

    - `name`: unique among the sinks of a watcher; rules name the sinks they alert, and outbox rows keep it.
    - `digest`: when True the outbox hands the sink every alert of one delivery round at once and the sink
      makes one message of them; when False it gets one alert per call.
    - `send` delivers or raises `DeliveryError`; it may be called again with the same alerts after a failure
      (at least once), so receivers should drop duplicates by `Alert.id`.
    - `close` releases connections and files; the watcher calls it when it stops.
    """

    name: str
    digest: bool

    def send(self, alerts: Sequence[Alert]) -> None: ...

    def close(self) -> None: ...


# -- rendering -----------------------------------------------------------------------------------------------


class _Data(str):
    """Text that came from outside our code (a feed, a config file): each renderer escapes it for its markup.
    Plain `str` parts are our own wording and are safe in every format."""

    __slots__ = ()


# C0/C1 controls (a terminal escape in a log line, a fake new line), line and paragraph separators, and the
# bidirectional overrides that can make text read backwards.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")
# Escaped wherever they are: emphasis, code, links and images, headings, tables, strikethrough. Parentheses
# need nothing once no `]` can open a link.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
# Escaped only where a paragraph starts: list items ("- ", "+ ", "1. ", "2) ") and setext underlines.
_MARKDOWN_BLOCK_START = re.compile(r"^([-+=]|[0-9]+[.)])")
# Characters with a meaning in some markup, removed from data in titles (which are plain text everywhere).
_TITLE_UNSAFE = re.compile(r"[<>&\[\]*_`\\#|~{}]")
_URL_SAFE = "!#$%&*+,/:;=?@[]~"
_TITLE_LIMIT = 200
_ITEM_TITLE_LIMIT = 300
_SENTENCE_LIMIT = 1000
_URL_LIMIT = 2000


def _one_line(text: str, limit: int | None = None) -> str:
    text = " ".join(_CONTROLS.sub(" ", text).split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _md(text: str) -> str:
    # `<`, `>` and `&` as entities: Python-Markdown (which Apprise uses) does not honour a backslash before
    # `<`. Joined into one line, text cannot open a block further down (a code block, a setext heading).
    text = _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _MARKDOWN_BLOCK_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], text)


def _http_url(url: str | None) -> str | None:
    """`url` made safe to put in a link, or None unless it is an absolute http(s) URL."""
    if not url:
        return None
    url = url.strip()
    if len(url) > _URL_LIMIT or _CONTROLS.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Quotes, brackets of all sorts, spaces and backslashes percent-encoded: none can end the link early.
    return quote(url, safe=_URL_SAFE)


def _d(value: object) -> _Data:
    return _Data(value if isinstance(value, str) else str(value))


def _route(imposer: str, target: str) -> list[str]:
    return [_d(imposer), "→", "all" if target == "*" else _d(target)]


def _parties(parties: Sequence[str]) -> list[str]:
    return [_d("+".join(parties))]


def _goods(product: Product | None, everything: str) -> list[str]:
    return [everything] if product is None else [_d(product.name)]


def _span(start: object, end: object) -> str:
    return str(start) if start == end else f"{start}..{end}"


def _value(field: str | None, value: Any) -> str:
    """A change's old or new value, given in the wire format (or as a model object), for people."""
    if value is None:
        return "none"
    if isinstance(value, Rate):
        return str(value)
    if isinstance(value, DateSpan):
        return _span(value.start, value.end)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        if "start" in value and "end" in value:
            return _span(value["start"], value["end"])
        if "name" in value:
            return str(value["name"])
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(value, list | tuple):
        return ", ".join(_value(None, v) for v in value)
    if (
        field is not None
        and field.rsplit(".", 1)[-1].endswith("rate")
        and isinstance(value, str | int | Decimal)
    ):
        return f"{value}%"
    return str(value)


def _signed(number: Decimal | int, unit: str) -> str:
    text = f"{Decimal(number).normalize():+f}"
    return f"{text} {unit}" if abs(number) == 1 else f"{text} {unit}s"


def _subject(event: Event) -> list[str]:
    if isinstance(event, Tariff):
        return ["tariff ", *_route(event.imposer, event.target), " ", *_goods(event.product, "all goods")]
    if isinstance(event, ExportControl):
        control = event.control.value.replace("_", " ")
        return [
            "export control ",
            *_route(event.imposer, event.target),
            " ",
            *_goods(event.item, "all items"),
            f" ({control})",
        ]
    if isinstance(event, Truce):
        return ["truce ", *_parties(event.parties)]
    if isinstance(event, Negotiation):
        return ["talks ", *_parties(event.parties)]
    return ["threat ", *_route(event.actor, event.target)]


def _threatened(threat: Threat) -> list[str]:
    measure = threat.measure
    if isinstance(measure, Tariff):
        parts: list[str] = ["tariff"]
        if measure.rate is not None:
            parts += [" of ", _d(measure.rate)]
        parts += [" on ", *_goods(measure.product, "all goods")]
        return parts
    if isinstance(measure, ExportControl):
        return [f"export {measure.control.value.replace('_', ' ')} on ", *_goods(measure.item, "all items")]
    return [threat.kind.value.replace("_", " ")]


def _details(event: Event) -> list[str]:
    """What an event says, beyond which measure it is about."""
    pieces: list[list[str]] = []
    if isinstance(event, Tariff):
        pieces.append([event.status.value.replace("_", " ")])
        if event.rate is not None:
            rate: list[str] = [_d(event.rate)]
            if event.previous_rate is not None:
                rate += [" (was ", _d(event.previous_rate), ")"]
            pieces.append(rate)
        if event.effective is not None:
            pieces.append(["effective ", _d(_span(event.effective.start, event.effective.end))])
        if event.authority:
            pieces.append(["under ", _d(event.authority)])
    elif isinstance(event, ExportControl):
        pieces.append([event.status.value])
        if event.effective is not None:
            pieces.append(["effective ", _d(_span(event.effective.start, event.effective.end))])
    elif isinstance(event, Truce):
        pieces.append([event.status.value])
        if event.until is not None:
            pieces.append(["until ", _d(_span(event.until.start, event.until.end))])
    elif isinstance(event, Negotiation):
        pieces.append([event.status.value])
        if event.round is not None:
            pieces.append([f"round {event.round}"])
        if event.venue:
            pieces.append(["in ", _d(event.venue)])
        if event.when is not None:
            pieces.append([_d(_span(event.when.start, event.when.end))])
        if event.delegates:
            pieces.append(["with ", _d(", ".join(event.delegates))])
    else:
        pieces.append(_threatened(event))
        if event.condition:
            # The extractor may keep the conjunction ("unless China resumes exports") or not.
            said = re.match(r"(?i)\s*(unless|if|until|provided)\b", event.condition)
            pieces.append([*([] if said else ["unless "]), _d(event.condition)])
        if event.deadline is not None:
            pieces.append(["by ", _d(_span(event.deadline.start, event.deadline.end))])
    joined: list[str] = []
    for i, piece in enumerate(pieces):
        joined += [", "] if i else []
        joined += piece
    return joined


def _what(alert: Alert) -> list[str]:
    """What happened, e.g. ``tariff US→CN electric vehicles: rate 25% → 100% (+75 points)``."""
    change = alert.change
    event = alert.event if alert.event is not None else (change.event if change is not None else None)
    if event is None:
        return ["item matched"]
    if change is None:
        return [*_subject(event), ": ", *_details(event)]
    if change.kind is ChangeKind.NEW:
        parts = ["new ", *_subject(event), ": ", *_details(event)]
    else:
        field = change.field or "value"
        parts = [*_subject(change.event), ": ", _d(field.replace("_", " ")), " "]
        parts += [_d(_value(field, change.old)), " → ", _d(_value(field, change.new))]
        if change.delta is not None:
            parts.append(f" ({_signed(change.delta, 'point')})")
        if change.days is not None:
            parts.append(f" ({_signed(change.days, 'day')})")
    if change.contradicted:
        parts.append(" (sources disagree)")
    return parts


class _Shown:
    """The pieces of one alert that every format shows, still unescaped."""

    def __init__(self, alert: Alert) -> None:
        event = alert.event if alert.event is not None else (alert.change.event if alert.change else None)
        self.id = alert.id
        self.rule = _Data(alert.rule)
        self.what = _what(alert)
        self.source = _Data(alert.item.source)
        self.published = alert.item.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        self.title = _Data(_one_line(alert.item.title, _ITEM_TITLE_LIMIT))
        url = alert.item.url or (event.evidence.url if event is not None else None)
        self.url = _Data(_one_line(url, _URL_LIMIT)) if url else None
        self.href = _http_url(url)
        sentence = event.evidence.sentence if event is not None else None
        self.sentence = _Data(_one_line(sentence, _SENTENCE_LIMIT)) if sentence else None


def _plain(part: str) -> str:
    return _one_line(part) if isinstance(part, _Data) else part


def describe(alert: Alert) -> str:
    """What an alert is about, in one line of plain text, e.g. ``tariff US→CN electric vehicles: rate 25% →
    100% (+75 points)`` (the same words every sink shows)."""
    return "".join(_plain(part) for part in _what(alert))


def _join(parts: Sequence[str], escape: Callable[[str], str]) -> str:
    return "".join(escape(p) if isinstance(p, _Data) else p for p in parts)


def _title(shown: Sequence[_Shown]) -> str:
    def clean(part: str) -> str:
        return _TITLE_UNSAFE.sub(" ", _one_line(part)) if isinstance(part, _Data) else part

    if len(shown) == 1:
        text = "".join([clean(shown[0].rule), ": ", *(clean(p) for p in shown[0].what)])
    else:
        rules = list(dict.fromkeys(clean(s.rule) for s in shown))
        text = f"{len(shown)} alerts: " + ", ".join(rules[:3]) + (", …" if len(rules) > 3 else "")
    return _one_line(f"tradewatch: {text}", _TITLE_LIMIT)


def render_text(alerts: Sequence[Alert]) -> tuple[str, str]:
    """A plain-text message for `alerts`: (title, body). Control characters in feed text become spaces."""
    shown = [_Shown(a) for a in alerts]
    blocks = []
    for s in shown:
        lines = [f"[{_plain(s.rule)}] {_join(s.what, _plain)}"]
        lines.append(f"source: {_plain(s.source)}, published {s.published}")
        if s.title:
            lines.append(f"item: {_plain(s.title)}")
        if s.url:
            lines.append(f"link: {_plain(s.url)}")
        if s.sentence:
            lines.append(f'evidence: "{_plain(s.sentence)}"')
        lines.append(f"alert: {s.id}")
        blocks.append("\n".join(lines))
    return _title(shown), "\n\n".join(blocks)


def render_markdown(alerts: Sequence[Alert]) -> tuple[str, str]:
    """A Markdown message for `alerts`: (title, body).

    Feed text is escaped: ``\\ ` * _ { } [ ] # | ~`` get a backslash, ``<``, ``>`` and ``&`` become entities,
    a list marker or ``=`` that would start a paragraph gets a backslash too, and line breaks become spaces;
    so it can make no emphasis, code, heading, list, quote, link, image or raw HTML. The only link is the
    item's URL, and only when it is http(s). The title is plain text (see `render_text`).
    """
    shown = [_Shown(a) for a in alerts]
    blocks = []
    for s in shown:
        paras = [f"**{_md(s.rule)}**: {_join(s.what, _md)}"]
        where = f"{_md(s.source)} · {s.published}"
        label = _md(s.title) if s.title else "link"
        if s.href:
            where += f" · [{label}]({s.href})"
        elif s.title or s.url:
            where += " · " + " ".join(_md(x) for x in (s.title, s.url) if x)
        paras.append(where)
        if s.sentence:
            paras.append(f"> {_md(s.sentence)}")
        paras.append(f"alert {s.id}")
        blocks.append("\n\n".join(paras))
    return _title(shown), "\n\n---\n\n".join(blocks)


def _h(text: str) -> str:
    return html.escape(_one_line(text), quote=True)


def render_html(alerts: Sequence[Alert]) -> tuple[str, str]:
    """An HTML fragment for `alerts`: (title, body). Feed text goes through `html.escape`; the only link is
    the item's URL, and only when it is http(s). The title is plain text (see `render_text`)."""
    shown = [_Shown(a) for a in alerts]
    blocks = []
    for s in shown:
        parts = [f"<p><strong>{_h(s.rule)}</strong>: {_join(s.what, _h)}</p>"]
        where = f"{_h(s.source)} · {s.published}"
        label = _h(s.title) if s.title else "link"
        if s.href:
            where += f' · <a href="{_h(s.href)}" rel="noopener noreferrer">{label}</a>'
        elif s.title or s.url:
            where += " · " + " ".join(_h(x) for x in (s.title, s.url) if x)
        parts.append(f"<p>{where}</p>")
        if s.sentence:
            parts.append(f"<blockquote>{_h(s.sentence)}</blockquote>")
        parts.append(f"<p><small>alert {s.id}</small></p>")
        blocks.append("\n".join(parts))
    return _title(shown), "\n<hr>\n".join(blocks)


_RENDERERS: dict[str, Callable[[Sequence[Alert]], tuple[str, str]]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
}


# -- checks shared by the constructors -----------------------------------------------------------------------


def _check_name(name: object, key: str = "name") -> str:
    if not isinstance(name, str):
        raise SinkConfigError(f"must be a string, not {type(name).__name__}", key=key)
    if not name.strip() or len(name) > 200:
        raise SinkConfigError("must be 1 to 200 characters, not blank", key=key)
    return name


def _check_timeout(value: object, key: str = "timeout") -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SinkConfigError(f"must be a number of seconds, not {type(value).__name__}", key=key)
    if not (math.isfinite(value) and value > 0):
        raise SinkConfigError(f"must be a positive number of seconds, not {value!r}", key=key)
    return float(value)


def _check_bool(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise SinkConfigError(f"must be true or false, not {type(value).__name__}", key=key)
    return value


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _origin(url: str) -> str:
    """The URL without what often holds a token (user, path, query), for messages and names."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port is not None else ""
    rest = "/…" if (parts.path not in ("", "/") or parts.query) else ""
    return f"{parts.scheme.lower()}://{host}{port}{rest}"


# -- log -----------------------------------------------------------------------------------------------------


class LogSink:
    """Logs each alert as one readable record on `logger` (a name or a `logging.Logger`) at `level`.

    With `digest`, the alerts of one delivery round make one record of several lines. Feed text is passed
    as %-arguments (never as the format) with control characters turned into spaces, so it cannot forge
    log lines. Each record carries ``alert_ids`` (a tuple) for structured handlers.
    """

    def __init__(
        self,
        name: str = "log",
        *,
        logger: str | logging.Logger = "tradewatch.alerts",
        level: int = logging.INFO,
        digest: bool = False,
    ) -> None:
        self.name = _check_name(name)
        self.digest = _check_bool(digest, "digest")
        if isinstance(level, bool) or not isinstance(level, int):
            raise SinkConfigError(f"must be a logging level number, not {type(level).__name__}", key="level")
        self.level = level
        self.logger = logger if isinstance(logger, logging.Logger) else logging.getLogger(logger)

    def __repr__(self) -> str:
        return f"LogSink(name={self.name!r}, logger={self.logger.name!r})"

    def send(self, alerts: Sequence[Alert]) -> None:
        alerts = list(alerts)
        if not alerts:
            return
        try:
            if self.digest:
                _, body = render_text(alerts)
                ids = tuple(a.id for a in alerts)
                self.logger.log(
                    self.level, "tradewatch alerts (%d):\n%s", len(alerts), body, extra={"alert_ids": ids}
                )
                return
            for alert in alerts:
                s = _Shown(alert)
                self.logger.log(
                    self.level,
                    'alert [%s] %s | %s, %s: "%s" %s | evidence: "%s" | id %s',
                    _plain(s.rule),
                    _join(s.what, _plain),
                    _plain(s.source),
                    s.published,
                    _plain(s.title),
                    _plain(s.url) if s.url else "(no link)",
                    _plain(s.sentence) if s.sentence else "",
                    s.id,
                    extra={"alert_ids": (alert.id,)},
                )
        except Exception as exc:  # a handler that failed to write: the outbox must hear of it
            raise DeliveryError(
                self.name, f"logging failed: {type(exc).__name__}: {exc}", kind="log"
            ) from exc

    def close(self) -> None:
        pass


# -- JSON lines ----------------------------------------------------------------------------------------------


def _json_line(alert: Alert) -> str:
    # json.dumps leaves U+2028, U+2029 and NEL raw with ensure_ascii=False, and str.splitlines() breaks lines
    # at them; escaped, the line decodes to the same document.
    return to_json(alert).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


class JsonLinesSink:
    """Appends one line per alert to the file at `path`: ``tradewatch.serial.to_json(alert)``, which carries
    the ``schema`` version; read a line back with ``serial.from_json(line, Alert)``.

    The file is opened in append mode for each batch and closed after it, so it may be rotated at any
    time. Each batch is written at once (one `os.write` unless the system writes less); sinks writing the
    same path in one process take turns. With
    `fsync`, the file (and, when the sink created it, its directory) is flushed to disk after each batch.
    A write cut short by a crash can leave a partial last line: the next batch starts on a new line, so
    every later line is whole, and readers should skip a line that does not decode. An `OSError` becomes
    a retryable `DeliveryError`.
    """

    _locks: ClassVar[dict[str, threading.Lock]] = {}
    _locks_guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        name: str | None = None,
        fsync: bool = False,
        digest: bool = False,
    ) -> None:
        try:
            self.path = os.fspath(path)
        except TypeError:
            raise SinkConfigError(f"must be a path, not {type(path).__name__}", key="path") from None
        if not isinstance(self.path, str) or not self.path.strip():
            raise SinkConfigError("must be a non-empty path", key="path")
        self.name = _check_name(name if name is not None else f"jsonl:{self.path}")
        self.fsync = _check_bool(fsync, "fsync")
        self.digest = _check_bool(digest, "digest")
        key = os.path.normcase(os.path.abspath(self.path))
        with self._locks_guard:
            self._lock = self._locks.setdefault(key, threading.Lock())

    def __repr__(self) -> str:
        return f"JsonLinesSink({self.path!r}, name={self.name!r})"

    def send(self, alerts: Sequence[Alert]) -> None:
        alerts = list(alerts)
        if not alerts:
            return
        data = "".join(_json_line(a) + "\n" for a in alerts).encode("utf-8")
        try:
            with self._lock:
                self._append(data)
        except OSError as exc:
            reason = f"cannot append to {self.path}: {exc.strerror or exc}"
            raise DeliveryError(self.name, reason, kind="jsonl") from exc

    def _append(self, data: bytes) -> None:
        created = not os.path.exists(self.path)
        flags = (
            os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        )
        fd = os.open(self.path, flags, 0o666)
        try:
            if os.fstat(fd).st_size > 0:
                os.lseek(fd, -1, os.SEEK_END)
                if os.read(fd, 1) != b"\n":
                    data = b"\n" + data
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if self.fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        if self.fsync and created:
            _fsync_directory(os.path.dirname(os.path.abspath(self.path)))

    def close(self) -> None:
        pass


def _fsync_directory(path: str) -> None:
    # A new file's directory entry is durable only once the directory is synced (POSIX); Windows cannot
    # open a directory this way and needs nothing more.
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- webhook -------------------------------------------------------------------------------------------------


def _secret_bytes(secret: str | bytes) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if not key:
        raise ValueError("the signing secret must not be empty")
    return key


def _signature(body: bytes, secret: str | bytes, timestamp: str) -> str:
    mac = hmac.new(_secret_bytes(secret), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(
    body: bytes,
    headers: Mapping[str, str],
    secret: str | bytes,
    *,
    max_age: float | None = 300,
    now: float | datetime | None = None,
) -> bool:
    """True if `body` (the exact bytes received) was signed by a `WebhookSink` holding `secret`.

    Checks ``X-Tradewatch-Signature`` (``sha256=`` and the hex HMAC-SHA256, keyed with the secret's UTF-8
    bytes, of the ASCII ``X-Tradewatch-Timestamp`` value, a ``.``, and the body) in constant time. With
    `max_age` (seconds), the timestamp must also be within that distance of `now` (Unix seconds or an aware
    datetime; default: the current time), which stops an old request from being replayed. Header names are
    matched case-insensitively. Raises ValueError for an empty secret.
    """
    key = _secret_bytes(secret)
    found = {str(name).lower(): value for name, value in headers.items()}
    timestamp = str(found.get(TIMESTAMP_HEADER.lower(), "")).strip()
    signature = str(found.get(SIGNATURE_HEADER.lower(), "")).strip()
    if not re.fullmatch(r"[0-9]{1,12}", timestamp) or not signature.startswith("sha256="):
        return False
    if max_age is not None:
        current = time.time() if now is None else now.timestamp() if isinstance(now, datetime) else float(now)
        if abs(current - int(timestamp)) > max_age:
            return False
    expected = _signature(bytes(body), key, timestamp)
    return hmac.compare_digest(expected.encode("ascii"), signature.encode("utf-8", "replace"))


def _user_agent() -> str:
    # Imported here: the package may still be importing this module.
    from tradewatch import __version__

    return f"tradewatch/{__version__}"


def _hold_location(response: httpx.Response) -> None:
    # Even when not following redirects, httpx builds the next request from Location and raises on a
    # malformed one; the redirect is reported as such without it.
    if 300 <= response.status_code < 400:
        response.headers.pop("location", None)


def _retry_after(value: str | None) -> float | None:
    if value is None or not (value := value.strip()):
        return None
    if re.fullmatch(r"[0-9]+", value):
        return float(min(int(value[:10]), 86_400))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), 86_400.0)


_TIMEOUT_PHASES: tuple[tuple[type[httpx.TimeoutException], str], ...] = (
    (httpx.ConnectTimeout, "connecting"),
    (httpx.WriteTimeout, "sending the request"),
    (httpx.ReadTimeout, "waiting for the response"),
    (httpx.PoolTimeout, "waiting for a free connection"),
)
_RESERVED_HEADERS = frozenset(
    name.lower()
    for name in (
        "Content-Type",
        "Content-Length",
        "Host",
        SIGNATURE_HEADER,
        TIMESTAMP_HEADER,
        ALERT_IDS_HEADER,
    )
)


def _check_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise SinkConfigError(
            f"must be a table of names to values, not {type(headers).__name__}", key="headers"
        )
    checked = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not re.fullmatch(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+", name):
            raise SinkConfigError(f"{name!r} is not a valid header name", key="headers")
        if not isinstance(value, str) or _CONTROLS.search(value.replace("\t", " ")):
            raise SinkConfigError(f"the value of {name} must be a string on one line", key="headers")
        if name.lower() in _RESERVED_HEADERS:
            raise SinkConfigError(f"{name} is set by the sink and cannot be overridden", key="headers")
        checked[name] = value
    return checked


class WebhookSink:
    """POSTs alerts as JSON to `url`.

    The body is ``{"schema": 1, "alerts": [...]}`` (each alert as `tradewatch.serial.to_dict` gives it),
    UTF-8. Headers: ``Content-Type: application/json``, ``User-Agent: tradewatch/<version>``,
    ``X-Tradewatch-Alert-Ids`` (the alert ids, comma-separated) and, with a `secret`,
    ``X-Tradewatch-Timestamp`` (Unix seconds when sent) and ``X-Tradewatch-Signature`` (``sha256=`` and the
    hex HMAC-SHA256 of ``<timestamp>.<body>``; see `verify_signature`). `headers` adds others (an
    ``Authorization``, say), but not those. Each attempt is signed afresh, so a retried request carries a
    new timestamp.

    Only a 2xx status counts as delivered. Redirects are not followed: a 3xx is a failure, permanent for
    301 and 308. 400, 401, 403, 404, 405, 410, 413, 415 and 422 are not retryable; other statuses,
    timeouts and connection errors are. Each phase of a request (connecting, sending, waiting for the
    answer, waiting for a pooled connection) is limited to `timeout` seconds. Error messages name only the
    URL's scheme, host and port, since webhook URLs often hold a token.

    The sink owns one `httpx.Client` and closes it in `close`; pass `client` to share yours instead (the
    sink still sets its own timeouts and never follows redirects, and leaves your client open).
    """

    def __init__(
        self,
        url: str,
        *,
        name: str | None = None,
        secret: str | bytes | None = None,
        timeout: float = 10.0,
        headers: Mapping[str, str] | None = None,
        digest: bool = False,
        client: httpx.Client | None = None,
    ) -> None:
        if not isinstance(url, str):
            raise SinkConfigError(f"must be a string, not {type(url).__name__}", key="url")
        try:
            parts = urlsplit(url.strip())
            parts.port  # noqa: B018 - raises ValueError for a port out of range
        except ValueError:
            raise SinkConfigError("is not a valid URL", key="url") from None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise SinkConfigError("must be an absolute http:// or https:// URL", key="url")
        self.url = url.strip()
        self.name = _check_name(
            name if name is not None else f"webhook:{parts.hostname}#{_short_hash(self.url)}"
        )
        self.digest = _check_bool(digest, "digest")
        self.timeout = _check_timeout(timeout)
        if secret is not None and (not isinstance(secret, str | bytes) or not secret):
            raise SinkConfigError("must be a non-empty string", key="secret")
        self._secret = secret
        self._extra_headers = _check_headers(headers)
        self._timeouts = httpx.Timeout(
            connect=self.timeout, read=self.timeout, write=self.timeout, pool=self.timeout
        )
        self._owns_client = client is None
        self._client = client or httpx.Client(
            timeout=self._timeouts,
            limits=httpx.Limits(max_connections=4, max_keepalive_connections=2, keepalive_expiry=30.0),
            follow_redirects=False,
            event_hooks={"response": [_hold_location]},
        )
        self._closed = False

    def __repr__(self) -> str:
        signed = ", signed" if self._secret is not None else ""
        return f"WebhookSink({_origin(self.url)!r}, name={self.name!r}{signed})"

    @property
    def origin(self) -> str:
        """The URL as error messages show it: scheme, host and port."""
        return _origin(self.url)

    def body(self, alerts: Sequence[Alert]) -> bytes:
        """The exact bytes POSTed for `alerts`."""
        document = {"schema": SCHEMA, "alerts": [to_dict(a) for a in alerts]}
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def send(self, alerts: Sequence[Alert]) -> None:
        alerts = list(alerts)
        if not alerts:
            return
        for batch in [alerts] if self.digest else [[a] for a in alerts]:
            self._post(batch)

    def _headers(self, alerts: Sequence[Alert], body: bytes) -> dict[str, str]:
        headers = {
            **self._extra_headers,
            "Content-Type": "application/json",
            "User-Agent": _user_agent(),
            # Error pages are quoted in messages; compressed ones could not be, and could be bombs.
            "Accept-Encoding": "identity",
            ALERT_IDS_HEADER: ",".join(a.id for a in alerts),
        }
        if self._secret is not None:
            timestamp = str(int(time.time()))
            headers[TIMESTAMP_HEADER] = timestamp
            headers[SIGNATURE_HEADER] = _signature(body, self._secret, timestamp)
        return headers

    def _error(self, reason: str, **kwargs: Any) -> DeliveryError:
        return DeliveryError(self.name, reason, kind="webhook", **kwargs)

    def _post(self, alerts: Sequence[Alert]) -> None:
        if self._closed:
            raise self._error("the sink is closed")
        body = self.body(alerts)
        origin = self.origin
        try:
            request = self._client.build_request(
                "POST", self.url, content=body, headers=self._headers(alerts, body), timeout=self._timeouts
            )
            response = self._client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            phase = next((p for cls, p in _TIMEOUT_PHASES if isinstance(exc, cls)), "waiting")
            raise self._error(f"timed out after {self.timeout:g}s {phase} ({origin})") from exc
        except httpx.ConnectError as exc:
            raise self._error(f"cannot connect to {origin}: {_describe(exc)}") from exc
        except httpx.HTTPError as exc:
            raise self._error(f"request to {origin} failed: {_describe(exc)}") from exc
        except RuntimeError as exc:  # a client closed by its owner
            raise self._error(f"request to {origin} failed: {exc}") from exc
        try:
            status = response.status_code
            if 200 <= status < 300:
                # Delivered: the rest of the answer is read only so the connection can be reused.
                self._drain(response)
                return
            snippet = self._snippet(response)
        finally:
            response.close()
        reason = f"HTTP {status} {response.reason_phrase}".rstrip() + f" from {origin}"
        if 300 <= status < 400:
            reason += " (redirects are not followed: configure the final URL)"
        if snippet:
            reason += f": {snippet}"
        retry_after = (
            _retry_after(response.headers.get("retry-after")) if status in _RETRY_AFTER_STATUSES else None
        )
        raise self._error(
            reason, retryable=status not in _PERMANENT_STATUSES, status=status, retry_after=retry_after
        )

    def _drain(self, response: httpx.Response) -> None:
        length = response.headers.get("content-length", "")
        if not (length.isdigit() and len(length) < 7 and int(length) <= _DRAIN_BYTES):
            return
        try:
            for _chunk in response.iter_raw():
                pass
        except httpx.HTTPError:
            pass  # the answer was already a 2xx; the connection is simply not reused

    def _snippet(self, response: httpx.Response) -> str:
        if response.headers.get("content-encoding", "identity").strip().lower() != "identity":
            return ""
        received = b""
        try:
            for chunk in response.iter_raw():
                received += chunk
                if len(received) >= _SNIPPET_BYTES:
                    break
        except httpx.HTTPError:
            pass  # the status alone explains the failure
        return _one_line(received[:_SNIPPET_BYTES].decode("utf-8", "replace"), 200)

    def close(self) -> None:
        self._closed = True
        if self._owns_client:
            self._client.close()


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# -- Apprise -------------------------------------------------------------------------------------------------


class AppriseSink:
    """Notifies through Apprise (email, Slack, Telegram, ntfy, Matrix... each one URL; see the Apprise
    documentation). Needs the optional extra: ``pip install "tradewatch[apprise]"``.

    `urls` is one Apprise URL (or several in one string, as Apprise splits them) or a list. Each message is
    rendered in `body_format` (``text``, ``markdown`` or ``html``, with feed text escaped) and Apprise
    converts it for each service. `notify` failing for any URL is a retryable `DeliveryError`; a retry
    notifies every URL again, so a sink per service avoids repeats on the ones that worked. Apprise logs
    the cause of a failure on its own ``apprise`` logger; messages here never show the URLs, which hold
    tokens and passwords.
    """

    def __init__(
        self,
        urls: str | Sequence[str],
        *,
        name: str | None = None,
        digest: bool = False,
        body_format: BodyFormat = "text",
    ) -> None:
        try:
            import apprise
        except ImportError:
            raise SinkConfigError(
                'Apprise is not installed; install it with: pip install "tradewatch[apprise]"'
            ) from None
        url_list = [urls] if isinstance(urls, str) else urls
        if not isinstance(url_list, Sequence) or not url_list:
            raise SinkConfigError("must be an Apprise URL or a non-empty list of them", key="urls")
        if body_format not in _RENDERERS:
            raise SinkConfigError(f"must be text, markdown or html, not {body_format!r}", key="body_format")
        self.body_format: BodyFormat = body_format
        self.digest = _check_bool(digest, "digest")
        self._apprise: apprise.Apprise = apprise.Apprise()
        for number, url in enumerate(url_list, 1):
            if not isinstance(url, str) or not url.strip():
                raise SinkConfigError(f"URL #{number} must be a non-empty string", key="urls")
            if not self._apprise.add(url):
                scheme = url.split("://", 1)[0] if "://" in url else "?"
                raise SinkConfigError(
                    f"Apprise does not accept URL #{number} ({_one_line(scheme, 20)}://…): check its form "
                    "and that Apprise supports the service",
                    key="urls",
                )
        #: How many services Apprise loaded (a string may hold several URLs).
        self.url_count = len(self._apprise)
        self.name = _check_name(name if name is not None else f"apprise#{_short_hash(chr(0).join(url_list))}")
        self._render = _RENDERERS[body_format]
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"AppriseSink(name={self.name!r}, body_format={self.body_format!r})"

    def send(self, alerts: Sequence[Alert]) -> None:
        alerts = list(alerts)
        if not alerts:
            return
        for batch in [alerts] if self.digest else [[a] for a in alerts]:
            title, body = self._render(batch)
            try:
                with self._lock:
                    ok = bool(self._apprise.notify(body=body, title=title, body_format=self.body_format))
            except Exception as exc:
                raise DeliveryError(self.name, f"Apprise failed: {_describe(exc)}", kind="apprise") from exc
            if not ok:
                raise DeliveryError(
                    self.name,
                    "Apprise could not notify every service (its 'apprise' logger says why)",
                    kind="apprise",
                )

    def close(self) -> None:
        pass


# -- callables -----------------------------------------------------------------------------------------------


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable


async def _bounded(awaitable: Awaitable[Any], seconds: float) -> None:
    await asyncio.wait_for(_await(awaitable), timeout=seconds)


class _TimedOut(Exception):
    pass


class CallableSink:
    """Calls `fn` with each `Alert` (with a list of them when `digest`); `fn` may be sync or async.

    Each call runs in a new daemon thread; an async function (or one returning an awaitable) gets its own
    event loop there and runs under `asyncio.wait_for`. A call that has not returned after `timeout` seconds
    is a retryable `DeliveryError` ("timed out after …s"). An async call is cancelled then; a sync one
    cannot be (Python cannot kill a thread), so it is abandoned and goes on in its daemon thread until it
    returns or the process ends. While `max_abandoned` such threads are still running, the sink starts no
    more calls and fails at once, so a callback that always hangs cannot pile up threads.

    An exception from `fn` becomes a retryable `DeliveryError` with the original as its ``__cause__``;
    raise `DeliveryError` yourself (with ``retryable=False``) to have the alert parked instead. The return
    value is ignored. `name` defaults to the function's qualified name.
    """

    max_abandoned: ClassVar[int] = 16
    # How long a cancelled coroutine may take to unwind before the thread is given up on.
    _CANCEL_GRACE: ClassVar[float] = 1.0

    def __init__(
        self,
        fn: Callable[[Any], object],
        *,
        name: str | None = None,
        timeout: float = 30.0,
        digest: bool = False,
    ) -> None:
        if not callable(fn):
            raise SinkConfigError(f"must be callable, not {type(fn).__name__}", key="fn")
        self.fn = fn
        default = getattr(fn, "__qualname__", None) or type(fn).__qualname__
        self.name = _check_name(name if name is not None else default)
        self.timeout = _check_timeout(timeout)
        self.digest = _check_bool(digest, "digest")
        self._abandoned: list[threading.Thread] = []
        self._guard = threading.Lock()

    def __repr__(self) -> str:
        return f"CallableSink({self.name!r}, timeout={self.timeout:g})"

    def send(self, alerts: Sequence[Alert]) -> None:
        alerts = list(alerts)
        if not alerts:
            return
        if self.digest:
            self._call(alerts)
        else:
            for alert in alerts:
                self._call(alert)

    def _error(self, reason: str, *, retryable: bool = True) -> DeliveryError:
        return DeliveryError(self.name, reason, retryable=retryable, kind="callable")

    def _call(self, argument: Alert | list[Alert]) -> None:
        with self._guard:
            self._abandoned = [t for t in self._abandoned if t.is_alive()]
            if len(self._abandoned) >= self.max_abandoned:
                raise self._error(
                    f"{len(self._abandoned)} earlier calls are still running past their timeout"
                )
        deadline = time.monotonic() + self.timeout
        outcome: list[BaseException] = []
        awaiting = threading.Event()
        done = threading.Event()

        def run() -> None:
            try:
                result = self.fn(argument)
                if inspect.isawaitable(result):
                    awaiting.set()
                    left = deadline - time.monotonic()
                    if left <= 0:
                        if inspect.iscoroutine(result):
                            result.close()
                        raise _TimedOut
                    try:
                        asyncio.run(_bounded(result, left))
                    except TimeoutError:
                        if time.monotonic() < deadline:
                            raise  # the callback's own TimeoutError, not ours
                        raise _TimedOut from None
            except BaseException as exc:
                outcome.append(exc)
            finally:
                done.set()

        thread = threading.Thread(target=run, name=f"tradewatch-sink {self.name}", daemon=True)
        thread.start()
        finished = done.wait(self.timeout)
        if not finished and awaiting.is_set():
            finished = done.wait(self._CANCEL_GRACE)
        if not finished:
            with self._guard:
                self._abandoned.append(thread)
            raise self._error(
                f"timed out after {self.timeout:g}s (the call goes on in a daemon thread; it cannot be stopped)"
            )
        if not outcome:
            return
        error = outcome[0]
        if isinstance(error, _TimedOut):
            raise self._error(f"timed out after {self.timeout:g}s (the coroutine was cancelled)")
        if isinstance(error, DeliveryError):
            raise self._error(error.reason, retryable=error.retryable) from error
        raise self._error(f"{type(error).__name__}: {_one_line(str(error), 500)}".rstrip(": ")) from error

    def close(self) -> None:
        pass


# -- TOML tables ---------------------------------------------------------------------------------------------

_SINK_TYPES = ("log", "jsonl", "webhook", "apprise")
_COMMON_KEYS = ("name", "type", "digest")
_TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "log": ("logger", "level"),
    "jsonl": ("path", "fsync"),
    "webhook": ("url", "timeout", "headers", "secret_env", "secret"),
    "apprise": ("urls", "format"),
}
#: Constructor arguments whose TOML key has another name.
_KEY_OF_ARGUMENT = {"body_format": "format"}


def _get(table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], what: str) -> Any:
    value = table[key]
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise SinkConfigError(f"must be {what}, not a boolean", key=key)
    if not isinstance(value, kind):
        raise SinkConfigError(f"must be {what}, not {type(value).__name__}", key=key)
    return value


def _level(value: Any) -> int:
    if isinstance(value, bool):
        raise SinkConfigError('must be a level name such as "INFO" or a number, not a boolean', key="level")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        level = logging.getLevelNamesMapping().get(value.strip().upper())
        if level is not None:
            return level
        raise SinkConfigError(f"unknown logging level {value!r}", key="level")
    raise SinkConfigError(
        f'must be a level name such as "INFO" or a number, not {type(value).__name__}', key="level"
    )


def _secret(table: Mapping[str, Any]) -> str | None:
    if "secret" in table and "secret_env" in table:
        raise SinkConfigError("give secret_env or secret, not both", key="secret")
    if "secret_env" in table:
        variable = _get(table, "secret_env", str, "the name of an environment variable")
        if not variable.strip():
            raise SinkConfigError("must name an environment variable", key="secret_env")
        value = os.environ.get(variable)
        if value is None:
            raise SinkConfigError(f"the environment variable {variable} is not set", key="secret_env")
        if not value:
            raise SinkConfigError(f"the environment variable {variable} is empty", key="secret_env")
        return value
    if "secret" in table:
        secret: str = _get(table, "secret", str, "a string")
        return secret
    return None


def sink_from_table(table: Mapping[str, Any]) -> Sink:
    """The sink a TOML ``[[sink]]`` table describes.

    Every table has ``name`` (required), ``type`` (``log``, ``jsonl``, ``webhook`` or ``apprise``) and an
    optional ``digest``; then, by type: ``log``: ``logger``, ``level``; ``jsonl``: ``path`` (required),
    ``fsync``; ``webhook``: ``url`` (required), ``timeout``, ``headers``, ``secret_env`` (the name of the
    environment variable holding the signing secret; preferred) or ``secret``; ``apprise``: ``urls`` (a
    string or a list, required), ``format``. Unknown keys, wrong types and missing environment variables
    raise `SinkConfigError`, whose `key` names the offending key.
    """
    if not isinstance(table, Mapping):
        raise SinkConfigError(f"a sink must be a table, not {type(table).__name__}")
    if "name" not in table:
        raise SinkConfigError("required key missing", key="name")
    name = _check_name(table["name"])
    try:
        return _build(table, name)
    except SinkConfigError as exc:
        if exc.sink is not None:
            raise
        key = _KEY_OF_ARGUMENT.get(exc.key, exc.key) if exc.key else ("type" if "type" in table else None)
        raise SinkConfigError(exc.reason, key=key, sink=name) from exc.__cause__


def _build(table: Mapping[str, Any], name: str) -> Sink:
    if "type" not in table:
        raise SinkConfigError(f"required key missing; one of: {', '.join(_SINK_TYPES)}", key="type")
    kind = _get(table, "type", str, "a string")
    if kind not in _TYPE_KEYS:
        raise SinkConfigError(f"unknown sink type {kind!r}; one of: {', '.join(_SINK_TYPES)}", key="type")
    allowed = (*_COMMON_KEYS, *_TYPE_KEYS[kind])
    for key in table:
        if key not in allowed:
            raise SinkConfigError(
                f"unknown key for a {kind} sink; allowed: {', '.join(allowed)}", key=str(key)
            )
    digest = _get(table, "digest", bool, "true or false") if "digest" in table else False
    if kind == "log":
        logger = _get(table, "logger", str, "a logger name") if "logger" in table else "tradewatch.alerts"
        level = _level(table["level"]) if "level" in table else logging.INFO
        return LogSink(name, logger=logger, level=level, digest=digest)
    if kind == "jsonl":
        if "path" not in table:
            raise SinkConfigError("required key missing", key="path")
        path = _get(table, "path", str, "a file path")
        fsync = _get(table, "fsync", bool, "true or false") if "fsync" in table else False
        return JsonLinesSink(path, name=name, fsync=fsync, digest=digest)
    if kind == "webhook":
        if "url" not in table:
            raise SinkConfigError("required key missing", key="url")
        url = _get(table, "url", str, "a URL")
        timeout = _get(table, "timeout", (int, float), "a number of seconds") if "timeout" in table else 10.0
        headers = (
            _get(table, "headers", Mapping, "a table of header names to values")
            if "headers" in table
            else None
        )
        return WebhookSink(
            url, name=name, secret=_secret(table), timeout=timeout, headers=headers, digest=digest
        )
    if "urls" not in table:
        raise SinkConfigError("required key missing", key="urls")
    urls = _get(table, "urls", (str, list), "an Apprise URL or a list of them")
    body_format = _get(table, "format", str, "text, markdown or html") if "format" in table else "text"
    return AppriseSink(urls, name=name, digest=digest, body_format=cast(BodyFormat, body_format))
