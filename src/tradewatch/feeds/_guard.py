"""Public addresses only: the check behind ``HttpFetcher(public_only=True)``, for sources that untrusted
people may add (a feed URL must not become a way to reach the watcher's own network, SSRF).

The check is made where the connection is opened, on the very address connected to, after DNS resolution.
Checking the URL's host name beforehand would not do: a name may resolve to a public address when checked
and to a private one a moment later (DNS rebinding), and a public feed may redirect to a private address.
Every redirect hop opens its connection through the same check.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from ._errors import ForbiddenAddress

__all__ = ["guarded_transport", "is_public"]


def is_public(address: str) -> bool:
    """Whether `address` (an IP address) is a global unicast address: not loopback, private, link-local,
    multicast, reserved, unspecified, or shared (carrier-grade NAT). IPv4 mapped into IPv6 is judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone index
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Opens TCP connections only to public addresses, connecting to the address it checked."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        refused = [a for a in addresses if not is_public(a)]
        if refused:
            # One private address among public ones is refused too: which one the connection would use is
            # not ours to predict.
            raise ForbiddenAddress(
                f"{host} resolves to {', '.join(refused)}, which is not a public address", url=host
            )
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"{host} has no address")


def guarded_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    """An httpx transport whose connections reach public addresses only (proxies from the environment are
    not used with it: a proxy would connect on our behalf, unchecked)."""
    transport = httpx.HTTPTransport(limits=limits)
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        # httpx builds its httpcore pool without a public way to pass a network backend; if a new version
        # changes that, refuse to run unguarded rather than silently allow every address.
        raise RuntimeError("this httpx version cannot be limited to public addresses")
    pool._network_backend = _PublicOnlyBackend()
    return transport
