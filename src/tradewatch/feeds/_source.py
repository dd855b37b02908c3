"""What the watcher knows about a source: its configuration, its health and its HTTP cache validators."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import attrs

from tradewatch.model import InvalidValueError

MIN_INTERVAL = timedelta(seconds=1)
#: Longer intervals are almost certainly a unit mistake, and would overflow the backoff arithmetic.
MAX_INTERVAL = timedelta(days=365)
MAX_URL_LENGTH = 4096
#: `Item.source` holds the source's name, so both share one limit.
MAX_NAME_LENGTH = 500

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _non_empty_text(max_len: int) -> Validator:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, str):
            raise InvalidValueError(attribute.name, f"must be a string, not {type(value).__name__}")
        if not value.strip():
            raise InvalidValueError(attribute.name, "must not be empty")
        if len(value) > max_len:
            raise InvalidValueError(attribute.name, f"must be at most {max_len} characters")

    return check


def _optional_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise InvalidValueError(attribute.name, f"must be a string or None, not {type(value).__name__}")


def _boolean(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidValueError(attribute.name, f"must be True or False, not {value!r}")


def _source_url(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _non_empty_text(MAX_URL_LENGTH)(_inst, attribute, value)
    assert isinstance(value, str)
    try:
        parts = urlsplit(value)
    except ValueError as error:
        raise InvalidValueError(attribute.name, f"{value!r} is not a URL: {error}") from None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        if not parts.hostname:
            raise InvalidValueError(attribute.name, f"{value!r} has no host")
    elif scheme == "file":
        if not parts.path:
            raise InvalidValueError(attribute.name, f"{value!r} has no path")
    else:
        raise InvalidValueError(attribute.name, f"{value!r} must start with http://, https:// or file://")


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _to_interval(value: Any) -> Any:
    # Config files and command lines give plain numbers of seconds; bool is an int but never meant.
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return timedelta(seconds=value)
        except (OverflowError, ValueError):
            return value
    return value


def _interval(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, timedelta):
        raise InvalidValueError(attribute.name, f"must be a timedelta, not {type(value).__name__}")
    if not MIN_INTERVAL <= value <= MAX_INTERVAL:
        raise InvalidValueError(attribute.name, f"must be between 1 second and 365 days, not {value}")


def _to_tags(value: Any) -> Any:
    if isinstance(value, str):
        value = (value,)
    if isinstance(value, Iterable):
        values = list(value)
        if all(isinstance(tag, str) for tag in values):
            return tuple(sorted({tag.strip() for tag in values}))
        return tuple(values)
    return value


def _tags(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidValueError(attribute.name, f"must be a sequence of strings, not {type(value).__name__}")
    for tag in value:
        if not isinstance(tag, str):
            raise InvalidValueError(attribute.name, f"must hold strings, not {type(tag).__name__}")
        if not tag:
            raise InvalidValueError(attribute.name, "must not hold an empty tag")


def _optional_aware(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise InvalidValueError(attribute.name, f"must be a datetime or None, not {type(value).__name__}")
    if value.utcoffset() is None:
        raise InvalidValueError(attribute.name, "must be timezone-aware")


def _count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(attribute.name, f"must be an int, not {type(value).__name__}")
    if value < 0:
        raise InvalidValueError(attribute.name, f"must be >= 0, not {value}")


def _sha256_hex(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not _SHA256_HEX.fullmatch(value):
        raise InvalidValueError(attribute.name, f"must be 64 lowercase hex digits or None, not {value!r}")


@attrs.frozen(kw_only=True)
class Source:
    """One feed to watch.

    `name` is the source's unique key (it becomes `Item.source`); `url` is an ``http://``, ``https://`` or
    ``file://`` URL; `interval` is how often to poll when all is well (a timedelta, or a number of seconds;
    between 1 second and 365 days). `tags` are sorted and de-duplicated. A source's first successful poll
    sets a baseline and fires no "new item" alerts unless `alert_on_first_poll` is true.
    """

    name: str = attrs.field(converter=_strip, validator=_non_empty_text(MAX_NAME_LENGTH))
    url: str = attrs.field(converter=_strip, validator=_source_url)
    interval: timedelta = attrs.field(
        default=timedelta(minutes=15), converter=_to_interval, validator=_interval
    )
    tags: tuple[str, ...] = attrs.field(default=(), converter=_to_tags, validator=_tags)
    enabled: bool = attrs.field(default=True, validator=_boolean)
    alert_on_first_poll: bool = attrs.field(default=False, validator=_boolean)


@attrs.frozen(kw_only=True)
class SourceHealth:
    """What the public API shows of a source's state.

    `last_error_kind` is the `kind` of the last `FetchError` or `ParseError` ("timeout", "http_500",
    "not_a_feed", ...) and `last_error` its message; both are None after a success. `disabled_reason` says why
    the watcher stopped polling the source (for example ``"gone (HTTP 410)"``), or is None.
    """

    due_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    last_polled: datetime | None = attrs.field(default=None, validator=_optional_aware)
    last_success: datetime | None = attrs.field(default=None, validator=_optional_aware)
    last_error_kind: str | None = attrs.field(default=None, validator=_optional_text)
    last_error: str | None = attrs.field(default=None, validator=_optional_text)
    consecutive_failures: int = attrs.field(default=0, validator=_count)
    disabled_reason: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen(kw_only=True)
class Validators:
    """The HTTP cache validators kept per source and sent back on the next request.

    `etag` and `last_modified` are the server's ``ETag`` and ``Last-Modified`` values, verbatim;
    `body_sha256` is the hex SHA-256 of the last (decompressed) body, so that a server which ignores
    conditional requests still costs no parsing when nothing changed.
    """

    etag: str | None = attrs.field(default=None, validator=_optional_text)
    last_modified: str | None = attrs.field(default=None, validator=_optional_text)
    body_sha256: str | None = attrs.field(default=None, validator=_sha256_hex)
