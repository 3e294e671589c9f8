"""Who reads which notes: the writing side always; the other side and members only what was shared."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import NotFound
from bargaining.domain.records import Side
from bargaining.domain.sessions.notes import Audience, NoteKind
from bargaining.models import BargainingTable, Note, Proposal, TentativeAgreement
from bargaining.services.access import load_table
from bargaining.services.agreements import visible_tas
from bargaining.services.proposals import visible_proposals

FILTERS = ("session_id", "article_id", "clause_id", "proposal_id", "ta_id", "corrects_id")


def audience_filter(standing: Standing) -> ColumnElement[bool]:
    """Notes the caller's seat reads: its side's own, and those shared with the table or members."""
    shared = Note.audience.in_([Audience.TABLE, Audience.MEMBERS])
    if standing.is_party:
        return or_(Note.side == standing.side, shared)
    if standing.is_admin:
        return shared
    if standing.role is not None:
        return Note.audience == Audience.MEMBERS
    return false()


def visible_notes(standing: Standing, table: BargainingTable) -> ColumnElement[bool]:
    """SQL: notes the caller may read, on objects the caller may see."""
    proposals = select(Proposal.id).where(Proposal.table_id == table.id, visible_proposals(standing, table))
    tas = select(TentativeAgreement.id).where(TentativeAgreement.table_id == table.id, visible_tas(standing))
    return and_(
        Note.table_id == table.id,
        audience_filter(standing),
        or_(Note.proposal_id.is_(None), Note.proposal_id.in_(proposals)),
        or_(Note.ta_id.is_(None), Note.ta_id.in_(tas)),
    )


def list_notes(
    session: Session, actor: Actor, table_id: int, filters: dict[str, Any]
) -> tuple[Select[Note], BargainingTable, Standing]:
    """Select the table's notes the caller may read, oldest first, filtered (with table and standing)."""
    table, standing = load_table(session, actor, table_id)
    stmt = select(Note).where(visible_notes(standing, table))
    for name in FILTERS:
        if name in filters:
            stmt = stmt.where(getattr(Note, name) == filters[name])
    if "kind" in filters:
        stmt = stmt.where(Note.kind == NoteKind(filters["kind"]))
    if "side" in filters:
        stmt = stmt.where(Note.side == Side(filters["side"]))
    return stmt.order_by(Note.created_at, Note.id), table, standing


def load_note(session: Session, actor: Actor, note_id: int) -> tuple[Note, BargainingTable, Standing]:
    """Return a note the caller may read, or 404 (another side's caucus note does not exist for them)."""
    note = session.get(Note, note_id)
    if note is None:
        raise NotFound("No such note.", code="note_not_found")
    table, standing = load_table(session, actor, note.table_id)
    if session.scalar(select(Note.id).where(Note.id == note_id, visible_notes(standing, table))) is None:
        raise NotFound("No such note.", code="note_not_found")
    return note, table, standing


def corrections_of(
    session: Session, standing: Standing, table: BargainingTable, ids: list[int]
) -> dict[int, list[int]]:
    """Visible notes correcting each of these notes (one query whatever the count)."""
    if not ids:
        return {}
    stmt = select(Note.corrects_id, Note.id).where(Note.corrects_id.in_(ids), visible_notes(standing, table))
    out: dict[int, list[int]] = {}
    for corrects, note_id in session.execute(stmt.order_by(Note.id)):
        if corrects is not None:
            out.setdefault(corrects, []).append(note_id)
    return out


def note_views(
    session: Session, standing: Standing, table: BargainingTable, notes: list[Note]
) -> list[dict[str, Any]]:
    """Notes as the wire has them, each with the visible notes that correct it."""
    corrections = corrections_of(session, standing, table, [n.id for n in notes])
    return [{**_columns(n), "corrected_by": corrections.get(n.id, [])} for n in notes]


def _columns(note: Note) -> dict[str, Any]:
    """A note's columns."""
    return {c.key: getattr(note, c.key) for c in Note.__table__.columns}
