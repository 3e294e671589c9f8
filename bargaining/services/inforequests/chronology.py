"""A request's chronology (requested, reminded, answered, objected, withdrawn) as rows, CSV and PDF.

The PDF is what an organizer attaches to an unfair-labor-practice charge: built with fpdf2 (the
project's PDF library; weasyprint is not installed) in DejaVu Sans when the font is present.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.models import InfoRequest, InfoRequestEvent, InfoRequestItem, User
from bargaining.services.inforequests.reading import load_request

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
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
    pdf = FPDF(format="Letter")
    family = _font(pdf)
    pdf.add_page()
    pdf.set_font(family, size=14)
    _para(pdf, 8, _safe(f"Information request: {request.title}", family))
    pdf.set_font(family, size=10)
    requested = request.requested_at.date().isoformat() if request.requested_at else "not sent"
    facts = f"Requested by the {request.side.value} on {requested}; due {request.due_date or 'not set'}."
    _para(pdf, 6, _safe(facts, family))
    if request.purpose:
        _para(pdf, 6, _safe(f"Purpose: {request.purpose}", family))
    pdf.ln(4)
    for r in rows:
        line = f"{r.at:%Y-%m-%d %H:%M} UTC - {r.event} by {r.by} ({r.side})"
        pdf.set_font(family, size=10)
        _para(pdf, 6, _safe(line, family))
        pdf.set_font(family, size=9)
        for extra in (r.item, r.detail):
            if extra:
                _para(pdf, 5, _safe(f"    {extra}", family))
    return bytes(pdf.output())


def _font(pdf: FPDF) -> str:
    """DejaVu Sans when installed (any script), else the core Helvetica (Latin-1 only)."""
    if FONT.is_file():
        pdf.add_font("dejavu", "", str(FONT))
        return "dejavu"
    return "helvetica"


def _safe(text: str, family: str) -> str:
    """Text the font can draw: Helvetica takes Latin-1 only."""
    return text if family == "dejavu" else text.encode("latin-1", "replace").decode("latin-1")


def _para(pdf: FPDF, height: float, text: str) -> None:
    """A paragraph across the page, the cursor back at the left margin below it."""
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
