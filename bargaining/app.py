"""The application factory."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from inspect import iscoroutinefunction
from typing import Any

import swagger_ui_bundle
from flask import Flask, Response, current_app, request, send_from_directory
from werkzeug.routing import IntegerConverter, Map

from bargaining import auth, db, errors, http
from bargaining.api import idempotency
from bargaining.api.common import BargainingApi
from bargaining.api.openapi import unknown_query_guard
from bargaining.config import DEFAULTS, from_env
from bargaining.jsonio import OrjsonProvider
from bargaining.services.administration import install_archive_guard
from bargaining.services.search import index as search_index

JSON_BODY_METHODS = {"POST", "PUT", "PATCH"}
FORM_PATHS = ("/api/v1/session",)
# Roster import takes a file: multipart, a raw CSV or XLSX body, or JSON (and nothing else).
UPLOAD_PATH = re.compile(r"^/api/v1/tables/\d+/roster$")
UPLOAD_TYPES = frozenset(
    {
        "multipart/form-data",
        "text/csv",
        "application/octet-stream",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
)
# A contract may come as a file, as plain text or Markdown, or as JSON.
CONTRACT_PATHS = re.compile(r"^/api/v1/tables/\d+/(?:import|intake/(?:compare|proposal|next-term))$")
CONTRACT_TYPES = ("application/json", "multipart/form-data", "text/plain", "text/markdown")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: configuration, database, auth, API, errors, headers."""
    app = BargainingFlask(__name__, instance_relative_config=True)
    app.json = OrjsonProvider(app)
    app.config.update(DEFAULTS)
    app.config.update(from_env())
    if config:
        app.config.update(config)
    engine = app.config.get("ENGINE") or db.make_engine(
        app.config["DATABASE_URL"], app.config["DB_ECHO"], _timeouts(app.config)
    )
    db.init_app(app, engine)
    install_archive_guard()
    search_index.watch(app.extensions["sessionmaker"])
    from bargaining.services.events import outbox  # noqa: F401  (the outbox listener)
    app.url_map.converters["int"] = DatabaseId
    app.url_map.strict_slashes = False  # /api/v1/tables/ is /api/v1/tables, not a 404
    api = BargainingApi(app, spec_kwargs=_spec_kwargs())
    app.extensions["bargaining_api"] = api
    api.register_converter(DatabaseId, _id_schema)
    _register_blueprints(api, app)
    from bargaining.api import home, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(home.bp)
    from bargaining.api import mail_links, member_signin

    app.register_blueprint(member_signin.bp)
    app.register_blueprint(mail_links.bp)
    errors.register(app)
    app.before_request(_require_json_body)
    auth.init_app(app)
    app.before_request(unknown_query_guard(api.conventions))
    http.init_app(app)
    idempotency.init_app(app)
    app.after_request(_security_headers)
    _register_docs_assets(app)
    from bargaining import cli

    cli.init_app(app)
    return app


def _timeouts(config: Mapping[str, Any]) -> db.Timeouts:
    """The database waits the configuration allows."""
    return db.Timeouts(
        lock=config["DB_LOCK_TIMEOUT"],
        statement=config["DB_STATEMENT_TIMEOUT"],
        idle_in_transaction=config["DB_IDLE_TX_TIMEOUT"],
    )


class BargainingFlask(Flask):
    """Flask, with each hook's and view's async check made once, not on every request.

    Flask asks ``inspect.iscoroutinefunction`` of every before-request hook, view, after-request
    hook and teardown on every request (eight times for a clause read); the answer never changes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._is_async: dict[Any, bool] = {}

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Return ``func`` as it is, or wrapped to run and wait if it is an ``async def``."""
        key = getattr(func, "__func__", func)  # a view's bound method is made anew per request
        is_async = self._is_async.get(key)
        if is_async is None:
            is_async = self._is_async[key] = iscoroutinefunction(func)
        return self.async_to_sync(func) if is_async else func


class DatabaseId(IntegerConverter):
    """An id in a URL: a positive integer that fits the database's integer column."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _id_schema(converter: DatabaseId) -> dict[str, Any]:
    """Document an id path parameter."""
    del converter
    return {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}


def _spec_kwargs() -> dict[str, Any]:
    """OpenAPI extras: bearer security for every operation."""
    return {
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearerAuth": []}],
        "info": {"description": "The system of record for union contract negotiations."},
        "extra_plugins": [idempotency.IdempotencyKeyPlugin()],
    }


def _register_blueprints(api: BargainingApi, _app: Flask) -> None:
    """Register every resource blueprint under /api/v1."""
    from bargaining.api import blueprints

    for blueprint in blueprints():
        api.register_blueprint(blueprint, url_prefix="/api/v1")


def _require_json_body() -> Any:
    """Refuse a request body that is not JSON (415), before anything reads it."""
    if request.method not in JSON_BODY_METHODS or not request.path.startswith("/api/"):
        return None
    if request.path.startswith(FORM_PATHS):
        return None
    if request.method == "POST" and request.mimetype in UPLOAD_TYPES and UPLOAD_PATH.match(request.path):
        return None
    if request.mimetype == "multipart/form-data" and (request.endpoint or "").startswith("files."):
        return None  # file uploads (bargaining/api/files.py)
    has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding")
    if CONTRACT_PATHS.match(request.path):
        return _allow_upload(bool(has_body))
    if has_body and request.mimetype != "application/json":
        return errors.error_response(415, "unsupported_media_type", "Send the body as application/json.")
    return None


def _allow_upload(has_body: bool) -> Any:
    """Contract uploads may also come as a file or as plain text or Markdown, up to their own limit."""
    request.max_content_length = current_app.config["INTAKE_MAX_BYTES"]
    if has_body and request.mimetype not in CONTRACT_TYPES:
        return errors.error_response(
            415,
            "unsupported_media_type",
            "Send the contract as multipart/form-data (a file), text/plain, text/markdown or JSON.",
        )
    return None


def _security_headers(response: Response) -> Response:
    """Add security headers to every response; HTML pages get a strict CSP."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if response.mimetype == "text/html":
        if request.path.startswith("/api/v1/docs"):
            csp = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            csp += "style-src 'self' 'unsafe-inline'; img-src 'self' data:"
        else:
            csp = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; "
            csp += "form-action 'self'; frame-ancestors 'none'"
        response.headers.setdefault("Content-Security-Policy", csp)
    return response


def _register_docs_assets(app: Flask) -> None:
    """Serve Swagger UI's files from the installed package, not a CDN."""

    @app.get("/api/v1/docs/assets/<path:filename>")
    def docs_assets(filename: str) -> Response:
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)
