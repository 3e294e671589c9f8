"""A lost connection holding a lock cannot block writes for ever; a busy database is a 503 with Retry-After;
errors while closing a request after its commit never replace its answer."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bargaining import db, migrate
from bargaining.app import create_app
from bargaining.db import Timeouts, make_engine
from bargaining.services import passing
from tests.conftest import _truncate
from tests.helpers import Api, build_cast
from tests.trust.proxy import Forwarder

QUICK = Timeouts(lock=1.0, statement=30.0, idle_in_transaction=2.0)


def _draft(api: Api, table_id: int, clause_id: int, as_: str = "union_negotiator") -> tuple[int, str]:
    body = {"title": "P", "items": [{"action": "amend", "clause_id": clause_id, "text": f"Text by {as_}."}]}
    made = api.post(f"/tables/{table_id}/proposals", body, as_=as_)
    assert made.status_code == 201, made.json
    return made.json["id"], made.headers["ETag"]


def _clause(api: Api, table_id: int) -> int:
    article = api.post(f"/tables/{table_id}/articles", {"number": "5", "title": "C"}, as_="admin").json
    body = {"number": "5.1", "text": "Cap 65."}
    return int(api.post(f"/articles/{article['id']}/clauses", body, as_="admin").json["id"])


@pytest.fixture
def direct(pg_schema_url: str) -> Iterator[tuple[Engine, Any]]:
    """This run's PostgreSQL schema, emptied, with an app on a direct engine and a cast."""
    engine = make_engine(pg_schema_url, timeouts=QUICK)
    migrate.upgrade(engine)
    _truncate(engine)
    app = create_app({"ENGINE": engine, "DATABASE_URL": pg_schema_url, "TESTING": True})
    yield engine, app
    db.release_reader(app)
    engine.dispose()


def test_a_cut_link_holding_the_table_lock_blocks_writes_only_briefly(direct, pg_schema_url, monkeypatch):
    _engine, app_b = direct
    cast = build_cast(app_b)
    api_b = Api(app_b.test_client(), cast)
    clause_id = _clause(api_b, cast.table_id)
    draft_a, etag_a = _draft(api_b, cast.table_id, clause_id)
    draft_b, etag_b = _draft(api_b, cast.table_id, clause_id, "employer_negotiator")

    forwarder = Forwarder(("127.0.0.1", 5432))
    forwarder.start()
    proxied = pg_schema_url.replace("127.0.0.1:5432", f"127.0.0.1:{forwarder.port}")
    engine_a = make_engine(proxied, timeouts=QUICK)
    app_a = create_app({"ENGINE": engine_a, "DATABASE_URL": proxied, "TESTING": True})
    api_a = Api(app_a.test_client(), cast)

    locked = threading.Event()
    real = passing.materialize_items

    def cut_after_locking(session, table, proposal, actor):  # type: ignore[no-untyped-def]
        if threading.current_thread().name == "pass-a":
            forwarder.freeze()  # the table row is locked (FOR UPDATE); now the link goes quiet
            locked.set()
        real(session, table, proposal, actor)

    monkeypatch.setattr(passing, "materialize_items", cut_after_locking)
    answers: dict[str, Any] = {}

    def pass_a() -> None:
        answers["a"] = api_a.post(f"/proposals/{draft_a}/pass", {}, headers={"If-Match": etag_a})

    thread_a = threading.Thread(target=pass_a, name="pass-a", daemon=True)
    thread_a.start()
    try:
        assert locked.wait(10)

        def pass_b() -> Any:
            return api_b.post(
                f"/proposals/{draft_b}/pass", {}, as_="employer_negotiator", headers={"If-Match": etag_b}
            )

        waited = _within(pass_b, 20)  # without lock_timeout this waits as long as the lost session lives
        assert waited.status_code == 503, waited.json
        assert waited.json["error"]["code"] == "database_busy" and waited.headers["Retry-After"]
        deadline = time.monotonic() + 20  # idle_in_transaction_session_timeout ends the lost session
        while (answer := pass_b()).status_code == 503 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert answer.status_code == 200 and answer.json["label"] == "E-1", answer.json
    finally:
        forwarder.stop()
        thread_a.join(timeout=30)
        db.release_reader(app_a)
        engine_a.dispose()
    assert not thread_a.is_alive()
    assert answers["a"].status_code == 503  # the cut pass never committed
    assert api_b.get(f"/proposals/{draft_a}").json["state"] == "draft"


def _within(call: Any, seconds: float) -> Any:
    """Run a call in a thread; fail (instead of hanging) if it does not return in time."""
    result: dict[str, Any] = {}
    thread = threading.Thread(target=lambda: result.update(answer=call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "answer" in result, f"the write still waited after {seconds} s"
    return result["answer"]


def test_sqlite_busy_database_is_a_503_with_retry_after(tmp_path):
    path = tmp_path / "db.sqlite"
    engine = make_engine(f"sqlite:///{path}", timeouts=QUICK)
    migrate.upgrade(engine)
    app = create_app({"ENGINE": engine, "DATABASE_URL": str(engine.url), "TESTING": True})
    cast = build_cast(app)
    api = Api(app.test_client(), cast)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        busy = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "A"}, as_="admin")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert busy.status_code == 503 and busy.json["error"]["code"] == "database_busy"
    assert busy.headers["Retry-After"]
    made = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "A"}, as_="admin")
    assert made.status_code == 201
    db.release_reader(app)
    engine.dispose()


def test_an_error_closing_the_session_after_a_commit_keeps_the_answer(api, cast, monkeypatch):
    real = Session.close

    def close_then_fail(self: Session) -> None:
        real(self)
        raise RuntimeError("the connection died while closing")

    monkeypatch.setattr(Session, "close", close_then_fail)
    made = api.post(f"/tables/{cast.table_id}/articles", {"number": "1", "title": "A"}, as_="admin")
    monkeypatch.undo()
    assert made.status_code == 201 and made.json["title"] == "A"

    def end_read_then_fail(*_args: Any) -> None:
        raise RuntimeError("the connection died while closing")

    monkeypatch.setattr(db, "_end_read", end_read_then_fail)
    read = api.get(f"/tables/{cast.table_id}/articles")
    monkeypatch.undo()
    assert read.status_code == 200 and [a["title"] for a in read.json] == ["A"]
    assert api.get(f"/articles/{made.json['id']}").json["title"] == "A"
