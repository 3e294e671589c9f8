"""The authorization matrix's part for trust rules: change requests, summary texts, users' audit.

It also states the answers that changed: a table's shared settings and (once bargaining opens) an
article's number and title change directly only by an administrator, and only the union side's
negotiators write the members' TA summary.
"""

from __future__ import annotations

from typing import Any

from tests.trust.matrix import Expect, denied_but, expect

MATRIX: dict[str, Expect] = {
    "GET /api/v1/tables/{table_id}/change-requests": Expect(expect(200, member=403)),
    "POST /api/v1/tables/{table_id}/change-requests": Expect(
        denied_but({"union_negotiator": 201, "employer_negotiator": 201}),
        body={"changes": {"title": "Shared title"}, "reason": "Both sides agree"},
    ),
    "GET /api/v1/change-requests/{change_id}": Expect(expect(200, member=403)),
    "POST /api/v1/change-requests/{change_id}/consent": Expect(
        denied_but({"employer_negotiator": 200, "union_negotiator": 409}), if_match="change"
    ),
    "POST /api/v1/change-requests/{change_id}/decline": Expect(
        denied_but({"employer_negotiator": 200, "union_negotiator": 409}), if_match="change"
    ),
    "POST /api/v1/change-requests/{change_id}/withdraw": Expect(
        denied_but({"union_negotiator": 200}), if_match="change"
    ),
    "GET /api/v1/users/{user_id}/audit": Expect(expect(403, outsider=403, admin=200)),
    "GET /api/v1/tentative-agreements/{ta_id}/summaries": Expect(
        expect(200, member=404), ids={"ta_id": "pending_ta"}
    ),
    "PATCH /api/v1/tables/{table_id}": Expect(
        denied_but({"admin": 200}), body={"title": "Renamed"}, if_match="table"
    ),
    "PATCH /api/v1/articles/{article_id}": Expect(
        denied_but({"admin": 200}), body={"title": "Renamed"}, if_match="article"
    ),
    "PATCH /api/v1/tentative-agreements/{ta_id}": Expect(
        denied_but({"union_negotiator": 200}, member=404),
        ids={"ta_id": "pending_ta"},
        body={"summary": "Plain words."},
        if_match="ta",
    ),
}


def extend_world(api: Any, cast: Any, world: Any, negotiation: Any) -> None:
    """A pending change request the union side proposed (to the table's title)."""
    made = api.post(
        f"/tables/{world.ids['table_id']}/change-requests",
        {"changes": {"title": "Shared title"}, "reason": "Both sides agree"},
        as_="union_negotiator",
    )
    assert made.status_code == 201, made.json
    world.ids["change_id"] = made.json["id"]
    world.etags["change"] = made.headers["ETag"]
