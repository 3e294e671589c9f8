"""Every redline scope as a document: a clause, a proposal, an article or the whole contract."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from bargaining.documents.model import Author, Block, Document, Section, file_stem
from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.whitespace import ignored_differences
from bargaining.services.redlines.proposals import ProposalRedline
from bargaining.services.redlines.views import ClauseRedline, DocumentClause, DocumentRedline, TableInfo

_CHANGES = {
    "added": "Added clause.",
    "deleted": "Deleted clause.",
    "moved": "Moved.",
    "renumbered": "Renumbered.",
}


def article_heading(number: str, title: str, kind: str) -> str:
    """'Article 5 – Caseloads', 'Appendix A – Rates', 'Preamble'."""
    label = {"article": "Article", "appendix": "Appendix"}.get(kind)
    name = number
    if label and number and not number.lower().startswith(label.lower()):
        name = f"{label} {number}"
    if title and title != number:
        return f"{name} – {title}" if name else title
    return name


def clause_heading(number: str | None, heading: str) -> str:
    """'5.1 Caseload Limits'."""
    return " ".join(part for part in (number or "", heading) if part)


def party(table: TableInfo, side: str | None) -> str:
    """The party's name at the table, or 'Current contract' for base language."""
    if side == "union":
        return table.union_name
    if side == "employer":
        return table.employer_name
    return "Current contract"


def table_line(table: TableInfo) -> str:
    """'Caseload talks — Clinicians United and Group Practice'."""
    return f"{table.title} — {table.union_name} and {table.employer_name}"


def agreed_note(label: str | None, at: datetime | None) -> str:
    """'Tentatively agreed (TA-1, 2026-03-02).' or ''."""
    if label is None:
        return ""
    when = f", {at:%Y-%m-%d}" if at else ""
    return f"Tentatively agreed ({label}{when})."


def notes(ops: Iterable[Op], coarse: bool, ignore_whitespace: bool) -> tuple[str, ...]:
    """What the reader should know about how the texts were compared."""
    out = []
    if ignore_whitespace:
        ignored = ignored_differences(ops)
        if ignored:
            out.append(f"Differences only in spacing or line breaks ignored: {ignored}.")
    if coarse:
        out.append("Long texts that differ throughout: some passages are compared line by line or whole.")
    return tuple(out)


def clause_document(redline: ClauseRedline) -> Document:
    """One clause between two refs."""
    author = Author(f"{party(redline.table, redline.new.side)} ({redline.new.label})", redline.new.at)
    heading = clause_heading(redline.number, redline.heading)
    block = Block(heading, redline.ops, author, agreed_note(redline.agreed_label, redline.agreed_at))
    block = _agreed(block, redline.agreed_label is not None)
    section = Section(
        article_heading(redline.article_number, redline.article_title, redline.article_kind), (block,)
    )
    return Document(
        title=f"Redline of {heading or 'clause'}",
        table=table_line(redline.table),
        old_label=redline.old.label,
        new_label=redline.new.label,
        sections=(section,),
        filename=file_stem(
            redline.table.title,
            "redline",
            f"clause-{redline.number}",
            f"{redline.old.ref}-to-{redline.new.ref}",
        ),
        notes=notes(redline.ops, redline.coarse, redline.ignore_whitespace),
    )


def _agreed(block: Block, agreed: bool) -> Block:
    """Mark a block tentatively agreed."""
    if not agreed:
        return block
    return Block(block.heading, block.ops, block.author, block.note, agreed=True, anchor=block.anchor)


def proposal_document(redline: ProposalRedline) -> Document:
    """A proposal, item by item, grouped by article in item order."""
    proposal = redline.proposal
    label = proposal.label or "draft"
    author = Author(f"{party(redline.table, proposal.side.value)} ({label})", proposal.passed_at)
    sections: dict[str, list[Block]] = {}
    for item in redline.items:
        heading = article_heading(item.article_number, item.article_title, item.article_kind)
        action = {"delete": "Delete", "add": "Add", "status_quo": "Status quo"}.get(item.action.value, "")
        note = (
            f"{action}. Compared with {item.against.label}."
            if action
            else f"Compared with {item.against.label}."
        )
        sections.setdefault(heading, []).append(
            Block(clause_heading(item.number, item.heading), item.ops, author, note)
        )
    against = {"base": "Current contract", "answered": "The proposals it answers"}.get(
        redline.against, "Current contract (or, for a counter, what it answers)"
    )
    ops = [op for item in redline.items for op in item.ops]
    return Document(
        title=f"{label}: {proposal.title}",
        table=table_line(redline.table),
        old_label=against,
        new_label=f"{label} ({party(redline.table, proposal.side.value)})",
        sections=_sections(sections),
        filename=file_stem(redline.table.title, "proposal", label, f"against-{redline.against}"),
        notes=notes(ops, any(i.coarse for i in redline.items), redline.ignore_whitespace),
    )


def _sections(grouped: dict[str, list[Block]]) -> tuple[Section, ...]:
    """Sections in first-seen order, each anchored for the table of contents."""
    return tuple(
        Section(heading, tuple(blocks), anchor=f"article-{k + 1}")
        for k, (heading, blocks) in enumerate(grouped.items())
    )


def _document_block(table: TableInfo, clause: DocumentClause) -> Block:
    """One clause of an article or contract redline."""
    number = clause.new_number if clause.new_number is not None else clause.old_number
    name = party(table, clause.author_side)
    author = Author(f"{name} ({clause.source_label})" if clause.source_label else name, clause.authored_at)
    parts = [_CHANGES.get(clause.change, ""), agreed_note(clause.agreed_label, clause.agreed_at)]
    if clause.change == "renumbered" and clause.old_number:
        parts[0] = f"Renumbered from {clause.old_number}."
    block = Block(
        clause_heading(number, clause.heading), tuple(clause.ops), author, " ".join(p for p in parts if p)
    )
    return _agreed(block, clause.agreed_label is not None)


def document_document(redline: DocumentRedline) -> Document:
    """An article or the whole contract between two baselines."""
    grouped: dict[str, list[Block]] = {}
    for clause in redline.clauses:
        heading = article_heading(clause.article_number, clause.article_title, clause.article_kind)
        grouped.setdefault(heading, []).append(_document_block(redline.table, clause))
    what = "contract"
    if redline.article is not None:
        what = article_heading(redline.article.number, redline.article.title, redline.article.kind)
    ops: Sequence[Op] = [op for c in redline.clauses for op in c.ops]
    summary = redline.summary
    counts = (
        f"{summary['clauses']} clauses: {summary['clauses_changed']} changed, "
        f"{summary['clauses_added']} added, "
        f"{summary['clauses_deleted']} deleted, {summary['clauses_unchanged']} unchanged"
        + (" (unchanged clauses left out)" if redline.changes_only else "")
        + f"; {summary['words_inserted']} words inserted, {summary['words_deleted']} deleted."
    )
    sections = _sections(grouped)
    return Document(
        title=f"Redline of the {what}" if redline.article is None else f"Redline of {what}",
        table=table_line(redline.table),
        old_label=redline.old.label,
        new_label=redline.new.label,
        sections=sections,
        filename=file_stem(
            redline.table.title,
            "redline",
            "contract" if redline.article is None else f"article-{redline.article.number}",
            f"{redline.old.ref}-to-{redline.new.ref}",
            "changes-only" if redline.changes_only else "",
        ),
        notes=notes(ops, any(c.coarse for c in redline.clauses), redline.ignore_whitespace),
        contents=redline.changes_only or len(sections) > 1,
        summary=(counts,),
    )
