"""The board's derived statuses, kept per table and brought forward by the events numbered since.

A full derivation reads the whole table's records (six statements; ~9,000 items and 700 proposals on
the 1,500-clause table) and derives every clause. Right after a change only a few clauses moved,
and the events numbered since the kept revision name their objects (a proposal, a TA, a clause, an
article). A clause's status depends on its own records only (its items and their proposals, the
TAs on it and their packages), so the kept state is brought forward by re-reading and re-deriving
only the clauses (and articles) those objects touch, and merging them in board order. Anything
else is a full derivation: an event this module does not know, a gap in the numbers, a kept
revision the database no longer has (a restore: its event's time differs), a state too far behind,
a reader older than the kept state. Statements stay constant: the events (1), what they touch (1),
those clauses' records (6).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache
from sqlalchemy import BindParameter, CompoundSelect, bindparam, null, or_, select, union_all
from sqlalchemy.orm import Session

from bargaining.domain.records import TARecord
from bargaining.domain.status import ClauseStatus, derive_status
from bargaining.models import (
    Article,
    AuditEvent,
    Clause,
    ProposalItem,
    TableEvent,
    TAItem,
    TentativeAgreement,
)
from bargaining.services.board_changes import Touched, touched_by
from bargaining.services.records_loader import ArticleRow, ClauseRow, TableRecords, load_records
from bargaining.services.table_cache.revision import Revision

MAX_BEHIND = 64  # events; further behind, a full derivation is as cheap and simpler


@dataclass(frozen=True, slots=True)
class Derived:
    """A table's articles and clauses in board order, its TAs and every clause's status, at a revision."""

    revision: Revision
    articles: tuple[ArticleRow, ...]
    clauses: tuple[ClauseRow, ...]
    statuses: Mapping[int, ClauseStatus]
    tas: tuple[TARecord, ...]


class DerivedStore:
    """The newest derived state per table (a bounded LRU of tables), thread-safe."""

    def __init__(self, max_tables: int = 16) -> None:
        """Start empty."""
        self._held: LRUCache[int, Derived] = LRUCache(maxsize=max_tables)
        self._lock = threading.Lock()
        self.full = 0
        self.incremental = 0

    def get(self, table_id: int) -> Derived | None:
        """The kept state of a table, if any."""
        with self._lock:
            return self._held.get(table_id)

    def keep(self, table_id: int, derived: Derived, *, incremental: bool) -> None:
        """Keep a state unless a newer one is held (a slow reader never replaces a newer state)."""
        with self._lock:
            self.incremental += int(incremental)
            self.full += int(not incremental)
            held = self._held.get(table_id)
            if held is None or held.revision[0] <= derived.revision[0]:
                self._held[table_id] = derived

    def clear(self) -> None:
        """Forget every table and reset the counters."""
        with self._lock:
            self._held.clear()
            self.full = self.incremental = 0


_EVENTS = (
    select(TableEvent.seq, AuditEvent.at, AuditEvent.action, AuditEvent.object_id)
    .join(AuditEvent, AuditEvent.id == TableEvent.audit_id)
    .where(TableEvent.table_id == bindparam("table_id"))
    .where(TableEvent.seq.between(bindparam("since"), bindparam("upto")))
    .order_by(TableEvent.seq)
)
_P: BindParameter[list[int]] = bindparam("proposal_ids", expanding=True)
_T: BindParameter[list[int]] = bindparam("ta_ids", expanding=True)
_C: BindParameter[list[int]] = bindparam("clause_ids", expanding=True)
_A: BindParameter[list[int]] = bindparam("article_ids", expanding=True)
_CLAUSES_TOUCHED: CompoundSelect[Any] = union_all(
    select(ProposalItem.clause_id).where(ProposalItem.proposal_id.in_(_P)),
    select(Clause.id).where(Clause.added_by_proposal_id.in_(_P)),
    select(TAItem.clause_id).where(TAItem.ta_id.in_(_T)),
    select(ProposalItem.clause_id)
    .join(TentativeAgreement, TentativeAgreement.package_proposal_id == ProposalItem.proposal_id)
    .where(TentativeAgreement.id.in_(_T)),
    select(Clause.id).where(Clause.id.in_(_C)),
)
_ARTICLES_TOUCHED: CompoundSelect[Any] = union_all(
    select(Article.id).where(Article.id.in_(_A)),
    select(Article.id).where(Article.added_by_proposal_id.in_(_P)),
    select(ProposalItem.article_id).where(ProposalItem.proposal_id.in_(_P)),
    select(Clause.article_id).where(Clause.id.in_(_CLAUSES_TOUCHED)),
)
# One statement: (clause, its article) for every clause of a touched article (a clause added or
# moved may shift its siblings' positions), (None, article) for every touched article.
_TOUCHED: CompoundSelect[Any] = union_all(
    select(Clause.id, Clause.article_id).where(
        Clause.table_id == bindparam("table_id"),
        or_(Clause.id.in_(_CLAUSES_TOUCHED), Clause.article_id.in_(_ARTICLES_TOUCHED)),
    ),
    select(null(), Article.id).where(
        Article.table_id == bindparam("table_id"), Article.id.in_(_ARTICLES_TOUCHED)
    ),
)


def board_state(session: Session, table_id: int, revision: Revision, store: DerivedStore | None) -> Derived:
    """The table's derived state at (at least) revision: brought forward from the kept one, or full."""
    held = store.get(table_id) if store is not None else None
    if held is not None and held.revision == revision:
        return held
    changed = _changes(session, table_id, held, revision) if held is not None else None
    if held is not None and changed is not None:
        derived, incremental = _forward(session, table_id, held, changed, revision), True
    else:
        derived, incremental = _from_records(revision, load_records(session, table_id)), False
    if store is not None:
        store.keep(table_id, derived, incremental=incremental)
    return derived


def _from_records(revision: Revision, records: TableRecords) -> Derived:
    """A full derivation's state."""
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    return Derived(revision, tuple(records.articles), tuple(records.clauses), statuses, tuple(records.tas))


def _changes(session: Session, table_id: int, held: Derived, revision: Revision) -> Touched | None:
    """What the events since the kept revision touch; None if only a full derivation will do."""
    since, upto = held.revision[0], revision[0]
    if not 0 <= since < upto or upto - since > MAX_BEHIND:
        return None
    params = {"table_id": table_id, "since": max(since, 1), "upto": upto}
    rows = session.execute(_EVENTS, params).all()
    if since > 0:
        if not rows or rows[0].seq != since or rows[0].at != held.revision[1]:
            return None  # the kept revision is not this database's any more
        rows = rows[1:]
    if [r.seq for r in rows] != list(range(since + 1, upto + 1)):
        return None
    return touched_by([(r.action, r.object_id) for r in rows])


def _forward(session: Session, table_id: int, held: Derived, changed: Touched, revision: Revision) -> Derived:
    """The kept state with the touched clauses and articles re-read and re-derived."""
    if changed.is_empty:
        return Derived(revision, held.articles, held.clauses, held.statuses, held.tas)
    params: dict[str, Any] = {"table_id": table_id, **changed.params()}
    pairs = session.execute(_TOUCHED, params).all()
    clause_ids = {cid for cid, _ in pairs if cid is not None}
    article_ids = {aid for _, aid in pairs if aid is not None}
    if not clause_ids and not article_ids:
        return Derived(revision, held.articles, held.clauses, held.statuses, held.tas)
    records = load_records(session, table_id, clause_ids=clause_ids, article_ids=article_ids)
    statuses = {cid: s for cid, s in held.statuses.items() if cid not in clause_ids}
    statuses.update(derive_status(records.clause_records, records.proposals, records.items, records.tas))
    clauses = [c for c in held.clauses if c.id not in clause_ids] + records.clauses
    articles = [a for a in held.articles if a.id not in article_ids] + records.articles
    return Derived(
        revision,
        tuple(sorted(articles, key=lambda a: (a.position, a.id))),
        tuple(sorted(clauses, key=lambda c: (c.article_id, c.position, c.id))),
        statuses,
        _merged_tas(held.tas, records.tas, changed.tas),
    )


def _merged_tas(held: tuple[TARecord, ...], loaded: list[TARecord], named: set[int]) -> tuple[TARecord, ...]:
    """The kept TAs with those the events named (or new ones) as re-read, by id.

    A re-read TA named by an event comes whole: every clause it covers was touched. One merely on a
    touched clause comes with those clauses' items only, and has not changed: the kept one stays."""
    by_id = {ta.id: ta for ta in held}
    by_id.update((ta.id, ta) for ta in loaded if ta.id in named or ta.id not in by_id)
    return tuple(by_id[k] for k in sorted(by_id))
