"""ETags from version counters: set on reads, required in If-Match on writes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

from flask import request
from flask_smorest import abort

from schemas.common import ErrorOut

ETAG = re.compile(r'^"?([a-z_]+)-(\d+)-v(\d+)"?$')
IF_MATCH_DOC = {
    "in": "header",
    "name": "If-Match",
    "required": True,
    "schema": {"type": "string"},
    "description": "The ETag of the object as you read it (strong; a weak W/ ETag is refused).",
}


class Versioned(Protocol):
    """Anything with an id and a version counter."""

    @property
    def id(self) -> int:
        """The object's id."""

    @property
    def version(self) -> int:
        """Its version counter."""


def etag_of(kind: str, obj: Versioned) -> str:
    """Return the quoted ETag of an object."""
    return f'"{kind}-{obj.id}-v{obj.version}"'


def etag_header(kind: str, obj: Versioned) -> dict[str, str]:
    """Return the ETag response header of an object."""
    return {"ETag": etag_of(kind, obj)}


def if_match_version(kind: str, object_id: int) -> int:
    """Read the version the caller last saw from If-Match: 428 when missing, 412 when foreign."""
    raw = request.headers.get("If-Match", "").strip()
    if not raw:
        abort(428, message="Send the ETag you read in If-Match.", code="precondition_required")
    first = raw.split(",")[0].strip()
    if first.startswith("W/"):
        message = "A weak ETag cannot guard a write; send the ETag you read."
        abort(412, message=message, code="precondition_failed")
    match = ETAG.match(first)
    if not match or match.group(1) != kind or int(match.group(2)) != object_id:
        abort(412, message="If-Match does not name this object.", code="precondition_failed")
    assert match is not None
    return int(match.group(3))


def documents_if_match(blp: Any) -> Callable[[Any], Any]:
    """Document If-Match and its 412/428 answers on a write view."""

    def decorator(func: Any) -> Any:
        func = blp.doc(parameters=[IF_MATCH_DOC])(func)
        func = blp.alt_response(412, schema=ErrorOut, description="Stale ETag")(func)
        return blp.alt_response(428, schema=ErrorOut, description="If-Match missing")(func)

    return decorator
