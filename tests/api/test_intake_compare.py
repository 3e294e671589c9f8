"""Comparing an incoming document with the record, drafting a proposal from it, two terms of a contract."""

from __future__ import annotations

from typing import Any

from tests import intake_files as files
from tests.api.test_intake_formats import upload

BASE = """ARTICLE 1 - HOURS
Section 1.1 Workday. The workday is eight hours.
Section 1.2 Breaks. Employees get two paid breaks.

ARTICLE 2 - HOLIDAYS
Section 2.1 Paid Holidays. Employees get eleven holidays.

ARTICLE 3 - OVERTIME
Section 3.1 Rate. Overtime is paid at time and one half.

ARTICLE 6 - PARKING
Section 6.1 Free Parking. The Employer provides free parking.
"""
INCOMING = """ARTICLE 1 - HOURS
Section 1.1 Workday. The workday is seven hours.
Section 1.3 Breaks. Employees get two paid breaks.

ARTICLE 2 - HOLIDAYS AND LEAVE
Section 2.1 Paid Holidays. Employees get eleven holidays.

ARTICLE 4 - OVERTIME
Section 4.1 Rate. Overtime is paid at time and one half.

ARTICLE 5 - SAFETY
Section 5.1 Equipment. The Employer provides protective equipment.
"""


def _imported(api: Any, cast: Any, text: str = BASE) -> None:
    """Give the table its base contract."""
    assert api.post(f"/tables/{cast.table_id}/import", {"text": text}).status_code == 201


def _shape(body: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Articles as (change, old number, new number, renumbered, retitled, [(clause change, old, new)])."""
    return [
        (
            a["change"],
            a["old"] and a["old"]["number"],
            a["new"] and a["new"]["number"],
            a["renumbered"],
            a["retitled"],
            [
                (c["change"], c["old"] and c["old"]["number"], c["new"] and c["new"]["number"])
                for c in a["clauses"]
            ],
        )
        for a in body["articles"]
    ]


def test_compare_aligns_articles_and_clauses_and_names_every_change(api, cast):
    _imported(api, cast)
    before = api.get(f"/tables/{cast.table_id}/audit?page_size=100", as_="admin").json
    response = api.post(f"/tables/{cast.table_id}/intake/compare?against=base", {"text": INCOMING})
    assert response.status_code == 200, response.json
    assert _shape(response.json) == [
        ("changed", "1", "1", False, False, [("changed", "1.1", "1.1"), ("renumbered", "1.2", "1.3")]),
        ("changed", "2", "2", False, True, [("unchanged", "2.1", "2.1")]),
        ("changed", "3", "4", True, False, [("renumbered", "3.1", "4.1")]),
        ("deleted", "6", None, False, False, [("deleted", "6.1", None)]),
        ("added", None, "5", False, False, [("added", None, "5.1")]),
    ]  # a deleted article stands after the article it followed
    workday = response.json["articles"][0]["clauses"][0]
    assert {"kind": "delete", "text": "eight"} in workday["ops"] and {
        "kind": "insert",
        "text": "seven",
    } in workday["ops"]
    assert workday["old"]["clause_id"] and workday["new"]["clause_id"] is None
    summary = response.json["summary"]
    assert summary["articles"]["added"] == 1 and summary["articles"]["deleted"] == 1
    assert summary["articles"]["renumbered"] == 1 and summary["articles"]["retitled"] == 1
    assert response.json["against"] == {"ref": "base", "label": "Current contract"}
    after = api.get(f"/tables/{cast.table_id}/audit?page_size=100", as_="admin").json
    assert [e["action"] for e in after[: len(after) - len(before)]] == []  # the admin does not see a side's
    union = api.get(f"/tables/{cast.table_id}/audit?page_size=5").json
    assert union[0]["action"] == "document.compared" and union[0]["detail"]["against"] == "base"
    assert "document.compared" not in [
        e["action"] for e in api.get(f"/tables/{cast.table_id}/audit", as_="employer_negotiator").json
    ]
    assert len(api.get(f"/tables/{cast.table_id}/articles").json) == 4  # the record is unchanged


def test_compare_a_word_draft_against_the_record(api, cast):
    assert (
        upload(api, f"/tables/{cast.table_id}/import", files.numbered_docx(), "base.docx").status_code == 201
    )
    draft = files.numbered_docx(wage="$32.00", extra_article=True)
    response = upload(api, f"/tables/{cast.table_id}/intake/compare?against=tentative", draft, "draft.docx")
    assert response.status_code == 200, response.json
    changes = [
        (a["change"], [c["change"] for c in a["clauses"] if c["change"] != "unchanged"])
        for a in response.json["articles"]
    ]
    assert changes == [("unchanged", []), ("changed", ["changed", "changed"]), ("added", ["added"])]
    assert response.json["source"]["format"] == "docx"


def test_a_draft_proposal_gets_an_item_for_every_changed_clause(api, cast):
    _imported(api, cast)
    response = api.post(
        f"/tables/{cast.table_id}/intake/proposal?against=base&title=Employer%20package%20as%20received",
        {"text": INCOMING},
        as_="union_recorder",
    )
    assert response.status_code == 201, response.json
    assert response.headers["Location"] == f"/api/v1/proposals/{response.json['id']}"
    proposal = response.json
    assert proposal["title"] == "Employer package as received" and proposal["state"] == "draft"
    items = sorted((i["action"], i["number"] or "", i.get("text") or "") for i in proposal["items"])
    assert items == sorted(
        [
            ("amend", "", "The workday is seven hours."),
            ("amend", "", "Employees get eleven holidays."),  # Article 2 retitled, its language kept
            ("amend", "1.3", "Employees get two paid breaks."),
            ("amend", "4.1", "Overtime is paid at time and one half."),
            ("add", "5.1", "The Employer provides protective equipment."),
            ("delete", "", ""),
        ]
    )
    added = next(i for i in proposal["items"] if i["action"] == "add")
    assert (added["new_article_number"], added["new_article_title"]) == ("5", "SAFETY")
    renames = {
        (i["new_article_number"], i["new_article_title"]) for i in proposal["items"] if i["action"] == "amend"
    }
    assert renames == {(None, None), (None, "HOLIDAYS AND LEAVE"), ("4", None)}  # retitled 2, renumbered 3
    assert api.get(f"/proposals/{proposal['id']}", as_="employer_negotiator").status_code == 404


def test_a_document_that_changes_nothing_makes_no_draft(api, cast):
    _imported(api, cast)
    response = api.post(f"/tables/{cast.table_id}/intake/proposal", {"text": BASE})
    assert response.status_code == 422 and response.json["error"]["fields"] == {
        "file": [response.json["error"]["message"]]
    }
    assert api.get(f"/tables/{cast.table_id}/proposals").json == []


def test_who_may_compare_and_draft(api, cast):
    _imported(api, cast)
    path = f"/tables/{cast.table_id}/intake"
    assert api.post(f"{path}/compare", {"text": INCOMING}, as_="member").status_code == 200
    hidden = api.post(f"{path}/compare?against=union", {"text": INCOMING}, as_="member")
    assert hidden.status_code == 403 and hidden.json["error"]["code"] == "positions_hidden"
    assert api.post(f"{path}/compare", {"text": INCOMING}, as_="outsider").status_code == 404
    assert api.post(f"{path}/proposal", {"text": INCOMING}, as_="member").status_code == 403
    assert api.post(f"{path}/proposal", {"text": INCOMING}, as_="union_observer").status_code == 403
    assert api.post(f"{path}/compare?against=nowhere", {"text": INCOMING}).status_code == 422


def test_next_term_starts_a_table_and_redlines_last_term_against_this(api, cast):
    _imported(api, cast)
    response = api.post(
        f"/tables/{cast.table_id}/intake/next-term?title=Hours%202027", {"text": INCOMING}, as_="admin"
    )
    assert response.status_code == 201, response.json
    new_id = response.json["table_id"]
    assert response.headers["Location"] == f"/api/v1/tables/{new_id}"
    table = api.get(f"/tables/{new_id}", as_="admin").json
    assert (table["title"], table["renews_id"], table["union_name"]) == (
        "Hours 2027",
        cast.table_id,
        api.get(f"/tables/{cast.table_id}", as_="admin").json["union_name"],
    )
    redline = api.get(f"/tables/{new_id}/intake/previous-term", as_="admin")
    assert redline.status_code == 200, redline.json
    assert (
        redline.json["summary"]["articles"]["added"] == 1
        and redline.json["summary"]["articles"]["deleted"] == 1
    )
    again = api.get(
        f"/tables/{new_id}/intake/previous-term",
        as_="admin",
        headers={"If-None-Match": redline.headers["ETag"]},
    )
    assert again.status_code == 304
    assert api.get(f"/tables/{new_id}/intake/previous-term", as_="union_negotiator").status_code == 404
    first = api.get(f"/tables/{cast.table_id}/intake/previous-term", as_="admin")
    assert first.status_code == 409 and first.json["error"]["code"] == "no_previous_term"


def test_only_administrators_start_a_next_term_and_a_bad_file_writes_nothing(api, cast):
    _imported(api, cast)
    path = f"/tables/{cast.table_id}/intake/next-term"
    assert api.post(path, {"text": INCOMING}, as_="union_negotiator").status_code == 403
    tables = api.get("/tables?page_size=100", as_="admin").json
    bad = upload(api, path, files.encrypted_pdf(), "locked.pdf", as_="admin")
    assert bad.status_code == 422
    assert api.get("/tables?page_size=100", as_="admin").json == tables
