"""Full-text search through the API: matching, ranking, snippets, visibility and bad queries."""

from __future__ import annotations

import pytest

from tests.api.negotiation import Negotiation


@pytest.fixture
def n(api, cast):
    negotiation = Negotiation(api, cast.table_id)
    negotiation.enter_base()
    return negotiation


def _search(api, cast, q, as_="union_negotiator", extra=""):
    response = api.get(f"/tables/{cast.table_id}/search?q={q}{extra}", as_=as_)
    assert response.status_code == 200, response.json
    return response.json


def _kinds_titles(hits):
    return [(h["kind"], h["title"]) for h in hits]


def test_a_word_finds_the_clause_text_and_its_title(api, cast, n):
    hits = _search(api, cast, "caseload")
    kinds = {h["kind"] for h in hits}
    assert {"version", "clause", "article"} <= kinds
    version = next(h for h in hits if h["kind"] == "version")
    assert version["clause"]["number"] == "5.1"
    assert version["article"]["number"] == "5"
    assert version["link"] == f"/api/v1/clauses/{n.clauses['5.1']}/versions/{version['version_id']}"


def test_stemming_matches_other_forms_of_a_word(api, cast, n):
    hits = _search(api, cast, "clinicians")
    assert any(h["clause"] and h["clause"]["number"] == "5.1" for h in hits)


def propose_scattered_words(n):
    """A passed proposal with "caseload" and "limits" apart (clause 5.1 has them as a phrase)."""
    n.propose(
        "union_negotiator",
        "Scattered",
        [
            {
                "action": "amend",
                "clause_id": n.clauses["6.1"],
                "text": "Limits on notes apply; the caseload is separate.",
            }
        ],
    )


def test_a_phrase_hit_ranks_above_scattered_words(api, cast, n):
    propose_scattered_words(n)
    hits = [h for h in _search(api, cast, "caseload limits") if h["kind"] == "version"]
    assert hits[0]["clause"]["number"] == "5.1"  # "Caseload Limits" ... is the phrase
    assert {h["clause"]["number"] for h in hits} == {"5.1", "6.1"}


def test_a_quoted_phrase_needs_the_words_in_order(api, cast, n):
    hits = _search(api, cast, '"shall not exceed"')
    assert [h["clause"]["number"] for h in hits if h["kind"] == "version"] == ["5.1"]
    assert _search(api, cast, '"exceed not shall"') == []


def test_prefix_and_exclusion(api, cast, n):
    numbers = {h["clause"]["number"] for h in _search(api, cast, "produc*") if h["clause"]}
    assert "5.2" in numbers
    excluded = {h["clause"]["number"] for h in _search(api, cast, "productivity -client") if h["clause"]}
    assert excluded == {"5.2"}


def test_accents_do_not_matter(api, cast, n):
    n.propose(
        "union_negotiator",
        "Languages",
        [
            {
                "action": "amend",
                "clause_id": n.clauses["6.1"],
                "text": "Clinicians fluent in Español receive a différentiel.",
            }
        ],
    )
    assert any(h["clause"]["number"] == "6.1" for h in _search(api, cast, "espanol") if h["clause"])
    assert any(h["clause"]["number"] == "6.1" for h in _search(api, cast, "DIFFERENTIEL") if h["clause"])


def test_snippets_mark_hits_and_never_cut_inside_a_word(api, cast, n):
    long_text = " ".join(
        ["Unrelated filler words about scheduling."] * 40 + ["The telehealth stipend is paid monthly."]
    )
    n.propose(
        "union_negotiator", "Long", [{"action": "amend", "clause_id": n.clauses["6.1"], "text": long_text}]
    )
    hit = next(h for h in _search(api, cast, "telehealth") if h["kind"] == "version")
    marked = [p["text"] for p in hit["highlights"] if p["hit"]]
    assert [m.lower() for m in marked] == ["telehealth"]
    words = set(long_text.replace(".", " ").split())
    edge_words = [w.strip(".… ") for w in (hit["snippet"].split()[0], hit["snippet"].split()[-1])]
    assert all(w in words or not w for w in edge_words), hit["snippet"]
    assert "<mark>telehealth</mark>" in hit["snippet_html"]


def test_a_hit_deep_in_a_long_text_is_marked_in_a_snippet_of_whole_words(api, cast, n):
    filler = " ".join(f"Paragraph {i} sets out scheduling, posting and overtime rules." for i in range(400))
    long_text = f"{filler} Supervisors review Caseloads quarterly. {filler}"
    n.propose(
        "union_negotiator", "Long", [{"action": "amend", "clause_id": n.clauses["6.1"], "text": long_text}]
    )
    hit = next(
        h for h in _search(api, cast, "caseload", extra="&kind=version&side=union") if h["kind"] == "version"
    )
    assert [p["text"] for p in hit["highlights"] if p["hit"]] == ["Caseloads"]
    words = set(long_text.replace(".", " ").replace(",", " ").split())
    assert {w.strip(".,… ") for w in hit["snippet"].split()} <= words | {""}, hit["snippet"]
    assert len(hit["snippet"]) < 400


def test_a_search_page_is_twenty_hits_unless_asked(api, cast, n):
    for i in range(21):
        n.draft(
            "union_negotiator",
            f"Caseload draft {i}",
            [{"action": "amend", "clause_id": n.clauses["6.1"], "text": f"Caseload {i}."}],
        )
    default = api.get(f"/tables/{cast.table_id}/search?q=caseload")
    assert len(default.json) == 20
    assert len(api.get(f"/tables/{cast.table_id}/search?q=caseload&page_size=100").json) > 20


def test_another_sides_draft_never_matches(api, cast, n):
    n.draft(
        "employer_negotiator",
        "Secret zebra plan",
        [{"action": "amend", "clause_id": n.clauses["5.2"], "text": "Zebra productivity of 40 hours."}],
    )
    assert _search(api, cast, "zebra", as_="union_negotiator") == []
    assert _search(api, cast, "zebra", as_="member") == []
    assert _search(api, cast, "zebra", as_="admin") == []
    own = _search(api, cast, "zebra", as_="employer_negotiator")
    assert [h["kind"] for h in own] == ["proposal"]


def test_members_find_passed_language_only_when_the_table_shares_it(api, cast, n):
    n.propose(
        "union_negotiator",
        "Quokka",
        [{"action": "amend", "clause_id": n.clauses["5.2"], "text": "Quokka standard of 20 hours."}],
    )
    assert _search(api, cast, "quokka", as_="member") == []
    assert {h["kind"] for h in _search(api, cast, "quokka", as_="employer_negotiator")} == {
        "version",
        "proposal",
    }


def test_signed_ta_language_reaches_members(api, cast, n):
    passed = n.propose(
        "union_negotiator",
        "Wombat",
        [{"action": "amend", "clause_id": n.clauses["5.2"], "text": "Wombat standard of 22 hours."}],
    )
    version_id = passed["items"][0]["version_id"]
    ta = n.offer(
        "union_negotiator", [{"clause_id": n.clauses["5.2"], "action": "amend", "version_id": version_id}]
    )
    assert _search(api, cast, "wombat", as_="member") == []
    n.sign("employer_negotiator", ta)
    kinds = {h["kind"] for h in _search(api, cast, "wombat", as_="member")}
    assert kinds == {"version"}


def test_outsiders_cannot_search_a_table_nor_find_it_in_the_library(api, cast, n):
    assert api.get(f"/tables/{cast.table_id}/search?q=caseload", as_="outsider").status_code == 404
    library = api.get("/search?q=caseload", as_="outsider")
    assert library.status_code == 200
    assert library.json == []


def test_the_library_searches_every_table_i_sit_at(api, cast, n):
    other = api.post(
        "/tables", {"title": "County B", "union_name": "U", "employer_name": "E"}, as_="admin"
    ).json
    art = api.post(
        f"/tables/{other['id']}/articles", {"number": "9", "title": "Caseload Standards"}, as_="admin"
    )
    assert art.status_code == 201
    tables = {h["table"]["id"] for h in api.get("/search?q=caseload", as_="admin").json}
    assert tables == {cast.table_id, other["id"]}
    union = {h["table"]["id"] for h in api.get("/search?q=caseload").json}
    assert union == {cast.table_id}
    only = {h["table"]["id"] for h in api.get(f"/search?q=caseload&table_id={other['id']}", as_="admin").json}
    assert only == {other["id"]}


def test_filters_by_kind_side_and_status(api, cast, n):
    n.propose(
        "union_negotiator",
        "Caseload relief",
        [
            {
                "action": "amend",
                "clause_id": n.clauses["5.1"],
                "text": "Caseloads shall not exceed 40 clients.",
            }
        ],
    )
    kinds = {h["kind"] for h in _search(api, cast, "caseload", extra="&kind=proposal")}
    assert kinds == {"proposal"}
    sides = {h["side"] for h in _search(api, cast, "caseload", extra="&kind=version&side=union")}
    assert sides == {"union"}
    statuses = {h["status"] for h in _search(api, cast, "caseload", extra="&kind=version&status=base")}
    assert statuses == {"base"}


def test_results_paginate(api, cast, n):
    first = api.get(f"/tables/{cast.table_id}/search?q=caseload&page_size=1")
    assert first.status_code == 200
    assert len(first.json) == 1
    assert "X-Pagination" in first.headers


@pytest.mark.parametrize("q", ['"unclosed', "-only", "", "***", "x" * 501])
def test_a_bad_query_is_a_clear_422(api, cast, n, q):
    response = api.get(f"/tables/{cast.table_id}/search?q={q}")
    assert response.status_code == 422
    assert "q" in response.json["error"].get("fields", {})


@pytest.mark.parametrize(
    "q", ["AND", "OR NOT", "NEAR(a b)", "a:b", "^x", "{title}: x", "'quote'", "(a", "a)"]
)
def test_engine_syntax_in_a_query_is_taken_as_words_never_a_500(api, cast, n, q):
    response = api.get(f"/tables/{cast.table_id}/search?q={q}")
    assert response.status_code in (200, 422), response.json


QUERIES = ["secret", "caseloads", "passed shared", "draft", "clients", "41d0", "7f3a", "9c2b"]


def test_no_search_leaks_what_the_caller_may_not_read(api, cast):
    from tests.trust.world import EMPLOYER_SECRET, UNION_SECRET, UNSHARED_PASSED, build_world

    build_world(api, cast)
    hidden = {
        "admin": [UNION_SECRET, EMPLOYER_SECRET],
        "union_negotiator": [EMPLOYER_SECRET],
        "union_observer": [EMPLOYER_SECRET],
        "employer_negotiator": [UNION_SECRET],
        "member": [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
        "outsider": [UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED],
    }
    leaks, found = [], set()
    for role, secrets in hidden.items():
        for q in QUERIES:
            for path in (f"/tables/{cast.table_id}/search?q={q}", f"/search?q={q}"):
                body = api.get(path, as_=role).get_data(as_text=True)
                leaks += [f"{path} as {role}: {s}" for s in secrets if s in body]
                found |= {s for s in (UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED) if s in body}
    assert leaks == []
    assert found == {UNION_SECRET, EMPLOYER_SECRET, UNSHARED_PASSED}  # each is findable by someone
