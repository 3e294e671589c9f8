"""What each kind of object puts in the search index, read in one Core statement per kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from bargaining.domain.search.query import fold
from bargaining.models import (
    Article,
    Clause,
    ClauseVersion,
    InfoRequest,
    InfoRequestItem,
    Note,
    Proposal,
    ProposalItem,
    TentativeAgreement,
)

Doc = dict[str, Any]
Reader = Callable[[Connection, list[int]], Iterator[Doc]]


def _doc(kind: str, object_id: int, table_id: int, at: datetime, title: str, body: str, **rest: Any) -> Doc:
    """One index row."""
    row: Doc = dict.fromkeys(("article_id", "clause_id", "version_id", "proposal_id", "side", "status"))
    row.update(kind=kind, object_id=object_id, table_id=table_id, at=at, title=title.strip(), body=body)
    row.update(rest)
    return row


def with_folded(doc: Doc) -> Doc:
    """The row with accent-folded copies of its title and body, for PostgreSQL's tsvector."""
    return {**doc, "folded_title": fold(doc["title"]), "folded_body": fold(doc["body"])}


def versions(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Clause versions: the clause's number and heading, and the text."""
    v = ClauseVersion
    stmt = (
        select(v.id, v.table_id, v.clause_id, v.proposal_id, v.author_side, v.created_at, v.text)
        .add_columns(Clause.number, Clause.heading, Clause.article_id)
        .join(Clause, Clause.id == v.clause_id)
        .where(v.id.in_(ids))
    )
    for row in conn.execute(stmt):
        yield _doc(
            "version", row.id, row.table_id, row.created_at, f"{row.number} {row.heading}", row.text,
            article_id=row.article_id, clause_id=row.clause_id, version_id=row.id,
            proposal_id=row.proposal_id, side=row.author_side,
            status="base" if row.author_side == "base" else "proposed",
        )  # fmt: skip


def articles(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Articles: their number and title."""
    a = Article
    stmt = select(a.id, a.table_id, a.number, a.title, a.kind, a.added_by_proposal_id, a.created_at)
    for row in conn.execute(stmt.where(a.id.in_(ids))):
        title = f"{row.kind.replace('_', ' ').title()} {row.number} {row.title}"
        yield _doc(
            "article", row.id, row.table_id, row.created_at, title, "",
            article_id=row.id, proposal_id=row.added_by_proposal_id,
        )  # fmt: skip


def clauses(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Clauses: their number and heading."""
    c = Clause
    stmt = select(c.id, c.table_id, c.article_id, c.number, c.heading, c.added_by_proposal_id, c.created_at)
    for row in conn.execute(stmt.where(c.id.in_(ids))):
        yield _doc(
            "clause", row.id, row.table_id, row.created_at, f"{row.number} {row.heading}", "",
            article_id=row.article_id, clause_id=row.id, proposal_id=row.added_by_proposal_id,
        )  # fmt: skip


def proposals(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Proposals: label and title; rationale and every item's language and headings."""
    p, i = Proposal, ProposalItem
    items: dict[int, list[str]] = {}
    item_rows = select(i.proposal_id, i.new_article_title, i.new_heading, i.text).where(
        i.proposal_id.in_(ids)
    )
    for item in conn.execute(item_rows.order_by(i.proposal_id, i.position)):
        items.setdefault(item.proposal_id, []).extend(t for t in item[1:] if t)
    stmt = select(p.id, p.table_id, p.side, p.state, p.label, p.title, p.rationale, p.created_at, p.passed_at)
    for row in conn.execute(stmt.where(p.id.in_(ids))):
        body = "\n\n".join([row.rationale, *items.get(row.id, [])])
        yield _doc(
            "proposal", row.id, row.table_id, row.passed_at or row.created_at,
            f"{row.label or ''} {row.title}", body,
            proposal_id=row.id, side=str(row.side), status=str(row.state),
        )  # fmt: skip


def agreements(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Tentative agreements: the label and the members' summary."""
    t = TentativeAgreement
    stmt = select(t.id, t.table_id, t.label, t.summary, t.state, t.offered_at, t.signed_at)
    for row in conn.execute(stmt.where(t.id.in_(ids))):
        yield _doc(
            "ta", row.id, row.table_id, row.signed_at or row.offered_at, row.label, row.summary,
            status=str(row.state),
        )  # fmt: skip


def notes(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Notes: their kind and words; the audience is the status visibility reads."""
    n = Note
    stmt = select(n.id, n.table_id, n.side, n.kind, n.audience, n.body, n.created_at)
    stmt = stmt.add_columns(n.article_id, n.clause_id, n.proposal_id)
    for row in conn.execute(stmt.where(n.id.in_(ids))):
        yield _doc(
            "note", row.id, row.table_id, row.created_at, f"{str(row.kind).title()} note", row.body,
            article_id=row.article_id, clause_id=row.clause_id, proposal_id=row.proposal_id,
            side=str(row.side), status=str(row.audience),
        )  # fmt: skip


def information_requests(conn: Connection, ids: list[int]) -> Iterator[Doc]:
    """Information requests: title, purpose and what each item asks for."""
    r, i = InfoRequest, InfoRequestItem
    items: dict[int, list[str]] = {}
    for item in conn.execute(select(i.request_id, i.description, i.period).where(i.request_id.in_(ids))):
        items.setdefault(item.request_id, []).append(f"{item.description} {item.period}".strip())
    stmt = select(r.id, r.table_id, r.side, r.state, r.title, r.purpose, r.created_at, r.requested_at)
    for row in conn.execute(stmt.where(r.id.in_(ids))):
        body = "\n\n".join([row.purpose, *items.get(row.id, [])])
        yield _doc(
            "info_request", row.id, row.table_id, row.requested_at or row.created_at, row.title, body,
            side=str(row.side), status=str(row.state),
        )  # fmt: skip


READERS: dict[str, Reader] = {
    "version": versions,
    "article": articles,
    "clause": clauses,
    "proposal": proposals,
    "ta": agreements,
    "note": notes,
    "info_request": information_requests,
}
