"""Changes to what both sides share, made by one side's proposal and the other's consent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from bargaining.domain.consent import ChangeState
from bargaining.domain.errors import Conflict
from bargaining.domain.records import Side
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column


class ChangeRequest(Base):
    """A proposed change to a table's shared settings or an article's number and title."""

    __tablename__ = "change_requests"
    __table_args__ = (Index("ix_change_requests_table_state", "table_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), default=None, index=True)
    state: Mapped[ChangeState] = mapped_column(
        enum_column(ChangeState, "change_state"), default=ChangeState.PENDING
    )
    changes: Mapped[dict[str, Any]] = mapped_column()
    before: Mapped[dict[str, Any]] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")
    proposed_by: Mapped[Side] = mapped_column(enum_column(Side, "proposed_by"))
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class TASummaryVersion(Base):
    """One text of a TA's member-facing summary; never updated, never deleted."""

    __tablename__ = "ta_summary_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    ta_id: Mapped[int] = mapped_column(ForeignKey("tentative_agreements.id"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"))
    number: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(Text)
    author_side: Mapped[str] = mapped_column(String(10))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def _refuse(kind: str) -> Any:
    """A mapper listener that refuses changing a kept summary text."""

    def listener(_mapper: Any, _conn: Any, target: Any) -> None:
        raise Conflict(f"{type(target).__name__} rows are append-only: cannot {kind}", code="immutable")

    return listener


event.listen(TASummaryVersion, "before_update", _refuse("update"))
event.listen(TASummaryVersion, "before_delete", _refuse("delete"))
