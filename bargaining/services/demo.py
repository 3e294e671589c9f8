"""The demo negotiation, loaded through the same services the API uses."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.models import BargainingTable, User
from bargaining.services import tables, users
from bargaining.services.costing.demo_costing import set_up_demo_costing
from bargaining.services.demo_negotiation import play_demo_negotiation
from bargaining.services.demo_worklife import play_demo_worklife
from bargaining.services.intake.importing import import_contract

CONTRACT = Path(__file__).resolve().parent.parent / "demo" / "contract.md"
ADMIN_EMAIL = "admin@bargaining.example"
PEOPLE = {
    "admin": (ADMIN_EMAIL, "Avery Admin", None, None),
    "union_negotiator": ("nora@riverbendclinicians.example", "Nora Okafor, LCSW", "union", "negotiator"),
    "union_recorder": ("raj@riverbendclinicians.example", "Raj Patel, LPC", "union", "recorder"),
    "employer_negotiator": (
        "ellen@riverbendbh.example",
        "Ellen Marsh, HR Director",
        "employer",
        "negotiator",
    ),
    "member": ("maria@riverbendclinicians.example", "Maria Lopez, LMFT", None, "member"),
}


def demo_users(session: Session) -> dict[str, User]:
    """Return the demo users by role name (empty if the demo is not loaded)."""
    emails = {email: role for role, (email, *_rest) in PEOPLE.items()}
    found = session.scalars(select(User).where(User.email.in_(emails)))
    return {emails[u.email]: u for u in found}


def ensure_demo(session: Session, fresh_tokens: bool = True) -> tuple[dict[str, str], bool]:
    """Load the demo if absent; return (role -> new token, whether it was created)."""
    existing = demo_users(session)
    if existing:
        if not fresh_tokens:
            return {}, False
        return {role: users.issue_token(session, u, "demo")[1] for role, u in existing.items()}, False
    if session.scalar(select(BargainingTable.id).limit(1)) is not None:
        return {}, False
    return create_demo(session), True


def create_demo(session: Session) -> dict[str, str]:
    """Create the demo's people, table, contract and negotiation; return role -> new token."""
    people = _create_people(session)
    table = _create_table(session, people)
    import_contract(
        session,
        people["admin"],
        table.id,
        CONTRACT.read_text(encoding="utf-8"),
        dry_run=False,
        limit=1_000_000,
    )
    set_up_demo_costing(session, table.id, people)
    play_demo_negotiation(session, table.id, people)
    play_demo_worklife(session, table.id, people)
    return {role: users.issue_token(session, u, "demo")[1] for role, u in people.items()}


def _create_people(session: Session) -> dict[str, User]:
    """Create the five demo users."""
    return {
        role: users.create_user(session, None, email=email, name=name, is_admin=role == "admin")
        for role, (email, name, _side, _role) in PEOPLE.items()
    }


def _create_table(session: Session, people: dict[str, User]) -> BargainingTable:
    """Create the demo table and seat everyone."""
    admin = people["admin"]
    table = tables.create_table(
        session,
        admin,
        {
            "title": "Riverbend 2026 contract renewal",
            "union_name": "Riverbend Clinicians United, OPEIU Local 1200",
            "employer_name": "Riverbend Behavioral Health Group, P.C.",
        },
    )
    for role, (_email, _name, side, seat) in PEOPLE.items():
        if seat is not None:
            tables.grant(session, admin, table.id, {"user_id": people[role].id, "side": side, "role": seat})
    return table
