"""The record generator: one bargaining table of any size, from people and seats to TAs and drafts.

People, the table and seats go through the services the API uses (so the audit trail and
tokens are real); the contract and the negotiation's record go in through the bulk path
(scripts/gen_writer.py, scripts/gen_rounds.py, scripts/gen_bulk.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from scripts import gen_rounds
from scripts.gen_text import article_sizes
from scripts.gen_writer import Writer

if TYPE_CHECKING:  # the app is imported where used: importing this module loads none of it
    from sqlalchemy.orm import Session

    from bargaining.models import BargainingTable, User

ROLES = ("admin", "union_negotiator", "employer_negotiator", "member")


@dataclass(frozen=True)
class Spec:
    """What to generate."""

    articles: int = 150
    clauses: int = 1500
    versions: int = 10000
    seed: int = 1
    title: str | None = None

    def check(self) -> None:
        """Refuse sizes that cannot make a table."""
        article_sizes(self.articles, self.clauses)
        if self.versions < self.clauses:
            raise ValueError("--versions counts base versions too: it must be at least --clauses")


@dataclass
class Generated:
    """What was written: ids the benchmark needs, and counts."""

    table_id: int
    user_ids: dict[str, int]
    emails: dict[str, str]
    article_ids: list[int]
    clause_ids: list[int]
    # Clauses whose base text is about 2 KB, with every version id of each (base first).
    two_kb_versions: dict[int, list[int]] = field(default_factory=dict)
    # Clauses no TA covers (free to be proposed on), in contract order.
    free_clause_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _people(session: Session, tag: str) -> tuple[User, dict[str, User]]:
    """The generator's administrator (found or created) and this table's people, via services."""
    from sqlalchemy import select

    from bargaining.models import User
    from bargaining.services import users

    email = "gen-admin@bargaining.example"
    admin = session.scalar(select(User).where(User.email == email))
    if admin is None:
        admin = users.create_user(session, None, email=email, name="Generator Admin", is_admin=True)
    people = {"admin": admin}
    for role, name in (
        ("union_negotiator", "Union Negotiator"),
        ("employer_negotiator", "Employer Negotiator"),
        ("member", "Member"),
    ):
        address = f"{role.replace('_', '.')}.{tag}@gen.bargaining.example"
        people[role] = users.create_user(session, admin, email=address, name=f"{name} {tag}")
    return admin, people


def _open_table(session: Session, admin: User, people: dict[str, User], spec: Spec) -> BargainingTable:
    """The table, titled after the spec, with both negotiators and the member seated (via services)."""
    from bargaining.services import tables

    title = spec.title or f"Generated {spec.articles}/{spec.clauses}/{spec.versions} (seed {spec.seed})"
    table = tables.create_table(
        session,
        admin,
        {"title": title, "union_name": "Generated Union", "employer_name": "Generated Employer"},
    )
    for role, side, seat in (
        ("union_negotiator", "union", "negotiator"),
        ("employer_negotiator", "employer", "negotiator"),
        ("member", None, "member"),
    ):
        tables.grant(session, admin, table.id, {"user_id": people[role].id, "side": side, "role": seat})
    session.flush()
    return table


def generate(session: Session, spec: Spec) -> Generated:
    """Write one table as spec says; flush, never commit (like a service)."""
    from sqlalchemy import func, select

    from bargaining.domain.access import TableState
    from bargaining.models import BargainingTable
    from bargaining.services import audit

    spec.check()
    rng = random.Random(spec.seed)
    tag = f"s{spec.seed}n{(session.scalar(select(func.count(BargainingTable.id))) or 0) + 1}"
    admin, people = _people(session, tag)
    table = _open_table(session, admin, people, spec)
    writer = Writer(session, rng, table.id, {k: v.id for k, v in people.items()})
    writer.contract(spec.articles, spec.clauses, spec.seed)
    gen_rounds.bargain(writer, spec.versions - spec.clauses)
    writer.agree()
    writer.drafts()
    table.state = TableState.BARGAINING
    table.union_next = writer.next_number["union"]
    table.employer_next = writer.next_number["employer"]
    table.ta_next = writer.ta_next
    counts = writer.counts()
    audit.record(session, admin.id, "table.generated", table, table_id=table.id, detail=counts)
    session.flush()
    return Generated(
        table_id=table.id,
        user_ids={k: v.id for k, v in people.items()},
        emails={k: v.email for k, v in people.items()},
        article_ids=writer.article_ids,
        clause_ids=writer.clause_ids,
        two_kb_versions=writer.two_kb_versions(),
        free_clause_ids=[c for c in writer.clause_ids if c not in writer.agreed],
        counts=counts,
    )


def issue_tokens(session: Session, user_ids: dict[str, int], name: str = "bench") -> dict[str, str]:
    """A fresh API token per role, through the users service (clear tokens, shown once)."""
    from bargaining.models import User
    from bargaining.services import users

    return {
        role: users.issue_token(session, session.get_one(User, uid), name)[1]
        for role, uid in user_ids.items()
    }
