"""Bad input gets the one JSON error shape, a 4xx, and changes nothing."""

from __future__ import annotations

import pytest


def _count_articles(api, cast):
    return len(api.get(f"/tables/{cast.table_id}/articles").json)


def _raw(client, cast, data, content_type="application/json", path=None):
    headers = {**cast.headers("union_negotiator"), "Content-Type": content_type}
    return client.post(path or f"/api/v1/tables/{cast.table_id}/articles", data=data, headers=headers)


def _assert_shape(response, status, code):
    assert response.status_code == status, response.json
    assert response.is_json
    assert set(response.json) == {"error"}
    assert response.json["error"]["code"] == code
    assert isinstance(response.json["error"]["message"], str) and response.json["error"]["message"]


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "malformed_json"),
        (b"\xff\xfe\x00bad", "application/json", 400, "malformed_json"),
        ("[" * 50_000 + "]" * 50_000, "application/json", 400, "malformed_json"),
        ('{"number": "1", "title": "t"}', "text/plain", 415, "unsupported_media_type"),
        ('{"number": "1", "title": "t", "surprise": 1}', "application/json", 422, "validation_error"),
        ('{"number": "", "title": "t"}', "application/json", 422, "validation_error"),
        ('{"number": 12, "title": "t"}', "application/json", 422, "validation_error"),
        ('{"number": "1\\u0000", "title": "t"}', "application/json", 422, "validation_error"),
        ('{"number": "1\\ud800", "title": "t"}', "application/json", 422, "validation_error"),
        ("[]", "application/json", 422, "validation_error"),
        ('"just a string"', "application/json", 422, "validation_error"),
    ],
    ids=[
        "malformed",
        "invalid-utf8",
        "deep-nesting",
        "wrong-type",
        "unknown-field",
        "blank",
        "wrong-kind",
        "nul",
        "lone-surrogate",
        "array",
        "scalar",
    ],
)
def test_bad_bodies_are_refused_and_change_nothing(api, client, cast, data, content_type, status, code):
    before = _count_articles(api, cast)
    _assert_shape(_raw(client, cast, data, content_type), status, code)
    assert _count_articles(api, cast) == before


def test_validation_names_the_field(api, client, cast):
    response = _raw(client, cast, '{"title": "t", "surprise": 1}')
    assert response.json["error"]["fields"] == {
        "number": ["Missing data for required field."],
        "surprise": ["Unknown field."],
    }


def test_oversize_body_gets_413(app, client, cast):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = _raw(client, cast, '{"number": "1", "title": "' + "x" * 2000 + '"}')
    _assert_shape(response, 413, "payload_too_large")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nowhere",
        "/api/v1/articles/abc",
        "/api/v1/clauses/99999999999999999999",
        "/api/v1/articles/0",
        "/elsewhere",
    ],
)
def test_unknown_routes_and_bad_ids_get_404(client, cast, path):
    _assert_shape(
        client.get(path, headers=cast.headers("union_negotiator")),
        404,
        "not_found" if "articles/0" not in path else "article_not_found",
    )


def test_wrong_method_gets_405(client, cast):
    response = client.put(
        f"/api/v1/tables/{cast.table_id}/articles", headers=cast.headers("union_negotiator")
    )
    _assert_shape(response, 405, "method_not_allowed")


def test_bad_query_parameters_are_refused(api):
    response = api.get("/tables?page=0")
    _assert_shape(response, 422, "validation_error")
    assert "page" in response.json["error"]["fields"]
