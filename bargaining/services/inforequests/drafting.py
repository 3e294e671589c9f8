"""The requesting side: drafting a request in private, sending it, reminding, withdrawing items."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.errors import Conflict, Invalid, ensure_version
from bargaining.domain.records import Side
from bargaining.domain.sessions.inforequests import RequestState
from bargaining.models import (
    Article,
    Clause,
    InfoRequest,
    InfoRequestEvent,
    InfoRequestItem,
    InfoRequestLink,
    Proposal,
    utcnow,
)
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.inforequests.reading import load_item, load_request
from bargaining.services.passing import CLOCK_SKEW
from bargaining.services.proposals import visible_proposals
from bargaining.services.sessions.changes import apply, plain

FIELDS = ("title", "purpose", "due_date")
LINKS: dict[str, tuple[str, Any]] = {
    "article_ids": ("article_id", Article),
    "clause_ids": ("clause_id", Clause),
}


def _requester(standing: Standing, side: Side | None = None) -> Side:
    """Only the requesting side's negotiators and recorders draft, send and remind."""
    writer = standing.writer_side
    require(writer is not None and (side is None or writer is side), "Only the requesting side does this.")
    assert writer is not None
    return writer


def _writable(session: Session, actor: Actor, table_id: int) -> None:
    """A ratified table is read-only."""
    table, _standing = load_table(session, actor, table_id)
    require_writable(table)


def _draft(request: InfoRequest) -> None:
    """Edits are for drafts: a sent request is on the record."""
    if request.state is not RequestState.DRAFT:
        raise Conflict("This request was sent; it can no longer change.", code="request_sent")


def create(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> InfoRequest:
    """Draft a request for the caller's side (private to that side until sent)."""
    table, standing = load_table(session, actor, table_id)
    side = _requester(standing)
    require_writable(table)
    request = InfoRequest(
        table_id=table_id, side=side, created_by_id=actor.id, **{k: data.get(k) for k in FIELDS if k in data}
    )
    request.items = _items(data["items"])
    request.links = _links(session, standing, table, data)
    session.add(request)
    session.flush()
    audit.record(
        session,
        actor.id,
        "inforequest.drafted",
        request,
        table_id=table_id,
        visible_to=side.value,
        detail={**{k: plain(getattr(request, k)) for k in FIELDS}, "items": len(request.items)},
    )
    return request


def _items(payloads: list[dict[str, Any]]) -> list[InfoRequestItem]:
    """Item rows in the order given."""
    return [
        InfoRequestItem(position=i, description=p["description"], period=p.get("period", ""), answers=[])
        for i, p in enumerate(payloads)
    ]


def _links(session: Session, standing: Standing, table: Any, data: dict[str, Any]) -> list[InfoRequestLink]:
    """What the request is for; each named object must be at the table and visible to the caller."""
    links: list[InfoRequestLink] = []
    for key, (column, model) in LINKS.items():
        ids = sorted(set(data.get(key, [])))
        found = set(session.scalars(select(model.id).where(model.id.in_(ids), model.table_id == table.id)))
        _all_found(ids, found, key)
        links += [InfoRequestLink(**{column: i}) for i in ids]
    ids = sorted(set(data.get("proposal_ids", [])))
    visible = select(Proposal.id).where(Proposal.id.in_(ids), Proposal.table_id == table.id)
    _all_found(ids, set(session.scalars(visible.where(visible_proposals(standing, table)))), "proposal_ids")
    return links + [InfoRequestLink(proposal_id=i) for i in ids]


def _all_found(ids: list[int], found: set[int], key: str) -> None:
    """Refuse a link to an object that is not at the table (or not visible)."""
    missing = [i for i in ids if i not in found]
    if missing:
        raise Invalid(f"Not at this table: {missing}.", field=key)


def update(
    session: Session, actor: Actor, request_id: int, expected: int, data: dict[str, Any]
) -> InfoRequest:
    """Edit a draft: title, purpose, due date, items (replaced whole), links."""
    request, standing = load_request(session, actor, request_id)
    _requester(standing, request.side)
    table, _ = load_table(session, actor, request.table_id)
    require_writable(table)
    ensure_version("information request", request.version, expected)
    _draft(request)
    changed = apply(request, data, FIELDS)
    if "items" in data:
        old = [(i.description, i.period) for i in request.items]
        request.items = _items(data["items"])
        changed["items"] = {"old": old, "new": [(i.description, i.period) for i in request.items]}
    if any(k in data for k in ("article_ids", "clause_ids", "proposal_ids")):
        request.links = _links(session, standing, table, data)
        changed["links"] = {
            "new": {k: data.get(k, []) for k in ("article_ids", "clause_ids", "proposal_ids")}
        }
    if changed:
        flag_modified(request, "title")  # items and links are part of what the ETag guards
        audit.record(
            session,
            actor.id,
            "inforequest.edited",
            request,
            table_id=request.table_id,
            visible_to=request.side.value,
            detail=changed,
        )
        session.flush()
    return request


def delete(session: Session, actor: Actor, request_id: int, expected: int) -> None:
    """Delete a draft that was never sent."""
    request, standing = load_request(session, actor, request_id)
    _requester(standing, request.side)
    _writable(session, actor, request.table_id)
    ensure_version("information request", request.version, expected)
    _draft(request)
    audit.record(
        session,
        actor.id,
        "inforequest.deleted",
        request,
        table_id=request.table_id,
        visible_to=request.side.value,
        detail={"title": request.title},
    )
    session.delete(request)
    session.flush()


def send(
    session: Session, actor: Actor, request_id: int, expected: int, requested_at: datetime | None
) -> InfoRequest:
    """Send the request to the other side: dated (a recorder may give a paper request's date)."""
    request, standing = load_request(session, actor, request_id)
    _requester(standing, request.side)
    _writable(session, actor, request.table_id)
    ensure_version("information request", request.version, expected)
    _draft(request)
    now = utcnow()
    if requested_at is not None:
        require(standing.role is Role.RECORDER, "Only a recorder enters the date a paper request was made.")
        if requested_at > now + CLOCK_SKEW:
            raise Invalid("A request cannot be dated in the future.", field="requested_at")
    if not request.items:
        raise Invalid("Ask for at least one item.", field="items")
    when = requested_at or now
    if request.due_date is None or request.due_date < when.date():
        raise Invalid("Give a due date on or after the date of the request.", field="due_date")
    request.state, request.requested_at = RequestState.SENT, when
    event(session, request, actor, "requested", request.side, at=when)
    audit.record(
        session,
        actor.id,
        "inforequest.sent",
        request,
        table_id=request.table_id,
        detail={"state": {"old": "draft", "new": "sent"}, "requested_at": when.isoformat()},
    )
    session.flush()
    return request


def remind(session: Session, actor: Actor, request_id: int, expected: int, note: str) -> InfoRequest:
    """Remind the other side of a sent request (the reminder goes in the chronology)."""
    request, standing = load_request(session, actor, request_id)
    _requester(standing, request.side)
    _writable(session, actor, request.table_id)
    ensure_version("information request", request.version, expected)
    if request.state is not RequestState.SENT:
        raise Conflict("Send the request before reminding anyone of it.", code="request_draft")
    event(session, request, actor, "reminded", request.side, detail=note)
    flag_modified(request, "purpose")  # the request moved (it was reminded): its version goes up by one
    audit.record(
        session, actor.id, "inforequest.reminded", request, table_id=request.table_id, detail={"note": note}
    )
    return request


def withdraw_item(
    session: Session, actor: Actor, item_id: int, expected: int
) -> tuple[InfoRequestItem, InfoRequest]:
    """The requesting side withdraws one item of a sent request (it stays in the record)."""
    item, request, standing = load_item(session, actor, item_id)
    _requester(standing, request.side)
    _writable(session, actor, request.table_id)
    ensure_version("item", item.version, expected)
    if request.state is not RequestState.SENT or item.withdrawn_at is not None:
        raise Conflict(
            "Only an item of a sent request, not yet withdrawn, can be withdrawn.", code="item_state"
        )
    item.withdrawn_at, item.withdrawn_by_id = utcnow(), actor.id
    event(session, request, actor, "withdrawn", request.side, item=item)
    audit.record(
        session,
        actor.id,
        "inforequest.item_withdrawn",
        item,
        table_id=request.table_id,
        detail={"withdrawn_at": {"old": None, "new": item.withdrawn_at.isoformat()}},
    )
    session.flush()
    return item, request


def event(
    session: Session,
    request: InfoRequest,
    actor: Actor,
    kind: str,
    side: Side,
    *,
    item: InfoRequestItem | None = None,
    at: datetime | None = None,
    detail: str = "",
) -> None:
    """Add a line to the request's chronology."""
    session.add(
        InfoRequestEvent(
            request_id=request.id,
            item_id=item.id if item else None,
            kind=kind,
            side=side,
            actor_id=actor.id,
            at=at or utcnow(),
            detail=detail,
        )
    )
