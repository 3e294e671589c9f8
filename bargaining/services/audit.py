"""Writing the audit trail: one row per change, in the same flush as the change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import Enum
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

    A change at a table must name it: the outbox numbers it in the table's event counter, which
    is the table's revision that cached views are keyed on. Only users and their tokens live
    outside tables.
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


def plain(value: Any) -> Any:
    """A value as JSON the audit row can keep: times ISO, enums by value, rows by id."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    found = getattr(value, "id", None)
    return found if found is not None else str(value)


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of obj as plain values, read before (or after) an edit."""
    return {name: plain(getattr(obj, name)) for name in fields}


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old": ..., "new": ...}} for every field an edit set (unchanged ones included)."""
    return {name: {"old": before.get(name), "new": after.get(name)} for name in after}


def edit_detail(before: Mapping[str, Any], after: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """An edit's audit detail: the changed fields' names and their old and new values."""
    return {"fields": sorted(after), "changes": changes(before, after), **extra}


def moved(label: str | None, old: Any, new: Any, **more: Mapping[str, Any]) -> dict[str, Any]:
    """A state change's audit detail: the label and {"changes": {"state": old/new, ...more}}."""
    changes = {"state": {"old": plain(old), "new": plain(new)}}
    changes.update({name: {"old": plain(v["old"]), "new": plain(v["new"])} for name, v in more.items()})
    return {"label": label, "changes": changes}
