"""Importing the current contract from plain text or Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.errors import Conflict
from bargaining.domain.hashing import content_hash
from bargaining.domain.importer import ParsedContract, parse_contract
from bargaining.models import Article, Clause, ClauseVersion, User
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_setup
from bargaining.services.clauses import BASE, check_text


@dataclass
class ImportResult:
    """What an import found (and, unless a dry run, wrote)."""

    dry_run: bool
    parsed: ParsedContract
    article_ids: list[int] = field(default_factory=list)

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


def import_contract(
    session: Session, actor: User, table_id: int, text: str, *, dry_run: bool, limit: int
) -> ImportResult:
    """Parse a contract; unless a dry run, write its articles, clauses and base versions."""
    table, standing = load_table(session, actor, table_id)
    require(standing.edits_base, "Only administrators and the sides' writers import a contract.")
    parsed = parse_contract(text)
    result = ImportResult(dry_run=dry_run, parsed=parsed)
    if dry_run:
        return result
    require_setup(table, "importing a contract")
    if session.scalar(select(Article.id).where(Article.table_id == table_id).limit(1)):
        raise Conflict("This table already has a base contract.", code="base_exists")
    for article in parsed.articles:
        for clause in article.clauses:
            check_text(clause.text, limit)
    result.article_ids = _write(session, actor, table_id, parsed)
    audit.record(session, actor.id, "contract.imported", table, table_id=table_id, detail=result.counts)
    session.flush()
    return result


def _write(session: Session, actor: User, table_id: int, parsed: ParsedContract) -> list[int]:
    """Insert articles, clauses and versions level by level, a few statements in all."""
    articles = [
        Article(table_id=table_id, number=a.number, title=a.title, kind=a.kind, position=i, in_base=True)
        for i, a in enumerate(parsed.articles, start=1)
    ]
    session.add_all(articles)
    session.flush()
    pairs = [
        (
            Clause(
                table_id=table_id,
                article_id=row.id,
                number=c.number,
                heading=c.heading,
                position=j,
                in_base=True,
            ),
            c.text,
        )
        for row, parsed_article in zip(articles, parsed.articles, strict=True)
        for j, c in enumerate(parsed_article.clauses, start=1)
    ]
    insert_base_clauses(session, actor, table_id, pairs)
    return [a.id for a in articles]


def insert_base_clauses(
    session: Session, actor: User, table_id: int, pairs: list[tuple[Clause, str]]
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
