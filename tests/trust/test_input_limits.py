"""No input is a 500: numbers, page numbers and dates past what the record can hold are clear 422s."""

from __future__ import annotations

import json
from datetime import timedelta, timezone
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.api.common import MAX_PAGE

EARLY = "0001-01-01T00:00:00+05:00"  # its UTC value is in year 0
LATE = "9999-12-31T23:00:00-05:00"  # its UTC value is in year 10000
DAY_OFFSET = timedelta(hours=23, minutes=59)


def _post_raw(api, cast, path: str, body: str, as_: str = "admin"):
    headers = {**cast.headers(as_), "Content-Type": "application/json"}
    return api.client.open(f"/api/v1{path}", method="POST", data=body, headers=headers)


def _refused(response, field: str) -> bool:
    error = response.json["error"]
    return response.status_code == 422 and error["code"] == "validation_error" and field in error["fields"]


@pytest.mark.parametrize("number", ["1" * 5000, "-" + "9" * 5000, "1e999", "-1E400", "NaN", "Infinity"])
def test_a_number_no_field_can_hold_is_a_422(api, cast, number):
    body = '{"number": "1", "title": "Wages", "position": NUMBER}'.replace("NUMBER", number)
    response = _post_raw(api, cast, f"/tables/{cast.table_id}/articles", body)
    assert _refused(response, "_body"), response.get_data(as_text=True)
    assert api.get(f"/tables/{cast.table_id}/articles").json == []


def test_an_ordinary_big_number_is_still_a_field_error(api, cast):
    body = '{"number": "1", "title": "Wages", "position": NUMBER}'.replace("NUMBER", "9" * 40)
    response = _post_raw(api, cast, f"/tables/{cast.table_id}/articles", body)
    assert response.status_code == 422 and "position" in response.json["error"]["fields"]


@pytest.mark.parametrize("page", [str(MAX_PAGE + 1), "9223372036854775808", "9" * 60])
def test_a_page_past_the_database_integer_range_is_a_422(api, cast, page):
    for path in (f"/tables/{cast.table_id}/articles", f"/tables/{cast.table_id}/audit", "/tables"):
        response = api.get(f"{path}?page={page}")
        assert _refused(response, "_query") or _refused(response, "page"), (path, response.json)


def test_the_last_allowed_page_is_an_empty_page(api, cast):
    response = api.get(f"/tables/{cast.table_id}/articles?page={MAX_PAGE}&page_size=100")
    assert response.status_code == 200 and response.json == []


@pytest.mark.parametrize("moment", [EARLY, LATE])
@pytest.mark.parametrize("name", ["since", "until"])
def test_audit_filter_dates_outside_years_1_to_9999_in_utc_are_422(api, cast, name, moment):
    response = api.get(f"/tables/{cast.table_id}/audit?{urlencode({name: moment})}")
    assert _refused(response, name), response.json


def test_audit_filter_dates_at_the_edges_still_work(api, cast):
    edges = urlencode({"since": "0001-01-01T00:00:00Z", "until": "9999-12-31T23:59:59Z"})
    response = api.get(f"/tables/{cast.table_id}/audit?{edges}")
    assert response.status_code == 200


@pytest.mark.parametrize("moment", [EARLY, LATE])
def test_recorder_dates_outside_years_1_to_9999_in_utc_are_422(api, cast, moment):
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "5", "title": "C"}, as_="admin").json
    body = {"number": "5.1", "text": "Cap."}
    clause = api.post(f"/articles/{article['id']}/clauses", body, as_="admin").json
    body = {"title": "P", "items": [{"action": "status_quo", "clause_id": clause["id"]}]}
    draft = api.post(f"/tables/{cast.table_id}/proposals", body, as_="union_recorder")
    passed = api.post(
        f"/proposals/{draft.json['id']}/pass",
        {"passed_at": moment},
        as_="union_recorder",
        headers={"If-Match": draft.headers["ETag"]},
    )
    assert _refused(passed, "passed_at"), passed.json
    offer = {
        "items": [{"clause_id": clause["id"], "action": "status_quo"}],
        "signed_by_id": cast.user_ids["union_negotiator"],
        "signed_at": moment,
    }
    offered = api.post(f"/tables/{cast.table_id}/tentative-agreements", offer, as_="union_recorder")
    assert _refused(offered, "signed_at"), offered.json


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    number=st.builds("{}{}".format, st.sampled_from(["", "-"]), st.from_regex(r"\A[1-9][0-9]{0,6000}\Z"))
    | st.floats(allow_nan=False).map(json.dumps)
)
def test_no_json_number_is_a_server_error(api, cast, number):
    body = '{"number": "77", "title": "Wages", "position": NUMBER}'.replace("NUMBER", number)
    response = _post_raw(api, cast, f"/tables/{cast.table_id}/articles", body)
    assert response.status_code in {201, 409, 422}, response.get_data(as_text=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=st.datetimes(timezones=st.builds(timezone, st.timedeltas(-DAY_OFFSET, DAY_OFFSET))))
def test_no_audit_filter_date_is_a_server_error(api, cast, moment):
    response = api.get(f"/tables/{cast.table_id}/audit?{urlencode({'since': moment.isoformat()})}")
    assert response.status_code in {200, 422}, response.get_data(as_text=True)
