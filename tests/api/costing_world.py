"""Setting a table up for costing through the API: classifications, base schedules, settings, roster."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from bargaining.services.costing import demo_data


def jsonable(value: Any) -> Any:
    """Decimals and dates as text, recursively (what a client would send)."""
    if isinstance(value, Decimal | date):
        return str(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def set_up_costing(api: Any, table_id: int, as_: str = "union_negotiator") -> dict[str, int]:
    """The demo's classifications, schedules and settings at a table; return code -> classification id."""
    ids: dict[str, int] = {}
    for payload in demo_data.classification_payloads():
        made = api.post(f"/tables/{table_id}/costing/classifications", payload, as_=as_)
        assert made.status_code == 201, made.json
        ids[payload["code"]] = made.json["id"]
        schedule = jsonable(demo_data.schedule_payload(made.json["id"], payload["code"]))
        made = api.post(f"/tables/{table_id}/costing/schedules", schedule, as_=as_)
        assert made.status_code == 201, made.json
    put = api.call(
        "PUT", f"/tables/{table_id}/costing/settings", as_, json=jsonable(demo_data.settings_payload())
    )
    assert put.status_code == 201, put.json
    return ids


def import_roster(api: Any, table_id: int, count: int = 120, as_: str = "union_negotiator") -> Any:
    """Import the generated roster as CSV text in JSON."""
    body = {
        "csv": demo_data.roster_csv(count),
        "filename": "roster.csv",
        "source": "Employer answer to RFI 3",
    }
    return api.post(f"/tables/{table_id}/roster", body, as_=as_)


def atb(*steps: tuple[str, str]) -> list[dict[str, Any]]:
    """Across-the-board increases: (effective date, percent) pairs."""
    return [{"kind": "across_the_board", "effective": when, "percent": pct} for when, pct in steps]
