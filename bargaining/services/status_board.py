"""The status board: every clause's derived status, article by article, with counts.

Positions (each side's language, who moved last, ready to TA, live proposals) are shown to the
sides' people and administrators (as the proposal list is), and to members only when the table
shares passed proposals with members (members_see_passed); otherwise those fields are null. Statuses, counts
and signed TAs are shown to everyone at the table. Clauses a passed proposal added are hidden
from members (as everywhere else) unless passed proposals are shared or a signed TA covers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields

from sqlalchemy.orm import Session

from bargaining.direct import Driver
from bargaining.domain.access import Actor
from bargaining.domain.errors import NotFound
from bargaining.domain.status import ClauseStatus, derive_status
from bargaining.services.board_filters import BoardFilters, Viewer, matcher, viewer_for, waits_on
from bargaining.services.board_views import (
    ArticleView,
    Board,
    ClauseStatusView,
    ClauseView,
    CountsView,
    article_view,
    clause_view,
    counts_view,
)
from bargaining.services.clause_records import load_clause_context
from bargaining.services.records_loader import ArticleRow, ClauseRow
from bargaining.services.sessions.ledger import clauses_at
from bargaining.services.table_cache.derived import derived_at
from bargaining.services.table_cache.revision import TableAtRevision, load_table_revision

__all__ = [
    "ArticleView",
    "Board",
    "BoardFilters",
    "ClauseStatusView",
    "ClauseView",
    "CountsView",
    "board_at",
    "board_key",
    "clause_status",
    "status_board",
    "waits_on",
]


def _visible(
    clauses: Iterable[ClauseRow], statuses: Mapping[int, ClauseStatus], viewer: Viewer
) -> list[ClauseRow]:
    """The clauses the caller may see, in board order."""
    return [c for c in clauses if viewer.sees(c, statuses[c.id])]


def _article_shown(article: ArticleRow, clauses: list[ClauseRow], viewer: Viewer) -> bool:
    """Added articles: only if shared with the caller or holding a clause the caller sees."""
    return article.in_base or viewer.added or bool(clauses)


def status_board(session: Session, actor: Actor, table_id: int, filters: BoardFilters) -> Board:
    """Derive the status of every clause at the table and lay it out article by article."""
    return board_at(session, load_table_revision(session, actor, table_id), filters)


def board_key(at: TableAtRevision, filters: BoardFilters) -> tuple[object, ...]:
    """What the caller's board depends on: table, revision, seat, filters (refusals raise here)."""
    matcher(viewer_for(at.table, at.standing), filters)
    return ("board", at.table.id, at.stamp, at.seat, filters)


def board_at(session: Session, at: TableAtRevision, filters: BoardFilters) -> Board:
    """The board of a table already loaded with the caller's standing and its revision."""
    table, standing = at.table, at.standing
    viewer = viewer_for(table, standing)
    match = matcher(viewer, filters)
    touched = None if filters.session_id is None else clauses_at(session, table.id, filters.session_id)
    derived = derived_at(session, at)
    statuses = derived.statuses
    by_article: dict[int, list[ClauseRow]] = {}
    for clause in _visible(derived.clauses, statuses, viewer):
        by_article.setdefault(clause.article_id, []).append(clause)
    articles: list[ArticleView] = []
    table_statuses: list[ClauseStatus] = []
    shown = 0
    for article in derived.articles:
        clauses = by_article.get(article.id, [])
        if not _article_shown(article, clauses, viewer):
            continue
        table_statuses.extend(statuses[c.id] for c in clauses)
        if filters.article_id is not None and article.id != filters.article_id:
            continue
        listed = [
            clause_view(c, statuses[c.id], viewer.positions)
            for c in clauses
            if match(statuses[c.id]) and (touched is None or c.id in touched)
        ]
        if filters.narrows_clauses and not listed:
            continue
        shown += len(listed)
        counts = counts_view((statuses[c.id] for c in clauses), viewer.positions)
        articles.append(article_view(article, counts, listed))
    return Board(
        table_id=table.id,
        positions_visible=viewer.positions,
        viewer_side=standing.side if standing.is_party else None,
        counts=counts_view(table_statuses, viewer.positions),
        shown=shown,
        articles=articles,
    )


def clause_status(driver: Driver, session: Session, actor: Actor, clause_id: int) -> ClauseStatusView:
    """Derive one clause's status the same way the board does (constant queries)."""
    table, standing, records = load_clause_context(driver, session, actor, clause_id)
    viewer = viewer_for(table, standing)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    clause = next((c for c in records.clauses if c.id == clause_id), None)
    article = next((a for a in records.articles if clause and a.id == clause.article_id), None)
    if clause is None or article is None or not viewer.sees(clause, statuses[clause.id]):
        raise NotFound("No such clause.", code="clause_not_found")
    view = clause_view(clause, statuses[clause.id], viewer.positions)
    return ClauseStatusView(
        **{f.name: getattr(view, f.name) for f in fields(ClauseView)},
        table_id=table.id,
        article_number=article.number,
        article_title=article.title,
        positions_visible=viewer.positions,
    )
