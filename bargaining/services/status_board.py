"""The status board: every clause's derived status, article by article, with counts.

Positions (each side's language, who moved last, ready to TA, live proposals) are shown to the
sides' people and administrators (as the proposal list is), and to members only when the table
shares passed proposals with members (members_see_passed); otherwise those fields are null. Statuses, counts
and signed TAs are shown to everyone at the table. Clauses a passed proposal added are hidden
from members (as everywhere else) unless passed proposals are shared or a signed TA covers them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Literal

from sqlalchemy.orm import Session

from bargaining.direct import Driver
from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Forbidden, Invalid, NotFound
from bargaining.domain.records import ClauseStatusKind, Side
from bargaining.domain.status import ClauseStatus, Counts, Position, derive_status, waiting_on
from bargaining.services.access import TableFacts
from bargaining.services.articles import visible_added
from bargaining.services.clause_records import load_clause_context
from bargaining.services.records_loader import ArticleRow, ClauseRow, TableRecords, load_records
from bargaining.services.sessions.ledger import clauses_at
from bargaining.services.table_cache.revision import TableAtRevision, load_table_revision

Waiting = Literal["us", "them"]


@dataclass(frozen=True, slots=True)
class BoardFilters:
    """Which clauses the board lists (counts always describe the whole table or article)."""

    status: ClauseStatusKind | None = None
    article_id: int | None = None
    ready: bool | None = None
    waiting: Waiting | None = None
    session_id: int | None = None

    @property
    def narrows_clauses(self) -> bool:
        """A clause-level filter is set: articles left without a matching clause are dropped."""
        return any(f is not None for f in (self.status, self.ready, self.waiting, self.session_id))


@dataclass(frozen=True, slots=True)
class CountsView:
    """Clause counts by status; ready_to_ta is null when positions are hidden from the caller."""

    status_quo: int
    open: int
    ta_pending: int
    tentatively_agreed: int
    ready_to_ta: int | None
    total: int


@dataclass(frozen=True)
class ClauseView:
    """One clause on the board."""

    id: int
    article_id: int
    number: str
    heading: str
    position: int
    in_base: bool
    status: ClauseStatusKind
    union: Position | None
    employer: Position | None
    last_mover: Side | None
    last_moved_at: datetime | None
    ready_to_ta: bool | None
    live_proposal_ids: tuple[int, ...] | None
    ta_id: int | None
    ta_label: str | None
    pending_signature_from: Side | None
    agreed: Position | None


@dataclass(frozen=True)
class ClauseStatusView(ClauseView):
    """One clause's status on its own, with where it sits."""

    table_id: int
    article_number: str
    article_title: str
    positions_visible: bool


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article on the board with its (listed) clauses and its counts."""

    id: int
    number: str
    title: str
    kind: str
    position: int
    in_base: bool
    counts: CountsView
    clauses: list[ClauseView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Board:
    """The whole table's status."""

    table_id: int
    positions_visible: bool
    viewer_side: Side | None
    counts: CountsView
    shown: int
    articles: list[ArticleView]


@dataclass(frozen=True, slots=True)
class _Viewer:
    """What the caller may see at this table."""

    standing: Standing
    positions: bool
    added: bool

    def sees(self, clause: ClauseRow, status: ClauseStatus) -> bool:
        """Added clauses: only if shared with the caller or already tentatively agreed."""
        return clause.in_base or self.added or status.status is ClauseStatusKind.TENTATIVELY_AGREED


def _viewer(table: TableFacts, standing: Standing) -> _Viewer:
    """Sides' people see positions; members and side-less admins only if the table shares them."""
    return _Viewer(
        standing=standing,
        positions=standing.is_party or standing.is_admin or table.members_see_passed,
        added=visible_added(standing, table),
    )


def _counts(statuses: Iterable[ClauseStatus], positions: bool) -> CountsView:
    """Count statuses, hiding ready_to_ta when positions are hidden."""
    counts = Counts()
    for status in statuses:
        counts.add(status)
    return CountsView(
        status_quo=counts.status_quo,
        open=counts.open,
        ta_pending=counts.ta_pending,
        tentatively_agreed=counts.tentatively_agreed,
        ready_to_ta=counts.ready_to_ta if positions else None,
        total=counts.total,
    )


def _clause_view(clause: ClauseRow, status: ClauseStatus, positions: bool) -> ClauseView:
    """Present one clause's status, positions only if the caller may see them."""
    return ClauseView(
        id=clause.id,
        article_id=clause.article_id,
        number=clause.number,
        heading=clause.heading,
        position=clause.position,
        in_base=clause.in_base,
        status=status.status,
        union=status.union if positions else None,
        employer=status.employer if positions else None,
        last_mover=status.last_mover if positions else None,
        last_moved_at=status.last_moved_at if positions else None,
        ready_to_ta=status.ready_to_ta if positions else None,
        live_proposal_ids=status.live_proposal_ids if positions else None,
        ta_id=status.ta_id,
        ta_label=status.ta_label,
        pending_signature_from=status.pending_signature_from,
        agreed=status.agreed,
    )


def _waiting_side(viewer: _Viewer, waiting: Waiting) -> Side:
    """The side a waiting filter means, relative to the caller."""
    side = viewer.standing.side
    if side is None:
        raise Invalid(
            "Only a side's people can ask what is waiting on us or them.", field="waiting", code="no_side"
        )
    return side if waiting == "us" else side.other


def waits_on(status: ClauseStatus, side: Side) -> bool:
    """The side owes the next step: an answer on an open clause, or a countersignature."""
    return waiting_on(status, side) or (
        status.status is ClauseStatusKind.TA_PENDING and status.pending_signature_from is side
    )


@dataclass(frozen=True, slots=True)
class _Match:
    """The clause-level filters, resolved."""

    filters: BoardFilters
    waiting: Side | None

    def __call__(self, status: ClauseStatus) -> bool:
        """Tell whether a clause's status passes the filters."""
        f = self.filters
        if f.status is not None and status.status != f.status:
            return False
        if f.ready is not None and status.ready_to_ta is not f.ready:
            return False
        return self.waiting is None or waits_on(status, self.waiting)


def _matcher(viewer: _Viewer, filters: BoardFilters) -> _Match:
    """Check the filters against what the caller may see and build the clause test."""
    if filters.ready is not None and not viewer.positions:
        raise Forbidden(
            "This table does not share positions with members; cannot filter on ready to TA.",
            field="ready",
            code="positions_hidden",
        )
    waiting = _waiting_side(viewer, filters.waiting) if filters.waiting is not None else None
    return _Match(filters, waiting)


def _visible(records: TableRecords, statuses: dict[int, ClauseStatus], viewer: _Viewer) -> list[ClauseRow]:
    """The clauses the caller may see, in board order."""
    return [c for c in records.clauses if viewer.sees(c, statuses[c.id])]


def _article_shown(article: ArticleRow, clauses: list[ClauseRow], viewer: _Viewer) -> bool:
    """Added articles: only if shared with the caller or holding a clause the caller sees."""
    return article.in_base or viewer.added or bool(clauses)


def status_board(session: Session, actor: Actor, table_id: int, filters: BoardFilters) -> Board:
    """Derive the status of every clause at the table and lay it out article by article."""
    return board_at(session, load_table_revision(session, actor, table_id), filters)


def board_key(at: TableAtRevision, filters: BoardFilters) -> tuple[object, ...]:
    """What the caller's board depends on: table, revision, seat, filters (refusals raise here)."""
    _matcher(_viewer(at.table, at.standing), filters)
    return ("board", at.table.id, at.revision, at.seat, filters)


def board_at(session: Session, at: TableAtRevision, filters: BoardFilters) -> Board:
    """The board of a table already loaded with the caller's standing and its revision."""
    table, standing = at.table, at.standing
    viewer = _viewer(table, standing)
    match = _matcher(viewer, filters)
    touched = None if filters.session_id is None else clauses_at(session, table.id, filters.session_id)
    records = load_records(session, table.id)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    by_article: dict[int, list[ClauseRow]] = {}
    for clause in _visible(records, statuses, viewer):
        by_article.setdefault(clause.article_id, []).append(clause)
    articles: list[ArticleView] = []
    table_statuses: list[ClauseStatus] = []
    shown = 0
    for article in records.articles:
        clauses = by_article.get(article.id, [])
        if not _article_shown(article, clauses, viewer):
            continue
        table_statuses.extend(statuses[c.id] for c in clauses)
        if filters.article_id is not None and article.id != filters.article_id:
            continue
        listed = [
            _clause_view(c, statuses[c.id], viewer.positions)
            for c in clauses
            if match(statuses[c.id]) and (touched is None or c.id in touched)
        ]
        if filters.narrows_clauses and not listed:
            continue
        shown += len(listed)
        counts = _counts((statuses[c.id] for c in clauses), viewer.positions)
        articles.append(_article_view(article, counts, listed))
    return Board(
        table_id=table.id,
        positions_visible=viewer.positions,
        viewer_side=standing.side if standing.is_party else None,
        counts=_counts(table_statuses, viewer.positions),
        shown=shown,
        articles=articles,
    )


def _article_view(article: ArticleRow, counts: CountsView, clauses: list[ClauseView]) -> ArticleView:
    """An article with its counts and listed clauses."""
    return ArticleView(
        id=article.id,
        number=article.number,
        title=article.title,
        kind=article.kind,
        position=article.position,
        in_base=article.in_base,
        counts=counts,
        clauses=clauses,
    )


def clause_status(driver: Driver, session: Session, actor: Actor, clause_id: int) -> ClauseStatusView:
    """Derive one clause's status the same way the board does (constant queries)."""
    table, standing, records = load_clause_context(driver, session, actor, clause_id)
    viewer = _viewer(table, standing)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    clause = next((c for c in records.clauses if c.id == clause_id), None)
    article = next((a for a in records.articles if clause and a.id == clause.article_id), None)
    if clause is None or article is None or not viewer.sees(clause, statuses[clause.id]):
        raise NotFound("No such clause.", code="clause_not_found")
    view = _clause_view(clause, statuses[clause.id], viewer.positions)
    return ClauseStatusView(
        **{f.name: getattr(view, f.name) for f in fields(ClauseView)},
        table_id=table.id,
        article_number=article.number,
        article_title=article.title,
        positions_visible=viewer.positions,
    )
