"""The demo shows costing at once: a schedule, a roster of 120, proposals from both sides, a TA'd cost."""

from __future__ import annotations

from decimal import Decimal

from bargaining.services.demo import create_demo


def _demo(app, client):
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        tokens = create_demo(session)
        session.commit()
        session.close()
    return tokens


def _get(client, token, path):
    response = client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.json
    return response.json


def test_the_demo_costs_both_positions_the_gap_and_the_tas(app, client):
    tokens = _demo(app, client)
    table = _get(client, tokens["union_negotiator"], "/tables")[0]["id"]
    roster = _get(client, tokens["member"], f"/tables/{table}/roster")
    assert roster["headcount"] == 120
    costing = _get(client, tokens["union_negotiator"], f"/tables/{table}/costing")
    union = Decimal(costing["union"]["headline"]["term"]["increase"])
    employer = Decimal(costing["employer"]["headline"]["term"]["increase"])
    agreed = Decimal(costing["agreed"]["headline"]["term"]["increase"])
    assert union > employer > agreed > 0
    assert abs(Decimal(costing["gap"]["term"]["gap"]) - (union - employer)) <= Decimal("0.01")
    proposals = _get(client, tokens["union_negotiator"], f"/tables/{table}/proposals?side=union&page_size=50")
    wages = next(p for p in proposals if p["title"].startswith("Wages"))
    items = _get(client, tokens["union_negotiator"], f"/proposals/{wages['id']}/costing")["report"]["items"]
    assert [i["label"] for i in items] == [f"{wages['label']} item 1", f"{wages['label']} item 2"]
    members = _get(client, tokens["member"], f"/tables/{table}/costing")
    assert members["union"] is None
    assert Decimal(members["agreed"]["headline"]["term"]["increase"]) == agreed
    view = _get(client, tokens["member"], f"/tables/{table}/costing/member-view?classification=LC&step=4")
    assert view["agreed"]["label"]
