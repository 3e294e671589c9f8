"""Who is told by email of the working life's and ratification's changes, through the API."""

from __future__ import annotations

from typing import Any

from tests.api.test_contract import negotiate_everything
from tests.api.test_ratification import both_send
from tests.events.test_due import request, today


def told(inbox: Any) -> dict[str, str]:
    """Who received which subject (by role)."""
    return {m["To"].split("@")[0]: m["Subject"] for m in inbox.messages}


def test_a_request_to_us_and_the_answer_to_ours(api, cast, negotiation, inbox, deliver):
    made = request(api, cast, today())
    deliver()
    assert set(told(inbox)) == {"employer_negotiator", "employer_recorder"}  # the side asked
    assert all("information request to your side" in s for s in told(inbox).values())
    inbox.messages.clear()
    item = made["items"][0]
    answered = api.post(
        f"/information-request-items/{item['id']}/answers",
        {"text": "Attached", "complete": True},
        as_="employer_recorder",
        headers={"If-Match": f'"iritem-{item["id"]}-v{item["version"]}"'},
    )
    assert answered.status_code == 200, answered.json
    deliver()
    assert set(told(inbox)) == {"union_negotiator", "union_recorder", "union_observer"}  # the side asking
    assert all("Your information request was answered" in s for s in told(inbox).values())


def test_the_ratification_vote_opening_reaches_everyone_members_too(api, cast, negotiation, inbox, deliver):
    negotiate_everything(negotiation)
    deliver()
    inbox.messages.clear()
    both_send(api, cast.table_id)  # the union sends first, then the employer: the vote opens
    deliver()
    opened = {who for who, subject in told(inbox).items() if "The ratification vote opens" in subject}
    everyone_else = {
        "union_negotiator",
        "union_recorder",
        "union_observer",
        "employer_recorder",
        "member",
    }
    assert opened == everyone_else  # not the employer's negotiator, whose sending opened it
