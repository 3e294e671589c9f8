"""Sending webhooks only to public addresses: checked when subscribing, and again when connecting.

At subscription time the URL's host is resolved and refused if any address it gives is loopback,
private, link-local, multicast or reserved. DNS may change afterwards (or answer differently to the
worker: DNS rebinding), so at delivery the host is resolved and checked again and, once the socket
is connected, the address it actually reached is checked before a byte is sent. Environment proxies
are not used (the address reached would be the proxy's), and redirects are never followed.
``allow_private`` (BARGAINING_WEBHOOK_ALLOW_PRIVATE) turns all this off for tests and local demos.
"""

from __future__ import annotations

import socket
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from bargaining.domain.errors import Invalid
from bargaining.domain.events.egress import REFUSED, address_refused, refusal, url_problem


class RefusedAddress(requests.ConnectionError):
    """The webhook's host resolved to, or connected to, an address webhooks may not reach."""


def addresses(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (empty if it does not resolve)."""
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in found]


def _port(url: str) -> tuple[str, int]:
    """The URL's host and port (80 or 443 by default)."""
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def check_subscription_url(url: str, allow_private: bool) -> None:
    """Refuse (422, field url) a URL webhooks may not be sent to; a name that does not resolve yet passes."""
    problem = url_problem(url)
    if problem is None and not allow_private:
        host, port = _port(url)
        if any(address_refused(a) for a in addresses(host, port)):
            problem = refusal(host)
    if problem is not None:
        raise Invalid(problem, field="url", code=REFUSED)


def check_delivery_url(url: str) -> None:
    """Before sending: the URL is well formed and every address its host resolves to is public."""
    problem = url_problem(url)
    if problem is not None:
        raise RefusedAddress(f"refused: {problem}")
    host, port = _port(url)
    if any(address_refused(a) for a in addresses(host, port)):
        raise RefusedAddress(f"refused: {refusal(host)}")


def _checked(sock: socket.socket) -> socket.socket:
    """The connected socket, if the address it reached is public (else closed, and refused)."""
    peer = str(sock.getpeername()[0])
    if address_refused(peer):
        sock.close()
        raise RefusedAddress(f"refused: the connection reached {peer}, which webhooks may not reach")
    return sock


class _GuardedHTTP(HTTPConnection):
    """An HTTP connection that checks the address it reached."""

    def _new_conn(self) -> socket.socket:
        """Connect, then check the peer."""
        return _checked(super()._new_conn())


class _GuardedHTTPS(HTTPSConnection):
    """An HTTPS connection that checks the address it reached (before the TLS handshake)."""

    def _new_conn(self) -> socket.socket:
        """Connect, then check the peer."""
        return _checked(super()._new_conn())


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTP


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPS


class _GuardedAdapter(HTTPAdapter):
    """A requests adapter whose pools use the guarded connections."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        """Make the pool manager, then swap in the guarded pool classes."""
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}


def post(url: str, body: bytes, headers: dict[str, str], timeout: float, allow_private: bool) -> Any:
    """POST without following redirects; unless allow_private, to public addresses only."""
    with requests.Session() as http:
        http.trust_env = False  # no environment proxies: the address reached must be the receiver's
        if not allow_private:
            check_delivery_url(url)
            http.mount("http://", _GuardedAdapter())
            http.mount("https://", _GuardedAdapter())
        return http.post(url, data=body, headers=headers, timeout=timeout, allow_redirects=False)
