"""Which earlier proposals a newly passed one supersedes."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.records import ProposalState
from bargaining.models import Proposal, ProposalItem


def superseded_proposals(session: Session, proposal: Proposal) -> list[Proposal]:
    """Earlier passed proposals of the same side whose every clause a later live proposal changes."""
    live = (ProposalState.PASSED, ProposalState.SUPERSEDED)
    rows = session.execute(
        select(Proposal.id, Proposal.state, ProposalItem.clause_id)
        .join(ProposalItem, ProposalItem.proposal_id == Proposal.id)
        .where(
            Proposal.table_id == proposal.table_id,
            Proposal.side == proposal.side,
            Proposal.state.in_(live),
            Proposal.id != proposal.id,
        )
        .order_by(Proposal.passed_at.desc(), Proposal.id.desc())
    ).all()
    clauses: dict[int, set[int]] = defaultdict(set)
    states: dict[int, ProposalState] = {}
    for proposal_id, state, clause_id in rows:
        if clause_id is not None:
            clauses[proposal_id].add(clause_id)
        states[proposal_id] = state
    covered = {i.clause_id for i in proposal.items if i.clause_id is not None}
    newly: list[int] = []
    for proposal_id in dict.fromkeys(r[0] for r in rows):
        if states[proposal_id] is ProposalState.PASSED and clauses[proposal_id] <= covered:
            newly.append(proposal_id)
        covered |= clauses[proposal_id]
    if not newly:
        return []
    return list(session.scalars(select(Proposal).where(Proposal.id.in_(newly))))
