"""Bearer-token authentication: random tokens, stored hashed, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, current_app, g, request
from flask.typing import ResponseReturnValue
from sqlalchemy import BindParameter, bindparam, select, true, update
from sqlalchemy.sql.visitors import replacement_traverse

from bargaining import db
from bargaining.direct import DirectQuery
from bargaining.errors import error_response
from bargaining.models import ApiToken, User, utcnow

TOKEN_PREFIX = "bgn_"
PUBLIC_PATHS = ("/api/v1/health", "/api/v1/openapi.json", "/api/v1/docs")
TOUCH_EVERY = timedelta(seconds=60)
READ_METHODS = {"GET", "HEAD"}
_LIVE_TOKEN = (ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None))
_ACTIVE_USER = User.deactivated_at.is_(None)  # a deactivated user's every token (and cookie) stops at once
_CALLER_COLUMNS = (
    User.id,
    User.email,
    User.name,
    User.is_admin,
    User.created_at,
    ApiToken.id.label("token_id"),
    ApiToken.token_hash,
    ApiToken.last_used_at,
)
# Every request runs it: straight on the driver (bargaining.direct).
_USER_BY_TOKEN = DirectQuery(
    select(*_CALLER_COLUMNS).join(ApiToken, ApiToken.user_id == User.id).where(*_LIVE_TOKEN, _ACTIVE_USER)
)


@dataclass(frozen=True, slots=True)
class _Prefetch:
    """A read whose resource row comes with the token lookup, in one statement."""

    resource: DirectQuery
    view_arg: str
    joined: DirectQuery


_PREFETCHES: dict[str, _Prefetch] = {}


def prefetch_with_caller(endpoint: str, resource: DirectQuery, view_arg: str) -> None:
    """Have GETs of ``endpoint`` read ``resource``'s row in the token lookup's statement.

    ``resource`` takes the caller as ``:user_id`` and the view argument ``view_arg`` under the
    same name; its first column must never be NULL (NULL there means no row). The joined statement
    finds the caller's id from the token inside the resource's subquery, so it is one round trip,
    not two; the view's own ``driver.first(resource, ...)`` then finds the row prefetched.
    """
    key = resource.statement.selected_columns[0]
    if not (getattr(key, "primary_key", False) or getattr(key, "nullable", True) is False):
        raise ValueError(f"{endpoint}: the resource's first column must be a NOT NULL column")
    caller_id = select(ApiToken.user_id).where(*_LIVE_TOKEN).scalar_subquery()

    def swap(element: Any) -> Any:
        return caller_id if isinstance(element, BindParameter) and element.key == "user_id" else None

    swapped: Any = replacement_traverse(resource.statement, {}, swap)  # type: ignore[call-overload]
    found = swapped.subquery("resource")
    joined = (
        select(*_CALLER_COLUMNS, *found.c)
        .select_from(ApiToken)
        .join(User, User.id == ApiToken.user_id)
        .outerjoin(found, true())
        .where(*_LIVE_TOKEN, _ACTIVE_USER)
    )
    _PREFETCHES[endpoint] = _Prefetch(resource, view_arg, DirectQuery(joined))


def new_token() -> str:
    """Return a new random token: 256 bits from the OS generator."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_from_request() -> str | None:
    """Read the bearer token, or (for reads only) the members' session cookie."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    if request.method not in READ_METHODS:
        return None
    cookie = request.cookies.get("bargaining_session")
    return cookie or None


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated user of a request, as read with the token (a plain record, not an ORM row)."""

    id: int
    email: str
    name: str
    is_admin: bool
    created_at: datetime


def user_for_token(token: str) -> Caller | None:
    """Find the live token's user on the request's connection; record the use at most once a minute."""
    digest = hash_token(token)
    return _accept(db.driver().first(_USER_BY_TOKEN, {"digest": digest}), digest)


def _user_and_prefetch(token: str, prefetch: _Prefetch) -> Caller | None:
    """Find the token's user and read the request's resource row in the same statement."""
    digest, driver, arg = hash_token(token), db.driver(), (request.view_args or {})[prefetch.view_arg]
    row = driver.first(prefetch.joined, {"digest": digest, prefetch.view_arg: arg})
    caller = _accept(row, digest)
    if caller is not None:
        values = row[len(_CALLER_COLUMNS) :]
        found = None if values[0] is None else prefetch.resource.row(values)
        driver.prefetch(prefetch.resource, {"user_id": caller.id, prefetch.view_arg: arg}, found)
    return caller


def _accept(row: Any, digest: str) -> Caller | None:
    """The caller a token lookup found, if any; record the token's use at most once a minute."""
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        _touch(row.token_id, now)
    # A plain record, not an ORM User: an instrumented instance cost a tenth of a clause read.
    return Caller(row.id, row.email, row.name, row.is_admin, row.created_at)


def _touch(token_id: int, now: datetime) -> None:
    """Record a token's last use: inside a write's own transaction, else in a short one apart."""
    stmt = update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now)
    if db.writing():
        db.session().execute(stmt)  # committed with the request's work (SQLite allows one writer)
        return
    with current_app.extensions["sessionmaker"]() as session:
        session.execute(stmt)
        session.commit()


def _needs_auth() -> bool:
    """Tell whether this request must carry a token."""
    path = request.path
    if not path.startswith("/api/v1") or request.method == "OPTIONS":
        return False
    return not any(path == p or path.startswith(p + "/") for p in PUBLIC_PATHS)


def authenticate() -> ResponseReturnValue | None:
    """Before each API request: resolve the bearer token to g.user, or answer 401."""
    if not _needs_auth():
        return None
    token = token_from_request()
    prefetch = _PREFETCHES.get(request.endpoint or "") if request.method in READ_METHODS else None
    if not token:
        user = None
    elif prefetch is not None and request.view_args and prefetch.view_arg in request.view_args:
        user = _user_and_prefetch(token, prefetch)
    else:
        user = user_for_token(token)
    if user is None:
        response, status = error_response(401, "unauthorized", "A valid bearer token is required.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="bargaining"'
        return response, status
    g.user = user
    return None


def current_user() -> Caller:
    """Return the authenticated user of this request."""
    user: Caller = g.user
    return user


def init_app(app: Flask) -> None:
    """Install the authentication hook."""
    app.before_request(authenticate)
