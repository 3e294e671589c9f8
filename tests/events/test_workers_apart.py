"""Several delivery workers at once never send the same message twice (SKIP LOCKED on PostgreSQL)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from bargaining.models import OutboxEmail, WebhookDelivery, utcnow
from bargaining.services.events import worker
from bargaining.services.events.leases import claim
from tests.events.conftest import amend
from tests.events.receiver import Receiver, start


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver on loopback."""
    made = Receiver()
    server = start(made)
    yield made
    server.shutdown()


def _passes(api: Any, cast: Any, negotiation: Any, receiver: Receiver, count: int) -> None:
    """Subscribe the receiver to every event, then pass count proposals."""
    made = api.post(f"/tables/{cast.table_id}/webhooks", {"url": receiver.url, "kinds": ["proposal.passed"]})
    receiver.secret = made.json["secret"]
    for number in range(count):
        clause = ["5.1", "5.2", "5.3"][number % 3]
        negotiation.propose("union_negotiator", f"P{number}", [amend(negotiation, clause, f"T{number}.")])


def test_workers_running_at_once_deliver_every_message_once(app, api, cast, negotiation, inbox, receiver):
    _passes(api, cast, negotiation, receiver, 8)
    start_together = threading.Barrier(3)
    failures: list[BaseException] = []

    def one_worker() -> None:
        start_together.wait()
        try:
            with app.app_context():
                while worker.run_once(app.extensions["sessionmaker"], app.config, digests=False):
                    pass
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=one_worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures
    with app.extensions["sessionmaker"]() as session:
        deliveries = session.execute(select(WebhookDelivery.id, WebhookDelivery.attempts)).all()
        emails = session.execute(select(OutboxEmail.state, OutboxEmail.attempts)).all()
    assert len(deliveries) == 8 and all(d.attempts == 1 for d in deliveries)
    got = Counter(r["delivery"] for r in receiver.received)
    assert set(got) == {str(d.id) for d in deliveries} and set(got.values()) == {1}
    assert len(emails) == 16 and all(e.state == "sent" and e.attempts == 1 for e in emails)
    arrived = Counter((m["To"], m["Subject"]) for m in inbox.wait_for(16))
    assert len(arrived) == 16 and set(arrived.values()) == {1}


def test_a_claim_skips_rows_another_worker_has_locked(app, engine, backend, api, cast, negotiation, receiver):
    """PostgreSQL: a row another worker holds locked is skipped (SKIP LOCKED), not waited for.

    SQLite has one writer, so a worker holds a row by its committed lease instead; the claim skips
    that row the same way.
    """
    _passes(api, cast, negotiation, receiver, 3)
    with engine.connect() as other:
        held = other.begin()
        locked = other.execute(text("SELECT min(id) FROM webhook_deliveries")).scalar_one()
        if backend == "postgresql":
            other.execute(text("SELECT id FROM webhook_deliveries WHERE id = :id FOR UPDATE"), {"id": locked})
        else:
            leased = {"id": locked, "until": utcnow() + timedelta(minutes=5)}
            other.execute(text("UPDATE webhook_deliveries SET lease_until = :until WHERE id = :id"), leased)
            held.commit()
        with app.extensions["sessionmaker"]() as session:
            if backend == "postgresql":
                session.execute(text("SET LOCAL lock_timeout = '2s'"))  # without SKIP LOCKED: waits, fails
            due = [WebhookDelivery.state == "pending"]
            ids, _lease = claim(session, WebhookDelivery, due, utcnow(), 60, 10)
        if held.is_active:
            held.rollback()
    assert locked not in ids and len(ids) == 2
