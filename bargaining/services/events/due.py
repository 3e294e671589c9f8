"""Information requests that fell due or overdue: each noticed once, whichever worker gets there first.

The delivery worker scans, every BARGAINING_INFOREQUEST_SCAN_SECONDS, for sent requests with an item
still unanswered whose due date is today (UTC: ``due``) or past (``overdue``) and that have no notice
of that kind yet. For each it inserts an ``information_request_notices`` row (unique per request and
kind, ON CONFLICT DO NOTHING) and, only if the row is new, records the audit action
``inforequest.due`` / ``inforequest.overdue`` in the same transaction, so the outbox writes the
event, its emails and webhook deliveries with it. Two workers at one request: on PostgreSQL the
second's insert waits for the first's transaction and then finds its row; on SQLite writes are
serialized. Either way, one notice. The request row itself is not locked: its FOR UPDATE would take
locks in the opposite order to a user's reminder (event counter, then request) and could deadlock;
the foreign key's KEY SHARE lock does not conflict with a user's update.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bargaining.domain.sessions.inforequests import RequestState
from bargaining.models import InfoRequest, InfoRequestNotice, utcnow
from bargaining.services import audit
from bargaining.services.inforequests.reading import unanswered_item


def notice_kind(due: date, today: date) -> str:
    """'due' on the due date, 'overdue' after it."""
    return "overdue" if due < today else "due"


def _waiting(today: date) -> list[ColumnElement[bool]]:
    """SQL: a sent request, due today or before, still waiting for an answer, not yet noticed as such."""
    kind = case((InfoRequest.due_date < today, "overdue"), else_="due")
    noticed = exists().where(InfoRequestNotice.request_id == InfoRequest.id, InfoRequestNotice.kind == kind)
    return [
        InfoRequest.state == RequestState.SENT,
        InfoRequest.due_date <= today,
        InfoRequest.items.any(unanswered_item()),
        ~noticed,
    ]


def notice_due_requests(open_session: Any, today: date, limit: int = 200) -> int:
    """Notice every request that fell due or overdue (up to limit); return how many this worker noticed."""
    with open_session() as session:
        stmt = select(InfoRequest.id).where(*_waiting(today)).order_by(InfoRequest.id).limit(limit)
        ids = list(session.scalars(stmt))
        session.rollback()
    return sum(_notice(open_session, request_id, today) for request_id in ids)


def _claim(session: Session, request: InfoRequest, kind: str) -> bool:
    """Insert the notice row; False if another worker already has (the unique key decides)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(InfoRequestNotice)
        .values(request_id=request.id, kind=kind, due_date=request.due_date, noticed_at=utcnow())
        .on_conflict_do_nothing()
        .returning(InfoRequestNotice.id)
    )
    return session.execute(stmt).scalar() is not None


def _notice(open_session: Any, request_id: int, today: date) -> bool:
    """In one transaction: the notice row and, if it is new, the audit row the outbox turns into notices."""
    with open_session() as session:
        request = session.scalar(select(InfoRequest).where(InfoRequest.id == request_id, *_waiting(today)))
        if request is None or request.due_date is None:
            session.rollback()
            return False
        kind = notice_kind(request.due_date, today)
        if not _claim(session, request, kind):
            session.rollback()
            return False
        detail = {
            "requesting_side": request.side.value,
            "title": request.title,
            "due_date": request.due_date.isoformat(),
        }
        audit.record(session, None, f"inforequest.{kind}", request, table_id=request.table_id, detail=detail)
        session.commit()
        return True
