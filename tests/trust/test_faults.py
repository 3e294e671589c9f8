"""Failures: a database error mid-request leaves nothing half-written; a missing database is reported."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from bargaining import db, migrate
from bargaining.app import create_app
from bargaining.db import make_engine
from bargaining.services import passing
from tests.conftest import PG_SERVER
from tests.trust.proxy import Forwarder


@pytest.fixture
def draft(api, cast):
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "5", "title": "Caseloads"}).json
    clause = api.post(f"/articles/{article['id']}/clauses", {"number": "5.1", "text": "Cap 65."}).json
    body = {
        "title": "U",
        "items": [
            {"action": "amend", "clause_id": clause["id"], "text": "Cap 50."},
            {"action": "add", "article_id": article["id"], "number": "5.9", "text": "New."},
        ],
    }
    response = api.post(f"/tables/{cast.table_id}/proposals", body)
    return response.json["id"], response.headers["ETag"], clause["id"]


def test_a_failure_after_the_first_flush_of_a_pass_rolls_everything_back(api, cast, draft, monkeypatch):
    proposal_id, etag, clause_id = draft
    real = passing.materialize_items

    def fail_after_flush(session, table, proposal, actor):
        real(session, table, proposal, actor)
        session.flush()
        raise OperationalError("INSERT ...", {}, Exception("injected failure"))

    monkeypatch.setattr(passing, "materialize_items", fail_after_flush)
    failed = api.post(f"/proposals/{proposal_id}/pass", {}, headers={"If-Match": etag})
    assert failed.status_code == 503 and failed.json["error"]["code"] == "database_unavailable"
    monkeypatch.undo()
    after = api.get(f"/proposals/{proposal_id}").json
    assert (after["state"], after["label"], after["items"][0]["version_id"]) == ("draft", None, None)
    assert len(api.get(f"/clauses/{clause_id}/versions").json) == 1
    assert api.get(f"/tables/{cast.table_id}").json["state"] == "setup"
    assert [a["action"] for a in api.get(f"/tables/{cast.table_id}/audit?action=proposal.").json] == [
        "proposal.drafted"
    ]
    retried = api.post(f"/proposals/{proposal_id}/pass", {}, headers={"If-Match": etag})
    assert retried.status_code == 200 and retried.json["label"] == "U-1"


def test_an_unexpected_error_is_a_json_500_and_rolls_back(api, cast, draft, monkeypatch):
    proposal_id, etag, _clause_id = draft

    def explode(*_args, **_kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(passing, "_mark_superseded", explode)
    response = api.post(f"/proposals/{proposal_id}/pass", {}, headers={"If-Match": etag})
    assert response.status_code == 500
    assert response.json == {"error": {"code": "internal_error", "message": "An unexpected error occurred."}}
    monkeypatch.undo()
    assert api.get(f"/proposals/{proposal_id}").json["state"] == "draft"


def test_sqlite_missing_database_answers_503_then_recovers(tmp_path):
    folder = tmp_path / "later"
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/db.sqlite", "TESTING": True})
    client = app.test_client()
    down = client.get("/api/v1/health")
    assert down.status_code == 503
    assert down.json["database"] == "unreachable" and "cannot be reached" in down.json["message"]
    me = client.get("/api/v1/me", headers={"Authorization": "Bearer bgn_x"})
    assert me.status_code == 503 and me.json["error"]["code"] == "database_unavailable"
    folder.mkdir()
    migrate.upgrade(app.extensions["engine"])
    assert client.get("/api/v1/health").json == {"status": "ok", "database": "ok"}


def test_postgresql_outage_answers_503_then_recovers():
    url = PG_SERVER
    forwarder = Forwarder(("127.0.0.1", 5432))
    proxied = url.replace("127.0.0.1:5432", f"127.0.0.1:{forwarder.port}")
    engine = make_engine(proxied)
    app = create_app({"ENGINE": engine, "DATABASE_URL": proxied, "TESTING": True})
    client = app.test_client()
    assert client.get("/api/v1/health").status_code == 503
    forwarder.start()
    assert client.get("/api/v1/health").status_code == 200
    forwarder.stop()
    assert client.get("/api/v1/health").status_code == 503
    forwarder.start()
    assert client.get("/api/v1/health").status_code == 200
    forwarder.stop()
    engine.dispose()


def test_postgresql_idle_connection_cut_is_replaced_unseen(monkeypatch):
    """A pooled connection cut while idle (a restart, a proxy timeout) fails its ping, not a request."""
    forwarder = Forwarder(("127.0.0.1", 5432))
    proxied = PG_SERVER.replace("127.0.0.1:5432", f"127.0.0.1:{forwarder.port}")
    engine = make_engine(proxied)
    app = create_app({"ENGINE": engine, "DATABASE_URL": proxied, "TESTING": True})
    client = app.test_client()
    forwarder.start()
    try:
        assert client.get("/api/v1/health").status_code == 200
        forwarder.stop()  # cuts the pooled connection
        forwarder.start()
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # it has now been idle long enough
        assert client.get("/api/v1/health").status_code == 200
        assert engine.pool.checkedin() == 1
    finally:
        forwarder.stop()
        engine.dispose()


def test_postgresql_idle_reader_cut_is_replaced_unseen(monkeypatch, pg_schema_url):
    """The thread's kept reader (direct statements), cut while idle, fails its ping, not a request."""
    url = pg_schema_url  # this run's PostgreSQL schema, whichever database the suite runs on
    schema_engine = make_engine(url)
    migrate.upgrade(schema_engine)  # already done on a PostgreSQL run; the token lookup needs the tables
    schema_engine.dispose()
    forwarder = Forwarder(("127.0.0.1", 5432))
    engine = make_engine(url.replace("127.0.0.1:5432", f"127.0.0.1:{forwarder.port}"))
    app = create_app({"ENGINE": engine, "DATABASE_URL": str(engine.url), "TESTING": True})
    client = app.test_client()

    def me() -> int:
        return client.get("/api/v1/me", headers={"Authorization": "Bearer bgn_unknown"}).status_code

    forwarder.start()
    try:
        assert me() == 401  # the token lookup ran (on the kept reader) and found nothing
        forwarder.stop()  # cuts the kept reader
        forwarder.start()
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # it has now been idle long enough
        assert me() == 401
        assert me() == 401
    finally:
        forwarder.stop()
        engine.dispose()
