"""Webhook subscriptions: a table's negotiators (or an administrator) subscribe URLs to event kinds."""

from __future__ import annotations

import secrets
from typing import Any, cast

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Conflict, Forbidden, NotFound
from bargaining.domain.events import ADMIN
from bargaining.models import DeliveryAttempt, TableEvent, WebhookDelivery, WebhookSubscription, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table
from bargaining.services.events.egress import check_subscription_url

EDITABLE = ("url", "kinds", "state")


def _scope_for_new(standing: Standing) -> str:
    """Whose events a new subscription receives: the negotiator's side, else the administrator's."""
    if standing.signs and standing.side is not None:
        return str(standing.side)
    if standing.is_admin:
        return ADMIN
    raise Forbidden("Only a table's negotiators or an administrator manage webhooks.")


def _manages(standing: Standing, scope: str) -> bool:
    """The caller may see and change a subscription of that scope: their side's, or the administrators'."""
    if scope == ADMIN:
        return standing.is_admin
    return standing.signs and standing.side is not None and str(standing.side) == scope


def create(
    session: Session, actor: Actor, table_id: int, data: dict[str, Any], allow_private: bool = False
) -> tuple[WebhookSubscription, str]:
    """Subscribe a URL (public addresses only, unless allowed); return it with its secret (shown only now)."""
    table, standing = load_table(session, actor, table_id)
    scope = _scope_for_new(standing)
    check_subscription_url(data["url"], allow_private)
    secret = "whsec_" + secrets.token_urlsafe(32)
    sub = WebhookSubscription(
        table_id=table.id,
        created_by_id=actor.id,
        scope=scope,
        url=data["url"],
        kinds=sorted(set(data["kinds"])),
        secret=secret,
    )
    session.add(sub)
    session.flush()
    detail = {"url": sub.url, "kinds": sub.kinds}
    audit.record(
        session, actor.id, "webhook.created", sub, table_id=table.id, visible_to=scope, detail=detail
    )
    session.flush()
    return sub, secret


def listing(session: Session, actor: Actor, table_id: int) -> Select[Any]:
    """The table's subscriptions the caller manages (not deleted), oldest first."""
    _, standing = load_table(session, actor, table_id)
    scopes = [s for s in ("union", "employer", ADMIN) if _manages(standing, s)]
    if not scopes:
        raise Forbidden("Only a table's negotiators or an administrator manage webhooks.")
    return (
        select(WebhookSubscription)
        .where(WebhookSubscription.table_id == table_id, WebhookSubscription.scope.in_(scopes))
        .where(WebhookSubscription.state != "deleted")
        .order_by(WebhookSubscription.id)
    )


def get(session: Session, actor: Actor, webhook_id: int) -> WebhookSubscription:
    """One subscription the caller manages (404 otherwise: the other side's are not theirs to know)."""
    sub = session.get(WebhookSubscription, webhook_id)
    if sub is None or sub.state == "deleted":
        raise NotFound("No such webhook.", code="webhook_not_found")
    _, standing = load_table(session, actor, sub.table_id)
    if not _manages(standing, sub.scope):
        raise NotFound("No such webhook.", code="webhook_not_found")
    return sub


def edit(
    session: Session, actor: Actor, webhook_id: int, data: dict[str, Any], allow_private: bool = False
) -> WebhookSubscription:
    """Change a subscription's URL (checked as on subscribing), kinds or state (resuming clears the pause)."""
    sub = get(session, actor, webhook_id)
    changed = {k: v for k, v in data.items() if k in EDITABLE}
    if "url" in changed:
        check_subscription_url(changed["url"], allow_private)
    if "kinds" in changed:
        changed["kinds"] = sorted(set(changed["kinds"]))
    before = audit.snapshot(sub, changed)
    for name, value in changed.items():
        setattr(sub, name, value)
    if changed.get("state") == "active":
        sub.paused_reason, sub.failures_in_row = "", 0
    elif changed.get("state") == "paused":
        sub.paused_reason = "Paused by its subscriber."
    detail = audit.edit_detail(before, audit.snapshot(sub, changed))
    audit.record(
        session, actor.id, "webhook.updated", sub, table_id=sub.table_id, visible_to=sub.scope, detail=detail
    )
    session.flush()
    return sub


def delete(session: Session, actor: Actor, webhook_id: int) -> WebhookSubscription:
    """Stop a subscription for good; its deliveries' log stays."""
    sub = get(session, actor, webhook_id)
    detail = audit.moved(None, sub.state, "deleted")
    sub.state = "deleted"
    audit.record(
        session, actor.id, "webhook.deleted", sub, table_id=sub.table_id, visible_to=sub.scope, detail=detail
    )
    session.flush()
    return sub


def deliveries(session: Session, actor: Actor, webhook_id: int) -> Select[Any]:
    """The subscription's deliveries, newest first, with their event's number and action."""
    sub = get(session, actor, webhook_id)
    stmt = (
        select(WebhookDelivery, TableEvent.seq, TableEvent.audit_id)
        .join(TableEvent, TableEvent.id == WebhookDelivery.event_id)
        .where(WebhookDelivery.subscription_id == sub.id)
        .order_by(WebhookDelivery.id.desc())
    )
    return cast(Select[Any], stmt)


def with_attempts(session: Session, rows: list[Any]) -> list[dict[str, Any]]:
    """Deliveries as answers, each with its attempts (one query for the page)."""
    from bargaining.models import AuditEvent

    ids = [r.WebhookDelivery.id for r in rows]
    attempts: dict[int, list[DeliveryAttempt]] = {i: [] for i in ids}
    for attempt in session.scalars(
        select(DeliveryAttempt).where(DeliveryAttempt.delivery_id.in_(ids)).order_by(DeliveryAttempt.id)
    ):
        attempts[attempt.delivery_id].append(attempt)
    actions = dict(
        session.execute(
            select(AuditEvent.id, AuditEvent.action).where(AuditEvent.id.in_([r.audit_id for r in rows]))
        ).all()
    )
    out = []
    for r in rows:
        d = r.WebhookDelivery
        out.append(
            {
                "id": d.id,
                "subscription_id": d.subscription_id,
                "event_id": r.seq,
                "action": actions.get(r.audit_id, ""),
                "state": d.state,
                "attempts": d.attempts,
                "next_attempt_at": d.next_attempt_at,
                "delivered_at": d.delivered_at,
                "replay_of_id": d.replay_of_id,
                "attempt_log": attempts[d.id],
            }
        )
    return out


def replay(session: Session, actor: Actor, webhook_id: int, delivery_id: int) -> WebhookDelivery:
    """Send a delivery's event again, as a new delivery (the old one and its log stay)."""
    sub = get(session, actor, webhook_id)
    old = session.get(WebhookDelivery, delivery_id)
    if old is None or old.subscription_id != sub.id:
        raise NotFound("No such delivery.", code="delivery_not_found")
    if sub.state != "active":
        raise Conflict("Resume the webhook before replaying to it.", code="webhook_paused")
    fresh = WebhookDelivery(
        subscription_id=sub.id, event_id=old.event_id, replay_of_id=old.id, next_attempt_at=utcnow()
    )
    session.add(fresh)
    session.flush()
    audit.record(
        session,
        actor.id,
        "webhook.replayed",
        fresh,
        table_id=sub.table_id,
        visible_to=sub.scope,
        detail={"webhook_id": sub.id, "delivery_id": old.id},
    )
    session.flush()
    return fresh
