"""`flask init-db` says whether it created or upgraded the database, from and to which revision."""

from __future__ import annotations

import pytest

from bargaining import migrate
from bargaining.app import create_app
from bargaining.db import make_engine


@pytest.fixture
def empty_runner(tmp_path, backend):
    if backend != "sqlite":
        pytest.skip(
            "creating a database from nothing is the same code on both; SQLite makes an empty one cheaply"
        )
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url)})
    yield app.test_cli_runner(), engine
    engine.dispose()


def test_init_db_reports_created_then_up_to_date_then_upgraded(empty_runner):
    runner, engine = empty_runner
    heads = "+".join(migrate.script_heads())

    created = runner.invoke(args=["init-db"])
    assert created.exit_code == 0, created.output
    assert f"created the database at revision {heads}" in created.output

    again = runner.invoke(args=["init-db"]).output
    assert f"the database is up to date at revision {heads}" in again

    migrate.downgrade(engine, "0002")
    upgraded = runner.invoke(args=["init-db"]).output
    assert f"upgraded the database from revision 0002 to {heads}" in upgraded
