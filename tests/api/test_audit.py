"""The audit trail: who sees which events, filters, pagination, newest first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import insert

from bargaining.models import AuditEvent

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
SCOPES = (None, "union", "employer", "admin")


@pytest.fixture
def trail(app, cast):
    """Fresh table events: one of each visibility per hour, by the union negotiator (ids in order)."""
    session = app.extensions["sessionmaker"]()
    rows = [
        {
            "table_id": cast.table_id,
            "actor_id": cast.user_ids["union_negotiator"] if i % 2 else None,
            "at": T0 + timedelta(hours=i),
            "action": ["proposal.passed", "proposal.drafted", "ta.offered", "token.created"][i % 4],
            "object_type": ["Proposal", "Proposal", "TentativeAgreement", "ApiToken"][i % 4],
            "object_id": 100 + i,
            "before_id": i if i % 3 == 0 else None,
            "after_id": i + 1,
            "visible_to": SCOPES[i % 4],
            "detail": {"n": i},
        }
        for i in range(12)
    ]
    rows.append({**rows[0], "table_id": cast.other_table_id, "action": "elsewhere", "at": T0})
    session.execute(insert(AuditEvent), rows)
    session.commit()
    session.close()
    return rows


def events(api, cast, as_="union_negotiator", query="", table_id=None):
    """All events on one page, as a role."""
    table = cast.table_id if table_id is None else table_id
    response = api.get(f"/tables/{table}/audit?page_size=100{query}", as_=as_)
    assert response.status_code == 200, response.json
    return response.json


def seeded(body):
    """Only the events the fixture wrote (not those building the cast)."""
    return [e for e in body if e["detail"].get("n") is not None]


@pytest.mark.parametrize(
    ("who", "scopes"),
    [
        ("union_negotiator", {None, "union"}),
        ("union_recorder", {None, "union"}),
        ("union_observer", {None, "union"}),
        ("employer_negotiator", {None, "employer"}),
        ("employer_recorder", {None, "employer"}),
        ("admin", {None, "admin"}),
    ],
)
def test_each_role_sees_the_whole_table_and_its_own_scope(api, cast, trail, who, scopes):
    body = seeded(events(api, cast, as_=who))
    expected = [r["detail"]["n"] for r in reversed(trail[:12]) if r["visible_to"] in scopes]
    assert [e["detail"]["n"] for e in body] == expected


def test_members_are_refused_and_outsiders_do_not_see_the_table(api, cast, trail):
    member = api.get(f"/tables/{cast.table_id}/audit", as_="member")
    assert member.status_code == 403 and member.json["error"]["code"] == "forbidden"
    outsider = api.get(f"/tables/{cast.table_id}/audit", as_="outsider")
    assert outsider.status_code == 404 and outsider.json["error"]["code"] == "table_not_found"
    assert api.get(f"/tables/{cast.table_id}/audit", as_=None).status_code == 401
    assert api.get("/tables/999999/audit", as_="admin").status_code == 404


def test_fields_and_actor_names(api, cast, trail):
    body = seeded(events(api, cast))
    newest = body[0]
    assert newest == {
        "id": newest["id"],
        "at": (T0 + timedelta(hours=9)).isoformat(),
        "actor_id": cast.user_ids["union_negotiator"],
        "actor_name": "union negotiator",
        "action": "proposal.drafted",
        "object_type": "Proposal",
        "object_id": 109,
        "before_id": 9,
        "after_id": 10,
        "detail": {"n": 9},
    }
    system = next(e for e in body if e["actor_id"] is None)
    assert system["actor_name"] is None


def test_newest_first_and_only_this_table(api, cast, trail):
    body = events(api, cast, as_="admin")
    ids = [e["id"] for e in body]
    assert ids == sorted(ids, reverse=True)
    assert "elsewhere" not in {e["action"] for e in body}
    assert {e["action"] for e in body} >= {"table.created", "membership.granted"}


def test_action_filters_exact_and_prefix(api, cast, trail):
    exact = seeded(events(api, cast, query="&action=proposal.passed"))
    assert {e["action"] for e in exact} == {"proposal.passed"} and len(exact) == 3
    prefix = seeded(events(api, cast, query="&action=proposal."))
    assert {e["action"] for e in prefix} == {"proposal.passed", "proposal.drafted"}
    assert events(api, cast, query="&action=proposal") == []
    assert events(api, cast, query="&action=%25.") == []


def test_object_actor_and_time_filters(api, cast, trail):
    tas = seeded(events(api, cast, as_="employer_recorder", query="&object_type=TentativeAgreement"))
    assert [e["detail"]["n"] for e in tas] == [10, 6, 2]
    mine = seeded(events(api, cast, as_="admin", query=f"&actor_id={cast.user_ids['union_negotiator']}"))
    assert [e["detail"]["n"] for e in mine] == [11, 7, 3]  # the admin does not see 'union' events
    since = quote((T0 + timedelta(hours=8)).isoformat())
    until = quote((T0 + timedelta(hours=10)).isoformat())
    window = seeded(events(api, cast, query=f"&since={since}&until={until}"))
    assert [e["detail"]["n"] for e in window] == [9, 8]
    naive = seeded(events(api, cast, query="&since=2025-03-01T17:00:00&until=2025-03-01T19:00:00"))
    assert [e["detail"]["n"] for e in naive] == [9, 8]
    bad = api.get(f"/tables/{cast.table_id}/audit?since=yesterday")
    assert bad.status_code == 422


def test_pagination(api, cast, trail):
    path = f"/tables/{cast.table_id}/audit?action=proposal.&page_size=2"
    first, second, third = (api.get(f"{path}&page={n}") for n in (1, 2, 3))
    assert first.status_code == second.status_code == third.status_code == 200
    pages = [r.json for r in (first, second, third)]
    assert [len(p) for p in pages] == [2, 2, 2]
    ids = [e["id"] for p in pages for e in p]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 6
    header = first.headers["X-Pagination"]
    assert '"total": 6' in header and '"total_pages": 3' in header
