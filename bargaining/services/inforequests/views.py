"""Requests as the wire has them: each item's derived status, overdue flags, answers and their files."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.sessions.inforequests import (
    ItemStatus,
    RequestState,
    is_overdue,
    item_status,
    request_status,
)
from bargaining.models import Attachment, InfoRequest, InfoRequestItem
from bargaining.services.inforequests.reading import today

ANSWER = "ir_answer"


def status_of(item: InfoRequestItem) -> ItemStatus:
    """An item's status, derived by the domain rule from its record."""
    return item_status(
        withdrawn=item.withdrawn_at is not None,
        objected=item.objected_at is not None,
        answers=len(item.answers),
        complete=any(a.complete for a in item.answers),
    )


def request_views(session: Session, requests: list[InfoRequest]) -> list[dict[str, Any]]:
    """Requests with derived statuses, answers and their files (one query for all the files)."""
    answer_ids = [a.id for r in requests for i in r.items for a in i.answers]
    files: dict[int, list[dict[str, Any]]] = {}
    if answer_ids:
        stmt = select(Attachment).where(
            Attachment.object_type == ANSWER, Attachment.object_id.in_(answer_ids)
        )
        for f in session.scalars(stmt.order_by(Attachment.id)):
            files.setdefault(f.object_id, []).append(_file(f))
    return [_request(r, files) for r in requests]


def _file(f: Attachment) -> dict[str, Any]:
    """A file's facts (its id is what the costing's roster import takes)."""
    return {
        "id": f.id,
        "filename": f.filename,
        "media_type": f.media_type,
        "size": f.size,
        "sha256": f.sha256,
    }


def _request(r: InfoRequest, files: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    """One request."""
    sent, day = r.state is RequestState.SENT, today()
    items = [_item(i, r, files, sent, day) for i in r.items]
    statuses = [ItemStatus(i["status"]) for i in items]
    return {
        **{c.key: getattr(r, c.key) for c in InfoRequest.__table__.columns},
        "status": request_status(statuses).value if sent else "draft",
        "overdue": any(i["overdue"] for i in items),
        "article_ids": sorted(x.article_id for x in r.links if x.article_id),
        "clause_ids": sorted(x.clause_id for x in r.links if x.clause_id),
        "proposal_ids": sorted(x.proposal_id for x in r.links if x.proposal_id),
        "items": items,
    }


def _item(
    i: InfoRequestItem, r: InfoRequest, files: dict[int, list[dict[str, Any]]], sent: bool, day: Any
) -> dict[str, Any]:
    """One item with its derived status and answers."""
    status = status_of(i)
    return {
        **{c.key: getattr(i, c.key) for c in InfoRequestItem.__table__.columns},
        "status": status.value,
        "overdue": is_overdue(status, r.due_date, day, sent),
        "answers": [
            {
                "id": a.id,
                "text": a.text,
                "complete": a.complete,
                "answered_by_id": a.answered_by_id,
                "answered_at": a.answered_at,
                "files": files.get(a.id, []),
            }
            for a in i.answers
        ],
    }
