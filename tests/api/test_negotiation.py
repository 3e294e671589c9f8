"""A whole negotiation through the API: proposals, counters, a package, withdrawal, TAs, reopening."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.api.negotiation import Negotiation

TEXT_50 = "A full-time clinician's active caseload shall not exceed 50 clients."
TEXT_26 = "The direct-service productivity standard is 26 hours per week."
TEXT_27 = "The direct-service productivity standard is 27 hours per week."


@pytest.fixture
def talks(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def test_a_whole_negotiation(api, talks):
    n = talks
    c = n.clauses
    assert set(n.statuses().values()) == {"status_quo"}

    # The union drafts U-1 on three clauses; the employer sees nothing of it.
    draft = n.draft(
        "union_negotiator",
        "Caseloads and documentation",
        [
            {"action": "amend", "clause_id": c["5.1"], "text": TEXT_50},
            {"action": "amend", "clause_id": c["5.2"], "text": TEXT_26},
            {"action": "delete", "clause_id": c["6.1"]},
        ],
    )
    assert api.get(f"/proposals/{draft['id']}", as_="employer_negotiator").status_code == 404
    assert api.get(f"/proposals/{draft['id']}", as_="union_observer").status_code == 200
    assert api.get(f"/tables/{n.table_id}/proposals", as_="employer_negotiator").json == []
    assert set(n.statuses("employer_negotiator").values()) == {"status_quo"}
    assert "proposal.drafted" not in n.audit_actions("employer_negotiator")
    assert "proposal.drafted" in n.audit_actions("union_observer")

    u1 = n.pass_("union_negotiator", draft)
    assert u1["label"] == "U-1" and u1["state"] == "passed"
    assert api.get(f"/proposals/{u1['id']}", as_="employer_negotiator").status_code == 200
    assert n.statuses() == {"5.1": "open", "5.2": "open", "5.3": "status_quo", "6.1": "open"}
    row = n.clause("5.1", as_="employer_negotiator")
    assert row["union"]["proposal_label"] == "U-1" and row["employer"]["kind"] == "status_quo"
    assert row["last_mover"] == "union" and row["ready_to_ta"] is False
    assert n.clause("6.1")["union"]["kind"] == "delete"
    waiting = n.board("employer_negotiator", "?waiting=us")
    assert waiting["shown"] == 3

    # A passed proposal never changes.
    late_edit = api.patch(
        f"/proposals/{u1['id']}",
        {"title": "x"},
        headers={"If-Match": f'"proposal-{u1["id"]}-v{u1["version"]}"'},
    )
    assert late_edit.status_code == 409

    # The employer counters two of them, starting from the union's text, and changes 5.2.
    counter = api.post(
        f"/proposals/{u1['id']}/counter", {"title": "E-1 counter"}, as_="employer_negotiator"
    ).json
    items = [i for i in counter["items"] if i["clause_id"] in (c["5.1"], c["5.2"])]
    body = {
        "items": [
            {"action": "amend", "clause_id": c["5.1"], "text": items[0]["text"]},
            {"action": "amend", "clause_id": c["5.2"], "text": TEXT_27},
        ]
    }
    edited = api.patch(
        f"/proposals/{counter['id']}",
        body,
        as_="employer_negotiator",
        headers={"If-Match": f'"proposal-{counter["id"]}-v{counter["version"]}"'},
    )
    assert edited.status_code == 200
    e1 = n.pass_("employer_negotiator", {"id": counter["id"], "etag": edited.headers["ETag"]})
    assert e1["label"] == "E-1" and [r["label"] for r in e1["responds_to"]] == ["U-1"]
    assert [r["label"] for r in api.get(f"/proposals/{u1['id']}").json["responded_by"]] == ["E-1"]
    assert n.clause("5.1")["ready_to_ta"] is True
    assert n.clause("5.2")["ready_to_ta"] is False and n.clause("5.2")["last_mover"] == "employer"
    assert n.board(query="?ready=true")["shown"] == 1

    # The union answers with a package on 5.2 and 5.3, then withdraws it.
    u2 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Productivity package",
            [
                {"action": "amend", "clause_id": c["5.2"], "text": TEXT_27},
                {
                    "action": "amend",
                    "clause_id": c["5.3"],
                    "text": "Client no-shows do not count against productivity.",
                },
            ],
            is_package=True,
            responds_to=[e1["id"]],
        ),
    )
    assert u2["label"] == "U-2" and u2["is_package"] is True
    assert n.clause("5.2")["union"]["is_package"] is True and n.clause("5.2")["ready_to_ta"] is True
    piecemeal = api.post(
        f"/tables/{n.table_id}/tentative-agreements",
        {
            "items": [
                {
                    "clause_id": c["5.2"],
                    "action": "amend",
                    "version_id": n.clause("5.2")["union"]["version_id"],
                }
            ]
        },
    )
    assert piecemeal.status_code == 422 and piecemeal.json["error"]["code"] == "package_whole"
    withdrawn = api.post(f"/proposals/{u2['id']}/withdraw", headers=api.if_match(f"/proposals/{u2['id']}"))
    assert withdrawn.status_code == 200 and withdrawn.json["state"] == "withdrawn"
    assert n.statuses()["5.3"] == "status_quo"
    assert n.clause("5.2")["union"]["proposal_label"] == "U-1"

    # TA on 5.1: offered by the union, countersigned by the employer.
    version_51 = n.clause("5.1")["employer"]["version_id"]
    ta = n.offer(
        "union_negotiator",
        [{"clause_id": c["5.1"], "action": "amend", "version_id": version_51}],
        summary="Caseloads capped at 50.",
    )
    assert n.clause("5.1")["status"] == "ta_pending"
    assert n.clause("5.1")["pending_signature_from"] == "employer"
    ta_path = f"/tentative-agreements/{ta['id']}"
    assert api.post(f"{ta_path}/sign", {}, headers=api.if_match(ta_path)).status_code == 409
    signed = n.sign("employer_negotiator", ta)
    assert signed["state"] == "signed"
    assert n.clause("5.1")["status"] == "tentatively_agreed"
    blocked = api.post(
        f"/tables/{n.table_id}/proposals",
        {"title": "Again", "items": [{"action": "amend", "clause_id": c["5.1"], "text": "45 clients."}]},
    )
    again = n.pass_ if blocked.status_code == 201 else None
    assert again is not None
    refused = api.post(
        f"/proposals/{blocked.json['id']}/pass", {}, headers={"If-Match": blocked.headers["ETag"]}
    )
    assert refused.status_code == 409 and refused.json["error"]["code"] == "clause_agreed"
    e1_path = f"/proposals/{e1['id']}"
    e1_etag = api.if_match(e1_path, "employer_negotiator")
    assert api.post(f"{e1_path}/withdraw", as_="employer_negotiator", headers=e1_etag).status_code == 409

    # Reopen by consent: the union asks, the employer agrees; 5.1 is open with positions as they were.
    assert n.act("employer_negotiator", f"{ta_path}/reopen-consent", ta_path).status_code == 409
    asked = n.act("union_negotiator", f"{ta_path}/reopen-request", ta_path, {"reason": "Typo"})
    assert asked.status_code == 200 and asked.json["state"] == "signed"
    assert n.act("union_negotiator", f"{ta_path}/reopen-consent", ta_path).status_code == 409
    consent = n.act("employer_negotiator", f"{ta_path}/reopen-consent", ta_path)
    assert consent.status_code == 200 and consent.json["state"] == "reopened"
    row = n.clause("5.1")
    assert (
        row["status"] == "open" and row["ready_to_ta"] is True and row["employer"]["proposal_label"] == "E-1"
    )

    # Final TAs on everything: 5.1 again, 5.2 at the employer's 27 hours, 5.3 status quo, 6.1 deleted.
    ta1 = n.offer(
        "employer_negotiator", [{"clause_id": c["5.1"], "action": "amend", "version_id": version_51}]
    )
    n.sign("union_negotiator", ta1)
    ta2 = n.offer(
        "union_recorder",
        [
            {
                "clause_id": c["5.2"],
                "action": "amend",
                "version_id": n.clause("5.2")["employer"]["version_id"],
            },
            {"clause_id": c["5.3"], "action": "status_quo"},
            {"clause_id": c["6.1"], "action": "delete"},
        ],
        signed_by_id=api.cast.user_ids["union_negotiator"],
        signed_at=datetime.now(UTC).isoformat(),
    )
    assert ta2["offered_recorded_by_id"] == api.cast.user_ids["union_recorder"]
    assert ta2["offered_by_id"] == api.cast.user_ids["union_negotiator"]
    n.sign("employer_negotiator", ta2)
    board = n.board()
    assert board["counts"]["tentatively_agreed"] == 4 and board["counts"]["open"] == 0
    assert n.clause("6.1")["agreed"]["kind"] == "delete"
    assert n.clause("5.3")["agreed"]["kind"] == "status_quo"

    # The trail tells the story, and the employer never saw the union's drafts.
    employer_view = n.audit_actions("employer_negotiator")
    rows = api.get(
        f"/tables/{n.table_id}/audit?page_size=100&action=proposal.drafted", as_="employer_negotiator"
    ).json
    union_people = {api.cast.user_ids[r] for r in ("union_negotiator", "union_recorder")}
    assert rows and all(r["actor_id"] not in union_people for r in rows)
    for step in [
        "proposal.passed",
        "proposal.withdrawn",
        "ta.offered",
        "ta.signed",
        "ta.reopen_requested",
        "ta.reopened",
    ]:
        assert step in employer_view
    member = api.get(f"/tables/{n.table_id}/tentative-agreements", as_="member").json
    assert [t["label"] for t in member] == ["TA-2", "TA-3"]


def test_recorders_date_paper_passes_but_not_in_the_future(api, talks):
    n = talks
    item = [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "x"}]
    draft = n.draft("union_recorder", "Paper", item)
    future = api.post(
        f"/proposals/{draft['id']}/pass",
        {"passed_at": "2099-01-01T00:00:00+00:00"},
        as_="union_recorder",
        headers={"If-Match": draft["etag"]},
    )
    assert future.status_code == 422 and future.json["error"]["fields"] == {
        "passed_at": ["A proposal cannot be passed in the future."]
    }
    # The paper date may be any time since the draft was written (not before it, nor the table).
    passed = n.pass_("union_recorder", draft, passed_at=draft["created_at"])
    assert passed["passed_on_paper"] is True and passed["passed_at"] == draft["created_at"]
    other = n.draft(
        "union_negotiator", "Now", [{"action": "amend", "clause_id": n.clauses["5.2"], "text": "y"}]
    )
    response = api.post(
        f"/proposals/{other['id']}/pass",
        {"passed_at": "2026-11-01T10:00:00+00:00"},
        headers={"If-Match": other["etag"]},
    )
    assert response.status_code == 403


def test_numbers_are_per_side_gapless_and_use_table_prefixes(api, talks):
    n = talks
    etag = api.get(f"/tables/{n.table_id}").headers["ETag"]
    api.patch(
        f"/tables/{n.table_id}",
        {"settings": {"union_prefix": "UN", "employer_prefix": "MGMT"}},
        as_="admin",
        headers={"If-Match": etag},
    )
    labels = []
    for side in ("union_negotiator", "employer_negotiator", "union_negotiator"):
        draft = n.draft(side, "p", [{"action": "status_quo", "clause_id": n.clauses["5.3"]}])
        labels.append(n.pass_(side, draft)["label"])
    assert labels == ["UN-1", "MGMT-1", "UN-2"]


def test_a_draft_edit_with_a_stale_etag_loses_nothing(api, talks):
    n = talks
    draft = n.draft("union_negotiator", "Draft", [{"action": "delete", "clause_id": n.clauses["6.1"]}])
    path = f"/proposals/{draft['id']}"
    first = api.patch(path, {"title": "First"}, headers={"If-Match": draft["etag"]})
    second = api.patch(path, {"title": "Second"}, as_="union_recorder", headers={"If-Match": draft["etag"]})
    assert (first.status_code, second.status_code) == (200, 412)
    assert api.get(path).json["title"] == "First"


def test_package_ta_covers_the_whole_package(api, talks):
    n = talks
    package = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "Package",
            [
                {"action": "amend", "clause_id": n.clauses["5.2"], "text": TEXT_27},
                {"action": "delete", "clause_id": n.clauses["5.3"]},
            ],
            is_package=True,
        ),
    )
    ta = n.offer("union_negotiator", [], package_proposal_id=package["id"])
    assert sorted(i["clause_id"] for i in ta["items"]) == sorted([n.clauses["5.2"], n.clauses["5.3"]])
    n.sign("employer_negotiator", ta)
    assert api.get(f"/proposals/{package['id']}").json["state"] == "agreed"
    assert n.statuses()["5.3"] == "tentatively_agreed"


def test_added_clause_and_article_by_proposal(api, talks):
    n = talks
    passed = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "New article",
            [
                {
                    "action": "add",
                    "new_article": {"number": "21", "title": "Telehealth"},
                    "number": "21.1",
                    "heading": "Equipment",
                    "text": "The employer provides telehealth equipment.",
                },
                {
                    "action": "add",
                    "article_id": n.articles["5"],
                    "number": "5.4",
                    "text": "Caseload review committee.",
                },
            ],
        ),
    )
    new_ids = [i["clause_id"] for i in passed["items"]]
    assert all(new_ids)
    statuses = n.statuses()
    assert statuses["21.1"] == "open" and statuses["5.4"] == "open"
    row = n.clause("21.1")
    assert row["in_base"] is False and row["employer"]["kind"] == "status_quo"
    assert api.get(f"/clauses/{new_ids[0]}", as_="member").status_code == 404
    ta = n.offer(
        "employer_negotiator",
        [{"clause_id": new_ids[0], "action": "add", "version_id": passed["items"][0]["version_id"]}],
    )
    n.sign("union_negotiator", ta)
    assert api.get(f"/clauses/{new_ids[0]}", as_="member").status_code == 200


def test_proposal_warns_when_it_deletes_a_clause_a_signed_ta_refers_to(api, talks):
    n = talks
    e = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "No-shows",
            [{"action": "amend", "clause_id": n.clauses["5.3"], "text": "No-shows count. See Section 5.2."}],
        ),
    )
    ta = n.offer(
        "union_negotiator",
        [{"clause_id": n.clauses["5.3"], "action": "amend", "version_id": e["items"][0]["version_id"]}],
    )
    n.sign("employer_negotiator", ta)
    draft = n.draft(
        "union_negotiator", "Drop productivity", [{"action": "delete", "clause_id": n.clauses["5.2"]}]
    )
    assert [w["code"] for w in draft["warnings"]] == ["deletes_referenced_clause"]
    assert draft["warnings"][0]["related_clause_id"] == n.clauses["5.3"]


def test_withdraw_races_countersign_exactly_one_wins_in_sequence(api, talks):
    n = talks
    e = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator", "E", [{"action": "amend", "clause_id": n.clauses["5.1"], "text": TEXT_50}]
        ),
    )
    ta = n.offer(
        "employer_negotiator",
        [{"clause_id": n.clauses["5.1"], "action": "amend", "version_id": e["items"][0]["version_id"]}],
    )
    e_path = f"/proposals/{e['id']}"
    assert n.act("employer_negotiator", f"{e_path}/withdraw", e_path).status_code == 200
    ta_path = f"/tentative-agreements/{ta['id']}"
    late = n.act("union_negotiator", f"{ta_path}/sign", ta_path, {})
    assert late.status_code == 409 and late.json["error"]["code"] == "ta_stale"


def test_proposal_views_show_the_same_status_as_the_board(api, talks):
    n = talks
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "U",
            [
                {"action": "amend", "clause_id": n.clauses["5.1"], "text": TEXT_50},
                {"action": "delete", "clause_id": n.clauses["6.1"]},
            ],
        ),
    )
    ta = n.offer("union_negotiator", [{"clause_id": n.clauses["6.1"], "action": "delete"}])
    for role in ("union_negotiator", "employer_negotiator"):
        view = api.get(f"/proposals/{u1['id']}", as_=role).json
        board = {str(c["id"]): c["status"] for a in n.board(role)["articles"] for c in a["clauses"]}
        assert view["clause_status"] == {k: board[k] for k in view["clause_status"]}
        assert view["clause_status"] == {str(n.clauses["5.1"]): "open", str(n.clauses["6.1"]): "ta_pending"}
    n.sign("employer_negotiator", ta)
    listed = api.get(f"/tables/{n.table_id}/proposals").json
    assert listed[0]["clause_status"][str(n.clauses["6.1"])] == "tentatively_agreed"
