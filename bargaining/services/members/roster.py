"""A side's member roster (personal data, that side's alone) and inviting members to the table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from bargaining.domain.access import Actor, Role, Standing
from bargaining.domain.errors import Forbidden, Invalid
from bargaining.domain.events.roster import parse_roster
from bargaining.models import Membership, OutboxEmail, RosterEntry, User, utcnow
from bargaining.services import audit
from bargaining.services.access import load_table


def _side(standing: Standing, asked: str | None) -> str:
    """The side whose roster this is: the negotiator's own, or the one an administrator names."""
    if standing.signs and standing.side is not None:
        if asked is not None and asked != str(standing.side):
            raise Forbidden("A committee manages its own side's roster.")
        return str(standing.side)
    if standing.is_admin:
        if asked is None:
            raise Invalid("Name the side whose roster this is.", field="side")
        return asked
    raise Forbidden("Only a side's negotiators (or an administrator) manage its roster.")


def upload(session: Session, actor: Actor, table_id: int, data: dict[str, Any]) -> dict[str, int]:
    """Add or update roster rows from CSV (matched by email); return how many were added and updated."""
    table, standing = load_table(session, actor, table_id)
    side = _side(standing, data.get("side"))
    rows = parse_roster(data["csv"])
    existing = {
        e.email: e
        for e in session.scalars(
            select(RosterEntry).where(RosterEntry.table_id == table.id, RosterEntry.side == side)
        )
    }
    added = updated = 0
    for row in rows:
        entry = existing.get(row.email)
        if entry is None:
            session.add(
                RosterEntry(table_id=table.id, side=side, name=row.name, email=row.email, fields=row.fields)
            )
            added += 1
        elif (entry.name, entry.fields) != (row.name, row.fields):
            entry.name, entry.fields = row.name, row.fields
            updated += 1
    session.flush()
    counts = {"added": added, "updated": updated, "rows": len(rows)}
    audit.record(
        session, actor.id, "roster.uploaded", table, table_id=table.id, visible_to=side, detail=counts
    )
    session.flush()
    return counts


def listing(session: Session, actor: Actor, table_id: int, side: str | None) -> Select[Any]:
    """The roster rows of the caller's side (an administrator names the side)."""
    table, standing = load_table(session, actor, table_id)
    if not (standing.signs and standing.side is not None):
        raise Forbidden("Only the side's negotiators read its roster (personal data).")
    chosen = _side(standing, side)
    return (
        select(RosterEntry)
        .where(RosterEntry.table_id == table.id, RosterEntry.side == chosen)
        .order_by(RosterEntry.name, RosterEntry.id)
    )


def invite(session: Session, actor: Actor, table_id: int, data: dict[str, Any], link: str) -> dict[str, int]:
    """Give every roster member not yet invited (or those named) a member's seat and an invitation email."""
    table, standing = load_table(session, actor, table_id)
    side = _side(standing, data.get("side"))
    query = select(RosterEntry).where(RosterEntry.table_id == table.id, RosterEntry.side == side)
    if data.get("emails"):
        query = query.where(RosterEntry.email.in_([e.lower() for e in data["emails"]]))
    else:
        query = query.where(RosterEntry.invited_at.is_(None))
    entries = list(session.scalars(query))
    emails = [e.email for e in entries]
    users = {u.email: u for u in session.scalars(select(User).where(User.email.in_(emails)))}
    seated = set(
        session.scalars(
            select(Membership.user_id).where(
                Membership.table_id == table.id, Membership.user_id.in_([u.id for u in users.values()])
            )
        )
    )
    now, seats = utcnow(), 0
    for entry in entries:
        user = users.get(entry.email)
        if user is None:
            user = users[entry.email] = User(email=entry.email, name=entry.name)
            session.add(user)
            session.flush()
            audit.record(
                session, actor.id, "user.created", user, visible_to="admin", detail={"by": "invitation"}
            )
        if user.id not in seated:
            seat = Membership(table_id=table.id, user_id=user.id, side=None, role=Role.MEMBER)
            session.add(seat)
            session.flush()
            detail = {"user_id": user.id, "side": None, "role": Role.MEMBER.value, "by": "invitation"}
            audit.record(session, actor.id, "membership.granted", seat, table_id=table.id, detail=detail)
            seated.add(user.id)
            seats += 1
        entry.user_id, entry.invited_at = user.id, now
        payload = {"table_title": table.title, "name": entry.name, "link": link}
        session.add(OutboxEmail(user_id=user.id, to_address=entry.email, kind="invitation", payload=payload))
    session.flush()
    counts = {"invited": len(entries), "seated": seats}
    audit.record(
        session, actor.id, "roster.invited", table, table_id=table.id, visible_to=side, detail=counts
    )
    session.flush()
    return counts
