"""A draft from an uploaded document carries new and retitled articles as items, through pass and TA."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.api.negotiation import Negotiation
from tests.api.test_intake_compare import BASE

# Article 2 is retitled with its language unchanged, Article 3's clause changes under a new
# title, Article 7 is new with two clauses; Article 6 is left as it is.
PAPER = """ARTICLE 1 - HOURS
Section 1.1 Workday. The workday is eight hours.
Section 1.2 Breaks. Employees get two paid breaks.

ARTICLE 2 - HOLIDAYS AND LEAVE
Section 2.1 Paid Holidays. Employees get eleven holidays.

ARTICLE 3 - OVERTIME PAY
Section 3.1 Rate. Overtime is paid at double time.

ARTICLE 6 - PARKING
Section 6.1 Free Parking. The Employer provides free parking.

ARTICLE 7 - SAFETY
Section 7.1 Equipment. The Employer provides protective equipment.
Section 7.2 Training. Employees are trained before using new equipment.
"""


@pytest.fixture
def talks(api: Any, cast: Any) -> Negotiation:
    """A table whose base is BASE."""
    assert api.post(f"/tables/{cast.table_id}/import", {"text": BASE}).status_code == 201
    return Negotiation(api, cast.table_id)


def _draft(api: Any, table_id: int, as_: str = "union_negotiator") -> Any:
    """Draft a proposal from PAPER against the base."""
    return api.post(f"/tables/{table_id}/intake/proposal?against=base&title=Paper", {"text": PAPER}, as_=as_)


def _articles(api: Any, table_id: int, ref: str, as_: str = "union_negotiator") -> dict[str, Any]:
    """The table redline base -> ref, as {article number: (old title, title, [(clause, change)])}."""
    redline = api.get(f"/tables/{table_id}/redline?from=base&to={ref}", as_=as_)
    assert redline.status_code == 200, redline.json
    out: dict[str, Any] = {}
    for c in redline.json["clauses"]:
        entry = out.setdefault(c["article_number"], (c["old_article_title"], c["article_title"], []))
        entry[2].append((c["new_number"] or c["old_number"], c["change"]))
    return out


def test_new_articles_and_retitles_are_items_of_the_draft(api, talks):
    response = _draft(api, talks.table_id)
    assert response.status_code == 201, response.json
    items = response.json["items"]
    renames = {(i["new_article_number"], i["new_article_title"]) for i in items if i["action"] == "amend"}
    assert renames == {(None, "HOLIDAYS AND LEAVE"), (None, "OVERTIME PAY")}
    holidays = next(i for i in items if i["new_article_title"] == "HOLIDAYS AND LEAVE")
    assert holidays["text"] == "Employees get eleven holidays."  # the language is kept, the title changes
    added = sorted(
        (i["number"], i["new_article_number"], i["new_article_title"]) for i in items if i["action"] == "add"
    )
    assert added == [("7.1", "7", "SAFETY"), ("7.2", "7", "SAFETY")]
    assert "retitled" not in response.json["rationale"]
    assert api.get(f"/proposals/{response.json['id']}", as_="employer_negotiator").status_code == 404
    assert "7" not in _articles(api, talks.table_id, "union")  # a draft is no position


def test_passing_and_signing_carry_the_new_article_and_the_retitle_into_the_record(api, talks):
    drafted = _draft(api, talks.table_id)
    assert drafted.status_code == 201, drafted.json
    passed = talks.pass_("union_negotiator", {**drafted.json, "etag": drafted.headers["ETag"]})
    position = _articles(api, talks.table_id, "union", as_="employer_negotiator")
    assert position["2"] == ("HOLIDAYS", "HOLIDAYS AND LEAVE", [("2.1", "unchanged")])
    assert position["3"] == ("OVERTIME", "OVERTIME PAY", [("3.1", "changed")])
    assert position["7"] == ("SAFETY", "SAFETY", [("7.1", "added"), ("7.2", "added")])
    assert _articles(api, talks.table_id, "employer")["2"][:2] == ("HOLIDAYS", "HOLIDAYS")
    offered = [
        {"clause_id": i["clause_id"], "action": i["action"], "version_id": i["version_id"]}
        for i in passed["items"]
    ]
    ta = talks.offer("union_negotiator", offered)
    assert [a["title"] for a in api.get(f"/tables/{talks.table_id}/contract").json["articles"]] == [
        "HOURS",
        "HOLIDAYS",
        "OVERTIME",
        "PARKING",
    ]  # pending: nothing agreed yet
    talks.sign("employer_negotiator", ta)
    contract = api.get(f"/tables/{talks.table_id}/contract").json["articles"]
    assert [(a["number"], a["title"]) for a in contract] == [
        ("1", "HOURS"),
        ("2", "HOLIDAYS AND LEAVE"),
        ("3", "OVERTIME PAY"),
        ("6", "PARKING"),
        ("7", "SAFETY"),
    ]
    assert [c["number"] for c in contract[4]["clauses"]] == ["7.1", "7.2"]
    tentative = _articles(api, talks.table_id, "tentative", as_="member")
    assert tentative["2"] == ("HOLIDAYS", "HOLIDAYS AND LEAVE", [("2.1", "unchanged")])
    assert tentative["7"][2] == [("7.1", "added"), ("7.2", "added")]
    assert _articles(api, talks.table_id, "base")["2"][:2] == ("HOLIDAYS", "HOLIDAYS")


def test_a_renumbered_article_is_renumbered_by_its_items(api, talks):
    moved = BASE.replace("ARTICLE 3 - OVERTIME\nSection 3.1", "ARTICLE 4 - OVERTIME\nSection 4.1")
    response = api.post(f"/tables/{talks.table_id}/intake/proposal", {"text": moved})
    assert response.status_code == 201, response.json
    [item] = response.json["items"]
    assert (item["action"], item["number"], item["new_article_number"], item["new_article_title"]) == (
        "amend",
        "4.1",
        "4",
        None,
    )


def _upload_with_key(api: Any, table_id: int, key: str, text: str = PAPER) -> Any:
    """POST PAPER as a multipart file with an Idempotency-Key (the client draws a new boundary each time)."""
    return api.client.post(
        f"/api/v1/tables/{table_id}/intake/proposal",
        data={"file": (io.BytesIO(text.encode()), "paper.txt")},
        headers={**api.cast.headers("union_negotiator"), "Idempotency-Key": key},
        content_type="multipart/form-data",
    )


def test_a_retried_upload_with_its_idempotency_key_makes_one_draft(api, talks):
    first = _upload_with_key(api, talks.table_id, "paper-1")
    assert first.status_code == 201, first.json
    again = _upload_with_key(api, talks.table_id, "paper-1")
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json["id"] == first.json["id"]
    assert len(api.get(f"/tables/{talks.table_id}/proposals").json) == 1
    other = _upload_with_key(api, talks.table_id, "paper-1", PAPER.replace("double", "triple"))
    assert other.status_code == 422 and other.json["error"]["code"] == "idempotency_key_reused"


# Clause 1.3 moves to Article 3 (an existing article) as 3.2; clause 6.2 moves to the new Article 7.
MOVES_BASE = """ARTICLE 1 - HOURS
Section 1.1 Workday. The workday is eight hours.
Section 1.2 Breaks. Employees get two paid breaks.
Section 1.3 Call Back. Employees called back get two hours.

ARTICLE 3 - OVERTIME
Section 3.1 Rate. Overtime is paid at time and one half.

ARTICLE 6 - PARKING
Section 6.1 Free Parking. The Employer provides free parking.
Section 6.2 Bicycles. The Employer provides secure bicycle racks.
"""
MOVES = """ARTICLE 1 - HOURS
Section 1.1 Workday. The workday is eight hours.
Section 1.2 Breaks. Employees get two paid breaks.

ARTICLE 3 - OVERTIME
Section 3.1 Rate. Overtime is paid at time and one half.
Section 3.2 Call Back. Employees called back get two hours.

ARTICLE 6 - PARKING
Section 6.1 Free Parking. The Employer provides free parking.

ARTICLE 7 - COMMUTING
Section 7.1 Bicycles. The Employer provides secure bicycle racks.
Section 7.2 Transit. The Employer pays half of a transit pass.
"""


@pytest.fixture
def moves(api: Any, cast: Any) -> Negotiation:
    """A table whose base is MOVES_BASE."""
    assert api.post(f"/tables/{cast.table_id}/import", {"text": MOVES_BASE}).status_code == 201
    return Negotiation(api, cast.table_id)


def _clause_ids(talks: Negotiation) -> dict[str, int]:
    """The clause ids by number, from the board."""
    return {c["number"]: c["id"] for a in talks.board()["articles"] for c in a["clauses"]}


def _moved(api: Any, table_id: int, ref: str, as_: str) -> set[tuple[str, str, str]]:
    """The redline base -> ref's moved clauses as (article now, old number, new number)."""
    clauses = api.get(f"/tables/{table_id}/redline?from=base&to={ref}", as_=as_).json["clauses"]
    return {
        (c["article_number"], c["old_number"], c["new_number"]) for c in clauses if c["change"] == "moved"
    }


def test_a_clause_moved_to_another_article_is_a_delete_there_and_an_add_here(api, moves):
    ids = _clause_ids(moves)
    drafted = api.post(f"/tables/{moves.table_id}/intake/proposal?against=base&title=Moves", {"text": MOVES})
    assert drafted.status_code == 201, drafted.json
    items = drafted.json["items"]
    deleted = sorted(i["clause_id"] for i in items if i["action"] == "delete")
    assert deleted == sorted([ids["1.3"], ids["6.2"]])
    added = sorted(
        (i["number"], i["heading"], i["text"], i["new_article_number"], i["new_article_title"])
        for i in items
        if i["action"] == "add"
    )
    assert added == [
        ("3.2", "Call Back", "Employees called back get two hours.", None, None),
        ("7.1", "Bicycles", "The Employer provides secure bicycle racks.", "7", "COMMUTING"),
        ("7.2", "Transit", "The Employer pays half of a transit pass.", "7", "COMMUTING"),
    ]
    assert not [i for i in items if i["action"] == "amend"]  # nothing proposed in its old place
    rationale = drafted.json["rationale"]
    assert "Clause 3.2 of Article 3 moved from Article 1 (Clause 1.3)" in rationale
    assert "Clause 7.1 of Article 7 moved from Article 6 (Clause 6.2)" in rationale
    assert api.get(f"/proposals/{drafted.json['id']}", as_="employer_negotiator").status_code == 404
    assert api.get(f"/tables/{moves.table_id}/proposals", as_="employer_negotiator").json == []
    unseen = _articles(api, moves.table_id, "union", as_="employer_negotiator")
    assert unseen["1"][2] == [("1.1", "unchanged"), ("1.2", "unchanged"), ("1.3", "unchanged")]
    assert "7" not in unseen

    passed = moves.pass_("union_negotiator", {**drafted.json, "etag": drafted.headers["ETag"]})
    position = _articles(api, moves.table_id, "union", as_="employer_negotiator")
    assert position["1"][2] == [("1.1", "unchanged"), ("1.2", "unchanged")]  # 1.3 gone from Article 1
    assert position["3"][2] == [("3.1", "unchanged"), ("3.2", "moved")]  # and shown where it went
    assert position["6"][2] == [("6.1", "unchanged")]
    assert position["7"] == ("COMMUTING", "COMMUTING", [("7.1", "moved"), ("7.2", "added")])
    assert _moved(api, moves.table_id, "union", "employer_negotiator") == {
        ("3", "1.3", "3.2"),
        ("7", "6.2", "7.1"),
    }

    offered = [
        {"clause_id": i["clause_id"], "action": i["action"]}
        | ({"version_id": i["version_id"]} if i["version_id"] else {})
        for i in passed["items"]
    ]
    moves.sign("employer_negotiator", moves.offer("union_negotiator", offered))
    contract = api.get(f"/tables/{moves.table_id}/contract").json["articles"]
    assert [(a["number"], [c["number"] for c in a["clauses"]]) for a in contract] == [
        ("1", ["1.1", "1.2"]),
        ("3", ["3.1", "3.2"]),
        ("6", ["6.1"]),
        ("7", ["7.1", "7.2"]),
    ]
    call_back = next(c for c in contract[1]["clauses"] if c["number"] == "3.2")
    assert call_back["text"] == "Employees called back get two hours."
    assert _moved(api, moves.table_id, "tentative", "member") == {("3", "1.3", "3.2"), ("7", "6.2", "7.1")}
