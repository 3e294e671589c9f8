"""Information requests that fall due or overdue are noticed once, by the worker, to the side asked."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from bargaining.models import AuditEvent, OutboxEmail, User, utcnow
from bargaining.services.events import worker
from bargaining.services.events.due import notice_due_requests

ASKED = {"employer_negotiator", "employer_recorder"}


def today() -> date:
    """Today in UTC, as due dates are read."""
    return utcnow().date()


def request(
    api: Any, cast: Any, due: date, send: bool = True, title: str = "Caseload data"
) -> dict[str, Any]:
    """A union request to the employer, due on a date (sent unless send is False)."""
    body = {"title": title, "due_date": due.isoformat(), "items": [{"description": "Caseloads"}]}
    made = api.post(f"/tables/{cast.table_id}/information-requests", body)
    assert made.status_code == 201, made.json
    if not send:
        return made.json
    sent = api.post(
        f"/information-requests/{made.json['id']}/send", {}, headers={"If-Match": made.headers["ETag"]}
    )
    assert sent.status_code == 200, sent.json
    return sent.json


def scan(app: Any, on: date) -> int:
    """One scan, as the worker makes it, on a given day."""
    with app.app_context():
        return notice_due_requests(app.extensions["sessionmaker"], on)


def due_emails(app: Any) -> list[tuple[str, str, int | None]]:
    """(who, mode, event) of every due/overdue email in the outbox."""
    with app.extensions["sessionmaker"]() as session:
        rows = session.execute(
            select(User.email, OutboxEmail.mode, OutboxEmail.event_id)
            .join(User, User.id == OutboxEmail.user_id)
            .where(OutboxEmail.kind == "info_request_due")
        ).all()
    return sorted((r.email.split("@")[0], r.mode, r.event_id) for r in rows)


def actions(app: Any, action: str) -> int:
    """How many audit rows of an action."""
    with app.extensions["sessionmaker"]() as session:
        return int(session.scalar(select(func.count()).where(AuditEvent.action == action)) or 0)


def test_a_request_due_today_is_noticed_once_to_the_side_asked(app, api, cast, negotiation, inbox, deliver):
    made = request(api, cast, today())
    deliver()
    inbox.messages.clear()
    assert scan(app, today()) == 1
    assert scan(app, today()) == 0  # noticed once
    deliver()
    told = {m["To"].split("@")[0] for m in inbox.messages}
    assert told == ASKED  # not the requesting side, not the members
    assert all('Information request "Caseload data" is due' in m["Subject"] for m in inbox.messages)
    text = inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert 'Information request "Caseload data" to your side is due or overdue' in text
    feed = api.get(f"/tables/{cast.table_id}/events", as_="employer_negotiator").json
    (event,) = [e for e in feed if e["action"] == "inforequest.due"]
    assert event["object_id"] == made["id"] and event["actor_id"] is None
    assert (
        event["detail"]["requesting_side"] == "union" and event["detail"]["due_date"] == today().isoformat()
    )
    member_feed = api.get(f"/tables/{cast.table_id}/events", as_="member").json
    assert not any(e["action"].startswith("inforequest.") for e in member_feed)


def test_overdue_is_noticed_once_and_drafts_and_answered_requests_never(app, api, cast, negotiation):
    waiting = request(api, cast, today(), title="Waiting")
    answered = request(api, cast, today(), title="Answered")
    request(api, cast, today(), send=False, title="Draft")  # the union's own: the employer never hears of it
    item = answered["items"][0]
    reply = api.post(
        f"/information-request-items/{item['id']}/answers",
        {"text": "Attached", "complete": True},
        as_="employer_negotiator",
        headers={"If-Match": f'"iritem-{item["id"]}-v{item["version"]}"'},
    )
    assert reply.status_code == 200, reply.json
    assert scan(app, today()) == 1  # due: the waiting one only
    assert scan(app, today() + timedelta(days=1)) == 1  # overdue, the next day
    assert scan(app, today() + timedelta(days=2)) == 0  # and not again
    assert actions(app, "inforequest.due") == 1 and actions(app, "inforequest.overdue") == 1
    with app.extensions["sessionmaker"]() as session:
        objects = set(session.scalars(select(AuditEvent.object_id).where(AuditEvent.action.like("%due"))))
    assert objects == {waiting["id"]}


def test_a_request_first_seen_after_its_day_is_noticed_overdue_only(app, api, cast, negotiation):
    request(api, cast, today())
    assert scan(app, today() + timedelta(days=3)) == 1
    assert scan(app, today() + timedelta(days=3)) == 0
    assert actions(app, "inforequest.due") == 0 and actions(app, "inforequest.overdue") == 1


def test_notices_follow_each_persons_preferences(app, api, cast, negotiation):
    chose = api.patch(
        "/me/notification-preferences",
        {"preferences": {"info_request_due": "never"}},
        as_="employer_recorder",
    )
    assert chose.status_code == 200
    api.patch(
        "/me/notification-preferences",
        {"preferences": {"info_request_due": "daily"}},
        as_="employer_negotiator",
    )
    request(api, cast, today())
    assert scan(app, today()) == 1
    assert [(who, mode) for who, mode, _ in due_emails(app)] == [("employer_negotiator", "daily")]


def test_two_workers_scanning_at_once_notice_each_request_once(app, api, cast, negotiation):
    for number in range(6):
        request(api, cast, today(), title=f"Request {number}")
    start = threading.Barrier(4)
    noticed: list[int] = []
    failures: list[BaseException] = []

    def worker_thread() -> None:
        start.wait()
        try:
            noticed.append(scan(app, today()))
        except BaseException as exc:  # reported by the assertion below, with its cause
            failures.append(exc)

    threads = [threading.Thread(target=worker_thread) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert not failures, repr(failures)
    assert sum(noticed) == 6 and len(noticed) == 4, noticed
    assert actions(app, "inforequest.due") == 6
    emails = due_emails(app)
    assert len(emails) == 6 * len(ASKED) and len({e for _, _, e in emails}) == 6


def test_the_delivery_worker_scans_when_it_starts_and_sends_in_the_same_pass(
    app, api, cast, negotiation, inbox
):
    request(api, cast, today())
    with app.app_context():
        worker.run(app.extensions["sessionmaker"], {**app.config, "INFOREQUEST_SCAN_SECONDS": 3600}, 0, 2)
    assert actions(app, "inforequest.due") == 1
    assert {m["To"].split("@")[0] for m in inbox.wait_for(2)} == ASKED  # the same pass sent them
    request(api, cast, today(), title="Another")
    with app.app_context():
        worker.run(app.extensions["sessionmaker"], {**app.config, "INFOREQUEST_SCAN_SECONDS": 0}, 0, 1)
    assert actions(app, "inforequest.due") == 2


def test_a_title_typed_over_two_lines_still_makes_a_sendable_email(
    app, api, cast, negotiation, inbox, deliver
):
    request(api, cast, today(), title="Caseload\r\ndata")
    deliver()
    inbox.messages.clear()
    assert scan(app, today()) == 1
    deliver()
    subjects = {m["Subject"] for m in inbox.wait_for(2)}
    assert subjects == {'[Test table] Information request "Caseload data" is due'}
