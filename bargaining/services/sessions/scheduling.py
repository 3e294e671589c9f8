"""Scheduling sessions, editing them (state, window, place, agenda) and entering attendance."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Invalid, NotFound, ensure_version
from bargaining.domain.sessions.states import SessionState, check_move, check_window
from bargaining.models import BargainingSession, BargainingTable, Membership, SessionAttendee
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.sessions.changes import apply, plain

FIELDS = ("title", "starts_at", "ends_at", "place", "video_link", "agenda", "state", "cancel_reason")


def require_session_writer(standing: Standing) -> None:
    """Either side's negotiators and recorders keep the table's calendar and attendance."""
    require(standing.writer_side is not None, "Only the sides' negotiators and recorders keep sessions.")


def load_session(
    session: Session, actor: Actor, session_id: int, *, with_attendees: bool = False
) -> tuple[BargainingSession, BargainingTable, Standing]:
    """Return a session the caller may see (anyone at its table), or 404."""
    stmt = select(BargainingSession).where(BargainingSession.id == session_id)
    if with_attendees:
        stmt = stmt.options(selectinload(BargainingSession.attendees))
    row = session.scalar(stmt)
    if row is None:
        raise NotFound("No such session.", code="session_not_found")
    table, standing = load_table(session, actor, row.table_id)
    return row, table, standing


def list_sessions(
    session: Session, actor: Actor, table_id: int, filters: dict[str, Any]
) -> tuple[Select[BargainingSession], Standing]:
    """Select the table's sessions, in time order, filtered by state and date; and the caller's standing."""
    _table, standing = load_table(session, actor, table_id)
    stmt = select(BargainingSession).where(BargainingSession.table_id == table_id)
    if "state" in filters:
        stmt = stmt.where(BargainingSession.state == SessionState(filters["state"]))
    if "after" in filters:
        stmt = stmt.where(BargainingSession.ends_at >= filters["after"])
    if "before" in filters:
        stmt = stmt.where(BargainingSession.starts_at <= filters["before"])
    stmt = stmt.options(selectinload(BargainingSession.attendees))
    return stmt.order_by(BargainingSession.starts_at, BargainingSession.id), standing


def schedule(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> BargainingSession:
    """Put a session on the table's calendar (or enter one already held)."""
    table, standing = load_table(session, actor, table_id)
    require_session_writer(standing)
    require_writable(table)
    check_window(data["starts_at"], data["ends_at"])
    fields = {k: data[k] for k in FIELDS if k in data}
    fields["state"] = SessionState(fields.get("state", SessionState.SCHEDULED))
    check_move(SessionState.SCHEDULED, fields["state"])
    row = BargainingSession(table_id=table_id, created_by_id=actor.id, **fields)
    row.attendees = _attendees(session, table_id, data.get("attendees", []))
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor.id,
        "session.scheduled",
        row,
        table_id=table_id,
        detail={k: plain(v) for k, v in fields.items()} | {"attendees": _attendance(row.attendees)},
    )
    return row


def update(
    session: Session, actor: Actor, session_id: int, expected: int, data: dict[str, Any]
) -> BargainingSession:
    """Edit a session: reschedule, move it along (held, cancelled), change place or agenda."""
    row, table, standing = load_session(session, actor, session_id, with_attendees=True)
    require_session_writer(standing)
    require_writable(table)
    ensure_version("session", row.version, expected)
    if "state" in data:
        data = {**data, "state": SessionState(data["state"])}
        check_move(row.state, data["state"])
    check_window(data.get("starts_at", row.starts_at), data.get("ends_at", row.ends_at))
    changed = apply(row, data, FIELDS)
    if changed:
        audit.record(session, actor.id, "session.updated", row, table_id=row.table_id, detail=changed)
        session.flush()
    return row


def set_attendance(
    session: Session, actor: Actor, session_id: int, expected: int, people: list[dict[str, Any]]
) -> BargainingSession:
    """Replace a session's attendance (both sides' people and guests), as the recorder has it."""
    row, table, standing = load_session(session, actor, session_id, with_attendees=True)
    require_session_writer(standing)
    require_writable(table)
    ensure_version("session", row.version, expected)
    old = _attendance(row.attendees)
    row.attendees = _attendees(session, row.table_id, people)
    new = _attendance(row.attendees)
    if old != new:
        flag_modified(row, "title")  # attendance is part of what the session's ETag guards
        audit.record(
            session,
            actor.id,
            "session.attendance",
            row,
            table_id=row.table_id,
            detail={"attendees": {"old": old, "new": new}},
        )
        session.flush()
    return row


def _attendees(session: Session, table_id: int, people: list[dict[str, Any]]) -> list[SessionAttendee]:
    """Attendee rows in the order given; a named user must have a seat at the table."""
    named = {p["user_id"] for p in people if p.get("user_id") is not None}
    if named:
        seated = set(
            session.scalars(
                select(Membership.user_id).where(
                    Membership.table_id == table_id, Membership.user_id.in_(named)
                )
            )
        )
        if named - seated:
            raise Invalid(f"Not seated at this table: users {sorted(named - seated)}.", field="attendees")
    return [
        SessionAttendee(
            position=i, side=p["side"], name=p["name"], role=p.get("role", ""), user_id=p.get("user_id")
        )
        for i, p in enumerate(people)
    ]


def _attendance(rows: list[SessionAttendee]) -> list[dict[str, Any]]:
    """Attendance as plain values for the audit trail."""
    return [{"side": r.side, "name": r.name, "role": r.role, "user_id": r.user_id} for r in rows]
