"""Webhooks through the API: signed deliveries to a loopback receiver, retries, pausing, replays."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.events.conftest import amend
from tests.events.receiver import Receiver, start

SECRET = "UNION-ONLY draft text for the webhook"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver on loopback."""
    made = Receiver()
    server = start(made)
    yield made
    made.hold.clear()
    server.shutdown()


@pytest.fixture
def fast_retries(app):
    """Retries due at once (the backoff's growth is checked on its own), pausing after 3 failures."""
    app.config.update(WEBHOOK_BACKOFF_SECONDS=0, WEBHOOK_PAUSE_AFTER=3, WEBHOOK_MAX_ATTEMPTS=5)
    return app


def subscribe(api: Any, cast: Any, receiver: Receiver, as_: str, kinds: list[str]) -> dict[str, Any]:
    """Subscribe the receiver; it learns the secret from the one answer that shows it."""
    made = api.post(f"/tables/{cast.table_id}/webhooks", {"url": receiver.url, "kinds": kinds}, as_=as_)
    assert made.status_code == 201, made.json
    assert made.headers["Location"].endswith(f"/webhooks/{made.json['id']}")
    receiver.secret = made.json["secret"]
    return {**made.json, "etag": made.headers["ETag"]}


def test_a_webhook_gets_signed_events_its_side_may_see(
    fast_retries, api, cast, negotiation, receiver, deliver
):
    hook = subscribe(api, cast, receiver, "employer_negotiator", ["proposal.", "ta.offered"])
    assert hook["secret"].startswith("whsec_") and hook["scope"] == "employer"
    shown = api.get(f"/webhooks/{hook['id']}", as_="employer_negotiator")
    assert "secret" not in shown.json and shown.headers["ETag"] == hook["etag"]
    assert (
        api.get(
            f"/webhooks/{hook['id']}", as_="employer_negotiator", headers={"If-None-Match": hook["etag"]}
        ).status_code
        == 304
    )

    negotiation.draft("union_negotiator", SECRET, [amend(negotiation, "5.2", SECRET)])
    negotiation.propose("union_negotiator", "Caseloads", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver()
    assert [r["event"] for r in receiver.received] == ["proposal.passed"]  # the union's drafts never
    sent = receiver.received[0]
    assert sent["signed"] and sent["payload"]["event"]["detail"]["label"] == "U-1"
    assert sent["payload"]["webhook_id"] == hook["id"] and SECRET not in json.dumps(receiver.received)

    log = api.get(f"/webhooks/{hook['id']}/deliveries", as_="employer_negotiator").json
    assert [(d["state"], d["action"], len(d["attempt_log"])) for d in log] == [
        ("delivered", "proposal.passed", 1)
    ]
    assert log[0]["attempt_log"][0]["status_code"] == 200 and log[0]["attempt_log"][0]["ok"] is True


def test_a_forged_signature_is_refused_by_the_receiver(
    fast_retries, api, cast, negotiation, receiver, deliver
):
    subscribe(api, cast, receiver, "union_negotiator", ["*"])
    receiver.secret = "whsec_not_the_one"
    negotiation.propose("union_negotiator", "Caseloads", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver(passes=1)
    assert receiver.received and not any(r["signed"] for r in receiver.received)


def test_retries_until_the_receiver_recovers(fast_retries, api, cast, negotiation, receiver, deliver):
    hook = subscribe(api, cast, receiver, "union_negotiator", ["proposal.passed"])
    receiver.failures = 2
    negotiation.propose("union_negotiator", "Caseloads", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver(passes=5)
    log = api.get(f"/webhooks/{hook['id']}/deliveries", as_="union_negotiator").json
    attempts = log[0]["attempt_log"]
    assert [a["status_code"] for a in attempts] == [500, 500, 200] and log[0]["state"] == "delivered"
    assert [a["number"] for a in attempts] == [1, 2, 3] and attempts[0]["error"] == "HTTP 500"
    assert len({r["delivery"] for r in receiver.received}) == 1 and len(receiver.received) == 3
    assert api.get(f"/webhooks/{hook['id']}", as_="union_negotiator").json["failures_in_row"] == 0


def test_a_webhook_that_keeps_failing_is_paused_and_says_why(
    fast_retries, api, cast, negotiation, receiver, deliver
):
    hook = subscribe(api, cast, receiver, "union_negotiator", ["proposal.passed"])
    receiver.failures = 100
    negotiation.propose("union_negotiator", "One", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver(passes=10)
    shown = api.get(f"/webhooks/{hook['id']}", as_="union_negotiator")
    assert shown.json["state"] == "paused" and "3 attempts failed in a row" in shown.json["paused_reason"]
    tried = len(receiver.received)
    negotiation.propose("union_negotiator", "Two", [amend(negotiation, "5.2", "Thirty hours.")])
    deliver(passes=3)
    assert len(receiver.received) == tried  # paused: queued, not sent

    receiver.failures = 0
    stale = api.patch(f"/webhooks/{hook['id']}", {"state": "active"}, headers={"If-Match": hook["etag"]})
    assert stale.status_code == 412  # the pause changed it since it was read
    resumed = api.patch(
        f"/webhooks/{hook['id']}", {"state": "active"}, headers={"If-Match": shown.headers["ETag"]}
    )
    assert resumed.status_code == 200 and resumed.json["paused_reason"] == ""
    deliver(passes=5)
    states = [d["state"] for d in api.get(f"/webhooks/{hook['id']}/deliveries").json]
    assert states == ["delivered", "delivered"]
    assert "webhook.paused" in negotiation.audit_actions("union_negotiator")


def test_a_delivery_can_be_replayed(fast_retries, api, cast, negotiation, receiver, deliver):
    hook = subscribe(api, cast, receiver, "union_negotiator", ["proposal.passed"])
    negotiation.propose("union_negotiator", "One", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver()
    first = api.get(f"/webhooks/{hook['id']}/deliveries").json[0]
    replay = api.post(f"/webhooks/{hook['id']}/deliveries/{first['id']}/replay")
    assert replay.status_code == 201 and replay.json["replay_of_id"] == first["id"]
    assert replay.json["state"] == "pending" and replay.headers["Location"]
    deliver()
    events = [r["payload"]["event"]["id"] for r in receiver.received]
    assert len(events) == 2 and events[0] == events[1]
    assert receiver.received[0]["delivery"] != receiver.received[1]["delivery"]
    assert api.post(f"/webhooks/{hook['id']}/deliveries/999999/replay").status_code == 404


def test_who_manages_webhooks(api, cast, receiver):
    hook = subscribe(api, cast, receiver, "union_negotiator", ["*"])
    assert api.get(f"/webhooks/{hook['id']}", as_="employer_negotiator").status_code == 404
    assert api.get(f"/webhooks/{hook['id']}", as_="admin").status_code == 404  # a side's own
    admins = subscribe(api, cast, receiver, "admin", ["*"])
    assert admins["scope"] == "admin" and api.get(f"/webhooks/{admins['id']}").status_code == 404
    assert api.get(f"/tables/{cast.table_id}/webhooks", as_="member").status_code == 403
    assert api.get(f"/tables/{cast.table_id}/webhooks", as_="union_recorder").status_code == 403
    body = {"url": receiver.url, "kinds": ["*"]}
    assert api.post(f"/tables/{cast.table_id}/webhooks", body, as_="union_recorder").status_code == 403
    assert api.post(f"/tables/{cast.table_id}/webhooks", body, as_="outsider").status_code == 404
    bad = api.post(f"/tables/{cast.table_id}/webhooks", {"url": "ftp://x", "kinds": ["*"]})
    assert bad.status_code == 422 and "url" in bad.json["error"]["fields"]
    receiver.secret = hook["secret"]
    listed = api.get(f"/tables/{cast.table_id}/webhooks").json
    assert [h["id"] for h in listed] == [hook["id"]] and "secret" not in listed[0]
    gone = api.delete(f"/webhooks/{hook['id']}", headers={"If-Match": hook["etag"]})
    assert gone.status_code == 200 and gone.json["state"] == "deleted"
    assert api.get(f"/webhooks/{hook['id']}").status_code == 404
    actions = [e["action"] for e in api.get(f"/tables/{cast.table_id}/audit").json]
    assert {"webhook.created", "webhook.deleted"} <= set(actions)
