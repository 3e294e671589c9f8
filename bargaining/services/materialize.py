"""At the pass: create added articles and clauses, and the immutable versions a proposal introduces."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Conflict
from bargaining.domain.hashing import DELETED_HASH, content_hash
from bargaining.domain.records import Action
from bargaining.models import Article, BargainingTable, Clause, ClauseVersion, Proposal, ProposalItem


def materialize_items(session: Session, table: BargainingTable, proposal: Proposal, actor: Actor) -> None:
    """Give every item its clause, its version (amend/add) and the hash of the language it means."""
    for item in proposal.items:
        if item.action is Action.ADD:
            _create_clause(session, table, proposal, item)
    session.flush()
    parents = _parents(session, proposal)
    bases = _base_hashes(session, [i.clause_id for i in proposal.items if i.clause_id])
    versions = []
    for item in proposal.items:
        assert item.clause_id is not None
        if item.action in (Action.AMEND, Action.ADD):
            text = item.text or ""
            version = ClauseVersion(
                clause_id=item.clause_id,
                table_id=table.id,
                text=text,
                content_hash=content_hash(text),
                author_side=proposal.side.value,
                proposal_id=proposal.id,
                parent_id=parents.get(item.clause_id),
                created_by_id=actor.id,
            )
            versions.append((item, version))
        elif item.action is Action.DELETE:
            item.content_hash = DELETED_HASH
        else:
            item.content_hash = bases.get(item.clause_id) or DELETED_HASH
    session.add_all([v for _, v in versions])
    session.flush()
    for item, version in versions:
        item.version_id, item.content_hash = version.id, version.content_hash


def _create_clause(session: Session, table: BargainingTable, proposal: Proposal, item: ProposalItem) -> None:
    """Create the clause (and, if needed, the article) an add item proposes."""
    article_id = item.article_id or _create_article(session, table, proposal, item).id
    number = item.new_number or ""
    taken = session.scalar(select(Clause.id).where(Clause.article_id == article_id, Clause.number == number))
    if taken is not None:
        raise Conflict(
            f"Clause {number} already exists in that article; amend it instead.",
            field="items",
            code="duplicate_number",
        )
    last = session.scalar(select(func.max(Clause.position)).where(Clause.article_id == article_id))
    clause = Clause(
        table_id=table.id,
        article_id=article_id,
        number=number,
        heading=item.new_heading or "",
        position=(last or 0) + 1,
        in_base=False,
        added_by_proposal_id=proposal.id,
    )
    session.add(clause)
    session.flush()
    item.clause_id, item.article_id = clause.id, article_id


def _create_article(
    session: Session, table: BargainingTable, proposal: Proposal, item: ProposalItem
) -> Article:
    """Create a proposed new article, or reuse one the same proposal already created."""
    number = item.new_article_number or ""
    existing = session.scalar(select(Article).where(Article.table_id == table.id, Article.number == number))
    if existing is not None:
        if existing.added_by_proposal_id == proposal.id:
            return existing
        raise Conflict(
            f"Article {number} already exists; add the clause to it instead.",
            field="items",
            code="duplicate_number",
        )
    last = session.scalar(select(func.max(Article.position)).where(Article.table_id == table.id))
    article = Article(
        table_id=table.id,
        number=number,
        title=item.new_article_title or "",
        kind="article",
        position=(last or 0) + 1,
        in_base=False,
        added_by_proposal_id=proposal.id,
    )
    session.add(article)
    session.flush()
    return article


def _parents(session: Session, proposal: Proposal) -> dict[int, int]:
    """The version each new version is edited from: the side's latest, else the base."""
    ids = [i.clause_id for i in proposal.items if i.clause_id is not None]
    latest = dict(
        session.execute(
            select(ClauseVersion.clause_id, func.max(ClauseVersion.id))
            .where(ClauseVersion.clause_id.in_(ids), ClauseVersion.author_side == proposal.side.value)
            .group_by(ClauseVersion.clause_id)
        ).all()
    )
    bases = dict(session.execute(select(Clause.id, Clause.base_version_id).where(Clause.id.in_(ids))).all())
    parents: dict[int, int] = {}
    for cid in ids:
        parent = latest.get(cid) or bases.get(cid)
        if parent is not None:
            parents[cid] = parent
    return parents


def _base_hashes(session: Session, clause_ids: list[int]) -> dict[int, str]:
    """The base text's hash of each clause (status quo means keeping it)."""
    rows = session.execute(
        select(Clause.id, ClauseVersion.content_hash)
        .join(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
        .where(Clause.id.in_(clause_ids))
    ).all()
    return dict(rows)
