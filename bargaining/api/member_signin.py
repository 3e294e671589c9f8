"""Members' sign-in by email: ask for a link, follow it once, sign out everywhere (server-rendered pages).

Asking always gets the same page whether or not the address is on a roster, and the email is sent
from a thread so the answer takes as long either way. Requests are limited per address and per
client (services/members/ratelimit.py). The link's page shows a button rather than signing in on
GET, so a mail scanner that fetches links cannot use up a single-use link.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from bargaining import db
from bargaining.api.member_cookie import end_session, set_cookie
from bargaining.api.pages import _forbidden_cross_site, _page, _same_origin
from bargaining.domain.errors import Invalid
from bargaining.models import utcnow
from bargaining.services.events import mail, worker
from bargaining.services.members import ratelimit, signin

bp = Blueprint("member_signin", __name__)
log = logging.getLogger(__name__)
MAX_EMAIL = 254
MAX_SECRET = 100


@bp.get("/signin/email")
def email_form() -> BaseResponse:
    """The form asking for a member's email address."""
    return _page("members_email_signin.html", user=None, sent=None, error=None, minutes=0)


def _limits(email: str) -> list[tuple[str, int]]:
    """The rate limits a request counts against: its address and its client."""
    config = current_app.config
    return [
        (f"address:{email}", int(config["SIGNIN_PER_ADDRESS"])),
        (f"client:{request.remote_addr or 'unknown'}", int(config["SIGNIN_PER_CLIENT"])),
    ]


def _send_in_background(to: str, secret: str) -> None:
    """Render the sign-in email now; hand it to the SMTP server from a thread."""
    config = current_app.config
    settings = worker.mail_settings(config)
    link = f"{settings.public_url}{url_for('member_signin.show_link')}?token={secret}"
    minutes = int(config["SIGNIN_LINK_MINUTES"])
    context = {
        "greeting": "Hello,",
        "body": f"Use this link to sign in to your union's bargaining pages. It works once, for {minutes}"
        " minutes.",
        "link": link,
        "link_text": "Sign in",
        "note": "If you did not ask for it, ignore this email: nobody can sign in without the link.",
    }
    text, html = (
        render_template(f"email_message.{ext}", subject="", **context) for ext in ("txt", "html")
    )
    message = mail.message(settings, to, "Your sign-in link", text, html, None)

    def send() -> None:
        try:
            mail.smtp_send(settings, message)
        except (OSError, smtplib.SMTPException):
            log.exception("could not send a sign-in link")

    threading.Thread(target=send, daemon=True).start()


@bp.post("/signin/email")
def request_link() -> BaseResponse:
    """Send a sign-in link if the address is a member's; answer the same either way."""
    if not _same_origin():
        return _forbidden_cross_site()
    email = request.form.get("email", "").strip().lower()[:MAX_EMAIL]
    session, now = db.session(), utcnow()
    window = timedelta(minutes=int(current_app.config["SIGNIN_WINDOW_MINUTES"]))
    if not ratelimit.allow(session, _limits(email), window, now):
        session.commit()
        error = "Too many sign-in requests. Wait a few minutes and try again."
        refused = _page("members_email_signin.html", 429, user=None, sent=None, error=error, minutes=0)
        refused.headers["Retry-After"] = str(int(window.total_seconds()))
        return refused
    user = signin.member_for_email(session, email) if email else None
    minutes = int(current_app.config["SIGNIN_LINK_MINUTES"])
    secret = signin.new_link(session, user, now, minutes) if user is not None else None
    session.commit()
    if user is not None and secret is not None:
        _send_in_background(user.email, secret)
    return _page(
        "members_email_signin.html", user=None, sent=email or "that address", error=None, minutes=minutes
    )


@bp.get("/signin/link")
def show_link() -> BaseResponse:
    """The page a link opens: a button that signs in (following the link does not use it up)."""
    token = request.args.get("token", "")[:MAX_SECRET]
    return _page("members_follow_link.html", user=None, token=token, error=None)


@bp.post("/signin/link")
def follow_link() -> BaseResponse:
    """Use the link: start a browser session and go to the member's tables."""
    if not _same_origin():
        return _forbidden_cross_site()
    token = request.form.get("token", "")
    session = db.session()
    try:
        if not token or len(token) > MAX_SECRET:
            raise Invalid("This sign-in link is not valid any more. Ask for a new one.", field="token")
        cookie, _user = signin.follow_link(
            session, token, utcnow(), int(current_app.config["MEMBER_SESSION_HOURS"])
        )
    except Invalid as refused:
        session.rollback()
        return _page("members_follow_link.html", 400, user=None, token="", error=refused.message)
    session.commit()
    response = redirect(url_for("pages.tables"), 303)
    set_cookie(response, cookie)
    return response


@bp.post("/signout/everywhere")
def signout_everywhere() -> BaseResponse:
    """End every member session of the signed-in member, on every device."""
    if not _same_origin():
        return _forbidden_cross_site()
    response = redirect(url_for("pages.signin"), 303)
    end_session(response, everywhere=True)
    return response
