"""One clause's table, the caller's seat and the clause's records in three statements.

The records are the same as ``load_records(session, table_id, clause_ids=[clause_id])`` (a test
holds them equal), read with joins instead of six statements: the clause with its article, its
table and the caller's seat; its items with their proposals; its TA items with their TAs and
package proposals. Clause redlines and clause status run on every click at the table, so this
path is kept short.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import BindParameter, Connection, and_, bindparam, select
from sqlalchemy.orm import Session, aliased

from bargaining.domain.access import Standing
from bargaining.domain.errors import NotFound
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
    BargainingTable,
    Clause,
    ClauseVersion,
    Membership,
    Proposal,
    ProposalItem,
    TAItem,
    TentativeAgreement,
    User,
)
from bargaining.services.access import TableRow
from bargaining.services.records_loader import (
    ARTICLE_COLUMNS,
    CLAUSE_COLUMNS,
    ITEM_COLUMNS,
    TA_COLUMNS,
    TA_ITEM_COLUMNS,
    ArticleRow,
    ClauseRow,
    TableRecords,
    not_from_draft,
    proposal_columns,
)

_CLAUSE_ORIGIN = aliased(Proposal)
_ARTICLE_ORIGIN = aliased(Proposal)
_PACKAGE = aliased(Proposal)
_CLAUSE_ID: BindParameter[int] = bindparam("clause_id")
_TABLE_ID: BindParameter[int] = bindparam("table_id")


_CONTEXT = (
    select(
        *CLAUSE_COLUMNS,
        *ARTICLE_COLUMNS,
        BargainingTable.id,
        BargainingTable.title,
        BargainingTable.union_name,
        BargainingTable.employer_name,
        BargainingTable.state,
        BargainingTable.members_see_passed,
        Membership.side,
        Membership.role,
    )
    .join(Article, Article.id == Clause.article_id)
    .join(BargainingTable, BargainingTable.id == Clause.table_id)
    .outerjoin(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
    .outerjoin(_CLAUSE_ORIGIN, _CLAUSE_ORIGIN.id == Clause.added_by_proposal_id)
    .outerjoin(_ARTICLE_ORIGIN, _ARTICLE_ORIGIN.id == Article.added_by_proposal_id)
    .outerjoin(
        Membership, and_(Membership.table_id == Clause.table_id, Membership.user_id == bindparam("user_id"))
    )
    .where(Clause.id == _CLAUSE_ID)
    .where(not_from_draft(_CLAUSE_ORIGIN), not_from_draft(_ARTICLE_ORIGIN))
)
_ITEMS = (
    select(
        *proposal_columns(Proposal),
        *ITEM_COLUMNS,
    )
    .join(Proposal, Proposal.id == ProposalItem.proposal_id)
    .where(ProposalItem.clause_id == _CLAUSE_ID, Proposal.table_id == _TABLE_ID)
    .where(Proposal.state != ProposalState.DRAFT)
    .order_by(ProposalItem.id)
)
_TA_ITEMS = (
    select(
        *TA_COLUMNS,
        *TA_ITEM_COLUMNS,
        *proposal_columns(_PACKAGE),
    )
    .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
    .outerjoin(_PACKAGE, _PACKAGE.id == TentativeAgreement.package_proposal_id)
    .where(TAItem.clause_id == _CLAUSE_ID, TentativeAgreement.table_id == _TABLE_ID)
    .order_by(TAItem.id)
)


def load_clause_context(
    session: Session, user: User, clause_id: int
) -> tuple[TableRow, Standing, TableRecords]:
    """A clause's table, the caller's standing and the clause's records; 404 unless at its table."""
    row: Any = session.connection().execute(_CONTEXT, {"clause_id": clause_id, "user_id": user.id}).first()
    standing = row and Standing(user_id=user.id, is_admin=user.is_admin, side=row[20], role=row[21])
    if row is None or not standing.at_table:
        raise NotFound("No such clause.", code="clause_not_found")
    return TableRow(*row[14:20]), standing, _records(session.connection(), row)


def load_clause_records(session: Session, table_id: int, clause_id: int) -> TableRecords:
    """One clause's records (empty if it is not at this table or a draft made it)."""
    row: Any = session.connection().execute(_CONTEXT, {"clause_id": clause_id, "user_id": None}).first()
    if row is None or row[14] != table_id:
        return TableRecords()
    return _records(session.connection(), row)


def _records(connection: Connection, row: Any) -> TableRecords:
    """The records from the context row, the clause's items and its TA items."""
    cid, article_id, number, heading, position, in_base, base_id, base_hash = row[:8]
    params = {"clause_id": cid, "table_id": row[14]}
    record = ClauseRecord(cid, article_id, number, in_base, base_id, base_hash)
    records = TableRecords(
        articles=[ArticleRow(*row[8:14])],
        clauses=[ClauseRow(record, number, heading, position, article_id, in_base)],
    )
    proposals: dict[int, ProposalRecord] = {}
    items: Iterable[Any] = connection.execute(_ITEMS, params)
    for item in items:
        proposals.setdefault(item[0], ProposalRecord(*item[:7]))
        records.items.append(ItemRecord(*item[7:]))
    tas: dict[int, tuple[Any, list[TAItemRecord]]] = {}
    ta_items: Iterable[Any] = connection.execute(_TA_ITEMS, params)
    for ta in ta_items:
        tas.setdefault(ta[0], (ta[:7], []))[1].append(TAItemRecord(*ta[7:11]))
        package = ta[11:]
        if package[0] is not None and package[3] is not ProposalState.DRAFT:
            proposals.setdefault(package[0], ProposalRecord(*package))
    records.proposals = [proposals[k] for k in sorted(proposals)]
    records.tas = [_ta(head, items) for _, (head, items) in sorted(tas.items())]
    return records


def _ta(head: Any, items: list[TAItemRecord]) -> TARecord:
    """A TA record from its row's head columns and its items on the clause."""
    ta_id, label, state, offered_by, offered_at, signed_at, package = head
    return TARecord(ta_id, label, state, offered_by, offered_at, signed_at, package, tuple(items))
