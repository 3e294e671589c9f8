"""Economic terms on proposals and what they cost, read by each role, through the API on both databases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.api.costing_world import atb, import_roster, set_up_costing
from tests.api.negotiation import Negotiation

WAGES = [("2026-07-01", "5"), ("2027-07-01", "4"), ("2028-07-01", "4")]
OFFER = [("2026-07-01", "2"), ("2027-07-01", "2"), ("2028-07-01", "2")]


@pytest.fixture
def table(api, cast):
    """A table with a base contract, costing set up and the roster imported by the union."""
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    set_up_costing(api, cast.table_id)
    assert import_roster(api, cast.table_id).status_code == 201
    return n


def _amend(n: Negotiation, number: str, text: str, terms: list[dict]) -> dict:
    return {"action": "amend", "clause_id": n.clauses[number], "text": text, "terms": terms}


def _term_increase(report: dict) -> Decimal:
    return Decimal(report["headline"]["term"]["increase"])


def test_a_draft_with_terms_is_costed_for_its_side_only(api, table):
    draft = table.draft("union_negotiator", "Wages", [_amend(table, "5.1", "Raises.", atb(*WAGES))])
    assert draft["items"][0]["terms"][0]["kind"] == "across_the_board"
    mine = api.get(f"/proposals/{draft['id']}/costing")
    assert mine.status_code == 200, mine.json
    report = mine.json["report"]
    assert len(report["headline"]["years"]) == 3
    assert _term_increase(report) > 0
    assert report["items"][0]["proposal_id"] == draft["id"]
    assert api.get(f"/proposals/{draft['id']}/costing", as_="union_observer").status_code == 200
    assert api.get(f"/proposals/{draft['id']}/costing", as_="employer_negotiator").status_code == 404
    assert api.get(f"/proposals/{draft['id']}/costing", as_="member").status_code == 404


@pytest.mark.parametrize(
    ("term", "field"),
    [
        ({"kind": "bonus_for_all", "effective": "2026-07-01"}, "items.0.terms[0].kind"),
        (
            {"kind": "paid_time", "name": "Holiday", "hours_per_fte": "-8", "effective": "2026-07-01"},
            "items.0.terms[0].hours_per_fte",
        ),
        (
            {"kind": "across_the_board", "effective": "2031-07-01", "percent": "3"},
            "items.0.terms[0].effective",
        ),
        (
            {
                "kind": "across_the_board",
                "effective": "2026-07-01",
                "percent": "3",
                "classifications": ["ZZ"],
            },
            "items.0.terms[0].classifications[0]",
        ),
    ],
)
def test_terms_are_validated_strictly(api, cast, table, term, field):
    made = api.post(
        f"/tables/{cast.table_id}/proposals",
        {"title": "Bad", "items": [_amend(table, "5.1", "X.", [term])]},
    )
    assert made.status_code == 422, made.json
    assert field in made.json["error"]["fields"], made.json


def test_terms_only_ride_on_language(api, cast, table):
    made = api.post(
        f"/tables/{cast.table_id}/proposals",
        {
            "title": "Bad",
            "items": [{"action": "status_quo", "clause_id": table.clauses["5.1"], "terms": atb(*WAGES)}],
        },
    )
    assert made.status_code == 422
    assert "items.0.terms" in made.json["error"]["fields"]


def test_a_counter_from_their_text_copies_their_terms(api, table):
    u1 = table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Raises.", atb(*WAGES))])
    counter = api.post(f"/proposals/{u1['id']}/counter", {}, as_="employer_negotiator")
    assert counter.status_code == 201, counter.json
    assert counter.json["items"][0]["terms"] == u1["items"][0]["terms"]
    blank = api.post(f"/proposals/{u1['id']}/counter", {"copy_text": False}, as_="employer_negotiator")
    assert blank.json["items"][0]["terms"] is None


def test_passed_terms_never_change(api, table):
    draft = table.draft("union_negotiator", "Wages", [_amend(table, "5.1", "Raises.", atb(*WAGES))])
    passed = table.pass_("union_negotiator", draft)
    edit = api.patch(
        f"/proposals/{passed['id']}",
        {"items": [_amend(table, "5.1", "Raises.", atb(("2026-07-01", "9")))]},
        headers={"If-Match": f'"proposal-{passed["id"]}-v{passed["version"]}"'},
    )
    assert edit.status_code == 409


def test_the_table_costing_shows_positions_the_gap_and_moves_when_a_ta_is_signed(api, cast, table):
    u1 = table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Union raises.", atb(*WAGES))])
    e1 = table.propose(
        "employer_negotiator", "Wages", [_amend(table, "5.1", "Employer raises.", atb(*OFFER))]
    )
    costing = api.get(f"/tables/{cast.table_id}/costing").json
    union, employer = _term_increase(costing["union"]), _term_increase(costing["employer"])
    assert union > employer > 0
    assert abs(Decimal(costing["gap"]["term"]["gap"]) - (union - employer)) <= Decimal("0.01")
    assert _term_increase(costing["agreed"]) == 0
    assert all(Decimal(y["amount"]) > 0 for y in costing["cost_per_percent"])
    assert (
        api.get(f"/tables/{cast.table_id}/costing", as_="employer_negotiator").json["gap"] == costing["gap"]
    )

    ta = table.offer(
        "union_negotiator",
        [{"clause_id": table.clauses["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]}],
    )
    pending = api.get(f"/tables/{cast.table_id}/costing").json
    assert _term_increase(pending["agreed"]) == 0
    table.sign("employer_negotiator", ta)
    signed = api.get(f"/tables/{cast.table_id}/costing").json
    assert _term_increase(signed["agreed"]) == employer
    assert _term_increase(signed["union"]) == employer
    assert Decimal(signed["gap"]["term"]["gap"]) == 0
    assert u1["id"] != e1["id"]


def test_members_see_only_the_aggregate_value_of_the_tas(api, cast, table):
    table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Union raises.", atb(*WAGES))])
    seen = api.get(f"/tables/{cast.table_id}/costing", as_="member")
    assert seen.status_code == 200
    assert seen.json["union"] is None
    assert seen.json["employer"] is None
    assert seen.json["gap"] is None
    assert seen.json["roster_batch_id"] is None
    view = api.get(f"/tables/{cast.table_id}/costing/member-view?classification=LC&step=3", as_="member")
    assert view.status_code == 200, view.json
    assert view.json["union"] is None
    assert len(view.json["agreed"]["years"]) == 3


def test_the_member_view_shows_a_clinicians_gain_under_each_position(api, cast, table):
    table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Union raises.", atb(*WAGES))])
    view = api.get(f"/tables/{cast.table_id}/costing/member-view?classification=LC&step=10")
    assert view.status_code == 200, view.json
    union = view.json["union"]["years"]
    assert Decimal(union[0]["gain"]) > 0
    assert Decimal(union[2]["gain"]) > Decimal(union[0]["gain"])
    assert Decimal(view.json["agreed"]["term_gain"]) == 0
    unknown = api.get(f"/tables/{cast.table_id}/costing/member-view?classification=ZZ&step=1")
    assert unknown.status_code == 422


def test_a_scenario_is_private_to_its_side_with_its_cost(api, cast, table):
    draft = table.draft("union_negotiator", "Wages", [_amend(table, "5.1", "Raises.", atb(*WAGES))])
    made = api.post(
        f"/tables/{cast.table_id}/costing/scenarios",
        {"title": "What if 3 %", "terms": atb(("2026-07-01", "3")), "from_proposals": [draft["id"]]},
    )
    assert made.status_code == 201, made.json
    assert len(made.json["terms"]) == 4
    sid = made.json["id"]
    cost = api.get(f"/costing/scenarios/{sid}/costing", as_="union_observer")
    assert cost.status_code == 200, cost.json
    assert _term_increase(cost.json["report"]) > 0
    for role in ("employer_negotiator", "member", "admin"):
        assert api.get(f"/costing/scenarios/{sid}", as_=role).status_code == 404, role
        assert api.get(f"/costing/scenarios/{sid}/costing", as_=role).status_code == 404, role
    theirs = api.get(f"/tables/{cast.table_id}/costing/scenarios", as_="employer_negotiator").json
    assert theirs == []
    etag = api.get(f"/costing/scenarios/{sid}").headers["ETag"]
    edited = api.patch(
        f"/costing/scenarios/{sid}", {"terms": atb(("2026-07-01", "1"))}, headers={"If-Match": etag}
    )
    assert edited.status_code == 200, edited.json
    cheaper = api.get(f"/costing/scenarios/{sid}/costing").json
    assert _term_increase(cheaper["report"]) < _term_increase(cost.json["report"])


def test_the_employer_cannot_build_a_scenario_from_a_union_draft(api, cast, table):
    draft = table.draft("union_negotiator", "Wages", [_amend(table, "5.1", "Raises.", atb(*WAGES))])
    made = api.post(
        f"/tables/{cast.table_id}/costing/scenarios",
        {"title": "Peek", "from_proposals": [draft["id"]]},
        as_="employer_negotiator",
    )
    assert made.status_code == 422
    assert "from_proposals" in made.json["error"]["fields"]


def test_costing_before_settings_is_a_clear_conflict(api, cast):
    got = api.get(f"/tables/{cast.table_id}/costing")
    assert got.status_code == 409
    assert got.json["error"]["code"] == "costing_not_set_up"


def test_a_costing_sheet_comes_as_csv(api, cast, table):
    table.propose("union_negotiator", "Wages", [_amend(table, "5.1", "Union raises.", atb(*WAGES))])
    sheet = api.get(f"/tables/{cast.table_id}/costing?format=csv")
    assert sheet.status_code == 200
    assert sheet.mimetype == "text/csv"


@pytest.mark.parametrize(("fmt", "mimetype", "magic"), [
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("svg", "image/svg+xml", b"<?xml"),
    ("png", "image/png", b"\x89PNG"),
])
def test_costing_documents_come_as_sheets_and_charts(api, cast, table, fmt, mimetype, magic):
    draft = table.draft("union_negotiator", "Wages", [_amend(table, "5.1", "Raises.", atb(*WAGES))])
    for path in (f"/tables/{cast.table_id}/costing", f"/proposals/{draft['id']}/costing"):
        doc = api.get(f"{path}?format={fmt}")
        assert doc.status_code == 200, path
        assert doc.mimetype == mimetype
        assert doc.data.startswith(magic)
    members = api.get(f"/tables/{cast.table_id}/costing?format={fmt}", as_="member")
    assert members.status_code == 200
    if fmt == "svg":
        assert b"Union" not in members.data and b"Agreed" in members.data
