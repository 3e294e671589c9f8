"""Databases for the benchmark: a fresh one per kind, migrated, filled with generated tables and drafts.

A SQLite file lives in the run's temporary directory; a PostgreSQL schema is created for the run
and dropped at the end. Tables of 10, 150 and the big size come from scripts/gen_table.py, tokens
from the users service, and the drafts the bench passes from the proposals service.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scripts import gen_table

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
SCALE = ((1, 10, 67), (15, 150, 1000))  # smaller tables beside the big one: same versions per clause


@contextmanager
def database(kind: str, tmp: Path, pg_url: str) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.db'}"
        return
    if kind != "postgresql":
        raise ValueError(f"unknown database {kind}")
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield f"{pg_url}?options=-csearch_path%3D{schema}"
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def init_db(url: str) -> None:
    """Migrate a fresh database with bargaining.migrate.upgrade, the function `flask init-db` runs.

    The CLI itself is tested (tests/test_init_db.py); run as a process of its own here, loading
    the app cost 4 s per database on this machine, for nothing the bench measures.
    """
    from bargaining import migrate
    from bargaining.db import make_engine

    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


@dataclass
class Prepared:
    """A migrated, filled database: its tables, tokens and drafts to pass."""

    url: str
    tables: list[gen_table.Generated]  # 10, 150 and the big one
    tokens: list[dict[str, str]]  # role -> token, per table
    drafts: list[tuple[int, int]] = field(default_factory=list)  # (proposal id, version)
    seconds: float = 0.0

    @property
    def big(self) -> gen_table.Generated:
        """The big table."""
        return self.tables[-1]


def prepare(url: str, size: tuple[int, int, int], passes: int, seed: int = 1) -> Prepared:
    """Migrate, generate the tables, issue tokens, draft the proposals the bench will pass."""
    from sqlalchemy.orm import Session

    from bargaining.db import make_engine

    started = time.perf_counter()
    init_db(url)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            tables = [
                gen_table.generate(session, gen_table.Spec(*spec, seed=seed)) for spec in (*SCALE, size)
            ]
            session.commit()
            tokens = [gen_table.issue_tokens(session, t.user_ids) for t in tables]
            drafts = make_drafts(session, tables[-1], passes + 2, seed)
            session.commit()
        analyze(engine)
    finally:
        engine.dispose()
    return Prepared(url, tables, tokens, drafts, time.perf_counter() - started)


def analyze(engine: Any) -> None:
    """Give PostgreSQL's planner the statistics autovacuum would have gathered after a bulk load.

    The generator writes thousands of rows in seconds and the bench reads at once, before
    autovacuum's first pass: the planner then took the 1,500-clause table for 3 clauses and 150
    articles for 1, and the board's "what did these events touch" statement ran a nested loop
    per article (56 ms; 7 ms with statistics). A database in use has them; SQLite has no
    autovacuum and is left as it is.
    """
    from sqlalchemy import text

    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def make_drafts(session: Session, table: gen_table.Generated, count: int, seed: int) -> list[tuple[int, int]]:
    """Union drafts of five amended clauses each, through the proposals service."""
    from sqlalchemy import select

    from bargaining.models import Clause, ClauseVersion, User
    from bargaining.services import proposals

    rng = random.Random(seed)
    free = table.free_clause_ids[: count * 5]
    if len(free) < count * 5:
        raise ValueError("not enough free clauses for the drafts")
    texts = dict(
        session.execute(
            select(Clause.id, ClauseVersion.text)
            .join(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
            .where(Clause.id.in_(free))
        ).all()
    )
    actor = session.get_one(User, table.user_ids["union_negotiator"])
    out = []
    for k in range(count):
        items = [
            {"action": "amend", "clause_id": cid, "text": gen_table.edit_text(rng, texts[cid])}
            for cid in free[k * 5 : k * 5 + 5]
        ]
        data = {"title": f"Bench proposal {k + 1}", "items": items, "rationale": "Benchmark."}
        draft = proposals.create_draft(session, actor, table.table_id, data, 1_000_000)
        out.append((draft.id, draft.version))
    return out


def member_tokens(url: str, prepared: Prepared, count: int) -> list[str]:
    """Tokens of ``count`` more members seated at the big table, made through the services."""
    from sqlalchemy.orm import Session

    from bargaining.db import make_engine
    from bargaining.models import User
    from bargaining.services import tables, users

    engine = make_engine(url)
    try:
        with Session(engine) as session:
            admin = session.get_one(User, prepared.big.user_ids["admin"])
            out = []
            for k in range(count):
                member = users.create_user(session, None, email=f"rush{k}@bench.example", name=f"Member {k}")
                seat = {"user_id": member.id, "side": None, "role": "member"}
                tables.grant(session, admin, prepared.big.table_id, seat)
                out.append(users.issue_token(session, member, "bench")[1])
            session.commit()
        return out
    finally:
        engine.dispose()


def pg_version(url: str) -> str:
    """The PostgreSQL server version."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        engine.dispose()
