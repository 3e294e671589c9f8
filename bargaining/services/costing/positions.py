"""Each side's current economic position and the TA'd terms, derived exactly as the status board derives
clause positions (bargaining.domain.status.derive_status over the same records), so the two never disagree.

A side's position on a clause is its latest live (passed, not withdrawn) item there; the terms are
that item's. A clause under a signed TA holds the agreed terms on both sides: the terms of the live
item whose language the TA agreed (the latest such item, in pass order). Drafts never count.
Statements: one for the items with terms, then load_records' six for just those clauses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.records import ClauseStatusKind, ProposalState, Side
from bargaining.domain.status import ClauseStatus, Position, derive_status
from bargaining.models import Clause, Proposal, ProposalItem
from bargaining.services.records_loader import load_records

_LIVE_ITEMS = (
    select(
        ProposalItem.id,
        ProposalItem.proposal_id,
        ProposalItem.clause_id,
        ProposalItem.version_id,
        ProposalItem.terms,
        Proposal.label,
        Proposal.side,
        Proposal.passed_at,
        Clause.number,
    )
    .join(Proposal, Proposal.id == ProposalItem.proposal_id)
    .join(Clause, Clause.id == ProposalItem.clause_id)
    .where(Proposal.table_id == bindparam("table_id"), Proposal.state != ProposalState.DRAFT)
    .order_by(Proposal.passed_at, Proposal.id)
)


@dataclass(frozen=True, slots=True)
class TermedItem:
    """A passed proposal item that carries economic terms."""

    item_id: int
    proposal_id: int
    clause_id: int
    version_id: int | None
    terms: list[dict[str, Any]]
    label: str
    side: Side
    passed_at: datetime | None
    clause_number: str


@dataclass(slots=True)
class Positions:
    """The terms behind each side's position and behind the signed TAs, clause by clause."""

    union: list[TermedItem] = field(default_factory=list)
    employer: list[TermedItem] = field(default_factory=list)
    agreed: list[TermedItem] = field(default_factory=list)

    def of(self, side: Side) -> list[TermedItem]:
        """One side's position."""
        return self.union if side is Side.UNION else self.employer


def termed_items(session: Session, table_id: int) -> list[TermedItem]:
    """Every passed item at the table with terms, in pass order (one statement)."""
    rows = session.execute(_LIVE_ITEMS, {"table_id": table_id})
    return [
        TermedItem(iid, pid, cid, vid, terms, label or "", side, passed_at, number)
        for iid, pid, cid, vid, terms, label, side, passed_at, number in rows
        if terms
    ]


def derive_positions(session: Session, table_id: int) -> Positions:
    """Each side's current terms and the TA'd terms, from the record."""
    items = termed_items(session, table_id)
    if not items:
        return Positions()
    records = load_records(session, table_id, clause_ids={i.clause_id for i in items})
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    return positions_from(items, statuses)


def positions_from(items: list[TermedItem], statuses: Mapping[int, ClauseStatus]) -> Positions:
    """The positions behind termed items, given the derived statuses of (at least) their clauses."""
    termed = {i.clause_id for i in items}
    statuses = {c: s for c, s in statuses.items() if c in termed}
    by_key = {(i.proposal_id, i.clause_id): i for i in items}
    positions = Positions()
    for clause_id, status in statuses.items():
        agreed = _agreed(status, items) if status.status is ClauseStatusKind.TENTATIVELY_AGREED else None
        if status.status is ClauseStatusKind.TENTATIVELY_AGREED:
            if agreed is not None:
                positions.agreed.append(agreed)
                positions.union.append(agreed)
                positions.employer.append(agreed)
            continue
        for side, position in ((Side.UNION, status.union), (Side.EMPLOYER, status.employer)):
            held = _held(position, clause_id, by_key)
            if held is not None:
                positions.of(side).append(held)
    return positions


def _held(position: Position, clause_id: int, by_key: dict[tuple[int, int], TermedItem]) -> TermedItem | None:
    """The termed item behind a side's position on a clause, if its language carries terms."""
    if position.kind != "version" or position.proposal_id is None:
        return None
    return by_key.get((position.proposal_id, clause_id))


def _agreed(status: ClauseStatus, items: list[TermedItem]) -> TermedItem | None:
    """The latest live termed item whose language a signed TA agreed."""
    agreed = status.agreed
    if agreed is None or agreed.kind != "version":
        return None
    live = set(status.live_proposal_ids)
    same = [i for i in items if i.clause_id == status.clause_id and i.version_id == agreed.version_id]
    matches = [i for i in same if i.proposal_id in live] or same
    return matches[-1] if matches else None
