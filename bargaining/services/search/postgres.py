"""PostgreSQL's side of a search: ranking in the RUM index where there is one, matching by index.

With the RUM index (migration 0014) the engine keeps each word's positions in the index and
returns matches already ordered by its cover-density distance, so a page of the best 20 costs
the same whether a word is in 20 documents or in 7,000; without it each match's vector is read
and ranked (ts_rank_cd), which grows with the matches.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, Engine, Float, bindparam, func, literal_column, text
from sqlalchemy.orm import Session, aliased

from bargaining.kept import engine_of
from bargaining.models import SearchDocument
from bargaining.models.search import MATCHING, MATCHING_COLUMNS

REGCONFIG: ColumnElement[Any] = literal_column("'english'::regconfig")
_RUM_SCHEMA: WeakKeyDictionary[Engine, str | None] = WeakKeyDictionary()
# Counting a broad word's matches (10-15 ms) runs beside the page and its snippets, on a
# connection of its own, so a search waits for the longer of the two rather than their sum.
_COUNTERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-count")
_FOUND = text(
    "SELECT extnamespace::regnamespace::text FROM pg_extension "
    "WHERE extname = 'rum' AND to_regclass('ix_search_documents_rum') IS NOT NULL"
)


def rum_schema(session: Session) -> str | None:
    """The schema of the rum extension if this database has the RUM index (asked once per engine)."""
    engine = engine_of(session)
    if engine not in _RUM_SCHEMA:
        found = session.scalar(_FOUND)
        _RUM_SCHEMA[engine] = None if found is None else str(found)
    return _RUM_SCHEMA[engine]


def tsquery() -> ColumnElement[Any]:
    """The compiled query as a PostgreSQL tsquery."""
    return func.to_tsquery(REGCONFIG, bindparam("q"))


def tsv() -> ColumnElement[Any]:
    """The indexed vector of a search document."""
    return literal_column("search_documents.tsv")


def distance(schema: str) -> ColumnElement[float]:
    """RUM's distance of a document to the query (smaller is better): what its index orders by."""
    return tsv().op(f"OPERATOR({schema}.<=>)", return_type=Float)(tsquery())


def matching() -> Any:
    """The matching documents' visibility columns, read once through the index, as a SearchDocument alias."""
    found = getattr(func, MATCHING)(tsquery()).table_valued(*MATCHING_COLUMNS).render_derived(name="matched")
    return aliased(SearchDocument, found, adapt_on_names=True)


def count_beside(session: Session, statement: Any, params: dict[str, Any]) -> Future[int]:
    """Start counting on a connection of the session's engine, beside what the session reads."""
    return _COUNTERS.submit(_count, engine_of(session), statement, dict(params))


def _count(engine: Engine, statement: Any, params: dict[str, Any]) -> int:
    """Run a count on a pooled connection of its own."""
    with engine.connect() as conn:
        return int(conn.scalar(statement, params) or 0)
