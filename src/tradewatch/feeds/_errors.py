"""The errors of fetching and parsing, each with a short machine-readable `kind`.

The store keeps `kind` as a source's ``last_error_kind``, so kinds are part of the public API: add new ones,
never rename them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any


def _restore(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> BaseException:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class _Picklable(Exception):
    # Keyword-only constructor arguments defeat BaseException's default pickling, and the watcher may
    # hand results (and so errors) between processes.
    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class FetchError(_Picklable):
    """A source could not be fetched. `kind` names the failure, `url` the URL that failed.

    `retry_after` is the server's ``Retry-After`` (on 429 and 503), or None.
    """

    kind: str = "fetch"

    def __init__(self, message: str, *, url: str, retry_after: timedelta | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.retry_after = retry_after


class InvalidURL(FetchError, ValueError):
    """The URL (or a redirect's target) is malformed or uses a scheme the fetcher will not follow."""

    kind = "invalid_url"


class FetchTimeout(FetchError, TimeoutError):
    """Connecting, sending, waiting for data, or the whole fetch took longer than its limit."""

    kind = "timeout"


class ConnectFailed(FetchError, ConnectionError):
    """No connection could be made: name resolution failed, the port refused, or TLS failed."""

    kind = "connect"


class ConnectionLost(FetchError, ConnectionError):
    """The connection broke while the request or the response was under way (for example a reset)."""

    kind = "network"


class ProtocolError(FetchError):
    """The server broke HTTP: a malformed response, or a body shorter than its ``Content-Length``."""

    kind = "protocol"


class ContentDecodingError(FetchError):
    """The body's ``Content-Encoding`` is unknown, or the compressed data is corrupt or truncated."""

    kind = "decoding"


class TooLarge(FetchError):
    """The body, on the wire or once decompressed, is larger than `limit` bytes."""

    kind = "too_large"

    def __init__(self, message: str, *, url: str, limit: int) -> None:
        super().__init__(message, url=url)
        self.limit = limit


class TooManyRedirects(FetchError):
    """More redirects than allowed, or a redirect loop."""

    kind = "too_many_redirects"


class HTTPStatusError(FetchError):
    """The server answered with a status that is neither success, 304 nor a redirect to follow.

    `kind` is ``"http_<status>"``, for example ``"http_404"``.
    """

    def __init__(self, message: str, *, url: str, status: int, retry_after: timedelta | None = None) -> None:
        super().__init__(message, url=url, retry_after=retry_after)
        self.status = status
        self.kind = f"http_{status}"


class Gone(HTTPStatusError):
    """HTTP 410: the feed has been removed for good; the watcher disables the source."""

    def __init__(
        self, message: str, *, url: str, status: int = 410, retry_after: timedelta | None = None
    ) -> None:
        super().__init__(message, url=url, status=status, retry_after=retry_after)
        self.kind = "gone"


class LocalFileError(FetchError):
    """A ``file://`` source could not be read: missing, not a regular file, or not permitted."""

    kind = "file"


class ForbiddenAddress(FetchError):
    """A fetcher limited to public addresses (``HttpFetcher(public_only=True)``) was asked for a URL that
    leads elsewhere: a loopback, private, link-local or otherwise reserved address (also after a redirect or
    through DNS), or a local file."""

    kind = "forbidden_address"


class ParseError(_Picklable, ValueError):
    """A fetched body could not be turned into items. Raised for that feed only."""

    kind: str = "parse"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class NotAFeedError(ParseError):
    """The body is not an RSS, Atom or RDF feed: an HTML page, an empty body, or unrecognisable data."""

    kind = "not_a_feed"


class EntityExpansionError(ParseError):
    """The document declares XML entities whose expansion would be unreasonably large ("billion laughs")."""

    kind = "entity_expansion"
