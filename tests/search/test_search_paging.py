"""Search pages and counts: every visible hit exactly once across pages, ties included, the
count of the caller's hits only, on every ranking path (PostgreSQL's RUM index and its fallback)."""

from __future__ import annotations

import json

import pytest

from bargaining.services.search import postgres as pg
from tests.api.negotiation import Negotiation
from tests.search.test_search_api import propose_scattered_words


@pytest.fixture(params=["index", "fallback"])
def n(request, api, cast, monkeypatch):
    """A table with its base; on PostgreSQL, "fallback" ranks as a server without RUM does."""
    if request.param == "fallback":
        monkeypatch.setattr(pg, "rum_schema", lambda session: None)
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def _page(api, cast, q, page, size, as_="union_negotiator"):
    response = api.get(f"/tables/{cast.table_id}/search?q={q}&page={page}&page_size={size}", as_=as_)
    assert response.status_code == 200, response.json
    return response.json, json.loads(response.headers["X-Pagination"])["total"]


def _draft_tied(n, side, word, count):
    """`count` drafts whose texts are the same, so the engine scores them the same."""
    for i in range(count):
        n.draft(
            f"{side}_negotiator",
            f"Draft {i}",
            [{"action": "amend", "clause_id": n.clauses["6.1"], "text": f"The {word} rule applies."}],
        )


def test_pages_of_tied_hits_hold_every_hit_once(api, cast, n):
    _draft_tied(n, "union", "okapi", 7)
    seen, totals = [], set()
    for page in (1, 2, 3, 4):
        hits, total = _page(api, cast, "okapi", page, 3)
        seen += [(h["kind"], h["id"]) for h in hits]
        totals.add(total)
    assert totals == {7}
    assert len(seen) == 7 and len(set(seen)) == 7


def test_the_count_past_a_full_page_is_of_what_the_caller_may_read(api, cast, n):
    _draft_tied(n, "union", "narwhal", 4)
    _draft_tied(n, "employer", "narwhal", 5)
    hits, total = _page(api, cast, "narwhal", 1, 3)
    assert len(hits) == 3 and total == 4  # the union's own drafts, not the employer's
    assert _page(api, cast, "narwhal", 1, 3, as_="employer_negotiator")[1] == 5
    assert _page(api, cast, "narwhal", 1, 3, as_="member") == ([], 0)


def test_a_page_past_the_end_is_empty_and_still_counts(api, cast, n):
    _draft_tied(n, "union", "axolotl", 2)
    assert _page(api, cast, "axolotl", 5, 3) == ([], 2)


def test_a_phrase_hit_ranks_first_on_every_path(api, cast, n):
    propose_scattered_words(n)
    hits, _ = _page(api, cast, "caseload limits&kind=version", 1, 20)
    assert hits[0]["clause"]["number"] == "5.1"
    assert hits[0]["score"] > hits[-1]["score"]


def _statements_of_a_full_page(app, api, cast, q):
    from bargaining.db import statements_run

    with statements_run(app.extensions["engine"]) as statements:
        hits, total = _page(api, cast, q, 1, 2)
    assert len(hits) == 2 and total > 2  # a full page: the count is run, not read off the page
    return len(statements)


def test_a_search_runs_as_many_statements_for_three_hits_as_for_thirty(app, api, cast, n):
    _draft_tied(n, "union", "quagga", 3)
    _draft_tied(n, "union", "dugong", 30)
    assert _statements_of_a_full_page(app, api, cast, "quagga") == _statements_of_a_full_page(
        app, api, cast, "dugong"
    )
