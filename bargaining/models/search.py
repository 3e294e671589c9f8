"""The search index: one row per searchable object, kept current in the writing transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bargaining.models.base import Base, utcnow


class SearchDocument(Base):
    """A searchable object's title and text, with what visibility and display need.

    The engines' own indexes sit beside it: an FTS5 table kept by triggers on SQLite, a tsvector
    column with a GIN index on PostgreSQL (both made by migration 0009, not by this mapping), or
    a RUM index where the server has the extension (migration 0014).
    """

    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_table_kind", "table_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column()
    table_id: Mapped[int] = mapped_column(ForeignKey("bargaining_tables.id"))
    article_id: Mapped[int | None] = mapped_column(default=None)
    clause_id: Mapped[int | None] = mapped_column(default=None)
    version_id: Mapped[int | None] = mapped_column(default=None)
    proposal_id: Mapped[int | None] = mapped_column(default=None)
    side: Mapped[str | None] = mapped_column(String(10), default=None)
    status: Mapped[str | None] = mapped_column(String(20), default=None)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


FTS_TABLE = "search_fts"
TSV_COLUMN = "tsv"
GIN_INDEX = "ix_search_documents_tsv"
RUM_INDEX = "ix_search_documents_rum"
MATCHING = "search_matching"


def engine_ddl(dialect: str) -> list[str]:
    """The DDL of the engine's own index beside search_documents (FTS5, or tsvector + GIN)."""
    if dialect == "postgresql":
        return [
            f"ALTER TABLE search_documents ADD COLUMN {TSV_COLUMN} tsvector",
            f"CREATE INDEX ix_search_documents_tsv ON search_documents USING gin ({TSV_COLUMN})",
        ]
    return [
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, content='search_documents', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
        "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
        "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END",
    ]


def drop_engine_ddl(dialect: str) -> list[str]:
    """Undo engine_ddl."""
    if dialect == "postgresql":
        return [
            "DROP INDEX IF EXISTS ix_search_documents_tsv",
            f"ALTER TABLE search_documents DROP COLUMN {TSV_COLUMN}",
        ]
    return [
        "DROP TRIGGER IF EXISTS search_documents_ai",
        "DROP TRIGGER IF EXISTS search_documents_ad",
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
    ]


def is_engine_object(name: str | None, type_: str) -> bool:
    """True for the engines' index objects, which the mapping leaves to the migration."""
    if name is None:
        return False
    return (
        name.startswith(FTS_TABLE)
        or (type_ == "column" and name == TSV_COLUMN)
        or name in (GIN_INDEX, RUM_INDEX)
    )


def rum_ddl(extension_schema: str) -> list[str]:
    """A RUM index beside the GIN index: it keeps positions, so a page ranks from the index.

    GIN stays for finding and counting every match: its posting lists read faster than RUM's,
    which carry positions (a two-word count: 8 ms against 14).
    """
    return [
        f"CREATE INDEX {RUM_INDEX} ON search_documents "
        f"USING rum ({TSV_COLUMN} {extension_schema}.rum_tsvector_ops)",
    ]


def drop_rum_ddl() -> list[str]:
    """Undo rum_ddl."""
    return [f"DROP INDEX IF EXISTS {RUM_INDEX}"]


MATCHING_COLUMNS = ("id", "kind", "table_id", "version_id", "proposal_id", "side", "status", "at")


def matching_ddl() -> str:
    """A function returning the matching documents' visibility columns, read through the text index.

    PostgreSQL's planner costs `tsv @@ query` like comparing two integers, so for a word in half
    the documents it reads every row's vector (48 ms here) rather than the index (6 ms); the
    function's own setting tells it otherwise, for this statement only. It returns what
    visibility and the filters read, so a count reads each matching row once.
    """
    return (
        "CREATE OR REPLACE FUNCTION search_matching(query tsquery) RETURNS TABLE (id integer, "
        "kind varchar, table_id integer, version_id integer, proposal_id integer, side varchar, "
        "status varchar, at timestamptz) LANGUAGE sql STABLE ROWS 5000 SET enable_seqscan = off "
        "AS $$ SELECT id, kind, table_id, version_id, proposal_id, side, status, at "
        "FROM search_documents WHERE tsv @@ query $$"
    )
