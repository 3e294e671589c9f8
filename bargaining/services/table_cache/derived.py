"""A table's records and derived clause statuses, kept per worker for the newest revision read.

The TA summary (full and members' views, the members' page) and the whole-contract redline all
start from the same six statements (``load_records``) and ``derive_status`` over every clause:
two thirds of a cold summary. Right after a change each of them was recomputing it; kept here
under (table, revision, table row version), the first read of a revision pays and the others on
the same worker reuse it. One entry per table (a newer revision replaces it), eight tables.
The records are read after the revision, as the views' own derivation always did, so a kept
derivation is never older than its key. Consumers only read the records and statuses.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Hashable

from cachetools import LRUCache
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bargaining.domain.status import ClauseStatus, derive_status
from bargaining.kept import engine_of
from bargaining.services.records_loader import TableRecords, load_records
from bargaining.services.table_cache.revision import TableAtRevision

Derived = tuple[TableRecords, dict[int, ClauseStatus]]
Kept = LRUCache[int, tuple[Hashable, Derived]]
# One store per engine (per database: tests run many apps, each with its own, and the same ids).
_KEPT: weakref.WeakKeyDictionary[Engine, Kept] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _store(session: Session) -> Kept:
    """The kept derivations of the session's database."""
    engine = engine_of(session)
    with _LOCK:
        return _KEPT.setdefault(engine, LRUCache(maxsize=8))


def derived_at(session: Session, at: TableAtRevision) -> Derived:
    """The table's records and statuses at the caller's revision: kept, or loaded and derived."""
    key = (at.revision, at.table.version)
    kept = _store(session)
    with _LOCK:
        found = kept.get(at.table.id)
    if found is not None and found[0] == key:
        return found[1]
    records = load_records(session, at.table.id)
    statuses = derive_status(records.clause_records, records.proposals, records.items, records.tas)
    with _LOCK:
        kept[at.table.id] = (key, (records, statuses))
    return records, statuses


def forget() -> None:
    """Drop every kept derivation (measuring the cold path)."""
    with _LOCK:
        for kept in _KEPT.values():
            kept.clear()
