"""Members sign in with a single-use link sent by email; the browser session that follows is theirs alone.

The link's secret and the session's cookie are random (256 bits) and stored only as SHA-256 hashes.
A link works once (a conditional UPDATE marks it used, so two clicks cannot both succeed) and only
for a few minutes; the session expires and can be ended on every device at once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bargaining.domain.access import Role
from bargaining.domain.errors import Invalid
from bargaining.models import MemberSession, Membership, SignInLink, User
from bargaining.services import audit


@dataclass(frozen=True, slots=True)
class SessionUser:
    """The user a member session belongs to (as the pages need them)."""

    id: int
    email: str
    name: str
    is_admin: bool
    created_at: datetime


def digest(secret: str) -> str:
    """The SHA-256 under which a link's or session's secret is stored."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def member_for_email(session: Session, email: str) -> User | None:
    """The user with this address if they hold a member's seat anywhere (committees use tokens)."""
    return session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(User.email == email.strip().lower(), Membership.role == Role.MEMBER)
        .limit(1)
    )


def new_link(session: Session, user: User, now: datetime, minutes: int) -> str:
    """Make a single-use sign-in link's secret for a user (stored hashed)."""
    secret = secrets.token_urlsafe(32)
    session.add(
        SignInLink(
            user_id=user.id,
            token_hash=digest(secret),
            created_at=now,
            expires_at=now + timedelta(minutes=minutes),
        )
    )
    session.flush()
    return secret


def follow_link(session: Session, secret: str, now: datetime, hours: int) -> tuple[str, SessionUser]:
    """Use a link once: start a browser session; refuse a link unknown, used or expired (one message)."""
    refused = Invalid(
        "This sign-in link is not valid any more. Ask for a new one.", field="token", code="link_invalid"
    )
    used = session.execute(
        update(SignInLink)
        .where(
            SignInLink.token_hash == digest(secret), SignInLink.used_at.is_(None), SignInLink.expires_at > now
        )
        .values(used_at=now)
        .returning(SignInLink.user_id)
    ).first()
    if used is None:
        raise refused
    cookie = secrets.token_urlsafe(32)
    session.add(
        MemberSession(
            user_id=used.user_id,
            token_hash=digest(cookie),
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    user = session.get(User, used.user_id)
    assert user is not None
    audit.record(session, user.id, "member.signed_in", user, visible_to="admin")
    return cookie, SessionUser(user.id, user.email, user.name, user.is_admin, user.created_at)


def user_for_session(session: Session, cookie: str, now: datetime) -> SessionUser | None:
    """The user of a live (unexpired, not signed out) member session."""
    row = session.execute(
        select(User.id, User.email, User.name, User.is_admin, User.created_at)
        .join(MemberSession, MemberSession.user_id == User.id)
        .where(
            MemberSession.token_hash == digest(cookie),
            MemberSession.revoked_at.is_(None),
            MemberSession.expires_at > now,
        )
    ).first()
    return SessionUser(*row) if row is not None else None


def sign_out(session: Session, cookie: str, now: datetime, everywhere: bool) -> None:
    """End this session, or every session of its user."""
    user = user_for_session(session, cookie, now)
    if user is None:
        return
    which = MemberSession.user_id == user.id if everywhere else MemberSession.token_hash == digest(cookie)
    session.execute(
        update(MemberSession).where(which, MemberSession.revoked_at.is_(None)).values(revoked_at=now)
    )
    row = session.get(User, user.id)
    detail = {"everywhere": everywhere}
    audit.record(session, user.id, "member.signed_out", row, visible_to="admin", detail=detail)
    session.flush()
