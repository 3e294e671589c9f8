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
SHARED_AUDIENCES = ("table", "members")
SNIPPET_WORDS = 24
WINDOW = 1200  # characters of a long text ts_headline reads (PostgreSQL)
D = SearchDocument
P = aliased(Proposal)
FTS = table("search_fts")
REGCONFIG: ColumnElement[Any] = literal_column("'english'::regconfig")
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
) -> tuple[int, list[Any], dict[int, str]]:
    """Count the caller's matches; return one page of them, best first, and their snippets."""
    parsed = language.parse(raw_query)
    postgres = session.get_bind().dialect.name == "postgresql"
    compiled = language.to_tsquery(parsed) if postgres else language.to_fts5(parsed)
    conditions = (_visible(actor), *_narrowed(filters))
    words = " ".join(w for term in parsed.required for w in term.words)
    params = {"q": compiled, "user_id": actor.id, "words": words}
    hits = _hits(postgres, scored=True)
    ranked = (
        _visible_hits(hits).add_columns(hits.c.score, func.count().over().label("total")).where(*conditions)
    )
    top = ranked.order_by(hits.c.score.desc(), D.id).limit(size).offset(first).subquery("top")
    rows = list(session.execute(_page(top), params))
    if not rows:  # nothing, or past the end: only a count says how many there are
        counted = _visible_hits(_hits(postgres, scored=False)).where(*conditions)
        return int(session.scalar(select(func.count()).select_from(counted.subquery()), params) or 0), [], {}
    total = rows[0].total
    ids = [row.SearchDocument.id for row in rows]
    snippets = {int(r[0]): str(r[1] or "") for r in session.execute(_snippets(postgres, ids), params)}
    return int(total), rows, snippets


def _hits(postgres: bool, scored: bool) -> Any:
    """The engine's matches (and, if scored, their relevance: higher is better), found by its index first.

    Scoring costs most of a search (bm25 or ts_rank_cd per match), so the count goes without it.
    """
    if postgres:
        tsv: ColumnElement[Any] = literal_column("search_documents.tsv")
        score = func.ts_rank_cd(tsv, _tsquery(), 1) if scored else literal_column("0")
        found = select(D.id.label("doc_id"), score.label("score")).where(tsv.op("@@")(_tsquery()))
        return found.cte("hits")
    rowid: ColumnElement[int] = literal_column("search_fts.rowid")
    score = -func.bm25(literal_column("search_fts"), 4.0, 1.0) if scored else literal_column("0")
    found = select(rowid.label("doc_id"), score.label("score")).select_from(FTS).where(_fts_match())
    return found.cte("hits").prefix_with("MATERIALIZED")


def _fts_match() -> ColumnElement[bool]:
    """The FTS5 MATCH of the compiled query."""
    return literal_column("search_fts").op("MATCH")(bindparam("q"))


def _visible_hits(hits: Any) -> Select[Any]:
    """The matches with their documents, tables, the caller's seat and the introducing proposal."""
    seat = and_(Membership.table_id == D.table_id, Membership.user_id == bindparam("user_id"))
    return (
        select(D.id)
        .select_from(hits)
        .join(D, D.id == hits.c.doc_id)
        .join(BargainingTable, BargainingTable.id == D.table_id)
        .outerjoin(Membership, seat)
        .outerjoin(P, P.id == D.proposal_id)
    )


def _tsquery() -> ColumnElement[Any]:
    """The compiled query as a PostgreSQL tsquery."""
    return func.to_tsquery(literal_column("'english'::regconfig"), bindparam("q"))


def _visible(actor: Actor) -> ColumnElement[bool]:
    """What the caller may read: a side's drafts to that side, members what the table shares."""
    passed = or_(P.id.is_(None), P.state != ProposalState.DRAFT)
    party_seat = Membership.role.in_(PARTY_ROLES)
    own_doc = and_(party_seat, D.side == Membership.side)
    party = or_(passed, and_(party_seat, P.side == Membership.side))
    shared_note = D.status.in_(SHARED_AUDIENCES)
    sides = case(
        (D.kind == "note", and_(party, or_(own_doc, shared_note))),
        (D.kind == "info_request", or_(D.status == "sent", own_doc)),
        else_=party,
    )
    if actor.is_admin:
        return case(
            (D.kind == "note", and_(passed, shared_note)),
            (D.kind == "info_request", D.status == "sent"),
            else_=passed,
        )
    member = and_(Membership.role == Role.MEMBER, _member_view(passed))
    return or_(and_(party_seat, sides), member)


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
        (D.kind == "note", and_(D.status == "members", or_(P.id.is_(None), shared))),
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


def _page(top: Any) -> Select[Any]:
    """One page of matches, best first, with what a hit shows (only the page's rows are widened)."""
    a, c, p = aliased(Article), aliased(Clause), aliased(Proposal)
    return (
        select(D, top.c.score, top.c.total)
        .select_from(top)
        .join(D, D.id == top.c.id)
        .join(BargainingTable, BargainingTable.id == D.table_id)
        .add_columns(BargainingTable.title.label("table_title"))
        .add_columns(a.number.label("article_number"), a.title.label("article_title"))
        .add_columns(c.number.label("clause_number"), c.heading.label("clause_heading"))
        .add_columns(p.label.label("proposal_label"), p.state.label("proposal_state"))
        .outerjoin(c, c.id == D.clause_id)
        .outerjoin(a, a.id == func.coalesce(D.article_id, c.article_id))
        .outerjoin(p, p.id == D.proposal_id)
        .order_by(top.c.score.desc(), D.id)
    )


def _windows(ids: list[int]) -> Any:
    """Each long text's passage around its first likely hit, cut at spaces, for ts_headline to mark.

    ts_headline parses the whole text it is given (about 10 ms for a 30 KB proposal), so a long
    text is cut to WINDOW characters around the first place a stem of the query's words occurs
    (the stem less a letter, so "polici" finds "policy"); with none found, the text's start.
    Materialized, so each text is searched once.
    """
    text_of = case((D.body == "", D.title), else_=D.body)
    lexemes = func.tsvector_to_array(func.to_tsvector(REGCONFIG, bindparam("words")))
    stem = func.unnest(lexemes).column_valued("stem")
    probe = func.left(stem, func.greatest(func.length(stem) - 1, 3))
    first = select(func.min(func.nullif(func.strpos(func.lower(text_of), probe), 0))).scalar_subquery()
    start = func.greatest(func.coalesce(first, 1) - WINDOW // 4, 1)
    found = select(D.id, text_of.label("text"), start.label("start")).where(D.id.in_(ids))
    return found.cte("found").prefix_with("MATERIALIZED")


def _passage(found: Any) -> ColumnElement[str]:
    """The passage of a found text: whole if short, else WINDOW characters without a cut word."""
    text_, start = found.c.text, found.c.start
    piece = func.substr(text_, start, WINDOW)
    head_cut = case((start > 1, func.regexp_replace(piece, r"^\S*\s+", "")), else_=piece)
    whole_tail = start + WINDOW > func.length(text_)
    tail_cut = case((whole_tail, head_cut), else_=func.regexp_replace(head_cut, r"\s+\S*$", ""))
    return case((func.length(text_) <= WINDOW, text_), else_=tail_cut)


def _snippets(postgres: bool, ids: list[int]) -> Select[Any]:
    """The marked snippet of each of these documents (computed for one page only)."""
    if postgres:
        found = _windows(ids)
        headline = func.ts_headline(REGCONFIG, _passage(found), _tsquery(), HEADLINE)
        return select(found.c.id, headline)
    rowid: ColumnElement[int] = literal_column("search_fts.rowid")
    snippet = func.snippet(literal_column("search_fts"), -1, "\x02", "\x03", "…", SNIPPET_WORDS)
    return select(rowid, snippet).select_from(FTS).where(_fts_match(), rowid.in_(ids))
