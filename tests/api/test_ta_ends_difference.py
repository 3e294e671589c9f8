"""A signed TA ends the difference: every consumer of clause status agrees on every clause.

The status board, a clause's status, the union-versus-employer redline, the TA summary and the
compiled contract are checked against each other over the demo negotiation and over negotiations
hypothesis generates through the API (both databases).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bargaining.models import BargainingTable
from bargaining.services.demo import create_demo
from tests.api.negotiation import Negotiation

TEXTS = ("Seventy clients.", "Sixty clients.", "No more than fifty clients, averaged monthly.")


def _ok(api: Any, path: str, as_: str) -> Any:
    """GET and insist on 200."""
    response = api.get(path, as_=as_)
    assert response.status_code == 200, (path, response.json)
    return response.json


def _agreed_in_summary(summary: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Clause id -> its signed agreement as the TA summary lists it."""
    return {
        c["clause_id"]: c
        for article in summary["articles"]
        for c in article["agreed"]
        if c["ta_state"] == "signed"
    }


def assert_consumers_agree(api: Any, table_id: int, as_: str = "admin") -> int:
    """Check every clause of the table across the five consumers; return how many are agreed."""
    board = _ok(api, f"/tables/{table_id}/status", as_)
    summary = _agreed_in_summary(_ok(api, f"/tables/{table_id}/ta-summary?audience=self", as_))
    contract = _ok(api, f"/tables/{table_id}/contract", as_)
    compiled = {c["clause_id"]: c for a in contract["articles"] for c in a["clauses"]}
    agreed = 0
    for row in (c for a in board["articles"] for c in a["clauses"]):
        clause_id = row["id"]
        status = _ok(api, f"/clauses/{clause_id}/status", as_)
        for key in ("status", "union", "employer", "agreed", "ta_id", "ready_to_ta"):
            assert status[key] == row[key], (clause_id, key)
        redline = _ok(
            api, f"/clauses/{clause_id}/redline?from=union&to=employer&ignore_whitespace=false", as_
        )
        differs = row["union"]["content_hash"] != row["employer"]["content_hash"]
        assert redline["summary"]["changed"] == differs, (clause_id, row)
        if row["status"] != "tentatively_agreed":
            assert clause_id not in summary, clause_id
            assert compiled.get(clause_id, {}).get("source") != "agreed", clause_id
            continue
        agreed += 1
        hashes = {
            row["union"]["content_hash"],
            row["employer"]["content_hash"],
            row["agreed"]["content_hash"],
        }
        assert len(hashes) == 1, (clause_id, row)
        assert not redline["summary"]["changed"], (clause_id, redline["ops"])
        assert summary[clause_id]["ta_id"] == row["ta_id"], clause_id
        in_contract = compiled.get(clause_id)
        if row["agreed"]["kind"] == "delete":  # an agreed deletion leaves the tentative contract
            assert in_contract is None or in_contract["text"] is None, clause_id
            assert summary[clause_id]["deleted"], clause_id
            continue
        assert in_contract is not None and in_contract["status"] == "tentatively_agreed", clause_id
        assert in_contract["text"] == summary[clause_id]["text"], clause_id
    return agreed


def test_demo_negotiation_consumers_agree_on_every_clause(app, client):
    with app.extensions["sessionmaker"]() as session:
        tokens = create_demo(session)
        session.commit()
        table_id = session.scalar(select(BargainingTable.id).order_by(BargainingTable.id.desc()))

    class DemoApi:
        """GET as a demo role."""

        def get(self, path: str, as_: str) -> Any:
            """GET with the demo role's token."""
            return client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {tokens[as_]}"})

    assert assert_consumers_agree(DemoApi(), table_id, "admin") >= 3
    assert assert_consumers_agree(DemoApi(), table_id, "union_negotiator") >= 3


def _new_table(api: Any, cast: Any) -> Negotiation:
    """A fresh table seating the cast's two negotiators, with the base contract entered."""
    made = api.post("/tables", {"title": "Gen", "union_name": "U", "employer_name": "E"}, as_="admin")
    assert made.status_code == 201, made.json
    table_id = made.json["id"]
    for role in ("union_negotiator", "employer_negotiator"):
        seat = {"user_id": cast.user_ids[role], "side": role.split("_")[0], "role": "negotiator"}
        assert api.post(f"/tables/{table_id}/memberships", seat, as_="admin").status_code == 201
    negotiation = Negotiation(api, table_id)
    negotiation.enter_base()
    return negotiation


def _ta_etag(ta: dict[str, Any]) -> dict[str, str]:
    """If-Match for a TA as last read."""
    return {"If-Match": f'"ta-{ta["id"]}-v{ta["version"]}"'}


def _agree_on(api: Any, n: Negotiation, number: str, by: str) -> None:
    """Offer a TA at one side's current position on the clause, and countersign it."""
    side = by.split("_")[0]
    row = n.clause(number)
    position = row[side]
    item: dict[str, Any] = {"clause_id": n.clauses[number], "action": "status_quo"}
    if position["kind"] == "version":
        item = {"clause_id": n.clauses[number], "action": "amend", "version_id": position["version_id"]}
    elif position["kind"] == "delete":
        item = {"clause_id": n.clauses[number], "action": "delete"}
    offered = api.post(f"/tables/{n.table_id}/tentative-agreements", {"items": [item]}, as_=by)
    if offered.status_code != 201:
        return  # e.g. a pending TA covers the clause already
    other = "employer_negotiator" if side == "union" else "union_negotiator"
    signed = api.post(
        f"/tentative-agreements/{offered.json['id']}/sign", {}, as_=other, headers=_ta_etag(offered.json)
    )
    assert signed.status_code == 200, signed.json


def _reopen(api: Any, n: Negotiation, number: str) -> None:
    """Reopen the clause's signed TA by both sides' consent, if there is one."""
    row = n.clause(number)
    if row["status"] != "tentatively_agreed":
        return
    ta = _ok(api, f"/tentative-agreements/{row['ta_id']}", "union_negotiator")
    asked = api.post(
        f"/tentative-agreements/{ta['id']}/reopen-request",
        {"reason": "Gen"},
        as_="union_negotiator",
        headers=_ta_etag(ta),
    )
    assert asked.status_code == 200, asked.json
    done = api.post(
        f"/tentative-agreements/{ta['id']}/reopen-consent",
        as_="employer_negotiator",
        headers=_ta_etag(asked.json),
    )
    assert done.status_code == 200, done.json


MOVES = st.lists(
    st.one_of(
        st.tuples(
            st.just("propose"),
            st.sampled_from(["union_negotiator", "employer_negotiator"]),
            st.sampled_from(["5.1", "5.2", "6.1"]),
            st.sampled_from([*TEXTS, None]),
        ),
        st.tuples(
            st.just("agree"),
            st.sampled_from(["union_negotiator", "employer_negotiator"]),
            st.sampled_from(["5.1", "5.2", "6.1"]),
        ),
        st.tuples(st.just("reopen"), st.sampled_from(["5.1", "5.2", "6.1"])),
    ),
    min_size=1,
    max_size=7,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moves=MOVES)
def test_generated_negotiations_consumers_agree_on_every_clause(api, cast, moves):
    n = _new_table(api, cast)
    for move in moves:
        if move[0] == "propose":
            _, who, number, text = move
            item = {"action": "delete", "clause_id": n.clauses[number]}
            if text is not None:
                item = {"action": "amend", "clause_id": n.clauses[number], "text": text}
            draft = n.draft(who, "Gen", [item])
            api.post(f"/proposals/{draft['id']}/pass", {}, as_=who, headers={"If-Match": draft["etag"]})
        elif move[0] == "agree":
            _agree_on(api, n, move[2], move[1])
        else:
            _reopen(api, n, move[1])
        assert_consumers_agree(api, n.table_id)
