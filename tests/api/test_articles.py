"""Articles, clauses and base versions through the API."""

from __future__ import annotations

import pytest


@pytest.fixture
def article(api, cast):
    response = api.post(f"/tables/{cast.table_id}/articles", {"number": "12", "title": "Caseloads"})
    assert response.status_code == 201
    return response.json


@pytest.fixture
def clause(api, article):
    body = {"number": "12.1", "heading": "Caps", "text": "No clinician shall carry more than 65 clients."}
    response = api.post(f"/articles/{article['id']}/clauses", body)
    assert response.status_code == 201
    return response.json


def test_articles_list_in_order_and_move(api, cast, article):
    path = f"/tables/{cast.table_id}/articles"
    api.post(path, {"number": "1", "title": "Recognition", "position": 1})
    api.post(path, {"number": "20", "title": "Term"})
    assert [a["number"] for a in api.get(path).json] == ["1", "12", "20"]
    etag = api.get(f"/articles/{article['id']}").headers["ETag"]
    moved = api.patch(f"/articles/{article['id']}", {"position": 3}, headers={"If-Match": etag})
    assert moved.status_code == 200
    assert [a["number"] for a in api.get(path).json] == ["1", "20", "12"]


def test_article_numbers_are_unique_in_a_table(api, cast, article):
    response = api.post(f"/tables/{cast.table_id}/articles", {"number": "12", "title": "Again"})
    assert response.status_code == 409
    assert response.json["error"] == {
        "code": "duplicate_number",
        "message": "Article 12 exists at this table.",
        "fields": {"number": ["Article 12 exists at this table."]},
    }


def test_rename_needs_the_current_etag(api, article):
    path = f"/articles/{article['id']}"
    etag = api.get(path).headers["ETag"]
    renamed = api.patch(path, {"title": "Caseloads and Productivity"}, headers={"If-Match": etag})
    assert renamed.status_code == 200 and renamed.headers["ETag"] != etag
    assert api.patch(path, {"title": "Lost update"}, headers={"If-Match": etag}).status_code == 412
    assert api.patch(path, {"title": "x"}, headers={"If-Match": '"clause-1-v1"'}).status_code == 412
    assert api.get(path).json["title"] == "Caseloads and Productivity"


def test_article_shows_clauses_with_base_text(api, article, clause):
    body = api.get(f"/articles/{article['id']}").json
    assert [c["number"] for c in body["clauses"]] == ["12.1"]
    assert body["clauses"][0]["base_text"] == "No clinician shall carry more than 65 clients."


def test_clause_numbers_are_unique_in_an_article(api, article, clause):
    body = {"number": "12.1", "text": "x"}
    assert api.post(f"/articles/{article['id']}/clauses", body).status_code == 409


def test_base_versions_append_and_never_change(api, clause):
    path = f"/clauses/{clause['id']}/versions"
    first = api.get(path).json[0]
    revised = api.post(path, {"text": "No clinician shall carry more than 60 clients."})
    assert revised.status_code == 201
    assert revised.json["parent_id"] == first["id"]
    same = api.post(path, {"text": "No clinician shall carry more than 60 clients."})
    assert same.json["id"] == revised.json["id"]
    versions = api.get(path).json
    assert [v["text"] for v in versions] == [first["text"], revised.json["text"]]
    assert api.get(f"/clauses/{clause['id']}").json["base_version_id"] == revised.json["id"]
    one = api.get(f"{path}/{first['id']}")
    assert one.status_code == 200 and one.json["text"] == first["text"]


def test_recorders_enter_the_contract_and_observers_and_members_cannot(api, cast, article):
    path = f"/articles/{article['id']}/clauses"
    assert api.post(path, {"number": "12.2", "text": "t"}, as_="union_recorder").status_code == 201
    assert api.post(path, {"number": "12.3", "text": "t"}, as_="union_observer").status_code == 403
    assert api.post(path, {"number": "12.4", "text": "t"}, as_="member").status_code == 403
    assert api.post(path, {"number": "12.5", "text": "t"}, as_="outsider").status_code == 404


def test_members_read_the_current_contract(api, article, clause):
    response = api.get(f"/clauses/{clause['id']}", as_="member")
    assert response.status_code == 200
    assert response.json["base_text"].startswith("No clinician")


def test_very_long_clause_is_refused_clearly(app, api, article):
    app.config["MAX_CLAUSE_CHARS"] = 1000
    response = api.post(f"/articles/{article['id']}/clauses", {"number": "12.9", "text": "x" * 1001})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "text_too_long"
    assert response.json["error"]["fields"] == {"text": ["Clause text is limited to 1000 characters."]}


def test_unicode_round_trips_byte_for_byte(api, article):
    text = "שלום עולם — e\u0301 \U0001f91d “quoted” ½ \u200b end"
    created = api.post(f"/articles/{article['id']}/clauses", {"number": "12.7", "text": text})
    assert api.get(f"/clauses/{created.json['id']}").json["base_text"] == text
