"""A table, the caller's seat there and the table's revision, read in one statement.

The revision is the table's event counter (``event_counters.last_seq``) and the time of that
event: every change at a table writes an audit row naming the table in the same transaction
(audit.record insists on it), and the outbox numbers it by an UPDATE of the counter whose row lock
holds until commit, so a table's events commit in number order. A reader who sees the counter at
n therefore sees every change numbered up to n, whichever app server made it; the newest audit id
did not promise that on PostgreSQL (ids come from a sequence at insert, not at commit). It is read
in the same statement as the table and before the records a view is derived from, so a view is
never older than its revision. A table with no event yet has revision (0, None).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import NotFound
from bargaining.models import AuditEvent, BargainingTable, EventCounter, Membership, TableEvent

Revision = tuple[int, datetime | None]


def revision_columns(table_id: Any) -> tuple[Any, Any]:
    """The table's event counter (0 without a row) and its last event's time, as scalar subqueries."""
    last = select(EventCounter.last_seq).where(EventCounter.table_id == table_id).scalar_subquery()
    newest = (EventCounter.table_id == TableEvent.table_id) & (EventCounter.last_seq == TableEvent.seq)
    at = (
        select(AuditEvent.at)
        .join(TableEvent, TableEvent.audit_id == AuditEvent.id)
        .join(EventCounter, newest)
        .where(TableEvent.table_id == table_id)
        .scalar_subquery()
    )
    return func.coalesce(last, 0), at


_SEAT = (Membership.table_id == BargainingTable.id) & (Membership.user_id == bindparam("user_id"))
# Built once (a prebuilt statement keeps its cache key).
_TABLE_SEAT_REVISION: Select[*tuple[Any, ...]] = (
    select(BargainingTable, Membership.side, Membership.role, *revision_columns(BargainingTable.id))
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
    def stamp(self) -> tuple[int, datetime | None, int]:
        """The revision with the table row's version: where a kept view's key names the table's state.

        Both move forward together (the row's changes are events too), so a kept view at an older
        stamp is dropped when the newer one is kept; with the version elsewhere in the key (where
        the caller's seat goes) every pass, which bumps the row, kept another copy of every view."""
        return (*self.revision, self.table.version)

    @property
    def seat(self) -> tuple[Any, ...]:
        """What of the caller a view may depend on: admin, side, role."""
        return (self.standing.is_admin, self.standing.side, self.standing.role)


def load_table_revision(session: Session, actor: Actor, table_id: int) -> TableAtRevision:
    """Return the table, the caller's standing and the revision; 404 if not at the table."""
    row = session.execute(_TABLE_SEAT_REVISION, {"user_id": actor.id, "table_id": table_id}).first()
    if row is None:
        raise NotFound("No such table.", code="table_not_found")
    standing = Standing(user_id=actor.id, is_admin=actor.is_admin, side=row[1], role=row[2])
    if not standing.at_table:
        raise NotFound("No such table.", code="table_not_found")
    return TableAtRevision(row[0], standing, (row[3] or 0, row[4]))
