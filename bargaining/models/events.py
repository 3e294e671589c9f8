"""Events (the audit trail, numbered per table), webhooks and the outbox of emails."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bargaining.models.audit import AuditEvent
from bargaining.models.base import Base, utcnow


class EventCounter(Base):
    """A table's last event number; its row lock orders the table's events (gapless, in commit order)."""

    __tablename__ = "event_counters"

    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), primary_key=True)
    last_seq: Mapped[int] = mapped_column(default=0)


class TableEvent(Base):
    """One audit row at a table as an event: its number in the table's feed."""

    __tablename__ = "table_events"
    __table_args__ = (UniqueConstraint("table_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"))
    seq: Mapped[int] = mapped_column()
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit_events.id"), unique=True)

    audit: Mapped[AuditEvent] = relationship(lazy="joined")


class WebhookSubscription(Base):
    """A URL told about a table's events of some kinds, as its subscriber's side may see them."""

    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    scope: Mapped[str] = mapped_column(String(10))  # "union", "employer" or "admin"
    url: Mapped[str] = mapped_column(String(2000))
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(10), default="active")  # active, paused, deleted
    paused_reason: Mapped[str] = mapped_column(Text, default="")
    failures_in_row: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class WebhookDelivery(Base):
    """One event to send to one subscription (the outbox row), retried until it succeeds or gives up."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("webhook_subscriptions.id"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("table_events.id"))
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending, delivered, failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    replay_of_id: Mapped[int | None] = mapped_column(ForeignKey("webhook_deliveries.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)

    event: Mapped[TableEvent] = relationship(lazy="raise")


class DeliveryAttempt(Base):
    """One try at a delivery: when, the answer's status (or the error), how long it took."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("webhook_deliveries.id"), index=True)
    number: Mapped[int] = mapped_column()
    at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column(default=None)
    error: Mapped[str] = mapped_column(Text, default="")
    ok: Mapped[bool] = mapped_column(default=False)
    elapsed_ms: Mapped[int] = mapped_column(default=0)


class OutboxEmail(Base):
    """An email to send (at once, or gathered in a daily digest), written with the change that causes it."""

    __tablename__ = "outbox_emails"
    __table_args__ = (Index("ix_outbox_emails_due", "state", "mode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None, index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    kind: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(10), default="immediate")  # immediate, daily
    event_id: Mapped[int | None] = mapped_column(ForeignKey("table_events.id"), default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending, sent, failed
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")

    event: Mapped[TableEvent | None] = relationship(lazy="raise")


class NotificationPreference(Base):
    """How a user wants to hear of one kind of event: immediate, daily or never."""

    __tablename__ = "notification_preferences"
    __table_args__ = (UniqueConstraint("user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(10))


class InfoRequestNotice(Base):
    """An information request's due or overdue notice, written once (the unique key keeps workers apart)."""

    __tablename__ = "information_request_notices"
    __table_args__ = (UniqueConstraint("request_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("information_requests.id"))
    kind: Mapped[str] = mapped_column(String(10))  # due, overdue
    due_date: Mapped[date] = mapped_column(Date)
    noticed_at: Mapped[datetime] = mapped_column(default=utcnow)
