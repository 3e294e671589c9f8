"""Loading a caller's standing at a table, and the guards views rely on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, and_, bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Role, Standing, TableState
from bargaining.domain.errors import Conflict, Forbidden, NotFound
from bargaining.models import BargainingTable, Membership


def _seat() -> ColumnElement[bool]:
    """The caller's seat at the selected table (outer-joined: an admin may have none)."""
    return and_(Membership.table_id == BargainingTable.id, Membership.user_id == bindparam("user_id"))


# Built once (a prebuilt statement keeps its cache key, most of a small query's cost).
_TABLE_AND_SEAT = (
    select(BargainingTable, Membership.side, Membership.role)
    .outerjoin(Membership, _seat())
    .where(BargainingTable.id == bindparam("table_id"))
)


class TableFacts(Protocol):
    """What read paths need of a table: a BargainingTable, or a TableRow read without the ORM."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def union_name(self) -> str: ...
    @property
    def employer_name(self) -> str: ...
    @property
    def state(self) -> TableState: ...
    @property
    def members_see_passed(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class TableRow:
    """A table's facts read in a Core statement, for paths that only read (a third of an ORM load)."""

    id: int
    title: str
    union_name: str
    employer_name: str
    state: TableState
    members_see_passed: bool


def load_table(session: Session, user: Actor, table_id: int) -> tuple[BargainingTable, Standing]:
    """Return the table and the caller's standing; 404 if it does not exist for them."""
    row = session.execute(_TABLE_AND_SEAT, {"user_id": user.id, "table_id": table_id}).first()
    standing = _standing(user, row)
    if row is None or standing is None:
        raise NotFound("No such table.", code="table_not_found")
    table: BargainingTable = row.BargainingTable
    return table, standing


def _standing(user: Actor, row: Any) -> Standing | None:
    """The caller's standing from a row with their seat's side and role; None if not at the table."""
    if row is None:
        return None
    standing = Standing(user_id=user.id, is_admin=user.is_admin, side=row.side, role=row.role)
    return standing if standing.at_table else None


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
    """A ratified or archived table is read-only."""
    if table.archived_at is not None:
        raise Conflict("This table is archived: it can be read but not changed.", code="table_archived")
    if table.state is TableState.RATIFIED:
        raise Conflict("This table is ratified and read-only.", code="table_ratified")


def require_setup(table: BargainingTable, what: str) -> None:
    """The current contract can be entered only before bargaining opens."""
    require_writable(table)
    if table.state is not TableState.SETUP:
        raise Conflict(f"Bargaining has opened: {what} is no longer allowed.", code="bargaining_open")
