"""An article or whole-contract redline written by hand as DocumentRedlineOut dumps it.

A 1,500-clause contract redline is thousands of clause entries; marshmallow, field by field, was a
third of its cold cost (docs/notes/perf.md, session 6). tests/api/test_table_redline_cache.py holds
the two equal; the OpenAPI document still describes the body with DocumentRedlineOut.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bargaining.domain.redlines.render import summary as ops_summary

_DOCUMENT_COUNTS = (
    "clauses",
    "clauses_unchanged",
    "clauses_changed",
    "clauses_added",
    "clauses_deleted",
    "clauses_moved",
    "clauses_renumbered",
    "words_inserted",
    "words_deleted",
)


def _text(value: Any) -> str | None:
    """A string field as marshmallow writes it (None stays None)."""
    return None if value is None else str(value)


def _iso(value: datetime | None) -> str | None:
    """A datetime as marshmallow's DateTime writes it."""
    return None if value is None else value.isoformat()


def clause_json(clause: Any) -> dict[str, Any]:
    """One clause entry as RedlineClauseEntryOut dumps it."""
    counts = ops_summary(clause.ops)
    return {
        "clause_id": clause.clause_id,
        "article_id": clause.article_id,
        "article_number": str(clause.article_number),
        "article_title": str(clause.article_title),
        "article_kind": str(clause.article_kind),
        "old_article_number": _text(clause.old_article_number),
        "old_article_title": _text(clause.old_article_title),
        "old_number": _text(clause.old_number),
        "new_number": _text(clause.new_number),
        "heading": str(clause.heading),
        "change": str(clause.change),
        "author_side": _text(clause.author_side),
        "authored_at": _iso(clause.authored_at),
        "ops": [op.to_dict() for op in clause.ops],
        "summary": {
            "words_inserted": int(counts["words_inserted"]),
            "words_deleted": int(counts["words_deleted"]),
            "changed": bool(counts["changed"]),
        },
        "coarse_alignment": bool(clause.coarse),
        "whitespace_ignored": int(clause.whitespace_ignored),
        "agreed_in": _text(clause.agreed_label),
        "agreed_at": _iso(clause.agreed_at),
    }


def document_json(redline: Any) -> dict[str, Any]:
    """The whole redline as DocumentRedlineOut dumps it."""
    table, article = redline.table, redline.article
    return {
        "table": {
            "id": table.id,
            "title": str(table.title),
            "union_name": str(table.union_name),
            "employer_name": str(table.employer_name),
        },
        "article": None
        if article is None
        else {"id": article.id, "number": str(article.number), "title": str(article.title)},
        "from": {"ref": str(redline.old.ref), "label": str(redline.old.label)},
        "to": {"ref": str(redline.new.ref), "label": str(redline.new.label)},
        "ignore_whitespace": bool(redline.ignore_whitespace),
        "changes_only": bool(redline.changes_only),
        "clauses": [clause_json(clause) for clause in redline.clauses],
        "summary": {key: int(redline.summary[key]) for key in _DOCUMENT_COUNTS},
    }
