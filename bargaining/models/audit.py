"""The append-only audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from bargaining.models.base import Base, utcnow


class AuditEvent(Base):
    """One change: who, when, where, what, before and after; never updated or deleted."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_table_at", "table_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("bargaining_tables.id"), default=None)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(default=None)
    before_id: Mapped[int | None] = mapped_column(default=None)
    after_id: Mapped[int | None] = mapped_column(default=None)
    visible_to: Mapped[str | None] = mapped_column(String(10), default=None)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
