"""Loading a caller's standing at a table, and the guards views rely on."""

from __future__ import annotations

from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Role, Standing, TableState
from bargaining.domain.errors import Conflict, Forbidden, NotFound
from bargaining.domain.records import Side
from bargaining.models import BargainingTable, Clause, Membership, User


def _seat_of(
    stmt: Select[BargainingTable, Side | None, Role | None],
) -> Select[BargainingTable, Side | None, Role | None]:
    """Add the caller's seat (outer-joined: an admin may have none) to a select of a table."""
    seat = and_(Membership.table_id == BargainingTable.id, Membership.user_id == bindparam("user_id"))
    return stmt.outerjoin(Membership, seat)


# Built once (a prebuilt statement keeps its cache key): the table and the caller's seat in one query.
_TABLE_AND_SEAT = _seat_of(
    select(BargainingTable, Membership.side, Membership.role).where(
        BargainingTable.id == bindparam("table_id")
    )
)
_TABLE_OF_CLAUSE_AND_SEAT = _seat_of(
    select(BargainingTable, Membership.side, Membership.role)
    .join(Clause, Clause.table_id == BargainingTable.id)
    .where(Clause.id == bindparam("clause_id"))
)


def load_table(session: Session, user: User, table_id: int) -> tuple[BargainingTable, Standing]:
    """Return the table and the caller's standing; 404 if it does not exist for them."""
    found = _seated(session, user, _TABLE_AND_SEAT, {"table_id": table_id})
    if found is None:
        raise NotFound("No such table.", code="table_not_found")
    return found


def load_table_of_clause(session: Session, user: User, clause_id: int) -> tuple[BargainingTable, Standing]:
    """Return a clause's table and the caller's standing in one query; 404 (clause) if not theirs."""
    found = _seated(session, user, _TABLE_OF_CLAUSE_AND_SEAT, {"clause_id": clause_id})
    if found is None:
        raise NotFound("No such clause.", code="clause_not_found")
    return found


def _seated(
    session: Session,
    user: User,
    stmt: Select[BargainingTable, Side | None, Role | None],
    params: dict[str, int],
) -> tuple[BargainingTable, Standing] | None:
    """Run a table-and-seat statement; None unless the caller is at the table (or an admin)."""
    row = session.execute(stmt, {"user_id": user.id, **params}).first()
    if row is None:
        return None
    standing = Standing(user_id=user.id, is_admin=user.is_admin, side=row.side, role=row.role)
    if not standing.at_table:
        return None
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
