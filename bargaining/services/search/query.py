"""Running a search: the engine's match, the caller's visibility, filters, rank and snippet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    true,
)
from sqlalchemy.orm import Session, aliased

from bargaining.domain.access import Actor, Role
from bargaining.domain.records import ProposalState, TAState
from bargaining.domain.search import query as language
from bargaining.models import (
    Article,
    BargainingTable,
    Clause,
    Membership,
    Proposal,
    SearchDocument,
    TAItem,
    TentativeAgreement,
)

PARTY_ROLES = (Role.NEGOTIATOR, Role.RECORDER, Role.OBSERVER)
SNIPPET_WORDS = 24
D = SearchDocument
P = aliased(Proposal)
FTS = table("search_fts")
HEADLINE = (
    "StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


@dataclass(frozen=True, slots=True)
class Filters:
    """What the caller narrowed the search to."""

    table_id: int | None = None
    kinds: tuple[str, ...] = ()
    side: str | None = None
    status: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def search(
    session: Session, actor: Actor, raw_query: str, filters: Filters, first: int, size: int
) -> tuple[int, list[Any]]:
    """Count the caller's matches and return one page of them, best first, with snippets."""
    parsed = language.parse(raw_query)
    postgres = session.get_bind().dialect.name == "postgresql"
    compiled = language.to_tsquery(parsed) if postgres else language.to_fts5(parsed)
    base = _matching(postgres).where(_visible(actor), *_narrowed(filters))
    params = {"q": compiled, "user_id": actor.id}
    total = session.scalar(select(func.count()).select_from(base.subquery()), params) or 0
    if not total or first >= total:
        return int(total), []
    page = _page(base, postgres).limit(size).offset(first)
    return int(total), list(session.execute(page, params))


def _matching(postgres: bool) -> Select[Any]:
    """Index rows that match the query, with the caller's seat at their table."""
    stmt = select(D.id).select_from(D)
    if postgres:
        stmt = stmt.where(literal_column("search_documents.tsv").op("@@")(_tsquery()))
    else:
        stmt = stmt.join(FTS, literal_column("search_fts.rowid") == D.id).where(
            literal_column("search_fts").op("MATCH")(bindparam("q"))
        )
    seat = and_(Membership.table_id == D.table_id, Membership.user_id == bindparam("user_id"))
    return (
        stmt.join(BargainingTable, BargainingTable.id == D.table_id)
        .outerjoin(Membership, seat)
        .outerjoin(P, P.id == D.proposal_id)
    )


def _tsquery() -> ColumnElement[Any]:
    """The compiled query as a PostgreSQL tsquery."""
    return func.to_tsquery(literal_column("'english'::regconfig"), bindparam("q"))


def _visible(actor: Actor) -> ColumnElement[bool]:
    """What the caller may read: a side's drafts to that side, members what the table shares."""
    passed = or_(P.id.is_(None), P.state != ProposalState.DRAFT)
    own = and_(Membership.role.in_(PARTY_ROLES), P.side == Membership.side)
    party = or_(passed, own)
    if actor.is_admin:
        return party
    member = and_(Membership.role == Role.MEMBER, _member_view(passed))
    return or_(and_(Membership.role.in_(PARTY_ROLES), party), member)


def _member_view(passed: ColumnElement[bool]) -> ColumnElement[bool]:
    """What members read: base text, signed TAs, and passed proposals if the table shares them."""
    shared = and_(BargainingTable.members_see_passed == true(), passed)
    agreed = exists().where(
        TAItem.version_id == D.version_id,
        TentativeAgreement.id == TAItem.ta_id,
        TentativeAgreement.state == TAState.SIGNED,
    )
    return case(
        (D.kind == "ta", D.status == TAState.SIGNED.value),
        (D.kind == "version", or_(D.side == "base", shared, agreed)),
        (D.kind.in_(("article", "clause")), or_(P.id.is_(None), shared)),
        (D.kind == "proposal", shared),
        else_=false(),
    )


def _narrowed(filters: Filters) -> list[ColumnElement[bool]]:
    """The filters the caller chose."""
    out: list[ColumnElement[bool]] = []
    if filters.table_id is not None:
        out.append(D.table_id == filters.table_id)
    if filters.kinds:
        out.append(D.kind.in_(filters.kinds))
    if filters.side is not None:
        out.append(D.side == filters.side)
    if filters.status is not None:
        out.append(D.status == filters.status)
    if filters.since is not None:
        out.append(D.at >= filters.since)
    if filters.until is not None:
        out.append(D.at < filters.until)
    return out


def _page(base: Select[Any], postgres: bool) -> Select[Any]:
    """The matches best first, with what a hit shows."""
    if postgres:
        score = func.ts_rank_cd(literal_column("search_documents.tsv"), _tsquery(), 1)
        text_of = case((D.body == "", D.title), else_=D.body)
        snippet = func.ts_headline(literal_column("'english'::regconfig"), text_of, _tsquery(), HEADLINE)
        order = score.desc()
    else:
        score = func.bm25(literal_column("search_fts"), 4.0, 1.0)
        snippet = func.snippet(literal_column("search_fts"), -1, "\x02", "\x03", "…", SNIPPET_WORDS)
        order = score.asc()
    a, c = aliased(Article), aliased(Clause)
    return (
        base.with_only_columns(D, score.label("score"), snippet.label("snippet"))
        .add_columns(BargainingTable.title.label("table_title"))
        .add_columns(a.number.label("article_number"), a.title.label("article_title"))
        .add_columns(c.number.label("clause_number"), c.heading.label("clause_heading"))
        .add_columns(P.label.label("proposal_label"), P.state.label("proposal_state"))
        .outerjoin(c, c.id == D.clause_id)
        .outerjoin(a, a.id == func.coalesce(D.article_id, c.article_id))
        .order_by(order, D.id)
    )
