"""Change requests: one side's negotiator proposes, the other side's consents or declines."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.consent import (
    ChangeState,
    ensure_other_side,
    ensure_pending,
    ensure_same_side,
    stale_fields,
)
from bargaining.domain.errors import Conflict, Invalid, NotFound, ensure_version
from bargaining.domain.records import Side
from bargaining.models import Article, BargainingTable, ChangeRequest, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.consent.shared import (
    apply_article_change,
    apply_table_change,
    check_article_change,
    check_table_change,
)
from bargaining.services.passing import lock_table


def _negotiator(standing: Standing) -> Side:
    """Only a side's negotiator proposes, consents to, declines or withdraws a shared change."""
    side = standing.side if standing.role is Role.NEGOTIATOR else None
    require(side is not None, "Only the sides' negotiators propose or decide shared changes.")
    assert side is not None
    return side


def _article(session: Session, table_id: int, article_id: int) -> Article:
    """An article of this table, or a validation error naming the field."""
    article = session.get(Article, article_id)
    if article is None or article.table_id != table_id:
        raise Invalid("No such article at this table.", field="article_id")
    return article


def _target(session: Session, table: BargainingTable, request: ChangeRequest) -> BargainingTable | Article:
    """What the request changes: the table, or one of its articles."""
    if request.article_id is None:
        return table
    return _article(session, table.id, request.article_id)


def propose(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> ChangeRequest:
    """One side's negotiator proposes a change to what both sides share."""
    table, standing = load_table(session, actor, table_id)
    side = _negotiator(standing)
    require_writable(table)
    changes, article_id = dict(data["changes"]), data.get("article_id")
    if article_id is None:
        check_table_change(session, table, changes)
        target: BargainingTable | Article = table
    else:
        target = _article(session, table_id, article_id)
        check_article_change(session, target, changes)
    request = ChangeRequest(
        table_id=table_id,
        article_id=article_id,
        changes=changes,
        before=audit.snapshot(target, changes),
        reason=data.get("reason", ""),
        proposed_by=side,
        proposed_by_id=actor.id,
    )
    session.add(request)
    session.flush()
    detail = {"article_id": article_id, "changes": audit.changes(request.before, changes)}
    audit.record(session, actor.id, "change.proposed", request, table_id=table_id, detail=detail)
    return request


def load_change(
    session: Session, actor: Actor, change_id: int
) -> tuple[ChangeRequest, BargainingTable, Standing]:
    """A change request the caller may read (the sides' people and administrators), or 404/403."""
    request = session.get(ChangeRequest, change_id)
    if request is None:
        raise NotFound("No such change request.", code="change_not_found")
    table, standing = load_table(session, actor, request.table_id)
    require(standing.is_party or standing.is_admin, "Members do not read change requests.")
    return request, table, standing


def list_changes(session: Session, actor: Actor, table_id: int, state: str | None) -> Select[ChangeRequest]:
    """Select a table's change requests, newest first."""
    _table, standing = load_table(session, actor, table_id)
    require(standing.is_party or standing.is_admin, "Members do not read change requests.")
    stmt = select(ChangeRequest).where(ChangeRequest.table_id == table_id)
    if state is not None:
        stmt = stmt.where(ChangeRequest.state == ChangeState(state))
    return stmt.order_by(ChangeRequest.id.desc())


def _decidable(
    session: Session, actor: Actor, change_id: int, expected: int
) -> tuple[ChangeRequest, BargainingTable, Side]:
    """Load a pending request under the table lock, at the version the caller read."""
    request, table, standing = load_change(session, actor, change_id)
    side = _negotiator(standing)
    table = lock_table(session, table.id)
    require_writable(table)
    session.refresh(request)
    ensure_version("change request", request.version, expected)
    ensure_pending(request.state)
    return request, table, side


def _close(session: Session, actor: Actor, request: ChangeRequest, state: ChangeState) -> None:
    """Record the decision on the request and audit it."""
    request.state, request.decided_by_id, request.decided_at = state, actor.id, utcnow()
    action = {
        ChangeState.APPLIED: "change.consented",
        ChangeState.DECLINED: "change.declined",
        ChangeState.WITHDRAWN: "change.withdrawn",
    }[state]
    detail = {"state": {"old": ChangeState.PENDING.value, "new": state.value}}
    audit.record(session, actor.id, action, request, table_id=request.table_id, detail={"changes": detail})
    session.flush()


def consent(session: Session, actor: Actor, change_id: int, expected: int) -> ChangeRequest:
    """The other side consents: the change is applied as proposed (409 if its fields moved since)."""
    request, table, side = _decidable(session, actor, change_id, expected)
    ensure_other_side(request.proposed_by, side)
    target = _target(session, table, request)
    stale = stale_fields(request.before, audit.snapshot(target, request.before))
    if stale:
        raise Conflict(
            f"{', '.join(stale)} changed since this was proposed; propose it again.", code="change_stale"
        )
    if isinstance(target, BargainingTable):
        apply_table_change(session, actor.id, target, dict(request.changes), change_request_id=request.id)
    else:
        apply_article_change(session, actor.id, target, dict(request.changes), change_request_id=request.id)
    _close(session, actor, request, ChangeState.APPLIED)
    return request


def decline(session: Session, actor: Actor, change_id: int, expected: int) -> ChangeRequest:
    """The other side declines: nothing changes."""
    request, _table, side = _decidable(session, actor, change_id, expected)
    ensure_other_side(request.proposed_by, side)
    _close(session, actor, request, ChangeState.DECLINED)
    return request


def withdraw(session: Session, actor: Actor, change_id: int, expected: int) -> ChangeRequest:
    """The proposing side takes its request back: nothing changes."""
    request, _table, side = _decidable(session, actor, change_id, expected)
    ensure_same_side(request.proposed_by, side)
    _close(session, actor, request, ChangeState.WITHDRAWN)
    return request
