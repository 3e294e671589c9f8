"""The delivery worker: killed in the middle of a delivery, every message still goes out once per log."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from bargaining.models import OutboxEmail
from bargaining.services.events import sink
from tests.events.conftest import amend
from tests.events.receiver import Receiver, start

ROOT = Path(__file__).resolve().parents[2]


def worker_process(engine, smtp_port: int = 9) -> subprocess.Popen[bytes]:
    """`flask deliver` in its own process, on the test's database (port 9: emails fail and wait)."""
    env = {
        **os.environ,
        "BARGAINING_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "BARGAINING_WEBHOOK_TIMEOUT": "120",
        "BARGAINING_WEBHOOK_ALLOW_PRIVATE": "1",  # the receiver listens on loopback
        "BARGAINING_SMTP_PORT": str(smtp_port),
        "BARGAINING_SECRET_KEY": "test-signing-key",
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen(
        [str(flask), "--app", "wsgi", "deliver", "--interval", "0.05"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


class HoldingInbox(sink.Inbox):
    """An SMTP server that, while hold is set, takes a message's data and does not answer."""

    def __init__(self) -> None:
        super().__init__()
        self.hold, self.holding = threading.Event(), threading.Event()
        self.held: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Hang while held; a client gone before the answer leaves no message (aiosmtpd drops it)."""
        if self.hold.is_set():
            self.held.append(envelope.content)
        while self.hold.is_set():
            self.holding.set()
            await asyncio.sleep(0.01)
        return await super().handle_DATA(server, session, envelope)


def kill_when(event: threading.Event, worker: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker once it is in the middle of sending (event set by the server it talks to)."""
    try:
        assert event.wait(60), "the worker never sent anything"
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()


def expire_leases(engine, table: str) -> None:
    """Time passes: a dead worker's leases run out."""
    with engine.begin() as conn:
        conn.execute(
            text(
                f"UPDATE {table} SET lease_until = '2000-01-01 00:00:00+00:00' WHERE lease_until IS NOT NULL"
            )
        )


def test_a_worker_killed_mid_delivery_loses_nothing_and_repeats_nothing(
    app, engine, api, cast, negotiation, deliver
):
    receiver = Receiver()
    server = start(receiver)
    try:
        made = api.post(
            f"/tables/{cast.table_id}/webhooks", {"url": receiver.url, "kinds": ["proposal.passed"]}
        )
        receiver.secret = made.json["secret"]
        for number, clause in enumerate(["5.1", "5.2", "5.3"], start=1):
            negotiation.propose(
                "union_negotiator", f"P{number}", [amend(negotiation, clause, f"Text {number}.")]
            )

        receiver.hold.set()  # the receiver takes the first request and does not answer
        worker = worker_process(engine)
        try:
            assert receiver.holding.wait(60), "the worker never sent anything"
            worker.send_signal(signal.SIGKILL)  # killed in the middle of delivering
            worker.wait(30)
        finally:
            if worker.poll() is None:
                worker.kill()
        receiver.hold.clear()
        interrupted = receiver.received[0]["delivery"]

        # Time passes: the dead worker's lease runs out; another worker takes over.
        with engine.begin() as conn:
            conn.execute(
                text(
                    "UPDATE webhook_deliveries SET lease_until = '2000-01-01 00:00:00+00:00'"
                    " WHERE lease_until IS NOT NULL"
                )
            )
        deliver(passes=5)
    finally:
        server.shutdown()

    log = api.get(f"/webhooks/{made.json['id']}/deliveries").json
    assert len(log) == 3 and all(d["state"] == "delivered" for d in log)
    # Exactly one attempt logged per delivery, and it succeeded: the killed attempt left no record.
    assert all([a["ok"] for a in d["attempt_log"]] == [True] for d in log)
    got = Counter(r["delivery"] for r in receiver.received)
    assert set(got) == {str(d["id"]) for d in log}
    # The receiver saw the interrupted one twice, with the same delivery id (so it can drop the repeat),
    # and every other exactly once.
    assert got[interrupted] == 2 and all(n == 1 for d, n in got.items() if d != interrupted)
    assert all(r["signed"] for r in receiver.received)


def test_a_worker_killed_mid_email_loses_none_and_counts_one_attempt_each(
    app, engine, cast, negotiation, deliver
):
    inbox = HoldingInbox()
    server = sink.start(inbox)
    app.config.update(SMTP_PORT=server.port, SECRET_KEY="test-signing-key")
    try:
        for number, clause in enumerate(["5.1", "5.2"], start=1):
            negotiation.propose("union_negotiator", f"P{number}", [amend(negotiation, clause, f"T{number}.")])
        inbox.hold.set()
        kill_when(inbox.holding, worker_process(engine, server.port))
        inbox.hold.clear()
        expire_leases(engine, "outbox_emails")
        deliver(passes=5)
        with app.extensions["sessionmaker"]() as session:
            rows = session.execute(select(OutboxEmail.id, OutboxEmail.state, OutboxEmail.attempts)).all()
        # Two passes told to the employer's negotiator and recorder: four emails, each sent, each one
        # attempt recorded (the killed one recorded nothing).
        assert len(rows) == 4 and all(r.state == "sent" and r.attempts == 1 for r in rows)
        got = Counter((m["To"], m["Subject"]) for m in inbox.wait_for(4))
        # Every email arrived once, the interrupted one too: the killed worker never got the server's
        # 250, so the server kept nothing of that transaction, and the next worker sent it again.
        assert len(got) == 4 and set(got.values()) == {1}
        (held,) = inbox.held
        assert any(subject.encode() in held and to.encode() in held for to, subject in got)
    finally:
        inbox.hold.clear()
        server.stop()
