"""Intake routes in the authorization matrix: import (in the main matrix), compare, draft, next term."""

from __future__ import annotations

from typing import Any

from tests.trust.matrix import Expect, denied_but, expect

DOCUMENT = {"text": "ARTICLE 99 - INTAKE\n\nSection 99.1 Scope. The intake article applies.\n"}

MATRIX = {
    "POST /api/v1/tables/{table_id}/intake/compare": Expect(expect(200), body=DOCUMENT),
    "POST /api/v1/tables/{table_id}/intake/proposal": Expect(
        denied_but({"union_negotiator": 201, "union_recorder": 201, "employer_negotiator": 201}),
        body=DOCUMENT,
    ),
    "POST /api/v1/tables/{table_id}/intake/next-term": Expect(denied_but({"admin": 201}), body=DOCUMENT),
    "GET /api/v1/tables/{table_id}/intake/previous-term": Expect(
        expect(404, admin=200), ids={"table_id": "intake_next_term_table"}
    ),
}


def extend_world(api: Any, cast: Any, world: Any, negotiation: Any) -> None:
    """A table started as the next term of the world's table (only administrators sit at it)."""
    made = api.post(f"/tables/{cast.table_id}/intake/next-term", DOCUMENT, as_="admin")
    assert made.status_code == 201, made.json
    world.ids["intake_next_term_table"] = made.json["table_id"]
