"""The TA summary: agreed clauses with redlines, counts, what is open; who sees what; constant queries."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from bargaining.domain.redlines.engine import Op, apply_new, apply_old
from tests.api.negotiation import BASE, Negotiation
from tests.api.test_query_counts import measured, seed

DRAFT_TITLE = "DRAFT-TITLE-1a2b"
DRAFT_TEXT = "DRAFT-TEXT-3c4d"
DRAFT_ARTICLE = "DRAFT-ARTICLE-5e6f"
DRAFT_CLAUSE = "DRAFT-CLAUSE-7a8b"
EMPLOYER_DRAFT = "EMPLOYER-DRAFT-9c0d"
PASSED_TITLE = "PASSED-TITLE-1e2f"
RATIONALE = "RATIONALE-3a4b"
PASSED_TEXT = "PASSED-TEXT-5c6d"
PASSED_ADDED = "PASSED-ADDED-7e8f"
PENDING_TEXT = "PENDING-TEXT-9a0b"
PENDING_SUMMARY = "PENDING-SUMMARY-1c2d"
TEXT_51 = "A full-time clinician's active caseload shall not exceed 50 clients."
SUMMARY_51 = "Caseloads are capped at 50 <clients> & no more."
SUMMARY_61 = "The 24-hour notes deadline is removed."

NEVER = [DRAFT_TITLE, DRAFT_TEXT, DRAFT_ARTICLE, DRAFT_CLAUSE, EMPLOYER_DRAFT, PASSED_TITLE, RATIONALE]
NOT_FOR_MEMBERS = [PENDING_TEXT, PENDING_SUMMARY]
SHARED_ONLY = [PASSED_TEXT, PASSED_ADDED]

SUMMARY_KEYS = {
    "ta_worth",
    "table_id",
    "title",
    "union_name",
    "employer_name",
    "table_state",
    "view",
    "positions_visible",
    "pending_visible",
    "generated_at",
    "counts",
    "articles",
}
COUNT_KEYS = {"tentatively_agreed", "ta_pending", "open", "status_quo", "total"}
ARTICLE_KEYS = {"id", "number", "title", "kind", "counts", "agreed", "open"}
AGREED_KEYS = {
    "clause_id",
    "number",
    "heading",
    "action",
    "deleted",
    "text",
    "ta_id",
    "ta_label",
    "ta_state",
    "offered_at",
    "signed_at",
    "summary",
    "redline",
}
REDLINE_KEYS = {"ops", "html", "words_inserted", "words_deleted", "changed"}
OPEN_KEYS = {"clause_id", "number", "heading", "status", "union", "employer"}
POSITION_KEYS = {"kind", "proposal_label", "text"}


@dataclass
class World:
    """The negotiation behind the summary tests, and what each thing is."""

    n: Negotiation
    signed: dict[int, dict[str, Any]] = field(default_factory=dict)
    pending: dict[int, dict[str, Any]] = field(default_factory=dict)
    passed_texts: set[str] = field(default_factory=set)
    passed_labels: set[str] = field(default_factory=set)
    added_clause: int = 0

    @property
    def table_id(self) -> int:
        return self.n.table_id

    def base_text(self, number: str) -> str:
        article = number.split(".")[0]
        return BASE[article][1][number][1]


def build_world(api: Any, cast: Any) -> World:
    """Base; U-1, E-1 and U-2 passed; TAs signed on 5.1 and 6.1, pending on 5.2; drafts each side."""
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    c = n.clauses
    w = World(n)
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            f"Caseloads {PASSED_TITLE}",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": TEXT_51},
                {"action": "amend", "clause_id": c["5.3"], "text": f"No-shows do not count. {PASSED_TEXT}"},
                {
                    "action": "add",
                    "article_id": n.articles["5"],
                    "number": "5.4",
                    "heading": f"Review {PASSED_ADDED}",
                    "text": f"A review committee meets monthly. {PASSED_ADDED}",
                },
            ],
            rationale=RATIONALE,
        ),
    )
    w.added_clause = u1["items"][2]["clause_id"]
    e1 = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "Counter",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": TEXT_51},
                {"action": "delete", "clause_id": c["6.1"]},
            ],
        ),
    )
    ta1 = n.offer(
        "union_negotiator",
        [{"clause_id": c["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]}],
        summary=SUMMARY_51,
    )
    w.signed[ta1["id"]] = n.sign("employer_negotiator", ta1)
    ta2 = n.offer("employer_negotiator", [{"clause_id": c["6.1"], "action": "delete"}])
    # The members' summary is the union side's to write, whoever offered the TA.
    ta2 = n.api.patch(
        f"/tentative-agreements/{ta2['id']}",
        {"summary": SUMMARY_61},
        headers={"If-Match": f'"ta-{ta2["id"]}-v{ta2["version"]}"'},
    ).json
    w.signed[ta2["id"]] = n.sign("union_negotiator", ta2)
    u2 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Productivity",
            [{"action": "amend", "clause_id": c["5.2"], "text": f"Productivity is 24 hours. {PENDING_TEXT}"}],
        ),
    )
    pending = n.offer(
        "union_negotiator",
        [{"clause_id": c["5.2"], "action": "amend", "version_id": u2["items"][0]["version_id"]}],
        summary=PENDING_SUMMARY,
    )
    w.pending[pending["id"]] = pending
    n.draft(
        "union_negotiator",
        DRAFT_TITLE,
        [
            {"action": "amend", "clause_id": c["5.3"], "text": f"Draft language {DRAFT_TEXT}"},
            {
                "action": "add",
                "new_article": {"number": "30", "title": DRAFT_ARTICLE},
                "number": "30.1",
                "heading": DRAFT_CLAUSE,
                "text": DRAFT_TEXT,
            },
        ],
    )
    n.draft(
        "employer_negotiator",
        "Employer draft",
        [{"action": "amend", "clause_id": c["5.3"], "text": EMPLOYER_DRAFT}],
    )
    w.passed_texts = {
        TEXT_51,
        f"No-shows do not count. {PASSED_TEXT}",
        f"A review committee meets monthly. {PASSED_ADDED}",
    }
    w.passed_labels = {u1["label"], e1["label"], u2["label"]}
    return w


def share_with_members(api: Any, table_id: int, shared: bool) -> None:
    """Turn the table's members_see_passed setting on or off."""
    path = f"/tables/{table_id}"
    etag = api.get(path).headers["ETag"]
    response = api.patch(
        path, {"settings": {"members_see_passed": shared}}, as_="admin", headers={"If-Match": etag}
    )
    assert response.status_code == 200, response.json


def summary(api: Any, table_id: int, as_: str, query: str = "") -> dict[str, Any]:
    response = api.get(f"/tables/{table_id}/ta-summary{query}", as_=as_)
    assert response.status_code == 200, response.json
    return dict(response.json)


def _ops(redline: dict[str, Any]) -> list[Op]:
    return [Op(o["kind"], o["text"], o.get("old")) for o in redline["ops"]]


def _clauses(body: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {c["number"]: c for a in body["articles"] for c in a[key]}


@pytest.fixture
def world(api, cast) -> World:
    return build_world(api, cast)


def test_negotiators_see_every_agreement_with_its_summary_and_redline(api, world):
    body = summary(api, world.table_id, "union_negotiator")
    assert body["view"] == "full" and body["positions_visible"] and body["pending_visible"]
    assert body["counts"] == {
        "tentatively_agreed": 2,
        "ta_pending": 1,
        "open": 2,
        "status_quo": 0,
        "total": 5,
    }
    agreed = _clauses(body, "agreed")
    assert set(agreed) == {"5.1", "5.2", "6.1"}
    a51 = agreed["5.1"]
    assert a51["ta_state"] == "signed" and a51["ta_label"] == "TA-1" and a51["signed_at"]
    assert a51["text"] == TEXT_51 and a51["deleted"] is False and a51["summary"] == SUMMARY_51
    ops = _ops(a51["redline"])
    assert apply_new(ops) == TEXT_51 and apply_old(ops) == world.base_text("5.1")
    assert a51["redline"]["changed"] is True and a51["redline"]["words_inserted"] >= 1
    assert (
        '<del class="rl-del">' in a51["redline"]["html"] and '<ins class="rl-ins">' in a51["redline"]["html"]
    )
    a61 = agreed["6.1"]
    assert a61["deleted"] is True and a61["text"] is None and a61["action"] == "delete"
    assert [o["kind"] for o in a61["redline"]["ops"]] == ["delete"]
    assert a61["redline"]["ops"][0]["text"] == world.base_text("6.1")
    a52 = agreed["5.2"]
    assert a52["ta_state"] == "pending" and a52["signed_at"] is None and a52["summary"] == PENDING_SUMMARY
    still_open = _clauses(body, "open")
    assert set(still_open) == {"5.2", "5.3", "5.4"}
    assert still_open["5.2"]["status"] == "ta_pending" and still_open["5.2"]["union"] is None
    assert still_open["5.3"]["union"] == {
        "kind": "version",
        "proposal_label": "U-1",
        "text": f"No-shows do not count. {PASSED_TEXT}",
    }
    assert still_open["5.3"]["employer"] == {
        "kind": "status_quo",
        "proposal_label": None,
        "text": world.base_text("5.3"),
    }
    assert still_open["5.4"]["employer"]["text"] is None  # status quo of a new clause: no language
    raw = json.dumps(body)
    assert not [s for s in NEVER if s in raw]


def test_counts_agree_with_the_status_board_for_every_caller(api, world):
    share_with_members(api, world.table_id, False)
    for role in ("admin", "union_negotiator", "employer_negotiator", "union_observer", "member"):
        body = summary(api, world.table_id, role)
        board = api.get(f"/tables/{world.table_id}/status", as_=role).json
        expected = {k: board["counts"][k] for k in COUNT_KEYS}
        assert body["counts"] == expected, role
        per_article = {a["id"]: {k: a["counts"][k] for k in COUNT_KEYS} for a in board["articles"]}
        assert {a["id"]: a["counts"] for a in body["articles"]} == per_article, role
        assert sum(len(a["open"]) for a in body["articles"]) == expected["open"] + expected["ta_pending"]


def _allowed_position(position: Any, status: str, shared: bool, world: World) -> None:
    """A member sees a position only for an open clause of a table that shares passed proposals."""
    if not shared or status != "open":
        assert position is None
        return
    assert set(position) == POSITION_KEYS
    assert position["kind"] in {"version", "delete", "status_quo"}
    assert position["proposal_label"] in world.passed_labels | {None}
    base_texts = {text for _title, clauses in BASE.values() for _h, text in clauses.values()}
    assert position["text"] in world.passed_texts | base_texts | {None}


def _check_agreed(clause: dict[str, Any], world: World, bases: dict[str, str]) -> None:
    """A member's agreed clause: signed only, exactly the signed TA's language and summary."""
    assert set(clause) == AGREED_KEYS
    ta = world.signed[clause["ta_id"]]
    assert clause["ta_state"] == "signed" and clause["ta_label"] == ta["label"]
    assert clause["signed_at"] is not None and clause["offered_at"] is not None
    assert clause["summary"] == ta["summary"]
    item = next(i for i in ta["items"] if i["clause_id"] == clause["clause_id"])
    assert clause["action"] == item["action"]
    expected_text = None if item["action"] == "delete" else TEXT_51
    assert clause["text"] == expected_text and clause["deleted"] is (expected_text is None)
    assert set(clause["redline"]) == REDLINE_KEYS
    ops = _ops(clause["redline"])
    assert apply_new(ops) == (expected_text or "") and apply_old(ops) == bases[clause["number"]]
    assert set(re.findall(r"</?([a-z]+)", clause["redline"]["html"])) <= {"del", "ins", "br"}


def check_member_view(body: dict[str, Any], world: World, shared: bool) -> None:
    """Every field of the members' summary against what the table's setting allows."""
    assert set(body) == SUMMARY_KEYS
    assert body["table_id"] == world.table_id and body["view"] == "members"
    assert body["positions_visible"] is shared and body["pending_visible"] is False
    assert (body["title"], body["union_name"], body["employer_name"]) == (
        "Test table",
        "Clinicians United",
        "Group Practice",
    )
    total = {
        "tentatively_agreed": 2,
        "ta_pending": 1,
        "open": 1 + shared,
        "status_quo": 0,
        "total": 4 + shared,
    }
    assert body["counts"] == total
    assert body["ta_worth"]["available"] is False  # no costing at this table: a reason, no figures
    assert body["ta_worth"]["reason"] == "costing_not_set_up" and body["ta_worth"]["years"] == []
    assert [a["number"] for a in body["articles"]] == ["5", "6"]
    bases = {number: world.base_text(number) for number in ("5.1", "6.1")}
    for article in body["articles"]:
        assert set(article) == ARTICLE_KEYS and set(article["counts"]) == COUNT_KEYS
        assert article["id"] == world.n.articles[article["number"]]
        assert article["title"] == BASE[article["number"]][0] and article["kind"] == "article"
        for clause in article["agreed"]:
            _check_agreed(clause, world, bases)
        for clause in article["open"]:
            assert set(clause) == OPEN_KEYS
            assert clause["status"] in {"open", "ta_pending"}
            if clause["clause_id"] == world.added_clause:
                assert shared and clause["heading"] == f"Review {PASSED_ADDED}"
            else:
                number = clause["number"]
                assert clause["heading"] == BASE[number.split(".")[0]][1][number][0]
            _allowed_position(clause["union"], clause["status"], shared, world)
            _allowed_position(clause["employer"], clause["status"], shared, world)
    agreed = _clauses(body, "agreed")
    assert set(agreed) == {"5.1", "6.1"}
    assert set(_clauses(body, "open")) == ({"5.2", "5.3", "5.4"} if shared else {"5.2", "5.3"})
    raw = json.dumps(body)
    assert not [s for s in NEVER + NOT_FOR_MEMBERS if s in raw]
    for secret in SHARED_ONLY:
        assert (secret in raw) is shared, secret


@pytest.mark.parametrize("shared", [False, True])
def test_members_see_exactly_what_the_setting_allows(api, world, shared):
    share_with_members(api, world.table_id, shared)
    check_member_view(summary(api, world.table_id, "member"), world, shared)
    asked = summary(api, world.table_id, "member", "?audience=self")
    asked.pop("generated_at")
    as_member = summary(api, world.table_id, "member")
    as_member.pop("generated_at")
    assert asked == as_member


@pytest.mark.parametrize("role", ["union_negotiator", "employer_negotiator", "union_observer", "admin"])
def test_anyone_at_the_table_can_ask_for_the_members_view(api, world, role):
    share_with_members(api, world.table_id, False)
    body = summary(api, world.table_id, role, "?audience=members")
    check_member_view(body, world, False)
    body.pop("generated_at")
    member = summary(api, world.table_id, "member")
    member.pop("generated_at")
    assert body == member


def test_access_and_arguments(api, world):
    path = f"/tables/{world.table_id}/ta-summary"
    assert api.get(path, as_=None).status_code == 401
    assert api.get(path, as_="outsider").status_code == 404
    assert api.get("/tables/999999/ta-summary").status_code == 404
    bad = api.get(f"{path}?audience=everyone")
    assert bad.status_code == 422 and "audience" in bad.json["error"]["fields"]


def test_a_reopened_ta_goes_back_on_the_table(api, world):
    ta_id = next(i for i, ta in world.signed.items() if ta["label"] == "TA-1")
    path = f"/tentative-agreements/{ta_id}"
    asked = api.post(f"{path}/reopen-request", {"reason": "Typo"}, headers=api.if_match(path))
    assert asked.status_code == 200, asked.json
    consent = api.post(
        f"{path}/reopen-consent", as_="employer_negotiator", headers=api.if_match(path, "employer_negotiator")
    )
    assert consent.status_code == 200
    body = summary(api, world.table_id, "member")
    assert "5.1" not in _clauses(body, "agreed") and _clauses(body, "open")["5.1"]["status"] == "open"
    assert SUMMARY_51 not in json.dumps(body)


def test_summary_queries_do_not_grow_with_the_table(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    small_count, small_body = measured(app, api, f"/tables/{small.table_id}/ta-summary")
    large_count, large_body = measured(app, api, f"/tables/{large.table_id}/ta-summary")
    assert large_body["counts"]["total"] == 300 and large_body["counts"]["tentatively_agreed"] == 25
    assert sum(len(a["agreed"]) for a in large_body["articles"]) == 27  # 25 signed, 2 pending
    assert small_body["counts"]["total"] == 10
    assert small_count == large_count and large_count <= 12, large_count
    member_small, _ = measured(app, api, f"/tables/{small.table_id}/ta-summary?audience=members")
    member_large, _ = measured(app, api, f"/tables/{large.table_id}/ta-summary?audience=members")
    assert member_small == member_large <= 12
