"""Users and API tokens."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bargaining.auth import hash_token, new_token
from bargaining.domain.access import Actor
from bargaining.domain.errors import Conflict, Forbidden, NotFound
from bargaining.models import ApiToken, User, utcnow
from bargaining.services import audit


def create_user(
    session: Session, actor: Actor | None, *, email: str, name: str, is_admin: bool = False
) -> User:
    """Create a user (admins only, or the CLI with no actor)."""
    if actor is not None and not actor.is_admin:
        raise Forbidden("Only administrators create users.")
    email = email.strip().lower()
    if session.scalar(select(User.id).where(func.lower(User.email) == email)) is not None:
        raise Conflict("A user with this email exists.", field="email", code="email_taken")
    user = User(email=email, name=name.strip(), is_admin=is_admin)
    session.add(user)
    session.flush()
    audit.record(session, actor.id if actor else None, "user.created", user, visible_to="admin")
    return user


def issue_token(session: Session, user: Actor, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for the user; the clear token is returned once and never stored."""
    clear = new_token()
    token = ApiToken(user_id=user.id, token_hash=hash_token(clear), name=name)
    session.add(token)
    session.flush()
    audit.record(session, user.id, "token.created", token, visible_to="admin")
    return token, clear


def list_tokens(session: Session, user: Actor) -> list[ApiToken]:
    """Return the user's tokens, newest first."""
    stmt = select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
    return list(session.scalars(stmt))


def revoke_token(session: Session, user: Actor, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (admins may revoke anyone's)."""
    token = session.get(ApiToken, token_id)
    if token is None or (token.user_id != user.id and not user.is_admin):
        raise NotFound("No such token.", code="token_not_found")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(session, user.id, "token.revoked", token, visible_to="admin")
    session.flush()
    return token


def find_user(session: Session, *, user_id: int | None, email: str | None) -> User:
    """Find a user by id or email."""
    user = None
    if user_id is not None:
        user = session.get(User, user_id)
    elif email:
        user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise NotFound("No such user.", field="user_id" if user_id else "email", code="user_not_found")
    return user
