"""Counterproposals: a new draft answering the other side, optionally from their text."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.errors import Invalid
from bargaining.domain.records import Action, ProposalState
from bargaining.models import Clause, ClauseVersion, Proposal, ProposalItem
from bargaining.services.access import require
from bargaining.services.proposals import create_draft, load_proposal


def start_counter(
    session: Session, actor: Actor, proposal_id: int, data: dict[str, Any], limit: int
) -> Proposal:
    """Draft a counter to a passed proposal of the other side, from their text or from the base."""
    target, table, standing = load_proposal(session, actor, proposal_id, with_items=True)
    require(standing.writer_side is not None, "Only a side's negotiators and recorders draft counters.")
    if target.state is ProposalState.DRAFT:
        raise Invalid("Only a passed proposal can be countered.", field="proposal_id")
    if target.side == standing.writer_side:
        raise Invalid("A counter answers the other side's proposal.", field="proposal_id")
    items = _items(session, list(target.items), data["copy_text"])
    draft = {
        "title": data.get("title") or f"Counter to {target.label}",
        "responds_to": [target.id],
        "items": items,
    }
    return create_draft(session, actor, table.id, draft, limit)


def _items(session: Session, theirs: list[ProposalItem], copy_text: bool) -> list[dict[str, Any]]:
    """Their items as payloads: their language, or the base language to start from."""
    ids = [i.clause_id for i in theirs if i.clause_id is not None]
    base = dict(
        session.execute(
            select(Clause.id, ClauseVersion.text)
            .join(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
            .where(Clause.id.in_(ids))
        ).all()
    )
    payloads = []
    for item in theirs:
        if item.clause_id is None:
            continue
        if copy_text and item.action in (Action.AMEND, Action.ADD):
            payload: dict[str, Any] = {"action": "amend", "clause_id": item.clause_id}
            payload["text"] = item.text or ""
            if item.terms:
                payload["terms"] = item.terms
            payloads.append(payload)
        elif copy_text and item.action is Action.DELETE:
            payloads.append({"action": "delete", "clause_id": item.clause_id})
        elif item.clause_id in base:
            payloads.append({"action": "amend", "clause_id": item.clause_id, "text": base[item.clause_id]})
        else:
            payloads.append({"action": "status_quo", "clause_id": item.clause_id})
    return payloads
