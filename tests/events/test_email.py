"""Email notices through the API, received by a real local SMTP server: who, digests, unsubscribe."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from bargaining.models import utcnow
from bargaining.services.events import mail, worker
from tests.events.conftest import amend


def addressed(inbox: Any, role: str) -> list[Any]:
    """The messages a role's address received."""
    return inbox.to(f"{role}@test.example")


def parts(msg: Any) -> tuple[str, str]:
    """The plain-text and HTML bodies."""
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    return text, html


def test_the_other_side_hears_of_a_pass_and_the_author_of_what_it_answers(
    api, cast, negotiation, inbox, deliver
):
    u1 = negotiation.propose("union_negotiator", "Caseloads", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver()
    told = {m["To"] for m in inbox.messages}
    assert told == {"employer_negotiator@test.example", "employer_recorder@test.example"}
    msg = addressed(inbox, "employer_negotiator")[0]
    assert "U-1 passed across the table" in msg["Subject"] and "Test table" in msg["Subject"]
    text, html = parts(msg)
    assert "The other side passed U-1" in text and "union negotiator" in text
    assert "<p>The other side passed U-1" in html
    assert msg["List-Unsubscribe"].startswith("<http://bargaining.test/notifications/unsubscribe?token=")

    inbox.messages.clear()
    counter = api.post(f"/proposals/{u1['id']}/counter", {"title": "Counter"}, as_="employer_negotiator").json
    negotiation.pass_("employer_negotiator", {"id": counter["id"], "etag": f'"proposal-{counter["id"]}-v1"'})
    deliver()
    subjects = {m["To"].split("@")[0]: m["Subject"] for m in inbox.messages}
    assert set(subjects) == {"union_negotiator", "union_recorder", "union_observer"}
    assert "E-1 answers your proposal" in subjects["union_negotiator"]
    assert "E-1 passed across the table" in subjects["union_recorder"]


def test_a_ta_offered_to_my_side_awaits_my_signature(api, cast, negotiation, inbox, deliver):
    negotiation.propose("union_negotiator", "Caseloads", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver()
    inbox.messages.clear()
    version = negotiation.clause("5.1")["union"]["version_id"]
    negotiation.offer(
        "union_negotiator",
        [{"clause_id": negotiation.clauses["5.1"], "action": "amend", "version_id": version}],
    )
    deliver()
    assert [(m["To"], "awaits your signature" in m["Subject"]) for m in inbox.messages] == [
        ("employer_negotiator@test.example", True)
    ]


def test_drafts_cause_no_email(api, cast, negotiation, inbox, deliver):
    negotiation.draft("union_negotiator", "Private", [amend(negotiation, "5.1", "Secret text.")])
    deliver()
    assert inbox.messages == []


def test_never_and_daily_digests(app, api, cast, negotiation, inbox, deliver):
    chose = api.patch(
        "/me/notification-preferences", {"preferences": {"proposal_passed": "daily"}}, as_="employer_recorder"
    )
    assert chose.status_code == 200 and chose.json["preferences"]["proposal_passed"] == "daily"
    never = api.patch(
        "/me/notification-preferences",
        {"preferences": {"proposal_passed": "never"}},
        as_="employer_negotiator",
    )
    assert never.json["preferences"]["ta_awaits_signature"] == "immediate"
    bad = api.patch("/me/notification-preferences", {"preferences": {"proposal_passed": "hourly"}})
    assert bad.status_code == 422
    negotiation.propose("union_negotiator", "One", [amend(negotiation, "5.1", "Sixty clients.")])
    negotiation.propose("union_negotiator", "Two", [amend(negotiation, "5.2", "Thirty hours.")])
    deliver(digests=False)
    assert inbox.messages == []  # one chose a digest, the other never

    with app.app_context():
        settings = worker.mail_settings(app.config)
        tomorrow = utcnow() + timedelta(days=1)
        sent = mail.send_digests(app.extensions["sessionmaker"], settings, tomorrow.replace(hour=8), 7)
        again = mail.send_digests(app.extensions["sessionmaker"], settings, tomorrow.replace(hour=9), 7)
    assert sent == 1 and again == 0
    digest = addressed(inbox, "employer_recorder")
    assert len(digest) == 1 and "2 updates" in digest[0]["Subject"]
    text, _ = parts(digest[0])
    assert "U-1" in text and "U-2" in text
    assert addressed(inbox, "employer_negotiator") == []


def test_the_unsubscribe_link_works_without_signing_in(app, client, api, cast, negotiation, inbox, deliver):
    negotiation.propose("union_negotiator", "One", [amend(negotiation, "5.1", "Sixty clients.")])
    deliver()
    text, _ = parts(addressed(inbox, "employer_recorder")[0])
    link = re.search(r"http://bargaining.test(/notifications/unsubscribe\?token=\S+)", text).group(1)
    page = client.get(link)
    assert page.status_code == 200 and b"Stop these emails" in page.data
    assert (
        api.get("/me/notification-preferences", as_="employer_recorder").json["preferences"][
            "proposal_passed"
        ]
        == "immediate"
    )  # a GET changes nothing
    done = client.post(link)
    assert done.status_code == 200 and b"no longer get emails" in done.data
    assert (
        api.get("/me/notification-preferences", as_="employer_recorder").json["preferences"][
            "proposal_passed"
        ]
        == "never"
    )
    forged = link[:-3] + ("abc" if not link.endswith("abc") else "xyz")
    assert client.post(forged).status_code == 400 and client.get(forged).status_code == 400
    inbox.messages.clear()
    negotiation.propose("union_negotiator", "Two", [amend(negotiation, "5.2", "Thirty hours.")])
    deliver()
    assert addressed(inbox, "employer_recorder") == []
