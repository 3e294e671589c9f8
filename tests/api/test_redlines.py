"""Redlines through the API: clauses between any two refs, proposals, articles, the whole contract."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from bargaining.domain.redlines.contract_diff import DocClause, diff_documents
from bargaining.services.redlines import cache as redline_cache
from bargaining.services.redlines.cache import RedlineCache
from bargaining.services.redlines.documents import diff_cached
from tests.api.negotiation import BASE, Negotiation
from tests.api.test_query_counts import counting, measured, seed

BASE_51 = BASE["5"][1]["5.1"][1]
BASE_53 = BASE["5"][1]["5.3"][1]
TEXT_50 = "A full-time clinician's active caseload shall not exceed 50 clients."
TEXT_60 = "A full-time clinician's active caseload shall not exceed 60 clients."
TEXT_26 = "The direct-service productivity standard is 26 hours per week."
NEW_54 = "A caseload review committee meets monthly."


@dataclass
class Talks:
    """A negotiation: U-1 and the employer's counter E-1 passed, TA-1 signed on 5.2 and 6.1."""

    n: Negotiation
    u1: dict[str, Any]
    e1: dict[str, Any]
    ta: dict[str, Any]

    @property
    def c(self) -> dict[str, int]:
        """Clause ids by number (5.4 is the clause U-1 added)."""
        return {**self.n.clauses, "5.4": self.item(self.u1, None)["clause_id"]}

    def item(self, proposal: dict[str, Any], clause_id: int | None) -> dict[str, Any]:
        """A proposal's item on a clause (None: its added clause)."""
        if clause_id is None:
            return next(i for i in proposal["items"] if i["action"] == "add")
        return next(i for i in proposal["items"] if i["clause_id"] == clause_id)


@pytest.fixture
def talks(api, cast) -> Talks:
    return build_talks(api, cast)


def build_talks(api: Any, cast: Any) -> Talks:
    """U-1 and the employer's counter E-1 passed, TA-1 signed on 5.2 and 6.1."""
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    c = n.clauses
    u1 = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Caseloads",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": TEXT_50},
                {"action": "amend", "clause_id": c["5.2"], "text": TEXT_26},
                {"action": "delete", "clause_id": c["5.3"]},
                {"action": "delete", "clause_id": c["6.1"]},
                {
                    "action": "add",
                    "article_id": n.articles["5"],
                    "number": "5.4",
                    "heading": "Review",
                    "text": NEW_54,
                },
            ],
        ),
    )
    e1 = n.pass_(
        "employer_negotiator",
        n.draft(
            "employer_negotiator",
            "Counter",
            [
                {"action": "amend", "clause_id": c["5.1"], "text": TEXT_60},
                {"action": "amend", "clause_id": c["5.2"], "text": TEXT_26},
                {"action": "status_quo", "clause_id": c["5.3"]},
                {"action": "delete", "clause_id": c["6.1"]},
            ],
            responds_to=[u1["id"]],
        ),
    )
    e1_52 = next(i for i in e1["items"] if i["clause_id"] == c["5.2"])
    ta = n.offer(
        "union_negotiator",
        [
            {"clause_id": c["5.2"], "action": "amend", "version_id": e1_52["version_id"]},
            {"clause_id": c["6.1"], "action": "delete"},
        ],
    )
    ta = n.sign("employer_negotiator", ta)
    return Talks(n, u1, e1, ta)


def _ok(api: Any, path: str, as_: str = "union_negotiator") -> Any:
    response = api.get(path, as_=as_)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def _error(api: Any, path: str, status: int, as_: str = "union_negotiator") -> dict[str, Any]:
    response = api.get(path, as_=as_)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.json["error"]


def _new(ops: list[dict[str, str]]) -> str:
    return "".join(op["text"] for op in ops if op["kind"] != "delete")


def _old(ops: list[dict[str, str]]) -> str:
    return "".join(op.get("old", op["text"]) for op in ops if op["kind"] != "insert")


def _share(api: Any, table_id: int, shared: bool) -> None:
    etag = api.get(f"/tables/{table_id}", as_="admin").headers["ETag"]
    body = {"settings": {"members_see_passed": shared}}
    response = api.patch(f"/tables/{table_id}", body, as_="admin", headers={"If-Match": etag})
    assert response.status_code == 200, response.json


# ------------------------------------------------------------------------------------------ clauses


def test_base_against_a_sides_position_word_by_word(api, talks):
    body = _ok(api, f"/clauses/{talks.c['5.1']}/redline?from=base&to=union")
    assert [(op["kind"], op["text"]) for op in body["ops"] if op["kind"] != "equal"] == [
        ("delete", "65"),
        ("insert", "50"),
    ]
    assert _old(body["ops"]) == BASE_51 and _new(body["ops"]) == TEXT_50
    assert body["summary"] == {"words_inserted": 1, "words_deleted": 1, "changed": True}
    assert body["from"] == {
        "ref": "base",
        "version_id": _ok(api, f"/clauses/{talks.c['5.1']}")["base_version_id"],
        "label": "Current contract",
        "side": None,
        "at": None,
    }
    assert body["to"]["label"] == "Union position U-1" and body["to"]["side"] == "union"
    assert body["to"]["version_id"] == talks.item(talks.u1, talks.c["5.1"])["version_id"]
    assert body["to"]["at"] == talks.u1["passed_at"]
    assert (body["number"], body["article_number"], body["article_title"]) == ("5.1", "5", "Caseloads")
    assert body["table"]["union_name"] == "Clinicians United"


def test_union_against_employer_shows_how_far_apart_we_are(api, talks):
    body = _ok(api, f"/clauses/{talks.c['5.1']}/redline?from=union&to=employer")
    assert _old(body["ops"]) == TEXT_50 and _new(body["ops"]) == TEXT_60
    assert body["to"]["side"] == "employer" and body["to"]["label"] == "Employer position E-1"
    same = _ok(api, f"/clauses/{talks.c['5.2']}/redline?from=union&to=employer")
    assert same["summary"]["changed"] is False


def test_deletion_is_empty_text_and_status_quo_is_the_base(api, talks):
    deleted = _ok(api, f"/clauses/{talks.c['5.3']}/redline?from=base&to=union")
    assert deleted["ops"] == [{"kind": "delete", "text": BASE_53}]
    assert deleted["to"]["version_id"] is None and deleted["to"]["label"] == "Union position U-1 — delete"
    kept = _ok(api, f"/clauses/{talks.c['5.3']}/redline?from=union&to=employer")
    assert kept["ops"] == [{"kind": "insert", "text": BASE_53}]
    assert kept["to"]["label"] == "Employer position E-1 — status quo"
    added = _ok(api, f"/clauses/{talks.c['5.4']}/redline?from=base&to=union")
    assert added["ops"] == [{"kind": "insert", "text": NEW_54}]
    assert added["from"]["label"] == "Current contract (no such clause)"


def test_ta_and_tentative_refs(api, talks):
    agreed = _ok(api, f"/clauses/{talks.c['5.2']}/redline?from=base&to=ta")
    assert _new(agreed["ops"]) == TEXT_26
    assert agreed["to"]["label"] == "TA-1" and agreed["to"]["side"] == "employer"
    assert agreed["to"]["at"] == talks.ta["signed_at"]
    deleted = _ok(api, f"/clauses/{talks.c['6.1']}/redline?to=ta")
    assert [op["kind"] for op in deleted["ops"]] == ["delete"]
    assert deleted["to"]["label"] == "TA-1 — delete" and deleted["to"]["side"] == "union"
    default = _ok(api, f"/clauses/{talks.c['5.1']}/redline")
    assert default["from"]["ref"] == "base" and default["to"]["ref"] == "tentative"
    assert default["summary"]["changed"] is False
    assert default["to"]["label"] == "Tentative contract: current contract"
    error = _error(api, f"/clauses/{talks.c['5.1']}/redline?to=ta", 404)
    assert error["code"] == "no_signed_ta" and error["fields"] == {"to": [error["message"]]}


def test_version_ids_of_this_clause_only(api, talks):
    c = talks.c
    u_version = talks.item(talks.u1, c["5.1"])["version_id"]
    e_version = talks.item(talks.e1, c["5.1"])["version_id"]
    body = _ok(api, f"/clauses/{c['5.1']}/redline?from={u_version}&to={e_version}")
    assert _old(body["ops"]) == TEXT_50 and _new(body["ops"]) == TEXT_60
    assert body["from"] == {
        "ref": str(u_version),
        "version_id": u_version,
        "label": f"Version {u_version} (U-1)",
        "side": "union",
        "at": talks.u1["passed_at"],
    }
    other_clause = talks.item(talks.e1, c["5.2"])["version_id"]
    assert _error(api, f"/clauses/{c['5.1']}/redline?to={other_clause}", 404)["code"] == "version_not_found"
    assert _error(api, f"/clauses/{c['5.1']}/redline?to=2147483648", 404)["code"] == "version_not_found"
    assert _error(api, f"/clauses/{c['5.1']}/redline?to=99999", 404)["code"] == "version_not_found"


def test_bad_refs_and_unknown_clauses(api, talks):
    assert _error(api, f"/clauses/{talks.c['5.1']}/redline?from=draft", 422)["code"] == "validation_error"
    unknown = _error(api, f"/clauses/{talks.c['5.1']}/redline?format=xml", 422)
    assert unknown["code"] == "validation_error"
    assert "json, html, md, text, docx, pdf" in str(unknown["fields"])
    assert _error(api, "/clauses/999999/redline", 404)["code"] == "clause_not_found"
    assert (
        _error(api, f"/clauses/{talks.c['5.1']}/redline", 404, as_="outsider")["code"] == "clause_not_found"
    )
    assert api.get(f"/clauses/{talks.c['5.1']}/redline", as_=None).status_code == 401


def test_rendered_formats(api, talks):
    path = f"/clauses/{talks.c['5.1']}/redline?from=base&to=union&format="
    html = api.get(path + "html")
    assert html.status_code == 200 and html.mimetype == "text/html"
    page = html.get_data(as_text=True)
    assert page.startswith("<!DOCTYPE html>")
    assert (
        "A full-time clinician&#x27;s active caseload shall not exceed <del>65</del><ins>50</ins> clients."
    ) in page
    assert "Current contract" in page and "Union position U-1" in page
    markdown = api.get(path + "md")
    assert markdown.mimetype == "text/markdown" and "~~65~~**50**" in markdown.get_data(as_text=True)
    text = api.get(path + "text")
    assert text.mimetype == "text/plain"
    assert "A full-time clinician's active caseload shall not exceed [-65-]{+50+} clients." in text.get_data(
        as_text=True
    )


def test_rendered_html_escapes_clause_text(api, talks):
    hostile = "Caseloads <script>alert('x')</script> & more."
    n = talks.n
    passed = n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator", "Hostile", [{"action": "amend", "clause_id": talks.c["5.3"], "text": hostile}]
        ),
    )
    assert passed["label"] == "U-2"
    html = api.get(f"/clauses/{talks.c['5.3']}/redline?to=union&format=html").get_data(as_text=True)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; more" in html


def test_members_see_base_ta_and_tentative_only_unless_shared(api, talks, cast):
    c = talks.c
    assert _ok(api, f"/clauses/{c['5.2']}/redline?from=base&to=ta", as_="member")["summary"]["changed"]
    for ref in ("union", "employer"):
        error = _error(api, f"/clauses/{c['5.1']}/redline?from={ref}", 403, as_="member")
        assert error["code"] == "positions_hidden" and "from" in error["fields"]
    unshared = talks.item(talks.u1, c["5.1"])["version_id"]
    agreed = talks.item(talks.e1, c["5.2"])["version_id"]
    base = _ok(api, f"/clauses/{c['5.1']}")["base_version_id"]
    assert _error(api, f"/clauses/{c['5.1']}/redline?to={unshared}", 404, as_="member")["code"] == (
        "version_not_found"
    )
    assert _ok(api, f"/clauses/{c['5.1']}/redline?from={base}&to=base", as_="member")
    assert _ok(api, f"/clauses/{c['5.2']}/redline?to={agreed}", as_="member")
    assert _error(api, f"/clauses/{c['5.4']}/redline", 404, as_="member")["code"] == "clause_not_found"
    assert _ok(api, f"/clauses/{c['5.1']}/redline?from=union", as_="admin")

    _share(api, cast.table_id, True)
    assert _new(_ok(api, f"/clauses/{c['5.1']}/redline?to=union", as_="member")["ops"]) == TEXT_50
    assert _ok(api, f"/clauses/{c['5.1']}/redline?to={unshared}", as_="member")
    assert _ok(api, f"/clauses/{c['5.4']}/redline?to=union", as_="member")


def test_drafts_never_form_a_position_or_a_version(api, talks):
    secret = "Secret union draft language."
    draft = talks.n.draft(
        "union_negotiator", "Private", [{"action": "amend", "clause_id": talks.c["5.3"], "text": secret}]
    )
    for role in ("union_negotiator", "employer_negotiator", "admin"):
        body = api.get(f"/clauses/{talks.c['5.3']}/redline?from=base&to=union", as_=role)
        assert secret not in body.get_data(as_text=True)
    board = _ok(api, f"/tables/{talks.n.table_id}/redline?from=base&to=union", as_="employer_negotiator")
    assert secret not in str(board)
    assert _error(api, f"/proposals/{draft['id']}/redline", 404, as_="employer_negotiator")["code"] == (
        "proposal_not_found"
    )


# ---------------------------------------------------------------------------------------- proposals


def test_proposal_items_against_the_current_contract(api, talks):
    body = _ok(api, f"/proposals/{talks.u1['id']}/redline")
    assert body["proposal"]["label"] == "U-1" and body["proposal"]["side"] == "union"
    assert body["against"] == "auto"
    items = {item["number"]: item for item in body["items"]}
    assert [i["number"] for i in body["items"]] == ["5.1", "5.2", "5.3", "6.1", "5.4"]
    assert _old(items["5.1"]["ops"]) == BASE_51 and _new(items["5.1"]["ops"]) == TEXT_50
    assert items["5.1"]["against"] == {"kind": "base", "proposal_id": None, "label": "Current contract"}
    assert items["5.3"]["ops"] == [{"kind": "delete", "text": BASE_53}] and items["5.3"]["action"] == "delete"
    assert items["5.4"]["ops"] == [{"kind": "insert", "text": NEW_54}]
    assert (items["5.4"]["heading"], items["5.4"]["article_number"]) == ("Review", "5")
    assert body["summary"]["words_inserted"] == sum(i["summary"]["words_inserted"] for i in body["items"])
    error = _error(api, f"/proposals/{talks.u1['id']}/redline?against=answered", 422)
    assert error["code"] == "not_a_counter"


def test_a_counter_against_the_proposal_it_answers(api, talks):
    body = _ok(api, f"/proposals/{talks.e1['id']}/redline")
    items = {item["number"]: item for item in body["items"]}
    answered = {"kind": "answered", "proposal_id": talks.u1["id"], "label": "U-1"}
    assert all(item["against"] == answered for item in body["items"])
    assert _old(items["5.1"]["ops"]) == TEXT_50 and _new(items["5.1"]["ops"]) == TEXT_60
    assert items["5.2"]["summary"]["changed"] is False
    assert items["5.3"]["ops"] == [{"kind": "insert", "text": BASE_53}]
    assert items["6.1"]["ops"] == []
    assert _ok(api, f"/proposals/{talks.e1['id']}/redline?against=answered")["items"] == body["items"]
    forced = _ok(api, f"/proposals/{talks.e1['id']}/redline?against=base")
    first = forced["items"][0]
    assert first["against"]["kind"] == "base" and _old(first["ops"]) == BASE_51


def test_a_draft_is_redlined_for_its_own_side_only(api, talks):
    draft = talks.n.draft(
        "union_negotiator",
        "New article",
        [
            {
                "action": "add",
                "new_article": {"number": "21", "title": "Telehealth"},
                "number": "21.1",
                "heading": "Equipment",
                "text": "The employer provides equipment.",
            }
        ],
    )
    body = _ok(api, f"/proposals/{draft['id']}/redline", as_="union_observer")
    item = body["items"][0]
    assert body["proposal"]["label"] is None and body["proposal"]["passed_at"] is None
    assert item["clause_id"] is None and item["article_id"] is None
    assert (item["article_number"], item["article_title"], item["number"]) == ("21", "Telehealth", "21.1")
    assert item["ops"] == [{"kind": "insert", "text": "The employer provides equipment."}]
    for role in ("employer_negotiator", "member", "outsider"):
        assert api.get(f"/proposals/{draft['id']}/redline", as_=role).status_code == 404


def test_members_read_proposal_redlines_only_when_shared(api, talks, cast):
    assert _error(api, f"/proposals/{talks.u1['id']}/redline", 404, as_="member")["code"] == (
        "proposal_not_found"
    )
    _share(api, cast.table_id, True)
    assert _ok(api, f"/proposals/{talks.u1['id']}/redline", as_="member")["proposal"]["label"] == "U-1"


# -------------------------------------------------------------------------- articles and contracts


def _changes(body: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    return [(c["old_number"], c["new_number"], c["change"]) for c in body["clauses"]]


def test_contract_base_against_tentative(api, talks):
    body = _ok(api, f"/tables/{talks.n.table_id}/redline")
    assert (body["from"]["ref"], body["to"]["ref"]) == ("base", "tentative")
    assert body["article"] is None and body["table"]["title"] == "Test table"
    assert _changes(body) == [
        ("5.1", "5.1", "unchanged"),
        ("5.2", "5.2", "changed"),
        ("5.3", "5.3", "unchanged"),
        ("6.1", None, "deleted"),
    ]
    changed = body["clauses"][1]
    assert _old(changed["ops"]) == BASE["5"][1]["5.2"][1] and _new(changed["ops"]) == TEXT_26
    assert changed["author_side"] == "employer" and changed["authored_at"] == talks.ta["signed_at"]
    assert (changed["article_number"], changed["article_title"]) == ("5", "Caseloads")
    assert body["clauses"][3]["author_side"] == "union"
    assert body["clauses"][0]["author_side"] is None
    assert body["summary"] == {
        "clauses": 4,
        "clauses_unchanged": 2,
        "clauses_changed": 1,
        "clauses_added": 0,
        "clauses_deleted": 1,
        "clauses_moved": 0,
        "clauses_renumbered": 0,
        "words_inserted": 1,
        "words_deleted": 1 + len(BASE["6"][1]["6.1"][1].split()),
    }


def test_contract_base_against_a_side_keeps_article_order(api, talks):
    body = _ok(api, f"/tables/{talks.n.table_id}/redline?from=base&to=union")
    assert _changes(body) == [
        ("5.1", "5.1", "changed"),
        ("5.2", "5.2", "changed"),
        ("5.3", None, "deleted"),
        (None, "5.4", "added"),
        ("6.1", None, "deleted"),
    ]
    assert [c["article_number"] for c in body["clauses"]] == ["5", "5", "5", "5", "6"]
    # 5.2 and 6.1 are TA'd: the agreed text (5.2 written by the employer, 6.1's deletion offered by
    # the union) stands for both positions.
    assert [c["author_side"] for c in body["clauses"]] == ["union", "employer", "union", "union", "union"]
    assert [c["agreed_in"] for c in body["clauses"]] == [None, "TA-1", None, None, "TA-1"]
    assert body["clauses"][3]["ops"] == [{"kind": "insert", "text": NEW_54}]


def test_union_against_employer_document(api, talks):
    body = _ok(api, f"/tables/{talks.n.table_id}/redline?from=union&to=employer")
    assert _changes(body) == [
        ("5.1", "5.1", "changed"),
        ("5.2", "5.2", "unchanged"),
        (None, "5.3", "added"),
        ("5.4", None, "deleted"),
    ]
    assert body["from"]["label"] == "Union position (Clinicians United)"
    assert body["to"]["label"] == "Employer position (Group Practice)"
    assert body["clauses"][0]["authored_at"] == talks.e1["passed_at"]
    assert body["clauses"][3]["authored_at"] is None


def test_article_redline(api, talks):
    body = _ok(api, f"/articles/{talks.n.articles['5']}/redline?from=base&to=union")
    assert body["article"] == {"id": talks.n.articles["5"], "number": "5", "title": "Caseloads"}
    assert [c["new_number"] or c["old_number"] for c in body["clauses"]] == ["5.1", "5.2", "5.3", "5.4"]
    assert _error(api, "/articles/999999/redline", 404)["code"] == "article_not_found"
    assert _error(api, f"/articles/{talks.n.articles['5']}/redline", 404, as_="outsider")["code"] == (
        "article_not_found"
    )
    assert _error(api, f"/articles/{talks.n.articles['5']}/redline?to=ta", 422)["code"] == "validation_error"


def test_renumbered_and_moved_clauses(api, talks):
    n, c = talks.n, talks.c
    base_61 = BASE["6"][1]["6.1"][1]
    n.pass_(
        "union_negotiator",
        n.draft(
            "union_negotiator",
            "Renumber",
            [
                {"action": "amend", "clause_id": c["5.3"], "text": BASE_53, "number": "5.3A"},
                {"action": "add", "article_id": n.articles["5"], "number": "5.5", "text": base_61},
            ],
        ),
    )
    body = _ok(api, f"/tables/{n.table_id}/redline?from=base&to=union")
    assert _changes(body) == [
        ("5.1", "5.1", "changed"),
        ("5.2", "5.2", "changed"),
        ("5.3", "5.3A", "renumbered"),
        (None, "5.4", "added"),
        ("6.1", "5.5", "moved"),
    ]
    moved = body["clauses"][4]
    assert moved["article_number"] == "5" and moved["summary"]["changed"] is False
    assert body["summary"]["clauses_renumbered"] == 1 and body["summary"]["clauses_moved"] == 1


def test_members_document_baselines(api, talks, cast):
    table = talks.n.table_id
    body = _ok(api, f"/tables/{table}/redline?from=base&to=tentative", as_="member")
    assert len(body["clauses"]) == 4
    for ref in ("union", "employer"):
        assert (
            _error(api, f"/tables/{table}/redline?to={ref}", 403, as_="member")["code"] == "positions_hidden"
        )
    _share(api, cast.table_id, True)
    shared = _ok(api, f"/tables/{table}/redline?from=base&to=union", as_="member")
    assert (None, "5.4", "added") in _changes(shared)


def test_empty_table_redline(api, cast):
    body = _ok(api, f"/tables/{cast.table_id}/redline")
    assert body["clauses"] == [] and body["summary"]["clauses"] == 0


# ------------------------------------------------------------------------------------------ caching


def test_a_repeated_redline_costs_no_diff(api, talks, monkeypatch):
    calls: list[tuple[str, str]] = []
    real = redline_cache.blackline

    def counted(old: str, new: str, **kwargs: Any) -> Any:
        calls.append((old, new))
        return real(old, new, **kwargs)

    monkeypatch.setattr(redline_cache, "blackline", counted)
    redline_cache.CACHE.clear()
    paths = [
        f"/tables/{talks.n.table_id}/redline?from=base&to=union",
        f"/articles/{talks.n.articles['5']}/redline?from=union&to=employer",
        f"/clauses/{talks.c['5.1']}/redline?from=union&to=employer",
        f"/proposals/{talks.e1['id']}/redline",
    ]
    first = [_ok(api, path) for path in paths]
    assert calls, "the first round diffs"
    misses = redline_cache.CACHE.stats().misses
    calls.clear()
    assert [_ok(api, path) for path in paths] == first
    assert calls == []
    stats = redline_cache.CACHE.stats()
    assert stats.misses == misses and stats.hits >= len(first)
    plain = _ok(api, f"/clauses/{talks.c['5.1']}/redline?from=union&to=employer&ignore_whitespace=false")
    assert len(calls) == 1 and plain["ignore_whitespace"] is False


def test_cache_is_bounded_and_least_recently_used_goes_first():
    cache = RedlineCache(max_entries=2, max_chars=10_000)
    cache.redline("a", "b")
    cache.redline("c", "d")
    cache.redline("a", "b")
    cache.redline("e", "f")
    assert cache.stats().entries == 2 and cache.stats().hits == 1
    cache.redline("c", "d")
    assert cache.stats().misses == 4
    small = RedlineCache(max_entries=10, max_chars=50)
    small.redline("x" * 40, "y" * 40)
    assert small.stats().entries == 0
    small.redline("one two", "one three")
    assert small.stats().entries == 1 and small.stats().chars <= 50


def test_cached_document_diff_matches_diff_documents():
    old = [
        DocClause("1", "5", "5.1", "A", "Same text here."),
        DocClause("2", "5", "5.2", "B", "Old words in this clause."),
        DocClause("3", "5", "5.3", "C", "Gone for good."),
        DocClause("4", "6", "6.1", "D", "Moves to a new home."),
        DocClause("5", "6", "6.2", "E", "Renumbered only."),
        DocClause("6", "6", "6.3", "F", "Spacing  only."),
    ]
    new = [
        DocClause("2", "5", "5.1", "B", "New words in this clause."),
        DocClause("1", "5", "5.2", "A", "Same text here."),
        DocClause("5", "6", "6.9", "E", "Renumbered only."),
        DocClause("7", "7", "7.1", "G", "Moves to a new home."),
        DocClause("6", "6", "6.3", "F", "Spacing only."),
        DocClause("8", "7", "7.2", "H", "Brand new."),
    ]
    for ignore in (True, False):
        assert diff_cached(old, new, ignore_whitespace=ignore) == diff_documents(
            old, new, ignore_whitespace=ignore
        )


# ------------------------------------------------------------------------------------ query counts


@pytest.mark.parametrize("query", ["from=base&to=tentative", "from=union&to=employer"])
def test_document_redlines_run_constant_queries(app, api, cast, query):
    small = seed(app, cast, clauses=10, touched=6, per_article=3)
    large = seed(app, cast, clauses=200, touched=160, per_article=100)
    small_count, small_body = measured(app, api, f"/tables/{small.table_id}/redline?{query}")
    large_count, large_body = measured(app, api, f"/tables/{large.table_id}/redline?{query}")
    # Union against employer: a clause both sides agreed to delete (a signed TA) is on neither side.
    assert large_body["summary"]["clauses"] >= 180 > small_body["summary"]["clauses"]
    summary = large_body["summary"]
    assert summary["clauses_changed"] + summary["clauses_deleted"] > 15
    assert small_count == large_count and large_count <= 12, large_count
    small_article = _ok(api, f"/tables/{small.table_id}/articles")[0]["id"]
    large_article = _ok(api, f"/tables/{large.table_id}/articles")[0]["id"]
    article_counts = []
    for article in (small_article, large_article):
        with counting(app) as statements:
            _ok(api, f"/articles/{article}/redline?{query}")
        article_counts.append(len(statements))
    assert article_counts[0] == article_counts[1] <= 14, article_counts
