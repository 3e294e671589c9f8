"""Running the Alembic migrations from code (CLI, tests, make run)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from bargaining.config import ROOT


def alembic_config() -> Config:
    """Return the project's Alembic configuration."""
    return Config(str(ROOT / "alembic.ini"))


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database schema up to the given revision."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Take the database schema down to the given revision."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
