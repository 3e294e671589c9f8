"""The status board, clause status and audit trail run a constant number of SQL statements."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, update

from bargaining.db import statements_run
from bargaining.domain.hashing import DELETED_HASH, content_hash
from bargaining.domain.records import Action, ProposalState, Side, TAState
from bargaining.models import (
    Article,
    AuditEvent,
    Clause,
    ClauseVersion,
    Proposal,
    ProposalItem,
    TAItem,
    TentativeAgreement,
    User,
)
from bargaining.services import tables
from bargaining.services.table_cache import derived
from scripts.gen_bulk import insert_ids

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class Seeded:
    """A bulk-built table."""

    table_id: int
    clause_ids: list[int]


def seed(
    app: Any,
    cast: Any,
    *,
    clauses: int,
    touched: int,
    extra_versions: int = 0,
    per_article: int = 10,
) -> Seeded:
    """Build a table of `clauses` clauses; proposals from both sides on the first `touched`."""
    session = app.extensions["sessionmaker"]()
    admin = session.get(User, cast.user_ids["admin"])
    author = cast.user_ids["union_negotiator"]
    table = tables.create_table(
        session, admin, {"title": f"{clauses} clauses", "union_name": "U", "employer_name": "E"}
    )
    tables.grant(session, admin, table.id, {"user_id": author, "side": "union", "role": "negotiator"})
    session.flush()
    n_articles = (clauses + per_article - 1) // per_article
    article_ids = insert_ids(
        session,
        Article,
        [
            {"table_id": table.id, "number": str(a + 1), "title": f"Article {a + 1}", "position": a + 1}
            for a in range(n_articles)
        ],
    )
    clause_ids = insert_ids(
        session,
        Clause,
        [
            {
                "table_id": table.id,
                "article_id": article_ids[i // per_article],
                "number": f"{i // per_article + 1}.{i % per_article + 1}",
                "position": i % per_article + 1,
            }
            for i in range(clauses)
        ],
    )
    base_ids = insert_ids(
        session,
        ClauseVersion,
        [
            {
                "clause_id": cid,
                "table_id": table.id,
                "text": f"Base text of clause {cid}.",
                "content_hash": content_hash(f"Base text of clause {cid}."),
                "author_side": "base",
                "created_by_id": author,
            }
            for cid in clause_ids
        ],
    )
    clause_table = Clause.__table__
    session.execute(
        update(clause_table)
        .where(clause_table.c.id == bindparam("cid"))
        .values(base_version_id=bindparam("vid")),
        [{"cid": cid, "vid": vid} for cid, vid in zip(clause_ids, base_ids, strict=True)],
    )
    insert_ids(
        session,
        ClauseVersion,
        [
            {
                "clause_id": clause_ids[i % len(clause_ids)],
                "table_id": table.id,
                "text": f"Old draft language {i}.",
                "content_hash": content_hash(f"Old draft language {i}."),
                "author_side": "union",
                "created_by_id": author,
            }
            for i in range(extra_versions)
        ],
    )
    _bargain(session, table.id, author, clause_ids[:touched])
    session.commit()
    session.close()
    return Seeded(table.id, clause_ids)


def _bargain(session: Any, table_id: int, author: int, clause_ids: list[int]) -> None:
    """Passed proposals from both sides, a withdrawn one, a draft, and signed and pending TAs."""
    plans = [
        (Side.UNION, 1, ProposalState.PASSED, clause_ids),
        (Side.EMPLOYER, 1, ProposalState.PASSED, clause_ids[::2]),
        (Side.UNION, 2, ProposalState.PASSED, clause_ids[1::3]),
        (Side.EMPLOYER, 2, ProposalState.WITHDRAWN, clause_ids[::5]),
        (Side.UNION, None, ProposalState.DRAFT, clause_ids),
    ]
    proposal_ids = insert_ids(
        session,
        Proposal,
        [
            {
                "table_id": table_id,
                "side": side,
                "state": state,
                "number": number,
                "label": f"{'U' if side is Side.UNION else 'E'}-{number}" if number else None,
                "title": "Bulk",
                "created_by_id": author,
                "passed_at": T0 + timedelta(minutes=k) if number else None,
                "withdrawn_at": T0 + timedelta(hours=1) if state is ProposalState.WITHDRAWN else None,
            }
            for k, (side, number, state, _) in enumerate(plans)
        ],
    )
    versions: list[dict[str, Any]] = []
    passed_items: list[dict[str, Any]] = []
    draft_items: list[dict[str, Any]] = []
    for pid, (side, _number, state, targets) in zip(proposal_ids, plans, strict=True):
        for cid in targets:
            text = f"{side.value} language for {cid}" + ("" if side is Side.UNION else " (employer)")
            item = {"proposal_id": pid, "action": Action.AMEND, "clause_id": cid, "text": text}
            if state is ProposalState.DRAFT:
                draft_items.append({**item, "version_id": None, "content_hash": None})
                continue
            versions.append(
                {
                    "clause_id": cid,
                    "table_id": table_id,
                    "text": text,
                    "content_hash": content_hash(text),
                    "author_side": side.value,
                    "proposal_id": pid,
                    "created_by_id": author,
                }
            )
            passed_items.append(item)
    version_ids = insert_ids(session, ClauseVersion, versions)
    for item, version, vid in zip(passed_items, versions, version_ids, strict=True):
        item["version_id"], item["content_hash"] = vid, version["content_hash"]
    items = passed_items + draft_items
    insert_ids(session, ProposalItem, items)
    tas = [(TAState.SIGNED, clause_ids[: len(clause_ids) // 10 + 1]), (TAState.PENDING, clause_ids[-2:])]
    ta_ids = insert_ids(
        session,
        TentativeAgreement,
        [
            {
                "table_id": table_id,
                "number": n + 1,
                "label": f"TA-{n + 1}",
                "state": state,
                "agreed_hash": "h",
                "offered_by": Side.UNION,
                "offered_by_id": author,
                "offered_at": T0 + timedelta(hours=2, minutes=n),
                "signed_at": T0 + timedelta(hours=3) if state is TAState.SIGNED else None,
            }
            for n, (state, _) in enumerate(tas)
        ],
    )
    insert_ids(
        session,
        TAItem,
        [
            {"ta_id": tid, "clause_id": cid, "action": Action.DELETE, "content_hash": DELETED_HASH}
            for tid, (_, targets) in zip(ta_ids, tas, strict=True)
            for cid in targets
        ],
    )


def counting(app: Any) -> AbstractContextManager[list[str]]:
    """Collect every SQL statement the app runs inside the block, direct ones included."""
    return statements_run(app.extensions["engine"])


def measured(app: Any, api: Any, path: str, as_: str = "union_negotiator") -> tuple[int, Any]:
    """GET a path once to warm up, then again (views cached by revision forgotten) counting its statements."""
    assert api.get(path, as_=as_).status_code == 200
    for kept in ("table_cache", "board_state"):  # count the derivation, not a read of what is kept
        if kept in app.extensions:
            app.extensions[kept].clear()
    derived.forget()  # and the records and statuses kept for the revision
    with counting(app) as statements:
        response = api.get(path, as_=as_)
    assert response.status_code == 200, response.json
    return len(statements), response.json


def test_status_board_queries_do_not_grow_with_the_table(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    small_count, small_body = measured(app, api, f"/tables/{small.table_id}/status")
    large_count, large_body = measured(app, api, f"/tables/{large.table_id}/status")
    assert small_body["counts"]["total"] == 10 and large_body["counts"]["total"] == 300
    assert large_body["counts"]["open"] > 150 and large_body["counts"]["tentatively_agreed"] == 25
    assert large_body["counts"]["ta_pending"] == 2
    assert small_count == large_count
    assert large_count <= 12, large_count
    member_small, _ = measured(app, api, f"/tables/{small.table_id}/status", as_="admin")
    member_large, _ = measured(app, api, f"/tables/{large.table_id}/status", as_="admin")
    assert member_small == member_large


def test_clause_status_queries_do_not_grow_with_the_table(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    small_count, _ = measured(app, api, f"/clauses/{small.clause_ids[3]}/status")
    large_count, body = measured(app, api, f"/clauses/{large.clause_ids[200]}/status")
    assert body["status"] == "open" and body["union"]["proposal_label"] == "U-1"
    assert small_count == large_count == 3  # token joined to the context, then items and TAs


def test_a_clause_read_is_one_statement_with_the_token_lookup(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    small_count, _ = measured(app, api, f"/clauses/{small.clause_ids[3]}")
    large_count, body = measured(app, api, f"/clauses/{large.clause_ids[200]}")
    assert body["id"] == large.clause_ids[200] and body["base_text"]
    assert small_count == large_count == 1  # the token lookup joined to the clause (and counted)


def test_audit_queries_do_not_grow_with_the_trail(app, api, cast):
    session = app.extensions["sessionmaker"]()
    actor = cast.user_ids["admin"]
    rows = [
        {"table_id": cast.table_id, "actor_id": actor, "action": f"thing.{i}", "object_type": "Thing"}
        for i in range(80)
    ]
    session.execute(insert(AuditEvent), rows[:5])
    session.commit()
    path = f"/tables/{cast.table_id}/audit?page_size=100"
    few, _ = measured(app, api, path)
    session.execute(insert(AuditEvent), rows[5:])
    session.commit()
    session.close()
    many, body = measured(app, api, path)
    assert len(body) > 80
    assert few == many


def test_a_large_contract_is_fast(app, api, cast):
    big = seed(app, cast, clauses=1500, touched=1200, extra_versions=5000, per_article=30)
    path = f"/tables/{big.table_id}/status"
    assert api.get(path).status_code == 200
    started = time.perf_counter()
    response = api.get(path)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    assert response.json["counts"]["total"] == 1500
    assert elapsed < 5.0, elapsed
