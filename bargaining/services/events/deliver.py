"""Delivering webhooks from the outbox: sign, send, log the attempt, retry with backoff, pause."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import orjson
import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.events import Reader
from bargaining.domain.events.signing import backoff_seconds, signature
from bargaining.models import (
    AuditEvent,
    DeliveryAttempt,
    TableEvent,
    User,
    WebhookDelivery,
    WebhookSubscription,
    utcnow,
)
from bargaining.services import audit
from bargaining.services.events import egress
from bargaining.services.events.feed import as_event
from bargaining.services.events.leases import claim, still_mine

USER_AGENT = "bargaining-webhooks/1"


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """Timeouts, retries and pausing of webhook deliveries."""

    timeout: float = 10.0
    max_attempts: int = 8
    backoff: float = 30.0
    backoff_cap: float = 6 * 3600.0
    pause_after: int = 10
    lease: float = 60.0
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt got: a status code, or an error."""

    status_code: int | None
    error: str
    elapsed_ms: int

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return self.status_code is not None and 200 <= self.status_code < 300


def _due(now: datetime) -> list[Any]:
    """Pending deliveries whose time has come, to subscriptions that are active."""
    active = select(WebhookSubscription.id).where(WebhookSubscription.state == "active")
    return [
        WebhookDelivery.state == "pending",
        WebhookDelivery.next_attempt_at <= now,
        WebhookDelivery.subscription_id.in_(active),
    ]


def _request(session: Session, delivery_id: int) -> tuple[str, bytes, dict[str, str]] | None:
    """The URL, body and headers of a delivery (None if its subscription is gone)."""
    row = session.execute(
        select(
            WebhookDelivery, WebhookSubscription, TableEvent.seq, TableEvent.table_id, AuditEvent, User.name
        )
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .join(TableEvent, TableEvent.id == WebhookDelivery.event_id)
        .join(AuditEvent, AuditEvent.id == TableEvent.audit_id)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(WebhookDelivery.id == delivery_id)
    ).first()
    if row is None:
        return None
    delivery, sub, audit_row = row.WebhookDelivery, row.WebhookSubscription, row.AuditEvent
    event_row = _EventRow(row.seq, row.table_id, audit_row, row.name)
    payload = {
        "delivery_id": delivery.id,
        "webhook_id": sub.id,
        "event": as_event(event_row, Reader(frozenset({sub.scope}))),
    }
    body = orjson.dumps(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Bargaining-Delivery": str(delivery.id),
        "X-Bargaining-Event": audit_row.action,
        "X-Bargaining-Signature": signature(sub.secret, int(time.time()), body),
    }
    return sub.url, body, headers


class _EventRow:
    """An audit row with its event number, shaped as the feed's rows."""

    def __init__(self, seq: int, table_id: int, row: AuditEvent, actor_name: str | None) -> None:
        self.seq, self.table_id, self.at, self.action = seq, table_id, row.at, row.action
        self.object_type, self.object_id, self.actor_id = row.object_type, row.object_id, row.actor_id
        self.actor_name, self.detail = actor_name, row.detail


def send(
    url: str, body: bytes, headers: dict[str, str], timeout: float, allow_private: bool = False
) -> Outcome:
    """POST the body to a public address; never follow redirects (a redirect is a failure)."""
    started = time.monotonic()
    try:
        answer = egress.post(url, body, headers, timeout, allow_private)
        status = answer.status_code
        error = "" if 200 <= status < 300 else f"HTTP {status}"  # a redirect too: it is not followed
    except requests.RequestException as exc:
        status, error = None, f"{type(exc).__name__}: {exc}"[:500]
    return Outcome(status, error, int((time.monotonic() - started) * 1000))


def _record(session: Session, delivery: WebhookDelivery, outcome: Outcome, settings: WebhookSettings) -> None:
    """Log the attempt; mark delivered, schedule a retry, or give up; pause a failing subscription."""
    now = utcnow()
    delivery.attempts += 1
    session.add(
        DeliveryAttempt(
            delivery_id=delivery.id,
            number=delivery.attempts,
            at=now,
            status_code=outcome.status_code,
            error=outcome.error,
            ok=outcome.ok,
            elapsed_ms=outcome.elapsed_ms,
        )
    )
    delivery.lease_until = None
    sub = session.get(WebhookSubscription, delivery.subscription_id)
    assert sub is not None
    if outcome.ok:
        delivery.state, delivery.delivered_at = "delivered", now
        sub.failures_in_row = 0
        return
    wait = backoff_seconds(delivery.attempts, settings.backoff, settings.backoff_cap)
    delivery.next_attempt_at = now + timedelta(seconds=wait)
    if delivery.attempts >= settings.max_attempts:
        delivery.state = "failed"
    sub.failures_in_row += 1
    if sub.failures_in_row >= settings.pause_after and sub.state == "active":
        reason = f"{sub.failures_in_row} attempts failed in a row; the last: {outcome.error}"
        detail = audit.moved(None, sub.state, "paused") | {"reason": reason}
        sub.state, sub.paused_reason = "paused", reason
        audit.record(
            session, None, "webhook.paused", sub, table_id=sub.table_id, visible_to=sub.scope, detail=detail
        )


def deliver_webhooks(open_session: Any, settings: WebhookSettings, limit: int = 20) -> int:
    """Claim due deliveries and make one attempt at each; return how many were attempted."""
    with open_session() as session:
        ids, lease = claim(session, WebhookDelivery, _due(utcnow()), utcnow(), settings.lease, limit)
    for delivery_id in ids:
        with open_session() as session:
            prepared = _request(session, delivery_id)
            session.rollback()
        if prepared is None:
            continue
        outcome = send(*prepared, timeout=settings.timeout, allow_private=settings.allow_private)
        with open_session() as session:
            delivery = still_mine(session, WebhookDelivery, delivery_id, lease)
            if delivery is not None:
                _record(session, delivery, outcome, settings)
            session.commit()
    return len(ids)
