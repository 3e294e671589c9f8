"""Costing runs a constant number of SQL statements, whatever the roster size and number of proposals."""

from __future__ import annotations

from typing import Any

from bargaining.db import statements_run
from bargaining.services.costing import costing
from tests.api.costing_world import atb, import_roster, set_up_costing
from tests.api.negotiation import Negotiation


def _build(api: Any, table_id: int, rows: int, moves: int) -> Negotiation:
    """Costing set up, a roster of `rows`, and `moves` passed proposals with terms from each side."""
    n = Negotiation(api, table_id)
    n.enter_base()
    set_up_costing(api, table_id)
    assert import_roster(api, table_id, rows).status_code == 201
    numbers = ["5.1", "5.2", "5.3", "6.1"][:moves]
    for i, number in enumerate(numbers):
        for side in ("union_negotiator", "employer_negotiator"):
            terms = atb(("2026-07-01", str(2 + i)), ("2027-07-01", "2"))
            n.propose(
                side,
                f"P{i}",
                [{"action": "amend", "clause_id": n.clauses[number], "text": f"{side} {i}", "terms": terms}],
            )
    return n


def _cold(app: Any, api: Any, path: str, as_: str = "union_negotiator") -> int:
    """Statements one uncached GET runs."""
    costing.forget()
    with statements_run(app.extensions["engine"]) as statements:
        response = api.get(path, as_=as_)
    assert response.status_code == 200, response.json
    return len(statements)


def _fresh_table(api: Any, cast: Any) -> int:
    table = api.post("/tables", {"title": "Big", "union_name": "U", "employer_name": "E"}, as_="admin").json
    for role, side, seat in (
        ("union_negotiator", "union", "negotiator"),
        ("employer_negotiator", "employer", "negotiator"),
    ):
        api.post(
            f"/tables/{table['id']}/memberships",
            {"user_id": cast.user_ids[role], "side": side, "role": seat},
            as_="admin",
        )
    return int(table["id"])


def test_the_table_costing_and_member_view_run_the_same_statements_small_or_large(app, api, cast):
    small = _build(api, cast.table_id, rows=10, moves=1)
    big_id = _fresh_table(api, cast)
    big = _build(api, big_id, rows=300, moves=4)
    for path in ("/tables/{}/costing", "/tables/{}/costing/member-view?classification=LC&step=2"):
        assert _cold(app, api, path.format(small.table_id)) == _cold(app, api, path.format(big.table_id))


def test_a_proposal_costing_runs_the_same_statements_small_or_large(app, api, cast):
    small = _build(api, cast.table_id, rows=10, moves=1)
    big_id = _fresh_table(api, cast)
    big = _build(api, big_id, rows=300, moves=4)
    first = small.proposals["U-1"]
    last = big.proposals["E-4"]
    assert _cold(app, api, f"/proposals/{first}/costing") == _cold(app, api, f"/proposals/{last}/costing")


def test_a_cached_costing_runs_only_the_access_and_revision_reads(app, api, cast):
    n = _build(api, cast.table_id, rows=10, moves=1)
    path = f"/tables/{n.table_id}/costing"
    cold = _cold(app, api, path)
    with statements_run(app.extensions["engine"]) as statements:
        assert api.get(path).status_code == 200
    assert len(statements) < cold
    assert len(statements) <= 5


def test_roster_import_runs_the_same_statements_for_ten_rows_or_three_hundred(app, api, cast):
    set_up_costing(api, cast.table_id)
    counts = []
    for rows in (10, 300):
        with statements_run(app.extensions["engine"]) as statements:
            assert import_roster(api, cast.table_id, rows).status_code == 201
        counts.append(len(statements))
    assert counts[0] == counts[1]
