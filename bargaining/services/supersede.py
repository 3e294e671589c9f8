"""Which earlier proposals a newly passed one supersedes."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from bargaining.domain.records import ProposalState
from bargaining.models import Proposal, ProposalItem


def superseded_proposals(session: Session, proposal: Proposal) -> list[Proposal]:
    """Earlier passed proposals of the same side whose every clause a later live proposal changes.

    Only a proposal sharing a clause with the new one can change state, so the read is limited
    to those and to the same side's items on their clauses (not every item of the side).
    """
    live = (ProposalState.PASSED, ProposalState.SUPERSEDED)
    covered = {i.clause_id for i in proposal.items if i.clause_id is not None}
    same_side = and_(
        Proposal.table_id == proposal.table_id,
        Proposal.side == proposal.side,
        Proposal.state.in_(live),
        Proposal.id != proposal.id,
    )
    sharing = (
        select(ProposalItem.proposal_id)
        .join(Proposal, Proposal.id == ProposalItem.proposal_id)
        .where(same_side, ProposalItem.clause_id.in_(covered))
    )
    their_clauses = select(ProposalItem.clause_id).where(ProposalItem.proposal_id.in_(sharing))
    rows = session.execute(
        select(Proposal.id, Proposal.state, ProposalItem.clause_id)
        .join(ProposalItem, ProposalItem.proposal_id == Proposal.id)
        .where(same_side, ProposalItem.clause_id.in_(their_clauses))
        .order_by(Proposal.number.desc(), Proposal.id.desc())
    ).all()
    clauses: dict[int, set[int]] = defaultdict(set)
    states: dict[int, ProposalState] = {}
    for proposal_id, state, clause_id in rows:
        if clause_id is not None:
            clauses[proposal_id].add(clause_id)
        states[proposal_id] = state
    candidates = {pid for pid, found in clauses.items() if found & covered}  # whole clause sets
    newly: list[int] = []
    for proposal_id in dict.fromkeys(r[0] for r in rows):
        passed = states[proposal_id] is ProposalState.PASSED
        if passed and proposal_id in candidates and clauses[proposal_id] <= covered:
            newly.append(proposal_id)
        covered |= clauses[proposal_id]
    if not newly:
        return []
    return list(session.scalars(select(Proposal).where(Proposal.id.in_(newly))))
