"""The members' browser-session cookie (set by a sign-in link; never an API token, never read by the API)."""

from __future__ import annotations

from flask import current_app, request
from werkzeug.wrappers import Response

from bargaining import db
from bargaining.auth import Caller
from bargaining.models import utcnow
from bargaining.services.members import signin

MEMBER_COOKIE = "bargaining_member"
MAX_COOKIE_CHARS = 100


def _cookie() -> str | None:
    """The member-session cookie, if the browser sent a plausible one."""
    value = request.cookies.get(MEMBER_COOKIE)
    return value if value and len(value) <= MAX_COOKIE_CHARS else None


def member_caller() -> Caller | None:
    """The user of a live member session, if the browser holds one."""
    cookie = _cookie()
    if cookie is None:
        return None
    user = signin.user_for_session(db.session(), cookie, utcnow())
    return Caller(user.id, user.email, user.name, user.is_admin, user.created_at) if user else None


def set_cookie(response: Response, value: str) -> None:
    """Give the browser its member session: HttpOnly, SameSite=Lax, Secure when configured, expiring."""
    hours = int(current_app.config["MEMBER_SESSION_HOURS"])
    secure = bool(current_app.config.get("SESSION_COOKIE_SECURE"))
    response.set_cookie(
        MEMBER_COOKIE, value, max_age=hours * 3600, path="/", secure=secure, httponly=True, samesite="Lax"
    )


def end_session(response: Response, everywhere: bool = False) -> None:
    """Sign this browser's member session out (or every session of its user) and forget the cookie."""
    cookie = _cookie()
    if cookie is not None:
        session = db.session()
        signin.sign_out(session, cookie, utcnow(), everywhere)
        session.commit()
    secure = bool(current_app.config.get("SESSION_COOKIE_SECURE"))
    response.delete_cookie(MEMBER_COOKIE, path="/", secure=secure, httponly=True, samesite="Lax")
