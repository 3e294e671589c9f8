"""Notes through the API: caucus privacy, sharing minutes, append-only history and a clause's history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.api.negotiation import Negotiation


def _setup(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    start = datetime.now(UTC) - timedelta(hours=1)
    body = {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=3)).isoformat()}
    session = api.post(f"/tables/{cast.table_id}/sessions", body, as_="union_recorder").json
    return n, session


def _note(api, cast, as_="union_negotiator", status=201, **body):
    response = api.post(f"/tables/{cast.table_id}/notes", body, as_=as_)
    assert response.status_code == status, response.json
    return {
        **response.json,
        "etag": response.headers.get("ETag"),
        "location": response.headers.get("Location"),
    }


def test_caucus_notes_stay_with_their_side(api, cast):
    n, session = _setup(api, cast)
    note = _note(api, cast, kind="caucus", body="They will cave on 5.1", clause_id=n.clauses["5.1"])
    assert note["location"].endswith(f"/api/v1/notes/{note['id']}")
    assert api.get(f"/notes/{note['id']}", as_="union_observer").status_code == 200
    for role in ("employer_negotiator", "member", "admin", "outsider"):
        assert api.get(f"/notes/{note['id']}", as_=role).status_code == 404, role
        listed = api.get(f"/tables/{cast.table_id}/notes", as_=role)
        assert "cave" not in listed.get_data(as_text=True), role
    shared = api.post(f"/notes/{note['id']}/share", {"audience": "table"}, headers={"If-Match": note["etag"]})
    assert shared.status_code == 422 and shared.json["error"]["code"] == "caucus_private"
    wide = _note(api, cast, status=422, kind="caucus", audience="table", body="x", session_id=session["id"])
    assert wide["error"]["fields"] == {"audience": [wide["error"]["message"]]}


def test_minutes_are_shared_wider_under_if_match_and_never_narrower(api, cast):
    _n, session = _setup(api, cast)
    minutes = _note(api, cast, kind="minutes", body="Minutes of the session", session_id=session["id"])
    assert api.get(f"/notes/{minutes['id']}", as_="employer_negotiator").status_code == 404
    path = f"/notes/{minutes['id']}/share"
    assert api.post(path, {"audience": "table"}).status_code == 428
    assert (
        api.post(
            path, {"audience": "table"}, as_="employer_negotiator", headers={"If-Match": minutes["etag"]}
        ).status_code
        == 404
    )
    shared = api.post(path, {"audience": "table"}, headers={"If-Match": minutes["etag"]})
    assert shared.status_code == 200 and shared.json["audience"] == "table"
    assert api.get(f"/notes/{minutes['id']}", as_="employer_negotiator").status_code == 200
    assert api.get(f"/notes/{minutes['id']}", as_="member").status_code == 404
    again = api.post(path, {"audience": "table"}, headers={"If-Match": shared.headers["ETag"]})
    assert again.status_code == 409 and again.json["error"]["code"] == "note_shared"
    members = api.post(path, {"audience": "members"}, headers={"If-Match": shared.headers["ETag"]})
    assert members.status_code == 200
    assert api.get(f"/notes/{minutes['id']}", as_="member").json["body"] == "Minutes of the session"
    audit = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    assert next(r["detail"]["audience"] for r in audit if r["action"] == "note.shared") == {
        "old": "table",
        "new": "members",
    }


def test_history_notes_are_append_only_a_correction_points_back_and_both_remain(api, cast):
    n, session = _setup(api, cast)
    clause = n.clauses["5.1"]
    missing = _note(api, cast, status=422, kind="history", body="x", clause_id=clause)
    assert missing["error"]["fields"] == {"session_id": [missing["error"]["message"]]}
    first = _note(
        api,
        cast,
        kind="history",
        audience="table",
        clause_id=clause,
        session_id=session["id"],
        body="Employer said 'active caseload' excludes intake clients.",
    )
    fixed = _note(
        api,
        cast,
        kind="history",
        audience="table",
        corrects_id=first["id"],
        body="Correction: employer said it excludes intake clients in the first 30 days.",
    )
    assert (
        fixed["clause_id"] == clause
        and fixed["session_id"] == session["id"]
        and fixed["corrects_id"] == first["id"]
    )
    again = api.get(f"/notes/{first['id']}", as_="employer_negotiator").json
    assert again["body"].startswith("Employer said") and again["corrected_by"] == [fixed["id"]]
    assert api.call("PATCH", f"/notes/{first['id']}", json={"body": "x"}).status_code == 405
    assert api.call("DELETE", f"/notes/{first['id']}").status_code == 405
    foreign = _note(
        api, cast, as_="employer_negotiator", status=422, kind="history", body="x", corrects_id=first["id"]
    )
    assert "corrects_id" in foreign["error"]["fields"]


def test_notes_on_a_draft_stay_with_its_side_and_another_sides_draft_is_not_there(api, cast):
    n, _session = _setup(api, cast)
    draft = n.draft("union_negotiator", "Secret", [{"action": "delete", "clause_id": n.clauses["6.1"]}])
    _note(api, cast, status=409, kind="minutes", audience="table", body="x", proposal_id=draft["id"])
    mine = _note(api, cast, kind="caucus", body="our plan", proposal_id=draft["id"])
    assert mine["proposal_id"] == draft["id"]
    theirs = _note(
        api, cast, as_="employer_negotiator", status=422, kind="caucus", body="x", proposal_id=draft["id"]
    )
    assert "proposal_id" in theirs["error"]["fields"]
    assert _note(
        api, cast, as_="union_observer", status=403, kind="caucus", body="x", proposal_id=draft["id"]
    )


def test_a_clauses_history_gathers_versions_proposals_tas_and_notes_as_the_caller_sees_them(api, cast):
    n, session = _setup(api, cast)
    clause = n.clauses["5.1"]
    u1 = n.propose("union_negotiator", "Caps", [{"action": "amend", "clause_id": clause, "text": "Cap 55."}])
    n.draft("employer_negotiator", "Private", [{"action": "amend", "clause_id": clause, "text": "Cap 70."}])
    _note(api, cast, kind="caucus", body="our caucus", clause_id=clause)
    _note(
        api,
        cast,
        kind="history",
        audience="table",
        body="we explained",
        clause_id=clause,
        session_id=session["id"],
    )
    union = api.get(f"/clauses/{clause}/history").json
    kinds = [e["kind"] for e in union]
    assert kinds == ["version", "proposal_passed", "version", "note", "note"]
    assert union[1]["label"] == u1["label"]
    employer = api.get(f"/clauses/{clause}/history", as_="employer_negotiator").json
    assert [e["kind"] for e in employer] == [
        "version",
        "proposal_passed",
        "version",
        "proposal_drafted",
        "note",
    ]
    assert [e["text"] for e in employer if e["kind"] == "note"] == ["we explained"]
    member = api.get(f"/clauses/{clause}/history", as_="member").json
    assert [e["kind"] for e in member] == ["version"]
