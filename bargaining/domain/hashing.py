"""Content hashes of clause text."""

from __future__ import annotations

import hashlib

DELETED_HASH = "deleted"


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of the exact UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
