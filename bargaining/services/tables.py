"""Tables (negotiations) and memberships."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.consent import consent_required
from bargaining.domain.errors import Conflict, Forbidden, Invalid, NotFound
from bargaining.domain.records import Side
from bargaining.models import BargainingTable, Membership
from bargaining.services import audit
from bargaining.services.access import load_table, require, require_writable
from bargaining.services.consent.shared import apply_table_change
from bargaining.services.renewal import copy_ratified
from bargaining.services.users import find_user

SETTINGS = ("members_see_passed", "union_prefix", "employer_prefix")


def create_table(session: Session, actor: Actor, data: dict[str, Any]) -> BargainingTable:
    """Create a table (administrators only)."""
    if not actor.is_admin:
        raise Forbidden("Only administrators create tables.")
    settings = data.pop("settings", None) or {}
    renews = data.pop("renews", None)
    table = BargainingTable(created_by_id=actor.id, **data)
    _apply_settings(table, settings)
    session.add(table)
    session.flush()
    audit.record(session, actor.id, "table.created", table, table_id=table.id)
    if renews is not None:
        copy_ratified(session, actor, table, renews)
    return table


def _apply_settings(table: BargainingTable, settings: dict[str, Any]) -> None:
    """Copy known settings onto the table, checking the prefixes differ."""
    for key in SETTINGS:
        if key in settings:
            setattr(table, key, settings[key])
    if (table.union_prefix or "U") == (table.employer_prefix or "E") and (
        "union_prefix" in settings or "employer_prefix" in settings
    ):
        raise Invalid("The two sides need different prefixes.", field="settings")


def tables_for(actor: Actor) -> Select[BargainingTable]:
    """Select the tables the caller sits at (every table for administrators)."""
    stmt = select(BargainingTable).order_by(BargainingTable.id)
    if actor.is_admin:
        return stmt
    seats = select(Membership.table_id).where(Membership.user_id == actor.id)
    return stmt.where(BargainingTable.id.in_(seats))


def update_table(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> BargainingTable:
    """Change a table's names or settings directly (administrators; the sides by consent)."""
    table, standing = load_table(session, actor, table_id)
    require(
        standing.is_admin or standing.role is Role.NEGOTIATOR,
        "Only negotiators or administrators change a table.",
    )
    require_writable(table)
    if not standing.is_admin:
        route = f"POST /api/v1/tables/{table_id}/change-requests"
        raise consent_required("this table's names and settings", route)
    changes = {key: value for key, value in data.items() if key != "settings"}
    changes.update(data.get("settings") or {})
    apply_table_change(session, actor.id, table, changes)
    session.flush()
    return table


def list_memberships(session: Session, actor: Actor, table_id: int) -> Select[Membership]:
    """Select the table's memberships (sides' people and administrators only)."""
    _table, standing = load_table(session, actor, table_id)
    require(standing.is_admin or standing.is_party, "Members may not list the table's people.")
    return select(Membership).where(Membership.table_id == table_id).order_by(Membership.id)


def grant(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> Membership:
    """Seat a user at the table with a side and role (administrators only)."""
    table, standing = load_table(session, actor, table_id)
    require(standing.is_admin, "Only administrators grant memberships.")
    user = find_user(session, user_id=data.get("user_id"), email=data.get("email"))
    role, side = Role(data["role"]), data.get("side")
    side = _check_side(role, side)
    existing = session.scalar(
        select(Membership).where(Membership.table_id == table.id, Membership.user_id == user.id)
    )
    if existing is not None:
        raise Conflict("That user already has a seat at this table.", field="user_id", code="already_member")
    membership = Membership(table_id=table.id, user_id=user.id, side=side, role=role)
    session.add(membership)
    session.flush()
    audit.record(
        session,
        actor.id,
        "membership.granted",
        membership,
        table_id=table.id,
        detail={"user_id": user.id, "side": side, "role": role.value},
    )
    return membership


def _check_side(role: Role, side: str | None) -> Side | None:
    """Members sit with no side; everyone else with exactly one."""
    if role is Role.MEMBER:
        if side is not None:
            raise Invalid("Members do not sit with a side.", field="side")
        return None
    if side is None:
        raise Invalid("Negotiators, recorders and observers sit with a side.", field="side")
    return Side(side)


def revoke(session: Session, actor: Actor, table_id: int, membership_id: int) -> Membership:
    """Remove a seat (administrators only); the audit trail keeps who held it."""
    _table, standing = load_table(session, actor, table_id)
    require(standing.is_admin, "Only administrators revoke memberships.")
    membership = session.get(Membership, membership_id)
    if membership is None or membership.table_id != table_id:
        raise NotFound("No such membership.", code="membership_not_found")
    audit.record(
        session,
        actor.id,
        "membership.revoked",
        membership,
        table_id=table_id,
        detail={"user_id": membership.user_id, "side": membership.side, "role": membership.role.value},
    )
    session.delete(membership)
    session.flush()
    return membership


def standing_view(standing: Standing) -> dict[str, Any]:
    """The caller's standing as plain data."""
    return {"side": standing.side, "role": standing.role, "is_admin": standing.is_admin}
