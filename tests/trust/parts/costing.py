"""Costing's part of the authorization matrix: setup, roster, costings and scenarios, and their world."""

from __future__ import annotations

from typing import Any

from bargaining.services.costing import demo_data
from tests.api.costing_world import jsonable, set_up_costing
from tests.trust.matrix import WRITERS, Expect, denied_but, expect
from tests.trust.world import EMPLOYER_SECRET, UNION_SECRET

SIDE_WRITERS = {"union_negotiator": 201, "union_recorder": 201, "employer_negotiator": 201}
UNION_READERS = {"union_negotiator": 200, "union_recorder": 200, "union_observer": 200}
CSV = "Employee ID,Classification,Step,FTE\nM1,LC,1,1\nM2,AC,2,0.5\n"

MATRIX: dict[str, Expect] = {
    "GET /api/v1/tables/{table_id}/costing/classifications": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/costing/classifications": Expect(
        denied_but(dict.fromkeys(WRITERS, 201)), body={"code": "NEW", "name": "New classification"}
    ),
    "GET /api/v1/costing/classifications/{classification_id}": Expect(expect(200)),
    "PATCH /api/v1/costing/classifications/{classification_id}": Expect(
        denied_but(dict.fromkeys(WRITERS, 200)), body={"name": "Renamed"}, if_match="classification"
    ),
    "GET /api/v1/tables/{table_id}/costing/schedules": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/costing/schedules": Expect(
        denied_but(dict.fromkeys(WRITERS, 422)),
        body={
            "classification_id": 2**31 - 1,
            "rate_basis": "annual",
            "effective_date": "2025-07-01",
            "steps": [{"step": 1, "rate": "50000"}],
        },
    ),
    "GET /api/v1/costing/schedules/{schedule_id}": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/costing/settings": Expect(expect(200)),
    "PUT /api/v1/tables/{table_id}/costing/settings": Expect(
        denied_but(dict.fromkeys(WRITERS, 200)),
        body=jsonable({**demo_data.settings_payload(), "include_step_advancement": False}),
        if_match="costing_settings",
    ),
    "GET /api/v1/tables/{table_id}/roster": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/roster": Expect(denied_but(SIDE_WRITERS), body={"csv": CSV}),
    "GET /api/v1/tables/{table_id}/roster/batches": Expect(expect(200, member=403)),
    "GET /api/v1/roster/batches/{roster_batch_id}": Expect(expect(404, **UNION_READERS)),
    "DELETE /api/v1/roster/batches/{roster_batch_id}": Expect(
        expect(404, union_negotiator=204, union_recorder=204, union_observer=403), if_match="roster"
    ),
    "GET /api/v1/roster/batches/{roster_batch_id}/rows": Expect(
        expect(404, union_negotiator=200, union_recorder=200, union_observer=403)
    ),
    "GET /api/v1/proposals/{proposal_id}/costing": Expect(
        expect(404, **UNION_READERS), ids={"proposal_id": "draft_id"}
    ),
    "GET /api/v1/tables/{table_id}/costing": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/costing/member-view": Expect(
        expect(200), query="?classification=LC&step=1"
    ),
    "GET /api/v1/tables/{table_id}/costing/scenarios": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/costing/scenarios": Expect(denied_but(SIDE_WRITERS), body={"title": "S"}),
    "GET /api/v1/costing/scenarios/{scenario_id}": Expect(expect(404, **UNION_READERS)),
    "PATCH /api/v1/costing/scenarios/{scenario_id}": Expect(
        expect(404, union_negotiator=200, union_recorder=200, union_observer=403),
        body={"title": "Renamed"},
        if_match="scenario",
    ),
    "DELETE /api/v1/costing/scenarios/{scenario_id}": Expect(
        expect(404, union_negotiator=204, union_recorder=204, union_observer=403), if_match="scenario"
    ),
    "GET /api/v1/costing/scenarios/{scenario_id}/costing": Expect(expect(404, **UNION_READERS)),
}


def _roster(api: Any, table_id: int, as_: str, secret: str) -> dict[str, Any]:
    """A small roster whose first row and source carry the side's secret."""
    body = {"csv": f"Employee ID,Classification,Step,FTE\n{secret},LC,2,1\nX2,AC,1,1\n", "source": secret}
    made = api.post(f"/tables/{table_id}/roster", body, as_=as_)
    assert made.status_code == 201, made.json
    return dict(made.json)


def _proposed_schedule(api: Any, table_id: int, classification_id: int, as_: str, secret: str) -> None:
    """A side's private proposed schedule, labelled with its secret."""
    payload = jsonable(
        {**demo_data.schedule_payload(classification_id, "LC"), "kind": "proposed", "label": secret}
    )
    assert api.post(f"/tables/{table_id}/costing/schedules", payload, as_=as_).status_code == 201


def _scenario(api: Any, table_id: int, as_: str, secret: str) -> dict[str, Any]:
    """A side's private scenario, titled with its secret."""
    body = {
        "title": f"Scenario {secret}",
        "notes": secret,
        "terms": [{"kind": "lump_sum", "name": secret, "amount": "500", "paid_on": "2026-09-01"}],
    }
    made = api.post(f"/tables/{table_id}/costing/scenarios", body, as_=as_)
    assert made.status_code == 201, made.json
    return {**made.json, "etag": made.headers["ETag"]}


def extend_world(api: Any, cast: Any, world: Any, negotiation: Any) -> None:
    """Costing set up at the world's table, a roster and a scenario and a proposed schedule per side."""
    table_id = cast.table_id
    ids = set_up_costing(api, table_id)
    union_roster = _roster(api, table_id, "union_negotiator", UNION_SECRET)
    _roster(api, table_id, "employer_negotiator", EMPLOYER_SECRET)
    _proposed_schedule(api, table_id, ids["LC"], "union_negotiator", UNION_SECRET)
    _proposed_schedule(api, table_id, ids["LC"], "employer_negotiator", EMPLOYER_SECRET)
    union_scenario = _scenario(api, table_id, "union_negotiator", UNION_SECRET)
    _scenario(api, table_id, "employer_negotiator", EMPLOYER_SECRET)
    schedules = api.get(f"/tables/{table_id}/costing/schedules?page_size=1", as_="admin").json
    world.ids.update(
        classification_id=ids["LC"],
        schedule_id=schedules[0]["id"],
        roster_batch_id=union_roster["roster_batch_id"],
        scenario_id=union_scenario["id"],
    )
    world.etags.update(
        classification=api.get(f"/costing/classifications/{ids['LC']}").headers["ETag"],
        costing_settings=api.get(f"/tables/{table_id}/costing/settings").headers["ETag"],
        roster=f'"roster-{union_roster["roster_batch_id"]}-v1"',
        scenario=union_scenario["etag"],
    )
