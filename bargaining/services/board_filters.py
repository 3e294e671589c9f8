"""Who sees what on the board, and which clauses its filters list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bargaining.domain.access import Standing
from bargaining.domain.errors import Forbidden, Invalid
from bargaining.domain.records import ClauseStatusKind, Side
from bargaining.domain.status import ClauseStatus, waiting_on
from bargaining.services.access import TableFacts
from bargaining.services.articles import visible_added
from bargaining.services.records_loader import ClauseRow

Waiting = Literal["us", "them"]


@dataclass(frozen=True, slots=True)
class BoardFilters:
    """Which clauses the board lists (counts always describe the whole table or article)."""

    status: ClauseStatusKind | None = None
    article_id: int | None = None
    ready: bool | None = None
    waiting: Waiting | None = None
    session_id: int | None = None

    @property
    def narrows_clauses(self) -> bool:
        """A clause-level filter is set: articles left without a matching clause are dropped."""
        return any(f is not None for f in (self.status, self.ready, self.waiting, self.session_id))


@dataclass(frozen=True, slots=True)
class Viewer:
    """What the caller may see at this table."""

    standing: Standing
    positions: bool
    added: bool

    def sees(self, clause: ClauseRow, status: ClauseStatus) -> bool:
        """Added clauses: only if shared with the caller or already tentatively agreed."""
        return clause.in_base or self.added or status.status is ClauseStatusKind.TENTATIVELY_AGREED


def viewer_for(table: TableFacts, standing: Standing) -> Viewer:
    """Sides' people see positions; members and side-less admins only if the table shares them."""
    return Viewer(
        standing=standing,
        positions=standing.is_party or standing.is_admin or table.members_see_passed,
        added=visible_added(standing, table),
    )


def _waiting_side(viewer: Viewer, waiting: Waiting) -> Side:
    """The side a waiting filter means, relative to the caller."""
    side = viewer.standing.side
    if side is None:
        raise Invalid(
            "Only a side's people can ask what is waiting on us or them.", field="waiting", code="no_side"
        )
    return side if waiting == "us" else side.other


def waits_on(status: ClauseStatus, side: Side) -> bool:
    """The side owes the next step: an answer on an open clause, or a countersignature."""
    return waiting_on(status, side) or (
        status.status is ClauseStatusKind.TA_PENDING and status.pending_signature_from is side
    )


@dataclass(frozen=True, slots=True)
class Match:
    """The clause-level filters, resolved."""

    filters: BoardFilters
    waiting: Side | None

    def __call__(self, status: ClauseStatus) -> bool:
        """Tell whether a clause's status passes the filters."""
        f = self.filters
        if f.status is not None and status.status != f.status:
            return False
        if f.ready is not None and status.ready_to_ta is not f.ready:
            return False
        return self.waiting is None or waits_on(status, self.waiting)


def matcher(viewer: Viewer, filters: BoardFilters) -> Match:
    """Check the filters against what the caller may see and build the clause test."""
    if filters.ready is not None and not viewer.positions:
        raise Forbidden(
            "This table does not share positions with members; cannot filter on ready to TA.",
            field="ready",
            code="positions_hidden",
        )
    waiting = _waiting_side(viewer, filters.waiting) if filters.waiting is not None else None
    return Match(filters, waiting)
