"""Proposals, their items, and what they respond to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.domain.records import Action, ProposalState, Side
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column

proposal_responses = Table(
    "proposal_responses",
    Base.metadata,
    Column("proposal_id", Integer, ForeignKey("proposals.id"), primary_key=True),
    Column("responds_to_id", Integer, ForeignKey("proposals.id"), primary_key=True),
)


class Proposal(Base):
    """A side's proposal: a private draft until passed across the table, then immutable."""

    __tablename__ = "proposals"
    __table_args__ = (
        UniqueConstraint("table_id", "side", "number"),
        Index("uq_proposals_table_id_label", "table_id", "label", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    side: Mapped[Side] = mapped_column(enum_column(Side, "side"))
    state: Mapped[ProposalState] = mapped_column(
        enum_column(ProposalState, "state"), default=ProposalState.DRAFT
    )
    number: Mapped[int | None] = mapped_column(default=None)
    label: Mapped[str | None] = mapped_column(String(20), default=None)
    title: Mapped[str] = mapped_column(String(300))
    rationale: Mapped[str] = mapped_column(Text, default="")
    is_package: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    passed_at: Mapped[datetime | None] = mapped_column(default=None)
    passed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    passed_on_paper: Mapped[bool] = mapped_column(default=False)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    version: Mapped[int] = mapped_column(default=1)

    items: Mapped[list[ProposalItem]] = relationship(
        back_populates="proposal",
        lazy="raise",
        order_by="ProposalItem.position",
        cascade="all, delete-orphan",
    )
    responds_to: Mapped[list[Proposal]] = relationship(
        secondary=proposal_responses,
        primaryjoin="Proposal.id == proposal_responses.c.proposal_id",
        secondaryjoin="Proposal.id == proposal_responses.c.responds_to_id",
        lazy="raise",
    )

    __mapper_args__ = {"version_id_col": version}


class ProposalItem(Base):
    """One change a proposal makes: amend, add, delete or keep (status quo) a clause."""

    __tablename__ = "proposal_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    action: Mapped[Action] = mapped_column(enum_column(Action, "action"))
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("clauses.id"), default=None, index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), default=None)
    new_article_number: Mapped[str | None] = mapped_column(String(40), default=None)
    new_article_title: Mapped[str | None] = mapped_column(String(300), default=None)
    new_number: Mapped[str | None] = mapped_column(String(60), default=None)
    new_heading: Mapped[str | None] = mapped_column(String(300), default=None)
    text: Mapped[str | None] = mapped_column(Text, default=None)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("clause_versions.id"), default=None, index=True)
    content_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    terms: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, default=None)

    proposal: Mapped[Proposal] = relationship(back_populates="items", lazy="raise")
