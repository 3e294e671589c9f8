"""Applying a change to a table's shared names and settings or to an article's number and title."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.consent import ARTICLE_FIELDS, TABLE_FIELDS, check_fields, check_prefixes, label_prefix
from bargaining.domain.errors import Conflict, Invalid
from bargaining.domain.records import Side
from bargaining.models import Article, BargainingTable, Proposal
from bargaining.services import audit

TABLE_TITLE_MAX = 200


def used_prefixes(session: Session, table_id: int) -> dict[Side, set[str]]:
    """The prefixes each side's passed proposals at the table are labelled with."""
    rows = session.execute(
        select(Proposal.side, Proposal.label)
        .where(Proposal.table_id == table_id, Proposal.label.is_not(None))
        .distinct()
    )
    used: dict[Side, set[str]] = defaultdict(set)
    for side, label in rows:
        if label:
            used[side].add(label_prefix(label))
    return used


def check_table_change(session: Session, table: BargainingTable, changes: dict[str, Any]) -> None:
    """A table change names shared fields, and leaves the sides' prefixes distinct and unused by the other."""
    check_fields(changes, TABLE_FIELDS)
    if "title" in changes and not 1 <= len(changes["title"]) <= TABLE_TITLE_MAX:
        raise Invalid(f"A table's title is 1-{TABLE_TITLE_MAX} characters.", field="title")
    if "union_prefix" in changes or "employer_prefix" in changes:
        union = changes.get("union_prefix", table.union_prefix)
        employer = changes.get("employer_prefix", table.employer_prefix)
        check_prefixes(union, employer, used_prefixes(session, table.id))


def check_article_change(session: Session, article: Article, changes: dict[str, Any]) -> None:
    """An article change names its number or title; a new number is free at the table."""
    check_fields(changes, ARTICLE_FIELDS)
    number = changes.get("number")
    if number is None or number == article.number:
        return
    stmt = select(Article.id).where(Article.table_id == article.table_id, Article.number == number)
    if session.scalar(stmt) is not None:
        raise Conflict(f"Article {number} exists at this table.", field="number", code="duplicate_number")


def apply_table_change(
    session: Session, actor_id: int, table: BargainingTable, changes: dict[str, Any], **extra: Any
) -> None:
    """Change a table's shared fields; the audit row keeps old and new values."""
    check_table_change(session, table, changes)
    before = audit.snapshot(table, changes)
    for key, value in changes.items():
        setattr(table, key, value)
    detail = audit.edit_detail(before, audit.snapshot(table, changes), **extra)
    audit.record(session, actor_id, "table.updated", table, table_id=table.id, detail=detail)


def apply_article_change(
    session: Session, actor_id: int, article: Article, changes: dict[str, Any], **extra: Any
) -> None:
    """Change an article's number or title; the audit row keeps old and new values."""
    check_article_change(session, article, changes)
    before = audit.snapshot(article, changes)
    for key, value in changes.items():
        setattr(article, key, value)
    detail = audit.edit_detail(before, audit.snapshot(article, changes), **extra)
    audit.record(session, actor_id, "article.updated", article, table_id=article.table_id, detail=detail)
