"""Idempotency-Key on every POST: a retry gets the first answer and is not done again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bargaining.models import IdempotentAnswer, Proposal, utcnow
from bargaining.services import idempotency as service
from tests.trust.matrix import MATRIX, ROLES
from tests.trust.test_authorization_matrix import _audit_events, _call, _world
from tests.trust.test_if_match import SPEC

POSTS = sorted(f"POST {path}" for path, operations in SPEC["paths"].items() if "post" in operations)
DENIALS = {401, 403, 404}


def _count(app: Any, model: Any) -> int:
    with app.extensions["sessionmaker"]() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def draft_body(api, cast) -> dict[str, Any]:
    article = api.post(f"/tables/{cast.table_id}/articles", {"number": "5", "title": "C"}, as_="admin").json
    body = {"number": "5.1", "text": "Cap 65."}
    clause = api.post(f"/articles/{article['id']}/clauses", body, as_="admin").json
    return {"title": "Caps", "items": [{"action": "amend", "clause_id": clause["id"], "text": "Cap 50."}]}


def _post(api: Any, path: str, body: Any, key: str, as_: str = "union_negotiator", **headers: str) -> Any:
    return api.post(path, body, as_=as_, headers={"Idempotency-Key": key, **headers})


@pytest.mark.parametrize("op", POSTS)
def test_every_post_documents_the_idempotency_key(op):
    parameters = SPEC["paths"][op.split(" ", 1)[1]]["post"].get("parameters", [])
    assert any(p.get("in") == "header" and p["name"] == "Idempotency-Key" for p in parameters)


def test_a_retry_gets_the_first_answer_and_makes_no_second_copy(app, api, cast, draft_body):
    path = f"/tables/{cast.table_id}/proposals"
    first = _post(api, path, draft_body, "draft-1")
    audit = _audit_events(app)
    again = _post(api, path, dict(reversed(list(draft_body.items()))), "draft-1")  # same JSON, other order
    assert first.status_code == again.status_code == 201
    assert again.get_data() == first.get_data()
    for name in ("ETag", "Location", "Content-Type"):
        assert again.headers.get(name) == first.headers.get(name)
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert _count(app, Proposal) == 1 and _audit_events(app) == audit


def test_the_same_key_with_another_body_is_a_422_and_does_nothing(app, api, cast, draft_body):
    path = f"/tables/{cast.table_id}/proposals"
    assert _post(api, path, draft_body, "k").status_code == 201
    other = _post(api, path, {**draft_body, "title": "Other"}, "k")
    assert other.status_code == 422 and other.json["error"]["code"] == "idempotency_key_reused"
    assert "Idempotency-Key" in other.json["error"]["fields"]
    articles, article = f"/tables/{cast.table_id}/articles", {"number": "9", "title": "N"}
    assert _post(api, articles, article, "k", "admin").status_code == 201  # the admin's own "k"
    assert _post(api, articles, article, "k").status_code == 422
    assert _count(app, Proposal) == 1


def test_a_key_must_be_visible_ascii_of_at_most_255_characters(api, cast, draft_body):
    path = f"/tables/{cast.table_id}/proposals"
    for key in ("x" * 256, "with space", "é"):
        bad = _post(api, path, draft_body, key.encode("utf-8").decode("latin-1"))
        assert bad.status_code == 422 and bad.json["error"]["code"] == "idempotency_key_invalid"
    assert _post(api, path, draft_body, "x" * 255).status_code == 201


def test_a_key_expires_after_the_documented_time(app, api, cast, draft_body):
    path = f"/tables/{cast.table_id}/proposals"
    first = _post(api, path, draft_body, "old")
    with app.extensions["sessionmaker"]() as session:
        aged = utcnow() - service.KEEP_FOR - timedelta(minutes=1)
        session.execute(update(IdempotentAnswer).values(created_at=aged))
        session.commit()
    second = _post(api, path, draft_body, "old")
    assert second.status_code == 201 and second.json["id"] != first.json["id"]
    assert "Idempotent-Replayed" not in second.headers
    assert _post(api, path, draft_body, "old").headers["Idempotent-Replayed"] == "true"


def test_errors_are_not_kept_and_a_retry_runs_again(app, api, cast, draft_body):
    path = f"/tables/{cast.table_id}/proposals"
    refused = _post(api, path, draft_body, "later", as_="member")
    assert refused.status_code == 403
    assert _count(app, IdempotentAnswer) == 0
    api.cast.tokens["member"] = api.cast.tokens["union_negotiator"]  # the same caller, now allowed
    assert _post(api, path, draft_body, "later", as_="member").status_code == 201


def test_a_write_and_its_stored_answer_commit_together(app, api, cast, draft_body, monkeypatch):
    path = f"/tables/{cast.table_id}/proposals"

    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise OperationalError("INSERT INTO idempotency_keys", {}, Exception("connection lost"))

    monkeypatch.setattr(service, "keep", fail)
    lost = _post(api, path, draft_body, "atomic")
    monkeypatch.undo()
    assert lost.status_code == 503 and lost.json["error"]["code"] == "database_unavailable"
    assert _count(app, Proposal) == 0  # no write without its answer
    made = _post(api, path, draft_body, "atomic")
    assert made.status_code == 201 and _count(app, Proposal) == 1


def test_a_retry_after_an_answer_lost_past_the_commit_is_answered(app, api, cast, draft_body, monkeypatch):
    path = f"/tables/{cast.table_id}/proposals"
    real = Session.close

    def close_then_fail(self: Session) -> None:
        real(self)
        raise RuntimeError("the connection died after the commit")

    monkeypatch.setattr(Session, "close", close_then_fail)
    first = _post(api, path, draft_body, "lost")
    monkeypatch.undo()
    retry = _post(api, path, draft_body, "lost")
    assert first.status_code == retry.status_code == 201 and retry.get_data() == first.get_data()
    assert _count(app, Proposal) == 1


def _acting_role(op: str) -> str | None:
    statuses = MATRIX[op].statuses
    return next((role for role in ROLES if statuses[role] < 300), None)


@pytest.mark.parametrize("op", [op for op in POSTS if _acting_role(op)])
def test_every_post_that_succeeds_is_answered_again_not_done_again(op, app, api, cast):
    expect, role = MATRIX[op], _acting_role(op)
    world = _world(api, cast)
    key = {"Idempotency-Key": "retry-" + op.replace(" ", "_")}
    first = _call(api, cast, op, expect, world, role, extra=key)
    assert first.status_code == expect.statuses[role], first.get_data(as_text=True)
    audit = _audit_events(app)
    again = _call(api, cast, op, expect, world, role, extra=key)
    assert (again.status_code, again.get_data()) == (first.status_code, first.get_data())
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert _audit_events(app) == audit, f"a retried {op} was done again"


def test_two_retries_at_the_same_instant_make_one_copy(app, api, cast, draft_body):
    from tests.trust.test_concurrency import _race

    path = f"/tables/{cast.table_id}/proposals"
    for i in range(10):
        call = ("POST", path, "union_negotiator", draft_body, {"Idempotency-Key": f"race-{i}"})
        answers = _race(app, cast, call, call)
        assert [a.status_code for a in answers] == [201, 201], [a.get_data(as_text=True) for a in answers]
        assert answers[0].get_data() == answers[1].get_data()
        assert sorted(a.headers.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
    assert _count(app, Proposal) == 10


def test_a_form_part_without_a_name_is_a_clear_answer_not_a_500(api, cast):
    body = (
        b'--XX\r\nContent-Disposition: form-data\r\n\r\nnull\r\n'
        b'--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nPaper\r\n--XX--\r\n'
    )
    headers = {**cast.headers("union_negotiator"), "Idempotency-Key": "nameless-part"}
    response = api.client.post(
        f"/api/v1/tables/{cast.table_id}/intake/proposal",
        data=body,
        content_type="multipart/form-data; boundary=XX",
        headers=headers,
    )
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:300]
    assert response.json["error"]["code"]
