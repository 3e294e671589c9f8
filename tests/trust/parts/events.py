"""The authorization matrix's part for events: feed and stream, webhooks, preferences, rosters.

The world gets a union webhook with a delivery of the union's private draft (whose title carries
UNION_SECRET), and a union roster whose personal data carries UNION_SECRET too: the leak scan reads
every route here as every role (the stream with ?once=true, so it ends).
"""

from __future__ import annotations

from typing import Any

from tests.trust.matrix import Expect, denied_but, expect
from tests.trust.world import UNION_SECRET, World

HOOK = {"url": "http://127.0.0.1:9/hook", "kinds": ["*"]}
SIDES = {"admin": 201, "union_negotiator": 201, "employer_negotiator": 201}

MATRIX: dict[str, Expect] = {
    "GET /api/v1/tables/{table_id}/events": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/events/stream": Expect(expect(200), query="?once=true"),
    "GET /api/v1/tables/{table_id}/webhooks": Expect(
        denied_but({"admin": 200, "union_negotiator": 200, "employer_negotiator": 200})
    ),
    "POST /api/v1/tables/{table_id}/webhooks": Expect(denied_but(SIDES), body=HOOK),
    "GET /api/v1/webhooks/{webhook_id}": Expect(expect(404, union_negotiator=200)),
    "PATCH /api/v1/webhooks/{webhook_id}": Expect(
        expect(404, union_negotiator=200), body={"kinds": ["proposal."]}, if_match="webhook"
    ),
    "DELETE /api/v1/webhooks/{webhook_id}": Expect(expect(404, union_negotiator=200), if_match="webhook"),
    "GET /api/v1/webhooks/{webhook_id}/deliveries": Expect(expect(404, union_negotiator=200)),
    "POST /api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay": Expect(
        expect(404, union_negotiator=201)
    ),
    "GET /api/v1/me/notification-preferences": Expect(expect(200, outsider=200)),
    "PATCH /api/v1/me/notification-preferences": Expect(
        expect(200, outsider=200), body={"preferences": {"proposal_passed": "daily"}}
    ),
    "GET /api/v1/tables/{table_id}/member-roster": Expect(
        denied_but({"union_negotiator": 200, "employer_negotiator": 200})
    ),
    "POST /api/v1/tables/{table_id}/member-roster": Expect(
        denied_but({"admin": 422, "union_negotiator": 201, "employer_negotiator": 201}),
        body={"csv": "name,email\nZed Example,zed@members.example\n"},
    ),
    "POST /api/v1/tables/{table_id}/member-roster/invitations": Expect(
        denied_but({"admin": 422, "union_negotiator": 201, "employer_negotiator": 201}), body={}
    ),
}


def extend_world(api: Any, cast: Any, world: World, negotiation: Any) -> None:
    """A union webhook with a delivery of a union draft; a union roster with personal data."""
    table = cast.table_id
    hook = api.post(f"/tables/{table}/webhooks", HOOK, as_="union_negotiator")
    assert hook.status_code == 201, hook.json
    world.ids["webhook_id"] = hook.json["id"]
    world.etags["webhook"] = hook.headers["ETag"]
    draft = api.post(
        f"/tables/{table}/proposals",
        {
            "title": f"Webhook draft {UNION_SECRET}",
            "items": [{"action": "status_quo", "clause_id": negotiation.clauses["5.2"]}],
        },
        as_="union_negotiator",
    )
    assert draft.status_code == 201, draft.json
    deliveries = api.get(f"/webhooks/{hook.json['id']}/deliveries", as_="union_negotiator").json
    world.ids["delivery_id"] = deliveries[0]["id"]
    roster = f"name,email,classification\nUna Member,una@members.example,{UNION_SECRET}\n"
    made = api.post(f"/tables/{table}/member-roster", {"csv": roster}, as_="union_negotiator")
    assert made.status_code == 201, made.json
