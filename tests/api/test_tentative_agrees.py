"""The tentative contract reads the same in the compiled contract and in the redlines."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bargaining.models import BargainingTable
from bargaining.services.demo import create_demo


def _new_text(ops: list[dict[str, str]]) -> str:
    return "".join(op["text"] for op in ops if op["kind"] != "delete")


@pytest.mark.parametrize("role", ["union_negotiator", "employer_negotiator", "member"])
def test_tentative_baseline_equals_the_compiled_contract(app, client, role):
    with app.extensions["sessionmaker"]() as session:
        tokens = create_demo(session)  # signed TAs (one a package), a pending TA, open clauses
        session.commit()
        table_id = session.scalar(select(BargainingTable.id).order_by(BargainingTable.id.desc()))
    headers = {"Authorization": f"Bearer {tokens[role]}"}
    contract = client.get(f"/api/v1/tables/{table_id}/contract", headers=headers).json
    redline = client.get(f"/api/v1/tables/{table_id}/redline?from=base&to=tentative", headers=headers).json
    compiled = {
        c["clause_id"]: c for a in contract["articles"] for c in a["clauses"] if c["text"] is not None
    }
    tentative = {c["clause_id"]: c for c in redline["clauses"] if c["change"] != "deleted"}
    assert sum(c["source"] == "agreed" for c in compiled.values()) >= 3
    assert sum(c["change"] != "unchanged" for c in tentative.values()) >= 3
    assert tentative.keys() == compiled.keys()
    assert any(c["status"] == "open" for c in compiled.values())
    for clause_id, clause in compiled.items():
        assert _new_text(tentative[clause_id]["ops"]) == clause["text"], clause_id
        assert tentative[clause_id]["new_number"] == clause["number"], clause_id
