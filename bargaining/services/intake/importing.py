"""Importing the current contract from an upload: text, Markdown, Word or PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Conflict
from bargaining.domain.hashing import content_hash
from bargaining.domain.intake.document import Extracted
from bargaining.domain.intake.formats import read_upload
from bargaining.domain.intake.parse import ParsedContract, parse_contract
from bargaining.domain.intake.upload import Upload
from bargaining.models import Article, Clause, ClauseVersion
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_setup
from bargaining.services.clauses import BASE, check_text


@dataclass
class ImportResult:
    """What an import found (and, unless a dry run, wrote)."""

    dry_run: bool
    parsed: ParsedContract
    article_ids: list[int] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=lambda: {"format": "text"})

    @property
    def outline(self) -> list[dict[str, Any]]:
        """The parsed outline: articles with their clauses."""
        return [
            {
                "number": a.number,
                "title": a.title,
                "kind": a.kind,
                "line": a.line,
                "clauses": [
                    {"number": c.number, "heading": c.heading, "line": c.line, "chars": len(c.text)}
                    for c in a.clauses
                ],
            }
            for a in self.parsed.articles
        ]

    @property
    def counts(self) -> dict[str, int]:
        """Articles, clauses, unplaced and skipped lines."""
        return {
            "articles": len(self.parsed.articles),
            "clauses": sum(len(a.clauses) for a in self.parsed.articles),
            "unplaced": len(self.parsed.unplaced),
            "skipped": self.parsed.skipped,
        }

    @property
    def unplaced(self) -> list[dict[str, Any]]:
        """Lines the parser could not place."""
        return [{"line": n, "text": t} for n, t in self.parsed.unplaced]


def import_upload(
    session: Session, actor: Actor, table_id: int, upload: Upload, *, dry_run: bool, limit: int
) -> ImportResult:
    """Read an uploaded contract (any format) and import it as import_contract does."""
    load_importer(session, actor, table_id)
    extracted = read_upload(
        upload.data, filename=upload.filename, content_type=upload.content_type, tracked=upload.tracked
    )
    return import_contract(
        session, actor, table_id, extracted.text, dry_run=dry_run, limit=limit, read=extracted
    )


def load_importer(session: Session, actor: Actor, table_id: int) -> None:
    """Check that the caller may import a contract at this table (before any file is read)."""
    _table, standing = load_table(session, actor, table_id)
    require(standing.edits_base, "Only administrators and the sides' writers import a contract.")


def import_contract(
    session: Session,
    actor: Actor,
    table_id: int,
    text: str,
    *,
    dry_run: bool,
    limit: int,
    read: Extracted | None = None,
) -> ImportResult:
    """Parse a contract; unless a dry run, write its articles, clauses and base versions."""
    table, standing = load_table(session, actor, table_id)
    require(standing.edits_base, "Only administrators and the sides' writers import a contract.")
    read = read or Extracted(text, "text")
    parsed = parse_contract(text, paragraphs=read.paragraphs)
    result = ImportResult(dry_run=dry_run, parsed=parsed, source=read.source())
    if dry_run:
        return result
    require_setup(table, "importing a contract")
    if session.scalar(select(Article.id).where(Article.table_id == table_id).limit(1)):
        raise Conflict("This table already has a base contract.", code="base_exists")
    for article in parsed.articles:
        for clause in article.clauses:
            check_text(clause.text, limit)
    result.article_ids = _write(session, actor, table_id, parsed)
    detail = {
        **result.counts,
        "format": result.source["format"],
        "ocr_pages": result.source.get("ocr_pages", []),
    }
    audit.record(session, actor.id, "contract.imported", table, table_id=table_id, detail=detail)
    session.flush()
    return result


def _write(session: Session, actor: Actor, table_id: int, parsed: ParsedContract) -> list[int]:
    """Insert the parsed articles, clauses and versions; return the article ids."""
    outline = [
        BaseArticle(a.number, a.title, a.kind, [(c.number, c.heading, c.text) for c in a.clauses])
        for a in parsed.articles
    ]
    return [a.id for a in insert_base_contract(session, actor, table_id, outline)]


@dataclass(frozen=True)
class BaseArticle:
    """An article of a contract to enter as a table's base: its clauses as (number, heading, text)."""

    number: str
    title: str
    kind: str
    clauses: list[tuple[str, str, str]]


def insert_base_contract(
    session: Session, actor: Actor, table_id: int, outline: list[BaseArticle]
) -> list[Article]:
    """Insert articles, clauses and their first base versions level by level, a few statements in all."""
    articles = [
        Article(table_id=table_id, number=a.number, title=a.title, kind=a.kind, position=i, in_base=True)
        for i, a in enumerate(outline, start=1)
    ]
    session.add_all(articles)
    session.flush()
    pairs = [
        (
            Clause(
                table_id=table_id,
                article_id=row.id,
                number=number,
                heading=heading,
                position=j,
                in_base=True,
            ),
            text,
        )
        for row, article in zip(articles, outline, strict=True)
        for j, (number, heading, text) in enumerate(article.clauses, start=1)
    ]
    _insert_base_clauses(session, actor, table_id, pairs)
    return articles


def _insert_base_clauses(
    session: Session, actor: Actor, table_id: int, pairs: list[tuple[Clause, str]]
) -> None:
    """Insert clauses of the current contract and their first base versions, in a few statements."""
    session.add_all([clause for clause, _ in pairs])
    session.flush()
    versions = [
        ClauseVersion(
            clause_id=clause.id,
            table_id=table_id,
            text=text,
            content_hash=content_hash(text),
            author_side=BASE,
            created_by_id=actor.id,
        )
        for clause, text in pairs
    ]
    session.add_all(versions)
    session.flush()
    for (clause, _), version in zip(pairs, versions, strict=True):
        clause.base_version_id = version.id
    session.flush()
