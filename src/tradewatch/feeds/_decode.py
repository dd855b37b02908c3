"""Incremental gzip/deflate decoding that never produces more than a fixed number of bytes.

httpx would decompress for us, but only after handing over each chunk whole: a few kilobytes of gzip can
expand to gigabytes inside one call. Here every `decompress` call is given `max_length`, so memory stays
bounded by the limit however the input is crafted.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from ._errors import ContentDecodingError, TooLarge

#: The codings sent in ``Accept-Encoding``; ``x-gzip`` is the historical alias servers still send.
SUPPORTED = ("gzip", "x-gzip", "deflate", "identity")
ACCEPT_ENCODING = "gzip, deflate"

_GZIP_WBITS = 16 + zlib.MAX_WBITS


class _Stage:
    """One coding (gzip or deflate), bounded to `limit` bytes of output."""

    def __init__(self, coding: str, limit: int, fail: Callable[[], TooLarge], url: str) -> None:
        self._coding = coding
        self._gzip = coding in ("gzip", "x-gzip")
        self._limit = limit
        self._fail = fail
        self._url = url
        self._produced = 0
        self._started = False
        self._decompressor = zlib.decompressobj(_GZIP_WBITS if self._gzip else zlib.MAX_WBITS)

    def _error(self, detail: str) -> ContentDecodingError:
        return ContentDecodingError(
            f"{self._url}: cannot decode {self._coding} body: {detail}", url=self._url
        )

    def _take(self, chunk: bytes) -> bytes:
        self._produced += len(chunk)
        if self._produced > self._limit:
            raise self._fail()
        return chunk

    def _decompress(self, data: bytes) -> bytes:
        # One byte beyond the room left is enough to know the limit is crossed.
        room = self._limit - self._produced + 1
        try:
            out = self._decompressor.decompress(data, room)
        except zlib.error as error:
            if not self._gzip and not self._started:
                # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
                self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                self._started = True
                return self._decompress(data)
            raise self._error(str(error)) from None
        self._started = True
        return self._take(out)

    def feed(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data:
            if self._decompressor.eof:
                if not data.strip(b"\0"):
                    break  # some servers pad the end of a compressed body with NULs
                if not self._gzip:
                    raise self._error("data after the end of the stream")
                # A gzip body may hold several members, one after another (RFC 1952, section 2.2).
                self._decompressor = zlib.decompressobj(_GZIP_WBITS)
            out.append(self._decompress(data))
            done = self._decompressor.eof
            data = self._decompressor.unused_data if done else self._decompressor.unconsumed_tail
        return b"".join(out)

    def finish(self) -> bytes:
        if not self._started:
            return b""  # an empty body stays empty, whatever its declared coding
        out: list[bytes] = []
        # Output can still be pending inside zlib after all input was consumed under max_length.
        while not self._decompressor.eof:
            chunk = self._decompress(b"")
            if not chunk:
                break
            out.append(chunk)
        if not self._decompressor.eof:
            raise self._error("the compressed stream is truncated")
        return b"".join(out)


class BoundedDecoder:
    """Undoes a ``Content-Encoding`` list (applied in order, so undone in reverse), at most `limit` bytes.

    Raises `TooLarge` the moment any stage would produce more than `limit` bytes, and
    `ContentDecodingError` for unknown codings or corrupt data.
    """

    def __init__(self, content_encoding: str | None, *, limit: int, url: str) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for coding in codings:
            if coding not in SUPPORTED:
                raise ContentDecodingError(
                    f"{url}: unsupported Content-Encoding {coding!r} (accepted: {ACCEPT_ENCODING})", url=url
                )
        self.limit = limit
        self.url = url

        where = " once decompressed" if codings else ""

        def too_large() -> TooLarge:
            return TooLarge(f"{url}: the body is larger than {limit:,} bytes{where}", url=url, limit=limit)

        self._stages = [_Stage(coding, limit, too_large, url) for coding in reversed(codings)]
        self._plain_size = 0
        self._too_large = too_large

    def feed(self, data: bytes) -> bytes:
        for stage in self._stages:
            data = stage.feed(data)
        if not self._stages:
            self._plain_size += len(data)
            if self._plain_size > self.limit:
                raise self._too_large()
        return data

    def finish(self) -> bytes:
        tail = b""
        for stage in self._stages:
            tail = stage.feed(tail) + stage.finish()
        return tail
