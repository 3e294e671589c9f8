"""Redlines of a clause, a proposal, an article or the whole contract, between any two baselines.

A clause is compared between two *refs*: a version id, ``base`` (the current contract),
``union`` / ``employer`` (that side's current position from the status derivation: a deletion is
empty text, the status quo is the base text), ``ta`` (the signed TA's agreed text) or
``tentative`` (the signed TA's text where there is one, else the base). Articles and the whole
contract are compared between the baselines ``base``, ``union``, ``employer`` and ``tentative``:
each is a document of the clauses present in it (a deletion leaves the clause out), aligned by
clause id with ``contract_diff.diff_documents`` so added, deleted, renumbered and moved clauses
show as such. Proposals show each item against the text it changes.

Who sees what follows the status board: positions (``union``/``employer``) only for the sides'
people, administrators, and members of a table that shares passed proposals; added clauses as on
the board; a version id only if the caller may read that version (else 404). Drafts never form a
position, and versions exist only from the pass, so another side's draft never shows.

Word diffs go through ``redline_cache`` (keyed by the two texts' content hashes), and documents
load in a constant number of queries: the table and the caller's seat, ``load_records``, and one
query for every version text needed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Standing
from bargaining.domain.contract_diff import ChangeKind, ClauseDiff, DocClause, diff_documents
from bargaining.domain.errors import Forbidden, Invalid, NotFound
from bargaining.domain.records import ClauseStatusKind, Side
from bargaining.domain.redline import Op, stats
from bargaining.domain.render import documents_summary, summary, to_html, to_markdown, to_text
from bargaining.domain.status import ClauseStatus, Position, derive_status
from bargaining.models import Article, Clause, ClauseVersion, Proposal, ProposalItem, User
from bargaining.services.access import TableFacts, load_table
from bargaining.services.articles import visible_added
from bargaining.services.clause_records import load_clause_context
from bargaining.services.records_loader import ArticleRow, ClauseRow, TableRecords, load_records
from bargaining.services.redline_cache import cached_redline
from bargaining.services.visibility import member_version_filter

CLAUSE_REFS = ("base", "union", "employer", "ta", "tentative")
BASELINES = ("base", "union", "employer", "tentative")
MAX_ID = 2**31 - 1
Against = Literal["auto", "base", "answered"]
Format = Literal["html", "md", "text"]
CONTENT_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}
BASELINE_LABELS = {
    "base": "Current contract",
    "union": "Union position",
    "employer": "Employer position",
    "tentative": "Tentative contract",
}


@dataclass(frozen=True, slots=True)
class TableInfo:
    """The table a redline belongs to, as a document header names it."""

    id: int
    title: str
    union_name: str
    employer_name: str


@dataclass(frozen=True, slots=True)
class End:
    """One side of a clause redline: what was asked for and whose language it is."""

    ref: str
    version_id: int | None
    label: str
    side: Side | None
    at: datetime | None


def _op_dicts(ops: Iterable[Op]) -> list[dict[str, str]]:
    """Ops in their JSON form (``old`` only when set)."""
    return [op.to_dict() for op in ops]


@dataclass(frozen=True)
class ClauseRedline:
    """One clause between two refs."""

    table: TableInfo
    clause_id: int
    article_id: int
    article_number: str
    article_title: str
    article_kind: str
    number: str
    heading: str
    old: End
    new: End
    ignore_whitespace: bool
    ops: tuple[Op, ...]

    @property
    def op_dicts(self) -> list[dict[str, str]]:
        """The ops as JSON."""
        return _op_dicts(self.ops)

    @property
    def summary(self) -> dict[str, Any]:
        """Words inserted and deleted, and whether anything changed."""
        return summary(self.ops)


@dataclass(frozen=True)
class DocumentClause:
    """One clause of an article or contract redline."""

    clause_id: int
    article_id: int
    article_number: str
    article_title: str
    article_kind: str
    old_number: str | None
    new_number: str | None
    heading: str
    change: ChangeKind
    author_side: Side | None
    authored_at: datetime | None
    ops: list[Op]

    @property
    def op_dicts(self) -> list[dict[str, str]]:
        """The ops as JSON."""
        return _op_dicts(self.ops)

    @property
    def summary(self) -> dict[str, Any]:
        """Words inserted and deleted, and whether anything changed."""
        return summary(self.ops)


@dataclass(frozen=True, slots=True)
class Baseline:
    """A document baseline and how it is named."""

    ref: str
    label: str


@dataclass(frozen=True)
class DocumentRedline:
    """An article or the whole contract between two baselines."""

    table: TableInfo
    article: ArticleRow | None
    old: Baseline
    new: Baseline
    ignore_whitespace: bool
    clauses: list[DocumentClause]
    summary: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Viewer:
    """What the caller may see at the table."""

    table: TableFacts
    standing: Standing

    @property
    def reads_all(self) -> bool:
        """The sides' people and administrators read every passed version."""
        return self.standing.is_party or self.standing.is_admin

    @property
    def positions(self) -> bool:
        """Positions are shown to the sides, admins, and members if the table shares them."""
        return self.reads_all or self.table.members_see_passed

    def sees(self, clause: ClauseRow, status: ClauseStatus) -> bool:
        """Added clauses: only if shared with the caller or already tentatively agreed (as the board)."""
        return (
            clause.in_base
            or visible_added(self.standing, self.table)
            or status.status is ClauseStatusKind.TENTATIVELY_AGREED
        )

    def check_ref(self, ref: str, field: str) -> None:
        """Refuse a side's position to a member of a table that does not share them."""
        if ref in ("union", "employer") and not self.positions:
            raise Forbidden(
                "This table does not share passed proposals with members: compare base, ta or tentative.",
                field=field,
                code="positions_hidden",
            )


@dataclass(frozen=True, slots=True)
class _Pick:
    """The language a ref picks for a clause, before its text is read (version None: no text)."""

    version_id: int | None
    label: str
    side: Side | None
    at: datetime | None


@dataclass(frozen=True, slots=True)
class _Version:
    """A version's text and where it came from."""

    id: int
    clause_id: int
    text: str
    author_side: str
    proposal_label: str | None
    passed_at: datetime | None
    new_number: str | None
    new_heading: str | None

    @property
    def side(self) -> Side | None:
        """The side that wrote it (None for the current contract)."""
        return Side(self.author_side) if self.author_side in ("union", "employer") else None


def _table_info(table: TableFacts) -> TableInfo:
    """The table's names."""
    return TableInfo(table.id, table.title, table.union_name, table.employer_name)


_VERSIONS = (
    select(
        ClauseVersion.id,
        ClauseVersion.clause_id,
        ClauseVersion.text,
        ClauseVersion.author_side,
        Proposal.label,
        Proposal.passed_at,
        ProposalItem.new_number,
        ProposalItem.new_heading,
    )
    .outerjoin(Proposal, Proposal.id == ClauseVersion.proposal_id)
    .outerjoin(ProposalItem, ProposalItem.version_id == ClauseVersion.id)
    .where(ClauseVersion.id.in_(bindparam("ids", expanding=True)))
)


def _versions(session: Session, ids: Collection[int | None]) -> dict[int, _Version]:
    """Read the texts of these versions, with their proposal and item, in one query."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return {row[0]: _Version(*row) for row in session.connection().execute(_VERSIONS, {"ids": wanted})}


def _base_pick(clause: ClauseRow, label: str = "Current contract") -> _Pick:
    """The current contract's language (none for a clause not in it)."""
    if clause.in_base and clause.record.base_version_id is not None:
        return _Pick(clause.record.base_version_id, label, None, None)
    return _Pick(None, f"{label} (no such clause)", None, None)


def _language(clause: ClauseRow, position: Position) -> int | None:
    """The version a position means: None for a deletion, the base for the status quo."""
    if position.kind == "delete":
        return None
    if position.kind == "status_quo":
        return clause.record.base_version_id if clause.in_base else None
    return position.version_id


_SUFFIX = {"version": "", "delete": " — delete", "status_quo": " — status quo"}


def _position_pick(clause: ClauseRow, side: Side, position: Position) -> _Pick:
    """A side's current position on the clause."""
    name = side.value.capitalize()
    if position.proposal_label is None:
        label = f"{name} position: current contract (no proposal)"
    else:
        label = f"{name} position {position.proposal_label}{_SUFFIX[position.kind]}"
    return _Pick(_language(clause, position), label, side, position.at)


def _ta_pick(
    clause: ClauseRow, status: ClauseStatus, offered: Mapping[int, Side], prefix: str = ""
) -> _Pick | None:
    """The signed TA's language, or None when no signed TA covers the clause."""
    agreed = status.agreed
    if agreed is None or status.status is not ClauseStatusKind.TENTATIVELY_AGREED:
        return None
    offered_by = offered.get(status.ta_id) if status.ta_id is not None else None
    label = f"{prefix}{status.ta_label or 'TA'}{_SUFFIX[agreed.kind]}"
    # An agreed version is credited to the side that wrote it (filled in once it is read).
    side = None if agreed.kind == "version" else offered_by
    return _Pick(_language(clause, agreed), label, side, agreed.at)


def _pick(
    ref: str, clause: ClauseRow, status: ClauseStatus, offered: Mapping[int, Side], field: str
) -> _Pick:
    """Resolve a keyword ref for one clause."""
    if ref == "base":
        return _base_pick(clause)
    if ref in ("union", "employer"):
        side = Side(ref)
        return _position_pick(clause, side, status.union if side is Side.UNION else status.employer)
    found = _ta_pick(clause, status, offered, "Tentative contract: " if ref == "tentative" else "")
    if found is not None:
        return found
    if ref == "tentative":
        return _base_pick(clause, "Tentative contract: current contract")
    raise NotFound("No signed tentative agreement covers this clause.", field=field, code="no_signed_ta")


def _offered(records: TableRecords) -> dict[int, Side]:
    """TA id -> the side that offered it."""
    return {ta.id: ta.offered_by for ta in records.tas}


def _parse_ref(value: str, field: str) -> str | int:
    """A clause ref: a keyword, or a version id."""
    if value in CLAUSE_REFS:
        return value
    if value.isdecimal() and value.isascii():
        if 0 < int(value) <= MAX_ID:
            return int(value)
        raise NotFound("No such version of this clause.", field=field, code="version_not_found")
    raise Invalid(f"Give a version id or one of {', '.join(CLAUSE_REFS)}.", field=field)


def _clause_context(
    session: Session, actor: User, clause_id: int
) -> tuple[_Viewer, TableRecords, ClauseRow, ArticleRow, ClauseStatus]:
    """Load the clause's table, records and status; 404 unless the caller may see it."""
    missing = NotFound("No such clause.", code="clause_not_found")
    table, standing, records = load_clause_context(session, actor, clause_id)
    viewer = _Viewer(table, standing)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    clause = next((c for c in records.clauses if c.id == clause_id), None)
    article = next((a for a in records.articles if clause and a.id == clause.article_id), None)
    if clause is None or article is None or not viewer.sees(clause, statuses[clause.id]):
        raise missing
    return viewer, records, clause, article, statuses[clause.id]


def _visible_versions(session: Session, viewer: _Viewer, clause_id: int, ids: list[int]) -> set[int]:
    """Which of these version ids are versions of the clause the caller may read."""
    if not ids:
        return set()
    stmt = select(ClauseVersion.id).where(ClauseVersion.id.in_(ids), ClauseVersion.clause_id == clause_id)
    if not viewer.reads_all:
        stmt = stmt.where(member_version_filter(viewer.table))
    return set(session.scalars(stmt))


def _version_end(version: _Version) -> End:
    """An End for an explicitly named version."""
    if version.author_side == "base":
        label = f"Version {version.id} (current contract)"
    else:
        label = f"Version {version.id} ({version.proposal_label or version.author_side})"
    return End(str(version.id), version.id, label, version.side, version.passed_at)


def clause_redline(
    session: Session,
    actor: User,
    clause_id: int,
    old_ref: str,
    new_ref: str,
    *,
    ignore_whitespace: bool = True,
) -> ClauseRedline:
    """Redline one clause between two refs (version ids or keywords)."""
    viewer, records, clause, article, status = _clause_context(session, actor, clause_id)
    refs = {"from": _parse_ref(old_ref, "from"), "to": _parse_ref(new_ref, "to")}
    picks: dict[str, _Pick] = {}
    for field, ref in refs.items():
        if isinstance(ref, str):
            viewer.check_ref(ref, field)
            picks[field] = _pick(ref, clause, status, _offered(records), field)
    explicit = [ref for ref in refs.values() if isinstance(ref, int)]
    visible = _visible_versions(session, viewer, clause.id, explicit)
    for field, ref in refs.items():
        if isinstance(ref, int) and ref not in visible:
            raise NotFound("No such version of this clause.", field=field, code="version_not_found")
    versions = _versions(session, [*explicit, *(p.version_id for p in picks.values())])
    ends: dict[str, End] = {}
    texts: dict[str, str] = {}
    for field, ref in refs.items():
        if isinstance(ref, int):
            ends[field], texts[field] = _version_end(versions[ref]), versions[ref].text
            continue
        pick = picks[field]
        version = versions.get(pick.version_id) if pick.version_id is not None else None
        side = pick.side or (version.side if version is not None and ref != "base" else None)
        ends[field] = End(ref, pick.version_id, pick.label, side, pick.at)
        texts[field] = version.text if version is not None else ""
    ops = cached_redline(texts["from"], texts["to"], ignore_whitespace=ignore_whitespace)
    return ClauseRedline(
        table=_table_info(viewer.table),
        clause_id=clause.id,
        article_id=article.id,
        article_number=article.number,
        article_title=article.title,
        article_kind=article.kind,
        number=clause.number,
        heading=clause.heading,
        old=ends["from"],
        new=ends["to"],
        ignore_whitespace=ignore_whitespace,
        ops=ops,
    )


def rendered(redline: ClauseRedline, fmt: Format) -> tuple[str, str]:
    """The clause redline rendered as HTML, Markdown or plain text, with its content type."""
    renderers = {"html": to_html, "md": to_markdown, "text": to_text}
    return renderers[fmt](redline.ops), CONTENT_TYPES[fmt]


# ---------------------------------------------------------------- articles and the whole contract


@dataclass(frozen=True, slots=True)
class _Placed:
    """A clause and the language a baseline document gives it (a pick without a version: absent)."""

    clause: ClauseRow
    pick: _Pick


def _doc_pick(baseline: str, clause: ClauseRow, status: ClauseStatus, offered: Mapping[int, Side]) -> _Pick:
    """The clause's language in a baseline document."""
    if baseline == "tentative":
        return _ta_pick(clause, status, offered) or _base_pick(clause)
    return _pick(baseline, clause, status, offered, "from")


def _doc_clause(placed: _Placed, versions: dict[int, _Version], article: ArticleRow) -> DocClause | None:
    """A clause as diff_documents sees it, or None when the baseline leaves it out."""
    vid = placed.pick.version_id
    if vid is None or vid not in versions:
        return None
    version, clause = versions[vid], placed.clause
    return DocClause(
        key=str(clause.id),
        article=article.number,
        number=version.new_number or clause.number,
        heading=clause.heading if version.new_heading is None else version.new_heading,
        text=version.text,
    )


def diff_cached(old: list[DocClause], new: list[DocClause], *, ignore_whitespace: bool) -> list[ClauseDiff]:
    """diff_documents with the word diffs of clauses present on both sides taken from the cache."""
    # diff_documents pairs clauses by key before it looks at any text, so blanking the text of
    # clauses present on both sides leaves the alignment unchanged; their ops then come from the
    # cache and, as in diff_documents, a change of text makes the clause "changed".
    both = {c.key for c in old} & {c.key for c in new}
    olds, news = {c.key: c for c in old}, {c.key: c for c in new}

    def blank(clause: DocClause) -> DocClause:
        return replace(clause, text="") if clause.key in both else clause

    aligned = diff_documents(
        [blank(c) for c in old], [blank(c) for c in new], ignore_whitespace=ignore_whitespace
    )
    out: list[ClauseDiff] = []
    for diff in aligned:
        if diff.key not in both:
            out.append(diff)
            continue
        ops = list(
            cached_redline(olds[diff.key].text, news[diff.key].text, ignore_whitespace=ignore_whitespace)
        )
        out.append(replace(diff, ops=ops, change="changed" if stats(ops).changed else diff.change))
    return out


def _document(
    viewer: _Viewer,
    session: Session,
    records: TableRecords,
    articles: list[ArticleRow],
    refs: tuple[str, str],
    ignore_whitespace: bool,
) -> list[DocumentClause]:
    """Diff the chosen articles between two baselines, in article order."""
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    by_article: dict[int, list[ClauseRow]] = {}
    for clause in records.clauses:
        if viewer.sees(clause, statuses[clause.id]):
            by_article.setdefault(clause.article_id, []).append(clause)
    placed: tuple[list[_Placed], list[_Placed]] = ([], [])
    offered = _offered(records)
    article_of: dict[int, ArticleRow] = {}
    for article in articles:
        for clause in by_article.get(article.id, []):
            article_of[clause.id] = article
            for bucket, ref in zip(placed, refs, strict=True):
                bucket.append(_Placed(clause, _doc_pick(ref, clause, statuses[clause.id], offered)))
    versions = _versions(session, [p.pick.version_id for bucket in placed for p in bucket])
    docs = [
        [d for p in side if (d := _doc_clause(p, versions, article_of[p.clause.id])) is not None]
        for side in placed
    ]
    new_picks = {p.clause.id: p.pick for p in placed[1]}
    out = []
    # diff_documents puts a deleted clause after the last kept clause before it (maybe in another
    # article); clauses never change place here (a move is a clause deleted and its text added
    # elsewhere, reported under the new clause), so contract order is article, then clause position.
    order = {article.id: k for k, article in enumerate(articles)}
    rows = {p.clause.id: p.clause for p in placed[0]}
    diffs = diff_cached(docs[0], docs[1], ignore_whitespace=ignore_whitespace)
    diffs.sort(key=lambda d: (order[article_of[int(d.key)].id], rows[int(d.key)].position, int(d.key)))
    for diff in diffs:
        clause_id = int(diff.key)
        article, pick = article_of[clause_id], new_picks[clause_id]
        version = versions.get(pick.version_id) if pick.version_id is not None else None
        side = pick.side or (version.side if version is not None and refs[1] != "base" else None)
        out.append(
            DocumentClause(
                clause_id=clause_id,
                article_id=article.id,
                article_number=article.number,
                article_title=article.title,
                article_kind=article.kind,
                old_number=diff.old_number,
                new_number=diff.new_number,
                heading=diff.heading,
                change=diff.change,
                author_side=side,
                authored_at=pick.at,
                ops=diff.ops,
            )
        )
    return out


def _baseline(ref: str, table: TableFacts) -> Baseline:
    """Name a baseline for the header."""
    names = {"union": f" ({table.union_name})", "employer": f" ({table.employer_name})"}
    return Baseline(ref, BASELINE_LABELS[ref] + names.get(ref, ""))


def _document_redline(
    session: Session,
    viewer: _Viewer,
    records: TableRecords,
    article: ArticleRow | None,
    old_ref: str,
    new_ref: str,
    ignore_whitespace: bool,
) -> DocumentRedline:
    """Check the baselines, diff the document and summarize it."""
    for field, ref in (("from", old_ref), ("to", new_ref)):
        if ref not in BASELINES:
            raise Invalid(f"Give one of {', '.join(BASELINES)}.", field=field)
        viewer.check_ref(ref, field)
    articles = [article] if article is not None else records.articles
    clauses = _document(viewer, session, records, articles, (old_ref, new_ref), ignore_whitespace)
    counts = documents_summary(
        [ClauseDiff(str(c.clause_id), c.article_number, None, None, "", c.change, c.ops) for c in clauses]
    )
    return DocumentRedline(
        table=_table_info(viewer.table),
        article=article,
        old=_baseline(old_ref, viewer.table),
        new=_baseline(new_ref, viewer.table),
        ignore_whitespace=ignore_whitespace,
        clauses=clauses,
        summary=counts,
    )


def table_redline(
    session: Session,
    actor: User,
    table_id: int,
    old_ref: str,
    new_ref: str,
    *,
    ignore_whitespace: bool = True,
) -> DocumentRedline:
    """Redline the whole contract between two baselines (constant queries)."""
    table, standing = load_table(session, actor, table_id)
    records = load_records(session, table.id)
    return _document_redline(
        session, _Viewer(table, standing), records, None, old_ref, new_ref, ignore_whitespace
    )


def article_redline(
    session: Session,
    actor: User,
    article_id: int,
    old_ref: str,
    new_ref: str,
    *,
    ignore_whitespace: bool = True,
) -> DocumentRedline:
    """Redline one article between two baselines (constant queries)."""
    missing = NotFound("No such article.", code="article_not_found")
    table_id = session.scalar(select(Article.table_id).where(Article.id == article_id))
    if table_id is None:
        raise missing
    try:
        table, standing = load_table(session, actor, table_id)
    except NotFound:
        raise missing from None
    viewer = _Viewer(table, standing)
    clause_ids = list(session.scalars(select(Clause.id).where(Clause.article_id == article_id)))
    records = load_records(session, table.id, clause_ids=clause_ids, article_ids=[article_id])
    article = next((a for a in records.articles if a.id == article_id), None)
    if article is None:
        raise missing
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    seen = any(viewer.sees(c, statuses[c.id]) for c in records.clauses)
    if not (article.in_base or visible_added(standing, table) or seen):
        raise missing
    return _document_redline(session, viewer, records, article, old_ref, new_ref, ignore_whitespace)


# ---------------------------------------------------------------- proposals
