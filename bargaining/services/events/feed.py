"""Reading a table's events after a cursor, as the caller may see them (the feed and the stream)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.events import ADMIN, MEMBER_ACTIONS, MEMBER_PASSED_ACTIONS, Reader, shows_detail
from bargaining.models import AuditEvent, TableEvent, User
from bargaining.services.access import load_table

MAX_PAGE = 500


def reader_of(standing: Standing, members_see_passed: bool) -> Reader:
    """The events a standing may read: its side's and the table's; administrators' too; or a member's."""
    scopes: set[str] = set()
    if standing.is_party and standing.side is not None:
        scopes.add(str(standing.side))
    if standing.is_admin:
        scopes.add(ADMIN)
    member = standing.role is Role.MEMBER and not scopes
    return Reader(frozenset(scopes), member=member, members_see_passed=members_see_passed)


def visible(reader: Reader) -> ColumnElement[bool]:
    """The SQL filter matching domain.events.sees for a reader."""
    if reader.scopes:
        return or_(AuditEvent.visible_to.is_(None), AuditEvent.visible_to.in_(sorted(reader.scopes)))
    if not reader.member:
        return false()
    actions = set(MEMBER_ACTIONS) | (set(MEMBER_PASSED_ACTIONS) if reader.members_see_passed else set())
    return and_(AuditEvent.visible_to.is_(None), AuditEvent.action.in_(sorted(actions)))


def events_after(table_id: int, reader: Reader, after: int, limit: int) -> Select[Any]:
    """The table's events numbered after the cursor that the reader sees, oldest first."""
    return (
        select(
            TableEvent.seq,
            TableEvent.table_id,
            AuditEvent.at,
            AuditEvent.action,
            AuditEvent.object_type,
            AuditEvent.object_id,
            AuditEvent.actor_id,
            User.name.label("actor_name"),
            AuditEvent.detail,
        )
        .join(AuditEvent, AuditEvent.id == TableEvent.audit_id)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(TableEvent.table_id == table_id, TableEvent.seq > after, visible(reader))
        .order_by(TableEvent.seq)
        .limit(limit)
    )


def as_event(row: Any, reader: Reader) -> dict[str, Any]:
    """An event row as its reader receives it (members get no detail)."""
    return {
        "id": row.seq,
        "table_id": row.table_id,
        "at": row.at.isoformat(),
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "actor_id": row.actor_id,
        "actor_name": row.actor_name,
        "detail": row.detail if shows_detail(reader) else {},
    }


def caller_reader(session: Session, actor: Actor, table_id: int) -> Reader:
    """The caller's reader at a table (404 if they are not at it)."""
    table, standing = load_table(session, actor, table_id)
    return reader_of(standing, table.members_see_passed)


def feed(session: Session, actor: Actor, table_id: int, after: int, limit: int) -> list[dict[str, Any]]:
    """Up to limit of the table's events after the cursor, as the caller may see them."""
    reader = caller_reader(session, actor, table_id)
    rows = session.execute(events_after(table_id, reader, after, min(limit, MAX_PAGE))).all()
    return [as_event(row, reader) for row in rows]
