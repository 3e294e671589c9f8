"""Sessions through the API: scheduling, attendance, states, and each session's ledger."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.api.negotiation import Negotiation


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _session(api, cast, start: datetime, hours: int = 3, as_: str = "union_recorder", **extra):
    body = {
        "title": "Session",
        "starts_at": _iso(start),
        "ends_at": _iso(start + timedelta(hours=hours)),
        **extra,
    }
    response = api.post(f"/tables/{cast.table_id}/sessions", body, as_=as_)
    assert response.status_code == 201, response.json
    return {**response.json, "etag": response.headers["ETag"], "location": response.headers["Location"]}


def test_a_recorder_schedules_a_session_with_attendance_and_members_do_not_see_who_came(api, cast):
    start = datetime(2026, 3, 2, 14, tzinfo=UTC)
    made = _session(
        api,
        cast,
        start,
        place="Room 4",
        attendees=[
            {"side": "union", "name": "Ana", "role": "Chief negotiator"},
            {"side": "employer", "name": "Bo", "role": "HR director"},
            {"side": "guest", "name": "Cy", "role": "Actuary"},
        ],
    )
    assert made["location"].endswith(f"/api/v1/sessions/{made['id']}")
    assert made["state"] == "scheduled"
    assert [a["side"] for a in made["attendees"]] == ["union", "employer", "guest"]
    seen = api.get(f"/sessions/{made['id']}", as_="employer_negotiator")
    assert seen.status_code == 200 and len(seen.json["attendees"]) == 3
    assert api.get(f"/sessions/{made['id']}", as_="member").json["attendees"] == []
    assert api.get(f"/tables/{cast.table_id}/sessions", as_="member").json[0]["attendees"] == []
    assert api.get(f"/sessions/{made['id']}", as_="outsider").status_code == 404


def test_attendance_replaces_the_list_under_if_match_and_is_audited(api, cast):
    made = _session(api, cast, datetime(2026, 3, 2, 14, tzinfo=UTC))
    body = {"attendees": [{"side": "union", "name": "Ana"}]}
    assert api.call("PUT", f"/sessions/{made['id']}/attendance", json=body).status_code == 428
    put = api.call("PUT", f"/sessions/{made['id']}/attendance", json=body, headers={"If-Match": made["etag"]})
    assert put.status_code == 200, put.json
    assert put.headers["ETag"] != made["etag"]
    stale = api.call(
        "PUT", f"/sessions/{made['id']}/attendance", json=body, headers={"If-Match": made["etag"]}
    )
    assert stale.status_code == 412
    audit = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    row = next(r for r in audit if r["action"] == "session.attendance")
    assert row["detail"]["attendees"]["old"] == [] and row["detail"]["attendees"]["new"][0]["name"] == "Ana"


def test_states_move_scheduled_to_held_or_cancelled_and_never_back_from_held(api, cast):
    made = _session(api, cast, datetime(2026, 3, 2, 14, tzinfo=UTC))
    held = api.patch(f"/sessions/{made['id']}", {"state": "held"}, headers={"If-Match": made["etag"]})
    assert held.status_code == 200 and held.json["state"] == "held"
    again = api.patch(
        f"/sessions/{made['id']}", {"state": "cancelled"}, headers={"If-Match": held.headers["ETag"]}
    )
    assert again.status_code == 409 and again.json["error"]["code"] == "session_state"
    audit = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    row = next(r for r in audit if r["action"] == "session.updated")
    assert row["detail"] == {"state": {"old": "scheduled", "new": "held"}}


def test_bad_windows_and_writers_are_refused_and_nothing_is_written(api, cast):
    start = datetime(2026, 3, 2, 14, tzinfo=UTC)
    body = {"starts_at": _iso(start), "ends_at": _iso(start - timedelta(hours=1))}
    bad = api.post(f"/tables/{cast.table_id}/sessions", body)
    assert bad.status_code == 422 and bad.json["error"]["fields"] == {
        "ends_at": [bad.json["error"]["message"]]
    }
    body["ends_at"] = _iso(start + timedelta(hours=1))
    assert api.post(f"/tables/{cast.table_id}/sessions", body, as_="union_observer").status_code == 403
    assert api.post(f"/tables/{cast.table_id}/sessions", body, as_="member").status_code == 403
    stranger = {**body, "attendees": [{"side": "union", "name": "X", "user_id": cast.user_ids["outsider"]}]}
    refused = api.post(f"/tables/{cast.table_id}/sessions", stranger)
    assert refused.status_code == 422 and "attendees" in refused.json["error"]["fields"]
    recorder = {"side": "union", "name": "Rec", "user_id": cast.user_ids["union_recorder"]}
    seated = {**body, "attendees": [recorder]}
    assert api.post(f"/tables/{cast.table_id}/sessions", seated).status_code == 201
    assert len(api.get(f"/tables/{cast.table_id}/sessions").json) == 1


def test_each_session_shows_its_ledger_by_window_or_by_name(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    now = datetime.now(UTC)
    today = _session(api, cast, now - timedelta(hours=1))
    earlier = _session(api, cast, now - timedelta(days=7))
    u1 = n.propose(
        "union_negotiator", "Caps", [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "60."}]
    )
    paper = n.draft("union_recorder", "Paper", [{"action": "delete", "clause_id": n.clauses["6.1"]}])
    u2 = n.pass_(
        "union_recorder",
        paper,
        passed_at=_iso(datetime.now(UTC)),  # paper entered today, named to the earlier session
        session_id=earlier["id"],
    )
    ta = n.offer("employer_negotiator", [{"clause_id": n.clauses["6.1"], "action": "delete"}])
    n.sign("union_negotiator", ta)
    led = api.get(f"/sessions/{today['id']}/ledger").json
    assert [(e["kind"], e["label"]) for e in led["entries"]] == [
        ("passed", u1["label"]),
        ("ta_offered", ta["label"]),
        ("ta_signed", ta["label"]),
    ]
    assert led["by_side"]["union"] == {"passed": [u1["label"]], "ta_signed": [ta["label"]]}
    assert led["by_side"]["employer"] == {"ta_offered": [ta["label"]]}
    old = api.get(f"/sessions/{earlier['id']}/ledger").json
    assert [(e["kind"], e["proposal_id"]) for e in old["entries"]] == [("passed", u2["id"])]
    listed = api.get(f"/tables/{cast.table_id}/proposals?session_id={earlier['id']}").json
    assert [p["id"] for p in listed] == [u2["id"]]
    board = n.board(query=f"?session_id={today['id']}")
    assert sorted(c["number"] for a in board["articles"] for c in a["clauses"]) == ["5.1", "6.1"]
    assert api.get(f"/tables/{cast.table_id}/proposals?session_id=999999").status_code == 422


def test_naming_a_cancelled_or_foreign_session_refuses_the_action_whole(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    made = _session(api, cast, datetime.now(UTC))
    api.patch(f"/sessions/{made['id']}", {"state": "cancelled"}, headers={"If-Match": made["etag"]})
    draft = n.draft("union_negotiator", "X", [{"action": "delete", "clause_id": n.clauses["6.1"]}])
    refused = api.post(
        f"/proposals/{draft['id']}/pass", {"session_id": made["id"]}, headers={"If-Match": draft["etag"]}
    )
    assert refused.status_code == 409 and refused.json["error"]["code"] == "session_cancelled"
    assert api.get(f"/proposals/{draft['id']}").json["state"] == "draft"
    missing = api.post(
        f"/proposals/{draft['id']}/pass", {"session_id": 424242}, headers={"If-Match": draft["etag"]}
    )
    assert missing.status_code == 422 and "session_id" in missing.json["error"]["fields"]
    assert api.get(f"/proposals/{draft['id']}").json["state"] == "draft"


def test_a_session_read_again_with_its_etag_is_not_modified(api, cast):
    made = _session(api, cast, datetime(2026, 3, 2, 14, tzinfo=UTC))
    again = api.get(f"/sessions/{made['id']}", headers={"If-None-Match": made["etag"]})
    assert again.status_code == 304 and again.data == b""
    changed = api.patch(f"/sessions/{made['id']}", {"agenda": "New"}, headers={"If-Match": made["etag"]})
    assert api.get(f"/sessions/{made['id']}", headers={"If-None-Match": made["etag"]}).status_code == 200
    fresh = api.get(f"/sessions/{made['id']}", headers={"If-None-Match": changed.headers["ETag"]})
    assert fresh.status_code == 304
