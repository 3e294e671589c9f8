"""A small negotiation with something of everything, built through the API for the authorization matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.api.negotiation import Negotiation

UNION_SECRET = "UNION-SECRET-7f3a"
EMPLOYER_SECRET = "EMPLOYER-SECRET-9c2b"
UNSHARED_PASSED = "PASSED-NOT-SHARED-41d0"


@dataclass
class World:
    """Ids by path-parameter name, plus the ETags writes need."""

    ids: dict[str, int] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def build_world(api: Any, cast: Any) -> World:
    """Base contract, a passed proposal each side, a draft each side, a pending and a signed TA."""
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    c = n.clauses
    text = f"Caseloads shall not exceed 50 clients. {UNSHARED_PASSED}"
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "U-1",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": text},
                {"action": "delete", "clause_id": c["6.1"]},
            ],
        ),
    )
    e1 = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "E-1",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": text},
                {"action": "delete", "clause_id": c["6.1"]},
            ],
        ),
    )
    signed = n.offer("union_negotiator", [{"clause_id": c["6.1"], "action": "delete"}])
    n.sign("employer_negotiator", signed)
    pending = n.offer(
        "union_negotiator",
        [{"clause_id": c["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]}],
    )
    union_draft = n.draft(
        "union_negotiator",
        f"Draft {UNION_SECRET}",
        [{"action": "amend", "clause_id": c["5.2"], "text": f"Secret {UNION_SECRET}"}],
    )
    n.draft(
        "employer_negotiator",
        f"Draft {EMPLOYER_SECRET}",
        [{"action": "amend", "clause_id": c["5.3"], "text": f"Secret {EMPLOYER_SECRET}"}],
    )
    spare = api.post("/me/tokens", {"name": "spare"}).json
    seats = api.get(f"/tables/{cast.table_id}/memberships?page_size=100", as_="admin").json
    member_seat = next(s for s in seats if s["role"] == "member")
    clause = api.get(f"/clauses/{c['5.1']}").json
    world = World(
        ids={
            "table_id": cast.table_id,
            "article_id": n.articles["5"],
            "clause_id": c["5.1"],
            "version_id": clause["base_version_id"],
            "membership_id": member_seat["id"],
            "token_id": spare["id"],
            "user_id": cast.user_ids["union_recorder"],
            "draft_id": union_draft["id"],
            "passed_id": u1["id"],
            "pending_ta": pending["id"],
            "signed_ta": signed["id"],
            "free_clause": c["5.3"],
        }
    )
    world.etags = {
        "table": api.get(f"/tables/{cast.table_id}").headers["ETag"],
        "article": api.get(f"/articles/{n.articles['5']}").headers["ETag"],
        "proposal": union_draft["etag"],
        "ta": api.get(f"/tentative-agreements/{pending['id']}").headers["ETag"],
    }
    _extend(api, cast, world, n)
    return world


def _extend(api: Any, cast: Any, world: World, negotiation: Negotiation) -> None:
    """Let every capability's part add its objects to the world (tests/trust/parts/)."""
    from tests.trust import parts

    for module in parts.modules():
        extend = getattr(module, "extend_world", None)
        if extend is not None:
            extend(api, cast, world, negotiation)
