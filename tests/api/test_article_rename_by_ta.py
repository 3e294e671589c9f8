"""An article's number and title change by proposal and TA, as its language does."""

from __future__ import annotations

import pytest

from tests.api.negotiation import Negotiation


@pytest.fixture
def talks(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def _first_article(api, table_id):
    """The contract's first article as (number, title)."""
    article = api.get(f"/tables/{table_id}/contract").json["articles"][0]
    return article["number"], article["title"]


def _etag(ta):
    """If-Match for a TA as last read."""
    return {"If-Match": f'"ta-{ta["id"]}-v{ta["version"]}"'}


def test_a_signed_ta_renames_the_article_in_the_tentative_contract(api, talks):
    n = talks
    item = {
        "action": "amend",
        "clause_id": n.clauses["5.1"],
        "text": "Caseloads shall not exceed 60 clients.",
        "article": {"number": "5A", "title": "Caseload Limits"},
    }
    passed = n.propose("union_negotiator", "Caseloads", [item])
    assert passed["items"][0]["new_article_title"] == "Caseload Limits"
    version = passed["items"][0]["version_id"]
    ta = n.offer(
        "union_negotiator", [{"clause_id": n.clauses["5.1"], "action": "amend", "version_id": version}]
    )
    assert _first_article(api, n.table_id) == ("5", "Caseloads")  # pending: not yet agreed
    signed = n.sign("employer_negotiator", ta)
    assert _first_article(api, n.table_id) == ("5A", "Caseload Limits")
    assert api.get(f"/articles/{n.articles['5']}").json["title"] == "Caseloads"  # the base is kept
    asked = api.post(
        f"/tentative-agreements/{ta['id']}/reopen-request", {"reason": "Title"}, headers=_etag(signed)
    )
    assert asked.status_code == 200
    reopened = api.post(
        f"/tentative-agreements/{ta['id']}/reopen-consent",
        as_="employer_negotiator",
        headers=_etag(asked.json),
    )
    assert reopened.status_code == 200
    assert _first_article(api, n.table_id) == ("5", "Caseloads")


def test_only_an_amend_item_renames_its_article(api, talks):
    n = talks
    body = {
        "title": "Keep",
        "items": [{"action": "status_quo", "clause_id": n.clauses["5.2"], "article": {"title": "X"}}],
    }
    refused = api.post(f"/tables/{n.table_id}/proposals", body)
    assert refused.status_code == 422 and "items.0.article" in refused.json["error"]["fields"]
    empty = {
        "title": "E",
        "items": [{"action": "amend", "clause_id": n.clauses["5.2"], "text": "t", "article": {}}],
    }
    assert api.post(f"/tables/{n.table_id}/proposals", empty).status_code == 422


def test_same_language_under_another_article_title_is_not_ready_to_ta(api, talks):
    n = talks
    same = "A full-time clinician's active caseload shall not exceed 65 clients."
    renamed = {
        "action": "amend",
        "clause_id": n.clauses["5.1"],
        "text": same,
        "article": {"title": "Workload"},
    }
    n.propose("union_negotiator", "Title", [renamed])
    assert n.clause("5.1")["ready_to_ta"] is False  # the employer stands on the current title
    n.propose("employer_negotiator", "Same words", [{k: v for k, v in renamed.items() if k != "article"}])
    assert n.clause("5.1")["ready_to_ta"] is False  # same words, not the same title
    n.propose("employer_negotiator", "Agreed title", [renamed])
    assert n.clause("5.1")["ready_to_ta"] is True
