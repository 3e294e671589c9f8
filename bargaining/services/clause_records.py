"""One clause's table, the caller's seat, the table's revision and the clause's records.

The records are the same as ``load_records(session, table_id, clause_ids=[clause_id])`` (a test
holds them equal), read with joins instead of six statements: the clause with its article, its
table and the caller's seat; its items with their proposals; its TA items with their TAs and
package proposals. Clause redlines and clause status run on every click at the table, so this
path is kept short.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, and_, bindparam, select
from sqlalchemy.orm import Session, aliased

from bargaining.direct import DirectQuery, Driver
from bargaining.domain.access import Actor, Standing
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
from bargaining.services.table_cache.revision import revision_columns

_CLAUSE_ORIGIN = aliased(Proposal)
_ARTICLE_ORIGIN = aliased(Proposal)
_PACKAGE = aliased(Proposal)
_CLAUSE_ID: BindParameter[int] = bindparam("clause_id")
_TABLE_ID: BindParameter[int] = bindparam("table_id")


# Every clause redline and clause status click runs it: straight on the driver (bargaining.direct).
CLAUSE_CONTEXT = DirectQuery(
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
        *revision_columns(Clause.table_id),
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


@dataclass(frozen=True, slots=True)
class ClauseContext:
    """A clause's table, the caller's standing there, and the table's revision.

    The revision is the table's event counter and its last event's time, as the board's
    (bargaining.services.table_cache.revision): every change at a table is numbered there in the
    same transaction, in commit order, so the revision moves whenever anything the clause's
    redlines and status depend on changes. The time makes it unique across a database restored
    from a backup (numbers are then reused, times are not).
    """

    table: TableRow
    standing: Standing
    revision: tuple[int, datetime | None]
    row: Any

    def records(self, session: Session) -> TableRecords:
        """The clause's records: its article, items with proposals, and TA items (two statements)."""
        return _records(session.connection(), self.row)


def read_clause_context(driver: Driver, user: Actor, clause_id: int) -> ClauseContext:
    """A clause's table, the caller's standing and the table's revision (one statement); 404 if not theirs."""
    row: Any = driver.first(CLAUSE_CONTEXT, {"clause_id": clause_id, "user_id": user.id})
    standing = row and Standing(user_id=user.id, is_admin=user.is_admin, side=row[20], role=row[21])
    if row is None or not standing.at_table:
        raise NotFound("No such clause.", code="clause_not_found")
    return ClauseContext(TableRow(*row[14:20]), standing, (row[22] or 0, row[23]), row)


def load_clause_context(
    driver: Driver, session: Session, user: Actor, clause_id: int
) -> tuple[TableRow, Standing, TableRecords]:
    """A clause's table, the caller's standing and the clause's records; 404 unless at its table."""
    context = read_clause_context(driver, user, clause_id)
    return context.table, context.standing, context.records(session)


def load_clause_records(session: Session, table_id: int, clause_id: int) -> TableRecords:
    """One clause's records (empty if it is not at this table or a draft made it)."""
    params = {"clause_id": clause_id, "user_id": None}
    row: Any = Driver.of(session.connection()).first(CLAUSE_CONTEXT, params)
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
        proposals.setdefault(item[0], ProposalRecord(*item[:8]))
        records.items.append(ItemRecord(*item[8:]))
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
