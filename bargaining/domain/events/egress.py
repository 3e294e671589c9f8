"""Where webhooks may be sent: http(s) without credentials, to public addresses only (no SSRF)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

REFUSED = "webhook_url_refused"


def url_problem(url: str) -> str | None:
    """Why a webhook URL is refused on its face (scheme, credentials, no host), or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "The URL cannot be read."
    if parts.scheme not in {"http", "https"}:
        return "Only http and https URLs receive webhooks."
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "A webhook URL may not carry credentials (user:password@); use the signature."
    if not parts.hostname:
        return "The URL names no host."
    if port == 0:
        return "The URL names port 0."
    return None


def address_refused(address: str) -> bool:
    """The address is loopback, private, link-local, multicast, reserved, unspecified or not global."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def refusal(host: str) -> str:
    """The message for a host that resolves to an address webhooks may not reach."""
    return (
        f"{host} resolves to a loopback, private, link-local, multicast or reserved address; "
        "webhooks go to public addresses only."
    )
