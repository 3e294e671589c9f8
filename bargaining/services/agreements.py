"""Tentative agreements: offer, countersign or reject, reopen by consent, summaries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.errors import Conflict, Invalid, NotFound
from bargaining.domain.records import ProposalState, Side, TAState
from bargaining.domain.sessions.ledger import LedgerKind
from bargaining.models import ClauseVersion, Membership, Proposal, TAItem, TentativeAgreement, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.passing import CLOCK_SKEW, lock_table, not_before
from bargaining.services.sessions import ledger
from bargaining.services.ta_items import (
    agreed_hash,
    build_ta_items,
    ensure_clauses_free,
    ensure_still_live,
    package_items,
)
from bargaining.services.ta_summaries import append_summary, require_summary_writer


def _reload(session: Session, ta_id: int) -> TentativeAgreement:
    """Re-read a TA and its items after taking the table lock."""
    stmt = (
        select(TentativeAgreement)
        .where(TentativeAgreement.id == ta_id)
        .options(selectinload(TentativeAgreement.items))
        .execution_options(populate_existing=True)
    )
    return session.scalars(stmt).one()


def visible_tas(standing: Standing) -> ColumnElement[bool]:
    """Parties and admins see every TA; members see signed ones."""
    if standing.is_party or standing.is_admin:
        return true()
    return TentativeAgreement.state == TAState.SIGNED


def load_ta(session: Session, actor: Actor, ta_id: int) -> tuple[TentativeAgreement, Standing]:
    """Return a TA the caller may see with its items, or 404."""
    ta = session.scalar(
        select(TentativeAgreement)
        .where(TentativeAgreement.id == ta_id)
        .options(selectinload(TentativeAgreement.items))
    )
    if ta is None:
        raise NotFound("No such tentative agreement.", code="ta_not_found")
    _table, standing = load_table(session, actor, ta.table_id)
    if not (standing.is_party or standing.is_admin) and ta.state is not TAState.SIGNED:
        raise NotFound("No such tentative agreement.", code="ta_not_found")
    return ta, standing


def list_tas(
    session: Session, actor: Actor, table_id: int, filters: dict[str, Any]
) -> Select[TentativeAgreement]:
    """Select the table's TAs the caller may see."""
    _table, standing = load_table(session, actor, table_id)
    stmt = select(TentativeAgreement).where(TentativeAgreement.table_id == table_id, visible_tas(standing))
    if "state" in filters:
        stmt = stmt.where(TentativeAgreement.state == TAState(filters["state"]))
    if "clause_id" in filters:
        stmt = stmt.where(TentativeAgreement.items.any(TAItem.clause_id == filters["clause_id"]))
    return stmt.options(selectinload(TentativeAgreement.items)).order_by(TentativeAgreement.number)


def _signer(
    session: Session, standing: Standing, table_id: int, data: dict[str, Any]
) -> tuple[Side, int, int | None, datetime | None]:
    """Who signs: a negotiator in person, or a recorder recording a negotiator's paper signature."""
    side = standing.writer_side
    require(side is not None, "Only a side's negotiators sign (or its recorders record a paper signature).")
    assert side is not None
    signed_at = data.get("signed_at")
    if signed_at is not None and signed_at > utcnow() + CLOCK_SKEW:
        raise Invalid("A signature cannot be dated in the future.", field="signed_at")
    if standing.role is Role.NEGOTIATOR:
        if data.get("signed_by_id") not in (None, standing.user_id) or signed_at is not None:
            raise Invalid(
                "Negotiators sign for themselves, now; recorders enter paper signatures.",
                field="signed_by_id",
            )
        return side, standing.user_id, None, None
    signer = session.scalar(
        select(Membership).where(
            Membership.table_id == table_id, Membership.user_id == data.get("signed_by_id")
        )
    )
    if signer is None or signer.side != side or signer.role is not Role.NEGOTIATOR:
        raise Invalid("Name the negotiator of your side who signed on paper.", field="signed_by_id")
    return side, signer.user_id, standing.user_id, signed_at


def offer(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> TentativeAgreement:
    """Offer a TA signed by the offering side; the other side must countersign."""
    table, standing = load_table(session, actor, table_id)
    side, signer_id, recorder_id, signed_at = _signer(session, standing, table_id, data)
    if data.get("summary"):
        require_summary_writer(standing)
    package_id = data.get("package_proposal_id")
    payloads = data.get("items") or []
    if package_id is not None:
        whole = package_items(session, table_id, package_id)
        if payloads and sorted(p["clause_id"] for p in payloads) != sorted(p["clause_id"] for p in whole):
            raise Invalid(
                "A package TA covers exactly the package's clauses.", field="items", code="package_whole"
            )
        payloads = payloads or whole
    table = lock_table(session, table_id)
    require_writable(table)
    if signed_at is not None:
        not_before(signed_at, table.created_at, "the table was created", "signed_at")
    items = build_ta_items(session, table_id, payloads, package_id)
    if signed_at is not None:
        _not_before_passes(session, signed_at, [i.version_id for i in items if i.version_id], package_id)
    ensure_clauses_free(session, table_id, [i.clause_id for i in items])
    ta = TentativeAgreement(
        table_id=table_id,
        number=table.ta_next,
        label=f"TA-{table.ta_next}",
        package_proposal_id=package_id,
        summary="",
        agreed_hash=agreed_hash(items),
        offered_by=side,
        offered_by_id=signer_id,
        offered_recorded_by_id=recorder_id,
        offered_at=signed_at or utcnow(),
        items=items,
    )
    table.ta_next += 1
    session.add(ta)
    session.flush()
    if data.get("summary"):
        append_summary(session, actor.id, ta, data["summary"])
        session.flush()
    audit.record(
        session,
        actor.id,
        "ta.offered",
        ta,
        table_id=table_id,
        detail={
            "label": ta.label,
            "clauses": [i.clause_id for i in items],
            "on_paper": recorder_id is not None,
        },
    )
    ledger.tie(session, actor, table_id, data.get("session_id"), LedgerKind.TA_OFFERED, ta.id)
    return ta


def _not_before_passes(
    session: Session, signed_at: datetime, version_ids: list[int], package_id: int | None
) -> None:
    """A paper offer is not dated before the passes that put its language (or package) on the table."""
    passed = select(func.max(Proposal.passed_at)).where(
        Proposal.id.in_(select(ClauseVersion.proposal_id).where(ClauseVersion.id.in_(version_ids)))
        | (Proposal.id == package_id)
    )
    latest = session.scalar(passed)
    if latest is not None:
        not_before(signed_at, latest, "the language it agrees was passed", "signed_at")


def countersign(session: Session, actor: Actor, ta_id: int, data: dict[str, Any]) -> TentativeAgreement:
    """The other side countersigns: the TA is signed and immutable, its clauses off the table."""
    ta, standing = load_ta(session, actor, ta_id)
    side, signer_id, recorder_id, signed_at = _signer(session, standing, ta.table_id, data)
    if side == ta.offered_by:
        raise Conflict("The other side countersigns a TA.", code="same_side")
    require_writable(lock_table(session, ta.table_id))
    ta = _reload(session, ta.id)
    _require_state(ta, TAState.PENDING)
    if signed_at is not None:
        not_before(signed_at, ta.offered_at, f"{ta.label} was offered", "signed_at")
    ensure_still_live(session, ta)
    ensure_clauses_free(session, ta.table_id, [i.clause_id for i in ta.items], skip_ta=ta.id)
    detail = audit.moved(ta.label, ta.state, TAState.SIGNED)
    ta.state, ta.signed_at = TAState.SIGNED, signed_at or utcnow()
    ta.countersigned_by_id, ta.countersign_recorded_by_id = signer_id, recorder_id
    if ta.package_proposal_id is not None:
        package = session.get(Proposal, ta.package_proposal_id)
        if package is not None:
            package.state = ProposalState.AGREED
    audit.record(session, actor.id, "ta.signed", ta, table_id=ta.table_id, detail=detail)
    ledger.tie(session, actor, ta.table_id, data.get("session_id"), LedgerKind.TA_SIGNED, ta.id)
    session.flush()
    return ta


def _require_state(ta: TentativeAgreement, state: TAState) -> None:
    """Refuse a move from the wrong state."""
    if ta.state is not state:
        raise Conflict(f"{ta.label} is {ta.state.value}, not {state.value}.", code="ta_state")


def _negotiator(standing: Standing) -> Side:
    """Only a side's negotiator decides on a TA."""
    require(standing.role is Role.NEGOTIATOR and standing.side is not None, "Only negotiators decide on TAs.")
    assert standing.side is not None
    return standing.side


def reject(session: Session, actor: Actor, ta_id: int) -> TentativeAgreement:
    """Turn down (or, for the offering side, take back) a pending offer."""
    ta, standing = load_ta(session, actor, ta_id)
    _negotiator(standing)
    require_writable(lock_table(session, ta.table_id))
    ta = _reload(session, ta.id)
    _require_state(ta, TAState.PENDING)
    detail = audit.moved(ta.label, ta.state, TAState.REJECTED)
    ta.state, ta.rejected_at, ta.rejected_by_id = TAState.REJECTED, utcnow(), actor.id
    audit.record(session, actor.id, "ta.rejected", ta, table_id=ta.table_id, detail=detail)
    session.flush()
    return ta


def request_reopen(session: Session, actor: Actor, ta_id: int, reason: str) -> TentativeAgreement:
    """One side asks to reopen a signed TA; it stays signed until the other side consents."""
    ta, standing = load_ta(session, actor, ta_id)
    side = _negotiator(standing)
    require_writable(lock_table(session, ta.table_id))
    ta = _reload(session, ta.id)
    _require_state(ta, TAState.SIGNED)
    if ta.reopen_requested_by is not None:
        raise Conflict(f"Reopening {ta.label} is already requested.", code="reopen_requested")
    ta.reopen_requested_by, ta.reopen_requested_by_id = side, actor.id
    ta.reopen_requested_at, ta.reopen_reason = utcnow(), reason
    asked: dict[str, Any] = {
        "reopen_requested_by": {"old": None, "new": side},
        "reopen_reason": {"old": "", "new": reason},
    }
    detail = audit.moved(ta.label, ta.state, ta.state, **asked)
    audit.record(session, actor.id, "ta.reopen_requested", ta, table_id=ta.table_id, detail=detail)
    session.flush()
    return ta


def consent_reopen(
    session: Session, actor: Actor, ta_id: int, session_id: int | None = None
) -> TentativeAgreement:
    """The other side consents: the TA is reopened and its clauses return to the table."""
    ta, standing = load_ta(session, actor, ta_id)
    side = _negotiator(standing)
    require_writable(lock_table(session, ta.table_id))
    ta = _reload(session, ta.id)
    _require_state(ta, TAState.SIGNED)
    if ta.reopen_requested_by is None:
        raise Conflict(f"Nobody has asked to reopen {ta.label}.", code="reopen_not_requested")
    if ta.reopen_requested_by == side:
        raise Conflict("The other side consents to reopening.", code="same_side")
    detail = audit.moved(ta.label, ta.state, TAState.REOPENED)
    ta.state, ta.reopened_at, ta.reopened_by_id = TAState.REOPENED, utcnow(), actor.id
    if ta.package_proposal_id is not None:
        package = session.get(Proposal, ta.package_proposal_id)
        if package is not None and package.state is ProposalState.AGREED:
            package.state = ProposalState.PASSED
    audit.record(session, actor.id, "ta.reopened", ta, table_id=ta.table_id, detail=detail)
    ledger.tie(session, actor, ta.table_id, session_id, LedgerKind.TA_REOPENED, ta.id)
    session.flush()
    return ta
