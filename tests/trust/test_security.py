"""Security basics: tokens, CORS, headers, debug off, limits."""

from __future__ import annotations

import math
from pathlib import Path

from sqlalchemy import text

from bargaining.app import create_app
from bargaining.auth import hash_token, new_token

ROOT = Path(__file__).resolve().parents[2]


def test_tokens_are_random_and_long():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    secret = next(iter(tokens)).removeprefix("bgn_")
    assert len(secret) * math.log2(64) >= 128


def test_only_token_hashes_are_stored(engine, cast):
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT token_hash FROM api_tokens"))]
    for token in cast.tokens.values():
        assert token not in stored
        assert hash_token(token) in stored


def test_cors_is_off_by_default_and_configurable(app, engine):
    preflight = {"Origin": "https://committee.example", "Access-Control-Request-Method": "GET"}
    response = app.test_client().options("/api/v1/health", headers=preflight)
    assert "Access-Control-Allow-Origin" not in response.headers
    allowed = create_app({"ENGINE": engine, "CORS_ORIGINS": ["https://committee.example"]})
    response = allowed.test_client().get("/api/v1/health", headers={"Origin": "https://committee.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "https://committee.example"
    other = allowed.test_client().get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_security_headers_on_json_and_html(client):
    for path in ("/api/v1/health", "/api/v1/docs"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "default-src 'self'" in client.get("/api/v1/docs").headers["Content-Security-Policy"]


def test_docs_work_offline_from_the_installed_package(client):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    assert client.get("/api/v1/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_make_run_serves_without_debug(app):
    assert app.debug is False
    makefile = (ROOT / "Makefile").read_text()
    run_line = next(line for line in makefile.splitlines() if "gunicorn" in line)
    assert "--reload" not in run_line and "debug" not in run_line.lower()
    assert "FLASK_DEBUG" not in makefile


def test_a_one_megabyte_clause_is_accepted_whole(api, cast):
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "Long"}).json
    text_ = ("The Employer shall provide every clinician with a caseload review. " * 16_000)[:1_000_000]
    made = api.post(f"/articles/{article['id']}/clauses", {"number": "1.1", "text": text_})
    assert made.status_code == 201
    assert api.get(f"/clauses/{made.json['id']}").json["base_text"] == text_


def test_clause_text_over_the_limit_is_refused_clearly(api, cast):
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "Long"}).json
    made = api.post(f"/articles/{article['id']}/clauses", {"number": "1.1", "text": "x" * 1_000_001})
    assert made.status_code == 422 and made.json["error"]["code"] == "text_too_long"


def test_script_tags_in_clause_text_come_back_as_data(api, cast):
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "<b>T</b>"}).json
    made = api.post(
        f"/articles/{article['id']}/clauses", {"number": "1.1", "text": "<script>alert(1)</script>"}
    )
    response = api.get(f"/clauses/{made.json['id']}")
    assert response.mimetype == "application/json"
    assert response.json["base_text"] == "<script>alert(1)</script>"


def test_the_members_cookie_authenticates_reads_only(client, cast):
    client.set_cookie("bargaining_session", cast.tokens["union_negotiator"])
    assert client.get("/api/v1/me").status_code == 200
    assert client.post("/api/v1/me/tokens", json={"name": "x"}).status_code == 401
