"""Information requests through the API: drafts, sending, answers, objections, overdue and the chronology."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader

from tests.api.negotiation import Negotiation

CASELOAD = {"description": "Active caseload by clinician and program", "period": "Jan 2025 - Dec 2026"}
STAFFING = {"description": "Vacancies by program", "period": "2026"}


def _draft(api, cast, n, due: date, as_="union_negotiator", **extra):
    body = {
        "title": "Caseload data by program",
        "purpose": "To cost caseload caps",
        "due_date": due.isoformat(),
        "items": [CASELOAD, STAFFING],
        "article_ids": [n.articles["5"]],
        **extra,
    }
    response = api.post(f"/tables/{cast.table_id}/information-requests", body, as_=as_)
    assert response.status_code == 201, response.json
    return {**response.json, "etag": response.headers["ETag"], "location": response.headers["Location"]}


def _send(api, request, as_="union_negotiator", **body):
    response = api.post(
        f"/information-requests/{request['id']}/send", body, as_=as_, headers={"If-Match": request["etag"]}
    )
    assert response.status_code == 200, response.json
    return {**response.json, "etag": response.headers["ETag"]}


def _item_etag(item):
    return f'"iritem-{item["id"]}-v{item["version"]}"'


def test_a_draft_is_private_to_the_requesting_side_until_sent(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    draft = _draft(api, cast, n, date.today() + timedelta(days=14))
    assert draft["location"].endswith(f"/api/v1/information-requests/{draft['id']}")
    assert (
        draft["state"] == "draft" and draft["status"] == "draft" and draft["article_ids"] == [n.articles["5"]]
    )
    assert api.get(f"/information-requests/{draft['id']}", as_="employer_negotiator").status_code == 404
    assert api.get(f"/information-requests/{draft['id']}", as_="admin").status_code == 404
    assert api.get(f"/tables/{cast.table_id}/information-requests", as_="employer_negotiator").json == []
    assert api.get(f"/tables/{cast.table_id}/information-requests", as_="member").status_code == 403
    sent = _send(api, draft)
    assert sent["state"] == "sent" and sent["status"] == "open" and sent["requested_at"]
    assert api.get(f"/information-requests/{draft['id']}", as_="employer_negotiator").status_code == 200
    edit = api.patch(
        f"/information-requests/{draft['id']}", {"title": "x"}, headers={"If-Match": sent["etag"]}
    )
    assert edit.status_code == 409 and edit.json["error"]["code"] == "request_sent"


def test_the_other_side_answers_item_by_item_or_objects_and_statuses_follow(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    sent = _send(api, _draft(api, cast, n, date.today() + timedelta(days=14)))
    caseload, staffing = sent["items"]
    path = f"/information-request-items/{caseload['id']}/answers"
    mine = api.post(path, {"text": "x"}, headers={"If-Match": _item_etag(caseload)})
    assert mine.status_code == 403
    assert api.post(path, {"text": "x"}, as_="employer_negotiator").status_code == 428
    part = api.post(
        path,
        {"text": "Program A attached", "complete": False},
        as_="employer_negotiator",
        headers={"If-Match": _item_etag(caseload)},
    )
    assert part.status_code == 200 and part.json["status"] == "partially_answered"
    stale = api.post(
        path, {"text": "again"}, as_="employer_negotiator", headers={"If-Match": _item_etag(caseload)}
    )
    assert stale.status_code == 412
    full = api.post(
        path, {"text": "All programs"}, as_="employer_negotiator", headers={"If-Match": part.headers["ETag"]}
    )
    assert full.status_code == 200 and full.json["status"] == "answered" and len(full.json["answers"]) == 2
    objected = api.post(
        f"/information-request-items/{staffing['id']}/objection",
        {"reason": "Confidential"},
        as_="employer_negotiator",
        headers={"If-Match": _item_etag(staffing)},
    )
    assert objected.status_code == 200 and objected.json["status"] == "objected"
    request = api.get(f"/information-requests/{sent['id']}").json
    assert request["status"] == "objected" and request["overdue"] is False
    closed = api.get(f"/tables/{cast.table_id}/information-requests?status=closed").json
    assert [r["id"] for r in closed] == [sent["id"]]
    audit = api.get(f"/tables/{cast.table_id}/audit?page_size=100").json
    row = next(r for r in audit if r["action"] == "inforequest.objected")
    assert row["detail"]["status"] == {"old": "open", "new": "objected"}


def test_overdue_open_and_by_article_filters(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    past = datetime.now(UTC) - timedelta(days=30)
    late = _send(
        api,
        _draft(api, cast, n, past.date() + timedelta(days=10), as_="union_recorder"),
        as_="union_recorder",
        requested_at=past.isoformat(),
    )
    fresh = _send(api, _draft(api, cast, n, date.today() + timedelta(days=10), article_ids=[n.articles["6"]]))
    assert late["overdue"] is True and all(i["overdue"] for i in late["items"])
    base = f"/tables/{cast.table_id}/information-requests"
    assert [r["id"] for r in api.get(f"{base}?status=overdue").json] == [late["id"]]
    assert [r["id"] for r in api.get(f"{base}?status=open").json] == [late["id"], fresh["id"]]
    assert [r["id"] for r in api.get(f"{base}?article_id={n.articles['6']}").json] == [fresh["id"]]
    withdrawn = api.post(
        f"/information-request-items/{late['items'][0]['id']}/withdraw",
        headers={"If-Match": _item_etag(late["items"][0])},
    )
    assert (
        withdrawn.status_code == 200
        and withdrawn.json["status"] == "withdrawn"
        and not withdrawn.json["overdue"]
    )


def test_bad_requests_write_nothing(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    base = f"/tables/{cast.table_id}/information-requests"
    assert api.post(base, {"title": "", "items": [CASELOAD]}).status_code == 422
    bad = api.post(base, {"title": "x", "items": [CASELOAD], "article_ids": [999999]})
    assert bad.status_code == 422 and "article_ids" in bad.json["error"]["fields"]
    draft = _draft(api, cast, n, date.today() - timedelta(days=1))
    late = api.post(f"/information-requests/{draft['id']}/send", {}, headers={"If-Match": draft["etag"]})
    assert late.status_code == 422 and "due_date" in late.json["error"]["fields"]
    paper = api.post(
        f"/information-requests/{draft['id']}/send",
        {"requested_at": datetime.now(UTC).isoformat()},
        headers={"If-Match": draft["etag"]},
    )
    assert paper.status_code == 403
    assert [r["id"] for r in api.get(base).json] == [draft["id"]]
    assert api.get(f"/information-requests/{draft['id']}").json["state"] == "draft"


def test_the_chronology_exports_as_json_csv_and_pdf(api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    sent = _send(api, _draft(api, cast, n, date.today() + timedelta(days=14)))
    reminded = api.post(
        f"/information-requests/{sent['id']}/remind",
        {"note": "Second ask — ¿dónde están?"},
        headers={"If-Match": sent["etag"]},
    )
    assert reminded.status_code == 200
    item = sent["items"][0]
    api.post(
        f"/information-request-items/{item['id']}/answers",
        {"text": "Here"},
        as_="employer_negotiator",
        headers={"If-Match": _item_etag(item)},
    )
    rows = api.get(f"/information-requests/{sent['id']}/chronology").json
    assert [r["event"] for r in rows] == ["requested", "reminded", "answered"]
    assert rows[2]["side"] == "employer" and rows[2]["item"].startswith("1. Active caseload")
    text = api.get(f"/information-requests/{sent['id']}/chronology?format=csv")
    assert text.headers["Content-Type"].startswith("text/csv")
    parsed = list(csv.DictReader(io.StringIO(text.get_data(as_text=True))))
    assert [r["event"] for r in parsed] == ["requested", "reminded", "answered"]
    pdf = api.get(f"/information-requests/{sent['id']}/chronology?format=pdf")
    assert pdf.headers["Content-Type"] == "application/pdf"
    words = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Caseload data by program" in words and "reminded" in words and "dónde" in words
    assert api.get(f"/information-requests/{sent['id']}/chronology", as_="member").status_code == 404
