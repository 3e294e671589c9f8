"""The record as an outline to compare with: a table's base, a side's position or the tentative contract."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.intake.outline import OutlineArticle, OutlineClause
from bargaining.domain.redlines.engine import apply_new
from bargaining.services.redlines.scopes import table_redline


def record_outline(session: Session, actor: Actor, table_id: int, against: str) -> list[OutlineArticle]:
    """The table's contract as the caller may see it at one baseline, article by article."""
    document = table_redline(session, actor, table_id, against, against)
    articles: dict[int, tuple[str, str, str, list[OutlineClause]]] = {}
    for clause in document.clauses:
        if clause.change == "deleted" or clause.new_number is None:
            continue
        _n, _t, _k, clauses = articles.setdefault(
            clause.article_id, (clause.article_number, clause.article_title, clause.article_kind, [])
        )
        clauses.append(
            OutlineClause(clause.clause_id, clause.new_number, clause.heading, apply_new(clause.ops))
        )
    return [
        OutlineArticle(article_id, number, title, kind, tuple(clauses))
        for article_id, (number, title, kind, clauses) in articles.items()
    ]
