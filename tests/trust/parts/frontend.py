"""Administration (deactivate a user, archive a table) and reading one user: administrators only."""

from __future__ import annotations

from typing import Any

from tests.trust.matrix import Expect, denied_but, expect
from tests.trust.world import World

MATRIX: dict[str, Expect] = {
    "GET /api/v1/users/{user_id}": Expect(expect(403, outsider=403, admin=200)),
    "POST /api/v1/users/{user_id}/deactivate": Expect(expect(403, outsider=403, admin=200), if_match="user"),
    "POST /api/v1/tables/{table_id}/archive": Expect(denied_but({"admin": 200}), if_match="table"),
}


def extend_world(api: Any, cast: Any, world: World, negotiation: Any) -> None:
    """The ETag of the user the world's user routes act on."""
    del cast, negotiation
    world.etags["user"] = api.get(f"/users/{world.ids['user_id']}", as_="admin").headers["ETag"]
