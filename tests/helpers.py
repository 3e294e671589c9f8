"""Test helpers: a cast of users with tokens, and a small JSON client."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from bargaining.services import tables, users

# The real published contracts beside the project (../shared/realdata), wherever it is checked out.
REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"

ROLES = {
    "admin": (None, None),
    "union_negotiator": ("union", "negotiator"),
    "union_recorder": ("union", "recorder"),
    "union_observer": ("union", "observer"),
    "employer_negotiator": ("employer", "negotiator"),
    "employer_recorder": ("employer", "recorder"),
    "member": (None, "member"),
    "outsider": (None, None),
}


@dataclass
class Cast:
    """People at one table, by role name, with their tokens and user ids."""

    table_id: int
    tokens: dict[str, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    other_table_id: int = 0

    def headers(self, role: str | None, **extra: str) -> dict[str, str]:
        """Authorization header for a role (None: no token)."""
        out = dict(extra)
        if role is not None:
            out["Authorization"] = f"Bearer {self.tokens[role]}"
        return out


def build_cast(app: Flask) -> Cast:
    """Create the users, a table seating them, and a second table for the outsider."""
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        people = {
            role: users.create_user(
                session,
                None,
                email=f"{role}@test.example",
                name=role.replace("_", " "),
                is_admin=role == "admin",
            )
            for role in ROLES
        }
        admin = people["admin"]
        table = tables.create_table(
            session,
            admin,
            {"title": "Test table", "union_name": "Clinicians United", "employer_name": "Group Practice"},
        )
        other = tables.create_table(
            session, admin, {"title": "Other table", "union_name": "U2", "employer_name": "E2"}
        )
        for role, (side, seat) in ROLES.items():
            if seat is not None:
                tables.grant(
                    session, admin, table.id, {"user_id": people[role].id, "side": side, "role": seat}
                )
        tables.grant(
            session,
            admin,
            other.id,
            {"user_id": people["outsider"].id, "side": "union", "role": "negotiator"},
        )
        cast = Cast(table_id=table.id, other_table_id=other.id)
        for role, user in people.items():
            cast.tokens[role] = users.issue_token(session, user, "test")[1]
            cast.user_ids[role] = user.id
        session.commit()
        session.close()
    return cast


class Api:
    """A JSON client bound to a cast: api.get(path, as_=role)."""

    def __init__(self, client: FlaskClient, cast: Cast) -> None:
        self.client = client
        self.cast = cast

    def call(
        self,
        method: str,
        path: str,
        as_: str | None = "union_negotiator",
        json: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """Make a request as a role; return the response."""
        h = self.cast.headers(as_, **(headers or {}))
        return self.client.open(f"/api/v1{path}", method=method, json=json, headers=h)

    def if_match(self, path: str, as_: str | None = "union_negotiator") -> dict[str, str]:
        """An If-Match header with the ETag of the object at `path`, as the role reads it now."""
        response = self.get(path, as_=as_)
        assert response.status_code == 200, response.json
        return {"If-Match": response.headers["ETag"]}

    def get(self, path: str, as_: str | None = "union_negotiator", **kw: Any) -> Any:
        """GET."""
        return self.call("GET", path, as_, **kw)

    def post(self, path: str, json: Any = None, as_: str | None = "union_negotiator", **kw: Any) -> Any:
        """POST."""
        return self.call("POST", path, as_, json=json, **kw)

    def patch(self, path: str, json: Any = None, as_: str | None = "union_negotiator", **kw: Any) -> Any:
        """PATCH."""
        return self.call("PATCH", path, as_, json=json, **kw)

    def delete(self, path: str, as_: str | None = "union_negotiator", **kw: Any) -> Any:
        """DELETE."""
        return self.call("DELETE", path, as_, **kw)
