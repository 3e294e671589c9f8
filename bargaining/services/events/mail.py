"""Email: messages in plain text and HTML with an unsubscribe link, SMTP, notices and digests."""

from __future__ import annotations

import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from flask import render_template
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.events.notices import Kind, describe, label_for
from bargaining.models import AuditEvent, BargainingTable, OutboxEmail, TableEvent, User, utcnow
from bargaining.services.events.leases import claim, still_mine

UNSUBSCRIBE_SALT = "unsubscribe"
MAX_ATTEMPTS = 8
INVITATION = "invitation"


@dataclass(frozen=True, slots=True)
class MailSettings:
    """Where and how to send: the SMTP server, the sender, the public URL links point at, the signing key."""

    host: str
    port: int
    user: str
    password: str
    starttls: bool
    sender: str
    public_url: str
    key: str
    lease: float = 60.0
    timeout: float = 10.0


def unsubscribe_token(key: str, user_id: int, kind: str) -> str:
    """A signed token naming a user and a kind (works without signing in)."""
    return str(URLSafeSerializer(key, salt=UNSUBSCRIBE_SALT).dumps({"u": user_id, "k": kind}))


def read_unsubscribe_token(key: str, token: str) -> tuple[int, str] | None:
    """The user and kind a token names, or None if it is forged or malformed."""
    try:
        data = URLSafeSerializer(key, salt=UNSUBSCRIBE_SALT).loads(token)
    except BadSignature:
        return None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("u"), int)
        or data.get("k") not in Kind._value2member_map_
    ):
        return None
    return int(data["u"]), str(data["k"])


def message(
    settings: MailSettings, to: str, subject: str, text: str, html: str, unsubscribe: str | None
) -> EmailMessage:
    """A multipart/alternative message with the List-Unsubscribe headers when it has a link."""
    msg = EmailMessage()
    # One line: a title typed with a line break would make the header invalid (and the email unsendable).
    msg["From"], msg["To"], msg["Subject"] = settings.sender, to, " ".join(subject.split())
    msg["Message-ID"] = make_msgid(domain="bargaining.local")
    if unsubscribe:
        msg["List-Unsubscribe"] = f"<{unsubscribe}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def smtp_send(settings: MailSettings, msg: EmailMessage) -> None:
    """Hand a message to the SMTP server (STARTTLS and login when configured)."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(msg)


def send_now(settings: MailSettings, to: str, subject: str, context: dict[str, Any]) -> None:
    """Render the one-off message template (sign-in links) and send it at once."""
    text = render_template("email_message.txt", subject=subject, **context)
    html = render_template("email_message.html", subject=subject, **context)
    smtp_send(settings, message(settings, to, subject, text, html, None))


def _rows(session: Session, ids: list[int]) -> list[Any]:
    """The emails with their event, table and actor, for rendering."""
    return list(
        session.execute(
            select(
                OutboxEmail,
                AuditEvent.action,
                AuditEvent.detail,
                AuditEvent.at,
                User.name,
                BargainingTable.title,
                BargainingTable.id.label("table_id"),
            )
            .outerjoin(TableEvent, TableEvent.id == OutboxEmail.event_id)
            .outerjoin(AuditEvent, AuditEvent.id == TableEvent.audit_id)
            .outerjoin(User, User.id == AuditEvent.actor_id)
            .outerjoin(BargainingTable, BargainingTable.id == TableEvent.table_id)
            .where(OutboxEmail.id.in_(ids))
            .order_by(OutboxEmail.id)
        )
    )


def _line(row: Any) -> dict[str, str]:
    """One notice as a line of an email."""
    kind = Kind(row.OutboxEmail.kind)
    subject, sentence = describe(kind, label_for(kind, row.detail or {}), row.title or "")
    return {
        "subject": subject,
        "sentence": sentence,
        "actor": row.name or "",
        "at": f"{row.at:%Y-%m-%d %H:%M} UTC",
    }


def _compose(settings: MailSettings, rows: list[Any], subject: str) -> EmailMessage:
    """The email for one or more notices to one person (one unsubscribe link: the first's kind)."""
    first = rows[0].OutboxEmail
    unsubscribe = None
    if first.user_id is not None:
        unsubscribe = f"{settings.public_url}/notifications/unsubscribe?token=" + unsubscribe_token(
            settings.key, first.user_id, first.kind
        )
    context = {
        "lines": [_line(r) for r in rows],
        "link": f"{settings.public_url}/tables",
        "table_title": rows[0].title if len({r.table_id for r in rows}) == 1 else None,
        "unsubscribe": unsubscribe,
        "subject": subject,
    }
    text = render_template("email_notice.txt", **context)
    html = render_template("email_notice.html", **context)
    return message(settings, first.to_address, subject, text, html, unsubscribe)


def _finish(session: Session, email_ids: list[int], lease: datetime, error: str | None) -> None:
    """Mark the emails sent, or count the failure and retry later (only those this worker still holds)."""
    now = utcnow()
    for email_id in email_ids:
        row = still_mine(session, OutboxEmail, email_id, lease)
        if row is None:
            continue
        row.lease_until, row.attempts = None, row.attempts + 1
        if error is None:
            row.state, row.sent_at = "sent", now
        else:
            row.last_error = error[:500]
            row.next_attempt_at = now + timedelta(seconds=30 * 2 ** min(row.attempts, 10))
            row.state = "failed" if row.attempts >= MAX_ATTEMPTS else "pending"
    session.commit()


def deliver_emails(open_session: Any, settings: MailSettings, limit: int = 20) -> int:
    """Send due immediate emails, one notice each; return how many were tried."""
    due = [
        OutboxEmail.state == "pending",
        OutboxEmail.mode == "immediate",
        OutboxEmail.next_attempt_at <= utcnow(),
    ]
    with open_session() as session:
        ids, lease = claim(session, OutboxEmail, due, utcnow(), settings.lease, limit)
        rows = _rows(session, ids)
    for row in rows:
        if row.OutboxEmail.kind == INVITATION:
            error = _try(settings, lambda r=row: _invitation(settings, r.OutboxEmail))
        else:
            error = _try(settings, lambda r=row: _compose(settings, [r], _line(r)["subject"]))
        with open_session() as session:
            _finish(session, [row.OutboxEmail.id], lease, error)
    return len(rows)


def _invitation(settings: MailSettings, email: OutboxEmail) -> EmailMessage:
    """An invitation to a table's member pages: where to ask for a sign-in link."""
    data = email.payload
    title = data.get("table_title", "your negotiation")
    context = {
        "greeting": f"Hello {data.get('name', '')},",
        "body": f"Your bargaining committee invites you to follow {title}: "
        "read what has been tentatively agreed and how it changes your contract. Sign in with this "
        "email address; we send you a link each time, no password needed.",
        "link": f"{settings.public_url}{data.get('link', '/signin/email')}",
        "link_text": "Get a sign-in link",
        "note": None,
    }
    subject = f"Follow {title}"
    text = render_template("email_message.txt", subject=subject, **context)
    html = render_template("email_message.html", subject=subject, **context)
    return message(settings, email.to_address, subject, text, html, None)


def _try(settings: MailSettings, build: Any) -> str | None:
    """Build and send a message; the error as text if the server refused or could not be reached."""
    try:
        smtp_send(settings, build())
    except (smtplib.SMTPException, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def digest_cutoff(now: datetime, hour: int) -> datetime:
    """The most recent digest time (today's at hour UTC, or yesterday's if that is still ahead)."""
    today = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    return today if today <= now else today - timedelta(days=1)


def send_digests(open_session: Any, settings: MailSettings, now: datetime, hour: int) -> int:
    """One email per person gathering their daily notices written before the last digest time."""
    cutoff = digest_cutoff(now, hour)
    due = [OutboxEmail.state == "pending", OutboxEmail.mode == "daily", OutboxEmail.created_at <= cutoff]
    with open_session() as session:
        ids, lease = claim(session, OutboxEmail, due, now, settings.lease, 1000)
        rows = _rows(session, ids)
    by_person: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_person[row.OutboxEmail.to_address].append(row)
    for person_rows in by_person.values():
        subject = f"Your bargaining digest: {len(person_rows)} update{'s' if len(person_rows) != 1 else ''}"
        error = _try(settings, lambda r=person_rows, s=subject: _compose(settings, r, s))
        with open_session() as session:
            _finish(session, [r.OutboxEmail.id for r in person_rows], lease, error)
    return len(by_person)
