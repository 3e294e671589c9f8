"""Administration: deactivating a user stops all their access at once; an archived table is read-only."""

from __future__ import annotations

from tests.api.negotiation import Negotiation


def _members_cookie_works(client, token: str) -> bool:
    client.set_cookie("bargaining_session", token, domain="localhost")
    answer = client.get("/api/v1/me")
    client.delete_cookie("bargaining_session", domain="localhost")
    return answer.status_code == 200


def test_deactivating_a_user_stops_every_token_and_session_at_once(api, client, cast):
    second = api.post("/me/tokens", {"name": "phone"}, as_="union_recorder").json["token"]
    user_id = cast.user_ids["union_recorder"]
    assert _members_cookie_works(client, cast.tokens["union_recorder"])

    answer = api.post(f"/users/{user_id}/deactivate", as_="admin")

    assert answer.status_code == 200
    assert answer.json["deactivated_at"] is not None
    for token in (cast.tokens["union_recorder"], second):
        refused = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 401
        assert refused.json["error"]["code"] == "unauthorized"
    assert not _members_cookie_works(client, cast.tokens["union_recorder"])
    page = client.get("/tables", headers={"Authorization": f"Bearer {second}"})
    assert page.status_code == 401


def test_deactivation_is_audited_with_old_and_new_values(api, cast, app):
    from sqlalchemy import select

    from bargaining.models import AuditEvent

    user_id = cast.user_ids["member"]
    api.post(f"/users/{user_id}/deactivate", as_="admin")
    with app.extensions["sessionmaker"]() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.deactivated")).one()
    assert event.object_id == user_id
    assert event.detail["old"] == {"deactivated_at": None}
    assert event.detail["new"]["deactivated_at"]
    assert event.detail["tokens_revoked"] == 1


def test_a_deactivated_user_gets_no_new_token_and_cannot_be_deactivated_twice(api, cast):
    user_id = cast.user_ids["member"]
    api.post(f"/users/{user_id}/deactivate", as_="admin")
    again = api.post(f"/users/{user_id}/deactivate", as_="admin")
    assert again.status_code == 409 and again.json["error"]["code"] == "user_deactivated"
    token = api.post(f"/users/{user_id}/tokens", {}, as_="admin")
    assert token.status_code == 409 and token.json["error"]["code"] == "user_deactivated"
    assert api.get(f"/users/{user_id}", as_="admin").json["deactivated_at"] is not None


def test_an_administrator_cannot_deactivate_themself_and_others_cannot_at_all(api, cast):
    me = api.post(f"/users/{cast.user_ids['admin']}/deactivate", as_="admin")
    assert me.status_code == 409
    assert api.post(f"/users/{cast.user_ids['member']}/deactivate", as_="union_negotiator").status_code == 403
    assert api.get("/me", as_="admin").status_code == 200


def _archive(api, table_id: int):
    etag = api.get(f"/tables/{table_id}", as_="admin").headers["ETag"]
    return api.post(f"/tables/{table_id}/archive", as_="admin", headers={"If-Match": etag})


def test_an_archived_table_reads_but_refuses_every_write(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    draft = n.draft(
        "union_negotiator", "U-1", [{"action": "amend", "clause_id": n.clauses["5.1"], "text": "New"}]
    )

    archived = _archive(api, cast.table_id)

    assert archived.status_code == 200
    assert archived.json["archived_at"] is not None
    assert api.get(f"/tables/{cast.table_id}/status").status_code == 200
    assert api.get(f"/proposals/{draft['id']}").status_code == 200
    writes = [
        api.post(
            f"/tables/{cast.table_id}/proposals",
            {"title": "P", "items": [{"action": "status_quo", "clause_id": n.clauses["5.2"]}]},
        ),
        api.post(f"/proposals/{draft['id']}/pass", {}, headers={"If-Match": draft["etag"]}),
        api.patch(
            f"/tables/{cast.table_id}",
            {"title": "Renamed"},
            as_="admin",
            headers={"If-Match": api.get(f"/tables/{cast.table_id}").headers["ETag"]},
        ),
        api.post(
            f"/tables/{cast.table_id}/memberships",
            {"user_id": cast.user_ids["outsider"], "role": "member"},
            as_="admin",
        ),
    ]
    assert [w.status_code for w in writes] == [409] * len(writes)
    assert {w.json["error"]["code"] for w in writes} == {"table_archived"}
    assert "table.archived" in n.audit_actions("union_negotiator")


def test_archiving_needs_the_current_etag_and_happens_once(api, cast):
    stale = api.post(f"/tables/{cast.table_id}/archive", as_="admin", headers={"If-Match": '"table-1-v0"'})
    assert stale.status_code == 412
    assert api.post(f"/tables/{cast.table_id}/archive", as_="admin").status_code == 428
    assert _archive(api, cast.table_id).status_code == 200
    assert _archive(api, cast.table_id).json["error"]["code"] == "table_archived"
