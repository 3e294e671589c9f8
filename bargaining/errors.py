"""One JSON error shape for every failure: {"error": {code, message, fields}}."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from bargaining.documents.chromium import ChromiumError
from bargaining.domain.errors import DomainError

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
}


def error_response(
    status: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> tuple[Response, int]:
    """Build the one error shape."""
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return jsonify({"error": body}), status


def _validation_fields(messages: Any) -> tuple[str, dict[str, Any]]:
    """Flatten webargs messages {location: errors} into (code, fields)."""
    fields: dict[str, Any] = {}
    code = "validation_error"
    if not isinstance(messages, dict):
        return code, {"_body": messages}
    for location, errors in messages.items():
        if isinstance(errors, dict):
            fields.update(errors)
        elif location == "json":
            code = "malformed_json"
            fields["_body"] = errors
        else:
            fields[f"_{location}"] = errors
    return code, fields


def handle_http_exception(error: HTTPException) -> tuple[Response, int]:
    """Render an HTTP exception (abort, routing, webargs validation) in the one shape."""
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    message = data.get("message") or error.description or error.name
    if status == 422 or "messages" in data or "errors" in data:
        code, fields = _validation_fields(data.get("errors") or data.get("messages"))
        if code == "malformed_json":
            return error_response(400, code, "The request body is not valid JSON.", fields)
        return error_response(status, code, "The request is not valid.", fields)
    if status >= 500:
        log.error("server error: %s", error)
    code = data.get("code") or HTTP_CODES.get(status, "error")
    response, status = error_response(status, code, str(message), data.get("fields"))
    for name, value in error.get_headers():
        if name.lower() != "content-type":  # e.g. a 405's Allow
            response.headers[name] = value
    for name, value in (data.get("headers") or {}).items():
        response.headers[name] = value
    return response, status


def handle_domain_error(error: DomainError) -> tuple[Response, int]:
    """Render a domain error with its stable code and the field at fault."""
    fields = {error.field: [error.message]} if error.field else None
    return error_response(error.status, error.code, error.message, fields)


def handle_stale(_error: StaleDataError) -> tuple[Response, int]:
    """A concurrent edit won: the caller's copy is stale."""
    return error_response(412, "precondition_failed", "The object changed since you read it; fetch it again.")


def handle_integrity(error: IntegrityError) -> tuple[Response, int]:
    """A uniqueness or reference rule of the database refused the change."""
    log.info("integrity error: %s", error.orig)
    return error_response(409, "integrity_conflict", "The change conflicts with the record.")


BUSY_SQLSTATES = {"55P03", "57014"}  # PostgreSQL: lock_not_available, query_canceled (a timeout)
RETRY_BUSY, RETRY_UNAVAILABLE = "2", "5"  # seconds a client should wait before trying again


def database_busy(error: DBAPIError) -> bool:
    """Tell whether the statement gave up waiting for a lock or ran out of time."""
    orig = error.orig
    if getattr(orig, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    return "database is locked" in str(orig)  # SQLite's busy timeout


def handle_database_down(error: DBAPIError) -> tuple[Response, int]:
    """The database cannot be reached, is busy, or refused the statement."""
    if database_busy(error):
        log.warning("database busy: %s", error.orig)
        response, status = error_response(
            503, "database_busy", "The record is busy with another change; try again shortly."
        )
        response.headers["Retry-After"] = RETRY_BUSY
        return response, status
    log.error("database error: %s", error)
    if isinstance(error, OperationalError):
        response, status = error_response(503, "database_unavailable", "The database is unavailable.")
        response.headers["Retry-After"] = RETRY_UNAVAILABLE
        return response, status
    return error_response(400, "database_rejected", "The database refused this input.")


def handle_pdf_engine(error: ChromiumError) -> tuple[Response, int]:
    """The PDF engine (headless Chromium) is missing or failed: the other formats still work."""
    log.error("PDF engine: %s", error)
    response, status = error_response(503, "service_unavailable", f"PDFs cannot be made right now: {error}")
    response.headers["Retry-After"] = RETRY_UNAVAILABLE
    return response, status


def handle_unexpected(error: Exception) -> tuple[Response, int]:
    """Last resort: log it and answer 500 in the one shape."""
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("unhandled error", exc_info=error)
    return error_response(500, "internal_error", "An unexpected error occurred.")


def register(app: Flask) -> None:
    """Register every error handler."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(StaleDataError, handle_stale)
    app.register_error_handler(IntegrityError, handle_integrity)
    app.register_error_handler(DBAPIError, handle_database_down)
    app.register_error_handler(ChromiumError, handle_pdf_engine)
    app.register_error_handler(Exception, handle_unexpected)
