"""Side-private what-if scenarios: a set of terms built by hand, from the side's drafts or its position.

A scenario is visible only to its side (negotiators, recorders and observers), exactly like a draft:
to anyone else it does not exist (404). Its costing is cached like any other.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor
from bargaining.domain.costing.terms import TermSource
from bargaining.domain.errors import Invalid, NotFound, ensure_version
from bargaining.domain.records import ProposalState, Side
from bargaining.models import Proposal, ProposalItem, Scenario, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table, require_writable
from bargaining.services.costing import port
from bargaining.services.costing.costing import context, prepared
from bargaining.services.costing.guards import costing_side, side_writer
from bargaining.services.costing.positions import derive_positions
from bargaining.services.costing.terms import checked_terms, validation_base


def list_scenarios(session: Session, actor: Actor, table_id: int) -> Select[Scenario]:
    """The caller's side's scenarios (empty for anyone without a side)."""
    _table, standing = load_table(session, actor, table_id)
    side = costing_side(standing)
    stmt = select(Scenario).where(Scenario.table_id == table_id).order_by(Scenario.id)
    return stmt.where(Scenario.side == side) if side is not None else stmt.where(Scenario.id.is_(None))


def load_scenario(session: Session, actor: Actor, scenario_id: int) -> Scenario:
    """A scenario of the caller's side; 404 to everyone else."""
    scenario = session.get(Scenario, scenario_id)
    if scenario is None:
        raise NotFound("No such scenario.", code="scenario_not_found")
    _table, standing = load_table(session, actor, scenario.table_id)
    if costing_side(standing) is not scenario.side:
        raise NotFound("No such scenario.", code="scenario_not_found")
    return scenario


def create_scenario(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> Scenario:
    """A new scenario for the caller's side: its terms, plus those of the named proposals or its position."""
    _table, side = side_writer(session, actor, table_id)
    base = validation_base(session, table_id)
    terms = checked_terms(data.get("terms", []), base, "terms") if data.get("terms") else []
    sources = data.get("from_proposals", [])
    terms += _proposal_terms(session, table_id, side, sources)
    if data.get("from_position"):
        terms += [t for item in derive_positions(session, table_id).of(side) for t in item.terms]
    scenario = Scenario(
        table_id=table_id,
        side=side,
        title=data["title"],
        notes=data.get("notes", ""),
        terms=terms,
        source_proposal_ids=sources,
        created_by_id=actor.id,
    )
    session.add(scenario)
    session.flush()
    audit.record(
        session,
        actor.id,
        "scenario.created",
        scenario,
        table_id=table_id,
        visible_to=side.value,
        detail={"title": scenario.title, "terms": len(terms), "from_proposals": sources},
    )
    return scenario


def _proposal_terms(session: Session, table_id: int, side: Side, ids: list[int]) -> list[dict[str, Any]]:
    """The terms of the side's own proposals (drafts or passed), or passed ones of the other side."""
    if not ids:
        return []
    rows = session.execute(
        select(Proposal.id, Proposal.side, Proposal.state, ProposalItem.terms)
        .outerjoin(ProposalItem, ProposalItem.proposal_id == Proposal.id)
        .where(Proposal.id.in_(ids), Proposal.table_id == table_id)
        .order_by(Proposal.id, ProposalItem.position)
    ).all()
    visible = {pid for pid, pside, state, _ in rows if pside is side or state is not ProposalState.DRAFT}
    missing = sorted(set(ids) - visible)
    if missing:
        raise Invalid(f"No such proposal(s) at this table: {missing}.", field="from_proposals")
    return [t for _pid, _side, _state, terms in rows for t in (terms or [])]


def update_scenario(
    session: Session, actor: Actor, scenario_id: int, expected: int, data: dict[str, Any]
) -> Scenario:
    """Change a scenario's title, notes or terms (the audit keeps the old and new values)."""
    scenario = load_scenario(session, actor, scenario_id)
    table, side = side_writer(session, actor, scenario.table_id)
    require_writable(table)
    ensure_version("scenario", scenario.version, expected)
    if "terms" in data:
        data = {**data, "terms": checked_terms(data["terms"], validation_base(session, table.id), "terms")}
    changes = {
        k: {"old": getattr(scenario, k), "new": v} for k, v in data.items() if getattr(scenario, k) != v
    }
    for key, value in data.items():
        setattr(scenario, key, value)
    scenario.updated_at = utcnow()
    audit.record(
        session,
        actor.id,
        "scenario.edited",
        scenario,
        table_id=table.id,
        visible_to=side.value,
        detail=changes,
    )
    session.flush()
    return scenario


def delete_scenario(session: Session, actor: Actor, scenario_id: int, expected: int) -> None:
    """Delete a scenario (the audit keeps what it held)."""
    scenario = load_scenario(session, actor, scenario_id)
    _table, side = side_writer(session, actor, scenario.table_id)
    ensure_version("scenario", scenario.version, expected)
    audit.record(
        session,
        actor.id,
        "scenario.deleted",
        scenario,
        table_id=scenario.table_id,
        visible_to=side.value,
        detail={"title": scenario.title, "terms": scenario.terms},
    )
    session.delete(scenario)
    session.flush()


def cost_scenario(session: Session, actor: Actor, scenario_id: int) -> tuple[Scenario, Any]:
    """A scenario's cost, for its side only."""
    scenario = load_scenario(session, actor, scenario_id)
    ctx = context(session, actor, scenario.table_id)
    source = TermSource(scenario.title, port.parse(scenario.terms, "terms"))
    report = port.cost(prepared(session, ctx), [source] if scenario.terms else [], scenario.title, False)
    return scenario, report
