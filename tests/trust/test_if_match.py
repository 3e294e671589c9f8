"""Every action on an existing object in the OpenAPI document is guarded the same way: If-Match.

An action on an existing object is any write (POST, PUT, PATCH, DELETE) on a path naming one, except
a POST that creates something (it documents a 201). Each must document If-Match (required) with its
412 and 428 answers, answer 428 without it, 412 with a stale, a weak or another object's ETag, write
nothing when it refuses, and, with the ETag read, do what the authorization matrix says; an edit
raises the object's version by exactly one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest

from bargaining.app import create_app
from tests.trust.matrix import MATRIX, ROLES
from tests.trust.test_authorization_matrix import _audit_events, _call, _world
from tests.trust.world import World

WRITES = {"post", "put", "patch", "delete"}
DENIALS = {401, 403, 404}
ETAG = re.compile(r'^"([a-z_]+)-(\d+)-v(\d+)"$')
# Writes on a path naming an object that are not actions on it, with the reason. Keep this short.
NOT_ACTIONS: dict[str, str] = {
    "POST /api/v1/tables/{table_id}/intake/compare": "compares an upload with the record; changes nothing",
}


def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = create_app({"DATABASE_URL": "sqlite://"}).test_client().get("/api/v1/openapi.json").json
    return spec


SPEC = _spec()


def _is_action(path: str, method: str, operation: dict[str, Any]) -> bool:
    creates = method == "post" and "201" in operation.get("responses", {})
    return "{" in path and not creates and f"{method.upper()} {path}" not in NOT_ACTIONS


ACTIONS = sorted(
    f"{method.upper()} {path}"
    for path, operations in SPEC["paths"].items()
    for method, operation in operations.items()
    if method in WRITES and _is_action(path, method, operation)
)


def _operation(op: str) -> dict[str, Any]:
    method, path = op.split(" ", 1)
    operation: dict[str, Any] = SPEC["paths"][path][method.lower()]
    return operation


def test_the_guarded_actions_include_every_one_the_issue_names():
    named = [
        "POST /api/v1/tentative-agreements/{ta_id}/sign",
        "POST /api/v1/tentative-agreements/{ta_id}/reject",
        "POST /api/v1/tentative-agreements/{ta_id}/reopen-request",
        "POST /api/v1/tentative-agreements/{ta_id}/reopen-consent",
        "POST /api/v1/proposals/{proposal_id}/withdraw",
        "POST /api/v1/proposals/{proposal_id}/pass",
        "POST /api/v1/tables/{table_id}/ratification/send",
        "POST /api/v1/tables/{table_id}/ratification/vote",
        "DELETE /api/v1/tables/{table_id}/memberships/{membership_id}",
        "DELETE /api/v1/me/tokens/{token_id}",
    ]
    assert sorted(set(named) - set(ACTIONS)) == []


@pytest.mark.parametrize("op", ACTIONS)
def test_the_openapi_document_says_the_action_needs_if_match(op):
    operation = _operation(op)
    headers = [p for p in operation.get("parameters", []) if p.get("in") == "header"]
    assert any(p["name"] == "If-Match" and p.get("required") for p in headers), op
    assert {"412", "428"} <= set(operation["responses"]), op


def _acting_role(op: str) -> str:
    statuses = MATRIX[op].statuses
    return next(role for role in ROLES if statuses[role] not in DENIALS)


def _stale(etag: str) -> str:
    kind, object_id, version = ETAG.match(etag).groups()  # type: ignore[union-attr]
    return f'"{kind}-{object_id}-v{int(version) + 1}"'


def _foreign(etag: str) -> str:
    kind, object_id, version = ETAG.match(etag).groups()  # type: ignore[union-attr]
    return f'"{kind}-{int(object_id) + 1000}-v{version}"'


def _answer(api: Any, cast: Any, op: str, world: World, role: str, if_match: str | None) -> Any:
    expect = MATRIX[op]
    etags = dict(world.etags)
    if if_match is not None:
        etags[expect.if_match or ""] = if_match
    saved, world.etags = world.etags, etags
    try:
        variant = expect if if_match is not None else _without_if_match(expect)
        return _call(api, cast, op, variant, world, role)
    finally:
        world.etags = saved


def _without_if_match(expect: Any) -> Any:
    return replace(expect, if_match=None)


@pytest.mark.parametrize("op", ACTIONS)
def test_the_action_answers_428_without_if_match_and_412_with_a_stale_one(op, app, api, cast):
    expect = MATRIX[op]
    assert expect.if_match, f"{op}: give its matrix entry the ETag it acts on (if_match)"
    world = _world(api, cast)
    role = _acting_role(op)
    current = world.etags[expect.if_match]
    refusals = {
        None: (428, "precondition_required"),
        _stale(current): (412, "precondition_failed"),
        f"W/{current}": (412, "precondition_failed"),
        _foreign(current): (412, "precondition_failed"),
    }
    for if_match, (status, code) in refusals.items():
        before = _audit_events(app)
        response = _answer(api, cast, op, world, role, if_match)
        answered = (response.status_code, response.json["error"]["code"])
        assert answered == (status, code), (if_match, response.json)
        assert _audit_events(app) == before, f"{op} with If-Match {if_match} changed the record"
    done = _answer(api, cast, op, world, role, current)
    assert done.status_code == expect.statuses[role], done.get_data(as_text=True)
    _assert_one_version_up(current, done)


def _assert_one_version_up(before: str, response: Any) -> None:
    after = response.headers.get("ETag")
    if response.status_code >= 300 or after is None:
        return
    old, new = ETAG.match(before), ETAG.match(after)
    assert old is not None and new is not None
    if old.group(1, 2) == new.group(1, 2):
        assert int(new.group(3)) == int(old.group(3)) + 1, (before, after)


def test_a_stale_etag_on_reject_is_412_and_the_offer_stays_pending(api, cast):
    world = _world(api, cast)
    path = f"/tentative-agreements/{world.ids['pending_ta']}"
    edited = api.patch(path, {"summary": "Edited."}, headers={"If-Match": world.etags["ta"]})
    assert edited.status_code == 200
    stale = api.post(f"{path}/reject", headers={"If-Match": world.etags["ta"]})
    assert stale.status_code == 412
    assert api.get(path).json["state"] == "pending"
    fresh = api.post(f"{path}/reject", headers={"If-Match": edited.headers["ETag"]})
    assert fresh.status_code == 200 and fresh.json["state"] == "rejected"


def test_a_stale_etag_answers_before_the_actions_own_conflict(api, cast):
    world = _world(api, cast)
    path = f"/tentative-agreements/{world.ids['signed_ta']}"
    stale = _stale(world.etags["signed_ta"])
    consent = api.post(f"{path}/reopen-consent", headers={"If-Match": stale})  # nobody asked: else a 409
    assert consent.status_code == 412


def test_a_stale_etag_on_an_object_you_may_not_see_is_still_a_404(api, cast):
    world = _world(api, cast)
    stale = _stale(world.etags["passed"])
    path = f"/proposals/{world.ids['passed_id']}/withdraw"
    assert api.post(path, as_="outsider", headers={"If-Match": stale}).status_code == 404
