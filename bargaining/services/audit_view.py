"""Reading the audit trail of a table: who may see which events, filters, newest first.

Visibility of an event (AuditEvent.visible_to): None = everyone at the table's sides;
"union"/"employer" = only that side's negotiators, recorders and observers; "admin" =
administrators only. Parties see None and their side; administrators see None and "admin"
(and their side too if they also sit with one). Members are refused (403); outsiders get 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Forbidden
from bargaining.models import ApiToken, AuditEvent, User
from bargaining.services.access import load_table
from bargaining.services.users import find_user

ADMIN = "admin"
PREFIX_MARK = "."


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """Filters on the trail: action (exact, or a prefix ending in '.'), object, actor, time window."""

    action: str | None = None
    object_type: str | None = None
    actor_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def visible_scopes(standing: Standing) -> set[str]:
    """The restricted scopes (besides the whole table) the caller may read; 403 if none at all."""
    if not (standing.is_party or standing.is_admin):
        raise Forbidden("Members do not read the audit trail.")
    scopes: set[str] = set()
    if standing.is_party and standing.side is not None:
        scopes.add(str(standing.side))
    if standing.is_admin:
        scopes.add(ADMIN)
    return scopes


def _action_filter(action: str) -> ColumnElement[bool]:
    """Exact action, or every action under a prefix such as 'proposal.'."""
    if action.endswith(PREFIX_MARK):
        return AuditEvent.action.startswith(action, autoescape=True)
    return AuditEvent.action == action


def _event_columns() -> Select[Any]:
    """An event's columns with its actor's name (the rows AuditEventOut dumps)."""
    return select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor_id,
        User.name.label("actor_name"),
        AuditEvent.action,
        AuditEvent.object_type,
        AuditEvent.object_id,
        AuditEvent.before_id,
        AuditEvent.after_id,
        AuditEvent.detail,
    ).outerjoin(User, User.id == AuditEvent.actor_id)


def user_events(session: Session, actor: Actor, user_id: int) -> Select[Any]:
    """Select the events about a user, their tokens and their seats, newest first (administrators)."""
    if not actor.is_admin:
        raise Forbidden("Only administrators read a user's audit trail.")
    find_user(session, user_id=user_id, email=None)
    tokens = select(ApiToken.id).where(ApiToken.user_id == user_id)
    about = or_(
        and_(AuditEvent.object_type == "User", AuditEvent.object_id == user_id),
        and_(AuditEvent.object_type == "ApiToken", AuditEvent.object_id.in_(tokens)),
        and_(AuditEvent.object_type == "Membership", AuditEvent.detail["user_id"].as_integer() == user_id),
    )
    return _event_columns().where(about).order_by(AuditEvent.id.desc())


def audit_events(session: Session, actor: Actor, table_id: int, filters: AuditFilters) -> Select[Any]:
    """Select the table's events the caller may see, newest first, with the actor's name (one query)."""
    table, standing = load_table(session, actor, table_id)
    scopes = visible_scopes(standing)
    stmt = (
        _event_columns()
        .where(AuditEvent.table_id == table.id)
        .where(or_(AuditEvent.visible_to.is_(None), AuditEvent.visible_to.in_(sorted(scopes))))
        .order_by(AuditEvent.id.desc())
    )
    if filters.action:
        stmt = stmt.where(_action_filter(filters.action))
    if filters.object_type:
        stmt = stmt.where(AuditEvent.object_type == filters.object_type)
    if filters.actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == filters.actor_id)
    if filters.since is not None:
        stmt = stmt.where(AuditEvent.at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(AuditEvent.at < filters.until)
    return stmt


def page_of_rows(session: Session, stmt: Select[Any], first: int, size: int) -> tuple[int, list[Any]]:
    """Count a multi-column select and return (count, the requested page of rows)."""
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = list(session.execute(stmt.limit(size).offset(first)))
    return total, rows
