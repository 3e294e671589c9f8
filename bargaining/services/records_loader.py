"""Build the domain's plain records of one table from the database, in a constant number of queries.

Six SELECTs, whatever the size of the table: articles; clauses with their base version's hash;
non-draft proposals; their items; tentative agreements; TA items. Only the needed columns are
read (row tuples, no ORM objects), so a table of 1,500 clauses and 10,000 versions loads fast.
Drafts never enter the records: neither their items nor clauses/articles a draft introduced.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, or_, select
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


def _not_from_draft(origin: type[Proposal]) -> ColumnElement[bool]:
    """Rows not introduced by a draft proposal (origin: the outer-joined introducing proposal)."""
    return or_(origin.id.is_(None), origin.state != ProposalState.DRAFT)


def load_records(
    session: Session, table_id: int, *, clause_ids: Collection[int] | None = None
) -> TableRecords:
    """Load a table's records (optionally only some clauses) in six queries."""
    wanted = None if clause_ids is None else sorted(set(clause_ids))
    records = TableRecords()
    records.articles = _articles(session, table_id)
    records.clauses = _clauses(session, table_id, wanted)
    records.proposals = _proposals(session, table_id)
    records.items = _items(session, table_id, wanted)
    records.tas = _tas(session, table_id, wanted)
    return records


def _articles(session: Session, table_id: int) -> list[ArticleRow]:
    """The table's articles in contract order, less any a draft introduced."""
    origin = aliased(Proposal)
    stmt = (
        select(Article.id, Article.number, Article.title, Article.position, Article.in_base, Article.kind)
        .outerjoin(origin, origin.id == Article.added_by_proposal_id)
        .where(Article.table_id == table_id)
        .where(_not_from_draft(origin))
        .order_by(Article.position, Article.id)
    )
    return [ArticleRow(*row) for row in session.execute(stmt)]


def _clauses(session: Session, table_id: int, wanted: list[int] | None) -> list[ClauseRow]:
    """The table's clauses with their base hash, in position order within each article."""
    origin = aliased(Proposal)
    stmt = (
        select(
            Clause.id,
            Clause.article_id,
            Clause.number,
            Clause.heading,
            Clause.position,
            Clause.in_base,
            Clause.base_version_id,
            ClauseVersion.content_hash,
        )
        .outerjoin(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
        .outerjoin(origin, origin.id == Clause.added_by_proposal_id)
        .where(Clause.table_id == table_id)
        .where(_not_from_draft(origin))
        .order_by(Clause.article_id, Clause.position, Clause.id)
    )
    if wanted is not None:
        stmt = stmt.where(Clause.id.in_(wanted))
    out = []
    for cid, article_id, number, heading, position, in_base, base_id, base_hash in session.execute(stmt):
        record = ClauseRecord(cid, article_id, number, in_base, base_id, base_hash)
        out.append(ClauseRow(record, number, heading, position, article_id, in_base))
    return out


def _proposals(session: Session, table_id: int) -> list[ProposalRecord]:
    """Every proposal passed across the table (whatever became of it since); never drafts."""
    stmt = (
        select(
            Proposal.id,
            Proposal.side,
            Proposal.label,
            Proposal.state,
            Proposal.is_package,
            Proposal.passed_at,
            Proposal.withdrawn_at,
        )
        .where(Proposal.table_id == table_id, Proposal.state != ProposalState.DRAFT)
        .order_by(Proposal.id)
    )
    return [ProposalRecord(*row) for row in session.execute(stmt)]


def _items(session: Session, table_id: int, wanted: list[int] | None) -> list[ItemRecord]:
    """Items of non-draft proposals that name a clause."""
    stmt = (
        select(
            ProposalItem.proposal_id,
            ProposalItem.clause_id,
            ProposalItem.action,
            ProposalItem.version_id,
            ProposalItem.content_hash,
        )
        .join(Proposal, Proposal.id == ProposalItem.proposal_id)
        .where(
            Proposal.table_id == table_id,
            Proposal.state != ProposalState.DRAFT,
            ProposalItem.clause_id.is_not(None),
        )
        .order_by(ProposalItem.id)
    )
    if wanted is not None:
        stmt = stmt.where(ProposalItem.clause_id.in_(wanted))
    rows = session.execute(stmt)
    return [
        ItemRecord(pid, cid, action, vid, digest) for pid, cid, action, vid, digest in rows if cid is not None
    ]


def _tas(session: Session, table_id: int, wanted: list[int] | None) -> list[TARecord]:
    """The table's tentative agreements with their items (two queries)."""
    ta_stmt = (
        select(
            TentativeAgreement.id,
            TentativeAgreement.label,
            TentativeAgreement.state,
            TentativeAgreement.offered_by,
            TentativeAgreement.offered_at,
            TentativeAgreement.signed_at,
            TentativeAgreement.package_proposal_id,
        )
        .where(TentativeAgreement.table_id == table_id)
        .order_by(TentativeAgreement.id)
    )
    heads = list(session.execute(ta_stmt))
    item_stmt = (
        select(TAItem.ta_id, TAItem.clause_id, TAItem.action, TAItem.version_id, TAItem.content_hash)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(TentativeAgreement.table_id == table_id)
        .order_by(TAItem.id)
    )
    if wanted is not None:
        item_stmt = item_stmt.where(TAItem.clause_id.in_(wanted))
    by_ta: dict[int, list[TAItemRecord]] = {}
    for ta_id, cid, action, vid, digest in session.execute(item_stmt):
        by_ta.setdefault(ta_id, []).append(TAItemRecord(cid, action, vid, digest))
    return [
        TARecord(tid, label, state, offered_by, offered_at, signed_at, package, tuple(by_ta.get(tid, ())))
        for tid, label, state, offered_by, offered_at, signed_at, package in heads
    ]
