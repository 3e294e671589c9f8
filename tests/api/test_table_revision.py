"""The table's revision is its event counter: it moves exactly when a change commits, in commit order."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import pytest
from sqlalchemy import select, text

from bargaining.models import AuditEvent, EventCounter, User
from bargaining.services import audit
from bargaining.services.table_cache.revision import load_table_revision
from tests.api.test_ta_summary import World, build_world, share_with_members


@pytest.fixture
def world(api, cast) -> World:
    return build_world(api, cast)


def _revision(app: Any, cast: Any, table_id: int) -> tuple[Any, ...]:
    with app.extensions["sessionmaker"]() as session:
        admin = session.get(User, cast.user_ids["admin"])
        return load_table_revision(session, admin, table_id).revision


def _last_seq(app: Any, table_id: int) -> int:
    with app.extensions["sessionmaker"]() as session:
        found = session.scalar(select(EventCounter.last_seq).where(EventCounter.table_id == table_id))
        return int(found or 0)


def test_the_revision_is_the_event_counter_and_moves_exactly_when_it_does(app, api, cast, world):
    table_id, n = world.n.table_id, world.n
    changes = [
        lambda: share_with_members(api, table_id, True),
        lambda: n.propose(
            "union_negotiator", "More", [{"clause_id": n.clauses["5.3"], "action": "status_quo"}]
        ),
        lambda: share_with_members(api, table_id, False),
    ]
    seen = [_revision(app, cast, table_id)]
    assert seen[0][0] == _last_seq(app, table_id) > 0
    api.get(f"/tables/{table_id}/status")  # a read moves nothing
    assert _revision(app, cast, table_id) == seen[0]
    for change in changes:
        change()
        revision = _revision(app, cast, table_id)
        assert revision[0] == _last_seq(app, table_id) > seen[-1][0] and revision[1] is not None
        seen.append(revision)


def test_a_table_without_events_has_revision_zero(app, cast, world):
    with app.extensions["sessionmaker"]() as session:
        session.execute(EventCounter.__table__.delete())
        session.commit()
    assert _revision(app, cast, world.n.table_id) == (0, None)


def _event(table_id: int, actor_id: int, **fields: Any) -> AuditEvent:
    return AuditEvent(
        table_id=table_id, actor_id=actor_id, action="table.updated", object_type="BargainingTable", **fields
    )


def test_a_change_holding_the_lower_audit_id_that_commits_last_still_moves_the_revision(
    app, cast, world, backend
):
    """PostgreSQL hands out audit ids at insert, not at commit: the newest id can miss a later commit.

    On SQLite the case cannot arise, and the test shows why: a second writer cannot begin while
    another holds the write lock, so ids are taken and committed in one order.
    """
    if backend != "postgresql":
        _second_writer_waits_on_sqlite(app)
        return
    table_id, actor = world.n.table_id, cast.user_ids["admin"]
    slow = app.extensions["sessionmaker"]()
    lower = slow.scalar(text("SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))"))
    with app.extensions["sessionmaker"]() as fast:  # takes a higher id and commits first
        audit.record(fast, actor, "table.updated", _Table(table_id), table_id=table_id)
        fast.commit()
    between = _revision(app, cast, table_id)
    done = threading.Event()

    def commit_slow() -> None:
        slow.add(_event(table_id, actor, id=lower))
        slow.commit()
        done.set()

    worker = threading.Thread(target=commit_slow)
    worker.start()
    worker.join(10)
    slow.close()
    assert done.is_set()
    with app.extensions["sessionmaker"]() as session:
        newest = session.scalar(
            select(AuditEvent.id).where(AuditEvent.table_id == table_id).order_by(AuditEvent.id.desc())
        )
    assert newest != lower  # the old key (newest audit id) did not move: a board kept at it is stale
    assert _revision(app, cast, table_id) > between


def _second_writer_waits_on_sqlite(app: Any) -> None:
    engine = app.extensions["engine"]
    first, second = engine.raw_connection(), engine.raw_connection()
    try:
        first.cursor().execute("BEGIN IMMEDIATE")
        second.cursor().execute("PRAGMA busy_timeout = 50")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            second.cursor().execute("BEGIN IMMEDIATE")
        first.cursor().execute("ROLLBACK")
    finally:
        first.close()
        second.close()


class _Table:
    """Stands for the table row an audit event names."""

    def __init__(self, table_id: int) -> None:
        self.id = table_id
