"""The unsubscribe link in every notice email: a signed token, no sign-in needed (RFC 8058 one-click POST)."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from werkzeug.wrappers import Response as BaseResponse

from bargaining import db
from bargaining.api.pages import _page
from bargaining.domain.events.notices import Kind
from bargaining.services.events import mail, preferences, worker

bp = Blueprint("mail_links", __name__)
MAX_TOKEN = 500


def _named(kind: str) -> str:
    """A kind of notice as people read it."""
    return Kind(kind).value.replace("_", " ")


def _read() -> tuple[int, str] | None:
    """The user and kind the request's token names (None if forged)."""
    token = request.args.get("token", "")
    if not token or len(token) > MAX_TOKEN:
        return None
    return mail.read_unsubscribe_token(worker.signing_key(current_app.config), token)


@bp.get("/notifications/unsubscribe")
def unsubscribe_form() -> BaseResponse:
    """Ask to confirm (a GET changes nothing: mail scanners follow links)."""
    found = _read()
    if found is None:
        return _page("notice_unsubscribe.html", 400, user=None, error="This link is not valid.", done=False)
    token = request.args["token"]
    return _page(
        "notice_unsubscribe.html", user=None, token=token, kind_name=_named(found[1]), done=False, error=None
    )


@bp.post("/notifications/unsubscribe")
def unsubscribe() -> BaseResponse:
    """Stop this kind of email for the link's user."""
    found = _read()
    if found is None:
        return _page("notice_unsubscribe.html", 400, user=None, error="This link is not valid.", done=False)
    user_id, kind = found
    session = db.session()
    preferences.set_modes(session, None, user_id, {kind: "never"})
    session.commit()
    return _page("notice_unsubscribe.html", user=None, kind_name=_named(kind), done=True, error=None)
