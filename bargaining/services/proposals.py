"""Draft proposals: create, load, list, edit and delete; drafts stay private to their side."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, false, or_, select
from sqlalchemy.orm import Session, selectinload

from bargaining.domain.access import Actor, Standing
from bargaining.domain.errors import Conflict, Invalid, NotFound, ensure_version
from bargaining.domain.records import ProposalState, Side
from bargaining.models import Article, BargainingTable, Clause, Proposal, ProposalItem, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.draft_items import build_items
from bargaining.services.sessions import ledger


def visible_proposals(standing: Standing, table: BargainingTable) -> ColumnElement[bool]:
    """Which proposals the caller may see: passed ones, and their own side's drafts."""
    passed = Proposal.state != ProposalState.DRAFT
    if standing.is_party:
        return or_(passed, Proposal.side == standing.side)
    if standing.is_admin or table.members_see_passed:
        return passed
    return false()


def load_proposal(
    session: Session, actor: Actor, proposal_id: int, *, with_items: bool = False
) -> tuple[Proposal, BargainingTable, Standing]:
    """Return a proposal the caller may see, its table and their standing; 404 otherwise."""
    stmt = select(Proposal).where(Proposal.id == proposal_id)
    if with_items:
        stmt = stmt.options(selectinload(Proposal.items), selectinload(Proposal.responds_to))
    proposal = session.scalar(stmt)
    if proposal is None:
        raise NotFound("No such proposal.", code="proposal_not_found")
    table, standing = load_table(session, actor, proposal.table_id)
    visible = session.scalar(
        select(Proposal.id).where(Proposal.id == proposal_id, visible_proposals(standing, table))
    )
    if visible is None:
        raise NotFound("No such proposal.", code="proposal_not_found")
    return proposal, table, standing


def list_proposals(
    session: Session, actor: Actor, table_id: int, filters: dict[str, Any]
) -> Select[Proposal]:
    """Select the proposals the caller may see, filtered, oldest first."""
    table, standing = load_table(session, actor, table_id)
    require(
        standing.is_party or standing.is_admin or table.members_see_passed,
        "This table does not share proposals with members.",
    )
    stmt = select(Proposal).where(Proposal.table_id == table_id, visible_proposals(standing, table))
    if "side" in filters:
        stmt = stmt.where(Proposal.side == Side(filters["side"]))
    if "state" in filters:
        stmt = stmt.where(Proposal.state == ProposalState(filters["state"]))
    if "number" in filters:
        stmt = stmt.where(Proposal.number == filters["number"])
    if "clause_id" in filters:
        stmt = stmt.where(Proposal.items.any(ProposalItem.clause_id == filters["clause_id"]))
    if "article_id" in filters:
        in_article = select(Clause.id).where(Clause.article_id == filters["article_id"])
        stmt = stmt.where(
            Proposal.items.any(
                or_(ProposalItem.clause_id.in_(in_article), ProposalItem.article_id == filters["article_id"])
            )
        )
    if "session_id" in filters:
        stmt = stmt.where(ledger.proposal_filter(session, table_id, filters["session_id"]))
    return stmt.order_by(Proposal.id)


def create_draft(session: Session, actor: Actor, table_id: int, data: dict[str, Any], limit: int) -> Proposal:
    """Create a draft for the caller's side."""
    table, standing = load_table(session, actor, table_id)
    side = standing.writer_side
    require(side is not None, "Only a side's negotiators and recorders draft proposals.")
    assert side is not None
    require_writable(table)
    proposal = Proposal(
        table_id=table_id,
        side=side,
        title=data["title"],
        rationale=data.get("rationale", ""),
        is_package=data.get("is_package", False),
        created_by_id=actor.id,
    )
    proposal.responds_to = _responds_to(session, standing, table, data.get("responds_to", []))
    proposal.items = build_items(session, table_id, data["items"], limit)
    session.add(proposal)
    session.flush()
    audit.record(session, actor.id, "proposal.drafted", proposal, table_id=table_id, visible_to=side.value)
    return proposal


def _responds_to(
    session: Session, standing: Standing, table: BargainingTable, ids: list[int]
) -> list[Proposal]:
    """Resolve responds_to ids: passed proposals at this table."""
    if not ids:
        return []
    found = list(
        session.scalars(
            select(Proposal).where(
                Proposal.id.in_(ids), Proposal.table_id == table.id, visible_proposals(standing, table)
            )
        )
    )
    missing = set(ids) - {p.id for p in found}
    if missing:
        raise Invalid(f"No such proposal(s) at this table: {sorted(missing)}.", field="responds_to")
    if any(p.state is ProposalState.DRAFT for p in found):
        raise Invalid("A proposal can answer only proposals already passed.", field="responds_to")
    return found


def editable_draft(
    session: Session, actor: Actor, proposal_id: int, expected: int
) -> tuple[Proposal, BargainingTable, Standing]:
    """Load a draft the caller may edit at the version they read; 409 once passed."""
    proposal, table, standing = load_proposal(session, actor, proposal_id, with_items=True)
    require(standing.writes_for(proposal.side), "Only the side's negotiators and recorders edit its drafts.")
    require_writable(table)
    if proposal.state is not ProposalState.DRAFT:
        raise Conflict(f"{proposal.label} has been passed and can never change.", code="proposal_passed")
    ensure_version("proposal", proposal.version, expected)
    return proposal, table, standing


def update_draft(
    session: Session, actor: Actor, proposal_id: int, expected: int, data: dict[str, Any], limit: int
) -> Proposal:
    """Change a draft; items, if given, replace its items."""
    proposal, table, standing = editable_draft(session, actor, proposal_id, expected)
    before = _draft_snapshot(proposal, data)
    for key in ("title", "rationale", "is_package"):
        if key in data:
            setattr(proposal, key, data[key])
    if "responds_to" in data:
        proposal.responds_to = _responds_to(session, standing, table, data["responds_to"])
    if "items" in data:
        proposal.items = build_items(session, table.id, data["items"], limit)
    proposal.updated_at = utcnow()
    audit.record(
        session,
        actor.id,
        "proposal.edited",
        proposal,
        table_id=table.id,
        visible_to=proposal.side.value,
        detail=audit.edit_detail(before, _draft_snapshot(proposal, data)),
    )
    session.flush()
    return proposal


_ITEM_FIELDS = ("action", "clause_id", "article_id", "new_number", "new_heading", "text")


def _draft_snapshot(proposal: Proposal, data: dict[str, Any]) -> dict[str, Any]:
    """The draft's fields an edit names, as plain values (items by their action, clause and text)."""
    plain: dict[str, Any] = {}
    for key in data:
        if key == "items":
            plain[key] = [audit.snapshot(item, _ITEM_FIELDS) for item in proposal.items]
        elif key == "responds_to":
            plain[key] = sorted(p.id for p in proposal.responds_to)
        else:
            plain[key] = audit.plain(getattr(proposal, key))
    return plain


def delete_draft(session: Session, actor: Actor, proposal_id: int, expected: int) -> None:
    """Delete a draft (never a passed proposal)."""
    proposal, table, _standing = editable_draft(session, actor, proposal_id, expected)
    audit.record(
        session,
        actor.id,
        "proposal.draft_deleted",
        proposal,
        table_id=table.id,
        visible_to=proposal.side.value,
        detail={"title": proposal.title},
    )
    proposal.responds_to = []
    session.delete(proposal)
    session.flush()


def article_of(session: Session, article_id: int, table_id: int) -> Article:
    """Return an article of this table, or a validation error naming the field."""
    article = session.get(Article, article_id)
    if article is None or article.table_id != table_id:
        raise Invalid("No such article at this table.", field="article_id")
    return article
