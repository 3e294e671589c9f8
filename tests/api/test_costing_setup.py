"""Costing setup through the API: classifications, immutable schedule versions, settings, roster import."""

from __future__ import annotations

import base64
import io

from openpyxl import Workbook

from bargaining.services.costing import demo_data
from tests.api.costing_world import import_roster, jsonable, set_up_costing


def test_a_side_sets_up_classifications_schedules_and_settings(api, cast):
    ids = set_up_costing(api, cast.table_id)
    listed = api.get(f"/tables/{cast.table_id}/costing/classifications", as_="member")
    assert [c["code"] for c in listed.json] == ["AC", "LC", "SC", "CS"]
    settings = api.get(f"/tables/{cast.table_id}/costing/settings", as_="employer_negotiator")
    assert settings.status_code == 200
    assert settings.json["year_starts"] == ["2026-07-01", "2027-07-01", "2028-07-01"]
    assert settings.json["components"][0] == {
        "name": "Social Security",
        "rate": "0.062",
        "applies_to": "all_pay",
    }
    again = api.get(
        f"/tables/{cast.table_id}/costing/settings", headers={"If-None-Match": settings.headers["ETag"]}
    )
    assert again.status_code == 304
    assert set(ids) == {"AC", "LC", "SC", "CS"}


def test_members_cannot_write_costing_setup(api, cast):
    made = api.post(
        f"/tables/{cast.table_id}/costing/classifications", {"code": "X", "name": "X"}, as_="member"
    )
    assert made.status_code == 403


def test_replacing_settings_needs_the_etag_and_audits_old_and_new(api, cast):
    set_up_costing(api, cast.table_id)
    payload = jsonable({**demo_data.settings_payload(), "include_step_advancement": False})
    path = f"/tables/{cast.table_id}/costing/settings"
    assert api.call("PUT", path, "union_negotiator", json=payload).status_code == 428
    stale = api.call(
        "PUT",
        path,
        "union_negotiator",
        json=payload,
        headers={"If-Match": f'"costing_settings-{cast.table_id}-v9"'},
    )
    assert stale.status_code == 412
    etag = api.get(path).headers["ETag"]
    done = api.call("PUT", path, "union_negotiator", json=payload, headers={"If-Match": etag})
    assert done.status_code == 200, done.json
    assert done.json["include_step_advancement"] is False
    trail = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    edited = [e for e in trail if e["action"] == "costing_settings.edited"]
    assert edited[0]["detail"]["include_step_advancement"] == {"old": True, "new": False}


def test_settings_refuse_years_out_of_order(api, cast):
    payload = jsonable({**demo_data.settings_payload(), "year_starts": ["2027-07-01", "2026-07-01"]})
    made = api.call("PUT", f"/tables/{cast.table_id}/costing/settings", "union_negotiator", json=payload)
    assert made.status_code == 422
    assert "year_starts" in made.json["error"]["fields"]


def test_a_proposed_schedule_is_private_to_its_side(api, cast):
    ids = set_up_costing(api, cast.table_id)
    payload = jsonable({**demo_data.schedule_payload(ids["LC"], "LC"), "kind": "proposed", "label": "U wish"})
    made = api.post(f"/tables/{cast.table_id}/costing/schedules", payload)
    assert made.status_code == 201, made.json
    assert made.headers["Location"].endswith(f"/costing/schedules/{made.json['id']}")
    assert api.get(f"/costing/schedules/{made.json['id']}", as_="union_observer").status_code == 200
    assert api.get(f"/costing/schedules/{made.json['id']}", as_="employer_negotiator").status_code == 404
    theirs = api.get(f"/tables/{cast.table_id}/costing/schedules?page_size=100", as_="employer_negotiator")
    assert made.json["id"] not in [s["id"] for s in theirs.json]


def test_schedule_steps_must_run_from_one_without_gaps(api, cast):
    ids = set_up_costing(api, cast.table_id)
    payload = jsonable(
        {
            **demo_data.schedule_payload(ids["LC"], "LC"),
            "steps": [{"step": 1, "rate": "1"}, {"step": 3, "rate": "2"}],
        }
    )
    made = api.post(f"/tables/{cast.table_id}/costing/schedules", payload)
    assert made.status_code == 422
    assert "steps" in made.json["error"]["fields"]


def test_roster_import_from_csv_writes_rows_for_the_entering_side_only(api, cast):
    set_up_costing(api, cast.table_id)
    made = import_roster(api, cast.table_id)
    assert made.status_code == 201, made.json
    assert made.json["rows_read"] == 120
    assert made.json["errors"] == []
    batch = made.json["roster_batch_id"]
    assert made.headers["Location"].endswith(f"/roster/batches/{batch}")
    rows = api.get(f"/roster/batches/{batch}/rows?page_size=5", as_="union_recorder")
    assert rows.status_code == 200
    assert rows.json[0]["employee_ref"] == "RB0001"
    assert api.get(f"/roster/batches/{batch}/rows", as_="union_observer").status_code == 403
    for role in ("employer_negotiator", "member", "admin"):
        assert api.get(f"/roster/batches/{batch}/rows", as_=role).status_code == 404, role
        assert api.get(f"/roster/batches/{batch}", as_=role).status_code == 404, role
    summary = api.get(f"/tables/{cast.table_id}/roster", as_="member").json
    assert summary["headcount"] == 120
    assert "RB0001" not in str(summary)


def test_a_dry_run_reports_unreadable_values_by_row_and_column_and_writes_nothing(api, cast):
    set_up_costing(api, cast.table_id)
    text = "Employee ID,Classification,Step,FTE\nA1,LC,3,1\nA2,Therapist,2,1\nA3,LC,two,1.0\nA4,SC,1,3\n"
    dry = api.post(f"/tables/{cast.table_id}/roster?dry_run=true", {"csv": text})
    assert dry.status_code == 200, dry.json
    assert dry.json["rows_read"] == 1
    assert [(e["row"], e["column"]) for e in dry.json["errors"]] == [
        (3, "Classification"),
        (4, "Step"),
        (5, "FTE"),
    ]
    assert api.get(f"/tables/{cast.table_id}/roster").json["roster_batch_id"] is None
    real = api.post(f"/tables/{cast.table_id}/roster", {"csv": text})
    assert real.status_code == 422
    assert real.json["error"]["code"] == "roster_invalid"
    assert "rows.4.Step" in real.json["error"]["fields"]
    assert api.get(f"/tables/{cast.table_id}/roster").json["roster_batch_id"] is None


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_roster_import_from_xlsx_by_multipart_upload(client, api, cast):
    set_up_costing(api, cast.table_id)
    rows = [demo_data.HEADER, *[[*r[:3], float(r[3]), *r[4:]] for r in demo_data.roster_rows(10)]]
    data = {"file": (io.BytesIO(_xlsx(rows)), "roster.xlsx"), "source": "RFI 3"}
    made = client.post(
        f"/api/v1/tables/{cast.table_id}/roster",
        data=data,
        headers=cast.headers("union_negotiator"),
        content_type="multipart/form-data",
    )
    assert made.status_code == 201, made.json
    assert made.json["file_format"] == "xlsx"
    assert made.json["rows_read"] == 10


def test_a_broken_xlsx_is_refused_whole(api, cast):
    set_up_costing(api, cast.table_id)
    content = _xlsx([["Class", "Step", "FTE"], ["LC", 1, 1], ["LC", -2, 1]])
    made = api.post(f"/tables/{cast.table_id}/roster", {"content_base64": base64.b64encode(content).decode()})
    assert made.status_code == 422
    assert list(made.json["error"]["fields"]) == ["rows.3.Step"]
    junk = api.post(
        f"/tables/{cast.table_id}/roster", {"content_base64": base64.b64encode(b"PK\x03\x04junk").decode()}
    )
    assert junk.status_code == 422
    assert junk.json["error"]["code"] == "roster_unreadable"


def test_a_raw_csv_body_is_accepted_but_other_types_are_refused(client, api, cast):
    set_up_costing(api, cast.table_id)
    path = f"/api/v1/tables/{cast.table_id}/roster?filename=r.csv"
    made = client.post(
        path, data=demo_data.roster_csv(5), headers=cast.headers("union_negotiator"), content_type="text/csv"
    )
    assert made.status_code == 201, made.json
    refused = client.post(path, data="x", headers=cast.headers("union_negotiator"), content_type="text/plain")
    assert refused.status_code == 415


def test_the_entering_side_deletes_its_roster_for_good(api, cast):
    set_up_costing(api, cast.table_id)
    batch = import_roster(api, cast.table_id, 5).json["roster_batch_id"]
    etag = api.get(f"/roster/batches/{batch}").headers["ETag"]
    assert (
        api.delete(
            f"/roster/batches/{batch}", as_="employer_negotiator", headers={"If-Match": etag}
        ).status_code
        == 404
    )
    assert api.delete(f"/roster/batches/{batch}", headers={"If-Match": etag}).status_code == 204
    assert api.get(f"/roster/batches/{batch}").status_code == 404
    trail = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    assert "roster.deleted" in [e["action"] for e in trail]


def test_rows_must_fit_the_schedule_and_the_health_tiers(api, cast):
    set_up_costing(api, cast.table_id)
    text = "Class,Step,FTE,Tier\nLC,11,1,employee\nLC,2,1,platinum\nLC,2,1,family\n"
    dry = api.post(f"/tables/{cast.table_id}/roster?dry_run=true", {"csv": text})
    assert [(e["row"], e["field"]) for e in dry.json["errors"]] == [(2, "step"), (3, "health_tier")]
    assert dry.json["rows_read"] == 1


def test_a_contract_year_lasts_at_most_a_year(api, cast):
    payload = jsonable({**demo_data.settings_payload(), "year_starts": ["2026-07-01", "2028-07-01"]})
    made = api.call("PUT", f"/tables/{cast.table_id}/costing/settings", "union_negotiator", json=payload)
    assert made.status_code == 422
    assert "year_starts" in made.json["error"]["fields"]
