"""Compiling, verifying and rendering the tentative contract: the pure functions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from bargaining.domain.contract import (
    AgreedItem,
    ArticleEntry,
    ClauseEntry,
    Contract,
    SignedTA,
    VersionText,
)
from bargaining.domain.contract_compile import compile_contract
from bargaining.domain.contract_verify import agreement_hash, contract_hash, verify_contract
from bargaining.domain.hashing import DELETED_HASH, content_hash
from bargaining.domain.records import (
    Action,
    ClauseRecord,
    ItemRecord,
    ProposalRecord,
    ProposalState,
    Side,
    TAItemRecord,
    TARecord,
    TAState,
)
from bargaining.domain.status import derive_status
from bargaining.models import TAItem
from bargaining.services.ta_items import agreed_hash

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@dataclass
class World:
    """A table as plain records: articles, clauses, versions, proposals, TAs."""

    articles: list[ArticleEntry] = field(default_factory=list)
    clauses: list[ClauseEntry] = field(default_factory=list)
    versions: dict[int, VersionText] = field(default_factory=dict)
    proposals: list[ProposalRecord] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    tas: list[TARecord] = field(default_factory=list)
    signed: list[SignedTA] = field(default_factory=list)

    def article(self, aid: int, number: str, title: str, position: int, in_base: bool = True) -> None:
        self.articles.append(ArticleEntry(aid, number, title, "article", position, in_base))

    def clause(
        self, cid: int, aid: int, number: str, position: int, text: str | None, heading: str = ""
    ) -> None:
        base = None
        if text is not None:
            base = self.version(1000 + cid, cid, text)
        self.clauses.append(ClauseEntry(cid, aid, number, heading, position, text is not None, base))

    def version(self, vid: int, cid: int, text: str) -> int:
        self.versions[vid] = VersionText(vid, cid, text, content_hash(text))
        return vid

    def propose(self, pid: int, side: Side, changes: list[tuple[int, Action, int | None]]) -> None:
        label = f"{'U' if side is Side.UNION else 'E'}-{pid}"
        at = T0 + timedelta(minutes=pid)
        self.proposals.append(ProposalRecord(pid, side, label, ProposalState.PASSED, False, at, None))
        for cid, action, vid in changes:
            self.items.append(ItemRecord(pid, cid, action, vid, self._hash(cid, action, vid)))

    def _hash(self, cid: int, action: Action, vid: int | None) -> str:
        if action is Action.DELETE:
            return DELETED_HASH
        if action is Action.STATUS_QUO:
            base = self.versions.get(1000 + cid)
            return base.content_hash if base else DELETED_HASH
        assert vid is not None
        return self.versions[vid].content_hash

    def agree(
        self,
        tid: int,
        changes: list[tuple[int, Action, int | None]],
        *,
        state: TAState = TAState.SIGNED,
        numbers: dict[int, tuple[str | None, str | None]] | None = None,
    ) -> None:
        numbers = numbers or {}
        agreed = []
        for cid, action, vid in changes:
            version = (
                vid
                if action is not Action.STATUS_QUO
                else (1000 + cid if 1000 + cid in self.versions else None)
            )
            number, heading = numbers.get(cid, (None, None))
            agreed.append(AgreedItem(cid, action, version, self._hash(cid, action, vid), number, heading))
        at = T0 + timedelta(hours=tid)
        self.tas.append(
            TARecord(
                tid,
                f"TA-{tid}",
                state,
                Side.UNION,
                at,
                at if state is TAState.SIGNED else None,
                None,
                tuple(TAItemRecord(a.clause_id, a.action, a.version_id, a.content_hash) for a in agreed),
            )
        )
        if state is TAState.SIGNED:
            self.signed.append(SignedTA(tid, f"TA-{tid}", agreement_hash(agreed), tuple(agreed)))

    def compile(self) -> Contract:
        records = [
            ClauseRecord(
                c.id,
                c.article_id,
                c.number,
                c.in_base,
                c.base_version_id,
                self.versions[c.base_version_id].content_hash if c.base_version_id else None,
            )
            for c in self.clauses
        ]
        statuses = derive_status(records, self.proposals, self.items, self.tas)
        return compile_contract(self.articles, self.clauses, statuses, self.versions, self.signed)


def caseloads() -> World:
    """Article 5 with four base clauses, Article 6 with one, Article 7 with none (given out of order)."""
    w = World()
    w.article(6, "6", "Documentation", 2)
    w.article(5, "5", "Caseloads", 1)
    w.article(7, "7", "Reserved", 3)
    w.clause(4, 5, "5.4", 4, "Caseload reviews happen yearly.", "Reviews")
    w.clause(1, 5, "5.1", 1, "Caseloads shall not exceed 65 clients.", "Limits")
    w.clause(2, 5, "5.2", 2, "Productivity is 28 hours.", "Productivity")
    w.clause(3, 5, "5.3", 3, "No-shows count.", "No-Shows")
    w.clause(10, 6, "6.1", 1, "Notes are due in 24 hours.", "Notes")
    return w


def layout(contract: Contract) -> list[tuple[str, list[tuple[str, str, str | None, str]]]]:
    return [
        (a.number, [(c.number, c.heading, c.text, c.source) for c in a.clauses]) for a in contract.articles
    ]


def test_untouched_contract_is_the_base_and_verifies():
    contract = caseloads().compile()
    assert layout(contract) == [
        (
            "5",
            [
                ("5.1", "Limits", "Caseloads shall not exceed 65 clients.", "base"),
                ("5.2", "Productivity", "Productivity is 28 hours.", "base"),
                ("5.3", "No-Shows", "No-shows count.", "base"),
                ("5.4", "Reviews", "Caseload reviews happen yearly.", "base"),
            ],
        ),
        ("6", [("6.1", "Notes", "Notes are due in 24 hours.", "base")]),
        ("7", []),
    ]
    result = verify_contract(contract)
    assert result.ok and result.checked == 5 and result.problems() == []


def test_agreed_deleted_renumbered_added_and_open_clauses():
    w = caseloads()
    w.article(21, "21", "Telehealth", 4, in_base=False)
    w.article(22, "22", "Parking", 5, in_base=False)
    w.clause(30, 5, "5.5", 5, None, "Committee")
    w.clause(31, 21, "21.1", 1, None, "Equipment")
    w.clause(32, 22, "22.1", 1, None, "Spaces")
    w.clause(33, 6, "6.2", 2, None, "Templates")
    w.version(2001, 1, "Caseloads shall not exceed 50 clients.")
    w.version(2003, 3, "No-shows do not count.")
    w.version(2030, 30, "A committee reviews caseloads.")
    w.version(2031, 31, "Equipment is provided.")
    w.version(2032, 32, "Parking is free.")
    w.version(2033, 33, "Templates are provided.")
    w.propose(
        1,
        Side.UNION,
        [
            (1, Action.AMEND, 2001),
            (2, Action.DELETE, None),
            (3, Action.AMEND, 2003),
            (4, Action.AMEND, 2001),
            (30, Action.ADD, 2030),
            (31, Action.ADD, 2031),
            (32, Action.ADD, 2032),
            (33, Action.ADD, 2033),
        ],
    )
    w.propose(2, Side.EMPLOYER, [(10, Action.STATUS_QUO, None)])
    w.agree(
        1,
        [(1, Action.AMEND, 2001), (2, Action.DELETE, None), (3, Action.AMEND, 2003), (31, Action.ADD, 2031)],
        numbers={3: ("5.2", "Missed Sessions"), 1: (None, None)},
    )
    w.agree(2, [(30, Action.ADD, 2030)], state=TAState.PENDING)
    w.agree(3, [(33, Action.STATUS_QUO, None)])
    contract = w.compile()
    assert layout(contract) == [
        (
            "5",
            [
                ("5.1", "Limits", "Caseloads shall not exceed 50 clients.", "agreed"),
                ("5.2", "Missed Sessions", "No-shows do not count.", "agreed"),
                ("5.4", "Reviews", "Caseload reviews happen yearly.", "open"),
            ],
        ),
        ("6", [("6.1", "Notes", "Notes are due in 24 hours.", "open")]),
        ("7", []),
        ("21", [("21.1", "Equipment", "Equipment is provided.", "agreed")]),
    ]
    assert sorted(contract.deleted) == [2, 33]
    assert [(u.number, u.status.value, u.in_base) for u in contract.unsettled] == [
        ("5.4", "open", True),
        ("5.5", "ta_pending", False),
        ("6.1", "open", True),
        ("22.1", "open", False),
    ]
    counts = contract.counts
    assert (counts.agreed, counts.base, counts.open, counts.deleted) == (3, 0, 4, 2)
    agreed_51 = next(c for c in contract.clauses if c.clause_id == 1)
    assert agreed_51.ta_label == "TA-1" and agreed_51.content_hash == content_hash(agreed_51.text or "")
    result = verify_contract(contract)
    assert not result.ok and not result.complete and result.mismatches == ()
    assert "Clause 5.5 (30) is awaiting a countersignature." in result.problems()


def test_a_base_article_goes_when_every_clause_is_deleted_an_empty_one_stays():
    w = caseloads()
    w.propose(1, Side.UNION, [(10, Action.DELETE, None)])
    w.agree(1, [(10, Action.DELETE, None)])
    assert [a.number for a in w.compile().articles] == ["5", "7"]


def test_complete_contract_verifies_then_tampering_shows():
    w = caseloads()
    w.version(2001, 1, "Caseloads shall not exceed 50 clients.")
    w.propose(1, Side.UNION, [(1, Action.AMEND, 2001), (2, Action.STATUS_QUO, None)])
    w.agree(1, [(1, Action.AMEND, 2001), (2, Action.STATUS_QUO, None)])
    clean = w.compile()
    result = verify_contract(clean)
    assert result.ok and result.checked == 5
    assert [c.source for c in clean.clauses] == ["agreed", "agreed", "base", "base", "base"]

    w.versions[2001] = replace(w.versions[2001], text="Caseloads shall not exceed 90 clients.")
    w.versions[1003] = replace(w.versions[1003], text="No-shows count double.")
    tampered = verify_contract(w.compile())
    assert not tampered.ok and tampered.complete
    assert [(m.number, m.source, m.ta_label, m.reason) for m in tampered.mismatches] == [
        ("5.1", "agreed", "TA-1", "text_changed"),
        ("5.3", "base", None, "text_changed"),
    ]
    first = tampered.mismatches[0]
    assert first.expected == content_hash("Caseloads shall not exceed 50 clients.")
    assert first.actual == content_hash("Caseloads shall not exceed 90 clients.")
    assert contract_hash(w.compile()) != contract_hash(clean)


def test_missing_and_foreign_text_orphans_altered_tas_and_duplicate_numbers():
    w = caseloads()
    w.version(2001, 1, "Fifty clients.")
    w.version(2003, 2, "Borrowed from 5.2.")
    w.propose(1, Side.UNION, [(1, Action.AMEND, 2001), (3, Action.AMEND, 2003), (4, Action.AMEND, 2001)])
    w.agree(1, [(1, Action.AMEND, 2001), (3, Action.AMEND, 2003)], numbers={3: ("5.2", None)})
    w.agree(2, [(4, Action.AMEND, 2001)])
    del w.versions[2001]
    ta = w.signed[1]
    w.signed[1] = replace(ta, items=(*ta.items, AgreedItem(99, Action.DELETE, None, DELETED_HASH)))
    result = verify_contract(w.compile())
    assert not result.ok
    assert [(m.clause_id, m.reason) for m in result.mismatches] == [
        (1, "text_missing"),
        (3, "foreign_version"),
        (4, "text_missing"),
    ]
    assert [(o.ta_label, o.clause_id) for o in result.orphans] == [("TA-2", 99)]
    assert [t.ta_label for t in result.altered_tas] == ["TA-2"]
    assert [(d.number, d.clause_ids) for d in result.duplicates] == [("5.2", (2, 3))]
    problems = result.problems(limit=3)
    assert len(problems) == 4 and problems[-1] == "… and 3 more."


def test_agreement_hash_is_the_one_stored_when_a_ta_is_offered():
    items = [
        AgreedItem(3, Action.AMEND, 7, "abc"),
        AgreedItem(1, Action.DELETE, None, DELETED_HASH),
        AgreedItem(2, Action.STATUS_QUO, 5, "def"),
    ]
    rows = [TAItem(clause_id=i.clause_id, action=i.action, content_hash=i.content_hash) for i in items]
    assert agreement_hash(items) == agreed_hash(rows)


def test_contract_hash_covers_numbers_headings_and_text():
    w = caseloads()
    digest = contract_hash(w.compile())
    assert digest == contract_hash(w.compile())
    w.clauses[0] = replace(w.clauses[0], heading="Reviews!")
    assert contract_hash(w.compile()) != digest
