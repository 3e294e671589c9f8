"""Articles: create, list in order, rename, reorder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Actor, Standing, TableState
from bargaining.domain.consent import consent_required
from bargaining.domain.errors import Conflict, NotFound
from bargaining.models import Article, BargainingTable, Clause
from bargaining.services import audit
from bargaining.services.access import TableFacts, load_table, require, require_setup, require_writable


def load_article(
    session: Session, actor: Actor, article_id: int
) -> tuple[Article, BargainingTable, Standing]:
    """Return the article, its table and the caller's standing, or 404."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound("No such article.", code="article_not_found")
    table, standing = load_table(session, actor, article.table_id)
    if not article.in_base and not visible_added(standing, table):
        raise NotFound("No such article.", code="article_not_found")
    return article, table, standing


def visible_added(standing: Standing, table: TableFacts) -> bool:
    """Articles and clauses added by passed proposals: parties see them; members if shared."""
    return standing.is_party or standing.is_admin or table.members_see_passed


def list_articles(session: Session, actor: Actor, table_id: int) -> Select[Article]:
    """Select the table's articles in contract order."""
    table, standing = load_table(session, actor, table_id)
    stmt = select(Article).where(Article.table_id == table_id)
    if not visible_added(standing, table):
        stmt = stmt.where(Article.in_base.is_(True))
    return stmt.order_by(Article.position, Article.id)


@dataclass
class ArticleDetail:
    """An article with the clauses the caller may see."""

    article: Article
    clauses: list[Clause]

    def __getattr__(self, name: str) -> Any:
        """Read the article's own attributes through the view."""
        return getattr(self.article, name)


def article_with_clauses(session: Session, actor: Actor, article_id: int) -> ArticleDetail:
    """Load an article with its clauses and their current base text, in constant queries."""
    article, table, standing = load_article(session, actor, article_id)
    stmt = (
        select(Article)
        .where(Article.id == article.id)
        .options(selectinload(Article.clauses).selectinload(Clause.base_version))
        .execution_options(populate_existing=True)
    )
    loaded = session.scalars(stmt).one()
    shown = visible_added(standing, table)
    return ArticleDetail(loaded, [c for c in loaded.clauses if shown or c.in_base])


def create_article(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> Article:
    """Add an article of the current contract (before bargaining opens)."""
    table, standing = load_table(session, actor, table_id)
    require(standing.edits_base, "Only administrators and the sides' writers enter the contract.")
    require_setup(table, "adding to the current contract")
    _ensure_unique_number(session, table_id, data["number"])
    position = data.pop("position", None)
    last = session.scalar(select(func.max(Article.position)).where(Article.table_id == table_id))
    article = Article(table_id=table_id, **data, position=(last or 0) + 1)
    session.add(article)
    session.flush()
    if position is not None:
        _move(session, article, position)
    audit.record(session, actor.id, "article.created", article, table_id=table_id)
    return article


def _ensure_unique_number(session: Session, table_id: int, number: str, skip: int | None = None) -> None:
    """Article numbers are unique within their table."""
    stmt = select(Article.id).where(Article.table_id == table_id, Article.number == number)
    found = session.scalar(stmt)
    if found is not None and found != skip:
        raise Conflict(f"Article {number} exists at this table.", field="number", code="duplicate_number")


def update_article(session: Session, actor: Actor, article_id: int, data: dict[str, Any]) -> Article:
    """Rename, renumber or move an article."""
    article, table, standing = load_article(session, actor, article_id)
    require(standing.edits_base, "Only administrators and the sides' writers edit articles.")
    require_writable(table)
    if table.state is not TableState.SETUP and not standing.is_admin:
        route = f"POST /api/v1/tables/{table.id}/change-requests"
        raise consent_required("an article's number, title and place once bargaining opens", route)
    if "number" in data:
        _ensure_unique_number(session, table.id, data["number"], skip=article.id)
    position = data.pop("position", None)
    fields = [*data, *(["position"] if position is not None else [])]
    before = audit.snapshot(article, fields)
    for key, value in data.items():
        setattr(article, key, value)
    if position is not None:
        _move(session, article, position)
    detail = audit.edit_detail(before, audit.snapshot(article, fields))
    audit.record(session, actor.id, "article.updated", article, table_id=table.id, detail=detail)
    session.flush()
    return article


def _move(session: Session, article: Article, position: int) -> None:
    """Move an article to a 1-based position and renumber the others to keep order dense."""
    others = list(
        session.scalars(
            select(Article)
            .where(Article.table_id == article.table_id, Article.id != article.id)
            .order_by(Article.position, Article.id)
        )
    )
    index = max(0, min(position - 1, len(others)))
    others.insert(index, article)
    for i, item in enumerate(others, start=1):
        if item.position != i:
            item.position = i
