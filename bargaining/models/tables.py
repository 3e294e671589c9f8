"""Tables (negotiations), memberships, articles, clauses and their immutable versions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.domain.access import Role, TableState
from bargaining.domain.records import Side
from bargaining.models.base import Base, utcnow


def enum_column(enum: type[StrEnum], name: str, length: int = 20) -> Enum:
    """Store a StrEnum by value, with a named CHECK constraint, on every database."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
        create_constraint=True,
    )


class BargainingTable(Base):
    """One negotiation between a union and an employer."""

    __tablename__ = "bargaining_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    union_name: Mapped[str] = mapped_column(String(200))
    employer_name: Mapped[str] = mapped_column(String(200))
    state: Mapped[TableState] = mapped_column(enum_column(TableState, "state"), default=TableState.SETUP)
    members_see_passed: Mapped[bool] = mapped_column(default=False)
    union_prefix: Mapped[str] = mapped_column(String(8), default="U")
    employer_prefix: Mapped[str] = mapped_column(String(8), default="E")
    union_next: Mapped[int] = mapped_column(default=1)
    employer_next: Mapped[int] = mapped_column(default=1)
    ta_next: Mapped[int] = mapped_column(default=1)
    renews_id: Mapped[int | None] = mapped_column(ForeignKey("bargaining_tables.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    archived_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class Membership(Base):
    """A user's seat at a table: side (none for members) and role."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("table_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    side: Mapped[Side | None] = mapped_column(enum_column(Side, "side"), default=None)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    user: Mapped["User"] = relationship(lazy="joined")  # noqa: UP037

    __mapper_args__ = {"version_id_col": version}


class Article(Base):
    """An article of the contract."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("table_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="article")
    position: Mapped[int] = mapped_column(default=0)
    in_base: Mapped[bool] = mapped_column(default=True)
    added_by_proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", use_alter=True), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    clauses: Mapped[list[Clause]] = relationship(
        back_populates="article", lazy="raise", order_by="Clause.position"
    )

    __mapper_args__ = {"version_id_col": version}


class Clause(Base):
    """A numbered clause (section) of an article."""

    __tablename__ = "clauses"
    __table_args__ = (UniqueConstraint("article_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    number: Mapped[str] = mapped_column(String(60))
    heading: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    in_base: Mapped[bool] = mapped_column(default=True)
    base_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("clause_versions.id", use_alter=True), default=None
    )
    added_by_proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", use_alter=True), default=None
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    article: Mapped[Article] = relationship(back_populates="clauses", lazy="raise")
    base_version: Mapped[ClauseVersion | None] = relationship(
        foreign_keys=[base_version_id], lazy="raise", post_update=True
    )

    __mapper_args__ = {"version_id_col": version}


class ClauseVersion(Base):
    """The immutable text of one clause at one point; never updated, never deleted."""

    __tablename__ = "clause_versions"
    __table_args__ = (Index("ix_clause_versions_clause_hash", "clause_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clause_id: Mapped[int] = mapped_column(ForeignKey("clauses.id"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    author_side: Mapped[str] = mapped_column(String(10))
    proposal_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", use_alter=True), default=None, index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("clause_versions.id"), default=None)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


from bargaining.models.users import User  # noqa: E402
