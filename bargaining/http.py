"""HTTP conventions every route gets without asking: CORS for browser front-ends, 304 on If-None-Match.

CORS (when ``BARGAINING_CORS_ORIGINS`` names origins) exposes the headers a front-end must read
(the ETag it sends back in If-Match, X-Pagination, Location, Retry-After) and answers preflights
for the methods and request headers the API uses. A GET answered with an ETag that the caller
already holds (``If-None-Match``) becomes a bodiless 304, whatever the route.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_cors import CORS
from werkzeug.http import unquote_etag

CORS_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key"]
CORS_EXPOSED_HEADERS = ["ETag", "X-Pagination", "Location", "Retry-After", "WWW-Authenticate", "Allow"]
CORS_MAX_AGE = 600


def not_modified(response: Response) -> Response:
    """Answer 304 to a read whose If-None-Match matches the ETag the route set."""
    if request.method not in {"GET", "HEAD"} or response.status_code != 200:
        return response
    etag = response.headers.get("ETag")
    if not etag or not request.if_none_match:
        return response
    value, _weak = unquote_etag(etag)
    if value is None or not request.if_none_match.contains_weak(value):
        return response
    response.status_code = 304
    response.set_data(b"")
    for name in ("Content-Type", "Content-Length", "Content-Disposition"):
        response.headers.pop(name, None)
    return response


def init_app(app: Flask) -> None:
    """Install CORS (if configured) and the 304 answer."""
    app.after_request(not_modified)
    origins = app.config.get("CORS_ORIGINS")
    if origins:
        CORS(
            app,
            resources={r"/api/*": {"origins": origins}},
            methods=CORS_METHODS,
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_EXPOSED_HEADERS,
            max_age=CORS_MAX_AGE,
        )
