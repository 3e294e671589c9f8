"""A request's chronology (requested, reminded, answered, objected, withdrawn) as rows, CSV and PDF.

The PDF is what an organizer attaches to an unfair-labor-practice charge: a clean document (one
block per event) laid out by the documents package, the same HTML page, stylesheet and PDF engine
as the contract and its redlines.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.documents.model import Block, Document, Section
from bargaining.documents.pdf import to_pdf
from bargaining.domain.access import Actor
from bargaining.domain.redlines.engine import Op
from bargaining.models import InfoRequest, InfoRequestEvent, InfoRequestItem, User
from bargaining.services.inforequests.reading import load_request

COLUMNS = ("at", "event", "side", "by", "item", "detail")


@dataclass(frozen=True, slots=True)
class ChronologyRow:
    """One line of the chronology."""

    at: datetime
    event: str
    side: str
    by: str
    item: str
    detail: str


def chronology(session: Session, actor: Actor, request_id: int) -> tuple[InfoRequest, list[ChronologyRow]]:
    """The request and its chronology, oldest first (one statement for the lines)."""
    request, _standing = load_request(session, actor, request_id)
    stmt = (
        select(InfoRequestEvent, User.name, InfoRequestItem.position, InfoRequestItem.description)
        .join(User, User.id == InfoRequestEvent.actor_id)
        .outerjoin(InfoRequestItem, InfoRequestItem.id == InfoRequestEvent.item_id)
        .where(InfoRequestEvent.request_id == request.id)
        .order_by(InfoRequestEvent.at, InfoRequestEvent.id)
    )
    rows = [
        ChronologyRow(
            at=e.at,
            event=e.kind,
            side=e.side.value,
            by=name,
            item="" if position is None else f"{position + 1}. {description}",
            detail=e.detail,
        )
        for e, name, position, description in session.execute(stmt)
    ]
    return request, rows


def as_csv(rows: list[ChronologyRow]) -> str:
    """The chronology as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.at.isoformat(), r.event, r.side, r.by, r.item, r.detail])
    return out.getvalue()


def as_pdf(request: InfoRequest, rows: list[ChronologyRow]) -> bytes:
    """The chronology as a PDF: the request's facts, then one paragraph per event."""
    return to_pdf(as_document(request, rows))


def as_document(request: InfoRequest, rows: list[ChronologyRow]) -> Document:
    """The chronology as a clean document: the request's facts, then one block per event."""
    requested = request.requested_at.date().isoformat() if request.requested_at else "not sent"
    facts = f"Requested by the {request.side.value} on {requested}; due {request.due_date or 'not set'}."
    purpose = (f"Purpose: {request.purpose}",) if request.purpose else ()
    blocks = tuple(
        Block(
            heading=f"{r.at:%Y-%m-%d %H:%M} UTC - {r.event} by {r.by} ({r.side})",
            ops=(Op("equal", "\n".join(extra for extra in (r.item, r.detail) if extra)),),
        )
        for r in rows
    )
    return Document(
        title=f"Information request: {request.title}",
        table=f"Information request {request.id}",
        new_label="Chronology",
        sections=(Section("Chronology", blocks),),
        filename=f"information-request-{request.id}-chronology",
        summary=(facts, *purpose),
    )
