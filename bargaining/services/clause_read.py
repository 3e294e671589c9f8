"""The clause read path: a clause, its base text and the caller's right to see it, in one statement."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, exists, select

from bargaining.direct import DirectQuery, Driver
from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import NotFound
from bargaining.domain.records import TAState
from bargaining.models import (
    BargainingTable,
    Clause,
    ClauseVersion,
    Membership,
    TAItem,
    TentativeAgreement,
)


@dataclass(frozen=True, slots=True)
class BaseText:
    """The text of a clause's current base version."""

    text: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class ClauseCard:
    """A clause as GET /clauses/{id} shows it (the attributes ClauseOut dumps, and the ETag's)."""

    id: int
    table_id: int
    article_id: int
    number: str
    heading: str
    position: int
    in_base: bool
    base_version_id: int | None
    version: int
    base_version: BaseText | None


_SIGNED = exists().where(
    TAItem.clause_id == Clause.id,
    TentativeAgreement.id == TAItem.ta_id,
    TentativeAgreement.state == TAState.SIGNED,
)
# GET a clause runs it on every read: straight on the driver (bargaining.direct).
CLAUSE_CARD = DirectQuery(
    select(
        Clause.id,
        Clause.table_id,
        Clause.article_id,
        Clause.number,
        Clause.heading,
        Clause.position,
        Clause.in_base,
        Clause.base_version_id,
        Clause.version,
        ClauseVersion.text,
        ClauseVersion.content_hash,
        BargainingTable.members_see_passed,
        Membership.side,
        Membership.role,
        _SIGNED.label("signed"),
    )
    .join(BargainingTable, BargainingTable.id == Clause.table_id)
    .outerjoin(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
    .outerjoin(
        Membership, and_(Membership.table_id == Clause.table_id, Membership.user_id == bindparam("user_id"))
    )
    .where(Clause.id == bindparam("clause_id"))
)


def clause_card(driver: Driver, actor: Actor, clause_id: int) -> ClauseCard:
    """A clause with its base text, in one query; 404 unless the caller may see it (as load_clause)."""
    row = driver.first(CLAUSE_CARD, {"user_id": actor.id, "clause_id": clause_id})
    if row is None:
        raise NotFound("No such clause.", code="clause_not_found")
    standing = Standing(user_id=actor.id, is_admin=actor.is_admin, side=row.side, role=row.role)
    shared = standing.is_party or standing.is_admin or row.members_see_passed
    if not standing.at_table or not (row.in_base or shared or row.signed):
        raise NotFound("No such clause.", code="clause_not_found")
    base = BaseText(row.text, row.content_hash) if row.base_version_id is not None else None
    return ClauseCard(
        row.id,
        row.table_id,
        row.article_id,
        row.number,
        row.heading,
        row.position,
        row.in_base,
        row.base_version_id,
        row.version,
        base_version=base,
    )
