"""Reads that take their row with the token lookup answer exactly as two statements would."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, func, select

from bargaining import auth
from bargaining.direct import DirectQuery
from bargaining.models import ApiToken, Clause
from bargaining.services.demo import create_demo
from bargaining.services.redlines.scopes import CLAUSE_REDLINES
from bargaining.services.users import create_user, issue_token


def _answers(client, tokens, paths):
    """Status and body of every path for every caller."""
    CLAUSE_REDLINES.clear()
    out = {}
    for role, token in tokens.items():
        for path in paths:
            answer = client.get(path, headers={"Authorization": f"Bearer {token}"})
            out[(role, path)] = (answer.status_code, answer.get_json())
    return out


def test_prefetched_reads_answer_as_separate_statements_would(app, client, monkeypatch):
    with app.extensions["sessionmaker"]() as session:
        early = create_user(session, None, email="early@example.org", name="Early")
        for _ in range(3):
            issue_token(session, early)  # token ids run ahead of user ids from here on
        tokens = create_demo(session)  # drafts, shared and unshared proposals, TAs, a member
        session.commit()
        top = session.scalar(select(func.max(Clause.id)))
    tokens["stranger"] = "bgn_not-a-token"
    ids = range(1, top + 2)  # every clause, and one that does not exist
    tails = ("", "/redline?from=base&to=union", "/status")
    paths = [f"/api/v1/clauses/{i}{tail}" for i in ids for tail in tails]
    assert set(auth._PREFETCHES) == {"clauses.ClauseItem", "redlines.ClauseRedline", "status.ClauseStatus"}
    assert set(auth._PREFETCHES) <= {rule.endpoint for rule in app.url_map.iter_rules()}
    joined = _answers(client, tokens, paths)
    monkeypatch.setattr(auth, "_PREFETCHES", {})
    separate = _answers(client, tokens, paths)
    assert joined == separate
    statuses = {status for status, _ in joined.values()}
    assert {200, 401, 404} <= statuses
    assert any(s == 404 for (role, _), (s, _) in joined.items() if role == "member")  # drafts stay hidden


def test_a_resource_whose_first_column_may_be_null_is_refused():
    nullable = DirectQuery(select(ApiToken.last_used_at).where(ApiToken.id == bindparam("token_id")))
    with pytest.raises(ValueError, match="NOT NULL"):
        auth.prefetch_with_caller("tokens.Nothing", nullable, "token_id")
