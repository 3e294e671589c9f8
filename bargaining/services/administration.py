"""Administration: deactivate a user, archive a table; and the guard that keeps archived tables read-only.

Deactivating a user stops every way they are known at once: their tokens are revoked and the
token lookup (bargaining.auth) refuses any user with ``deactivated_at`` set, so the members'
cookie session (which carries a token) stops too. Archiving a table keeps it readable and refuses
every write: services call ``access.require_writable`` (code ``table_archived``), and
``refuse_writes_to_archived_tables`` catches, at flush, any write to a row of an archived table
that a capability's service forgot to guard.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, update
from sqlalchemy.orm import Session, attributes

from bargaining.domain.access import Actor
from bargaining.domain.errors import Conflict, Forbidden, ensure_version
from bargaining.models import ApiToken, AuditEvent, BargainingTable, User, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require
from bargaining.services.users import find_user


def deactivate_user(session: Session, actor: Actor, user_id: int) -> User:
    """Deactivate a user and revoke their tokens (administrators; never yourself)."""
    if not actor.is_admin:
        raise Forbidden("Only administrators deactivate users.")
    user = find_user(session, user_id=user_id, email=None)
    if user.id == actor.id:
        raise Conflict("You cannot deactivate yourself.", field="user_id", code="conflict")
    if user.deactivated_at is not None:
        raise Conflict("The user is already deactivated.", code="user_deactivated")
    now = utcnow()
    user.deactivated_at = now
    live = (ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    result = session.execute(update(ApiToken).where(*live).values(revoked_at=now))
    revoked = int(getattr(result, "rowcount", 0) or 0)
    detail = {
        "old": {"deactivated_at": None},
        "new": {"deactivated_at": now.isoformat()},
        "tokens_revoked": revoked,
    }
    audit.record(session, actor.id, "user.deactivated", user, visible_to="admin", detail=detail)
    session.flush()
    return user


def archive_table(session: Session, actor: Actor, table_id: int, expected: int) -> BargainingTable:
    """Archive a table: it stays readable, every write is refused (administrators)."""
    table, standing = load_table(session, actor, table_id)
    require(standing.is_admin, "Only administrators archive tables.")
    if table.archived_at is not None:
        raise Conflict("This table is already archived.", code="table_archived")
    ensure_version("table", table.version, expected)
    table.archived_at = utcnow()
    detail = {"old": {"archived_at": None}, "new": {"archived_at": table.archived_at.isoformat()}}
    audit.record(session, actor.id, "table.archived", table, table_id=table.id, detail=detail)
    session.flush()
    return table


def _table_ids_written(session: Session) -> set[int]:
    """The tables whose rows this flush writes (not audit rows, not the archiving itself)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent):
            continue
        if isinstance(obj, BargainingTable):
            if obj.id is not None and not attributes.get_history(obj, "archived_at").has_changes():
                ids.add(obj.id)
            continue
        table_id = getattr(obj, "table_id", None)
        if isinstance(table_id, int):
            ids.add(table_id)
    return ids


def refuse_writes_to_archived_tables(session: Session, _context: Any, _instances: Any) -> None:
    """Before a flush: refuse any write to a row of an archived table (the table is usually loaded)."""
    ids = _table_ids_written(session)
    if not ids:
        return
    with session.no_autoflush:
        for table_id in ids:
            table = session.get(BargainingTable, table_id)
            if table is not None and table.archived_at is not None:
                raise Conflict(
                    "This table is archived: it can be read but not changed.", code="table_archived"
                )


def install_archive_guard() -> None:
    """Register the flush guard on every session (once)."""
    if not event.contains(Session, "before_flush", refuse_writes_to_archived_tables):
        event.listen(Session, "before_flush", refuse_writes_to_archived_tables)
