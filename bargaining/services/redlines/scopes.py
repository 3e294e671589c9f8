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

Word diffs go through ``redline_cache`` (keyed by the two texts' content hashes); whole clause
redlines are also kept, under the table's revision and the caller's standing (see
``clause_redline``). Documents load in a constant number of queries: the table and the caller's
seat, ``load_records``, and one query for every version text needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from cachetools import LRUCache
from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.direct import Driver
from bargaining.domain.access import Actor
from bargaining.domain.errors import Invalid, NotFound
from bargaining.domain.records import ClauseStatusKind
from bargaining.domain.status import ClauseStatus, derive_status
from bargaining.models import Article, Clause, ClauseVersion
from bargaining.services.access import load_table
from bargaining.services.articles import visible_added
from bargaining.services.clause_records import ClauseContext, read_clause_context
from bargaining.services.records_loader import ArticleRow, ClauseRow, TableRecords, load_records
from bargaining.services.redlines.cache import cached_full
from bargaining.services.redlines.documents import document_redline
from bargaining.services.redlines.refs import (
    Pick,
    Version,
    Viewer,
    offered_by_ta,
    parse_ref,
    pick_language,
    read_versions,
)
from bargaining.services.redlines.views import (
    BASELINES,
    ClauseRedline,
    DocumentRedline,
    End,
    table_info,
)
from bargaining.services.table_cache.derived import derived_at
from bargaining.services.table_cache.revision import TableAtRevision, load_table_revision
from bargaining.services.visibility import member_version_filter

# Whole clause redlines of this process, keyed by clause, refs, table, revision and standing.
CLAUSE_REDLINES: LRUCache[tuple[Any, ...], ClauseRedline] = LRUCache(maxsize=4096)
_CACHE_LOCK = threading.Lock()


def _clause_context(
    session: Session, context: ClauseContext, clause_id: int
) -> tuple[Viewer, TableRecords, ClauseRow, ArticleRow, ClauseStatus]:
    """Load the clause's records and status; 404 unless the caller may see it."""
    missing = NotFound("No such clause.", code="clause_not_found")
    viewer = Viewer(context.table, context.standing)
    records = context.records(session)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    clause = next((c for c in records.clauses if c.id == clause_id), None)
    article = next((a for a in records.articles if clause and a.id == clause.article_id), None)
    if clause is None or article is None or not viewer.sees(clause, statuses[clause.id]):
        raise missing
    return viewer, records, clause, article, statuses[clause.id]


def _visible_versions(session: Session, viewer: Viewer, clause_id: int, ids: list[int]) -> set[int]:
    """Which of these version ids are versions of the clause the caller may read."""
    if not ids:
        return set()
    stmt = select(ClauseVersion.id).where(ClauseVersion.id.in_(ids), ClauseVersion.clause_id == clause_id)
    if not viewer.reads_all:
        stmt = stmt.where(member_version_filter(viewer.table))
    return set(session.scalars(stmt))


def _version_end(version: Version) -> End:
    """An End for an explicitly named version."""
    if version.author_side == "base":
        label = f"Version {version.id} (current contract)"
    else:
        label = f"Version {version.id} ({version.proposal_label or version.author_side})"
    return End(str(version.id), version.id, label, version.side, version.passed_at)


def clause_redline(
    driver: Driver,
    open_session: Callable[[], Session],
    actor: Actor,
    clause_id: int,
    old_ref: str,
    new_ref: str,
    *,
    ignore_whitespace: bool = True,
) -> ClauseRedline:
    """Redline one clause between two refs (version ids or keywords), from the cache when it can.

    A redline depends on the clause's record, the table and the caller's standing; the table's
    revision moves with every change at the table, so a redline cached under (refs, table,
    standing, revision) is exactly what recomputing it would give. Refusals are not cached. A hit
    runs one direct statement; only a miss opens the session.
    """
    context = read_clause_context(driver, actor, clause_id)
    standing = context.standing
    seat = (standing.is_admin, standing.side, standing.role)
    key = (clause_id, old_ref, new_ref, ignore_whitespace, context.table, context.revision, seat)
    with _CACHE_LOCK:
        found: ClauseRedline | None = CLAUSE_REDLINES.get(key)
    if found is not None:
        return found
    redline = _compute(open_session(), context, clause_id, old_ref, new_ref, ignore_whitespace)
    with _CACHE_LOCK:
        CLAUSE_REDLINES[key] = redline
    return redline


def _compute(
    session: Session,
    context: ClauseContext,
    clause_id: int,
    old_ref: str,
    new_ref: str,
    ignore_whitespace: bool,
) -> ClauseRedline:
    """Redline one clause between two refs, from the record."""
    viewer, records, clause, article, status = _clause_context(session, context, clause_id)
    refs = {"from": parse_ref(old_ref, "from"), "to": parse_ref(new_ref, "to")}
    picks: dict[str, Pick] = {}
    for field, ref in refs.items():
        if isinstance(ref, str):
            viewer.check_ref(ref, field)
            picks[field] = pick_language(ref, clause, status, offered_by_ta(records), field)
    explicit = [ref for ref in refs.values() if isinstance(ref, int)]
    visible = _visible_versions(session, viewer, clause.id, explicit)
    for field, ref in refs.items():
        if isinstance(ref, int) and ref not in visible:
            raise NotFound("No such version of this clause.", field=field, code="version_not_found")
    versions = read_versions(session, [*explicit, *(p.version_id for p in picks.values())])
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
    found = cached_full(texts["from"], texts["to"], ignore_whitespace=ignore_whitespace)
    signed = status.status is ClauseStatusKind.TENTATIVELY_AGREED and status.agreed is not None
    return ClauseRedline(
        table=table_info(viewer.table),
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
        ops=found.ops,
        coarse=found.coarse,
        agreed_label=status.ta_label if signed else None,
        agreed_at=status.agreed.at if signed and status.agreed is not None else None,
    )


# ---------------------------------------------------------------- articles and the whole contract


def table_redline(
    session: Session,
    actor: Actor,
    table_id: int,
    old_ref: str,
    new_ref: str,
    *,
    ignore_whitespace: bool = True,
    changes_only: bool = False,
) -> DocumentRedline:
    """Redline the whole contract between two baselines (constant queries)."""
    at = load_table_revision(session, actor, table_id)
    return table_redline_at(session, at, old_ref, new_ref, ignore_whitespace, changes_only)


def check_refs(at: TableAtRevision, old_ref: str, new_ref: str) -> None:
    """Refuse unknown baselines and positions the caller may not see, before any kept view is served."""
    viewer = Viewer(at.table, at.standing)
    for field, ref in (("from", old_ref), ("to", new_ref)):
        if ref not in BASELINES:
            raise Invalid(f"Give one of {', '.join(BASELINES)}.", field=field)
        viewer.check_ref(ref, field)


def table_redline_key(at: TableAtRevision, *args: object) -> tuple[object, ...]:
    """What a whole-contract redline depends on: the table, its revision, the caller's seat, the query."""
    return ("redline", at.table.id, at.stamp, *at.seat, *args)


def table_redline_at(
    session: Session,
    at: TableAtRevision,
    old_ref: str,
    new_ref: str,
    ignore_whitespace: bool,
    changes_only: bool,
) -> DocumentRedline:
    """The whole contract between two baselines, for a table already loaded with its revision."""
    state = derived_at(session, at)
    viewer = Viewer(at.table, at.standing)
    args = (old_ref, new_ref, ignore_whitespace, changes_only)
    return document_redline(session, viewer, state, None, *args, statuses=state.statuses)


def article_redline(
    session: Session,
    actor: Actor,
    article_id: int,
    old_ref: str,
    new_ref: str,
    *,
    ignore_whitespace: bool = True,
    changes_only: bool = False,
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
    viewer = Viewer(table, standing)
    clause_ids = list(session.scalars(select(Clause.id).where(Clause.article_id == article_id)))
    records = load_records(session, table.id, clause_ids=clause_ids, article_ids=[article_id])
    article = next((a for a in records.articles if a.id == article_id), None)
    if article is None:
        raise missing
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    seen = any(viewer.sees(c, statuses[c.id]) for c in records.clauses)
    if not (article.in_base or visible_added(standing, table) or seen):
        raise missing
    args = (old_ref, new_ref, ignore_whitespace, changes_only)
    return document_redline(session, viewer, records, article, *args, statuses=statuses)
