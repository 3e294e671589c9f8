"""The answering side: answers item by item (text, files on the answer), or objects with a reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Conflict, ensure_version
from bargaining.domain.records import Side
from bargaining.domain.sessions.inforequests import UNANSWERED, ItemStatus, RequestState
from bargaining.models import InfoRequest, InfoRequestAnswer, InfoRequestItem, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.inforequests.drafting import event
from bargaining.services.inforequests.reading import load_item
from bargaining.services.inforequests.views import status_of


def _answerer(standing: Standing, request: InfoRequest) -> Side:
    """Only the other side's negotiators and recorders answer or object."""
    side = request.side.other
    require(standing.writes_for(side), "Only the side asked answers or objects.")
    return side


def _open_item(
    session: Session, actor: Actor, item_id: int, expected: int
) -> tuple[InfoRequestItem, InfoRequest, Side]:
    """Load an item of a sent request that is still waiting, for the answering side."""
    item, request, standing = load_item(session, actor, item_id)
    side = _answerer(standing, request)
    table, _ = load_table(session, actor, request.table_id)
    require_writable(table)
    ensure_version("item", item.version, expected)
    if request.state is not RequestState.SENT:
        raise Conflict("This request has not been sent.", code="request_draft")
    status = status_of(item)
    if status not in UNANSWERED:
        raise Conflict(f"This item is {status.value}.", code="item_state")
    return item, request, side


def answer(
    session: Session, actor: Actor, item_id: int, expected: int, data: dict[str, Any]
) -> tuple[InfoRequestItem, InfoRequest]:
    """Answer an item, fully or in part; files are then attached to the answer."""
    item, request, side = _open_item(session, actor, item_id, expected)
    before = status_of(item)
    reply = InfoRequestAnswer(
        item_id=item.id,
        request_id=request.id,
        text=data["text"],
        complete=data["complete"],
        answered_by_id=actor.id,
        answered_at=utcnow(),
    )
    session.add(reply)
    item.answers.append(reply)
    item.version += 1
    after = ItemStatus.ANSWERED if reply.complete else ItemStatus.PARTIALLY_ANSWERED
    session.flush()
    event(session, request, actor, after.value, side, item=item, detail=data["text"][:500])
    audit.record(
        session,
        actor.id,
        "inforequest.answered",
        reply,
        table_id=request.table_id,
        detail={"item_id": item.id, "status": {"old": before.value, "new": after.value}},
    )
    session.flush()
    return item, request


def object_to(
    session: Session, actor: Actor, item_id: int, expected: int, reason: str
) -> tuple[InfoRequestItem, InfoRequest]:
    """Object to an item with a reason (e.g. not relevant, confidential, overbroad)."""
    item, request, side = _open_item(session, actor, item_id, expected)
    if item.objected_at is not None:
        raise Conflict("This item was already objected to.", code="item_state")
    before = status_of(item)
    item.objection, item.objected_at, item.objected_by_id = reason, utcnow(), actor.id
    event(session, request, actor, "objected", side, item=item, detail=reason)
    audit.record(
        session,
        actor.id,
        "inforequest.objected",
        item,
        table_id=request.table_id,
        detail={"status": {"old": before.value, "new": "objected"}, "objection": {"old": "", "new": reason}},
    )
    session.flush()
    return item, request
