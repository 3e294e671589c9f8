"""The state brought forward by the events since the kept one equals a full derivation, every change:
the board of every role, the TA summary of both views and the whole-contract redline."""

from __future__ import annotations

from typing import Any

import pytest

from bargaining.models import Clause
from bargaining.services import audit, ta_summary_layout
from bargaining.services.board_changes import touched_by
from bargaining.services.table_cache import derived
from tests.api.negotiation import Negotiation
from tests.api.test_contract import negotiate_everything
from tests.api.test_query_counts import counting, seed
from tests.api.test_ratification import send, vote
from tests.api.test_ta_summary import share_with_members

ROLES = ("union_negotiator", "employer_negotiator", "member", "admin")


def _boards(api: Any, table_id: int) -> dict[str, Any]:
    out = {}
    for role in ROLES:
        response = api.get(f"/tables/{table_id}/status", as_=role)
        assert response.status_code == 200, response.json
        out[role] = response.json
    return out


def _views(api: Any, table_id: int) -> dict[str, Any]:
    """Every role's board; the summary's full and members' views; the redline base to tentative."""
    out = _boards(api, table_id)
    for name, path in (
        ("summary", f"/tables/{table_id}/ta-summary"),
        ("members' summary", f"/tables/{table_id}/ta-summary?audience=members"),
        ("redline", f"/tables/{table_id}/redline?from=base&to=tentative"),
    ):
        response = api.get(path, as_="union_negotiator")
        assert response.status_code == 200, response.json
        out[name] = {k: v for k, v in response.json.items() if k != "generated_at"}
    return out


def _kept(app: Any) -> derived.DerivedStore:
    """The app's database's kept derived states."""
    return derived.store_for(app.extensions["engine"])


class Checker:
    """After each change: every role's board, brought forward, against a full derivation."""

    def __init__(self, app: Any, api: Any, table_id: int) -> None:
        self.app, self.api, self.table_id = app, api, table_id
        self.checked = 0
        _boards(api, table_id)  # the first read derives in full and keeps the state

    def __call__(self, change: str, *, forward: bool = True) -> None:
        kept = _kept(self.app)
        incremental, full = kept.incremental, kept.full
        brought = _views(self.api, self.table_id)
        assert (kept.incremental, kept.full) == (
            (incremental + 1, full) if forward else (incremental, full + 1)
        )
        kept.clear()
        self.app.extensions["table_cache"].clear()
        ta_summary_layout.forget()
        assert _views(self.api, self.table_id) == brought, change
        self.checked += 1


@pytest.fixture
def check(app, api, cast) -> Checker:
    return Checker(app, api, cast.table_id)


def test_every_kind_of_change_brought_forward_equals_a_full_derivation(api, cast, check):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    check("articles and clauses entered (setup)", forward=False)
    c, a = n.clauses, n.articles
    moved = api.patch(
        f"/articles/{a['6']}", {"position": 1}, as_="admin", headers=api.if_match(f"/articles/{a['6']}")
    )
    assert moved.status_code == 200, moved.json
    check("article moved before the others", forward=False)
    added = api.post(
        f"/articles/{a['5']}/clauses", {"number": "5.0", "heading": "First", "text": "Before."}, as_="admin"
    )
    assert added.status_code == 201, added.json
    check("clause added")
    revised = api.post(f"/clauses/{c['5.2']}/versions", {"text": "Productivity is 26 hours."}, as_="admin")
    assert revised.status_code == 201, revised.json
    check("base language revised")
    share_with_members(api, cast.table_id, True)
    check("table settings (nothing the statuses read)")
    u1 = n.propose(
        "union_negotiator",
        "Caseloads",
        [
            {"action": "amend", "clause_id": c["5.1"], "text": "Caseloads are capped at 50."},
            {"action": "add", "article_id": a["5"], "number": "5.9", "heading": "Review", "text": "Monthly."},
        ],
    )
    check("passed, adding a clause")
    e1 = n.propose(
        "employer_negotiator",
        "Counter",
        [
            {"action": "amend", "clause_id": c["5.1"], "text": "Caseloads are capped at 50."},
            {"action": "delete", "clause_id": c["6.1"]},
        ],
    )
    check("counter passed (ready to TA)")
    ta = n.offer(
        "union_negotiator",
        [{"clause_id": c["5.1"], "action": "amend", "version_id": e1["items"][0]["version_id"]}],
    )
    check("TA offered")
    n.sign("employer_negotiator", ta)
    check("TA signed")
    ta2 = n.offer("employer_negotiator", [{"clause_id": c["6.1"], "action": "delete"}])
    check("second TA offered")
    path = f"/tentative-agreements/{ta2['id']}"
    assert n.act("union_negotiator", f"{path}/reject", path).status_code == 200
    check("TA rejected")
    u2 = n.propose(
        "union_negotiator",
        "Hours",
        [{"action": "amend", "clause_id": c["5.3"], "text": "No-shows do not count."}],
    )
    u2_path = f"/proposals/{u2['id']}"
    assert n.act("union_negotiator", f"{u2_path}/withdraw", u2_path).status_code == 200
    check("proposal withdrawn")
    added_clause = u1["items"][1]["clause_id"]
    assert added_clause in {cl["id"] for art in n.board()["articles"] for cl in art["clauses"]}
    assert check.checked == 12


def test_a_whole_negotiation_then_ratification_brought_forward_equals_a_full_derivation(app, api, cast):
    n = Negotiation(api, cast.table_id)
    n.enter_base()
    check = Checker(app, api, cast.table_id)
    negotiate_everything(n)  # renumbering, a new article, every clause TA'd: many events at once
    check("everything negotiated")
    assert send(api, cast.table_id, "union_negotiator").status_code == 200
    check("sent by one side")
    assert send(api, cast.table_id, "employer_negotiator").status_code == 200
    assert vote(api, cast.table_id, 10, 1).status_code == 200
    check("ratified")


def test_an_unknown_kind_of_event_or_an_article_change_means_a_full_derivation():
    assert touched_by([("proposal.passed", 3), ("contract.renewed", 1)]) is None
    assert touched_by([("proposal.passed", 3), ("article.updated", 2)]) is None
    nothing = touched_by([("note.created", 4), ("table.updated", 1), ("ratification.sent", 1)])
    assert nothing is not None and nothing.is_empty
    touched = touched_by([("proposal.passed", 3), ("ta.signed", 7), ("clause.created", 9)])
    assert touched is not None
    assert touched.params() == {"proposal_ids": [3], "ta_ids": [7], "clause_ids": [9], "article_ids": []}


def _clauses_edited(app: Any, table_id: int, clause_ids: list[int], actor_id: int) -> None:
    """Record base edits of some clauses (the events a board is brought forward by)."""
    with app.extensions["sessionmaker"]() as session:
        for cid in clause_ids:
            audit.record(
                session, actor_id, "clause.base_revised", session.get(Clause, cid), table_id=table_id
            )
        session.commit()


def test_bringing_the_board_forward_takes_constant_statements(app, api, cast):
    counts = []
    for clauses, touched in ((10, 6), (300, 240)):
        table = seed(app, cast, clauses=clauses, touched=touched)
        assert api.get(f"/tables/{table.table_id}/status").status_code == 200
        for cids in (table.clause_ids[-1:], table.clause_ids[:3] + table.clause_ids[-4:]):
            _clauses_edited(app, table.table_id, cids, cast.user_ids["admin"])
            app.extensions["table_cache"].clear()
            incremental = _kept(app).incremental
            with counting(app) as statements:
                assert api.get(f"/tables/{table.table_id}/status").status_code == 200
            assert _kept(app).incremental == incremental + 1
            counts.append(len(statements))
    assert len(set(counts)) == 1 and counts[0] <= 14, counts


def test_a_clause_view_is_made_again_only_when_its_row_or_status_is_new():
    from bargaining.domain.records import ClauseRecord
    from bargaining.domain.status import derive_status
    from bargaining.services.board_views import clause_view
    from bargaining.services.records_loader import ClauseRow
    from schemas.status import board_clause_json

    record = ClauseRecord(990_001, 7, "9.1", True, 5, "h")
    row = ClauseRow(record, "9.1", "Caseloads", 1, 7, True)
    status = derive_status([record], [], [], [])[record.id]
    view = clause_view(row, status, True)
    assert clause_view(row, status, True) is view  # brought forward: the same row and status
    assert board_clause_json(view) is board_clause_json(view)
    derived_again = derive_status([record], [], [], [])[record.id]  # equal, but a new derivation
    again = clause_view(row, derived_again, True)
    assert again is not view and board_clause_json(again) == board_clause_json(view)
    renumbered = ClauseRow(record, "9.2", "Caseloads", 1, 7, True)
    assert board_clause_json(clause_view(renumbered, derived_again, True))["number"] == "9.2"
    assert clause_view(row, status, False).union is None  # positions hidden: a view of its own
