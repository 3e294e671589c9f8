"""The capture's steps for costing: the demo's costing read, a table set up for costing, scenarios
(scripts/capture_examples.py runs them from scripts/capture_steps.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bargaining.services.costing import demo_data
from scripts.capture_steps_common import jsonable, new_table

if TYPE_CHECKING:
    from scripts.capture_examples import Capture

ROSTER_ROWS = 6


def _atb(effective: str, percent: str) -> list[dict[str, Any]]:
    """One across-the-board increase."""
    return [{"kind": "across_the_board", "effective": effective, "percent": percent}]


def costing_reads(c: Capture) -> None:
    """The demo's costing: both positions and the gap, a member's view, a proposal's cost, the roster."""
    demo = c.ids["demo"]
    c.call("GET", f"/tables/{demo}/costing", "union_negotiator")
    c.call("GET", f"/tables/{demo}/costing/member-view?classification=LC&step=4", "member")
    proposals = c.call("GET", f"/tables/{demo}/proposals?side=union&page_size=50", "union_negotiator")
    wages = next(p for p in proposals.get_json() if p["title"].startswith("Wages"))
    c.call("GET", f"/proposals/{wages['id']}/costing", "union_negotiator")
    c.ids["wages_proposal"] = wages["id"]
    c.call("GET", f"/tables/{demo}/roster", "member")
    batches = c.call("GET", f"/tables/{demo}/roster/batches", "union_negotiator").get_json()
    c.call("GET", f"/roster/batches/{batches[0]['id']}", "union_negotiator")
    c.call("GET", f"/roster/batches/{batches[0]['id']}/rows", "union_negotiator")


def costing_setup_steps(c: Capture) -> None:
    """Classifications, wage schedules, settings and a roster import at a new table, then its removal."""
    table = new_table(c, "Riverbend costing workbook")
    role = "union_negotiator"
    classifications = f"/tables/{table}/costing/classifications"
    first = None
    for payload in demo_data.classification_payloads():
        made = c.call("POST", classifications, role, payload).get_json()
        schedule = jsonable(demo_data.schedule_payload(made["id"], payload["code"]))
        c.call("POST", f"/tables/{table}/costing/schedules", role, schedule)
        first = first or made
    assert first is not None
    c.call("GET", classifications, role)
    read = c.call("GET", f"/costing/classifications/{first['id']}", role)
    c.call(
        "PATCH",
        f"/costing/classifications/{first['id']}",
        role,
        {"name": f"{first['name']} (licensed)"},
        etag=read.headers["ETag"],
    )
    schedules = c.call("GET", f"/tables/{table}/costing/schedules", role).get_json()
    c.call("GET", f"/costing/schedules/{schedules[0]['id']}", role)
    c.call("PUT", f"/tables/{table}/costing/settings", role, jsonable(demo_data.settings_payload()))
    c.call("GET", f"/tables/{table}/costing/settings", role)
    body = {
        "csv": demo_data.roster_csv(ROSTER_ROWS),
        "filename": "roster.csv",
        "source": "Employer answer to RFI 3",
    }
    imported = c.call("POST", f"/tables/{table}/roster", role, body)
    batch = imported.headers["Location"].rsplit("/", 1)[-1]
    read = c.call("GET", f"/roster/batches/{batch}", role)
    c.call("DELETE", f"/roster/batches/{batch}", role, etag=read.headers["ETag"])


def scenario_steps(c: Capture) -> None:
    """A what-if on the demo table: made, read, listed, edited, costed and deleted."""
    demo = c.ids["demo"]
    role = "union_negotiator"
    made = c.call(
        "POST",
        f"/tables/{demo}/costing/scenarios",
        role,
        {
            "title": "What if 3 % in year one",
            "notes": "Our wage proposal with a smaller first raise.",
            "terms": _atb("2026-07-01", "3"),
            "from_proposals": [c.ids["wages_proposal"]],
        },
    )
    scenario = made.get_json()["id"]
    c.call("GET", f"/tables/{demo}/costing/scenarios", role)
    read = c.call("GET", f"/costing/scenarios/{scenario}", role)
    edited = c.call(
        "PATCH",
        f"/costing/scenarios/{scenario}",
        role,
        {"terms": _atb("2026-07-01", "2.5")},
        etag=read.headers["ETag"],
    )
    c.call("GET", f"/costing/scenarios/{scenario}/costing", role)
    c.call("DELETE", f"/costing/scenarios/{scenario}", role, etag=edited.headers["ETag"])
