"""Notification preferences: per user and kind, immediate, daily digest or never."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import NotFound
from bargaining.domain.events.notices import Kind, Mode
from bargaining.models import NotificationPreference, User
from bargaining.services import audit


def preferences(session: Session, user_id: int) -> dict[str, str]:
    """Every kind with the user's mode (immediate unless chosen otherwise)."""
    chosen = dict(
        session.execute(
            select(NotificationPreference.kind, NotificationPreference.mode).where(
                NotificationPreference.user_id == user_id
            )
        ).all()
    )
    return {kind.value: chosen.get(kind.value, Mode.IMMEDIATE.value) for kind in Kind}


def set_modes(session: Session, actor: Actor | None, user_id: int, modes: dict[str, str]) -> dict[str, str]:
    """Set some kinds' modes for a user (audited with old and new values); return them all."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.", code="user_not_found")
    before = preferences(session, user_id)
    mine = select(NotificationPreference).where(NotificationPreference.user_id == user_id)
    rows = {p.kind: p for p in session.scalars(mine)}
    for kind, mode in modes.items():
        if kind in rows:
            rows[kind].mode = mode
        else:
            session.add(NotificationPreference(user_id=user_id, kind=kind, mode=mode))
    detail = audit.edit_detail({k: before[k] for k in modes}, modes)
    actor_id = actor.id if actor is not None else None
    audit.record(session, actor_id, "user.notifications_changed", user, visible_to="admin", detail=detail)
    session.flush()
    return preferences(session, user_id)
