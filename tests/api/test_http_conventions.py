"""HTTP conventions every route follows: CORS, 304, Allow, trailing slashes, unknown parameters, Location."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from bargaining.app import create_app
from tests.trust.matrix import MATRIX
from tests.trust.test_authorization_matrix import _body, _path, _world, _world_on_fresh_table

ORIGIN = "https://committee.example"


def _documented(spec, methods=("get", "post", "put", "patch", "delete")):
    return [(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if m in methods]


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json


def test_cors_exposes_the_headers_a_front_end_reads_and_answers_preflights(engine):
    app = create_app({"TESTING": True, "ENGINE": engine, "CORS_ORIGINS": [ORIGIN]})
    client = app.test_client()
    read = client.get("/api/v1/health", headers={"Origin": ORIGIN})
    exposed = {h.strip().lower() for h in read.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "x-pagination", "location", "retry-after"} <= exposed
    asked = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key"
    preflight = client.options(
        "/api/v1/proposals/1",
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": asked,
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    allowed = {h.strip().lower() for h in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert {h.strip().lower() for h in asked.split(",")} <= allowed
    assert "PATCH" in preflight.headers["Access-Control-Allow-Methods"]
    other = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_a_405_carries_allow(client):
    answer = client.put("/api/v1/health")
    assert answer.status_code == 405
    assert answer.json["error"]["code"] == "method_not_allowed"
    assert set(answer.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}


def test_a_trailing_slash_is_the_same_resource(api):
    assert api.get("/tables/").status_code == 200
    assert api.get("/me/").json == api.get("/me").json


def test_every_route_refuses_a_query_parameter_it_does_not_take(api, spec):
    accepted = []
    for method, template in _documented(spec):
        path = re.sub(r"\{\w+\}", "1", template).removeprefix("/api/v1")
        fresh = {"Idempotency-Key": str(uuid.uuid4())}  # a key for routes that want one
        answer = api.call(method, f"{path}?format=md&zz_unknown=1", as_="admin", headers=fresh)
        if answer.status_code != 422 or "zz_unknown" not in answer.json["error"].get("fields", {}):
            accepted.append(f"{method} {template}: {answer.status_code}")
    assert accepted == []


def test_named_cases_from_the_issue_are_refused(api, cast):
    board = api.get(f"/tables/{cast.table_id}/status?q=caseload")
    assert board.status_code == 422
    assert board.json["error"]["fields"] == {"q": ["Unknown query parameter."]}
    assert api.get(f"/tables/{cast.table_id}/status?status=open").status_code == 200


def test_x_pagination_is_a_json_object_and_articles_fit_one_page(api, cast):
    for number in range(1, 61):
        api.post(
            f"/tables/{cast.table_id}/articles", {"number": str(number), "title": f"A{number}"}, as_="admin"
        )
    answer = api.get(f"/tables/{cast.table_id}/articles")
    meta = json.loads(answer.headers["X-Pagination"])
    assert meta["total"] == 60 and meta["total_pages"] == 1
    assert len(answer.json) == 60


def test_every_get_with_an_etag_answers_if_none_match_with_304(api, cast, spec):
    world = _world(api, cast)
    tagged = []
    for method, template in _documented(spec, ("get",)):
        expect = MATRIX[f"{method} {template}"]
        path = _path(template, expect, world).removeprefix("/api/v1") + expect.query
        first = api.get(path, as_="union_negotiator")
        etag = first.headers.get("ETag")
        if first.status_code != 200 or not etag:
            continue
        tagged.append(template)
        again = api.get(path, as_="union_negotiator", headers={"If-None-Match": etag})
        assert again.status_code == 304, template
        assert again.data == b"" and again.headers["ETag"] == etag
        changed = api.get(path, as_="union_negotiator", headers={"If-None-Match": '"other-1-v1"'})
        assert changed.status_code == 200, template
    assert {"/api/v1/tables/{table_id}", "/api/v1/proposals/{proposal_id}"} <= set(tagged)


def test_every_201_carries_a_location_that_names_what_was_created(api, cast, spec):
    created = [
        (m, p) for m, p in _documented(spec, ("post",)) if "201" in spec["paths"][p]["post"]["responses"]
    ]
    missing = []
    world = None
    for method, template in created:
        expect = MATRIX[f"{method} {template}"]
        role = next((r for r, status in expect.statuses.items() if status == 201), None)
        if role is None:
            continue
        world = _world(api, cast) if world is None else _world_on_fresh_table(api, cast)
        headers = {"If-Match": world.etags[expect.if_match]} if expect.if_match else {}
        path = _path(template, expect, world).removeprefix("/api/v1") + expect.query
        answer = api.call(method, path, role, json=_body(expect, world, cast), headers=headers)
        assert answer.status_code == 201, template
        where = answer.headers.get("Location", "")
        if not where.startswith("/api/v1/"):
            missing.append(template)
            continue
        if "id" in (answer.json or {}):
            assert str(answer.json["id"]) in where, template
    assert missing == []


def test_the_front_door_points_to_the_docs_and_the_members_sign_in(client):
    page = client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert 'href="/api/v1/docs"' in html and 'href="/signin"' in html
    assert "Content-Security-Policy" in page.headers
    links = client.get("/", headers={"Accept": "application/json"})
    assert links.status_code == 200
    assert links.json["links"]["docs"] == "/api/v1/docs" and links.json["links"]["signin"] == "/signin"
    assert client.get("/api/v1/docs").status_code == 200


def test_a_page_past_any_offset_is_refused_not_a_server_error(api):
    answer = api.get("/tables?page=3928532236433700234280828928")
    assert answer.status_code == 422
    assert "page" in answer.json["error"]["fields"]
    assert api.get("/tables?page=1000000").json == []
