"""What a file may be attached to, who may attach there, and who may see it (whoever sees the object)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import NotFound
from bargaining.domain.records import Side
from bargaining.domain.sessions.notes import Audience
from bargaining.models import InfoRequestAnswer
from bargaining.services.access import require
from bargaining.services.agreements import load_ta
from bargaining.services.inforequests.reading import load_request
from bargaining.services.notes.reading import load_note
from bargaining.services.proposals import load_proposal
from bargaining.services.sessions.scheduling import load_session

KINDS = ("proposal", "ta", "session", "note", "ir_answer")


@dataclass(frozen=True, slots=True)
class Target:
    """An object the caller may see, and the sides whose writers may attach files to it."""

    kind: str
    object_id: int
    table_id: int
    standing: Standing
    attachers: frozenset[Side]
    private_to: Side | None = None

    def require_attacher(self) -> None:
        """Only the named sides' negotiators and recorders attach files here."""
        side = self.standing.writer_side
        require(side is not None and side in self.attachers, "Your seat may not attach files here.")


BOTH = frozenset(Side)


def _proposal(session: Session, actor: Actor, object_id: int) -> Target:
    """A proposal: its own side attaches (a draft's files stay with that side)."""
    p, _table, standing = load_proposal(session, actor, object_id)
    private = p.side if p.passed_at is None else None
    return Target("proposal", p.id, p.table_id, standing, frozenset({p.side}), private)


def _ta(session: Session, actor: Actor, object_id: int) -> Target:
    """A TA: either side attaches (the scan of a TA signed on paper)."""
    ta, standing = load_ta(session, actor, object_id)
    return Target("ta", ta.id, ta.table_id, standing, BOTH)


def _session(session: Session, actor: Actor, object_id: int) -> Target:
    """A session: either side attaches (handouts, sign-in sheets)."""
    row, _table, standing = load_session(session, actor, object_id)
    return Target("session", row.id, row.table_id, standing, BOTH)


def _note(session: Session, actor: Actor, object_id: int) -> Target:
    """A note: its side attaches; the files are read by whoever reads the note."""
    note, _table, standing = load_note(session, actor, object_id)
    private = note.side if note.audience is Audience.SIDE else None
    return Target("note", note.id, note.table_id, standing, frozenset({note.side}), private)


def _answer(session: Session, actor: Actor, object_id: int) -> Target:
    """An answer to an information request: the answering side attaches."""
    request_id = session.scalar(select(InfoRequestAnswer.request_id).where(InfoRequestAnswer.id == object_id))
    if request_id is None:
        raise NotFound("No such answer.", code="answer_not_found")
    request, standing = load_request(session, actor, request_id)
    return Target("ir_answer", object_id, request.table_id, standing, frozenset({request.side.other}))


LOADERS: dict[str, Callable[[Session, Actor, int], Target]] = {
    "proposal": _proposal,
    "ta": _ta,
    "session": _session,
    "note": _note,
    "ir_answer": _answer,
}


def load_target(session: Session, actor: Actor, kind: str, object_id: int) -> Target:
    """The object a file is (to be) attached to, as the caller may see it, or 404."""
    return LOADERS[kind](session, actor, object_id)
