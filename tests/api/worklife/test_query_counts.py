"""The working life's reads run the same number of SQL statements however much there is to read."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

from bargaining.db import statements_run
from tests.api.negotiation import Negotiation


def _grow(api, client, cast, n, session_id: int, count: int) -> int:
    """Add `count` passed proposals, notes, answered requests with files and sessions; return a request id."""
    request_id = 0
    for i in range(count):
        n.propose(
            "union_negotiator",
            f"P{i}",
            [{"action": "amend", "clause_id": n.clauses["5.1"], "text": f"Cap {i}."}],
        )
        note = {"kind": "history", "audience": "table", "body": f"note {i}", "clause_id": n.clauses["5.1"]}
        assert (
            api.post(f"/tables/{cast.table_id}/notes", {**note, "session_id": session_id}).status_code == 201
        )
        body = {
            "title": f"R{i}",
            "due_date": (date.today() + timedelta(days=9)).isoformat(),
            "items": [{"description": "a"}, {"description": "b"}],
            "article_ids": [n.articles["5"]],
        }
        draft = api.post(f"/tables/{cast.table_id}/information-requests", body)
        sent = api.post(
            f"/information-requests/{draft.json['id']}/send", {}, headers={"If-Match": draft.headers["ETag"]}
        )
        for item in sent.json["items"]:
            answered = api.post(
                f"/information-request-items/{item['id']}/answers",
                {"text": "x", "complete": False},
                as_="employer_negotiator",
                headers={"If-Match": f'"iritem-{item["id"]}-v{item["version"]}"'},
            )
            client.post(
                f"/api/v1/information-request-answers/{answered.json['answers'][0]['id']}/files",
                data={"file": (io.BytesIO(f"row,{i}\n".encode()), "r.csv", "text/csv")},
                content_type="multipart/form-data",
                headers=cast.headers("employer_negotiator"),
            )
        start = datetime.now(UTC) + timedelta(days=i + 1)
        span = {
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=1)).isoformat(),
            "attendees": [{"side": "union", "name": f"A{i}"}, {"side": "employer", "name": f"B{i}"}],
        }
        assert api.post(f"/tables/{cast.table_id}/sessions", span).status_code == 201
        request_id = draft.json["id"]
    return request_id


def _counts(app, api, paths: list[str]) -> dict[str, int]:
    out = {}
    for path in paths:
        assert api.get(path).status_code == 200, path
        with statements_run(app.extensions["engine"]) as statements:
            assert api.get(path).status_code == 200
        out[path] = len(statements)
    return out


def test_lists_ledgers_histories_and_chronologies_do_not_grow_with_the_record(app, client, api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    start = datetime.now(UTC) - timedelta(hours=1)
    span = {"starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=6)).isoformat()}
    session_id = api.post(f"/tables/{cast.table_id}/sessions", span).json["id"]
    request_id = _grow(api, client, cast, n, session_id, 1)
    table = f"/tables/{cast.table_id}"
    paths = [
        f"{table}/sessions",
        f"/sessions/{session_id}/ledger",
        f"{table}/notes",
        f"/clauses/{n.clauses['5.1']}/history",
        f"{table}/information-requests",
        f"{table}/information-requests?status=open&article_id={n.articles['5']}",
        f"/information-requests/{request_id}/chronology",
        f"{table}/proposals?session_id={session_id}",
    ]
    small = _counts(app, api, paths)
    _grow(api, client, cast, n, session_id, 4)
    large = _counts(app, api, [*paths, f"/information-requests/{request_id}"])
    assert {p: large[p] for p in paths} == small
