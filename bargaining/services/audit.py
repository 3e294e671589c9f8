"""Writing the audit trail: one row per change, in the same flush as the change."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bargaining.models import AuditEvent

TABLELESS = frozenset({"User", "ApiToken"})


def record(
    session: Session,
    actor_id: int | None,
    action: str,
    obj: Any,
    *,
    table_id: int | None = None,
    before_id: int | None = None,
    after_id: int | None = None,
    visible_to: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit row for a change to obj (visible_to: None = the whole table).

    A change at a table must name it: the table's newest event id is its revision, which
    cached clause redlines are keyed on. Only users and their tokens live outside tables.
    """
    if table_id is None and type(obj).__name__ not in TABLELESS:
        raise ValueError(f"audit event {action!r} must name its table")
    event = AuditEvent(
        table_id=table_id,
        actor_id=actor_id,
        action=action,
        object_type=type(obj).__name__,
        object_id=getattr(obj, "id", None),
        before_id=before_id,
        after_id=after_id,
        visible_to=visible_to,
        detail=detail or {},
    )
    session.add(event)
    return event
