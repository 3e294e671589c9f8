"""The working life's part of the authorization matrix: sessions, notes, information requests, files.

The world gets a session, caucus notes and unshared minutes carrying each side's secret, a draft
information request per side carrying its secret, a sent request (one item open, one answered in
part), and a file carrying the union's secret on the union's draft proposal.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.trust.matrix import Expect, denied_but, expect
from tests.trust.world import EMPLOYER_SECRET, UNION_SECRET, World

UNION_ONLY = expect(404, union_negotiator=200, union_recorder=200, union_observer=200)
UNION_WRITERS_OK = expect(404, union_negotiator=200, union_recorder=200, union_observer=403)
SIDE_WRITERS = {"union_negotiator": 201, "union_recorder": 201, "employer_negotiator": 201}
EDIT_SESSION = denied_but({"union_negotiator": 200, "union_recorder": 200, "employer_negotiator": 200})
IR_DRAFT = {"ir_id": "ir_draft"}
IR_SENT = {"ir_id": "ir_sent"}
ANSWERER = denied_but({"employer_negotiator": 200}, member=404)

MATRIX: dict[str, Expect] = {
    "GET /api/v1/tables/{table_id}/sessions": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/sessions": Expect(
        denied_but(SIDE_WRITERS),
        body={"starts_at": "2026-05-01T14:00:00+00:00", "ends_at": "2026-05-01T17:00:00+00:00"},
    ),
    "GET /api/v1/sessions/{session_id}": Expect(expect(200)),
    "PATCH /api/v1/sessions/{session_id}": Expect(
        EDIT_SESSION, body={"agenda": "Changed"}, if_match="session"
    ),
    "PUT /api/v1/sessions/{session_id}/attendance": Expect(
        EDIT_SESSION, body={"attendees": []}, if_match="session"
    ),
    "GET /api/v1/sessions/{session_id}/ledger": Expect(expect(200)),
    "GET /api/v1/sessions/{session_id}/files": Expect(expect(200)),
    "POST /api/v1/sessions/{session_id}/files": Expect(
        denied_but({"union_negotiator": 422, "union_recorder": 422, "employer_negotiator": 422}), body={}
    ),
    "GET /api/v1/tables/{table_id}/notes": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/notes": Expect(
        denied_but({"union_negotiator": 422, "union_recorder": 422, "employer_negotiator": 422}),
        body={"kind": "caucus", "body": "No target named"},
    ),
    "GET /api/v1/notes/{note_id}": Expect(UNION_ONLY),
    "POST /api/v1/notes/{note_id}/share": Expect(
        UNION_WRITERS_OK, ids={"note_id": "minutes_note"}, body={"audience": "table"}, if_match="note"
    ),
    "GET /api/v1/notes/{note_id}/files": Expect(UNION_ONLY),
    "POST /api/v1/notes/{note_id}/files": Expect(
        expect(404, union_negotiator=422, union_recorder=422, union_observer=403), body={}
    ),
    "GET /api/v1/clauses/{clause_id}/history": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/information-requests": Expect(expect(200, member=403)),
    "POST /api/v1/tables/{table_id}/information-requests": Expect(
        denied_but(SIDE_WRITERS), body={"title": "Caseload data", "due_date": "2099-01-01"}
    ),
    "GET /api/v1/information-requests/{ir_id}": Expect(UNION_ONLY, ids=IR_DRAFT),
    "PATCH /api/v1/information-requests/{ir_id}": Expect(
        UNION_WRITERS_OK, ids=IR_DRAFT, body={"title": "Edited"}, if_match="inforequest"
    ),
    "DELETE /api/v1/information-requests/{ir_id}": Expect(
        expect(404, union_negotiator=204, union_recorder=204, union_observer=403),
        ids=IR_DRAFT,
        if_match="inforequest",
    ),
    "POST /api/v1/information-requests/{ir_id}/send": Expect(
        UNION_WRITERS_OK, ids=IR_DRAFT, body={}, if_match="inforequest"
    ),
    "POST /api/v1/information-requests/{ir_id}/remind": Expect(
        denied_but({"union_negotiator": 200, "union_recorder": 200}, member=404),
        ids=IR_SENT,
        body={"note": "Second request"},
        if_match="inforequest_sent",
    ),
    "GET /api/v1/information-requests/{ir_id}/chronology": Expect(expect(200, member=404), ids=IR_SENT),
    "POST /api/v1/information-request-items/{ir_item_id}/answers": Expect(
        ANSWERER, body={"text": "Attached."}, if_match="iritem"
    ),
    "POST /api/v1/information-request-items/{ir_item_id}/objection": Expect(
        ANSWERER, body={"reason": "Overbroad."}, if_match="iritem"
    ),
    "POST /api/v1/information-request-items/{ir_item_id}/withdraw": Expect(
        denied_but({"union_negotiator": 200, "union_recorder": 200}, member=404), if_match="iritem"
    ),
    "GET /api/v1/information-request-answers/{ir_answer_id}/files": Expect(expect(200, member=404)),
    "POST /api/v1/information-request-answers/{ir_answer_id}/files": Expect(
        denied_but({"employer_negotiator": 422}, member=404), body={}
    ),
    "GET /api/v1/proposals/{proposal_id}/files": Expect(UNION_ONLY, ids={"proposal_id": "draft_id"}),
    "POST /api/v1/proposals/{proposal_id}/files": Expect(
        expect(404, union_negotiator=422, union_recorder=422, union_observer=403),
        ids={"proposal_id": "draft_id"},
        body={},
    ),
    "GET /api/v1/tentative-agreements/{ta_id}/files": Expect(
        expect(200, member=404), ids={"ta_id": "pending_ta"}
    ),
    "POST /api/v1/tentative-agreements/{ta_id}/files": Expect(
        denied_but({"union_negotiator": 422, "union_recorder": 422, "employer_negotiator": 422}, member=404),
        ids={"ta_id": "pending_ta"},
        body={},
    ),
    "GET /api/v1/files/{attachment_id}": Expect(UNION_ONLY),
    "GET /api/v1/files/{attachment_id}/content": Expect(UNION_ONLY),
}


def _created(response: Any) -> dict[str, Any]:
    """The JSON of a 201, with its ETag."""
    assert response.status_code == 201, response.get_json()
    return {**response.get_json(), "etag": response.headers["ETag"]}


def extend_world(api: Any, cast: Any, world: World, negotiation: Any) -> None:
    """Add a session, notes, information requests and a file to the world."""
    table, clause = world.ids["table_id"], world.ids["clause_id"]
    start = datetime.now(UTC) - timedelta(hours=1)
    session = _created(
        api.post(
            f"/tables/{table}/sessions",
            {
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=3)).isoformat(),
                "attendees": [{"side": "union", "name": "Ana"}],
            },
            as_="union_recorder",
        )
    )
    caucus = _note(
        api,
        table,
        "union_negotiator",
        {"kind": "caucus", "body": f"Caucus {UNION_SECRET}", "clause_id": clause},
    )
    _note(
        api,
        table,
        "employer_negotiator",
        {"kind": "caucus", "body": f"Caucus {EMPLOYER_SECRET}", "clause_id": clause},
    )
    minutes = _note(
        api,
        table,
        "union_negotiator",
        {"kind": "minutes", "body": f"Minutes {UNION_SECRET}", "session_id": session["id"]},
    )
    _note(
        api,
        table,
        "employer_negotiator",
        {
            "kind": "history",
            "body": f"History {EMPLOYER_SECRET}",
            "clause_id": clause,
            "session_id": session["id"],
        },
    )
    ir_draft = _request(api, table, "union_negotiator", f"Draft {UNION_SECRET}")
    _request(api, table, "employer_negotiator", f"Draft {EMPLOYER_SECRET}")
    sent = _send(api, _request(api, table, "union_negotiator", "Caseload data by program"))
    open_item, answered_item = sent["items"]
    answered = api.post(
        f"/information-request-items/{answered_item['id']}/answers",
        {"text": "Part one", "complete": False},
        as_="employer_negotiator",
        headers={"If-Match": _item_etag(answered_item)},
    )
    assert answered.status_code == 200, answered.get_json()
    upload = api.client.post(
        f"/api/v1/proposals/{world.ids['draft_id']}/files",
        data={
            "file": (
                io.BytesIO(f"Exhibit {UNION_SECRET}\n".encode()),
                f"exhibit-{UNION_SECRET}.txt",
                "text/plain",
            )
        },
        content_type="multipart/form-data",
        headers=cast.headers("union_negotiator"),
    )
    attachment = _created(upload)
    world.ids.update(
        session_id=session["id"],
        note_id=caucus["id"],
        minutes_note=minutes["id"],
        ir_draft=ir_draft["id"],
        ir_sent=sent["id"],
        ir_item_id=open_item["id"],
        ir_answer_id=answered.get_json()["answers"][0]["id"],
        attachment_id=attachment["id"],
    )
    world.etags.update(
        session=session["etag"],
        note=minutes["etag"],
        inforequest=ir_draft["etag"],
        inforequest_sent=sent["etag"],
        iritem=_item_etag(open_item),
    )


def _note(api: Any, table: int, as_: str, body: dict[str, Any]) -> dict[str, Any]:
    """Write a note."""
    return _created(api.post(f"/tables/{table}/notes", body, as_=as_))


def _request(api: Any, table: int, as_: str, title: str) -> dict[str, Any]:
    """Draft an information request with two items, due in two weeks."""
    body = {
        "title": title,
        "due_date": (date.today() + timedelta(days=14)).isoformat(),
        "items": [{"description": "Caseload by program"}, {"description": "Vacancies by program"}],
    }
    return _created(api.post(f"/tables/{table}/information-requests", body, as_=as_))


def _send(api: Any, draft: dict[str, Any]) -> dict[str, Any]:
    """Send a request."""
    response = api.post(
        f"/information-requests/{draft['id']}/send",
        {},
        as_="union_negotiator",
        headers={"If-Match": draft["etag"]},
    )
    assert response.status_code == 200, response.get_json()
    return {**response.get_json(), "etag": response.headers["ETag"]}


def _item_etag(item: dict[str, Any]) -> str:
    """An item's ETag from its version."""
    return f'"iritem-{item["id"]}-v{item["version"]}"'
