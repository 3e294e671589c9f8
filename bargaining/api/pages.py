"""Server-rendered pages for members: sign in with a token, the tables, the printable TA summary.

Plain Flask (not part of the JSON API). A member signs in once: POST /signin with their token
sets the ``bargaining_session`` cookie (HttpOnly, SameSite=Lax, Secure when configured) that
``auth.token_from_request`` reads; a Bearer header works too (scripts save the page that way).
Forms are protected against cross-site requests by SameSite and by requiring the request's
Origin (or, failing that, Referer) to be this host; the pages send ``Referrer-Policy:
same-origin`` so browsers send a real Origin on their own form posts. Pages have no JavaScript;
app.py adds the strict CSP. Every text is escaped by Jinja's autoescaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, current_app, make_response, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from bargaining import auth, db
from bargaining.api.cached import slotted_response
from bargaining.api.member_cookie import MEMBER_COOKIE
from bargaining.auth import Caller
from bargaining.domain.costing.display import money_text, percent_text
from bargaining.domain.errors import DomainError
from bargaining.services.ta_summary import summary_at, summary_key
from bargaining.services.table_cache.revision import load_table_revision
from bargaining.services.table_cache.slotted import SLOT
from bargaining.services.tables import tables_for

bp = Blueprint("pages", __name__)

COOKIE = "bargaining_session"
MAX_TOKEN_CHARS = 512
_NEXT_RE = re.compile(r"/tables(/[1-9][0-9]{0,9}/summary)?")


@dataclass(frozen=True, slots=True)
class _Caller:
    """The signed-in user, and whether they came with a Bearer header rather than the cookie."""

    user: Caller
    by_header: bool


def _bearer_sent() -> bool:
    """The request carries an Authorization: Bearer header."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(value.strip())


def _caller() -> _Caller | None:
    """Resolve the Bearer header, a member's signed-in session or the token cookie to a user."""
    if not _bearer_sent():
        from bargaining.api.member_cookie import member_caller

        member = member_caller()
        if member is not None:
            return _Caller(member, False)
    token = auth.token_from_request()
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    user = auth.user_for_token(token)
    return _Caller(user, _bearer_sent()) if user is not None else None


def _safe_next(value: str | None) -> str | None:
    """Accept only this app's own page paths as a place to return to after signing in."""
    if value and _NEXT_RE.fullmatch(value):
        return value
    return None


def _same_origin() -> bool:
    """The form was posted from this host: Origin, or else Referer, names it."""
    for header in ("Origin", "Referer"):
        value = request.headers.get(header)
        if value is not None:
            parts = urlsplit(value)
            return parts.scheme in {"http", "https"} and parts.netloc == request.host
    return False


def _longdate(value: datetime | None) -> str:
    """A date as members read it: 'March 3, 2026'."""
    if value is None:
        return ""
    return f"{value:%B} {value.day}, {value.year}"


def _page(template: str, status: int = 200, **context: Any) -> Response:
    """Render a page with the shared helpers."""
    html = render_template(template, longdate=_longdate, **context)
    return make_response(html, status)


def _cookie_secure() -> bool:
    """Mark the cookie Secure when the deployment says so (behind HTTPS)."""
    return bool(current_app.config.get("SESSION_COOKIE_SECURE"))


def _needs_sign_in() -> BaseResponse:
    """No valid credentials: a script's bad Bearer token gets 401, a browser the sign-in page."""
    if _bearer_sent():
        refused = _page("members_error.html", 401, title="Not signed in", message="The token is not valid.")
        refused.headers["WWW-Authenticate"] = 'Bearer realm="bargaining"'
        return refused
    target = url_for("pages.signin")
    wanted = _safe_next(request.path)
    if wanted:
        target += "?" + urlencode({"next": wanted})
    response = redirect(target, 303)
    if request.cookies.get(COOKIE):
        response.delete_cookie(COOKIE, path="/", secure=_cookie_secure(), httponly=True, samesite="Lax")
    return response


def _forbidden_cross_site() -> Response:
    """A form post that did not come from one of our pages."""
    return _page(
        "members_error.html",
        403,
        title="Request refused",
        message="This form must be sent from this site's own page. Open the page again and retry.",
    )


@bp.after_request
def _page_headers(response: BaseResponse) -> BaseResponse:
    """Pages hold members' data: never cache; send Origin on our own form posts."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "same-origin"
    response.vary.add("Cookie")
    response.vary.add("Authorization")
    return response


@bp.errorhandler(DomainError)
def _domain_error(error: DomainError) -> Response:
    """Domain errors as HTML pages (a table the caller does not sit at is simply not found)."""
    return _page("members_error.html", error.status, title="Not available", message=error.message)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """No icon (browsers ask for one on every page; a 404 would be a console error)."""
    return Response(status=204)


@bp.get("/signin")
def signin() -> Response:
    """The sign-in form."""
    caller = _caller()
    return _page(
        "members_signin.html",
        next=_safe_next(request.args.get("next")),
        user=caller.user if caller else None,
        error=None,
    )


@bp.post("/signin")
def signin_post() -> BaseResponse:
    """Check the token; on success set the session cookie and go to the summary or the tables."""
    if not _same_origin():
        return _forbidden_cross_site()
    wanted = _safe_next(request.form.get("next"))
    token = request.form.get("token", "").strip()
    user = auth.user_for_token(token) if token and len(token) <= MAX_TOKEN_CHARS else None
    if user is None:
        error = "That token is not valid. Check it and try again."
        return _page("members_signin.html", 401, next=wanted, user=None, error=error)
    if wanted is None:
        seats = list(db.session().scalars(tables_for(user).limit(2)))
        one = len(seats) == 1
        wanted = url_for("pages.summary", table_id=seats[0].id) if one else url_for("pages.tables")
    response = redirect(wanted, 303)
    response.set_cookie(COOKIE, token, path="/", secure=_cookie_secure(), httponly=True, samesite="Lax")
    return response


@bp.post("/signout")
def signout() -> BaseResponse:
    """Forget the session cookie."""
    if not _same_origin():
        return _forbidden_cross_site()
    from bargaining.api.member_cookie import end_session

    response = redirect(url_for("pages.signin"), 303)
    response.delete_cookie(COOKIE, path="/", secure=_cookie_secure(), httponly=True, samesite="Lax")
    end_session(response)
    return response


@bp.get("/tables")
def tables() -> BaseResponse:
    """The tables the signed-in user sits at, each with its summary."""
    caller = _caller()
    if caller is None:
        return _needs_sign_in()
    rows = list(db.session().scalars(tables_for(caller.user)))
    return _page("members_tables.html", tables=rows, user=caller.user, standalone=caller.by_header)


@bp.get("/tables/<int:table_id>/summary")
def summary(table_id: int) -> BaseResponse:
    """The printable TA summary, exactly as members see it.

    Rendered once per revision for every reader, with a slot for the bar naming who is signed
    in; each request splices its reader's bar in (bargaining.services.table_cache.slotted).
    """
    caller = _caller()
    if caller is None:
        return _needs_sign_in()
    at = load_table_revision(db.session(), caller.user, table_id)
    shared = ("page", *summary_key(at, "members")[1:])
    member_cookie = bool(request.cookies.get(MEMBER_COOKIE))
    reader = (*shared, caller.by_header, caller.user.id, caller.user.name, member_cookie)

    def render() -> bytes:
        """Render the page for every reader (only when this revision's page is not kept)."""
        data = summary_at(db.session(), at, "members")
        html = render_template(
            "members_summary.html",
            longdate=_longdate,
            money=money_text,
            pct=percent_text,
            s=data,
            reader_slot=Markup(SLOT.decode()),  # noqa: S704 - our own constant marker
        )
        return html.encode()

    def bar() -> bytes:
        """This reader's bar: who is signed in, and how to sign out."""
        html = render_template("members_bar.html", user=caller.user, standalone=caller.by_header)
        return html.encode()

    return slotted_response(shared, reader, render, bar)
