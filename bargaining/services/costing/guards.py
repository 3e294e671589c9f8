"""Who may read and write a table's costing data (on top of bargaining.services.access)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import DomainError, Forbidden
from bargaining.domain.records import Side
from bargaining.models import BargainingTable
from bargaining.services.access import load_table, require, require_writable


def writer(session: Session, actor: Actor, table_id: int) -> tuple[BargainingTable, Standing]:
    """The table, for a side's negotiators and recorders or an administrator; 403 otherwise."""
    table, standing = load_table(session, actor, table_id)
    require(standing.edits_base, "Only a side's negotiators and recorders (or an administrator) do this.")
    require_writable(table)
    return table, standing


def side_writer(session: Session, actor: Actor, table_id: int) -> tuple[BargainingTable, Side]:
    """The table and the side the caller writes for (negotiator or recorder); 403 otherwise."""
    table, standing = load_table(session, actor, table_id)
    side = standing.writer_side
    if side is None:
        raise Forbidden("Only a side's negotiators and recorders do this.")
    require_writable(table)
    return table, side


def reads_rows(standing: Standing, side: Side | None) -> bool:
    """Individual roster rows: only the negotiators and recorders of the side that entered them."""
    return side is not None and standing.writer_side is side


def costing_side(standing: Standing) -> Side | None:
    """The side whose private costings (drafts, scenarios) the caller may read, if any."""
    return standing.side if standing.is_party else None


class PreconditionRequired(DomainError):
    """A change to an existing object came without the ETag the caller read."""

    code = "precondition_required"
    status = 428
