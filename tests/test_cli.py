"""The command line: users, tokens, the demo, idempotent setup."""

from __future__ import annotations

import json
import stat

from sqlalchemy import func, select

from bargaining.models import ClauseVersion, Proposal


def test_create_user_and_token_then_call_the_api(runner, client):
    made = runner.invoke(args=["create-user", "sam@example.org", "Sam Rivera", "--admin"])
    assert made.exit_code == 0, made.output
    token = runner.invoke(args=["create-token", "sam@example.org"]).output.strip()
    assert token.startswith("bgn_")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json["is_admin"] is True
    again = runner.invoke(args=["create-user", "SAM@example.org", "Sam"])
    assert again.exit_code != 0 and "exists" in again.output


def test_token_for_unknown_user_fails_clearly(runner):
    result = runner.invoke(args=["create-token", "nobody@example.org"])
    assert result.exit_code != 0 and "no user nobody@example.org" in result.output


def test_demo_loads_once_and_keeps_everything_on_a_second_run(app, runner, tmp_path):
    tokens_file = tmp_path / "demo-tokens.json"
    first = runner.invoke(args=["load-demo", "--tokens-file", str(tokens_file)])
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(tokens_file.stat().st_mode) == 0o600
    tokens = json.loads(tokens_file.read_text())
    assert set(tokens) == {"admin", "union_negotiator", "union_recorder", "employer_negotiator", "member"}
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        counts = (
            session.scalar(select(func.count()).select_from(ClauseVersion)),
            session.scalar(select(func.count()).select_from(Proposal)),
        )
        session.close()
    second = runner.invoke(args=["load-demo", "--tokens-file", str(tokens_file)])
    assert second.exit_code == 0 and "already present" in second.output
    assert json.loads(tokens_file.read_text()) == tokens
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        assert (
            session.scalar(select(func.count()).select_from(ClauseVersion)),
            session.scalar(select(func.count()).select_from(Proposal)),
        ) == counts
        session.close()


def test_demo_shows_a_negotiation_in_progress(app, runner, client, tmp_path):
    tokens_file = tmp_path / "t.json"
    runner.invoke(args=["load-demo", "--tokens-file", str(tokens_file)])
    tokens = json.loads(tokens_file.read_text())

    def get(path, role):
        return client.get(f"/api/v1{path}", headers={"Authorization": f"Bearer {tokens[role]}"})

    table_id = get("/tables", "union_negotiator").json[0]["id"]
    board = get(f"/tables/{table_id}/status", "union_negotiator").json
    counts = board["counts"]
    assert counts["tentatively_agreed"] == 4 and counts["ta_pending"] == 1 and counts["open"] >= 4
    assert counts["total"] >= 60
    union = get(f"/tables/{table_id}/proposals", "union_negotiator").json
    employer = get(f"/tables/{table_id}/proposals", "employer_negotiator").json
    assert any(p["state"] == "draft" for p in union)
    assert all(p["state"] != "draft" for p in employer)
    assert any(p["is_package"] for p in employer)
    member_tas = get(f"/tables/{table_id}/tentative-agreements", "member").json
    assert len(member_tas) == 4 and all(t["state"] == "signed" for t in member_tas)
