"""The delivery worker: killed in the middle of a delivery, every message still goes out once per log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import text

from tests.events.conftest import amend
from tests.events.receiver import Receiver, start

ROOT = Path(__file__).resolve().parents[2]


def worker_process(engine) -> subprocess.Popen[bytes]:
    """`flask deliver` in its own process, on the test's database."""
    env = {
        **os.environ,
        "BARGAINING_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "BARGAINING_WEBHOOK_TIMEOUT": "120",
        "BARGAINING_WEBHOOK_ALLOW_PRIVATE": "1",  # the receiver listens on loopback
        "BARGAINING_SMTP_PORT": "9",  # nothing listens: emails fail and wait, webhooks are the subject
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen(
        [str(flask), "--app", "wsgi", "deliver", "--interval", "0.05"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
