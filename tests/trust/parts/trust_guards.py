"""The ETags the guarded actions of the authorization matrix send (If-Match on every action)."""

from __future__ import annotations

from typing import Any

from tests.trust.world import World


def extend_world(api: Any, cast: Any, world: World, negotiation: Any) -> None:
    """Read the ETag of every object an action in the matrix acts on, as a client would."""
    del negotiation
    ids = world.ids
    world.etags["passed"] = api.get(f"/proposals/{ids['passed_id']}").headers["ETag"]
    world.etags["signed_ta"] = api.get(f"/tentative-agreements/{ids['signed_ta']}").headers["ETag"]
    world.etags["ratification"] = api.get(f"/tables/{cast.table_id}/ratification").headers["ETag"]
    seats = api.get(f"/tables/{cast.table_id}/memberships?page_size=100", as_="admin").json
    world.etags["membership"] = next(s["etag"] for s in seats if s["id"] == ids["membership_id"])
    tokens = api.get("/me/tokens").json
    world.etags["token"] = next(t["etag"] for t in tokens if t["id"] == ids["token_id"])
