"""The TA summary: what has been agreed, article by article, against the current contract.

For every article: its tentatively agreed clauses (agreed text or deletion, TA label, date signed,
the negotiators' plain-language summary, and a word redline against the base text), counts by
status, and what is still open (numbers and headings; each side's passed position only when the
caller may see positions). Loaded in a constant number of queries: the table and the caller's
seat, the six of ``load_records``, and one for every text needed (clause versions and TA
summaries together).

Who sees what follows the status board: the sides' people and administrators see pending TAs
(with their summaries, before members do) and positions; members see signed TAs only, and
positions and added clauses only when the table shares passed proposals with them. Anyone at
the table may ask for the members' view (``audience="members"``), which is what the printable
page and the documents for members show. Drafts never enter the records.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import literal, select, union_all
from sqlalchemy.orm import Session

from bargaining.domain.access import Role, Standing
from bargaining.domain.records import Action, ClauseStatusKind, TAItemRecord, TARecord, TAState
from bargaining.domain.render import summary as redline_summary
from bargaining.domain.render import to_html
from bargaining.domain.status import ClauseStatus, Counts, Position, derive_status
from bargaining.models import BargainingTable, ClauseVersion, TentativeAgreement, User, utcnow
from bargaining.services.access import load_table
from bargaining.services.articles import visible_added
from bargaining.services.records_loader import ClauseRow, TableRecords, load_records
from bargaining.services.redline_cache import cached_redline

Audience = Literal["self", "members"]
View = Literal["members", "full"]


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


@dataclass(frozen=True, slots=True)
class TASummary:
    """The whole table's TA summary."""

    table_id: int
    title: str
    union_name: str
    employer_name: str
    table_state: str
    view: View
    positions_visible: bool
    pending_visible: bool
    generated_at: datetime
    counts: SummaryCounts
    articles: list[ArticleSummary]


@dataclass(frozen=True, slots=True)
class _Viewer:
    """What this summary may show."""

    view: View
    pending: bool
    positions: bool
    added: bool

    def sees(self, clause: ClauseRow, status: ClauseStatus) -> bool:
        """Added clauses: only if shared with the viewer or already tentatively agreed."""
        return clause.in_base or self.added or status.status is ClauseStatusKind.TENTATIVELY_AGREED


def _viewer(table: BargainingTable, standing: Standing, audience: Audience) -> _Viewer:
    """The sides' people and admins see everything passed; members what the table shares."""
    if audience == "self" and (standing.is_party or standing.is_admin):
        return _Viewer(view="full", pending=True, positions=True, added=True)
    member = Standing(user_id=standing.user_id, is_admin=False, side=None, role=Role.MEMBER)
    shared = bool(table.members_see_passed)
    return _Viewer(view="members", pending=False, positions=shared, added=visible_added(member, table))


@dataclass(frozen=True, slots=True)
class _Agreement:
    """A clause's covering TA and the language it agrees."""

    clause: ClauseRow
    ta: TARecord
    item: TAItemRecord
    version_id: int | None

    @property
    def deleted(self) -> bool:
        """The clause has no text in the tentative contract."""
        return self.version_id is None


@dataclass(slots=True)
class _Plan:
    """What each visible clause contributes, and the texts to read in one query."""

    agreed: dict[int, _Agreement] = field(default_factory=dict)
    versions: set[int] = field(default_factory=set)
    tas: set[int] = field(default_factory=set)


def _base_id(clause: ClauseRow) -> int | None:
    """The clause's current-contract version, None if it is not in the base."""
    return clause.record.base_version_id if clause.in_base else None


def _agreed_version(clause: ClauseRow, item: TAItemRecord) -> int | None:
    """The version a TA item agrees to: None for a deletion (or status quo of a new clause)."""
    if item.action is Action.DELETE:
        return None
    if item.action is Action.STATUS_QUO:
        return item.version_id if item.version_id is not None else _base_id(clause)
    return item.version_id


def _covering(status: ClauseStatus, viewer: _Viewer) -> bool:
    """The clause's TA belongs in the summary for this viewer."""
    if status.ta_id is None:
        return False
    if status.status is ClauseStatusKind.TENTATIVELY_AGREED:
        return True
    return status.status is ClauseStatusKind.TA_PENDING and viewer.pending


def _plan(
    clauses: Iterable[ClauseRow], statuses: dict[int, ClauseStatus], tas: dict[int, TARecord], viewer: _Viewer
) -> _Plan:
    """Decide what each clause shows and collect the version and TA ids whose texts are needed."""
    plan = _Plan()
    for clause in clauses:
        status = statuses[clause.id]
        base = _base_id(clause)
        if _covering(status, viewer):
            assert status.ta_id is not None
            ta = tas[status.ta_id]
            item = next(i for i in ta.items if i.clause_id == clause.id)
            agreement = _Agreement(clause, ta, item, _agreed_version(clause, item))
            plan.agreed[clause.id] = agreement
            plan.tas.add(ta.id)
            plan.versions.update(v for v in (base, agreement.version_id) if v is not None)
        if status.status is ClauseStatusKind.OPEN and viewer.positions:
            for position in (status.union, status.employer):
                if position.version_id is not None and position.kind != "delete":
                    plan.versions.add(position.version_id)
    return plan


def _texts(session: Session, table_id: int, plan: _Plan) -> tuple[dict[int, str], dict[int, str]]:
    """Read the needed clause texts and TA summaries in one query."""
    if not plan.versions and not plan.tas:
        return {}, {}
    versions = select(literal("v").label("kind"), ClauseVersion.id, ClauseVersion.text).where(
        ClauseVersion.table_id == table_id, ClauseVersion.id.in_(sorted(plan.versions))
    )
    summaries = select(literal("t").label("kind"), TentativeAgreement.id, TentativeAgreement.summary).where(
        TentativeAgreement.table_id == table_id, TentativeAgreement.id.in_(sorted(plan.tas))
    )
    texts: dict[int, str] = {}
    notes: dict[int, str] = {}
    for kind, row_id, text in session.execute(union_all(versions, summaries)):
        (texts if kind == "v" else notes)[row_id] = text
    return texts, notes


def _redline(old: str, new: str) -> RedlineView:
    """The word redline of new against old."""
    ops = list(cached_redline(old, new))
    stats = redline_summary(ops)
    return RedlineView(
        ops=[op.to_dict() for op in ops],
        html=to_html(ops),
        words_inserted=stats["words_inserted"],
        words_deleted=stats["words_deleted"],
        changed=stats["changed"],
    )


def _agreed_view(agreement: _Agreement, texts: dict[int, str], notes: dict[int, str]) -> AgreedClause:
    """Present one agreed (or, for the sides, pending) clause."""
    clause, ta, item = agreement.clause, agreement.ta, agreement.item
    base_id = _base_id(clause)
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


def _counts(statuses: Iterable[ClauseStatus]) -> SummaryCounts:
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


def _articles(
    records: TableRecords,
    statuses: dict[int, ClauseStatus],
    viewer: _Viewer,
    plan: _Plan,
    texts: tuple[dict[int, str], dict[int, str]],
) -> list[ArticleSummary]:
    """Lay the summary out article by article, in contract order."""
    clause_texts, notes = texts
    by_article: dict[int, list[ClauseRow]] = {}
    for clause in records.clauses:
        if viewer.sees(clause, statuses[clause.id]):
            by_article.setdefault(clause.article_id, []).append(clause)
    out: list[ArticleSummary] = []
    for article in records.articles:
        clauses = by_article.get(article.id, [])
        if not (article.in_base or viewer.added or clauses):
            continue
        out.append(
            ArticleSummary(
                id=article.id,
                number=article.number,
                title=article.title,
                kind=article.kind,
                counts=_counts(statuses[c.id] for c in clauses),
                agreed=[
                    _agreed_view(plan.agreed[c.id], clause_texts, notes)
                    for c in clauses
                    if c.id in plan.agreed
                ],
                open=[
                    _open_view(c, statuses[c.id], viewer.positions, clause_texts)
                    for c in clauses
                    if statuses[c.id].status in _STILL_OPEN
                ],
            )
        )
    return out


def ta_summary(session: Session, actor: User, table_id: int, audience: Audience = "self") -> TASummary:
    """Build the TA summary of a table as the caller (or, on request, a member) may see it."""
    table, standing = load_table(session, actor, table_id)
    viewer = _viewer(table, standing, audience)
    records = load_records(session, table.id)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    visible = [c for c in records.clauses if viewer.sees(c, statuses[c.id])]
    plan = _plan(visible, statuses, {ta.id: ta for ta in records.tas}, viewer)
    texts = _texts(session, table.id, plan)
    articles = _articles(records, statuses, viewer, plan, texts)
    return TASummary(
        table_id=table.id,
        title=table.title,
        union_name=table.union_name,
        employer_name=table.employer_name,
        table_state=str(table.state),
        view=viewer.view,
        positions_visible=viewer.positions,
        pending_visible=viewer.pending,
        generated_at=utcnow(),
        counts=_counts(statuses[c.id] for c in visible),
        articles=articles,
    )
