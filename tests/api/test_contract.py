"""The compiled tentative contract and its verification, through the API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError

from bargaining.domain.hashing import content_hash
from bargaining.models.guards import trigger_statements
from tests.api.negotiation import BASE, Negotiation
from tests.api.test_query_counts import measured, seed

TEXT_50 = "A full-time clinician's active caseload shall not exceed 50 clients."
NO_SHOWS = "Client no-shows do not count against productivity."
REVIEW = "A joint committee reviews caseloads every quarter."
TELEHEALTH = "The employer provides telehealth equipment & a private room."
PASSED_ONLY = "PASSED-NOT-AGREED-5e1c caseloads of 40."
DRAFT_ONLY = "DRAFT-ONLY-77ab notes are due in 72 hours."
TAMPERED = "A full-time clinician's active caseload shall not exceed 90 clients."


@pytest.fixture
def talks(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


@dataclass
class Settled:
    """What negotiate_everything agreed."""

    ta: dict[str, Any]
    added: dict[str, int]
    version_51: int


def negotiate_everything(n: Negotiation) -> Settled:
    """Every clause TA'd: 5.1 amended, 5.2 deleted, 5.3 amended and renumbered 5.2, 6.1 status quo,
    5.4 and a new Article 21 added; plus a passed position nobody agreed and a draft."""
    c = n.clauses
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Everything",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": PASSED_ONLY},
                {"action": "delete", "clause_id": c["5.2"]},
                {
                    "action": "amend",
                    "clause_id": c["5.3"],
                    "number": "5.2",
                    "heading": "Missed Appointments",
                    "text": NO_SHOWS,
                },
                {"action": "status_quo", "clause_id": c["6.1"]},
                {
                    "action": "add",
                    "article_id": n.articles["5"],
                    "number": "5.4",
                    "heading": "Review",
                    "text": REVIEW,
                },
                {
                    "action": "add",
                    "new_article": {"number": "21", "title": "Telehealth"},
                    "number": "21.1",
                    "heading": "Equipment",
                    "text": TELEHEALTH,
                },
            ],
        ),
    )
    e1 = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "Caseloads",
            [{"action": "amend", "clause_id": c["5.1"], "text": TEXT_50}],
            responds_to=[u1["id"]],
        ),
    )
    n.draft("union_negotiator", "Unpassed", [{"action": "amend", "clause_id": c["6.1"], "text": DRAFT_ONLY}])
    by_number = {i["number"] or "": i for i in u1["items"]}
    added = {"5.4": by_number["5.4"]["clause_id"], "21.1": by_number["21.1"]["clause_id"]}
    ta = n.offer(
        "union_negotiator",
        [
            {"clause_id": c["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]},
            {"clause_id": c["5.2"], "action": "delete"},
            {"clause_id": c["5.3"], "action": "amend", "version_id": by_number["5.2"]["version_id"]},
            {"clause_id": c["6.1"], "action": "status_quo"},
            {"clause_id": added["5.4"], "action": "add", "version_id": by_number["5.4"]["version_id"]},
            {"clause_id": added["21.1"], "action": "add", "version_id": by_number["21.1"]["version_id"]},
        ],
    )
    signed = n.sign("employer_negotiator", ta)
    return Settled(signed, added, e1["items"][0]["version_id"])


def contract(api: Any, table_id: int, as_: str = "union_negotiator") -> dict[str, Any]:
    response = api.get(f"/tables/{table_id}/contract", as_=as_)
    assert response.status_code == 200, response.json
    return response.json


def verify(api: Any, table_id: int, as_: str = "union_negotiator") -> dict[str, Any]:
    response = api.get(f"/tables/{table_id}/contract/verify", as_=as_)
    assert response.status_code == 200, response.json
    return response.json


def outline(body: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, str | None, str]]]]:
    return [
        (a["number"], [(c["number"], c["heading"], c["text"], c["source"]) for c in a["clauses"]])
        for a in body["articles"]
    ]


def test_the_whole_negotiation_compiles_and_verifies(api, talks):
    n = talks
    settled = negotiate_everything(n)
    body = contract(api, n.table_id)
    base_61 = BASE["6"][1]["6.1"][1]
    assert outline(body) == [
        (
            "5",
            [
                ("5.1", "Caseload Limits", TEXT_50, "agreed"),
                ("5.2", "Missed Appointments", NO_SHOWS, "agreed"),
                ("5.4", "Review", REVIEW, "agreed"),
            ],
        ),
        ("6", [("6.1", "Notes", base_61, "agreed")]),
        ("21", [("21.1", "Equipment", TELEHEALTH, "agreed")]),
    ]
    renumbered = body["articles"][0]["clauses"][1]
    assert renumbered["clause_id"] == n.clauses["5.3"]
    assert renumbered["content_hash"] == content_hash(NO_SHOWS)
    assert {c["ta_label"] for a in body["articles"] for c in a["clauses"]} == {settled.ta["label"]}
    assert {c["status"] for a in body["articles"] for c in a["clauses"]} == {"tentatively_agreed"}
    assert body["complete"] is True
    assert body["counts"] == {"agreed": 5, "base": 0, "open": 0, "deleted": 1}

    result = verify(api, n.table_id)
    assert result["ok"] is True and result["complete"] is True and result["checked"] == 5
    assert result["mismatches"] == [] and result["open"] == [] and result["orphaned_tas"] == []
    assert result["contract_hash"] == body["contract_hash"]


def test_renderings_are_escaped_documents(api, talks):
    n = talks
    negotiate_everything(n)
    path = f"/tables/{n.table_id}/contract?format="
    page = api.get(path + "html", as_="member")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html.lower()
    assert "equipment &amp; a private room" in html and "clinician&#x27;s" in html
    assert "<h2>Article 5 – Caseloads</h2>" in html and "<h3>5.2 Missed Appointments</h3>" in html
    md = api.get(path + "md", as_="member")
    assert md.mimetype == "text/markdown"
    text = md.get_data(as_text=True)
    assert "## Article 5 – Caseloads" in text and "### 5.2 Missed Appointments" in text
    assert "## Article 21 – Telehealth" in text and "equipment \\& a private room" in text
    plain = api.get(path + "text", as_="member")
    assert plain.mimetype == "text/plain"
    assert "5.4 Review\n" + REVIEW in plain.get_data(as_text=True)
    assert api.get(path + "pdf").mimetype == "application/pdf"
    assert api.get(path + "xml").status_code == 422


def test_hostile_titles_and_text_are_escaped(api, cast):
    n = Negotiation(api, cast.table_id)
    art = api.post(
        f"/tables/{n.table_id}/articles", {"number": "1", "title": "<script>alert(1)</script>"}, as_="admin"
    )
    api.post(
        f"/articles/{art.json['id']}/clauses",
        {"number": "1.1", "heading": "<b>bold</b>", "text": "# Not a heading\n\n1. not a list <img src=x>"},
        as_="admin",
    )
    html = api.get(f"/tables/{n.table_id}/contract?format=html").get_data(as_text=True)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = api.get(f"/tables/{n.table_id}/contract?format=md").get_data(as_text=True)
    assert "\\# Not a heading" in md and "1\\. not a list \\<img src=x\\>" in md
    assert "## Article 1 – \\<script\\>alert(1)\\</script\\>" in md


def test_an_unfinished_contract_flags_open_clauses(api, talks):
    n = talks
    c = n.clauses
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Partial",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": PASSED_ONLY},
                {"action": "delete", "clause_id": c["5.2"]},
                {"action": "add", "article_id": n.articles["6"], "number": "6.2", "text": REVIEW},
            ],
        ),
    )
    n.offer("union_negotiator", [{"clause_id": c["5.2"], "action": "delete"}])
    body = contract(api, n.table_id)
    rows = {cl["number"]: cl for a in body["articles"] for cl in a["clauses"]}
    assert set(rows) == {"5.1", "5.2", "5.3", "6.1"}
    assert rows["5.1"]["source"] == "open" and rows["5.1"]["status"] == "open"
    assert rows["5.1"]["text"] == BASE["5"][1]["5.1"][1]
    assert rows["5.2"]["source"] == "open" and rows["5.2"]["status"] == "ta_pending"
    assert rows["5.3"]["source"] == "base" and rows["5.3"]["status"] == "status_quo"
    assert body["complete"] is False and body["counts"]["open"] == 3
    assert PASSED_ONLY not in str(body)

    result = verify(api, n.table_id)
    assert result["ok"] is False and result["mismatches"] == []
    assert sorted(o["number"] for o in result["open"]) == ["5.1", "5.2", "6.2"]
    assert any("6.2" in p for p in result["problems"])
    member = verify(api, n.table_id, as_="member")
    assert member["ok"] is False and sorted(o["number"] for o in member["open"]) == ["5.1", "5.2"]
    assert member["open_not_shown"] == 1 and "6.2" not in str(member)
    assert contract(api, n.table_id, as_="member")["counts"]["open"] == 2
    assert u1["label"] == "U-1"

    html = api.get(f"/tables/{n.table_id}/contract?format=html").get_data(as_text=True)
    assert html.count('class="clause open"') == 2 and "OPEN" in html
    assert "OPEN" in api.get(f"/tables/{n.table_id}/contract?format=text").get_data(as_text=True)


def test_members_never_see_drafts_or_unagreed_positions(api, talks):
    n = talks
    negotiate_everything(n)
    for fmt in ("json", "html", "md", "text"):
        body = api.get(f"/tables/{n.table_id}/contract?format={fmt}", as_="member").get_data(as_text=True)
        assert PASSED_ONLY not in body and DRAFT_ONLY not in body
        assert "PASSED-NOT-AGREED" not in body and "DRAFT-ONLY" not in body
    for path in ("contract/verify", "ratification"):
        body = api.get(f"/tables/{n.table_id}/{path}", as_="member").get_data(as_text=True)
        assert "PASSED-NOT-AGREED" not in body and "DRAFT-ONLY" not in body
    assert contract(api, n.table_id, as_="member") == contract(api, n.table_id, as_="union_negotiator")


def test_who_may_read_the_contract(api, talks):
    for role in ("admin", "union_observer", "employer_recorder", "member"):
        for path in ("contract", "contract/verify", "ratification"):
            assert api.get(f"/tables/{talks.table_id}/{path}", as_=role).status_code == 200
    for path in ("contract", "contract/verify", "ratification"):
        assert api.get(f"/tables/{talks.table_id}/{path}", as_="outsider").status_code == 404
        assert api.get(f"/tables/{talks.table_id}/{path}", as_=None).status_code == 401


@contextmanager
def append_only_off(engine: Any, backend: str) -> Iterator[None]:
    """Let raw SQL update clause_versions for the block, then restore the trigger."""
    with engine.begin() as conn:
        if backend == "postgresql":
            conn.exec_driver_sql("ALTER TABLE clause_versions DISABLE TRIGGER clause_versions_append_only")
        else:
            conn.exec_driver_sql("DROP TRIGGER clause_versions_no_update")
    try:
        yield
    finally:
        with engine.begin() as conn:
            if backend == "postgresql":
                conn.exec_driver_sql("ALTER TABLE clause_versions ENABLE TRIGGER clause_versions_append_only")
            else:
                for statement in trigger_statements("sqlite"):
                    if "clause_versions_no_update" in statement:
                        conn.exec_driver_sql(statement)


def tamper(engine: Any, backend: str, version_id: int, text: str) -> None:
    """Change a version's text behind the API's back."""
    with append_only_off(engine, backend), engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE clause_versions SET text = %s WHERE id = %s"
            if backend == "postgresql"
            else "UPDATE clause_versions SET text = ? WHERE id = ?",
            (text, version_id),
        )


def test_tampered_text_turns_verification_red(api, talks, engine, backend):
    n = talks
    settled = negotiate_everything(n)
    before = verify(api, n.table_id)
    assert before["ok"] is True
    tamper(engine, backend, settled.version_51, TAMPERED)

    result = verify(api, n.table_id)
    assert result["ok"] is False and result["complete"] is True
    assert result["mismatches"] == [
        {
            "clause_id": n.clauses["5.1"],
            "number": "5.1",
            "source": "agreed",
            "ta_label": settled.ta["label"],
            "expected": content_hash(TEXT_50),
            "actual": content_hash(TAMPERED),
            "reason": "text_changed",
        }
    ]
    assert any("5.1" in p for p in result["problems"])
    assert result["contract_hash"] != before["contract_hash"]
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE clause_versions SET text = 'x' WHERE id = {settled.version_51}")


def test_tampered_base_text_of_a_status_quo_clause(api, talks, engine, backend):
    n = talks
    base_version = api.get(f"/clauses/{n.clauses['6.1']}").json["base_version_id"]
    tamper(engine, backend, base_version, "Notes are due whenever.")
    result = verify(api, n.table_id, as_="member")
    assert result["ok"] is False
    assert [(m["number"], m["source"], m["reason"]) for m in result["mismatches"]] == [
        ("6.1", "base", "text_changed")
    ]


def test_contract_queries_do_not_grow_with_the_table(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    for path in ("contract", "contract/verify", "contract?format=html", "ratification"):
        small_count, _ = measured(app, api, f"/tables/{small.table_id}/{path}", as_="admin")
        large_count, _ = measured(app, api, f"/tables/{large.table_id}/{path}", as_="admin")
        assert small_count == large_count, path
        assert large_count <= 14, (path, large_count)
    _, body = measured(app, api, f"/tables/{large.table_id}/contract", as_="admin")
    assert sum(len(a["clauses"]) for a in body["articles"]) == 300 - 25
