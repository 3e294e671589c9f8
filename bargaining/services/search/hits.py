"""A matched index row as the hit a caller reads."""

from __future__ import annotations

from typing import Any

from bargaining.domain.search import snippets


def hit(row: Any, snippet: str | None) -> dict[str, Any]:
    """The hit: what matched, where it sits, its snippet, and where to read it."""
    doc = row.SearchDocument
    parts = snippets.segments(snippet or doc.title)
    return {
        "kind": doc.kind,
        "id": doc.object_id,
        "score": round(float(row.score or 0), 6),
        "title": doc.title,
        "snippet": snippets.as_text(parts),
        "snippet_html": snippets.as_html(parts),
        "highlights": [{"text": p.text, "hit": p.hit} for p in parts],
        "table": {"id": doc.table_id, "title": row.table_title},
        "article": _article(doc, row),
        "clause": _clause(doc, row),
        "proposal": _proposal(doc, row),
        "version_id": doc.version_id,
        "side": doc.side,
        "status": doc.status,
        "at": doc.at,
        "link": _link(doc),
    }


def _article(doc: Any, row: Any) -> dict[str, Any] | None:
    """The article the hit sits in."""
    article_id = doc.article_id
    if row.article_number is None:
        return None
    return {"id": article_id, "number": row.article_number, "title": row.article_title}


def _clause(doc: Any, row: Any) -> dict[str, Any] | None:
    """The clause the hit sits in."""
    if doc.clause_id is None:
        return None
    return {"id": doc.clause_id, "number": row.clause_number, "heading": row.clause_heading}


def _proposal(doc: Any, row: Any) -> dict[str, Any] | None:
    """The proposal that introduced the hit."""
    if doc.proposal_id is None or row.proposal_state is None:
        return None
    return {"id": doc.proposal_id, "label": row.proposal_label, "state": str(row.proposal_state)}


def _link(doc: Any) -> str:
    """The API path of the matched object (a version's own path for a clause version)."""
    paths = {
        "version": f"/api/v1/clauses/{doc.clause_id}/versions/{doc.version_id}",
        "article": f"/api/v1/articles/{doc.object_id}",
        "clause": f"/api/v1/clauses/{doc.object_id}",
        "proposal": f"/api/v1/proposals/{doc.object_id}",
        "ta": f"/api/v1/tentative-agreements/{doc.object_id}",
        "note": f"/api/v1/notes/{doc.object_id}",
        "info_request": f"/api/v1/information-requests/{doc.object_id}",
    }
    return paths[doc.kind]
