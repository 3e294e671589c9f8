"""The status board and clause status: derived from passed proposals and TAs, never from drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bargaining.domain.hashing import DELETED_HASH, content_hash
from bargaining.domain.records import Action, ProposalState, Side, TAState
from bargaining.models import (
    AuditEvent,
    BargainingTable,
    Clause,
    ClauseVersion,
    Proposal,
    ProposalItem,
    TAItem,
    TentativeAgreement,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TAItemSpec = tuple[int, Action, int | None, str]


def iso(moment: datetime) -> str:
    """How the API writes a timestamp."""
    return moment.isoformat()


class Record:
    """Writes proposals, versions and TAs straight into the database, as the services would."""

    def __init__(self, app: Any, table_id: int, author_id: int) -> None:
        self.session = app.extensions["sessionmaker"]()
        self.table_id = table_id
        self.author_id = author_id
        self.minute = 0
        self.numbers = {Side.UNION: 0, Side.EMPLOYER: 0}
        self.ta_number = 0

    def close(self) -> None:
        """Close the session."""
        self.session.close()

    def tick(self) -> datetime:
        """The next minute of the session."""
        self.minute += 1
        return T0 + timedelta(minutes=self.minute)

    def base_hash(self, clause_id: int) -> str:
        """The hash of a clause's base text (DELETED_HASH if it has none)."""
        found = self.session.scalar(
            select(ClauseVersion.content_hash)
            .join(Clause, Clause.base_version_id == ClauseVersion.id)
            .where(Clause.id == clause_id)
        )
        return found or DELETED_HASH

    def proposal(
        self,
        side: str,
        *items: tuple[Any, ...],
        state: ProposalState = ProposalState.PASSED,
        package: bool = False,
    ) -> Proposal:
        """Create a proposal with items (clause_id, action[, text]); passed unless told otherwise."""
        who = Side(side)
        proposal = Proposal(
            table_id=self.table_id,
            side=who,
            state=state,
            title=f"{who.value} proposal",
            is_package=package,
            created_by_id=self.author_id,
        )
        if state is not ProposalState.DRAFT:
            self.numbers[who] += 1
            proposal.number = self.numbers[who]
            proposal.label = f"{'U' if who is Side.UNION else 'E'}-{proposal.number}"
            proposal.passed_at = self.tick()
            proposal.passed_by_id = self.author_id
        if state is ProposalState.WITHDRAWN:
            proposal.withdrawn_at = self.tick()
        self.session.add(proposal)
        self.session.flush()
        for position, (clause_id, action, *text) in enumerate(items):
            version_id, digest = None, None
            if action in (Action.AMEND, Action.ADD) and state is not ProposalState.DRAFT:
                version = self.version(clause_id, text[0], who.value, proposal.id)
                version_id, digest = version.id, version.content_hash
            elif action is Action.DELETE:
                digest = DELETED_HASH
            elif action is Action.STATUS_QUO:
                digest = self.base_hash(clause_id)
            self.session.add(
                ProposalItem(
                    proposal_id=proposal.id,
                    position=position,
                    action=action,
                    clause_id=clause_id,
                    text=text[0] if text else None,
                    version_id=version_id,
                    content_hash=digest,
                )
            )
        self.commit()
        return proposal

    def version(self, clause_id: int, text: str, side: str, proposal_id: int | None) -> ClauseVersion:
        """Append a version of a clause."""
        version = ClauseVersion(
            clause_id=clause_id,
            table_id=self.table_id,
            text=text,
            content_hash=content_hash(text),
            author_side=side,
            proposal_id=proposal_id,
            created_by_id=self.author_id,
        )
        self.session.add(version)
        self.session.flush()
        return version

    def item_of(self, proposal: Proposal, clause_id: int) -> TAItemSpec:
        """The language a proposal's item means for a clause, as a TA item."""
        item = self.session.scalars(
            select(ProposalItem).where(
                ProposalItem.proposal_id == proposal.id, ProposalItem.clause_id == clause_id
            )
        ).one()
        assert item.content_hash is not None
        return (clause_id, item.action, item.version_id, item.content_hash)

    def ta(
        self,
        by: str,
        *items: TAItemSpec,
        state: TAState = TAState.SIGNED,
        package: int | None = None,
    ) -> TentativeAgreement:
        """Create a TA over the given items, offered by a side (signed unless told otherwise)."""
        self.ta_number += 1
        offered_at = self.tick()
        agreement = TentativeAgreement(
            table_id=self.table_id,
            number=self.ta_number,
            label=f"TA-{self.ta_number}",
            state=state,
            package_proposal_id=package,
            agreed_hash=content_hash("|".join(i[3] for i in items)),
            offered_by=Side(by),
            offered_by_id=self.author_id,
            offered_at=offered_at,
        )
        if state is TAState.SIGNED:
            agreement.signed_at = self.tick()
            agreement.countersigned_by_id = self.author_id
        self.session.add(agreement)
        self.session.flush()
        for clause_id, action, version_id, digest in items:
            self.session.add(
                TAItem(
                    ta_id=agreement.id,
                    clause_id=clause_id,
                    action=action,
                    version_id=version_id,
                    content_hash=digest,
                )
            )
        self.commit()
        return agreement

    def commit(self) -> None:
        """Commit with an audit row at the table, as every change through the services writes one."""
        self.session.add(AuditEvent(table_id=self.table_id, action="test.recorded", object_type="Test"))
        self.session.commit()

    def share_with_members(self, shared: bool = True) -> None:
        """Set the table's members_see_passed."""
        table = self.session.get(BargainingTable, self.table_id)
        assert table is not None
        table.members_see_passed = shared
        self.commit()


def build_contract(api: Any, table_id: int, layout: dict[tuple[str, str], list[str]]) -> dict[str, int]:
    """Enter articles and clauses through the API; return clause ids by number."""
    ids: dict[str, int] = {}
    for number, title in layout:
        article = api.post(f"/tables/{table_id}/articles", {"number": number, "title": title}, as_="admin")
        assert article.status_code == 201, article.json
        ids[f"article {number}"] = article.json["id"]
        for clause_number in layout[(number, title)]:
            body = {
                "number": clause_number,
                "heading": f"Heading {clause_number}",
                "text": f"Base {clause_number}.",
            }
            clause = api.post(f"/articles/{article.json['id']}/clauses", body, as_="admin")
            assert clause.status_code == 201, clause.json
            ids[clause_number] = clause.json["id"]
    return ids


LAYOUT = {
    ("1", "Recognition"): ["1.1", "1.2"],
    ("12", "Caseloads"): ["12.1", "12.2", "12.3"],
    ("20", "Term"): ["20.1"],
}


@pytest.fixture
def record(app, cast):
    rec = Record(app, cast.table_id, cast.user_ids["union_negotiator"])
    yield rec
    rec.close()


@pytest.fixture
def history(api, cast, record):
    """A table in the middle of bargaining: one clause in each status, and then some."""
    c = build_contract(api, cast.table_id, LAYOUT)
    u1 = record.proposal(
        "union",
        (c["12.1"], Action.AMEND, "Caps of 55 clients."),
        (c["12.2"], Action.AMEND, "Supervision weekly."),
        (c["20.1"], Action.AMEND, "Term of three years."),
    )
    e1 = record.proposal(
        "employer",
        (c["12.1"], Action.AMEND, "Caps of 70 clients."),
        (c["12.2"], Action.AMEND, "Supervision weekly."),
    )
    u2 = record.proposal("union", (c["12.3"], Action.DELETE), package=True)
    e2 = record.proposal("employer", (c["20.1"], Action.AMEND, "Term of three years."))
    u3 = record.proposal("union", (c["1.2"], Action.AMEND, "Recognition of all clinicians."))
    e3 = record.proposal("employer", (c["1.2"], Action.STATUS_QUO))
    ta1 = record.ta("union", record.item_of(e3, c["1.2"]), state=TAState.PENDING)
    ta2 = record.ta("employer", record.item_of(e2, c["20.1"]))
    u4 = record.proposal("union", (c["1.1"], Action.AMEND, "Withdrawn idea."), state=ProposalState.WITHDRAWN)
    return {
        "c": c,
        "u1": u1,
        "e1": e1,
        "u2": u2,
        "e2": e2,
        "u3": u3,
        "e3": e3,
        "ta1": ta1,
        "ta2": ta2,
        "u4": u4,
    }


def board(api, cast, as_="union_negotiator", **query):
    """GET the board (200) as a role."""
    params = "&".join(f"{k}={v}" for k, v in query.items())
    response = api.get(f"/tables/{cast.table_id}/status{'?' + params if params else ''}", as_=as_)
    assert response.status_code == 200, response.json
    return response.json


def clauses_of(body) -> dict[str, dict]:
    """The board's clauses by number."""
    return {c["number"]: c for a in body["articles"] for c in a["clauses"]}


def position(kind, version_id, digest, proposal=None, at=None, package=False):
    """A position as the API writes it."""
    return {
        "kind": kind,
        "version_id": version_id,
        "content_hash": digest,
        "proposal_id": proposal.id if proposal else None,
        "proposal_label": proposal.label if proposal else None,
        "at": iso(at) if at else None,
        "is_package": package,
    }


def test_board_derives_every_status_with_positions(api, cast, record, history):
    h, c = history, history["c"]
    body = board(api, cast)
    assert body["table_id"] == cast.table_id
    assert body["positions_visible"] is True and body["viewer_side"] == "union"
    assert [a["number"] for a in body["articles"]] == ["1", "12", "20"]
    assert [[x["number"] for x in a["clauses"]] for a in body["articles"]] == [
        ["1.1", "1.2"],
        ["12.1", "12.2", "12.3"],
        ["20.1"],
    ]
    by = clauses_of(body)
    assert {n: x["status"] for n, x in by.items()} == {
        "1.1": "status_quo",
        "1.2": "ta_pending",
        "12.1": "open",
        "12.2": "open",
        "12.3": "open",
        "20.1": "tentatively_agreed",
    }

    untouched = by["1.1"]
    base_11 = record.base_hash(c["1.1"])
    assert untouched["union"] == untouched["employer"]
    assert untouched["union"]["kind"] == "status_quo" and untouched["union"]["content_hash"] == base_11
    assert untouched["last_mover"] is None and untouched["ready_to_ta"] is False
    assert untouched["live_proposal_ids"] == [] and untouched["ta_id"] is None

    apart = by["12.1"]
    u_version = record.item_of(h["u1"], c["12.1"])[2]
    e_version = record.item_of(h["e1"], c["12.1"])[2]
    assert apart["union"] == position(
        "version", u_version, content_hash("Caps of 55 clients."), h["u1"], h["u1"].passed_at
    )
    assert apart["employer"] == position(
        "version", e_version, content_hash("Caps of 70 clients."), h["e1"], h["e1"].passed_at
    )
    assert apart["last_mover"] == "employer"
    assert apart["last_moved_at"] == iso(h["e1"].passed_at)
    assert apart["ready_to_ta"] is False
    assert apart["live_proposal_ids"] == [h["u1"].id, h["e1"].id]

    agreed_in_words = by["12.2"]
    assert agreed_in_words["ready_to_ta"] is True
    assert agreed_in_words["union"]["version_id"] != agreed_in_words["employer"]["version_id"]
    assert agreed_in_words["union"]["content_hash"] == agreed_in_words["employer"]["content_hash"]

    deleted = by["12.3"]
    assert deleted["union"] == position(
        "delete", None, DELETED_HASH, h["u2"], h["u2"].passed_at, package=True
    )
    assert deleted["employer"]["kind"] == "status_quo"
    assert deleted["last_mover"] == "union" and deleted["ready_to_ta"] is False

    pending = by["1.2"]
    assert pending["ta_id"] == h["ta1"].id and pending["ta_label"] == "TA-1"
    assert pending["pending_signature_from"] == "employer"
    assert pending["agreed"] is None and pending["ready_to_ta"] is False

    signed = by["20.1"]
    assert signed["ta_id"] == h["ta2"].id and signed["pending_signature_from"] is None
    e2_version = record.item_of(h["e2"], c["20.1"])[2]
    assert signed["agreed"] == position(
        "version", e2_version, content_hash("Term of three years."), None, h["ta2"].signed_at
    )
    assert signed["ready_to_ta"] is False


def test_counts_per_article_and_for_the_table(api, cast, history):
    body = board(api, cast)
    assert body["counts"] == {
        "status_quo": 1,
        "open": 3,
        "ta_pending": 1,
        "tentatively_agreed": 1,
        "ready_to_ta": 1,
        "total": 6,
    }
    per = {a["number"]: a["counts"] for a in body["articles"]}
    assert per["1"] == {
        "status_quo": 1,
        "open": 0,
        "ta_pending": 1,
        "tentatively_agreed": 0,
        "ready_to_ta": 0,
        "total": 2,
    }
    assert per["12"]["open"] == 3 and per["12"]["ready_to_ta"] == 1 and per["12"]["total"] == 3
    assert per["20"]["tentatively_agreed"] == 1
    assert body["shown"] == 6


def test_an_empty_table_and_an_article_without_clauses(api, cast):
    api.post(f"/tables/{cast.table_id}/articles", {"number": "7", "title": "Empty"}, as_="admin")
    body = board(api, cast)
    assert body["counts"]["total"] == 0
    assert [(a["number"], a["clauses"], a["counts"]["total"]) for a in body["articles"]] == [("7", [], 0)]


@pytest.mark.parametrize(
    ("query", "who", "numbers"),
    [
        ({"status": "open"}, "union_negotiator", ["12.1", "12.2", "12.3"]),
        ({"status": "status_quo"}, "union_negotiator", ["1.1"]),
        ({"status": "tentatively_agreed"}, "employer_recorder", ["20.1"]),
        ({"ready": "true"}, "union_negotiator", ["12.2"]),
        ({"ready": "false", "status": "open"}, "union_negotiator", ["12.1", "12.3"]),
        ({"waiting": "us"}, "union_negotiator", ["12.1", "12.2"]),
        ({"waiting": "them"}, "union_observer", ["1.2", "12.3"]),
        ({"waiting": "us"}, "employer_negotiator", ["1.2", "12.3"]),
        ({"waiting": "them"}, "employer_recorder", ["12.1", "12.2"]),
    ],
)
def test_filters(api, cast, history, query, who, numbers):
    body = board(api, cast, as_=who, **query)
    assert sorted(clauses_of(body)) == numbers
    assert body["shown"] == len(numbers)
    assert all(a["clauses"] for a in body["articles"])
    assert body["counts"]["total"] == 6


def test_article_filter_keeps_the_article_and_its_counts(api, cast, history):
    article = history["c"]["article 12"]
    body = board(api, cast, article_id=article)
    assert [a["id"] for a in body["articles"]] == [article]
    assert body["articles"][0]["counts"]["open"] == 3
    assert body["counts"]["total"] == 6
    empty = board(api, cast, article_id=history["c"]["article 20"], status="open")
    assert empty["articles"] == [] and empty["shown"] == 0


def test_bad_filters_are_refused(api, cast, history):
    path = f"/tables/{cast.table_id}/status"
    assert api.get(f"{path}?status=closed").status_code == 422
    assert api.get(f"{path}?waiting=everyone").status_code == 422
    no_side = api.get(f"{path}?waiting=us", as_="member")
    assert no_side.status_code == 422 and no_side.json["error"]["code"] == "no_side"
    assert api.get(f"{path}?waiting=us", as_="admin").status_code == 422
    hidden = api.get(f"{path}?ready=true", as_="member")
    assert hidden.status_code == 403 and hidden.json["error"]["code"] == "positions_hidden"


def test_admins_see_passed_positions_as_the_proposal_list_does(api, cast, record, history):
    body = board(api, cast, as_="admin")
    assert body["positions_visible"] is True and body["viewer_side"] is None
    assert clauses_of(body)["12.1"] == clauses_of(board(api, cast))["12.1"]


def test_members_see_statuses_but_positions_only_if_shared(api, cast, record, history):
    for who in ("member",):
        body = board(api, cast, as_=who)
        assert body["positions_visible"] is False and body["viewer_side"] is None
        assert body["counts"]["ready_to_ta"] is None and body["counts"]["open"] == 3
        by = clauses_of(body)
        assert by["12.1"]["status"] == "open"
        for field in ("union", "employer", "last_mover", "last_moved_at", "ready_to_ta", "live_proposal_ids"):
            assert all(x[field] is None for x in by.values()), field
        assert by["20.1"]["agreed"]["kind"] == "version"
        assert by["1.2"]["pending_signature_from"] == "employer"

    record.share_with_members()
    shared = board(api, cast, as_="member")
    assert shared["positions_visible"] is True and shared["counts"]["ready_to_ta"] == 1
    assert clauses_of(shared)["12.1"] == clauses_of(board(api, cast))["12.1"]
    assert sorted(clauses_of(board(api, cast, as_="member", ready="true"))) == ["12.2"]


def test_drafts_never_change_the_board(api, cast, record, history):
    c = history["c"]
    roles = ("union_negotiator", "employer_negotiator", "member", "admin")
    before = {who: board(api, cast, as_=who) for who in roles}
    record.proposal("union", (c["1.1"], Action.AMEND, "A private idea."), state=ProposalState.DRAFT)
    record.proposal("employer", (c["12.1"], Action.DELETE), state=ProposalState.DRAFT)
    record.proposal("employer", (c["12.3"], Action.STATUS_QUO), state=ProposalState.DRAFT)
    for who in roles:
        assert board(api, cast, as_=who) == before[who], who
    assert clauses_of(before["union_negotiator"])["1.1"]["status"] == "status_quo"


def test_withdrawn_proposals_and_reopened_tas_do_not_hold_a_clause(api, cast, record):
    c = build_contract(api, cast.table_id, {("3", "Hours"): ["3.1"]})
    record.proposal("union", (c["3.1"], Action.AMEND, "Four-day week."), state=ProposalState.WITHDRAWN)
    assert clauses_of(board(api, cast))["3.1"]["status"] == "status_quo"
    later = record.proposal("union", (c["3.1"], Action.AMEND, "Flexible hours."))
    reopened = record.ta("union", (c["3.1"], Action.AMEND, None, "x"), state=TAState.REOPENED)
    entry = clauses_of(board(api, cast))["3.1"]
    assert entry["status"] == "open" and entry["live_proposal_ids"] == [later.id]
    assert entry["ta_id"] is None and reopened.id


def test_clause_status_matches_the_board(api, cast, history):
    c = history["c"]
    on_board = clauses_of(board(api, cast))
    for number in ("1.1", "1.2", "12.1", "12.3", "20.1"):
        response = api.get(f"/clauses/{c[number]}/status")
        assert response.status_code == 200
        body = response.json
        extra = {k: body.pop(k) for k in ("table_id", "article_number", "article_title", "positions_visible")}
        assert body == on_board[number]
        assert extra["table_id"] == cast.table_id and extra["positions_visible"] is True
    one = api.get(f"/clauses/{c['12.1']}/status").json
    assert (one["article_number"], one["article_title"]) == ("12", "Caseloads")
    member = api.get(f"/clauses/{c['12.1']}/status", as_="member").json
    assert member["status"] == "open" and member["union"] is None and member["positions_visible"] is False


def test_clause_status_is_404_for_outsiders_and_unknown_clauses(api, cast, history):
    clause = history["c"]["12.1"]
    outsider = api.get(f"/clauses/{clause}/status", as_="outsider")
    assert outsider.status_code == 404 and outsider.json["error"]["code"] == "clause_not_found"
    assert api.get("/clauses/999999/status").status_code == 404
    assert api.get(f"/clauses/{clause}/status", as_=None).status_code == 401


def test_board_is_404_for_outsiders_and_unknown_tables(api, cast):
    outsider = api.get(f"/tables/{cast.table_id}/status", as_="outsider")
    assert outsider.status_code == 404 and outsider.json["error"]["code"] == "table_not_found"
    assert api.get("/tables/999999/status").status_code == 404
    assert api.get(f"/tables/{cast.table_id}/status", as_=None).status_code == 401


def test_added_clauses_are_hidden_from_members_until_shared_or_signed(api, cast, record, history):
    article = history["c"]["article 12"]
    adding = record.proposal("union", state=ProposalState.PASSED)
    clause = Clause(
        table_id=cast.table_id,
        article_id=article,
        number="12.9",
        heading="Telehealth",
        position=9,
        in_base=False,
        added_by_proposal_id=adding.id,
    )
    record.session.add(clause)
    record.session.flush()
    version = record.version(clause.id, "Telehealth is voluntary.", "union", adding.id)
    record.session.add(
        ProposalItem(
            proposal_id=adding.id,
            action=Action.ADD,
            clause_id=clause.id,
            article_id=article,
            new_number="12.9",
            version_id=version.id,
            content_hash=version.content_hash,
        )
    )
    record.commit()
    union_view = clauses_of(board(api, cast))["12.9"]
    assert union_view["status"] == "open" and union_view["in_base"] is False
    assert union_view["employer"]["kind"] == "status_quo"
    assert union_view["employer"]["content_hash"] == DELETED_HASH
    assert "12.9" not in clauses_of(board(api, cast, as_="member"))
    assert board(api, cast, as_="member")["counts"]["total"] == 6
    assert api.get(f"/clauses/{clause.id}/status", as_="member").status_code == 404
    assert "12.9" in clauses_of(board(api, cast, as_="admin"))

    record.ta("union", (clause.id, Action.ADD, version.id, version.content_hash))
    signed = clauses_of(board(api, cast, as_="member"))["12.9"]
    assert signed["status"] == "tentatively_agreed" and signed["agreed"]["version_id"] == version.id
    assert api.get(f"/clauses/{clause.id}/status", as_="member").status_code == 200
