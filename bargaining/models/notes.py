"""Notes: caucus notes, minutes and bargaining history; the text never changes once written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column

from bargaining.domain.errors import Conflict
from bargaining.domain.records import Side
from bargaining.domain.sessions.notes import Audience, NoteKind
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column

TARGETS = ("session_id", "article_id", "clause_id", "proposal_id", "ta_id")


class Note(Base):
    """A side's note on a session, article, clause, proposal or TA; a correction is a new note."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    side: Mapped[Side] = mapped_column(enum_column(Side, "side"))
    kind: Mapped[NoteKind] = mapped_column(enum_column(NoteKind, "kind"))
    audience: Mapped[Audience] = mapped_column(enum_column(Audience, "audience"))
    body: Mapped[str] = mapped_column(Text)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("bargaining_sessions.id"), default=None, index=True
    )
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), default=None)
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("clauses.id"), default=None, index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), default=None)
    ta_id: Mapped[int | None] = mapped_column(ForeignKey("tentative_agreements.id"), default=None)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id"), default=None)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    shared_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


FIXED = ("table_id", "side", "kind", "body", "corrects_id", "author_id", "created_at", *TARGETS)


@event.listens_for(Note, "before_update")
def _written_once(_mapper: Any, _conn: Any, note: Note) -> None:
    """A note's words and what it is on never change (only its audience widens)."""
    state = inspect(note)
    changed = [name for name in FIXED if state.attrs[name].history.has_changes()]
    if changed:
        raise Conflict(f"Notes are append-only: cannot change {', '.join(changed)}.", code="immutable")


@event.listens_for(Note, "before_delete")
def _never_deleted(_mapper: Any, _conn: Any, _note: Note) -> None:
    """Notes are evidence: never deleted."""
    raise Conflict("Notes are append-only: cannot delete.", code="immutable")
