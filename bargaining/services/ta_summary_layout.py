"""The TA summary laid out article by article: agreed clauses with redlines, open clauses, counts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from cachetools import LRUCache
from markupsafe import escape

from bargaining.domain.hashing import content_hash
from bargaining.domain.records import ClauseStatusKind, TARecord, TAState
from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.render import summary as redline_summary
from bargaining.domain.redlines.render import to_html
from bargaining.domain.status import ClauseStatus, Counts, Position
from bargaining.kept import IdentityMemo
from bargaining.services.records_loader import ArticleRow, ClauseRow, TableLayout
from bargaining.services.redlines.cache import cached_redline
from bargaining.services.ta_summary_plan import Agreement, SummaryPlan, Viewer, base_version_id, plan_summary


@dataclass(frozen=True, slots=True)
class SummaryCounts:
    """Clause counts by status."""

    tentatively_agreed: int
    ta_pending: int
    open: int
    status_quo: int
    total: int


@dataclass(frozen=True, slots=True)
class RedlineView:
    """The agreed text against the current contract: ops, HTML and word counts."""

    ops: list[dict[str, str]]
    html: str
    words_inserted: int
    words_deleted: int
    changed: bool
    page_html: str = ""  # the members' page's markup of the ops (<del>/<ins>, Jinja's escaping)


@dataclass(frozen=True, slots=True)
class AgreedClause:
    """A clause a TA covers (signed; pending ones only for the sides and administrators)."""

    clause_id: int
    number: str
    heading: str
    action: str
    deleted: bool
    text: str | None
    ta_id: int
    ta_label: str | None
    ta_state: str
    offered_at: datetime
    signed_at: datetime | None
    summary: str
    redline: RedlineView


@dataclass(frozen=True, slots=True)
class SidePosition:
    """One side's passed position on an open clause: its language and the proposal behind it."""

    kind: str
    proposal_label: str | None
    text: str | None


@dataclass(frozen=True, slots=True)
class OpenClause:
    """A clause still on the table (open or awaiting a countersignature)."""

    clause_id: int
    number: str
    heading: str
    status: str
    union: SidePosition | None
    employer: SidePosition | None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One article: counts, agreed clauses, open clauses."""

    id: int
    number: str
    title: str
    kind: str
    counts: SummaryCounts
    agreed: list[AgreedClause] = field(default_factory=list)
    open: list[OpenClause] = field(default_factory=list)


# Redline views by the content hashes of their two texts: a pure function of immutable texts, so
# never stale; the cold summary otherwise re-renders every agreed clause's HTML (perf notes).
_VIEWS: LRUCache[tuple[str, str], RedlineView] = LRUCache(maxsize=2048)  # a 1,500-clause table
_VIEWS_LOCK = threading.Lock()


def _redline(old: str, new: str) -> RedlineView:
    """The word redline of new against old, from the kept views when it can."""
    key = (content_hash(old), content_hash(new))
    with _VIEWS_LOCK:
        found: RedlineView | None = _VIEWS.get(key)
    if found is None:
        found = _render_redline(old, new)
        with _VIEWS_LOCK:
            _VIEWS[key] = found
    return found


def _render_redline(old: str, new: str) -> RedlineView:
    """The word redline of new against old, rendered."""
    ops = list(cached_redline(old, new))
    stats = redline_summary(ops)
    return RedlineView(
        ops=[op.to_dict() for op in ops],
        html=to_html(ops),
        words_inserted=stats["words_inserted"],
        words_deleted=stats["words_deleted"],
        changed=stats["changed"],
        page_html=_page_markup(ops),
    )


_PAGE_TAGS = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>")}


def _page_markup(ops: Iterable[Op]) -> str:
    """The ops as the members' page marks them up (what its template's loop wrote), kept with the view."""
    out = []
    for op in ops:
        start, end = _PAGE_TAGS.get(op.kind, ("", ""))
        out.append(f"{start}{escape(op.text)}{end}")
    return "".join(out)


def _agreed_view(agreement: Agreement, texts: dict[int, str], notes: dict[int, str]) -> AgreedClause:
    """Present one agreed (or, for the sides, pending) clause."""
    clause, ta, item = agreement.clause, agreement.ta, agreement.item
    base_id = base_version_id(clause)
    base = texts.get(base_id, "") if base_id is not None else ""
    text = texts.get(agreement.version_id) if agreement.version_id is not None else None
    return AgreedClause(
        clause_id=clause.id,
        number=clause.number,
        heading=clause.heading,
        action=str(item.action),
        deleted=agreement.deleted,
        text=text,
        ta_id=ta.id,
        ta_label=ta.label,
        ta_state=str(ta.state),
        offered_at=ta.offered_at,
        signed_at=ta.signed_at if ta.state is TAState.SIGNED else None,
        summary=notes.get(ta.id, ""),
        redline=_redline(base, text or ""),
    )


def _position(position: Position, texts: dict[int, str]) -> SidePosition:
    """One side's passed position with its text (None for a deletion or no language)."""
    text = None
    if position.kind != "delete" and position.version_id is not None:
        text = texts.get(position.version_id)
    return SidePosition(kind=position.kind, proposal_label=position.proposal_label, text=text)


def _open_view(clause: ClauseRow, status: ClauseStatus, positions: bool, texts: dict[int, str]) -> OpenClause:
    """Present a clause still on the table; positions only for open clauses the viewer may see."""
    show = positions and status.status is ClauseStatusKind.OPEN
    return OpenClause(
        clause_id=clause.id,
        number=clause.number,
        heading=clause.heading,
        status=str(status.status),
        union=_position(status.union, texts) if show else None,
        employer=_position(status.employer, texts) if show else None,
    )


def summary_counts(statuses: Iterable[ClauseStatus]) -> SummaryCounts:
    """Count clauses by status."""
    counts = Counts()
    for status in statuses:
        counts.add(status)
    return SummaryCounts(
        tentatively_agreed=counts.tentatively_agreed,
        ta_pending=counts.ta_pending,
        open=counts.open,
        status_quo=counts.status_quo,
        total=counts.total,
    )


_STILL_OPEN = frozenset({ClauseStatusKind.OPEN, ClauseStatusKind.TA_PENDING})


TextReader = Callable[[SummaryPlan], tuple[dict[int, str], dict[int, str]]]
# The last summary of each article per (table, article, viewer) with the rows and statuses it was
# laid out from. A state brought forward keeps the untouched clauses' rows and status objects
# (board_state), and an event on a TA re-derives every clause it covers, so the same objects mean
# the same summary: after a change only the touched articles are read and laid out again.
_ARTICLES: IdentityMemo[ArticleSummary] = IdentityMemo(maxsize=8192)


def forget() -> None:
    """Forget every kept article summary (tests compare with summaries laid out afresh)."""
    _ARTICLES.clear()


def article_summaries(
    table_id: int,
    layout: TableLayout,
    statuses: Mapping[int, ClauseStatus],
    tas: Mapping[int, TARecord],
    viewer: Viewer,
    read: TextReader,
) -> list[ArticleSummary]:
    """Lay the summary out article by article, in contract order, reading only the texts needed."""
    shown = _shown(layout, statuses, viewer)
    sources = [(article, *clauses, *(statuses[c.id] for c in clauses)) for article, clauses in shown]
    out = [_ARTICLES.get((table_id, a.id, viewer), src) for (a, _), src in zip(shown, sources, strict=True)]
    todo = [i for i, found in enumerate(out) if found is None]
    if todo:
        plan = plan_summary((c for i in todo for c in shown[i][1]), statuses, tas, viewer)
        texts = read(plan)
        for i in todo:
            article, clauses = shown[i]
            made = _article_summary(article, clauses, statuses, viewer, plan, texts)
            _ARTICLES.keep((table_id, article.id, viewer), sources[i], made)
            out[i] = made
    return [found for found in out if found is not None]


def _shown(
    layout: TableLayout, statuses: Mapping[int, ClauseStatus], viewer: Viewer
) -> list[tuple[ArticleRow, list[ClauseRow]]]:
    """The articles the summary shows, each with the clauses the viewer sees, in contract order."""
    by_article: dict[int, list[ClauseRow]] = {}
    for clause in layout.clauses:
        if viewer.sees(clause, statuses[clause.id]):
            by_article.setdefault(clause.article_id, []).append(clause)
    shown = ((article, by_article.get(article.id, [])) for article in layout.articles)
    return [(article, clauses) for article, clauses in shown if article.in_base or viewer.added or clauses]


def _article_summary(
    article: ArticleRow,
    clauses: list[ClauseRow],
    statuses: Mapping[int, ClauseStatus],
    viewer: Viewer,
    plan: SummaryPlan,
    texts: tuple[dict[int, str], dict[int, str]],
) -> ArticleSummary:
    """One article: its counts, agreed clauses (with redlines) and open clauses."""
    clause_texts, notes = texts
    return ArticleSummary(
        id=article.id,
        number=article.number,
        title=article.title,
        kind=article.kind,
        counts=summary_counts(statuses[c.id] for c in clauses),
        agreed=[_agreed_view(plan.agreed[c.id], clause_texts, notes) for c in clauses if c.id in plan.agreed],
        open=[
            _open_view(c, statuses[c.id], viewer.positions, clause_texts)
            for c in clauses
            if statuses[c.id].status in _STILL_OPEN
        ],
    )
