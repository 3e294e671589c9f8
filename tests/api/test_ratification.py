"""Ratification: both sides send the verified contract, the vote, read-only after, renewal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.api.negotiation import BASE, Negotiation
from tests.api.test_contract import (
    NO_SHOWS,
    PASSED_ONLY,
    REVIEW,
    TELEHEALTH,
    TEXT_50,
    contract,
    negotiate_everything,
    tamper,
    verify,
)

TODAY = datetime.now(UTC).date().isoformat()


@pytest.fixture
def talks(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def send(api: Any, table_id: int, as_: str) -> Any:
    path = f"/tables/{table_id}/ratification"
    return api.post(f"{path}/send", as_=as_, headers=api.if_match(path, as_))


def vote(api: Any, table_id: int, yes: int, no: int, as_: str = "union_negotiator", **extra: Any) -> Any:
    path = f"/tables/{table_id}/ratification"
    body = {"vote_date": TODAY, "yes": yes, "no": no, **extra}
    return api.post(f"{path}/vote", body, as_=as_, headers=api.if_match(path, as_))


def table_state(api: Any, table_id: int) -> str:
    state: str = api.get(f"/tables/{table_id}", as_="admin").json["state"]
    return state


def both_send(api: Any, table_id: int) -> dict[str, Any]:
    assert send(api, table_id, "union_negotiator").status_code == 200
    sent = send(api, table_id, "employer_negotiator")
    assert sent.status_code == 200, sent.json
    body: dict[str, Any] = sent.json
    return body


def reopen(api: Any, ta: dict[str, Any]) -> None:
    path = f"/tentative-agreements/{ta['id']}"
    asked = api.post(f"{path}/reopen-request", {"reason": "Typo"}, headers=api.if_match(path))
    assert asked.status_code == 200, asked.json
    employer = api.if_match(path, "employer_negotiator")
    agreed = api.post(f"{path}/reopen-consent", as_="employer_negotiator", headers=employer)
    assert agreed.status_code == 200, agreed.json


def test_an_unverified_contract_cannot_be_sent(api, talks):
    n = talks
    n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator", "Caseloads", [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "x"}]
        ),
    )
    refused = send(api, n.table_id, "union_negotiator")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "contract_not_verified"
    assert "5.1" in refused.json["error"]["message"] and "still open" in refused.json["error"]["message"]
    assert api.get(f"/tables/{n.table_id}/ratification", as_="member").json["stage"] == "not_sent"


def test_a_table_in_setup_has_nothing_to_send(api, talks):
    refused = send(api, talks.table_id, "union_negotiator")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "not_bargaining"


def test_both_sides_send_then_the_members_ratify(api, talks):
    n = talks
    negotiate_everything(n)
    tid = n.table_id
    for role in ("union_recorder", "union_observer", "member", "admin", "employer_recorder"):
        assert send(api, tid, role).status_code == 403, role
    assert vote(api, tid, 10, 1).json["error"]["code"] == "not_sent"

    first = send(api, tid, "union_negotiator")
    assert first.status_code == 200
    assert first.json["stage"] == "awaiting_other_side" and first.json["table_state"] == "bargaining"
    assert first.json["sent_by_union_id"] == api.cast.user_ids["union_negotiator"]
    assert first.json["sent_by_employer_id"] is None
    assert first.json["contract_hash"] == verify(api, tid)["contract_hash"]
    again = send(api, tid, "union_negotiator")
    assert again.status_code == 409 and again.json["error"]["code"] == "already_sent"
    assert vote(api, tid, 10, 1).status_code == 409

    sent = send(api, tid, "employer_negotiator")
    assert sent.status_code == 200 and sent.json["stage"] == "sent"
    assert sent.json["table_state"] == "ratification" and table_state(api, tid) == "ratification"
    assert send(api, tid, "employer_negotiator").json["error"]["code"] == "already_sent"

    member_view = api.get(f"/tables/{tid}/ratification", as_="member")
    assert member_view.status_code == 200 and member_view.json["stage"] == "sent"
    assert member_view.json["contract_unchanged"] is True

    future = (datetime.now(UTC).date() + timedelta(days=3)).isoformat()
    assert vote(api, tid, 10, 1, vote_date=future).status_code == 422
    assert vote(api, tid, 10, 1, vote_date="2001-01-01").status_code == 422
    assert vote(api, tid, 0, 0).status_code == 422
    assert vote(api, tid, -1, 3).status_code == 422
    assert vote(api, tid, 10, 1, as_="union_recorder").status_code == 403
    assert vote(api, tid, 10, 1, as_="member").status_code == 403

    voted = vote(api, tid, 120, 30, as_="employer_negotiator")
    assert voted.status_code == 200, voted.json
    body = voted.json
    assert body["outcome"] == "ratified" and body["stage"] == "ratified"
    assert (body["votes_yes"], body["votes_no"], body["vote_date"]) == (120, 30, TODAY)
    assert body["recorded_by_id"] == api.cast.user_ids["employer_negotiator"]
    assert table_state(api, tid) == "ratified"
    assert contract(api, tid, as_="member")["title"].startswith("Test table: Ratified contract")
    actions = [row["action"] for row in api.get(f"/tables/{tid}/audit?page_size=100").json]
    assert actions.count("ratification.sent") == 2 and "ratification.voted" in actions


def test_a_ratified_table_is_read_only(api, talks):
    n = talks
    settled = negotiate_everything(n)
    tid = n.table_id
    drafts = api.get(f"/tables/{tid}/proposals?state=draft").json
    both_send(api, tid)
    assert vote(api, tid, 5, 4).json["outcome"] == "ratified"

    def refused(response: Any) -> bool:
        return response.status_code == 409 and response.json["error"]["code"] == "table_ratified"

    clause = {"action": "amend", "clause_id": n.clauses["6.1"], "text": "Later."}
    assert refused(api.post(f"/tables/{tid}/proposals", {"title": "Late", "items": [clause]}))
    draft = drafts[0]
    etag = f'"proposal-{draft["id"]}-v{draft["version"]}"'
    assert refused(api.post(f"/proposals/{draft['id']}/pass", {}, headers={"If-Match": etag}))
    u1 = f"/proposals/{n.proposals['U-1']}"
    assert refused(api.post(f"{u1}/withdraw", headers=api.if_match(u1)))
    assert refused(
        api.post(
            f"/tables/{tid}/tentative-agreements",
            {"items": [{"clause_id": n.clauses["6.1"], "action": "status_quo"}]},
        )
    )
    table_etag = api.get(f"/tables/{tid}").headers["ETag"]
    assert refused(api.patch(f"/tables/{tid}", {"title": "Renamed"}, headers={"If-Match": table_etag}))
    article = api.get(f"/articles/{n.articles['5']}")
    assert refused(
        api.patch(
            f"/articles/{n.articles['5']}", {"title": "X"}, headers={"If-Match": article.headers["ETag"]}
        )
    )
    ta_etag = api.get(f"/tentative-agreements/{settled.ta['id']}").headers["ETag"]
    assert refused(
        api.patch(
            f"/tentative-agreements/{settled.ta['id']}", {"summary": "x"}, headers={"If-Match": ta_etag}
        )
    )
    assert refused(send(api, tid, "union_negotiator"))
    assert refused(vote(api, tid, 1, 100))
    assert refused(api.patch(f"/proposals/{draft['id']}", {"title": "x"}, headers={"If-Match": etag}))
    assert refused(api.delete(f"/proposals/{draft['id']}", headers={"If-Match": etag}))
    ta_path = f"/tentative-agreements/{settled.ta['id']}"
    assert refused(api.post(f"{ta_path}/reopen-request", {"reason": "Later"}, headers=api.if_match(ta_path)))
    employer = api.if_match(ta_path, "employer_negotiator")
    assert refused(api.post(f"{ta_path}/reopen-consent", as_="employer_negotiator", headers=employer))
    assert refused(
        api.post(f"/articles/{n.articles['5']}/clauses", {"number": "5.9", "text": "t"}, as_="admin")
    )
    assert verify(api, tid)["ok"] is True


def test_a_rejected_contract_returns_to_bargaining_and_keeps_the_record(api, talks):
    n = talks
    negotiate_everything(n)
    tid = n.table_id
    both_send(api, tid)
    voted = vote(api, tid, 40, 40)
    assert voted.status_code == 200 and voted.json["outcome"] == "rejected"
    assert table_state(api, tid) == "bargaining"
    shown = api.get(f"/tables/{tid}/ratification", as_="member").json
    assert (shown["stage"], shown["votes_yes"], shown["votes_no"]) == ("rejected", 40, 40)
    assert vote(api, tid, 50, 1).json["error"]["code"] == "not_sent"

    again = send(api, tid, "employer_negotiator")
    assert again.status_code == 200 and again.json["stage"] == "awaiting_other_side"
    assert again.json["sent_by_union_id"] is None and again.json["votes_yes"] is None
    assert "rejected" in again.json["note"] and "40 yes, 40 no" in again.json["note"]
    assert send(api, tid, "union_negotiator").json["stage"] == "sent"
    assert vote(api, tid, 50, 1).json["outcome"] == "ratified"
    assert "rejected" in api.get(f"/tables/{tid}/ratification").json["note"]


def test_the_vote_refuses_a_contract_changed_since_it_was_sent(api, talks):
    n = talks
    settled = negotiate_everything(n)
    tid = n.table_id
    items = settled.ta["items"]
    both_send(api, tid)
    reopen(api, settled.ta)
    changed = vote(api, tid, 10, 1)
    assert changed.status_code == 409 and changed.json["error"]["code"] == "contract_changed"
    assert api.get(f"/tables/{tid}/ratification").json["contract_unchanged"] is False
    assert send(api, tid, "union_negotiator").json["error"]["code"] == "contract_not_verified"

    # The same language agreed again is the contract the members have: the vote stands.
    same = [{k: i[k] for k in ("clause_id", "action", "version_id") if i[k] is not None} for i in items]
    n.sign("employer_negotiator", n.offer("union_negotiator", same))
    assert vote(api, tid, 10, 1).json["outcome"] == "ratified"


def test_a_change_after_one_side_sent_starts_the_round_over(api, talks):
    n = talks
    settled = negotiate_everything(n)
    tid = n.table_id
    first = send(api, tid, "union_negotiator").json
    reopen(api, settled.ta)
    u1 = api.get(f"/proposals/{n.proposals['U-1']}").json
    other_51 = next(i["version_id"] for i in u1["items"] if i["clause_id"] == n.clauses["5.1"])
    items = [
        {k: i[k] for k in ("clause_id", "action", "version_id") if i[k] is not None}
        for i in settled.ta["items"]
    ]
    items = [{**i, "version_id": other_51} if i["clause_id"] == n.clauses["5.1"] else i for i in items]
    n.sign("employer_negotiator", n.offer("union_negotiator", items))
    restarted = send(api, tid, "employer_negotiator")
    assert restarted.status_code == 200 and restarted.json["stage"] == "awaiting_other_side"
    assert (
        restarted.json["sent_by_union_id"] is None
        and restarted.json["contract_hash"] != first["contract_hash"]
    )
    assert table_state(api, tid) == "bargaining"
    assert send(api, tid, "union_negotiator").json["stage"] == "sent"
    texts = [c["text"] for a in contract(api, tid)["articles"] for c in a["clauses"]]
    assert PASSED_ONLY in texts


def test_renewal_copies_the_ratified_contract_as_the_new_base(api, talks):
    n = talks
    negotiate_everything(n)
    tid = n.table_id
    body = {"title": "Successor", "union_name": "Clinicians United", "employer_name": "Group Practice"}
    early = api.post("/tables", {**body, "renews": tid}, as_="admin")
    assert early.status_code == 409 and early.json["error"]["code"] == "not_ratified"
    both_send(api, tid)
    vote(api, tid, 9, 2)
    assert api.post("/tables", {**body, "renews": tid}, as_="union_negotiator").status_code == 403
    missing = api.post("/tables", {**body, "renews": 99999}, as_="admin")
    assert missing.status_code == 422 and "renews" in missing.json["error"]["fields"]

    made = api.post("/tables", {**body, "renews": tid}, as_="admin")
    assert made.status_code == 201, made.json
    new = made.json
    assert new["renews_id"] == tid and new["state"] == "setup"
    renewed = contract(api, new["id"], as_="admin")
    assert [
        (
            a["number"],
            a["title"],
            [(c["number"], c["heading"], c["text"], c["source"], c["in_base"]) for c in a["clauses"]],
        )
        for a in renewed["articles"]
    ] == [
        (
            "5",
            "Caseloads",
            [
                ("5.1", "Caseload Limits", TEXT_50, "base", True),
                ("5.2", "Missed Appointments", NO_SHOWS, "base", True),
                ("5.4", "Review", REVIEW, "base", True),
            ],
        ),
        ("6", "Documentation Time", [("6.1", "Notes", BASE["6"][1]["6.1"][1], "base", True)]),
        ("21", "Telehealth", [("21.1", "Equipment", TELEHEALTH, "base", True)]),
    ]
    assert verify(api, new["id"], as_="admin")["ok"] is True
    articles = api.get(f"/tables/{new['id']}/articles", as_="admin").json
    assert all(a["in_base"] for a in articles)
    assert table_state(api, tid) == "ratified"


def test_renewal_refuses_a_ratified_contract_altered_since(api, talks, engine, backend):
    n = talks
    settled = negotiate_everything(n)
    both_send(api, n.table_id)
    vote(api, n.table_id, 9, 2)
    tamper(engine, backend, settled.version_51, "Altered after the vote.")
    body = {"title": "Successor", "union_name": "U", "employer_name": "E", "renews": n.table_id}
    refused = api.post("/tables", body, as_="admin")
    assert refused.status_code == 409 and refused.json["error"]["code"] == "contract_changed"
    assert len(api.get("/tables", as_="admin").json) == 2
