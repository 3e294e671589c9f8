"""Administration (deactivate a user, archive a table) and reading one user: administrators only."""

from __future__ import annotations

from tests.trust.matrix import Expect, denied_but, expect

MATRIX: dict[str, Expect] = {
    "GET /api/v1/users/{user_id}": Expect(expect(403, outsider=403, admin=200)),
    "POST /api/v1/users/{user_id}/deactivate": Expect(expect(403, outsider=403, admin=200)),
    "POST /api/v1/tables/{table_id}/archive": Expect(denied_but({"admin": 200}), if_match="table"),
}
