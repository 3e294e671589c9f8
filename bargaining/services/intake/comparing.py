"""Comparing an uploaded document with the record, and turning the comparison into a draft proposal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Invalid
from bargaining.domain.intake.compare import compare_outlines
from bargaining.domain.intake.compare_types import Comparison
from bargaining.domain.intake.document import Extracted
from bargaining.domain.intake.formats import read_upload
from bargaining.domain.intake.outline import from_parsed
from bargaining.domain.intake.parse import ParsedContract, parse_contract
from bargaining.domain.intake.proposal_items import items_from
from bargaining.domain.intake.upload import Upload
from bargaining.models import Proposal
from bargaining.services import audit
from bargaining.services.access import load_table, require
from bargaining.services.intake.record import record_outline
from bargaining.services.proposals import create_draft
from bargaining.services.redlines.views import BASELINE_LABELS, BASELINES


@dataclass
class CompareResult:
    """An incoming document compared with one baseline of the record."""

    against: str
    extracted: Extracted
    parsed: ParsedContract
    comparison: Comparison

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (documented in docs/notes/intake.md)."""
        return {
            "against": {"ref": self.against, "label": BASELINE_LABELS[self.against]},
            "source": self.extracted.source(),
            "unplaced": [{"line": n, "text": t} for n, t in self.parsed.unplaced],
            **self.comparison.to_dict(),
        }


def _check_against(against: str) -> None:
    """Refuse an unknown baseline."""
    if against not in BASELINES:
        raise Invalid(f"Compare against one of {', '.join(BASELINES)}.", field="against")


def compare_upload(
    session: Session, actor: Actor, table_id: int, upload: Upload, against: str
) -> CompareResult:
    """Compare an uploaded document with a baseline of the table's record; write nothing."""
    _check_against(against)
    old = record_outline(session, actor, table_id, against)
    extracted = read_upload(
        upload.data, filename=upload.filename, content_type=upload.content_type, tracked=upload.tracked
    )
    parsed = parse_contract(extracted.text, paragraphs=extracted.paragraphs)
    return CompareResult(against, extracted, parsed, compare_outlines(old, from_parsed(parsed)))


def compare_document(
    session: Session, actor: Actor, table_id: int, upload: Upload, against: str
) -> CompareResult:
    """Compare an upload with the record; the record is unchanged, the audit trail says who compared what."""
    result = compare_upload(session, actor, table_id, upload, against)
    table, standing = load_table(session, actor, table_id)
    side = standing.side if standing.is_party else None
    detail = {
        "against": against,
        "format": result.extracted.format,
        **result.comparison.summary()["articles"],
    }
    audit.record(
        session,
        actor.id,
        "document.compared",
        table,
        table_id=table_id,
        visible_to=side.value if side is not None else "admin",
        detail=detail,
    )
    session.flush()
    return result


def draft_from_upload(
    session: Session, actor: Actor, table_id: int, upload: Upload, against: str, title: str, limit: int
) -> tuple[Proposal, CompareResult]:
    """Compare an upload with the record and draft the caller's side a proposal with an item per change."""
    _table, standing = load_table(session, actor, table_id)
    require(standing.writer_side is not None, "Only a side's negotiators and recorders draft proposals.")
    result = compare_upload(session, actor, table_id, upload, against)
    taken = {a.old.number for a in result.comparison.articles if a.old is not None}
    items, notes = items_from(result.comparison, taken)
    if not items:
        raise Invalid(
            "The document makes no change to the record; there is nothing to propose.", field="file"
        )
    rationale = "\n".join([f"Entered from an uploaded document ({result.extracted.format}).", *notes])
    data = {"title": title, "rationale": rationale, "items": items}
    return create_draft(session, actor, table_id, data, limit), result
