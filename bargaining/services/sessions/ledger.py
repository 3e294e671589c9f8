"""Tying actions to sessions, and each session's ledger: what each side passed, withdrew and signed there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select, union
from sqlalchemy.orm import InstrumentedAttribute, Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Invalid
from bargaining.domain.records import TAState
from bargaining.domain.sessions.ledger import (
    PROPOSAL_KINDS,
    TA_KINDS,
    LedgerEvent,
    LedgerKind,
    Window,
    ledger,
)
from bargaining.domain.sessions.states import SessionState, check_taking_actions
from bargaining.models import (
    BargainingSession,
    BargainingTable,
    LedgerTie,
    Proposal,
    ProposalItem,
    TAItem,
    TentativeAgreement,
)
from bargaining.services import audit
from bargaining.services.sessions.scheduling import load_session

STAMPS = {
    LedgerKind.PASSED: Proposal.passed_at,
    LedgerKind.WITHDRAWN: Proposal.withdrawn_at,
    LedgerKind.TA_OFFERED: TentativeAgreement.offered_at,
    LedgerKind.TA_SIGNED: TentativeAgreement.signed_at,
    LedgerKind.TA_REOPENED: TentativeAgreement.reopened_at,
}


def tie(
    session: Session, actor: Actor, table_id: int, session_id: int | None, kind: LedgerKind, object_id: int
) -> None:
    """Record that an action happened at a named session (nothing to do when none is named)."""
    if session_id is None:
        return
    row = session.scalar(
        select(BargainingSession).where(
            BargainingSession.id == session_id, BargainingSession.table_id == table_id
        )
    )
    if row is None:
        raise Invalid("No such session at this table.", field="session_id", code="unknown_session")
    check_taking_actions(row.state)
    tied = LedgerTie(
        table_id=table_id, session_id=row.id, kind=kind, object_id=object_id, recorded_by_id=actor.id
    )
    session.add(tied)
    session.flush()
    audit.record(
        session,
        actor.id,
        "session.tied",
        tied,
        table_id=table_id,
        detail={"kind": kind.value, "object_id": object_id},
    )


def _window(row: BargainingSession) -> tuple[datetime, datetime] | None:
    """The session's window, or None for a cancelled session (only explicit ties count there)."""
    return None if row.state is SessionState.CANCELLED else (row.starts_at, row.ends_at)


def _at_session(
    kind: LedgerKind, object_id: InstrumentedAttribute[int], row: BargainingSession
) -> ColumnElement[bool]:
    """SQL: this kind of action on the object happened at the session (tied there, or in its window)."""
    here = select(LedgerTie.object_id).where(LedgerTie.kind == kind, LedgerTie.session_id == row.id)
    window = _window(row)
    if window is None:
        return object_id.in_(here)
    elsewhere = select(LedgerTie.object_id).where(LedgerTie.kind == kind, LedgerTie.session_id != row.id)
    stamp = STAMPS[kind]
    return or_(object_id.in_(here), and_(stamp.between(*window), object_id.not_in(elsewhere)))


def proposals_at(row: BargainingSession) -> ColumnElement[bool]:
    """SQL: proposals passed or withdrawn at the session."""
    return or_(*(_at_session(k, Proposal.id, row) for k in sorted(PROPOSAL_KINDS)))


def tas_at(row: BargainingSession) -> ColumnElement[bool]:
    """SQL: TAs offered, signed or reopened at the session."""
    return or_(*(_at_session(k, TentativeAgreement.id, row) for k in sorted(TA_KINDS)))


def session_for_filter(session: Session, table_id: int, session_id: int) -> BargainingSession:
    """The session a list is filtered by: it must be at the same table (else a clear 422)."""
    row = session.scalar(
        select(BargainingSession).where(
            BargainingSession.id == session_id, BargainingSession.table_id == table_id
        )
    )
    if row is None:
        raise Invalid("No such session at this table.", field="session_id", code="unknown_session")
    return row


def proposal_filter(session: Session, table_id: int, session_id: int) -> ColumnElement[bool]:
    """SQL filter for a proposal list: what was passed or withdrawn at that session."""
    return proposals_at(session_for_filter(session, table_id, session_id))


def clauses_at(session: Session, table_id: int, session_id: int) -> frozenset[int]:
    """The clauses a session's passes, withdrawals and TAs touched (for the status board's filter)."""
    row = session_for_filter(session, table_id, session_id)
    by_proposals = (
        select(ProposalItem.clause_id)
        .join(Proposal, Proposal.id == ProposalItem.proposal_id)
        .where(Proposal.table_id == table_id, proposals_at(row), ProposalItem.clause_id.is_not(None))
    )
    by_tas = (
        select(TAItem.clause_id)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(TentativeAgreement.table_id == table_id, tas_at(row))
    )
    return frozenset(session.scalars(select(union(by_proposals, by_tas).subquery().c[0])))


@dataclass(frozen=True, slots=True)
class SessionLedger:
    """A session's ledger as the caller may see it."""

    session_id: int
    entries: list[LedgerEvent]


def session_ledger(session: Session, actor: Actor, session_id: int) -> SessionLedger:
    """What each side passed, withdrew, offered, signed and reopened at the session, in time order."""
    row, table, standing = load_session(session, actor, session_id)
    ties = {(t.kind, t.object_id): t.session_id for t in session.scalars(_ties(row))}
    events = _proposal_events(session, row, table, standing) + _ta_events(session, row, standing)
    window = Window(row.id, row.starts_at, row.ends_at)
    if row.state is SessionState.CANCELLED:
        events = [e for e in events if (e.kind, e.object_id) in ties]
    return SessionLedger(session_id=row.id, entries=ledger(events, window, ties))


def _ties(row: BargainingSession) -> Select[LedgerTie]:
    """The table's explicit ties (few: only actions entered after the fact name a session)."""
    return select(LedgerTie).where(LedgerTie.table_id == row.table_id)


def _proposal_events(
    session: Session, row: BargainingSession, table: BargainingTable, standing: Standing
) -> list[LedgerEvent]:
    """Passes and withdrawals at the session (members see them only where the table shares them)."""
    if not (standing.is_party or standing.is_admin or table.members_see_passed):
        return []
    stmt = select(Proposal).where(Proposal.table_id == row.table_id, proposals_at(row))
    out: list[LedgerEvent] = []
    for p in session.scalars(stmt):
        label = p.label or ""
        if p.passed_at is not None:
            out.append(LedgerEvent(LedgerKind.PASSED, p.id, p.side.value, p.passed_at, label))
        if p.withdrawn_at is not None:
            out.append(LedgerEvent(LedgerKind.WITHDRAWN, p.id, p.side.value, p.withdrawn_at, label))
    return out


def _ta_events(session: Session, row: BargainingSession, standing: Standing) -> list[LedgerEvent]:
    """TA offers, signatures and reopenings at the session (members see signed TAs only)."""
    stmt = select(TentativeAgreement).where(TentativeAgreement.table_id == row.table_id, tas_at(row))
    if not (standing.is_party or standing.is_admin):
        stmt = stmt.where(TentativeAgreement.state == TAState.SIGNED)
    out: list[LedgerEvent] = []
    for ta in session.scalars(stmt):
        side, other = ta.offered_by.value, ta.offered_by.other.value
        out.append(LedgerEvent(LedgerKind.TA_OFFERED, ta.id, side, ta.offered_at, ta.label))
        if ta.signed_at is not None:
            out.append(LedgerEvent(LedgerKind.TA_SIGNED, ta.id, other, ta.signed_at, ta.label))
        if ta.reopened_at is not None and ta.reopen_requested_by is not None:
            consenting = ta.reopen_requested_by.other.value
            out.append(LedgerEvent(LedgerKind.TA_REOPENED, ta.id, consenting, ta.reopened_at, ta.label))
    return out


def ledger_json(led: SessionLedger) -> dict[str, Any]:
    """The ledger as the wire format has it: entries in time order, and labels by side and kind."""
    entries = [
        {
            "kind": e.kind.value,
            "side": e.side,
            "at": e.at,
            "label": e.label,
            "proposal_id": e.object_id if e.kind in PROPOSAL_KINDS else None,
            "ta_id": e.object_id if e.kind in TA_KINDS else None,
        }
        for e in led.entries
    ]
    by_side: dict[str, dict[str, list[str]]] = {"union": {}, "employer": {}}
    for e in led.entries:
        by_side.setdefault(e.side, {}).setdefault(e.kind.value, []).append(e.label)
    return {"session_id": led.session_id, "entries": entries, "by_side": by_side}
