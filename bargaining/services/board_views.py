"""What the status board shows: counts, clauses, articles; positions only to those who may see them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from bargaining.domain.records import ClauseStatusKind, Side
from bargaining.domain.status import ClauseStatus, Counts, Position
from bargaining.kept import IdentityMemo
from bargaining.services.records_loader import ArticleRow, ClauseRow


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


def counts_view(statuses: Iterable[ClauseStatus], positions: bool) -> CountsView:
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


# The last view made of each clause (and positions flag), with the row and status it was made from.
_VIEWS: IdentityMemo[ClauseView] = IdentityMemo(maxsize=32_768)


def clause_view(clause: ClauseRow, status: ClauseStatus, positions: bool) -> ClauseView:
    """Present one clause's status, positions only if the caller may see them.

    The same row and status objects give back the same view: a board brought forward after a
    change keeps every untouched clause's row and status, so only the touched clauses are made
    again (and their JSON, which schemas/status.py keeps per view).
    """
    made = lambda: _made_view(clause, status, positions)  # noqa: E731
    return _VIEWS.get_or_make((clause.id, positions), (clause, status), made)


def _made_view(clause: ClauseRow, status: ClauseStatus, positions: bool) -> ClauseView:
    """A new view of one clause's status."""
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


def article_view(article: ArticleRow, counts: CountsView, clauses: list[ClauseView]) -> ArticleView:
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
