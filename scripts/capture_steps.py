"""The capture's steps: real calls that reach every documented operation (scripts/capture_examples.py).

A capability adds a function taking a Capture and appends it to STEPS; reads use the demo's table,
writes use small tables of the step's own (seated with the demo's committees) so the demo's reads
stay what the demo shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scripts.capture_steps_common import new_table
from scripts.capture_steps_costing import costing_reads, costing_setup_steps, scenario_steps
from scripts.capture_steps_events import event_reads, member_roster_steps, subscribe, webhook_steps
from scripts.capture_steps_worklife import (
    consent_steps,
    file_steps,
    information_request_steps,
    intake_steps,
    session_and_note_steps,
    worklife_reads,
)

if TYPE_CHECKING:
    from scripts.capture_examples import Capture


def account_steps(c: Capture) -> None:
    """The caller, tokens, users and their administration."""
    c.call("GET", "/health")
    c.call("GET", "/me", "union_negotiator")
    made = c.call("POST", "/me/tokens", "union_negotiator", {"name": "laptop"})
    token = made.get_json()
    c.call("GET", "/me/tokens", "union_negotiator")
    c.call("DELETE", f"/me/tokens/{token['id']}", "union_negotiator", etag=made.headers["ETag"])
    user = c.call("POST", "/users", body={"email": "dana@riverbend.example", "name": "Dana Lee"}).get_json()
    c.call("GET", "/users")
    c.call("GET", f"/users/{user['id']}")
    c.call("POST", f"/users/{user['id']}/tokens", body={"name": "onboarding"})
    c.call("GET", f"/users/{user['id']}/audit")
    c.ids["new_user"] = user["id"]


def demo_reads(c: Capture) -> None:
    """Everything a committee reads about the demo negotiation."""
    table = c.call("GET", "/tables", "union_negotiator").get_json()[0]["id"]
    c.ids["demo"] = table
    c.call("GET", f"/tables/{table}", "union_negotiator")
    c.call("GET", f"/tables/{table}/memberships")
    articles = c.call("GET", f"/tables/{table}/articles", "union_negotiator").get_json()
    article = c.call("GET", f"/articles/{articles[5]['id']}", "union_negotiator").get_json()
    clause = article["clauses"][0]["id"]
    c.call("GET", f"/clauses/{clause}", "union_negotiator")
    versions = c.call("GET", f"/clauses/{clause}/versions", "union_negotiator").get_json()
    c.call("GET", f"/clauses/{clause}/versions/{versions[0]['id']}", "union_negotiator")
    c.call("GET", f"/clauses/{clause}/redline?from=base&to=tentative", "union_negotiator")
    c.call("GET", f"/clauses/{clause}/status", "union_negotiator")
    c.call("GET", f"/articles/{article['id']}/redline?from=union&to=employer", "union_negotiator")
    c.call("GET", f"/tables/{table}/redline?from=base&to=tentative", "union_negotiator")
    proposals = c.call("GET", f"/tables/{table}/proposals?state=passed", "union_negotiator").get_json()
    c.call("GET", f"/proposals/{proposals[0]['id']}", "union_negotiator")
    c.call("GET", f"/proposals/{proposals[0]['id']}/redline", "union_negotiator")
    c.call("GET", f"/tables/{table}/status", "union_negotiator")
    c.call("GET", f"/tables/{table}/ta-summary", "member")
    c.call("GET", f"/tables/{table}/audit", "union_negotiator")
    tas = c.call("GET", f"/tables/{table}/tentative-agreements", "union_negotiator").get_json()
    c.call("GET", f"/tentative-agreements/{tas[0]['id']}", "union_negotiator")
    c.call("GET", f"/tables/{table}/contract", "member")
    c.call("GET", f"/tables/{table}/contract/verify", "union_negotiator")
    c.call("GET", f"/tables/{table}/ratification", "member")


def setup_steps(c: Capture) -> None:
    """Entering the current contract of a new table: by hand and by import."""
    table = new_table(c, "Riverbend 2029 renewal")
    c.call(
        "PATCH",
        f"/tables/{table}",
        body={"title": "Riverbend 2029 contract renewal"},
        etag=c.etag(f"/tables/{table}"),
    )
    member = c.call(
        "POST", f"/tables/{table}/memberships", body={"user_id": c.ids["new_user"], "role": "member"}
    )
    c.call("DELETE", f"/tables/{table}/memberships/{member.get_json()['id']}", etag=member.headers["ETag"])
    article = c.call(
        "POST", f"/tables/{table}/articles", body={"number": "12", "title": "Caseloads"}
    ).get_json()
    c.call(
        "PATCH",
        f"/articles/{article['id']}",
        body={"title": "Caseloads and Productivity"},
        etag=c.etag(f"/articles/{article['id']}"),
    )
    clause = c.call(
        "POST",
        f"/articles/{article['id']}/clauses",
        body={"number": "12.1", "heading": "Caps", "text": "No clinician shall carry more than 55 clients."},
    ).get_json()
    c.call(
        "POST",
        f"/clauses/{clause['id']}/versions",
        body={"text": "No full-time clinician shall carry more than 55 active clients."},
    )
    other = new_table(c, "Imported contract")
    text = "Article 1 – Recognition\nSection 1.1 Bargaining Unit\nThe Employer recognizes the Union.\n"
    c.call("POST", f"/tables/{other}/import", body={"text": text})
    c.ids["setup_table"], c.ids["setup_clause"], c.ids["imported"] = table, clause["id"], other


def bargaining_steps(c: Capture) -> None:
    """Drafts, passing, counters, withdrawal and the TA life cycle, to ratification and archiving."""
    table, clause = c.ids["setup_table"], c.ids["setup_clause"]
    item = {
        "action": "amend",
        "clause_id": clause,
        "text": "No clinician shall carry more than 50 active clients.",
    }
    draft = c.call(
        "POST", f"/tables/{table}/proposals", "union_negotiator", {"title": "Caseload caps", "items": [item]}
    )
    proposal = draft.get_json()["id"]
    edited = c.call(
        "PATCH",
        f"/proposals/{proposal}",
        "union_negotiator",
        {"rationale": "Caseloads drive burnout."},
        etag=draft.headers["ETag"],
    )
    c.call("POST", f"/proposals/{proposal}/pass", "union_negotiator", {}, etag=edited.headers["ETag"])
    spare = c.call(
        "POST",
        f"/tables/{table}/proposals",
        "union_negotiator",
        {"title": "Scratch", "items": [{"action": "status_quo", "clause_id": clause}]},
    )
    c.call("DELETE", f"/proposals/{spare.get_json()['id']}", "union_negotiator", etag=spare.headers["ETag"])
    counter = c.call(
        "POST",
        f"/proposals/{proposal}/counter",
        "employer_negotiator",
        {},
        etag=c.etag(f"/proposals/{proposal}", "employer_negotiator"),
    )
    answered = c.call(
        "POST",
        f"/proposals/{counter.get_json()['id']}/pass",
        "employer_negotiator",
        {},
        etag=counter.headers["ETag"],
    ).get_json()
    version = answered["items"][0]["version_id"]
    ta_items = {"items": [{"clause_id": clause, "action": "amend", "version_id": version}]}
    first = c.call("POST", f"/tables/{table}/tentative-agreements", "union_negotiator", ta_items).get_json()
    c.call(
        "POST",
        f"/tentative-agreements/{first['id']}/reject",
        "employer_negotiator",
        {},
        etag=c.etag(f"/tentative-agreements/{first['id']}", "employer_negotiator"),
    )
    ta = _signed_ta(c, table, ta_items)
    c.call(
        "POST",
        f"/tentative-agreements/{ta}/reopen-request",
        "union_negotiator",
        {"reason": "The cap should count active clients only."},
        etag=c.etag(f"/tentative-agreements/{ta}"),
    )
    c.call(
        "POST",
        f"/tentative-agreements/{ta}/reopen-consent",
        "employer_negotiator",
        {},
        etag=c.etag(f"/tentative-agreements/{ta}"),
    )
    _signed_ta(c, table, ta_items)
    _withdraw_one(c, table)
    for role in ("union_negotiator", "employer_negotiator"):
        ratification = c.etag(f"/tables/{table}/ratification", role)
        c.call("POST", f"/tables/{table}/ratification/send", role, etag=ratification)
    c.call(
        "POST",
        f"/tables/{table}/ratification/vote",
        "union_negotiator",
        {"vote_date": datetime.now(UTC).date().isoformat(), "yes": 212, "no": 31},
        etag=c.etag(f"/tables/{table}/ratification", "union_negotiator"),
    )
    c.call("POST", f"/tables/{table}/archive", etag=c.etag(f"/tables/{table}"))
    user = f"/users/{c.ids['new_user']}"
    c.call("POST", f"{user}/deactivate", etag=c.etag(user))


def _signed_ta(c: Capture, table: int, items: dict[str, Any]) -> int:
    """Offer a TA for the union, summarize it, countersign for the employer; return its id."""
    offered = c.call("POST", f"/tables/{table}/tentative-agreements", "union_negotiator", items)
    ta = int(offered.get_json()["id"])
    summary = {"summary": "Caseloads are capped at 50 active clients."}
    c.call("PATCH", f"/tentative-agreements/{ta}", "union_negotiator", summary, etag=offered.headers["ETag"])
    c.call(
        "POST",
        f"/tentative-agreements/{ta}/sign",
        "employer_negotiator",
        {},
        etag=c.etag(f"/tentative-agreements/{ta}", "employer_negotiator"),
    )
    return ta


def _withdraw_one(c: Capture, table: int) -> None:
    """Pass a status-quo proposal on the demo table and withdraw it."""
    demo = c.ids["demo"]
    articles = c.call("GET", f"/tables/{demo}/articles", "union_negotiator").get_json()
    clause = c.call("GET", f"/articles/{articles[-1]['id']}", "union_negotiator").get_json()["clauses"][0][
        "id"
    ]
    draft = c.call(
        "POST",
        f"/tables/{demo}/proposals",
        "union_negotiator",
        {"title": "Keep current language", "items": [{"action": "status_quo", "clause_id": clause}]},
    )
    passed = c.call(
        "POST",
        f"/proposals/{draft.get_json()['id']}/pass",
        "union_negotiator",
        {},
        etag=draft.headers["ETag"],
    )
    c.call(
        "POST",
        f"/proposals/{passed.get_json()['id']}/withdraw",
        "union_negotiator",
        {},
        etag=c.etag(f"/proposals/{passed.get_json()['id']}", "union_negotiator"),
    )
    del table


def events_steps(c: Capture) -> None:
    """Events, webhooks, notification preferences, the roster and invitations (issue 21)."""
    demo = c.ids["demo"]
    c.call("GET", f"/tables/{demo}/events?after=0&limit=2", "union_negotiator")
    c.call("GET", "/me/notification-preferences", "union_negotiator")
    c.call(
        "PATCH",
        "/me/notification-preferences",
        "union_negotiator",
        {"preferences": {"proposal_passed": "daily"}},
    )
    hook = c.call(
        "POST",
        f"/tables/{demo}/webhooks",
        "union_negotiator",
        {"url": "https://hooks.example.org/bargaining", "kinds": ["proposal.", "ta.offered"]},
    ).get_json()
    c.call("GET", f"/tables/{demo}/webhooks", "union_negotiator")
    etag = c.etag(f"/webhooks/{hook['id']}", "union_negotiator")
    edited = c.call("PATCH", f"/webhooks/{hook['id']}", "union_negotiator", {"kinds": ["*"]}, etag)
    c.call(
        "POST",
        f"/tables/{demo}/member-roster",
        "union_negotiator",
        {"csv": "name,email,classification,step\nAna Ruiz,ana@members.example,Clinician II,4\n"},
    )
    c.call("GET", f"/tables/{demo}/member-roster", "union_negotiator")
    c.call("POST", f"/tables/{demo}/member-roster/invitations", "union_negotiator", {})
    deliveries = c.call("GET", f"/webhooks/{hook['id']}/deliveries", "union_negotiator").get_json()
    if deliveries:
        c.call("POST", f"/webhooks/{hook['id']}/deliveries/{deliveries[0]['id']}/replay", "union_negotiator")
    c.call("DELETE", f"/webhooks/{hook['id']}", "union_negotiator", etag=edited.headers["ETag"])


STEPS: list[Callable[[Capture], None]] = [
    account_steps,
    demo_reads,
    worklife_reads,
    costing_reads,
    event_reads,
    setup_steps,
    intake_steps,
    file_steps,
    session_and_note_steps,
    subscribe,
    information_request_steps,
    consent_steps,
    webhook_steps,
    costing_setup_steps,
    scenario_steps,
    member_roster_steps,
    bargaining_steps,
]
