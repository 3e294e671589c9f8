"""Helpers the capture's steps share: a table of the capture's own, JSON-ready values, ETags."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scripts.capture_examples import Capture


def jsonable(value: Any) -> Any:
    """Decimals and dates as text, recursively (what a client sends)."""
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def new_table(c: Capture, title: str) -> int:
    """A table of the capture's own, the demo's committees seated at it."""
    table = c.call(
        "POST",
        "/tables",
        body={
            "title": title,
            "union_name": "Riverbend Clinicians United",
            "employer_name": "Riverbend Behavioral Health",
        },
    )
    table_id = int(table.get_json()["id"])
    people = {"union_negotiator": "union", "employer_negotiator": "employer", "union_recorder": "union"}
    for role, side in people.items():
        me = c.call("GET", "/me", role).get_json()
        seat = "recorder" if role == "union_recorder" else "negotiator"
        c.call(
            "POST", f"/tables/{table_id}/memberships", body={"user_id": me["id"], "side": side, "role": seat}
        )
    return table_id
