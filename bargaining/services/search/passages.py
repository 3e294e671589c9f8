"""The marked snippet of each hit on a page: FTS5's snippet(), or ts_headline over a short passage."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, case, func, literal_column, select, table

from bargaining.models import SearchDocument
from bargaining.services.search import postgres as pg

SNIPPET_WORDS = 24
WINDOW = 600  # characters of a long text ts_headline reads (PostgreSQL)
D = SearchDocument
FTS = table("search_fts")
HEADLINE = (
    "StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=12, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


@cache
def snippets(postgres: bool) -> Select[Any]:
    """The marked snippet of the documents `ids` (one page's), for the query `q` (built once)."""
    if postgres:
        found = _windows()
        headline = func.ts_headline(pg.REGCONFIG, _passage(found), pg.tsquery(), HEADLINE)
        return select(found.c.id, headline)
    rowid: ColumnElement[int] = literal_column("search_fts.rowid")
    snippet = func.snippet(literal_column("search_fts"), -1, "\x02", "\x03", "…", SNIPPET_WORDS)
    match = literal_column("search_fts").op("MATCH")(bindparam("q"))
    return select(rowid, snippet).select_from(FTS).where(match, rowid.in_(bindparam("ids", expanding=True)))


def _windows() -> Any:
    """Each long text's passage around its first likely hit, cut at spaces, for ts_headline to mark.

    ts_headline parses the whole text it is given (about 10 ms for a 30 KB proposal), so a long
    text is cut to WINDOW characters around the first place a stem of the query's words occurs
    (the stem less a letter, so "polici" finds "policy", in lower, capitalized or upper case:
    strpos, not a lower() of the whole text); with none found, the text's start. Materialized,
    so each text is searched once.
    """
    ids: Any = bindparam("ids", expanding=True)
    # A copy of each text, read (and decompressed) once: every later use of a stored value would
    # decompress it again (five uses, 22 KB each: 10 ms a page).
    copied = func.concat(case((D.body == "", D.title), else_=D.body), "")
    texts = select(D.id, copied.label("text")).where(D.id.in_(ids)).cte("texts").prefix_with("MATERIALIZED")
    text_of = texts.c.text
    lexemes = func.tsvector_to_array(func.to_tsvector(pg.REGCONFIG, bindparam("words")))
    stem = func.unnest(lexemes).column_valued("stem")
    probe = func.left(stem, func.greatest(func.length(stem) - 1, 3))
    spellings = (probe, func.initcap(probe), func.upper(probe))
    at = func.least(*(func.nullif(func.strpos(text_of, spelled), 0) for spelled in spellings))
    first = select(func.min(at)).scalar_subquery()
    start = func.greatest(func.coalesce(first, 1) - WINDOW // 4, 1)
    found = (
        select(texts.c.id, text_of.label("text"), start.label("start"))
        .cte("found")
        .prefix_with("MATERIALIZED")
    )
    reach = func.substr(found.c.text, found.c.start, WINDOW + 1)  # one walk through the text
    whole_tail = func.length(reach) <= WINDOW
    columns = (
        found.c.id,
        func.left(reach, WINDOW).label("piece"),
        found.c.start,
        whole_tail.label("whole_tail"),
    )
    return select(*columns).cte("pieces").prefix_with("MATERIALIZED")


def _passage(found: Any) -> ColumnElement[str]:
    """The passage of a found text: whole if short, else WINDOW characters without a cut word."""
    piece, start = found.c.piece, found.c.start
    head_cut = case((start > 1, func.regexp_replace(piece, r"^\S*\s+", "")), else_=piece)
    return case((found.c.whole_tail, head_cut), else_=func.regexp_replace(head_cut, r"\s+\S*$", ""))
