"""Two terms of a contract: a table started from an imported contract as the next term of another's."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Conflict, Forbidden, NotFound
from bargaining.domain.intake.compare import compare_outlines
from bargaining.domain.intake.compare_types import Comparison
from bargaining.domain.intake.formats import read_upload
from bargaining.domain.intake.upload import Upload
from bargaining.models import Article, BargainingTable
from bargaining.services import audit
from bargaining.services.intake.importing import ImportResult, import_contract
from bargaining.services.intake.record import record_outline
from bargaining.services.tables import create_table

PREVIOUS_TERM = "tentative"  # the last term's contract: its base with every signed TA applied
TITLE_LIMIT = 200


def start_next_term(
    session: Session, actor: Actor, source_id: int, upload: Upload, title: str | None, limit: int
) -> tuple[BargainingTable, ImportResult]:
    """Create a table whose base is the uploaded contract, as the next term of table source_id."""
    if not actor.is_admin:
        raise Forbidden("Only administrators create tables.")
    source = session.get(BargainingTable, source_id)
    if source is None:
        raise NotFound("No such table.")
    extracted = read_upload(
        upload.data, filename=upload.filename, content_type=upload.content_type, tracked=upload.tracked
    )
    name = (title or f"{source.title} (next term)")[:TITLE_LIMIT]
    table = create_table(
        session,
        actor,
        {"title": name, "union_name": source.union_name, "employer_name": source.employer_name},
    )
    table.renews_id = source.id
    result = import_contract(
        session, actor, table.id, extracted.text, dry_run=False, limit=limit, read=extracted
    )
    audit.record(
        session,
        actor.id,
        "contract.next_term",
        table,
        table_id=table.id,
        detail={"renews": source.id, **result.counts},
    )
    session.flush()
    return table, result


def term_comparison(session: Session, actor: Actor, table_id: int) -> tuple[BargainingTable, Comparison]:
    """Redline the previous term's contract against this table's base (the caller sits at both)."""
    table = session.get(BargainingTable, table_id)
    new = record_outline(session, actor, table_id, "base")
    assert table is not None  # record_outline has checked the caller may see it
    if table.renews_id is None:
        raise Conflict("This table does not follow another table's contract.", code="no_previous_term")
    old = record_outline(session, actor, table.renews_id, PREVIOUS_TERM)
    if session.scalar(select(Article.id).where(Article.table_id == table_id).limit(1)) is None:
        raise Conflict("This table has no base contract yet.", code="no_base")
    return table, compare_outlines(old, new)
