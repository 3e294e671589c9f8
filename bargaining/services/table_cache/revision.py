"""A table, the caller's seat there and the table's revision, read in one statement.

The revision is the id and time of the table's newest audit event, as the clause redline cache
uses (bargaining.services.clause_records): every change at a table writes an audit row naming
the table in the same transaction (audit.record insists on it), so the revision moves with every
committed change, whichever app server made it. It is read in the same statement as the table
and before the records a view is derived from, so a view is never older than its revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import NotFound
from bargaining.models import AuditEvent, BargainingTable, Membership

Revision = tuple[int, datetime | None]


def _newest(column: Any) -> Any:
    """A column of the table's newest audit event (an index seek on table_id, id)."""
    newest = select(column).where(AuditEvent.table_id == BargainingTable.id).order_by(AuditEvent.id.desc())
    return newest.limit(1).scalar_subquery()


_SEAT = (Membership.table_id == BargainingTable.id) & (Membership.user_id == bindparam("user_id"))
# Built once (a prebuilt statement keeps its cache key).
_TABLE_SEAT_REVISION: Select[Any] = (
    select(BargainingTable, Membership.side, Membership.role, _newest(AuditEvent.id), _newest(AuditEvent.at))
    .outerjoin(Membership, _SEAT)
    .where(BargainingTable.id == bindparam("table_id"))
)


@dataclass(frozen=True, slots=True)
class TableAtRevision:
    """A table, the caller's standing at it and the table's revision."""

    table: BargainingTable
    standing: Standing
    revision: Revision

    @property
    def seat(self) -> tuple[Any, ...]:
        """The table row's version and what of the caller a view may depend on: admin, side, role."""
        return (self.table.version, self.standing.is_admin, self.standing.side, self.standing.role)


def load_table_revision(session: Session, actor: Actor, table_id: int) -> TableAtRevision:
    """Return the table, the caller's standing and the revision; 404 if not at the table."""
    row = session.execute(_TABLE_SEAT_REVISION, {"user_id": actor.id, "table_id": table_id}).first()
    if row is None:
        raise NotFound("No such table.", code="table_not_found")
    standing = Standing(user_id=actor.id, is_admin=actor.is_admin, side=row[1], role=row[2])
    if not standing.at_table:
        raise NotFound("No such table.", code="table_not_found")
    return TableAtRevision(row[0], standing, (row[3] or 0, row[4]))
