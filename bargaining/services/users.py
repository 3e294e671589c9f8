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


def issue_token(
    session: Session, user: Actor, name: str = "", *, issued_by: Actor | None = None
) -> tuple[ApiToken, str]:
    """Create a token for the user (by the user, or an administrator: the one recorded as making it).

    The clear token is returned once and never stored.
    """
    clear = new_token()
    token = ApiToken(user_id=user.id, token_hash=hash_token(clear), name=name)
    session.add(token)
    session.flush()
    maker = issued_by if issued_by is not None else user
    detail = {"user_id": user.id, "name": name, "issued_by_admin": maker.id != user.id}
    audit.record(session, maker.id, "token.created", token, visible_to="admin", detail=detail)
    return token, clear


def issue_token_for(session: Session, admin: Actor, user_id: int, name: str) -> tuple[ApiToken, str]:
    """An administrator issues a token for a user; the trail names the administrator."""
    if not admin.is_admin:
        raise Forbidden("Only administrators create tokens for others.")
    user = find_user(session, user_id=user_id, email=None)
    if user.deactivated_at is not None:
        raise Conflict("The user is deactivated.", field="user_id", code="user_deactivated")
    return issue_token(session, user, name, issued_by=admin)


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
        detail = {
            "user_id": token.user_id,
            "changes": {"revoked_at": {"old": None, "new": audit.plain(token.revoked_at)}},
        }
        audit.record(session, user.id, "token.revoked", token, visible_to="admin", detail=detail)
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
