"""The whole-contract redline kept under the table's revision and the caller's seat, like the board."""

from __future__ import annotations

from tests.api.test_query_counts import measured, seed
from tests.api.test_redlines import TEXT_50, build_talks


def test_kept_redline_answers_304_and_moves_when_a_ta_is_signed(api, cast):
    talks = build_talks(api, cast)
    n, c = talks.n, talks.n.clauses
    url = f"/tables/{n.table_id}/redline?from=base&to=tentative"
    first = api.get(url)
    again = api.get(url)
    assert first.status_code == again.status_code == 200
    assert again.headers["ETag"] == first.headers["ETag"] and again.get_data() == first.get_data()
    held = api.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert held.status_code == 304 and held.get_data() == b""

    u1_51 = next(i for i in talks.u1["items"] if i["clause_id"] == c["5.1"])
    item = {"clause_id": c["5.1"], "action": "amend", "version_id": u1_51["version_id"]}
    n.sign("employer_negotiator", n.offer("union_negotiator", [item]))
    moved = api.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert moved.status_code == 200 and moved.headers["ETag"] != first.headers["ETag"]
    changed = {x["old_number"]: x["change"] for x in moved.json["clauses"]}
    assert changed["5.1"] == "changed" and first.json["clauses"][0]["change"] == "unchanged"
    inserted = "".join(op["text"] for op in moved.json["clauses"][0]["ops"] if op["kind"] == "insert")
    assert "50" in inserted and "50" in TEXT_50


def test_a_member_never_gets_a_sides_kept_redline(api, cast):
    talks = build_talks(api, cast)
    url = f"/tables/{talks.n.table_id}/redline?from=base&to=union"
    union = api.get(url)
    assert union.status_code == 200
    stolen = api.get(url, as_="member", headers={"If-None-Match": union.headers["ETag"]})
    assert stolen.status_code == 403 and stolen.json["error"]["code"] == "positions_hidden"
    mine = api.get(f"/tables/{talks.n.table_id}/redline", as_="member")
    assert (
        mine.status_code == 200
        and mine.headers["ETag"] != api.get(f"/tables/{talks.n.table_id}/redline").headers["ETag"]
    )


def test_whole_contract_redline_and_summary_statements_do_not_grow_with_the_table(app, api, cast):
    small = seed(app, cast, clauses=10, touched=6)
    large = seed(app, cast, clauses=300, touched=240)
    for path in ("redline?from=base&to=tentative", "ta-summary", "ta-summary?audience=members"):
        small_count, _ = measured(app, api, f"/tables/{small.table_id}/{path}")
        large_count, body = measured(app, api, f"/tables/{large.table_id}/{path}")
        assert small_count == large_count, (path, small_count, large_count)
        if path.startswith("ta-summary"):
            assert body["ta_worth"]["reason"] == "costing_not_set_up"


def test_the_hand_written_redline_json_is_marshmallows(app, api, cast):
    from bargaining.services.redlines import scopes
    from bargaining.services.table_cache.revision import load_table_revision
    from schemas.redline_json import document_json
    from schemas.redlines import DocumentRedlineOut

    talks = build_talks(api, cast)
    session = app.extensions["sessionmaker"]()
    try:
        for role in ("union_negotiator", "member"):
            actor = _actor(session, cast, role)
            at = load_table_revision(session, actor, talks.n.table_id)
            for refs in (("base", "tentative"), ("tentative", "base"), ("union", "employer")):
                if role == "member" and "union" in refs:
                    continue
                for changes_only in (False, True):
                    redline = scopes.table_redline_at(session, at, *refs, True, changes_only)
                    assert document_json(redline) == DocumentRedlineOut().dump(redline)
            article = scopes.article_redline(
                session, actor, talks.n.articles["5"], "base", "tentative", ignore_whitespace=False
            )
            assert document_json(article) == DocumentRedlineOut().dump(article)
    finally:
        session.close()


def _actor(session, cast, role):
    from bargaining.models import User

    return session.get(User, cast.user_ids[role])
