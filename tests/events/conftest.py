"""Fixtures for events: a real local SMTP server (aiosmtpd), the delivery worker, a negotiation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bargaining.services.events import sink, worker
from tests.api.negotiation import Negotiation


@pytest.fixture
def inbox(app: Any) -> Iterator[sink.Inbox]:
    """A local SMTP server receiving what the app sends (the app is pointed at it)."""
    handler = sink.Inbox()
    controller = sink.start(handler)
    app.config.update(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=controller.port,
        SECRET_KEY="test-signing-key",
        PUBLIC_URL="http://bargaining.test",
    )
    yield handler
    controller.stop()


@pytest.fixture
def deliver(app: Any) -> Any:
    """Run delivery passes of the worker (as `flask deliver` does) until there is nothing left to do."""

    def run(passes: int = 5, digests: bool = False) -> int:
        total = 0
        with app.app_context():
            for _ in range(passes):
                done = worker.run_once(app.extensions["sessionmaker"], app.config, digests=digests)
                total += done
                if not done:
                    break
        return total

    return run


@pytest.fixture
def negotiation(api: Any, cast: Any) -> Negotiation:
    """A table with its current contract entered."""
    made = Negotiation(api, cast.table_id)
    made.enter_base()
    return made


def amend(negotiation: Negotiation, number: str, text: str) -> dict[str, Any]:
    """A proposal item amending a clause."""
    return {"clause_id": negotiation.clauses[number], "action": "amend", "text": text}
