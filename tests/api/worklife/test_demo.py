"""The demo shows the working life after `make run`: sessions with attendance, notes, two requests."""

from __future__ import annotations

from flask.testing import FlaskClient

from bargaining.services.demo import create_demo


def test_the_demo_has_sessions_notes_and_an_answered_and_an_overdue_request(app):
    with app.extensions["sessionmaker"]() as session:
        tokens = create_demo(session)
        session.commit()
    client: FlaskClient = app.test_client()

    def get(path: str, role: str = "union_negotiator"):
        response = client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {tokens[role]}"})
        assert response.status_code == 200, (path, response.json)
        return response.json

    table = get("/tables")[0]["id"]
    sessions = get(f"/tables/{table}/sessions")
    assert [s["state"] for s in sessions] == ["held", "held", "scheduled"]
    assert len(sessions[0]["attendees"]) == 5
    ledger = get(f"/sessions/{sessions[1]['id']}/ledger")
    assert ledger["by_side"]["union"]["passed"][:2] == ["U-1", "U-2"]
    requests = get(f"/tables/{table}/information-requests")
    assert [(r["status"], r["overdue"]) for r in requests] == [("answered", False), ("open", True)]
    assert requests[0]["items"][0]["answers"][0]["files"][0]["media_type"] == "text/csv"
    overdue = get(f"/tables/{table}/information-requests?status=overdue", "employer_negotiator")
    assert [r["title"] for r in overdue] == ["Staffing and waitlists by program"]
    members = get(f"/tables/{table}/notes", "member")
    assert [n["kind"] for n in members] == ["minutes"]
    notes = get(f"/tables/{table}/notes")
    said, corrected = [n for n in notes if n["kind"] == "history"]
    assert said["corrected_by"] == [corrected["id"]] and corrected["corrects_id"] == said["id"]
    history = get(f"/clauses/{said['clause_id']}/history")
    assert [e["object_id"] for e in history if e["kind"] == "note"] == [
        said["id"],
        corrected["id"],
        notes[-1]["id"],
    ]
