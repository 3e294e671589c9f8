"""The audit trail keeps old and new values of every edit; users and tokens have their own trail."""

from __future__ import annotations

from tests.api.negotiation import Negotiation


def _trail(api, table_id, action, as_="admin"):
    """The table's events of one action, newest first."""
    response = api.get(f"/tables/{table_id}/audit?action={action}", as_=as_)
    assert response.status_code == 200, response.json
    return response.json


def test_edits_keep_old_and_new_values(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    draft = n.draft(
        "union_negotiator", "Caseloads", [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "A"}]
    )
    body = {"title": "Caseloads, revised", "items": [{"action": "delete", "clause_id": n.clauses["5.1"]}]}
    edited = api.patch(f"/proposals/{draft['id']}", body, headers={"If-Match": draft["etag"]})
    assert edited.status_code == 200, edited.json
    changes = _trail(api, cast.table_id, "proposal.edited", as_="union_negotiator")[0]["detail"]["changes"]
    assert changes["title"] == {"old": "Caseloads", "new": "Caseloads, revised"}
    assert changes["items"]["old"][0]["action"] == "amend" and changes["items"]["old"][0]["text"] == "A"
    assert changes["items"]["new"][0]["action"] == "delete"
    etag = api.get(f"/tables/{cast.table_id}").headers["ETag"]
    body = {"title": "Renamed", "settings": {"members_see_passed": True}}
    assert (
        api.patch(f"/tables/{cast.table_id}", body, as_="admin", headers={"If-Match": etag}).status_code
        == 200
    )
    detail = _trail(api, cast.table_id, "table.updated")[0]["detail"]
    assert detail["changes"] == {
        "title": {"old": "Test table", "new": "Renamed"},
        "members_see_passed": {"old": False, "new": True},
    }


def test_admin_issued_tokens_are_recorded_as_the_admins(api, cast):
    user_id = cast.user_ids["union_recorder"]
    made = api.post(f"/users/{user_id}/tokens", {"name": "laptop"}, as_="admin")
    assert made.status_code == 201
    trail = api.get(f"/users/{user_id}/audit", as_="admin")
    assert trail.status_code == 200
    created = [e for e in trail.json if e["action"] == "token.created" and e["object_id"] == made.json["id"]]
    assert len(created) == 1
    assert (
        created[0]["actor_id"] == cast.user_ids["admin"] and created[0]["detail"]["issued_by_admin"] is True
    )
    made_own = api.post("/me/tokens", {"name": "mine"}, as_="union_recorder")
    own = made_own.json
    gone = api.delete(
        f"/me/tokens/{own['id']}", as_="union_recorder", headers={"If-Match": made_own.headers["ETag"]}
    )
    assert gone.status_code == 200
    events = api.get(f"/users/{user_id}/audit", as_="admin").json
    revoked = next(e for e in events if e["action"] == "token.revoked")
    assert revoked["actor_id"] == user_id and revoked["detail"]["changes"]["revoked_at"]["old"] is None
    mine = next(e for e in events if e["action"] == "token.created" and e["object_id"] == own["id"])
    assert mine["actor_id"] == user_id
    actions = {e["action"] for e in events}
    assert {"user.created", "membership.granted"} <= actions
    assert [e["id"] for e in events] == sorted((e["id"] for e in events), reverse=True)


def test_only_administrators_read_a_users_trail(api, cast):
    user_id = cast.user_ids["union_recorder"]
    assert api.get(f"/users/{user_id}/audit", as_="union_recorder").status_code == 403
    assert api.get(f"/users/{user_id}/audit", as_="union_negotiator").status_code == 403
    assert api.get("/users/999999/audit", as_="admin").status_code == 404
    paged = api.get(f"/users/{user_id}/audit?page_size=1", as_="admin")
    assert paged.status_code == 200 and len(paged.json) == 1 and "X-Pagination" in paged.headers
