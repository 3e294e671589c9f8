"""'What the tentative agreements are worth' on the TA summary and the members' page, on both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bargaining.services.costing import demo_data
from tests.api.costing_world import atb, import_roster, set_up_costing
from tests.api.negotiation import Negotiation

WAGES = [("2026-07-01", "5"), ("2027-07-01", "4"), ("2028-07-01", "4")]
OFFER = [("2026-07-01", "2"), ("2027-07-01", "2"), ("2028-07-01", "2")]


@pytest.fixture
def table(api, cast):
    """A table with a base contract, costing set up and the union's roster imported."""
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    set_up_costing(api, cast.table_id)
    assert import_roster(api, cast.table_id).status_code == 201
    return n


def _amend(n: Negotiation, number: str, text: str, terms: list[dict]) -> dict:
    return {"action": "amend", "clause_id": n.clauses[number], "text": text, "terms": terms}


def _worth(api, table_id: int, as_: str, audience: str = "self") -> dict:
    got = api.get(f"/tables/{table_id}/ta-summary?audience={audience}", as_=as_)
    assert got.status_code == 200, got.json
    return got.json["ta_worth"]


def _agree_employer_offer(api, table: Negotiation) -> None:
    """Both sides pass wages; the union accepts the employer's language and terms; both sign."""
    table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Union raises.", atb(*WAGES))])
    e1 = table.propose(
        "employer_negotiator", "Wages", [_amend(table, "5.1", "Employer raises.", atb(*OFFER))]
    )
    item = {"clause_id": table.clauses["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]}
    table.sign("employer_negotiator", table.offer("union_negotiator", [item]))


def test_a_table_without_costing_says_so(api, cast):
    Negotiation(api, cast.table_id).enter_base()
    for role, audience in (("member", "self"), ("union_negotiator", "self"), ("union_negotiator", "members")):
        worth = _worth(api, cast.table_id, role, audience)
        assert worth["available"] is False
        assert worth["reason"] == "costing_not_set_up"
        assert worth["years"] == [] and worth["chart_svg"] is None
    page = api.client.get(f"/tables/{cast.table_id}/summary", headers=cast.headers("member"))
    assert page.status_code == 200
    assert "What the tentative agreements are worth" in page.get_data(as_text=True)
    assert "no costing yet" in page.get_data(as_text=True)


def test_settings_without_a_roster_say_so(api, cast):
    Negotiation(api, cast.table_id).enter_base()
    set_up_costing(api, cast.table_id)
    assert _worth(api, cast.table_id, "member")["reason"] == "no_roster"


def test_the_figures_are_the_costings_tad_figures_and_move_when_a_ta_is_signed(api, cast, table):
    before = _worth(api, cast.table_id, "member")
    assert before["available"] is True and before["reason"] is None
    assert before["term_increase"] == "0.00"
    assert all(Decimal(y["member_gain"]) == 0 for y in before["years"])

    _agree_employer_offer(api, table)

    costing = api.get(f"/tables/{cast.table_id}/costing").json
    agreed = costing["agreed"]["headline"]
    for role, audience in (("member", "self"), ("union_negotiator", "self"), ("union_negotiator", "members")):
        worth = _worth(api, cast.table_id, role, audience)
        assert worth["term_increase"] == agreed["term"]["increase"]
        assert [y["increase"] for y in worth["years"]] == [y["total"]["increase"] for y in agreed["years"]]
        assert [y["cost_per_percent"] for y in worth["years"]] == [
            y["amount"] for y in costing["cost_per_percent"]
        ]
        assert Decimal(worth["term_increase"]) > 0
        assert worth["chart_svg"].startswith("<?xml") and "<svg" in worth["chart_svg"]
    typical = worth["typical"]
    member_view = api.get(
        f"/tables/{cast.table_id}/costing/member-view?classification={typical['classification']}"
        f"&step={typical['step']}",
        as_="member",
    ).json["agreed"]
    assert [y["member_gain"] for y in worth["years"]] == [y["gain"] for y in member_view["years"]]
    assert typical["term_gain"] == member_view["term_gain"]
    assert Decimal(typical["term_gain"]) > 0


def test_a_pending_ta_and_a_passed_position_are_not_counted(api, cast, table):
    table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Union raises.", atb(*WAGES))])
    e1 = table.propose(
        "employer_negotiator", "Wages", [_amend(table, "5.1", "Employer raises.", atb(*OFFER))]
    )
    item = {"clause_id": table.clauses["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]}
    table.offer("union_negotiator", [item])
    for role in ("member", "union_negotiator", "employer_negotiator"):
        assert _worth(api, cast.table_id, role)["term_increase"] == "0.00"


def test_members_never_see_roster_rows_or_the_employers_roster(api, cast, table):
    secret = "EMP-SECRET-77"
    csv = f"Employee ID,Classification,Step,FTE\n{secret},LC,2,1\nX2,AC,1,1\n"
    assert (
        api.post(f"/tables/{cast.table_id}/roster", {"csv": csv}, as_="employer_negotiator").status_code
        == 201
    )
    _agree_employer_offer(api, table)
    union_ids = [line.split(",")[0] for line in demo_data.roster_csv(120).splitlines()[1:]]
    member = api.get(f"/tables/{cast.table_id}/ta-summary", as_="member")
    page = api.client.get(f"/tables/{cast.table_id}/summary", headers=cast.headers("member"))
    for body in (member.get_data(as_text=True), page.get_data(as_text=True)):
        assert secret not in body
        assert not [key for key in union_ids if f'"{key}"' in body or f">{key}<" in body]
    assert member.json["ta_worth"]["headcount"] == 120  # the union's roster, as /costing for members
    employer = _worth(api, cast.table_id, "employer_negotiator")
    assert employer["headcount"] == 2  # the employer's own roster, as its /costing reads
    assert (
        employer["term_increase"]
        == api.get(f"/tables/{cast.table_id}/costing", as_="employer_negotiator").json["agreed"]["headline"][
            "term"
        ]["increase"]
    )


def test_the_members_page_shows_the_block_with_its_chart(api, cast, table):
    _agree_employer_offer(api, table)
    worth = _worth(api, cast.table_id, "member")
    page = api.client.get(f"/tables/{cast.table_id}/summary", headers=cast.headers("member"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "What the tentative agreements are worth" in html
    assert "<svg" in html
    assert worth["sentence"].split(" worth ")[1].split(" over")[0] in html  # the term's amount
    typical = worth["typical"]
    assert f"step {typical['step']}" in html
