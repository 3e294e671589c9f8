"""The capture's steps for events: the feed and its stream, webhooks and their deliveries,
notification preferences, and the members' roster and invitations (run from scripts/capture_steps.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scripts.capture_examples import Capture

HOOK = "https://hooks.riverbend.example/bargaining"
MEMBERS = (
    "name,email,classification,step,fte\n"
    "Ana Ruiz,ana.ruiz@members.riverbend.example,LC,4,1.0\n"
    "Ben Ode,ben.ode@members.riverbend.example,SC,2,0.5\n"
)


def event_reads(c: Capture) -> None:
    """The demo table's feed, one pass of its stream, and my notification preferences."""
    demo = c.ids["demo"]
    c.call("GET", f"/tables/{demo}/events?limit=2", "union_negotiator")
    c.call("GET", f"/tables/{demo}/events/stream?once=true", "union_negotiator")
    c.call("GET", "/me/notification-preferences", "union_negotiator")
    c.call(
        "PATCH",
        "/me/notification-preferences",
        "union_negotiator",
        {"preferences": {"proposal_passed": "daily", "info_request_due": "immediate"}},
    )


def subscribe(c: Capture) -> None:
    """A webhook for the union side of the work-life table, before its sessions and requests."""
    table = c.ids["worklife"]
    made = c.call(
        "POST",
        f"/tables/{table}/webhooks",
        "union_negotiator",
        {"url": HOOK, "kinds": ["*"]},
    )
    c.ids["webhook"] = made.get_json()["id"]


def webhook_steps(c: Capture) -> None:
    """List, read, change and replay the work-life table's webhook, then stop it."""
    table, hook = c.ids["worklife"], c.ids["webhook"]
    role = "union_negotiator"
    c.call("GET", f"/tables/{table}/webhooks", role)
    read = c.call("GET", f"/webhooks/{hook}", role)
    paused = c.call("PATCH", f"/webhooks/{hook}", role, {"state": "paused"}, etag=read.headers["ETag"])
    resumed = c.call(
        "PATCH",
        f"/webhooks/{hook}",
        role,
        {"state": "active", "kinds": ["proposal.passed", "inforequest."]},
        etag=paused.headers["ETag"],
    )
    deliveries = c.call("GET", f"/webhooks/{hook}/deliveries", role).get_json()
    c.call("POST", f"/webhooks/{hook}/deliveries/{deliveries[0]['id']}/replay", role)
    c.call("DELETE", f"/webhooks/{hook}", role, etag=resumed.headers["ETag"])


def member_roster_steps(c: Capture) -> None:
    """The union side's member roster of the work-life table, and invitations to the members' pages."""
    table = c.ids["worklife"]
    c.call("POST", f"/tables/{table}/member-roster", "union_negotiator", {"csv": MEMBERS})
    c.call("GET", f"/tables/{table}/member-roster", "union_negotiator")
    c.call(
        "POST",
        f"/tables/{table}/member-roster/invitations",
        "union_negotiator",
        {"emails": ["ana.ruiz@members.riverbend.example"]},
    )
