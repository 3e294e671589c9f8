"""Writing notes (never edited: a correction is a new note) and sharing them more widely."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Conflict, Invalid, ensure_version
from bargaining.domain.records import ProposalState
from bargaining.domain.sessions.notes import Audience, NoteKind, check_audience, check_targets, check_widening
from bargaining.models import Article, BargainingSession, Clause, Note, Proposal, TentativeAgreement, utcnow
from bargaining.models.notes import TARGETS
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.agreements import visible_tas
from bargaining.services.notes.reading import load_note
from bargaining.services.proposals import visible_proposals

MODELS: dict[str, Any] = {
    "session_id": BargainingSession,
    "article_id": Article,
    "clause_id": Clause,
    "proposal_id": Proposal,
    "ta_id": TentativeAgreement,
}


def _writer(standing: Standing) -> Any:
    """Only a side's negotiators and recorders write its notes."""
    require(standing.writer_side is not None, "Only a side's negotiators and recorders write notes.")
    return standing.writer_side


def create_note(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> Note:
    """Write a note for the caller's side; a correction points at the note it corrects."""
    table, standing = load_table(session, actor, table_id)
    side = _writer(standing)
    require_writable(table)
    kind, audience = NoteKind(data["kind"]), Audience(data.get("audience", Audience.SIDE))
    targets = {name: data.get(name) for name in TARGETS}
    corrected = _corrected(session, actor, table_id, data.get("corrects_id"), side, kind)
    if corrected is not None and not any(targets.values()):
        targets = {name: getattr(corrected, name) for name in TARGETS}
    check_audience(kind, audience)
    check_targets(kind, targets)
    _check_targets_exist(session, standing, table, targets, audience)
    note = Note(
        table_id=table_id,
        side=side,
        kind=kind,
        audience=audience,
        body=data["body"],
        author_id=actor.id,
        corrects_id=corrected.id if corrected else None,
        shared_at=utcnow() if audience is not Audience.SIDE else None,
        **targets,
    )
    session.add(note)
    session.flush()
    audit.record(
        session,
        actor.id,
        "note.created",
        note,
        table_id=table_id,
        visible_to=_visible_to(note),
        detail={"kind": kind.value, "audience": audience.value, "corrects_id": note.corrects_id, **targets},
    )
    return note


def _visible_to(note: Note) -> str | None:
    """Audit rows of a side-private note are that side's alone."""
    return note.side.value if note.audience is Audience.SIDE else None


def _corrected(
    session: Session, actor: Actor, table_id: int, note_id: int | None, side: Any, kind: NoteKind
) -> Note | None:
    """The note a correction points at: the same side's, of the same kind, at the same table."""
    if note_id is None:
        return None
    note = session.get(Note, note_id)
    if note is None or note.table_id != table_id or note.side != side:
        raise Invalid("Correct one of your side's notes at this table.", field="corrects_id")
    load_note(session, actor, note_id)
    if note.kind is not kind:
        raise Invalid("A correction is a note of the same kind.", field="kind")
    return note


def _check_targets_exist(
    session: Session, standing: Standing, table: Any, targets: dict[str, int | None], audience: Audience
) -> None:
    """Every named object is at this table and visible to the caller; a draft's notes stay with its side."""
    for name, object_id in targets.items():
        if object_id is None:
            continue
        model = MODELS[name]
        stmt = select(model).where(model.id == object_id, model.table_id == table.id)
        if name == "proposal_id":
            stmt = stmt.where(visible_proposals(standing, table))
        if name == "ta_id":
            stmt = stmt.where(visible_tas(standing))
        found = session.scalar(stmt)
        if found is None:
            raise Invalid(f"No such {name.removesuffix('_id')} at this table.", field=name)
        if name == "proposal_id" and found.state is ProposalState.DRAFT and audience is not Audience.SIDE:
            raise Conflict(
                "Notes on a draft stay with your side until it is passed.",
                field="audience",
                code="draft_private",
            )


def share_note(session: Session, actor: Actor, note_id: int, expected: int, audience: str) -> Note:
    """Widen a note's audience (minutes to the other side, or to members); never narrow it."""
    note, table, standing = load_note(session, actor, note_id)
    require(
        standing.writes_for(note.side), "Only the writing side's negotiators and recorders share its notes."
    )
    require_writable(table)
    ensure_version("note", note.version, expected)
    wanted = Audience(audience)
    check_widening(note.kind, note.audience, wanted)
    if note.proposal_id is not None:
        _check_targets_exist(session, standing, table, {"proposal_id": note.proposal_id}, wanted)
    old = note.audience
    note.audience, note.shared_at = wanted, utcnow()
    audit.record(
        session,
        actor.id,
        "note.shared",
        note,
        table_id=note.table_id,
        detail={"audience": {"old": old.value, "new": wanted.value}},
    )
    session.flush()
    return note
