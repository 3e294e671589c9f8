"""Build the domain's plain records of one table from the database, in a constant number of queries.

Six SELECTs, whatever the size of the table: articles; clauses with their base version's hash;
non-draft proposals; their items; tentative agreements; TA items. Only the needed columns are
read (row tuples, no ORM objects), so a table of 1,500 clauses and 10,000 versions loads fast.
Drafts never enter the records: neither their items nor clauses/articles a draft introduced.

Asked for some clauses, it reads only what their status depends on: their articles, the
proposals with items on them (and the proposals TAs on them package), and the TAs on them, so a
one-clause read costs the same on a table of 10 clauses as on one of 1,500. The statements are
built once, with bindparams: a prebuilt statement keeps its cache key, which is most of the cost
of building a query per request.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, or_, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session, aliased

from bargaining.domain.records import (
    ClauseRecord,
    ItemRecord,
    ProposalRecord,
    ProposalState,
    TAItemRecord,
    TARecord,
)
from bargaining.models import (
    Article,
    Clause,
    ClauseVersion,
    Proposal,
    ProposalItem,
    TAItem,
    TentativeAgreement,
)


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the status board shows of an article."""

    id: int
    number: str
    title: str
    position: int
    in_base: bool
    kind: str


@dataclass(frozen=True, slots=True)
class ClauseRow:
    """A clause's domain record plus what a board displays."""

    record: ClauseRecord
    number: str
    heading: str
    position: int
    article_id: int
    in_base: bool

    @property
    def id(self) -> int:
        """The clause id."""
        return self.record.id


class TableLayout(Protocol):
    """What a whole-table view lays out: articles and clauses in board order, and the TAs."""

    @property
    def articles(self) -> Sequence[ArticleRow]:
        """The articles in contract order."""

    @property
    def clauses(self) -> Sequence[ClauseRow]:
        """The clauses in board order."""

    @property
    def tas(self) -> Sequence[TARecord]:
        """The tentative agreements."""


@dataclass(slots=True)
class TableRecords:
    """Everything status derivation needs for one table (or a subset of its clauses)."""

    articles: list[ArticleRow] = field(default_factory=list)
    clauses: list[ClauseRow] = field(default_factory=list)
    proposals: list[ProposalRecord] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    tas: list[TARecord] = field(default_factory=list)

    @property
    def clause_records(self) -> list[ClauseRecord]:
        """The clauses as the domain sees them, in board order."""
        return [c.record for c in self.clauses]


def not_from_draft(origin: type[Proposal]) -> ColumnElement[bool]:
    """Rows not introduced by a draft proposal (origin: the outer-joined introducing proposal)."""
    return or_(origin.id.is_(None), origin.state != ProposalState.DRAFT)


AnySelect = Select[*tuple[Any, ...]]
AnyRow = Row[*tuple[Any, ...]]
_TABLE: BindParameter[int] = bindparam("table_id")
_CLAUSES: BindParameter[list[int]] = bindparam("clause_ids", expanding=True)
_ARTICLES: BindParameter[list[int]] = bindparam("article_ids", expanding=True)


# The columns each record is built from, in its fields' order (shared with clause_records).
CLAUSE_COLUMNS = (
    Clause.id,
    Clause.article_id,
    Clause.number,
    Clause.heading,
    Clause.position,
    Clause.in_base,
    Clause.base_version_id,
    ClauseVersion.content_hash,
)
ARTICLE_COLUMNS = (Article.id, Article.number, Article.title, Article.position, Article.in_base, Article.kind)
ITEM_COLUMNS = (
    ProposalItem.proposal_id,
    ProposalItem.clause_id,
    ProposalItem.action,
    ProposalItem.version_id,
    ProposalItem.content_hash,
    ProposalItem.new_article_number,
    ProposalItem.new_article_title,
)
TA_COLUMNS = (
    TentativeAgreement.id,
    TentativeAgreement.label,
    TentativeAgreement.state,
    TentativeAgreement.offered_by,
    TentativeAgreement.offered_at,
    TentativeAgreement.signed_at,
    TentativeAgreement.package_proposal_id,
)
TA_ITEM_COLUMNS = (TAItem.clause_id, TAItem.action, TAItem.version_id, TAItem.content_hash)


def proposal_columns(proposal: Any) -> tuple[Any, ...]:
    """A proposal's (or an alias's) columns in ProposalRecord's order."""
    p = proposal
    return (p.id, p.side, p.label, p.state, p.is_package, p.passed_at, p.withdrawn_at, p.number)


def _article_stmt() -> AnySelect:
    """The table's articles in contract order, less any a draft introduced."""
    origin = aliased(Proposal)
    return (
        select(*ARTICLE_COLUMNS)
        .outerjoin(origin, origin.id == Article.added_by_proposal_id)
        .where(Article.table_id == _TABLE, not_from_draft(origin))
        .order_by(Article.position, Article.id)
    )


def _clause_stmt() -> AnySelect:
    """The table's clauses with their base hash, in position order within each article."""
    origin = aliased(Proposal)
    return (
        select(*CLAUSE_COLUMNS)
        .outerjoin(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
        .outerjoin(origin, origin.id == Clause.added_by_proposal_id)
        .where(Clause.table_id == _TABLE, not_from_draft(origin))
        .order_by(Clause.article_id, Clause.position, Clause.id)
    )


_PROPOSAL_STMT = (
    select(*proposal_columns(Proposal))
    .where(Proposal.table_id == _TABLE, Proposal.state != ProposalState.DRAFT)
    .order_by(Proposal.id)
)
_ITEM_STMT = (
    select(*ITEM_COLUMNS)
    .join(Proposal, Proposal.id == ProposalItem.proposal_id)
    .where(
        Proposal.table_id == _TABLE,
        Proposal.state != ProposalState.DRAFT,
        ProposalItem.clause_id.is_not(None),
    )
    .order_by(ProposalItem.id)
)
_TA_STMT = select(*TA_COLUMNS).where(TentativeAgreement.table_id == _TABLE).order_by(TentativeAgreement.id)
_TA_ITEM_STMT = (
    select(TAItem.ta_id, *TA_ITEM_COLUMNS)
    .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
    .where(TentativeAgreement.table_id == _TABLE)
    .order_by(TAItem.id)
)
# Some clauses' items: found through the clause index, their proposals checked against the table's
# non-draft ones. Joined as _ITEM_STMT is, SQLite (no statistics) walks every proposal of the table
# and its items first: 9 ms of CPU on the 1,500-clause table instead of well under one.
_SUBSET_ITEM_STMT = (
    select(*ITEM_COLUMNS)
    .where(
        ProposalItem.proposal_id.in_(
            select(Proposal.id).where(Proposal.table_id == _TABLE, Proposal.state != ProposalState.DRAFT)
        )
    )
    .order_by(ProposalItem.id)
)
Filter = Callable[[Any], ColumnElement[bool]]


@dataclass(frozen=True)
class _Statements:
    """One scope's six statements."""

    articles: AnySelect
    clauses: AnySelect
    proposals: AnySelect
    items: AnySelect
    tas: AnySelect
    ta_items: AnySelect


def _subset(on_clauses: Filter, on_articles: Filter) -> _Statements:
    """The statements for some clauses: only the rows their status depends on."""
    tas_on = select(TAItem.ta_id).where(on_clauses(TAItem.clause_id))
    packages_on = (
        select(TentativeAgreement.package_proposal_id)
        .join(TAItem, TAItem.ta_id == TentativeAgreement.id)
        .where(on_clauses(TAItem.clause_id))
    )
    proposals_on = select(ProposalItem.proposal_id).where(on_clauses(ProposalItem.clause_id))
    return _Statements(
        articles=_article_stmt().where(on_articles(Article.id)),
        clauses=_clause_stmt().where(on_clauses(Clause.id)),
        proposals=_PROPOSAL_STMT.where(or_(Proposal.id.in_(proposals_on), Proposal.id.in_(packages_on))),
        items=_SUBSET_ITEM_STMT.where(on_clauses(ProposalItem.clause_id)),
        tas=_TA_STMT.where(TentativeAgreement.id.in_(tas_on)),
        ta_items=_TA_ITEM_STMT.where(on_clauses(TAItem.clause_id)),
    )


_WHOLE_TABLE = _Statements(
    _article_stmt(), _clause_stmt(), _PROPOSAL_STMT, _ITEM_STMT, _TA_STMT, _TA_ITEM_STMT
)
# Lists go through expanding IN; one clause (the common read) through plain equality, cheaper.
_SOME_CLAUSES = _subset(lambda col: col.in_(_CLAUSES), lambda col: col.in_(_ARTICLES))
_ONE_CLAUSE = _subset(lambda col: col == bindparam("clause_id"), lambda col: col == bindparam("article_id"))


def load_records(
    session: Session,
    table_id: int,
    *,
    clause_ids: Collection[int] | None = None,
    article_ids: Collection[int] | None = None,
) -> TableRecords:
    """Load a table's records in six queries: all, or what some clauses' status depends on.

    With clause_ids, the articles are those clauses' articles unless article_ids names them.
    """
    params: dict[str, Any] = {"table_id": table_id}
    statements = _scope(params, clause_ids, article_ids)
    connection = session.connection()
    clauses = _clauses(connection.execute(statements.clauses, params))
    if clause_ids is not None:
        wanted = sorted(set(article_ids if article_ids is not None else {c.article_id for c in clauses}))
        params["article_ids"] = wanted
        params["article_id"] = wanted[0] if len(wanted) == 1 else None
    records = TableRecords(
        articles=[ArticleRow(*row) for row in connection.execute(statements.articles, params)],
        clauses=clauses,
        proposals=[ProposalRecord(*row) for row in connection.execute(statements.proposals, params)],
        items=[ItemRecord(*row) for row in connection.execute(statements.items, params)],
    )
    records.tas = _tas(
        connection.execute(statements.tas, params), connection.execute(statements.ta_items, params)
    )
    return records


def _scope(
    params: dict[str, Any], clause_ids: Collection[int] | None, article_ids: Collection[int] | None
) -> _Statements:
    """Pick the statements for the scope asked for, and set their clause parameters."""
    if clause_ids is None:
        return _WHOLE_TABLE
    wanted = sorted(set(clause_ids))
    one_article = article_ids is None or len(set(article_ids)) <= 1
    if len(wanted) == 1 and one_article:
        params["clause_id"] = wanted[0]
        return _ONE_CLAUSE
    params["clause_ids"] = wanted
    return _SOME_CLAUSES


def _clauses(rows: Iterable[AnyRow]) -> list[ClauseRow]:
    """Clause rows as the domain's records plus what a board shows."""
    out = []
    for cid, article_id, number, heading, position, in_base, base_id, base_hash in rows:
        record = ClauseRecord(cid, article_id, number, in_base, base_id, base_hash)
        out.append(ClauseRow(record, number, heading, position, article_id, in_base))
    return out


def _tas(heads: Iterable[AnyRow], items: Iterable[AnyRow]) -> list[TARecord]:
    """Tentative agreements with their items."""
    by_ta: dict[int, list[TAItemRecord]] = {}
    for ta_id, cid, action, vid, digest in items:
        by_ta.setdefault(ta_id, []).append(TAItemRecord(cid, action, vid, digest))
    return [
        TARecord(tid, label, state, offered_by, offered_at, signed_at, package, tuple(by_ta.get(tid, ())))
        for tid, label, state, offered_by, offered_at, signed_at, package in heads
    ]
