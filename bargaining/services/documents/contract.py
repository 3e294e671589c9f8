"""The contract as a clean document: the tentative contract, the current contract or a side's position."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.documents.model import Block, Document, Section, file_stem
from bargaining.domain.access import Actor
from bargaining.domain.contract import Contract
from bargaining.domain.contract_render import OPEN_NOTE
from bargaining.domain.redlines.engine import Op
from bargaining.models import BargainingTable, TentativeAgreement
from bargaining.services.access import load_table
from bargaining.services.contract import compile_table, document_title
from bargaining.services.documents.redlines import (
    agreed_note,
    article_heading,
    clause_heading,
    table_line,
)
from bargaining.services.redlines.scopes import table_redline
from bargaining.services.redlines.views import DocumentRedline, table_info

VERSIONS = ("tentative", "base", "union", "employer")


def _signed_dates(session: Session, table_id: int) -> dict[int, datetime | None]:
    """When each TA of the table was signed (one query)."""
    stmt = select(TentativeAgreement.id, TentativeAgreement.signed_at).where(
        TentativeAgreement.table_id == table_id
    )
    return {row[0]: row[1] for row in session.execute(stmt)}


def _compiled(table: BargainingTable, contract: Contract, signed: dict[int, datetime | None]) -> Document:
    """The tentative contract: agreed text where signed, else the current text; open clauses flagged."""
    sections = []
    for k, article in enumerate(contract.articles):
        blocks = []
        for clause in article.clauses:
            is_open = clause.source == "open"
            note = OPEN_NOTE if is_open else ""
            if clause.source == "agreed" and clause.ta_label:
                note = agreed_note(clause.ta_label, signed.get(clause.ta_id or 0))
            blocks.append(
                Block(
                    clause_heading(clause.number, clause.heading),
                    (Op("equal", clause.text or ""),),
                    note=note,
                    agreed=clause.source == "agreed",
                    open=is_open,
                )
            )
        heading = article_heading(article.number, article.title, article.kind)
        sections.append(Section(heading, tuple(blocks), anchor=f"article-{k + 1}"))
    unsettled = len(contract.unsettled)
    return Document(
        title=document_title(table),
        table=table_line(table_info(table)),
        new_label="Tentative contract",
        sections=tuple(sections),
        filename=file_stem(table.title, "contract", "tentative"),
        summary=() if contract.complete else (f"Incomplete: {unsettled} clause(s) not yet agreed.",),
        contents=len(sections) > 1,
    )


def _position(redline: DocumentRedline, version: str) -> Document:
    """One baseline's text, clean: every clause as that document has it."""
    grouped: dict[str, list[Block]] = {}
    for clause in redline.clauses:
        heading = article_heading(clause.article_number, clause.article_title, clause.article_kind)
        grouped.setdefault(heading, []).append(
            Block(
                clause_heading(clause.new_number, clause.heading),
                tuple(clause.ops),
                note=agreed_note(clause.agreed_label, clause.agreed_at),
                agreed=clause.agreed_label is not None,
            )
        )
    sections = tuple(
        Section(heading, tuple(blocks), anchor=f"article-{k + 1}")
        for k, (heading, blocks) in enumerate(grouped.items())
    )
    table = redline.table
    return Document(
        title=f"{table.title}: {redline.new.label}",
        table=table_line(table),
        new_label=redline.new.label,
        sections=sections,
        filename=file_stem(table.title, "contract", version),
        contents=len(sections) > 1,
    )


def contract_document(session: Session, actor: Actor, table_id: int, version: str) -> Document:
    """The contract at a version: tentative (compiled), base, or a side's current position."""
    if version == "tentative":
        table, _standing = load_table(session, actor, table_id)
        return _compiled(table, compile_table(session, table.id), _signed_dates(session, table.id))
    return _position(position_text(session, actor, table_id, version), version)


def position_text(session: Session, actor: Actor, table_id: int, version: str) -> DocumentRedline:
    """A baseline against itself: every clause's text in it, as a redline of equal ops."""
    return table_redline(session, actor, table_id, version, version)
