"""Passing proposals across the table, withdrawing them, and starting counters."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Actor, Role, TableState
from bargaining.domain.errors import Conflict, Invalid
from bargaining.domain.records import ProposalState, TAState
from bargaining.domain.sessions.ledger import LedgerKind
from bargaining.models import BargainingTable, Proposal, TAItem, TentativeAgreement, utcnow
from bargaining.services import audit
from bargaining.services.access import require, require_writable
from bargaining.services.materialize import materialize_items
from bargaining.services.proposals import editable_draft, load_proposal
from bargaining.services.sessions import ledger

CLOCK_SKEW = timedelta(minutes=2)


def lock_table(session: Session, table_id: int) -> BargainingTable:
    """Lock the table row for this transaction: passes, TAs and withdrawals take turns."""
    stmt = select(BargainingTable).where(BargainingTable.id == table_id).with_for_update()
    return session.scalars(stmt.execution_options(populate_existing=True)).one()


def pass_proposal(
    session: Session,
    actor: Actor,
    proposal_id: int,
    expected: int,
    passed_at: datetime | None = None,
    session_id: int | None = None,
) -> Proposal:
    """Pass a draft across the table: number it, version its text, make it immutable."""
    proposal, _table, standing = editable_draft(session, actor, proposal_id, expected)
    now = utcnow()
    if passed_at is not None:
        require(
            standing.role is Role.RECORDER, "Only a recorder enters the date a paper proposal was passed."
        )
        if passed_at > now + CLOCK_SKEW:
            raise Invalid("A proposal cannot be passed in the future.", field="passed_at")
    table = lock_table(session, proposal.table_id)
    require_writable(table)
    if passed_at is not None:
        not_before(passed_at, table.created_at, "the table was created", "passed_at")
        not_before(passed_at, proposal.created_at, "the draft was written", "passed_at")
    _refuse_agreed_clauses(session, table.id, [i.clause_id for i in proposal.items if i.clause_id])
    proposal.number = _next_number(table, proposal)
    proposal.label = f"{_prefix(table, proposal)}-{proposal.number}"
    proposal.state, proposal.passed_at = ProposalState.PASSED, passed_at or now
    proposal.passed_by_id, proposal.passed_on_paper = actor.id, passed_at is not None
    materialize_items(session, table, proposal, actor)
    if table.state is TableState.SETUP:
        table.state = TableState.BARGAINING
    _mark_superseded(session, proposal)
    audit.record(
        session,
        actor.id,
        "proposal.passed",
        proposal,
        table_id=table.id,
        detail={"label": proposal.label, "on_paper": proposal.passed_on_paper},
    )
    ledger.tie(session, actor, table.id, session_id, LedgerKind.PASSED, proposal.id)
    session.flush()
    return proposal


def not_before(when: datetime, earliest: datetime, what: str, field: str) -> None:
    """A paper date stays inside what the record makes possible: not before what it follows."""
    if when < earliest:
        message = f"That date is before {what} ({earliest.isoformat()})."
        raise Invalid(message, field=field, code="date_too_early")


def _prefix(table: BargainingTable, proposal: Proposal) -> str:
    """The side's number prefix at this table."""
    return table.union_prefix if proposal.side.value == "union" else table.employer_prefix


def _next_number(table: BargainingTable, proposal: Proposal) -> int:
    """Take the side's next number from the locked table row: gapless, never reused."""
    if proposal.side.value == "union":
        number, table.union_next = table.union_next, table.union_next + 1
    else:
        number, table.employer_next = table.employer_next, table.employer_next + 1
    return number


def signed_clause_ids(session: Session, table_id: int, clause_ids: list[int]) -> set[int]:
    """Return which of these clauses a signed TA has taken off the table."""
    if not clause_ids:
        return set()
    stmt = (
        select(TAItem.clause_id)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(
            TentativeAgreement.table_id == table_id,
            TentativeAgreement.state == TAState.SIGNED,
            TAItem.clause_id.in_(clause_ids),
        )
    )
    return set(session.scalars(stmt))


def _refuse_agreed_clauses(session: Session, table_id: int, clause_ids: list[int]) -> None:
    """New proposals on a TA'd clause answer 409 until the TA is reopened."""
    agreed = signed_clause_ids(session, table_id, clause_ids)
    if agreed:
        raise Conflict(
            f"Clause(s) {sorted(agreed)} are tentatively agreed; reopen the TA first.",
            field="items",
            code="clause_agreed",
        )


def _mark_superseded(session: Session, proposal: Proposal) -> None:
    """Earlier live proposals of the side whose every clause this one (or later) changes are superseded."""
    from bargaining.services.supersede import superseded_proposals

    for earlier in superseded_proposals(session, proposal):
        detail = {**audit.moved(earlier.label, earlier.state, ProposalState.SUPERSEDED), "by": proposal.label}
        earlier.state = ProposalState.SUPERSEDED
        audit.record(
            session,
            proposal.passed_by_id,
            "proposal.superseded",
            earlier,
            table_id=proposal.table_id,
            detail=detail,
        )


def withdraw(session: Session, actor: Actor, proposal_id: int, session_id: int | None = None) -> Proposal:
    """Withdraw a passed proposal: it stays in the record, marked withdrawn."""
    proposal, _table, standing = load_proposal(session, actor, proposal_id, with_items=True)
    require(
        standing.writes_for(proposal.side),
        "Only the side's negotiators and recorders withdraw its proposals.",
    )
    table = lock_table(session, proposal.table_id)
    require_writable(table)
    proposal = session.scalars(
        select(Proposal)
        .where(Proposal.id == proposal.id)
        .options(selectinload(Proposal.items))
        .execution_options(populate_existing=True)
    ).one()
    if proposal.state not in (ProposalState.PASSED, ProposalState.SUPERSEDED):
        raise Conflict(
            f"Only a passed proposal can be withdrawn (this one is {proposal.state.value}).",
            code="not_withdrawable",
        )
    if _in_signed_ta(session, proposal):
        raise Conflict(f"{proposal.label} is part of a signed TA.", code="proposal_agreed")
    detail = audit.moved(proposal.label, proposal.state, ProposalState.WITHDRAWN)
    proposal.state, proposal.withdrawn_at, proposal.withdrawn_by_id = (
        ProposalState.WITHDRAWN,
        utcnow(),
        actor.id,
    )
    audit.record(session, actor.id, "proposal.withdrawn", proposal, table_id=table.id, detail=detail)
    ledger.tie(session, actor, table.id, session_id, LedgerKind.WITHDRAWN, proposal.id)
    session.flush()
    return proposal


def _in_signed_ta(session: Session, proposal: Proposal) -> bool:
    """Whether a signed TA agreed a version this proposal introduced, or its package."""
    versions = [i.version_id for i in proposal.items if i.version_id]
    stmt = (
        select(func.count())
        .select_from(TAItem)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(TentativeAgreement.state == TAState.SIGNED, TentativeAgreement.table_id == proposal.table_id)
        .where(TAItem.version_id.in_(versions) | (TentativeAgreement.package_proposal_id == proposal.id))
    )
    return bool(session.scalar(stmt))
