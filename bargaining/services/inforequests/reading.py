"""Who sees which requests, loading them, and the list filters (open, overdue, by article)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import NotFound
from bargaining.domain.records import Side
from bargaining.domain.sessions.inforequests import RequestState
from bargaining.models import (
    Clause,
    InfoRequest,
    InfoRequestAnswer,
    InfoRequestItem,
    InfoRequestLink,
    ProposalItem,
    utcnow,
)
from bargaining.services.access import load_table, require

OPTIONS = (
    selectinload(InfoRequest.items).selectinload(InfoRequestItem.answers),
    selectinload(InfoRequest.links),
)


def today() -> date:
    """Today's date in UTC (due dates are calendar dates)."""
    return utcnow().date()


def visible_requests(standing: Standing) -> ColumnElement[bool]:
    """SQL: a side sees its own drafts and every sent request; admins see sent ones; members none."""
    sent = InfoRequest.state == RequestState.SENT
    if standing.is_party:
        return or_(sent, InfoRequest.side == standing.side)
    return sent if standing.is_admin else false()


def unanswered_item() -> ColumnElement[bool]:
    """SQL mirror of the domain's open / partially answered: not withdrawn, objected or fully answered."""
    complete = exists().where(InfoRequestAnswer.item_id == InfoRequestItem.id, InfoRequestAnswer.complete)
    return and_(InfoRequestItem.withdrawn_at.is_(None), InfoRequestItem.objected_at.is_(None), ~complete)


def _has_unanswered() -> ColumnElement[bool]:
    """SQL: the request still has an item waiting for an answer."""
    return InfoRequest.items.any(unanswered_item())


def _for_article(article_id: int) -> ColumnElement[bool]:
    """SQL: the request is for the article, one of its clauses, or a proposal on them."""
    clauses = select(Clause.id).where(Clause.article_id == article_id)
    proposals = select(ProposalItem.proposal_id).where(
        or_(ProposalItem.clause_id.in_(clauses), ProposalItem.article_id == article_id)
    )
    return InfoRequest.links.any(
        or_(
            InfoRequestLink.article_id == article_id,
            InfoRequestLink.clause_id.in_(clauses),
            InfoRequestLink.proposal_id.in_(proposals),
        )
    )


def list_requests(
    session: Session, actor: Actor, table_id: int, filters: dict[str, Any]
) -> Select[InfoRequest]:
    """Select the requests the caller may see, oldest first, filtered."""
    _table, standing = load_table(session, actor, table_id)
    require(standing.is_party or standing.is_admin, "Information requests are the committees' business.")
    stmt = select(InfoRequest).where(InfoRequest.table_id == table_id, visible_requests(standing))
    status = filters.get("status")
    sent = InfoRequest.state == RequestState.SENT
    if status == "draft":
        stmt = stmt.where(InfoRequest.state == RequestState.DRAFT)
    elif status == "open":
        stmt = stmt.where(sent, _has_unanswered())
    elif status == "overdue":
        stmt = stmt.where(sent, InfoRequest.due_date < today(), _has_unanswered())
    elif status == "closed":
        stmt = stmt.where(sent, ~_has_unanswered())
    if "side" in filters:
        stmt = stmt.where(InfoRequest.side == Side(filters["side"]))
    if "article_id" in filters:
        stmt = stmt.where(_for_article(filters["article_id"]))
    for name in ("clause_id", "proposal_id"):
        if name in filters:
            stmt = stmt.where(InfoRequest.links.any(getattr(InfoRequestLink, name) == filters[name]))
    return stmt.options(*OPTIONS).order_by(InfoRequest.id)


def load_request(session: Session, actor: Actor, request_id: int) -> tuple[InfoRequest, Standing]:
    """Return a request the caller may see (with items, answers and links), or 404."""
    request = session.scalar(select(InfoRequest).where(InfoRequest.id == request_id).options(*OPTIONS))
    if request is None:
        raise NotFound("No such information request.", code="request_not_found")
    _table, standing = load_table(session, actor, request.table_id)
    if session.scalar(select(true()).where(InfoRequest.id == request_id, visible_requests(standing))) is None:
        raise NotFound("No such information request.", code="request_not_found")
    return request, standing


def load_item(session: Session, actor: Actor, item_id: int) -> tuple[InfoRequestItem, InfoRequest, Standing]:
    """Return an item of a request the caller may see, or 404."""
    request_id = session.scalar(select(InfoRequestItem.request_id).where(InfoRequestItem.id == item_id))
    if request_id is None:
        raise NotFound("No such item.", code="item_not_found")
    request, standing = load_request(session, actor, request_id)
    item = next(i for i in request.items if i.id == item_id)
    return item, request, standing
