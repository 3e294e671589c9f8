"""A table's derived state at a revision, one store per database per worker, shared by every view.

The status board, the TA summary (full and members' views), the members' page and the
whole-contract redline all start from the same state: the table's articles and clauses in board
order, its TAs and every clause's status (``board_state.Derived``). It is kept per table and
brought forward by the events numbered since (``board_state``), so the first of them to read a
new revision on a worker re-derives only the clauses the change touched (8 statements), not the
whole table (six statements over ~9,000 items and a derivation of 1,500 clauses), and the others
read it as kept. One store per engine: tests run many databases with the same ids.
"""

from __future__ import annotations

import threading
import weakref

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bargaining.kept import engine_of
from bargaining.services.board_state import Derived, DerivedStore, board_state
from bargaining.services.table_cache.revision import TableAtRevision

_STORES: weakref.WeakKeyDictionary[Engine, DerivedStore] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def store_for(engine: Engine) -> DerivedStore:
    """The derived states kept for a database."""
    with _LOCK:
        return _STORES.setdefault(engine, DerivedStore())


def derived_at(session: Session, at: TableAtRevision) -> Derived:
    """The table's derived state at (at least) the caller's revision: kept, brought forward or full."""
    return board_state(session, at.table.id, at.revision, store_for(engine_of(session)))


def forget() -> None:
    """Drop every kept state and reset the counters (ids restart; measuring the cold path)."""
    with _LOCK:
        stores = list(_STORES.values())
    for store in stores:
        store.clear()
