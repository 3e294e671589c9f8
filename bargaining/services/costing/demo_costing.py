"""The demo's costing: the schedule, settings and a roster of 120 entered through the services, and the terms
the demo's economic proposals carry (an across-the-board increase over three years, a caseload cap, a
licensure differential, a CEU fund, a fifth paid CE day)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from bargaining.models import User
from bargaining.services.costing import demo_data, roster, setup


def set_up_demo_costing(session: Session, table_id: int, people: dict[str, User]) -> None:
    """Classifications, base schedules and settings (entered by the union), and the roster it received."""
    union = people["union_negotiator"]
    for payload in demo_data.classification_payloads():
        row = setup.create_classification(session, union, table_id, payload)
        setup.create_schedule(session, union, table_id, demo_data.schedule_payload(row.id, row.code))
    setup.put_settings(session, union, table_id, demo_data.settings_payload(), None)
    upload = {
        "content": demo_data.roster_csv(120).encode(),
        "filename": "riverbend-roster-2026.csv",
        "source": "Riverbend Behavioral Health's answer to the union's information request of March 2, 2026",
    }
    roster.import_roster(session, union, table_id, upload, dry_run=False)


def _atb(*pairs: tuple[str, str]) -> list[dict[str, Any]]:
    """Across-the-board increases, (effective date, percent)."""
    return [{"kind": "across_the_board", "effective": when, "percent": pct} for when, pct in pairs]


def _cap(clients: str) -> list[dict[str, Any]]:
    """A caseload cap in Adult Outpatient, costed as Licensed Clinicians hired at step 1."""
    return [
        {
            "kind": "caseload_cap",
            "program": "Adult Outpatient",
            "clients_per_fte": clients,
            "effective": "2026-07-01",
            "hire_classification": "LC",
            "hire_step": 1,
        }
    ]


def _fund(amount: str) -> list[dict[str, Any]]:
    """The CEU stipend per FTE (replacing today's $1,500)."""
    return [
        {"kind": "professional_fund", "name": "CEU stipend", "per_fte": amount, "effective": "2026-07-01"}
    ]


TERMS: dict[str, list[dict[str, Any]]] = {
    "union_wages": _atb(("2026-07-01", "5"), ("2027-07-01", "4"), ("2028-07-01", "4")),
    "employer_wages": _atb(("2026-07-01", "2.5"), ("2027-07-01", "2"), ("2028-07-01", "2")),
    "union_licensure": [
        {
            "kind": "differential",
            "name": "Licensure differential",
            "effective": "2026-07-01",
            "per_hour": "1.50",
            "licensed_only": True,
        }
    ],
    "union_cap": _cap("55"),
    "employer_cap": _cap("60"),
    "union_ceu": _fund("2000"),
    "employer_ceu": _fund("1750"),
    "ce_day": [
        {"kind": "paid_time", "name": "Fifth CE day", "hours_per_fte": "8", "effective": "2026-07-01"}
    ],
}


def with_terms(item: dict[str, Any], name: str) -> dict[str, Any]:
    """An item payload carrying the named demo terms."""
    return {**item, "terms": TERMS[name]}
