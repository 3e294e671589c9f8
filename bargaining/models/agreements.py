"""Tentative agreements: offered by one side, countersigned by the other."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.domain.records import Action, Side, TAState
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column


class TentativeAgreement(Base):
    """A TA on one or more clauses; immutable once signed, reopened only by consent."""

    __tablename__ = "tentative_agreements"
    __table_args__ = (UniqueConstraint("table_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    number: Mapped[int] = mapped_column()
    label: Mapped[str] = mapped_column(String(20))
    state: Mapped[TAState] = mapped_column(enum_column(TAState, "state"), default=TAState.PENDING)
    package_proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    agreed_hash: Mapped[str] = mapped_column(String(64))
    offered_by: Mapped[Side] = mapped_column(enum_column(Side, "offered_by"))
    offered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    offered_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    offered_at: Mapped[datetime] = mapped_column(default=utcnow)
    countersigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    countersign_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    signed_at: Mapped[datetime | None] = mapped_column(default=None)
    rejected_at: Mapped[datetime | None] = mapped_column(default=None)
    rejected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reopen_requested_by: Mapped[Side | None] = mapped_column(
        enum_column(Side, "reopen_requested_by"), default=None
    )
    reopen_requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reopen_requested_at: Mapped[datetime | None] = mapped_column(default=None)
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    reopened_at: Mapped[datetime | None] = mapped_column(default=None)
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    version: Mapped[int] = mapped_column(default=1)

    items: Mapped[list[TAItem]] = relationship(back_populates="agreement", lazy="raise", order_by="TAItem.id")

    __mapper_args__ = {"version_id_col": version}


class TAItem(Base):
    """One clause a TA covers, with the exact agreed language (or deletion, or status quo)."""

    __tablename__ = "ta_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    ta_id: Mapped[int] = mapped_column(ForeignKey("tentative_agreements.id"), index=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id"), index=True)
    action: Mapped[Action] = mapped_column(enum_column(Action, "action"))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("clause_versions.id"), default=None)
    content_hash: Mapped[str] = mapped_column(String(64))
    agreed_number: Mapped[str | None] = mapped_column(String(60), default=None)
    agreed_heading: Mapped[str | None] = mapped_column(String(300), default=None)
    agreed_article_number: Mapped[str | None] = mapped_column(String(40), default=None)
    agreed_article_title: Mapped[str | None] = mapped_column(String(300), default=None)

    agreement: Mapped[TentativeAgreement] = relationship(back_populates="items", lazy="raise")


class Ratification(Base):
    """The tentative contract sent to members, and the vote."""

    __tablename__ = "ratifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), unique=True)
    contract_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_by_union_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    sent_by_employer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    vote_date: Mapped[datetime | None] = mapped_column(default=None)
    votes_yes: Mapped[int | None] = mapped_column(default=None)
    votes_no: Mapped[int | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
