"""The database itself keeps the working life's record: write-once rows and notes' words cannot change."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from bargaining.services.demo import create_demo


@pytest.fixture
def demo(app, engine):
    with app.extensions["sessionmaker"]() as session:
        create_demo(session)
        session.commit()
    return engine


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE notes SET body = 'Tampered.'",
        "UPDATE notes SET clause_id = NULL",
        "DELETE FROM notes",
        "UPDATE file_blobs SET content = NULL",
        "DELETE FROM file_blobs",
        "UPDATE information_request_answers SET text = 'Tampered.'",
        "DELETE FROM information_request_events",
    ],
)
def test_raw_sql_cannot_rewrite_the_working_lifes_record(demo, statement):
    with demo.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM notes WHERE body = 'Tampered.'")).scalar()
    with pytest.raises(DBAPIError), demo.begin() as conn:
        conn.execute(text(statement))
    with demo.connect() as conn:
        tampered = conn.execute(text("SELECT count(*) FROM notes WHERE body = 'Tampered.'")).scalar()
        assert tampered == before == 0
        assert conn.execute(text("SELECT count(*) FROM file_blobs")).scalar() == 1


def test_a_notes_audience_may_still_widen(demo):
    with demo.begin() as conn:
        conn.execute(text("UPDATE notes SET audience = 'members', version = version + 1"))
    with demo.connect() as conn:
        assert set(conn.execute(text("SELECT audience FROM notes")).scalars()) == {"members"}
