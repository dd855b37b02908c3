"""Fetching feed bodies over HTTP(S) with httpx, and from ``file://`` URLs, within fixed limits."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import stat
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from email.utils import formatdate, parsedate_to_datetime
from types import TracebackType
from typing import Protocol, runtime_checkable
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import attrs
import httpx

from ._decode import ACCEPT_ENCODING, BoundedDecoder
from ._errors import (
    ConnectFailed,
    ConnectionLost,
    FetchError,
    FetchTimeout,
    ForbiddenAddress,
    Gone,
    HTTPStatusError,
    InvalidURL,
    LocalFileError,
    ProtocolError,
    TooLarge,
    TooManyRedirects,
)
from ._guard import guarded_transport
from ._source import Validators

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=10.0, pool=10.0)
#: A whole fetch, redirects included, may take no longer than this: a server that drips one byte just
#: inside the read timeout would otherwise hold a worker for ever.
DEFAULT_DEADLINE = 120.0
DEFAULT_MAX_BYTES = 10_000_000
#: Feeds compress five to ten times; allowing some expansion keeps big legitimate feeds readable.
DEFAULT_MAX_DECOMPRESSED_BYTES = 20_000_000
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_LIMITS = httpx.Limits(max_connections=64, max_keepalive_connections=16, keepalive_expiry=30.0)
#: Longer Retry-After values are cut to this: a misconfigured server must not silence a source for weeks.
MAX_RETRY_AFTER = timedelta(hours=24)
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
    "text/xml;q=0.8, */*;q=0.1"
)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_LOCATION = "tradewatch.location"
_RETRY_AFTER_STATUSES = frozenset({429, 503})
_MAX_AGE = re.compile(r"""(?:^|,)\s*max-age\s*=\s*"?([0-9]+)"?\s*(?:,|$)""", re.IGNORECASE)
_DIGITS = re.compile("[0-9]+")
_NO_CACHE = re.compile(r"(?:^|,)\s*(?:no-cache|no-store)\s*(?:,|=|$)", re.IGNORECASE)
_FILE_TYPES = {
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".xml": "application/xml",
}


def default_user_agent() -> str:
    # Imported here, not at the top: the package may still be importing this module.
    from tradewatch import __version__

    return f"tradewatch/{__version__} (+https://github.com/tradewatch/tradewatch)"


@attrs.frozen(kw_only=True)
class Fetched:
    """The outcome of a successful fetch.

    `status` is the final HTTP status (a 2xx, or 304; 200 for ``file://``). When `not_modified` is true
    (a 304, or a body byte-identical to the last one) `body` is None and nothing needs parsing.
    `validators` are the ones to send next time, refreshed even on a 304. `permanent_redirect` is the URL to
    store in place of the source's when the request was moved permanently (301/308). `retry_after` and
    `max_age` are the server's hints for scheduling. `headers` has lower-cased names.
    """

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes | None
    not_modified: bool
    validators: Validators
    permanent_redirect: str | None = None
    retry_after: timedelta | None = None
    max_age: timedelta | None = None


@runtime_checkable
class Fetcher(Protocol):
    """Anything that turns a URL and its last validators into a `Fetched`, raising `FetchError`."""

    def fetch(self, url: str, validators: Validators) -> Fetched:
        """Fetch `url`, sending `validators` for a conditional request."""
        ...

    def close(self) -> None:
        """Release connections and other resources."""
        ...


def retry_after(value: str | None, now: datetime | None = None) -> timedelta | None:
    """A ``Retry-After`` value (seconds, or an HTTP date) as a delay from `now`, at most `MAX_RETRY_AFTER`.

    None when the value is absent or unreadable; a date in the past gives zero.
    """
    if value is None or not (value := value.strip()):
        return None
    if _DIGITS.fullmatch(value):
        # Compared as text first: int() refuses numbers of more than 4,300 digits.
        seconds = int(value) if len(value) < 10 else 10**9
        return min(timedelta(seconds=seconds), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # RFC 9110 dates are GMT
    delay = when - (now or datetime.now(UTC))
    return min(max(delay, timedelta(0)), MAX_RETRY_AFTER)


def max_age(cache_control: str | None) -> timedelta | None:
    """``Cache-Control: max-age`` as a timedelta; None when absent, or when caching is refused."""
    if not cache_control or _NO_CACHE.search(cache_control):
        return None
    match = _MAX_AGE.search(cache_control)
    if match is None:
        return None
    return timedelta(seconds=int(match[1]) if len(match[1]) < 10 else 10**9)


class HttpFetcher:
    """Fetches feeds with one shared `httpx.Client`; safe to call from several threads at once.

    Limits: `timeout` for connect/read/write/pool (a number sets all four), `deadline` seconds for a whole
    fetch, `max_bytes` on the wire and `max_decompressed_bytes` after gzip/deflate, `max_redirects`.
    `transport` replaces httpx's network layer (for tests, or to mount a custom one); `limits` sets the
    connection pool. ``file://`` URLs are read from disk with the same size limit. Use as a context
    manager, or call `close()`.

    `public_only`: for sources that untrusted people may add. Connections are opened only to public
    addresses (checked on the resolved address, at every redirect hop) and ``file://`` URLs are refused;
    anything else raises `ForbiddenAddress` (kind ``"forbidden_address"``).
    """

    def __init__(
        self,
        *,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_decompressed_bytes: int = DEFAULT_MAX_DECOMPRESSED_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        user_agent: str | None = None,
        transport: httpx.BaseTransport | None = None,
        deadline: float = DEFAULT_DEADLINE,
        limits: httpx.Limits = DEFAULT_LIMITS,
        public_only: bool = False,
    ) -> None:
        for name, value in (("max_bytes", max_bytes), ("max_decompressed_bytes", max_decompressed_bytes)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int, not {value!r}")
        if isinstance(max_redirects, bool) or not isinstance(max_redirects, int) or max_redirects < 0:
            raise ValueError(f"max_redirects must be an int >= 0, not {max_redirects!r}")
        if not deadline > 0:
            raise ValueError(f"deadline must be positive, not {deadline!r}")
        self.timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self.max_bytes = max_bytes
        self.max_decompressed_bytes = max_decompressed_bytes
        self.max_redirects = max_redirects
        self.deadline = float(deadline)
        self.user_agent = user_agent or default_user_agent()
        self.public_only = public_only
        if public_only:
            if transport is not None:
                raise ValueError("public_only needs the built-in transport; check addresses in your own")
            transport = guarded_transport(limits)
        self._client = httpx.Client(
            timeout=self.timeout,
            limits=limits,
            follow_redirects=False,  # followed here, to tell permanent moves apart and to cap them
            transport=transport,
            headers={"User-Agent": self.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING},
            event_hooks={"response": [_hold_location]},
        )
        # httpx looks for cookies in every answer by building urllib's request and response around it: ~7% of
        # the CPU of a poll answered 304. The jar below does so only for answers that set cookies, which is
        # all that looking could find; sent cookies are unchanged.
        jar = getattr(self._client, "_cookies", None)
        if type(jar) is httpx.Cookies:
            self._client._cookies = _SetCookiesOnly(jar)

    def __enter__(self) -> HttpFetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, validators: Validators = Validators()) -> Fetched:  # noqa: B008 (frozen)
        """Fetch `url` (``http``, ``https`` or ``file``) with a conditional request built from `validators`.

        Raises a `FetchError` subclass for every failure; see docs/feeds.md for the kinds.
        """
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError as error:
            raise InvalidURL(f"{url!r} is not a URL: {error}", url=url) from None
        if scheme == "file":
            if self.public_only:
                raise ForbiddenAddress(f"{url}: local files are refused (public_only)", url=url)
            return self._fetch_file(url, validators)
        if scheme not in ("http", "https"):
            raise InvalidURL(f"{url!r}: only http, https and file URLs can be fetched", url=url)
        try:
            return self._fetch_http(url, validators, time.monotonic())
        except ForbiddenAddress as error:
            raise ForbiddenAddress(f"{url}: {error}", url=url) from None
        except FetchError:
            raise
        except httpx.TimeoutException as error:
            raise FetchTimeout(f"{url}: timed out ({_describe(error)})", url=url) from error
        except httpx.ConnectError as error:
            raise ConnectFailed(f"{url}: cannot connect: {_describe(error)}", url=url) from error
        except httpx.NetworkError as error:
            raise ConnectionLost(f"{url}: connection lost: {_describe(error)}", url=url) from error
        except httpx.ProtocolError as error:
            raise ProtocolError(f"{url}: invalid HTTP response: {_describe(error)}", url=url) from error
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise InvalidURL(f"{url!r}: {_describe(error)}", url=url) from error
        except httpx.HTTPError as error:
            raise FetchError(f"{url}: {_describe(error)}", url=url) from error

    def _timeout(self, started: float, url: str) -> httpx.Timeout:
        left = self.deadline - (time.monotonic() - started)
        if left <= 0:
            raise FetchTimeout(f"{url}: the fetch took longer than {self.deadline:g} s", url=url)

        def cut(value: float | None) -> float:
            return left if value is None else min(value, left)

        t = self.timeout
        return httpx.Timeout(connect=cut(t.connect), read=cut(t.read), write=cut(t.write), pool=cut(t.pool))

    def _fetch_http(self, url: str, validators: Validators, started: float) -> Fetched:
        headers: dict[bytes, bytes] = {}
        for name, value in (
            (b"If-None-Match", validators.etag),
            (b"If-Modified-Since", validators.last_modified),
        ):
            if value and (raw := _header_bytes(value)) is not None:
                headers[name] = raw
        current = url
        visited = [url]
        # The source's URL is replaced only by the end of an unbroken run of permanent redirects from it.
        permanent: str | None = None
        permanent_run = True
        while True:
            request = self._client.build_request(
                "GET", current, headers=headers, timeout=self._timeout(started, url)
            )
            with _sent(self._client, request) as response:
                status = response.status_code
                location = response.extensions.get(_LOCATION)
                if status not in _REDIRECTS or not location:
                    return self._final(response, url, current, validators, permanent, started)
            target = _redirect_target(current, location, url)
            if permanent_run and status in _PERMANENT:
                permanent = target
            else:
                permanent_run = False
            if target in visited:
                chain = " -> ".join([*visited, target])
                raise TooManyRedirects(f"{url}: redirect loop: {chain}", url=url)
            if len(visited) > self.max_redirects:
                raise TooManyRedirects(f"{url}: more than {self.max_redirects} redirects", url=url)
            visited.append(target)
            current = target

    def _final(
        self,
        response: httpx.Response,
        url: str,
        current: str,
        validators: Validators,
        permanent: str | None,
        started: float,
    ) -> Fetched:
        status = response.status_code
        headers = dict(response.headers.items())
        hint = max_age(headers.get("cache-control"))
        if status == 304:
            refreshed = attrs.evolve(
                validators,
                etag=headers.get("etag") or validators.etag,
                last_modified=headers.get("last-modified") or validators.last_modified,
            )
            return Fetched(
                url=current,
                status=status,
                headers=headers,
                body=None,
                not_modified=True,
                validators=refreshed,
                permanent_redirect=permanent,
                max_age=hint,
            )
        if not 200 <= status < 300:
            raise _status_error(status, response.reason_phrase, url, current, headers)
        body = self._read_body(response, current, started)
        digest = hashlib.sha256(body).hexdigest()
        unchanged = digest == validators.body_sha256
        return Fetched(
            url=current,
            status=status,
            headers=headers,
            body=None if unchanged else body,
            not_modified=unchanged,
            validators=Validators(
                etag=headers.get("etag"), last_modified=headers.get("last-modified"), body_sha256=digest
            ),
            permanent_redirect=permanent,
            max_age=hint,
        )

    def _read_body(self, response: httpx.Response, url: str, started: float) -> bytes:
        declared = response.headers.get("content-length", "").strip()
        # Compared as text first: int() refuses numbers of more than 4,300 digits.
        if _DIGITS.fullmatch(declared) and (len(declared) > 18 or int(declared) > self.max_bytes):
            raise TooLarge(
                f"{url}: the body is {declared} bytes, over the {self.max_bytes:,}-byte limit",
                url=url,
                limit=self.max_bytes,
            )
        encoding = response.headers.get("content-encoding")
        raw: Iterator[bytes]
        if response.is_stream_consumed:
            # A transport that handed over a whole body (httpx.MockTransport does): httpx has decoded it.
            raw, encoding = iter([response.content]), None
        else:
            raw = response.iter_raw()
        decoder = BoundedDecoder(
            encoding, limit=self.max_decompressed_bytes if encoding else self.max_bytes, url=url
        )
        chunks: list[bytes] = []
        received = 0
        for chunk in raw:
            received += len(chunk)
            if received > self.max_bytes:
                raise TooLarge(
                    f"{url}: the body is larger than the {self.max_bytes:,}-byte limit",
                    url=url,
                    limit=self.max_bytes,
                )
            if time.monotonic() - started > self.deadline:
                raise FetchTimeout(f"{url}: the fetch took longer than {self.deadline:g} s", url=url)
            chunks.append(decoder.feed(chunk))
        chunks.append(decoder.finish())
        return b"".join(chunks)

    def _fetch_file(self, url: str, validators: Validators) -> Fetched:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise InvalidURL(f"{url!r}: file URLs must name a local path", url=url)
        path = url2pathname(unquote(parts.path))
        try:
            # Checked before opening: opening a FIFO would block until something writes to it.
            if not stat.S_ISREG(os.stat(path).st_mode):
                raise LocalFileError(f"{url}: {path} is not a regular file", url=url)
            with open(path, "rb") as file:
                info = os.fstat(file.fileno())
                if info.st_size > self.max_bytes:
                    raise TooLarge(
                        f"{url}: the file is {info.st_size:,} bytes, over the {self.max_bytes:,}-byte limit",
                        url=url,
                        limit=self.max_bytes,
                    )
                # Read one byte past the limit: the file may have grown since fstat.
                body = file.read(self.max_bytes + 1)
        except FetchError:
            raise
        except OSError as error:
            raise LocalFileError(f"{url}: cannot read {path}: {error.strerror or error}", url=url) from error
        if len(body) > self.max_bytes:
            raise TooLarge(
                f"{url}: the file is over the {self.max_bytes:,}-byte limit", url=url, limit=self.max_bytes
            )
        digest = hashlib.sha256(body).hexdigest()
        unchanged = digest == validators.body_sha256
        extension = os.path.splitext(path)[1].lower()
        content_type = _FILE_TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/xml"
        headers = {
            "content-type": content_type,
            "content-length": str(len(body)),
            "content-location": url,
            "last-modified": formatdate(info.st_mtime, usegmt=True),
        }
        return Fetched(
            url=url,
            status=200,
            headers=headers,
            body=None if unchanged else body,
            not_modified=unchanged,
            validators=Validators(body_sha256=digest),
        )


def _header_bytes(value: str) -> bytes | None:
    """A validator as header bytes: UTF-8 where a server sent non-ASCII (httpx read it as UTF-8 and would
    refuse to send it back as text); None for a value no header may carry (line breaks, NUL)."""
    if any(c in value for c in "\r\n\0"):
        return None
    try:
        return value.encode("ascii")
    except UnicodeEncodeError:
        return value.encode("utf-8")


class _SetCookiesOnly(httpx.Cookies):
    """A cookie jar that reads an answer's cookies only when it has a Set-Cookie header."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


def _hold_location(response: httpx.Response) -> None:
    # Even when not following redirects, httpx builds the next request from Location and raises on a
    # malformed one, before we could say it was a redirect. Keep the header out of its sight.
    if response.status_code in _REDIRECTS and "location" in response.headers:
        response.extensions[_LOCATION] = response.headers["location"]
        del response.headers["location"]


class _sent:
    """Sends a request for streaming and always closes the response (httpx has no context manager
    for `send(..., stream=True)` on a prepared request)."""

    def __init__(self, client: httpx.Client, request: httpx.Request) -> None:
        self._client = client
        self._request = request
        self._response: httpx.Response | None = None

    def __enter__(self) -> httpx.Response:
        self._response = self._client.send(self._request, stream=True)
        return self._response

    def __exit__(self, kind: object, *_: object) -> None:
        response = self._response
        if response is None:
            return
        try:
            # A response closed unread takes its connection with it; reading a short known body (a 304, a
            # small error page, a redirect) first lets the client reuse the connection for the next poll.
            if kind is None and not response.is_stream_consumed and _short(response):
                for _chunk in response.iter_raw():
                    pass
        except httpx.HTTPError:
            pass  # the connection is dropped, as it would have been
        finally:
            response.close()


_DRAIN_LIMIT = 65_536


def _short(response: httpx.Response) -> bool:
    if response.status_code in (204, 304):
        return True
    length = response.headers.get("content-length", "")
    return length.isdigit() and len(length) < 7 and int(length) <= _DRAIN_LIMIT


def _redirect_target(current: str, location: str, url: str) -> str:
    try:
        target = urljoin(current, location.strip())
        scheme = urlsplit(target).scheme.lower()
    except ValueError as error:
        raise InvalidURL(f"{url}: invalid redirect target {location!r}: {error}", url=url) from None
    if scheme not in ("http", "https"):
        # A feed server must not be able to send the watcher to a local file or another protocol.
        raise InvalidURL(f"{url}: refusing redirect to {target!r} (only http and https)", url=url)
    return target


def _status_error(
    status: int, reason: str, url: str, current: str, headers: Mapping[str, str]
) -> HTTPStatusError:
    where = url if current == url else f"{url} (redirected to {current})"
    message = f"{where}: HTTP {status} {reason}".rstrip()
    if status == 410:
        return Gone(message, url=url)
    delay = retry_after(headers.get("retry-after")) if status in _RETRY_AFTER_STATUSES else None
    return HTTPStatusError(message, url=url, status=status, retry_after=delay)


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
