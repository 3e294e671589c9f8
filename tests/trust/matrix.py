"""The expected answer of every operation for every caller: the authorization matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ROLES = [
    "admin",
    "union_negotiator",
    "union_recorder",
    "union_observer",
    "employer_negotiator",
    "member",
    "outsider",
    "none",
    "revoked",
]
AT_TABLE = ["admin", "union_negotiator", "union_recorder", "union_observer", "employer_negotiator", "member"]


@dataclass
class Expect:
    """One operation: its ids, body and If-Match, and the status each role gets."""

    statuses: dict[str, int]
    ids: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    if_match: str | None = None
    query: str = ""


def expect(default: int, outsider: int = 404, **roles: int) -> dict[str, int]:
    """Statuses for every role: `default` for the at-table roles unless overridden; no token gets 401."""
    statuses = dict.fromkeys(AT_TABLE, default)
    statuses.update(outsider=outsider, none=401, revoked=401)
    statuses.update(roles)
    return statuses


def denied_but(
    allowed: dict[str, int], *, member: int = 403, party: int = 403, outsider: int = 404
) -> dict[str, int]:
    """Everyone at the table is refused (403) except the roles given."""
    statuses = expect(party, outsider=outsider, member=member)
    statuses.update(allowed)
    return statuses


WRITERS = ("admin", "union_negotiator", "union_recorder", "employer_negotiator")
PROPOSAL = {"title": "P", "items": [{"action": "status_quo", "clause_id": 0}]}

MATRIX: dict[str, Expect] = {
    "GET /api/v1/health": Expect(dict.fromkeys(ROLES, 200)),
    "GET /api/v1/me": Expect(expect(200, outsider=200)),
    "GET /api/v1/me/tokens": Expect(expect(200, outsider=200)),
    "POST /api/v1/me/tokens": Expect(expect(201, outsider=201), body={"name": "n"}),
    "DELETE /api/v1/me/tokens/{token_id}": Expect(expect(404, admin=200, union_negotiator=200)),
    "GET /api/v1/users": Expect(expect(403, outsider=403, admin=200)),
    "POST /api/v1/users": Expect(
        expect(403, outsider=403, admin=201), body={"email": "x@e.org", "name": "X"}
    ),
    "POST /api/v1/users/{user_id}/tokens": Expect(expect(403, outsider=403, admin=201), body={}),
    "GET /api/v1/tables": Expect(expect(200, outsider=200)),
    "POST /api/v1/tables": Expect(
        expect(403, outsider=403, admin=201), body={"title": "T", "union_name": "U", "employer_name": "E"}
    ),
    "GET /api/v1/tables/{table_id}": Expect(expect(200)),
    "PATCH /api/v1/tables/{table_id}": Expect(
        denied_but({"admin": 200, "union_negotiator": 200, "employer_negotiator": 200}),
        body={"title": "Renamed"},
        if_match="table",
    ),
    "GET /api/v1/tables/{table_id}/memberships": Expect(expect(200, member=403)),
    "POST /api/v1/tables/{table_id}/memberships": Expect(
        denied_but({"admin": 201}), body={"user_id": 0, "role": "member"}
    ),
    "DELETE /api/v1/tables/{table_id}/memberships/{membership_id}": Expect(denied_but({"admin": 204})),
    "GET /api/v1/tables/{table_id}/articles": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/articles": Expect(
        denied_but(dict.fromkeys(WRITERS, 409)), body={"number": "99", "title": "New"}
    ),
    "GET /api/v1/articles/{article_id}": Expect(expect(200)),
    "PATCH /api/v1/articles/{article_id}": Expect(
        denied_but(dict.fromkeys(WRITERS, 200)), body={"title": "Renamed"}, if_match="article"
    ),
    "POST /api/v1/articles/{article_id}/clauses": Expect(
        denied_but(dict.fromkeys(WRITERS, 409)), body={"number": "5.99", "text": "t"}
    ),
    "GET /api/v1/clauses/{clause_id}": Expect(expect(200)),
    "GET /api/v1/clauses/{clause_id}/versions": Expect(expect(200)),
    "POST /api/v1/clauses/{clause_id}/versions": Expect(
        denied_but(dict.fromkeys(WRITERS, 409)), body={"text": "t"}
    ),
    "GET /api/v1/clauses/{clause_id}/versions/{version_id}": Expect(expect(200)),
    "GET /api/v1/clauses/{clause_id}/redline": Expect(expect(200)),
    "GET /api/v1/articles/{article_id}/redline": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/redline": Expect(expect(200)),
    "GET /api/v1/proposals/{proposal_id}/redline": Expect(
        expect(404, union_negotiator=200, union_recorder=200, union_observer=200),
        ids={"proposal_id": "draft_id"},
    ),
    "POST /api/v1/tables/{table_id}/import": Expect(
        denied_but(dict.fromkeys(WRITERS, 409)), body={"text": "Article 1 - X\nSection 1.1 Y\nText."}
    ),
    "GET /api/v1/tables/{table_id}/proposals": Expect(expect(200, member=403)),
    "POST /api/v1/tables/{table_id}/proposals": Expect(
        denied_but({"union_negotiator": 201, "union_recorder": 201, "employer_negotiator": 201}),
        body=PROPOSAL,
    ),
    "GET /api/v1/proposals/{proposal_id}": Expect(
        expect(404, union_negotiator=200, union_recorder=200, union_observer=200),
        ids={"proposal_id": "draft_id"},
    ),
    "PATCH /api/v1/proposals/{proposal_id}": Expect(
        expect(404, union_negotiator=200, union_recorder=200, union_observer=403),
        ids={"proposal_id": "draft_id"},
        body={"title": "Edited"},
        if_match="proposal",
    ),
    "DELETE /api/v1/proposals/{proposal_id}": Expect(
        expect(404, union_negotiator=204, union_recorder=204, union_observer=403),
        ids={"proposal_id": "draft_id"},
        if_match="proposal",
    ),
    "POST /api/v1/proposals/{proposal_id}/pass": Expect(
        expect(404, union_negotiator=200, union_recorder=200, union_observer=403),
        ids={"proposal_id": "draft_id"},
        body={},
        if_match="proposal",
    ),
    "POST /api/v1/proposals/{proposal_id}/withdraw": Expect(
        denied_but({"union_negotiator": 200, "union_recorder": 200}, member=404),
        ids={"proposal_id": "passed_id"},
    ),
    "POST /api/v1/proposals/{proposal_id}/counter": Expect(
        denied_but({"employer_negotiator": 201, "union_negotiator": 422, "union_recorder": 422}, member=404),
        ids={"proposal_id": "passed_id"},
        body={},
    ),
    "GET /api/v1/tables/{table_id}/tentative-agreements": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/tentative-agreements": Expect(
        denied_but({"union_negotiator": 201, "union_recorder": 422, "employer_negotiator": 201}),
        body={"items": [{"clause_id": 0, "action": "status_quo"}]},
    ),
    "GET /api/v1/tentative-agreements/{ta_id}": Expect(expect(200, member=404), ids={"ta_id": "pending_ta"}),
    "PATCH /api/v1/tentative-agreements/{ta_id}": Expect(
        denied_but({"union_negotiator": 200, "employer_negotiator": 200}, member=404),
        ids={"ta_id": "pending_ta"},
        body={"summary": "Plain words."},
        if_match="ta",
    ),
    "POST /api/v1/tentative-agreements/{ta_id}/sign": Expect(
        denied_but({"employer_negotiator": 200, "union_negotiator": 409, "union_recorder": 422}, member=404),
        ids={"ta_id": "pending_ta"},
        body={},
    ),
    "POST /api/v1/tentative-agreements/{ta_id}/reject": Expect(
        denied_but({"employer_negotiator": 200, "union_negotiator": 200}, member=404),
        ids={"ta_id": "pending_ta"},
    ),
    "POST /api/v1/tentative-agreements/{ta_id}/reopen-request": Expect(
        denied_but({"employer_negotiator": 200, "union_negotiator": 200}),
        ids={"ta_id": "signed_ta"},
        body={"reason": "Typo"},
    ),
    "POST /api/v1/tentative-agreements/{ta_id}/reopen-consent": Expect(
        denied_but({"employer_negotiator": 409, "union_negotiator": 409}), ids={"ta_id": "signed_ta"}
    ),
    "GET /api/v1/tables/{table_id}/status": Expect(expect(200)),
    "GET /api/v1/clauses/{clause_id}/status": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/ta-summary": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/audit": Expect(expect(200, member=403)),
    "GET /api/v1/tables/{table_id}/contract": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/contract/verify": Expect(expect(200)),
    "GET /api/v1/tables/{table_id}/ratification": Expect(expect(200)),
    "POST /api/v1/tables/{table_id}/ratification/send": Expect(
        denied_but({"union_negotiator": 409, "employer_negotiator": 409})),
    "POST /api/v1/tables/{table_id}/ratification/vote": Expect(
        denied_but({"union_negotiator": 409, "employer_negotiator": 409}),
        body={"vote_date": "2026-01-01", "yes": 1, "no": 0}),
}


def _merge_parts() -> None:
    """Add every capability's part of the matrix (tests/trust/parts/)."""
    from tests.trust import parts

    for module in parts.modules():
        MATRIX.update(getattr(module, "MATRIX", {}))


_merge_parts()
