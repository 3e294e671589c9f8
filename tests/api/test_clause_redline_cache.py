"""Clause redlines are served from a cache keyed on the table's revision: never stale, never shared
across standings, and cheaper on repeats."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from marshmallow import Schema

from bargaining.direct import Driver
from bargaining.models import User
from bargaining.services.redlines.scopes import clause_redline
from schemas.redlines import ClauseRedlineOut
from tests.api.negotiation import Negotiation
from tests.api.test_query_counts import counting
from tests.api.test_redlines import _share


def _amend(clause_id: int, text: str) -> list[dict[str, Any]]:
    return [{"action": "amend", "clause_id": clause_id, "text": text}]


def _new_text(body: dict[str, Any]) -> str:
    return "".join(op["text"] for op in body["ops"] if op["kind"] != "delete")


def _base_text(api: Any, clause_id: int) -> str:
    return str(api.get(f"/clauses/{clause_id}").json["base_text"])


def _talks(api: Any, cast: Any) -> Negotiation:
    talks = Negotiation(api, cast.table_id)
    talks.enter_base()
    return talks


def test_a_repeat_is_served_from_the_cache_with_fewer_statements(app, api, cast):
    talks = _talks(api, cast)
    clause = talks.clauses["5.1"]
    talks.propose("union_negotiator", "U", _amend(clause, "Caseloads: 50."))
    path = f"/clauses/{clause}/redline?from=base&to=union"
    with counting(app) as first_statements:
        first = api.get(path)
    with counting(app) as again_statements:
        again = api.get(path)
    assert first.status_code == again.status_code == 200
    assert again.json == first.json and _new_text(first.json) == "Caseloads: 50."
    assert len(again_statements) < len(first_statements)


def test_a_change_at_the_table_is_seen_at_once(api, cast):
    talks = _talks(api, cast)
    clause = talks.clauses["5.1"]
    path = f"/clauses/{clause}/redline?from=base&to=union"
    assert _new_text(api.get(path).json) == _base_text(api, clause)
    for text in ("Caseloads: 50.", "Caseloads: 45."):
        talks.propose("union_negotiator", "U", _amend(clause, text))
        assert _new_text(api.get(path).json) == text
        assert _new_text(api.get(path, as_="employer_negotiator").json) == text


def test_standings_never_share_a_cached_redline(api, cast):
    talks = _talks(api, cast)
    clause = talks.clauses["5.1"]
    talks.propose("union_negotiator", "U", _amend(clause, "Caseloads: 50."))
    path = f"/clauses/{clause}/redline?from=base&to=union"
    _share(api, cast.table_id, True)
    assert api.get(path, as_="member").status_code == 200  # cached for members of a sharing table
    _share(api, cast.table_id, False)
    assert api.get(path).status_code == 200  # the negotiator's, at the new revision
    refused = api.get(path, as_="member")
    assert refused.status_code == 403 and refused.json["error"]["code"] == "positions_hidden"


def test_a_cached_redline_is_dumped_once_and_a_changed_copy_afresh(app, api, cast):
    talks = _talks(api, cast)
    clause = talks.clauses["5.1"]
    talks.propose("union_negotiator", "U", _amend(clause, "Caseloads: 50."))
    with app.extensions["sessionmaker"]() as session:
        actor = session.get(User, cast.user_ids["union_negotiator"])
        driver = Driver.of(session.connection())
        redline = clause_redline(driver, lambda: session, actor, clause, "base", "union")
        assert clause_redline(driver, lambda: session, actor, clause, "base", "union") is redline
    dumped = ClauseRedlineOut().dump(redline)
    assert ClauseRedlineOut().dump(redline) is dumped
    assert dumped == Schema.dump(ClauseRedlineOut(), redline) and dumped["heading"] == redline.heading
    renamed = replace(redline, heading="Caps renamed")
    assert ClauseRedlineOut().dump(renamed)["heading"] == "Caps renamed"
    assert ClauseRedlineOut().dump(redline) is dumped and dumped["heading"] != "Caps renamed"
    html = api.get(f"/clauses/{clause}/redline?from=base&to=union&format=html")
    assert html.get_data() == redline.memo["document:html"].body
    assert api.get(f"/clauses/{clause}/redline?from=base&to=union&format=html").get_data() == html.get_data()
