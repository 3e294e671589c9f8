"""A clause's history: its versions, proposals, TAs and notes in time order, as the caller may see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.models import Note, Proposal, ProposalItem, TAItem, TentativeAgreement
from bargaining.services.agreements import visible_tas
from bargaining.services.clauses import load_clause, versions_of
from bargaining.services.notes.reading import visible_notes
from bargaining.services.proposals import visible_proposals


@dataclass(frozen=True)
class HistoryEntry:
    """One moment in a clause's life."""

    at: datetime
    kind: str
    object_id: int
    side: str | None
    label: str
    text: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def clause_history(session: Session, actor: Actor, clause_id: int) -> list[HistoryEntry]:
    """Everything that happened to a clause, oldest first (five statements whatever its length)."""
    clause, table, standing = load_clause(session, actor, clause_id)
    entries = [
        HistoryEntry(
            v.created_at,
            "version",
            v.id,
            v.author_side,
            f"version {v.id}",
            v.text,
            {"proposal_id": v.proposal_id, "parent_id": v.parent_id},
        )
        for v in session.scalars(versions_of(session, actor, clause.id))
    ]
    proposals = select(Proposal, ProposalItem.action).join(
        ProposalItem, ProposalItem.proposal_id == Proposal.id
    )
    proposals = proposals.where(ProposalItem.clause_id == clause.id, visible_proposals(standing, table))
    for proposal, action in session.execute(proposals):
        entries.extend(_proposal_entries(proposal, action.value))
    tas = select(TentativeAgreement, TAItem.action).join(TAItem, TAItem.ta_id == TentativeAgreement.id)
    for ta, action in session.execute(tas.where(TAItem.clause_id == clause.id, visible_tas(standing))):
        entries.extend(_ta_entries(ta, action.value))
    notes = select(Note).where(Note.clause_id == clause.id, visible_notes(standing, table))
    entries.extend(_note_entry(n) for n in session.scalars(notes))
    return sorted(entries, key=lambda e: (e.at, e.kind, e.object_id))


def _proposal_entries(p: Proposal, action: str) -> list[HistoryEntry]:
    """A proposal's moments on the clause: drafted (own side only), passed, withdrawn."""
    side, label = p.side.value, p.label or "draft"
    detail = {"action": action, "state": p.state.value, "title": p.title}
    if p.passed_at is None:
        return [HistoryEntry(p.created_at, "proposal_drafted", p.id, side, label, detail=detail)]
    out = [HistoryEntry(p.passed_at, "proposal_passed", p.id, side, label, detail=detail)]
    if p.withdrawn_at is not None:
        out.append(HistoryEntry(p.withdrawn_at, "proposal_withdrawn", p.id, side, label, detail=detail))
    return out


def _ta_entries(ta: TentativeAgreement, action: str) -> list[HistoryEntry]:
    """A TA's moments: offered, signed, reopened."""
    detail = {"action": action, "state": ta.state.value}
    out = [HistoryEntry(ta.offered_at, "ta_offered", ta.id, ta.offered_by.value, ta.label, detail=detail)]
    if ta.signed_at is not None:
        out.append(
            HistoryEntry(ta.signed_at, "ta_signed", ta.id, ta.offered_by.other.value, ta.label, detail=detail)
        )
    if ta.reopened_at is not None:
        out.append(HistoryEntry(ta.reopened_at, "ta_reopened", ta.id, None, ta.label, detail=detail))
    return out


def _note_entry(note: Note) -> HistoryEntry:
    """A note on the clause (bargaining history, minutes or the caller's caucus notes)."""
    detail = {
        "note_kind": note.kind.value,
        "audience": note.audience.value,
        "session_id": note.session_id,
        "corrects_id": note.corrects_id,
    }
    return HistoryEntry(
        note.created_at, "note", note.id, note.side.value, f"note {note.id}", note.body, detail
    )
