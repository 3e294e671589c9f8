"""Information requests: items asked of the other side, their answers, objections and chronology."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.domain.errors import Conflict
from bargaining.domain.records import Side
from bargaining.domain.sessions.inforequests import RequestState
from bargaining.models.base import Base, utcnow
from bargaining.models.tables import enum_column


class InfoRequest(Base):
    """A side's request for information: a private draft until sent, then the other side answers."""

    __tablename__ = "information_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    side: Mapped[Side] = mapped_column(enum_column(Side, "side"))
    state: Mapped[RequestState] = mapped_column(
        enum_column(RequestState, "state"), default=RequestState.DRAFT
    )
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date, default=None)
    requested_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    items: Mapped[list[InfoRequestItem]] = relationship(
        back_populates="request",
        lazy="raise",
        order_by="InfoRequestItem.position",
        cascade="all, delete-orphan",
    )
    links: Mapped[list[InfoRequestLink]] = relationship(lazy="raise", cascade="all, delete-orphan")

    __mapper_args__ = {"version_id_col": version}


class InfoRequestLink(Base):
    """What a request is for: an article, a clause or a proposal."""

    __tablename__ = "information_request_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("information_requests.id"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), default=None, index=True)
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("clauses.id"), default=None)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), default=None)


class InfoRequestItem(Base):
    """One thing asked for (what data, for what period); its status is derived, never stored."""

    __tablename__ = "information_request_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("information_requests.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    period: Mapped[str] = mapped_column(String(200), default="")
    objection: Mapped[str] = mapped_column(Text, default="")
    objected_at: Mapped[datetime | None] = mapped_column(default=None)
    objected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    version: Mapped[int] = mapped_column(default=1)

    request: Mapped[InfoRequest] = relationship(back_populates="items", lazy="raise")
    answers: Mapped[list[InfoRequestAnswer]] = relationship(lazy="raise", order_by="InfoRequestAnswer.id")

    __mapper_args__ = {"version_id_col": version}


class InfoRequestAnswer(Base):
    """The other side's answer to one item (text, and files attached to it); never changed."""

    __tablename__ = "information_request_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("information_request_items.id"), index=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("information_requests.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    complete: Mapped[bool] = mapped_column(default=True)
    answered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class InfoRequestEvent(Base):
    """One line of a request's chronology: requested, reminded, answered, objected, withdrawn."""

    __tablename__ = "information_request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("information_requests.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("information_request_items.id"), default=None)
    kind: Mapped[str] = mapped_column(String(30))
    side: Mapped[Side] = mapped_column(enum_column(Side, "side"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    detail: Mapped[str] = mapped_column(Text, default="")


def _refuse(kind: str) -> Any:
    """A mapper listener that refuses to change or delete a write-once row."""

    def listener(_mapper: Any, _conn: Any, target: Any) -> None:
        raise Conflict(f"{type(target).__name__} rows are written once: cannot {kind}.", code="immutable")

    return listener


for _model in (InfoRequestAnswer, InfoRequestEvent):
    event.listen(_model, "before_update", _refuse("update"))
    event.listen(_model, "before_delete", _refuse("delete"))
