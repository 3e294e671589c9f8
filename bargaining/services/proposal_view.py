"""Proposal views: items, what a proposal answers, what answers it, and regression warnings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Standing
from bargaining.domain.crossrefs import (
    ProposalWarning,
    ProposedChange,
    may_break_references,
    proposal_warnings,
)
from bargaining.domain.hashing import content_hash
from bargaining.domain.records import ClauseRecord, ProposalState, Side, TAState
from bargaining.domain.status import derive_status
from bargaining.models import (
    BargainingTable,
    Clause,
    ClauseVersion,
    Proposal,
    ProposalItem,
    TAItem,
    TentativeAgreement,
    proposal_responses,
)
from bargaining.services.proposals import visible_proposals
from bargaining.services.records_loader import load_records

LIVE = (ProposalState.PASSED, ProposalState.SUPERSEDED, ProposalState.AGREED)


@dataclass
class ProposalView:
    """A proposal as the caller sees it."""

    proposal: Proposal
    items: list[ProposalItem]
    responds_to: list[Proposal]
    responded_by: list[Proposal]
    warnings: list[ProposalWarning]
    clause_status: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        """Read the proposal's own attributes through the view."""
        return getattr(self.proposal, name)


@dataclass
class _Context:
    """What warnings need, loaded once for a page of proposals."""

    clauses: dict[int, ClauseRecord]
    signed_texts: dict[int, str]
    moves: list[tuple[Side, int, datetime, int, str]]


def view_proposals(
    session: Session, standing: Standing, table: BargainingTable, ids: list[int]
) -> list[ProposalView]:
    """Build views of these proposals in a constant number of queries."""
    if not ids:
        return []
    proposals = list(
        session.scalars(
            select(Proposal)
            .where(Proposal.id.in_(ids))
            .options(selectinload(Proposal.items))
            .execution_options(populate_existing=True)
        )
    )
    by_id = {p.id: p for p in proposals}
    answered = _linked(session, standing, table, ids, answering=True)
    answers = _linked(session, standing, table, ids, answering=False)
    context = _context(session, table.id, proposals)
    statuses = _statuses(session, table.id, [i.clause_id for p in proposals for i in p.items if i.clause_id])
    return [
        ProposalView(
            proposal=by_id[i],
            items=list(by_id[i].items),
            responds_to=answers.get(i, []),
            responded_by=answered.get(i, []),
            warnings=_warnings(by_id[i], context),
            clause_status={
                str(item.clause_id): statuses[item.clause_id]
                for item in by_id[i].items
                if item.clause_id in statuses
            },
        )
        for i in ids
    ]


def _statuses(session: Session, table_id: int, clause_ids: list[int]) -> dict[int, str]:
    """The derived status of these clauses: the same derivation as the status board."""
    if not clause_ids:
        return {}
    records = load_records(session, table_id, clause_ids=clause_ids)
    derived = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    return {clause_id: status.status.value for clause_id, status in derived.items()}


def _linked(
    session: Session, standing: Standing, table: BargainingTable, ids: list[int], *, answering: bool
) -> dict[int, list[Proposal]]:
    """The visible proposals each of these answers (or, with answering=True, that answer it)."""
    mine, theirs = proposal_responses.c.proposal_id, proposal_responses.c.responds_to_id
    if answering:
        mine, theirs = theirs, mine
    rows = session.execute(
        select(mine, Proposal)
        .join(Proposal, Proposal.id == theirs)
        .where(mine.in_(ids), visible_proposals(standing, table))
        .order_by(Proposal.id)
    ).all()
    out: dict[int, list[Proposal]] = defaultdict(list)
    for source, proposal in rows:
        out[source].append(proposal)
    return out


def _context(session: Session, table_id: int, proposals: list[Proposal]) -> _Context:
    """Load what these proposals' warnings need: their clauses, their sides' live moves on them,
    and (only if one deletes or renumbers a clause) the signed TA texts that might cite it."""
    changed = sorted({i.clause_id for p in proposals for i in p.items if i.clause_id is not None})
    risky = any(may_break_references(i.action, i.new_number) for p in proposals for i in p.items)
    clause_stmt = (
        select(
            Clause.id,
            Clause.article_id,
            Clause.number,
            Clause.in_base,
            Clause.base_version_id,
            ClauseVersion.content_hash,
        )
        .outerjoin(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
        .where(Clause.table_id == table_id)
    )
    if not risky:  # the citing clauses are named only in reference warnings
        clause_stmt = clause_stmt.where(Clause.id.in_(changed))
    clauses = {r[0]: ClauseRecord(*r) for r in session.execute(clause_stmt)}
    signed = _signed_texts(session, table_id) if risky else {}
    moves = session.execute(
        select(
            Proposal.side,
            ProposalItem.clause_id,
            Proposal.passed_at,
            Proposal.id,
            ProposalItem.content_hash,
        )
        .join(ProposalItem, ProposalItem.proposal_id == Proposal.id)
        .where(
            Proposal.table_id == table_id,
            Proposal.state.in_(LIVE),
            Proposal.side.in_({p.side for p in proposals}),
            ProposalItem.clause_id.in_(changed),
            ProposalItem.content_hash.is_not(None),
        )
        .order_by(Proposal.passed_at, Proposal.id)
    ).all()
    kept = [
        (side, clause_id, at, pid, digest)
        for side, clause_id, at, pid, digest in moves
        if clause_id is not None and at is not None and digest is not None
    ]
    return _Context(clauses, signed, kept)


def _signed_texts(session: Session, table_id: int) -> dict[int, str]:
    """Clause id -> the text a signed TA agreed for it."""
    rows = session.execute(
        select(TAItem.clause_id, ClauseVersion.text)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .join(ClauseVersion, ClauseVersion.id == TAItem.version_id)
        .where(TentativeAgreement.table_id == table_id, TentativeAgreement.state == TAState.SIGNED)
    )
    return {row.clause_id: row.text for row in rows}


def _warnings(proposal: Proposal, context: _Context) -> list[ProposalWarning]:
    """The regression warnings for one proposal."""
    earlier: dict[int, str] = {}
    for side, clause_id, passed_at, proposal_id, digest in context.moves:
        if side != proposal.side or proposal_id == proposal.id:
            continue
        if proposal.passed_at is None or (passed_at, proposal_id) < (proposal.passed_at, proposal.id):
            earlier[clause_id] = digest
    changes = [
        ProposedChange(
            clause_id=item.clause_id,
            action=item.action,
            new_number=item.new_number,
            content_hash=item.content_hash or (content_hash(item.text) if item.text is not None else None),
        )
        for item in proposal.items
        if item.clause_id is not None
    ]
    return proposal_warnings(
        proposal_side=proposal.side,
        changes=changes,
        clauses=context.clauses,
        signed_ta_texts=context.signed_texts,
        own_earlier_hashes=earlier,
    )
