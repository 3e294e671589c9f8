"""Shared decorators that document a view's error answers, and the Location of what a POST created."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, request, url_for

from schemas.common import ErrorOut

REASONS = {
    400: "Malformed request",
    403: "Not allowed for your seat",
    404: "No such object (or not yours to see)",
    409: "The record's state forbids it",
    413: "Too large",
    422: "Invalid input",
}


def errors(blp: Any, *codes: int) -> Callable[[Any], Any]:
    """Document the error answers a view gives (each in the one error shape)."""

    def decorator(func: Any) -> Any:
        for code in codes:
            func = blp.alt_response(code, schema=ErrorOut, description=REASONS[code])(func)
        return func

    return decorator


def location(endpoint: str, **values: Any) -> dict[str, str]:
    """The Location header of a created object."""
    return {"Location": url_for(endpoint, **values)}


def conditional_gets(blp: Any) -> None:
    """Answer a GET whose If-None-Match names the current ETag with 304 and no body."""

    @blp.after_request
    def _not_modified(response: Response) -> Response:
        if request.method == "GET" and response.status_code == 200 and "ETag" in response.headers:
            response.make_conditional(request)
        return response
