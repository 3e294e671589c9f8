"""Clauses of the current contract and their immutable versions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Conflict, Invalid, NotFound
from bargaining.domain.hashing import content_hash
from bargaining.domain.records import TAState
from bargaining.models import (
    Article,
    BargainingTable,
    Clause,
    ClauseVersion,
    TAItem,
    TentativeAgreement,
)
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_setup
from bargaining.services.articles import load_article, visible_added
from bargaining.services.visibility import member_version_filter

BASE = "base"


def load_clause(
    session: Session, actor: Actor, clause_id: int, *, with_base: bool = False
) -> tuple[Clause, BargainingTable, Standing]:
    """Return the clause (with its base version if asked), its table and the caller's standing, or 404."""
    options = [joinedload(Clause.base_version)] if with_base else []
    clause = session.get(Clause, clause_id, options=options)
    if clause is None:
        raise NotFound("No such clause.", code="clause_not_found")
    table, standing = load_table(session, actor, clause.table_id)
    if not clause.in_base and not visible_added(standing, table) and not _signed(session, clause.id):
        raise NotFound("No such clause.", code="clause_not_found")
    return clause, table, standing


def _signed(session: Session, clause_id: int) -> bool:
    """Whether a signed TA covers the clause (then members may see it)."""
    stmt = (
        select(TAItem.id)
        .join(TentativeAgreement, TentativeAgreement.id == TAItem.ta_id)
        .where(TAItem.clause_id == clause_id, TentativeAgreement.state == TAState.SIGNED)
        .limit(1)
    )
    return session.scalar(stmt) is not None


def check_text(text: str, limit: int) -> None:
    """Refuse clause text past the configured size, clearly."""
    if len(text) > limit:
        raise Invalid(f"Clause text is limited to {limit} characters.", field="text", code="text_too_long")


def create_clause(
    session: Session, actor: Actor, article_id: int, data: dict[str, Any], limit: int
) -> Clause:
    """Add a clause of the current contract with its first base version."""
    article, table, standing = load_article(session, actor, article_id)
    require(standing.edits_base, "Only administrators and the sides' writers enter the contract.")
    require_setup(table, "adding to the current contract")
    check_text(data["text"], limit)
    _ensure_unique_number(session, article.id, data["number"])
    last = session.scalar(select(func.max(Clause.position)).where(Clause.article_id == article.id))
    clause = Clause(
        table_id=table.id,
        article_id=article.id,
        number=data["number"],
        heading=data.get("heading", ""),
        position=(last or 0) + 1,
        in_base=True,
    )
    session.add(clause)
    session.flush()
    version = add_base_version(session, actor, clause, data["text"])
    audit.record(session, actor.id, "clause.created", clause, table_id=table.id, after_id=version.id)
    return clause


def _ensure_unique_number(session: Session, article_id: int, number: str) -> None:
    """Clause numbers are unique within their article."""
    found = session.scalar(select(Clause.id).where(Clause.article_id == article_id, Clause.number == number))
    if found is not None:
        raise Conflict(f"Clause {number} exists in this article.", field="number", code="duplicate_number")


def add_base_version(session: Session, actor: Actor, clause: Clause, text: str) -> ClauseVersion:
    """Append a base version; an identical text reuses the current one."""
    current = clause.base_version_id and session.get(ClauseVersion, clause.base_version_id)
    digest = content_hash(text)
    if current and current.content_hash == digest:
        return current
    version = ClauseVersion(
        clause_id=clause.id,
        table_id=clause.table_id,
        text=text,
        content_hash=digest,
        author_side=BASE,
        parent_id=current.id if current else None,
        created_by_id=actor.id,
    )
    session.add(version)
    session.flush()
    clause.base_version = version
    session.flush()
    return version


def revise_base(session: Session, actor: Actor, clause_id: int, text: str, limit: int) -> ClauseVersion:
    """Record a new base version of a clause before bargaining opens."""
    clause, table, standing = load_clause(session, actor, clause_id)
    require(standing.edits_base, "Only administrators and the sides' writers enter the contract.")
    require_setup(table, "revising the current contract")
    check_text(text, limit)
    before = clause.base_version_id
    version = add_base_version(session, actor, clause, text)
    if version.id != before:
        audit.record(
            session,
            actor.id,
            "clause.base_revised",
            clause,
            table_id=table.id,
            before_id=before,
            after_id=version.id,
        )
    return version


def versions_of(session: Session, actor: Actor, clause_id: int) -> Select[ClauseVersion]:
    """Select the clause's versions the caller may see, oldest first."""
    clause, table, standing = load_clause(session, actor, clause_id)
    stmt = select(ClauseVersion).where(ClauseVersion.clause_id == clause.id)
    if not (standing.is_party or standing.is_admin):
        stmt = stmt.where(member_version_filter(table))
    return stmt.order_by(ClauseVersion.id)


def get_version(session: Session, actor: Actor, clause_id: int, version_id: int) -> ClauseVersion:
    """Return one version of a clause, if the caller may see it."""
    stmt = versions_of(session, actor, clause_id).where(ClauseVersion.id == version_id)
    version = session.scalar(stmt)
    if version is None:
        raise NotFound("No such version of this clause.", code="version_not_found")
    return version


def clause_article(session: Session, clause: Clause) -> Article:
    """Return the clause's article."""
    article = session.get(Article, clause.article_id)
    assert article is not None
    return article
