"""Bargaining sessions: when and where the parties met, who attended, and ties to what happened there."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.domain.sessions.ledger import LedgerKind
from bargaining.domain.sessions.states import SessionState
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column


class BargainingSession(Base):
    """One meeting of the table: scheduled, held or cancelled, with its time window."""

    __tablename__ = "bargaining_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[SessionState] = mapped_column(
        enum_column(SessionState, "state"), default=SessionState.SCHEDULED
    )
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column()
    place: Mapped[str] = mapped_column(String(300), default="")
    video_link: Mapped[str] = mapped_column(String(500), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    attendees: Mapped[list[SessionAttendee]] = relationship(
        back_populates="session",
        lazy="raise",
        order_by="SessionAttendee.position",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}


class SessionAttendee(Base):
    """Who was at a session: a side's people, the other side's team, or a guest."""

    __tablename__ = "session_attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("bargaining_sessions.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    side: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)

    session: Mapped[BargainingSession] = relationship(back_populates="attendees", lazy="raise")


class LedgerTie(Base):
    """An action named explicitly as having happened at a session (a recorder entering paper)."""

    __tablename__ = "session_ledger_ties"
    __table_args__ = (UniqueConstraint("kind", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("bargaining_sessions.id"), index=True)
    kind: Mapped[LedgerKind] = mapped_column(enum_column(LedgerKind, "kind"))
    object_id: Mapped[int] = mapped_column()
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
