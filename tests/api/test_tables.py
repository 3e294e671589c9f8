"""Tables, memberships, the caller and tokens through the API."""

from __future__ import annotations


def test_health_needs_no_token_and_reports_the_database(api):
    response = api.get("/health", as_=None)
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_me_lists_my_seats(api, cast):
    response = api.get("/me", as_="union_recorder")
    assert response.status_code == 200
    assert response.json["email"] == "union_recorder@test.example"
    assert response.json["seats"] == [{"table_id": cast.table_id, "side": "union", "role": "recorder"}]


def test_unknown_and_missing_tokens_get_401(api, client):
    assert api.get("/me", as_=None).status_code == 401
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer bgn_nope"})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_token_stops_working_at_once(api, client):
    created = api.post("/me/tokens", {"name": "laptop"})
    assert created.status_code == 201
    secret = created.json["token"]
    assert secret.startswith("bgn_") and len(secret) > 40
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    listed = api.get("/me/tokens").json
    assert all("token" not in t for t in listed)
    revoked = api.delete(f"/me/tokens/{created.json['id']}", headers={"If-Match": created.headers["ETag"]})
    assert revoked.status_code == 200
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_token_use_is_recorded(api, client):
    created = api.post("/me/tokens", {"name": "x"}).json
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {created['token']}"})
    mine = {t["id"]: t for t in api.get("/me/tokens").json}
    assert mine[created["id"]]["last_used_at"] is not None


def test_only_admins_create_tables(api):
    body = {"title": "T", "union_name": "U", "employer_name": "E"}
    assert api.post("/tables", body, as_="union_negotiator").status_code == 403
    response = api.post("/tables", body, as_="admin")
    assert response.status_code == 201
    assert response.json["state"] == "setup"
    assert response.json["settings"] == {
        "members_see_passed": False,
        "union_prefix": "U",
        "employer_prefix": "E",
    }


def test_tables_list_only_where_i_sit(api, cast):
    ids = [t["id"] for t in api.get("/tables", as_="member").json]
    assert ids == [cast.table_id]
    assert len(api.get("/tables", as_="admin").json) == 2


def test_lists_are_paginated_with_a_header(api):
    response = api.get("/tables?page=1&page_size=1", as_="admin")
    assert len(response.json) == 1
    assert '"total": 2' in response.headers["X-Pagination"]


def test_another_tables_people_get_404(api, cast):
    response = api.get(f"/tables/{cast.table_id}", as_="outsider")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "table_not_found"


def test_settings_update_needs_the_etag(api, cast):
    path = f"/tables/{cast.table_id}"
    etag = api.get(path).headers["ETag"]
    body = {"settings": {"members_see_passed": True}}
    # Shared settings change directly only by an administrator (the sides: by consent).
    assert api.patch(path, body, as_="admin").status_code == 428
    response = api.patch(path, body, as_="admin", headers={"If-Match": etag})
    assert response.status_code == 200
    assert response.json["settings"]["members_see_passed"] is True
    stale = api.patch(path, {"title": "Again"}, as_="admin", headers={"If-Match": etag})
    assert stale.status_code == 412
    assert api.get(path).json["title"] == "Test table"


def test_members_cannot_change_settings(api, cast):
    path = f"/tables/{cast.table_id}"
    etag = api.get(path, as_="member").headers["ETag"]
    response = api.patch(path, {"title": "Mine"}, as_="member", headers={"If-Match": etag})
    assert response.status_code == 403


def test_prefixes_must_differ(api, cast):
    path = f"/tables/{cast.table_id}"
    etag = api.get(path).headers["ETag"]
    body = {"settings": {"union_prefix": "E"}}
    response = api.patch(path, body, as_="admin", headers={"If-Match": etag})
    assert response.status_code == 422
    assert response.json["error"]["fields"] == {"settings": ["The two sides need different prefixes."]}


def test_admin_grants_and_revokes_seats(api, cast):
    path = f"/tables/{cast.table_id}/memberships"
    new_user = api.post("/users", {"email": "new@test.example", "name": "New"}, as_="admin").json
    granted = api.post(path, {"user_id": new_user["id"], "side": "employer", "role": "observer"}, as_="admin")
    assert granted.status_code == 201
    assert granted.json["user_email"] == "new@test.example"
    again = api.post(path, {"email": "new@test.example", "side": "employer", "role": "observer"}, as_="admin")
    assert again.status_code == 409
    seat = {"If-Match": granted.headers["ETag"]}
    assert api.delete(f"{path}/{granted.json['id']}", as_="admin", headers=seat).status_code == 204
    assert all(m["user_id"] != new_user["id"] for m in api.get(path, as_="admin").json)


def test_members_sit_without_a_side_and_others_with_one(api, cast):
    path = f"/tables/{cast.table_id}/memberships"
    user = api.post("/users", {"email": "m2@test.example", "name": "M"}, as_="admin").json
    bad = api.post(path, {"user_id": user["id"], "side": "union", "role": "member"}, as_="admin")
    assert bad.status_code == 422 and bad.json["error"]["fields"] == {
        "side": ["Members do not sit with a side."]
    }
    bad = api.post(path, {"user_id": user["id"], "role": "negotiator"}, as_="admin")
    assert bad.status_code == 422 and "side" in bad.json["error"]["fields"]


def test_negotiators_cannot_grant(api, cast):
    path = f"/tables/{cast.table_id}/memberships"
    assert api.post(path, {"user_id": 1, "role": "member"}, as_="union_negotiator").status_code == 403


def test_members_cannot_list_people(api, cast):
    assert api.get(f"/tables/{cast.table_id}/memberships", as_="member").status_code == 403


def test_duplicate_email_is_refused(api):
    body = {"email": "admin@test.example", "name": "Again"}
    response = api.post("/users", body, as_="admin")
    assert response.status_code == 409
    assert response.json["error"]["fields"] == {"email": ["A user with this email exists."]}
