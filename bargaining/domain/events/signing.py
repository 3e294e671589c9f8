"""Signing webhook bodies (HMAC-SHA256 over timestamp and body) and the retry schedule."""

from __future__ import annotations

import hashlib
import hmac

TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Bargaining-Signature header: t=<unix seconds>,v1=<hex HMAC-SHA256 of 't.body'>."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, now: int, tolerance: int = TOLERANCE_SECONDS) -> bool:
    """A receiver's check: the signature matches and its timestamp is recent (against replays)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Seconds to wait after the attempt-th failure: base * 2^(attempt-1), at most cap."""
    return float(min(cap, base * 2 ** max(0, attempt - 1)))
