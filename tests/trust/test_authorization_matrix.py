"""Every operation in the OpenAPI document, called by every kind of caller, answers as the matrix says."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select

from bargaining.app import create_app
from bargaining.models import AuditEvent
from tests.helpers import Api
from tests.trust.matrix import MATRIX, ROLES, Expect
from tests.trust.world import EMPLOYER_SECRET, UNION_SECRET, UNSHARED_PASSED, World, build_world

DENIALS = {401, 403, 404}


def _operations() -> list[str]:
    spec = create_app({"DATABASE_URL": "sqlite://"}).test_client().get("/api/v1/openapi.json").json
    methods = {"get", "post", "put", "patch", "delete"}
    return sorted(f"{m.upper()} {path}" for path, ops in spec["paths"].items() for m in ops if m in methods)


OPERATIONS = _operations()


def test_every_documented_operation_has_an_expectation():
    assert sorted(set(OPERATIONS) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(OPERATIONS)) == []


def _path(template: str, expect: Expect, world: World) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(world.ids[expect.ids.get(name, name)])

    return re.sub(r"\{(\w+)\}", fill, template)


def _body(expect: Expect, world: World, cast: Any) -> Any:
    if expect.body is None:
        return None
    body = dict(expect.body)
    if "items" in body:
        body["items"] = [{**item, "clause_id": world.ids["free_clause"]} for item in body["items"]]
    if body.get("user_id") == 0:
        body["user_id"] = cast.user_ids["outsider"]
    return body


def _call(
    api: Api, cast: Any, op: str, expect: Expect, world: World, role: str, extra: dict[str, str] | None = None
) -> Any:
    method, template = op.split(" ", 1)
    headers = dict(extra or {})
    if expect.if_match:
        headers["If-Match"] = world.etags[expect.if_match]
    if role == "revoked":
        headers["Authorization"] = f"Bearer {world.extra['revoked']}"
        as_ = None
    else:
        as_ = None if role == "none" else role
    path = _path(template, expect, world).removeprefix("/api/v1") + expect.query
    return api.call(method, path, as_, json=_body(expect, world, cast), headers=headers)


def _world(api: Api, cast: Any) -> World:
    world = build_world(api, cast)
    token = api.post("/me/tokens", {"name": "to revoke"}, as_="employer_negotiator").json
    if_match = {"If-Match": token["etag"]}
    revoked = api.delete(f"/me/tokens/{token['id']}", as_="employer_negotiator", headers=if_match)
    assert revoked.status_code == 200
    world.extra["revoked"] = token["token"]
    return world


def _audit_events(app: Any) -> int:
    with app.extensions["sessionmaker"]() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


@pytest.mark.parametrize("op", OPERATIONS)
def test_operation_answers_each_caller_as_expected(op, app, api, cast):
    expect = MATRIX[op]
    world = _world(api, cast)
    seen: dict[str, int] = {}
    unaudited: list[str] = []
    denied = [r for r in ROLES if expect.statuses[r] in DENIALS]
    allowed = [r for r in ROLES if r not in denied]
    for role in denied:
        before = _audit_events(app)
        seen[role] = _call(api, cast, op, expect, world, role).status_code
        assert _audit_events(app) == before, f"a refused {op} changed the audit trail"
    for index, role in enumerate(allowed):
        if index and not op.startswith("GET "):
            world = _world_on_fresh_table(api, cast)
        before = _audit_events(app)
        response = _call(api, cast, op, expect, world, role)
        seen[role] = response.status_code
        wrote = not op.startswith("GET ") and response.status_code < 300
        if wrote and _audit_events(app) == before:
            unaudited.append(role)
    assert seen == {r: expect.statuses[r] for r in ROLES}
    assert unaudited == [], f"{op} succeeded without an audit event (every change is audited)"


def _world_on_fresh_table(api: Api, cast: Any) -> World:
    """A second world at a new table seating the same people (a write may have used up the first)."""
    table = api.post("/tables", {"title": "Again", "union_name": "U", "employer_name": "E"}, as_="admin").json
    seats = {
        "union_negotiator": ("union", "negotiator"),
        "union_recorder": ("union", "recorder"),
        "union_observer": ("union", "observer"),
        "employer_negotiator": ("employer", "negotiator"),
        "employer_recorder": ("employer", "recorder"),
        "member": (None, "member"),
    }
    for role, (side, seat) in seats.items():
        api.post(
            f"/tables/{table['id']}/memberships",
            {"user_id": cast.user_ids[role], "side": side, "role": seat},
            as_="admin",
        )
    cast.table_id = table["id"]
    return _world(api, cast)


SECRETS_HIDDEN_FROM = {
    "admin": [UNION_SECRET, EMPLOYER_SECRET],
    "union_negotiator": [EMPLOYER_SECRET],
    "union_recorder": [EMPLOYER_SECRET],
    "union_observer": [EMPLOYER_SECRET],
    "employer_negotiator": [UNION_SECRET],
    "member": [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
    "outsider": [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
}


def test_no_read_leaks_another_sides_drafts(api, cast):
    world = _world(api, cast)
    reads = [op for op in OPERATIONS if op.startswith("GET ")]
    leaks = []
    for op in reads:
        expect = MATRIX[op]
        for role, secrets in SECRETS_HIDDEN_FROM.items():
            for proposal in ("draft_id", "passed_id"):
                variant = Expect(
                    expect.statuses, ids={**expect.ids, "proposal_id": proposal}, query=expect.query
                )
                body = _call(api, cast, op, variant, world, role).get_data(as_text=True)
                leaks += [f"{op} as {role}: {secret}" for secret in secrets if secret in body]
    assert leaks == []
