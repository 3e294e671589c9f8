"""Loading a caller's standing at a table, and the guards views rely on."""

from __future__ import annotations

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Role, Standing, TableState
from bargaining.domain.errors import Conflict, Forbidden, NotFound
from bargaining.models import BargainingTable, Membership, User

# Built once (a prebuilt statement keeps its cache key): the table and the caller's seat in one query.
_TABLE_AND_SEAT = (
    select(BargainingTable, Membership.side, Membership.role)
    .outerjoin(
        Membership,
        and_(Membership.table_id == BargainingTable.id, Membership.user_id == bindparam("user_id")),
    )
    .where(BargainingTable.id == bindparam("table_id"))
)


def load_table(session: Session, user: User, table_id: int) -> tuple[BargainingTable, Standing]:
    """Return the table and the caller's standing; 404 if it does not exist for them."""
    row = session.execute(_TABLE_AND_SEAT, {"user_id": user.id, "table_id": table_id}).first()
    if row is None:
        raise NotFound("No such table.", code="table_not_found")
    standing = Standing(user_id=user.id, is_admin=user.is_admin, side=row.side, role=row.role)
    if not standing.at_table:
        raise NotFound("No such table.", code="table_not_found")
    table: BargainingTable = row.BargainingTable
    return table, standing


def require(allowed: bool, message: str) -> None:
    """Raise 403 unless allowed."""
    if not allowed:
        raise Forbidden(message)


def require_party(standing: Standing) -> None:
    """Only the sides' people (not members, not a bare admin) may do this."""
    require(standing.is_party, "Only the bargaining committees may do this.")


def require_not_member(standing: Standing) -> None:
    """Members read summaries only."""
    require(standing.role is not Role.MEMBER or standing.is_admin, "Members may not do this.")


def require_writable(table: BargainingTable) -> None:
    """A ratified table is read-only."""
    if table.state is TableState.RATIFIED:
        raise Conflict("This table is ratified and read-only.", code="table_ratified")


def require_setup(table: BargainingTable, what: str) -> None:
    """The current contract can be entered only before bargaining opens."""
    require_writable(table)
    if table.state is not TableState.SETUP:
        raise Conflict(f"Bargaining has opened: {what} is no longer allowed.", code="bargaining_open")
