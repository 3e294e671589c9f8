"""The demo's negotiation in progress: proposals, a counter, a package, signed and pending TAs, a draft."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.models import Article, Clause, ClauseVersion, Proposal, User
from bargaining.services import agreements, passing, proposals, ta_summaries
from bargaining.services.costing.demo_costing import with_terms

LIMIT = 1_000_000


class Script:
    """Plays moves as the demo people, through the services the API uses."""

    def __init__(self, session: Session, table_id: int, people: dict[str, User]) -> None:
        self.session, self.table_id, self.people = session, table_id, people
        rows = session.execute(
            select(Clause.id, Clause.number, ClauseVersion.text)
            .join(Article, Article.id == Clause.article_id)
            .join(ClauseVersion, ClauseVersion.id == Clause.base_version_id)
            .where(Clause.table_id == table_id, Article.kind == "article")
        ).all()
        self.ids = {number: cid for cid, number, _ in rows}
        self.base = {number: text for _cid, number, text in rows}

    def edit(self, number: str, *swaps: tuple[str, str]) -> dict[str, Any]:
        """An amend item: the base text with some phrases replaced."""
        text = self.base[number]
        for old, new in swaps:
            assert old in text, (number, old)
            text = text.replace(old, new)
        return {"action": "amend", "clause_id": self.ids[number], "text": text}

    def keep(self, number: str) -> dict[str, Any]:
        """A status-quo item."""
        return {"action": "status_quo", "clause_id": self.ids[number]}

    def propose(
        self, who: str, title: str, items: list[dict[str, Any]], *, passed: bool = True, **extra: Any
    ) -> Proposal:
        """Draft (and pass) a proposal."""
        data = {"title": title, "items": items, "rationale": extra.pop("rationale", ""), **extra}
        draft = proposals.create_draft(self.session, self.people[who], self.table_id, data, LIMIT)
        if not passed:
            return draft
        return passing.pass_proposal(self.session, self.people[who], draft.id, draft.version)

    def agree(self, offerer: str, signer: str | None, items: list[dict[str, Any]], summary: str) -> None:
        """Offer a TA and, if a signer is named, countersign it; the union writes the members' summary."""
        union_offers = offerer.startswith("union")
        data = {"items": items, "summary": summary if union_offers else ""}
        ta = agreements.offer(self.session, self.people[offerer], self.table_id, data)
        if not union_offers:
            ta_summaries.update_summary(
                self.session, self.people["union_negotiator"], ta.id, ta.version, summary
            )
        if signer is not None:
            agreements.countersign(self.session, self.people[signer], ta.id, {})

    def version(self, proposal: Proposal, number: str) -> dict[str, Any]:
        """A TA item agreeing to the version a proposal passed for a clause."""
        item = next(i for i in proposal.items if i.clause_id == self.ids[number])
        return {"clause_id": self.ids[number], "action": "amend", "version_id": item.version_id}


def play_demo_negotiation(session: Session, table_id: int, people: dict[str, User]) -> None:
    """Play the opening weeks of the Riverbend renewal."""
    s = Script(session, table_id, people)
    u1 = s.propose(
        "union_negotiator",
        "Caseloads and documentation time",
        [
            with_terms(
                s.edit("5.1", ("sixty-five (65)", "fifty-five (55)"), ("fifty (50)", "forty-five (45)")),
                "union_cap",
            ),
            s.edit("5.2", ("twenty-six (26) direct-service hours", "twenty-four (24) direct-service hours")),
            s.edit("6.1", ("six (6) hours", "eight (8) hours")),
        ],
        rationale="Clinicians cannot keep up: caps and targets set in 2023 drive turnover.",
    )
    e1 = s.propose(
        "employer_negotiator",
        "Counter on caseloads and documentation",
        [
            with_terms(s.edit("5.1", ("sixty-five (65)", "sixty (60)")), "employer_cap"),
            s.keep("5.2"),
            s.edit("6.1", ("six (6) hours", "eight (8) hours")),
        ],
        responds_to=[u1.id],
        rationale="Payer mix limits what we can absorb this term.",
    )
    u2 = s.propose(
        "union_negotiator",
        "Professional development",
        [
            with_terms(
                s.edit(
                    "8.1", ("one thousand five hundred dollars ($1,500)", "two thousand dollars ($2,000)")
                ),
                "union_ceu",
            ),
            with_terms(
                s.edit(
                    "8.2",
                    (
                        "four (4) paid continuing education days (thirty-two (32) hours)",
                        "five (5) paid continuing education days (forty (40) hours)",
                    ),
                ),
                "ce_day",
            ),
        ],
    )
    e2 = s.propose(
        "employer_negotiator",
        "Counter on professional development",
        [
            with_terms(
                s.edit(
                    "8.1",
                    (
                        "one thousand five hundred dollars ($1,500)",
                        "one thousand seven hundred fifty dollars ($1,750)",
                    ),
                ),
                "employer_ceu",
            ),
            with_terms(
                s.edit(
                    "8.2",
                    (
                        "four (4) paid continuing education days (thirty-two (32) hours)",
                        "five (5) paid continuing education days (forty (40) hours)",
                    ),
                ),
                "ce_day",
            ),
        ],
        responds_to=[u2.id],
    )
    u3 = s.propose(
        "union_negotiator",
        "Term",
        [
            s.edit("20.1", ("July 1, 2023", "July 1, 2026"), ("June 30, 2026", "June 30, 2029")),
        ],
    )
    s.agree(
        "employer_negotiator",
        "union_negotiator",
        [s.version(e1, "6.1")],
        "Protected documentation time rises from six to eight hours a week for full-time clinicians.",
    )
    s.agree(
        "union_negotiator",
        "employer_negotiator",
        [s.version(u2, "8.2")],
        "A fifth paid continuing-education day: five days (40 hours) a year.",
    )
    s.agree(
        "union_negotiator",
        "employer_negotiator",
        [s.version(u3, "20.1")],
        "The new contract runs three years, July 1, 2026 to June 30, 2029.",
    )
    s.agree(
        "union_negotiator",
        "employer_negotiator",
        [{"clause_id": s.ids["1.1"], "action": "status_quo"}],
        "Recognition stays as it is.",
    )
    wages = s.propose(
        "union_negotiator",
        "Wages and licensure (package)",
        [
            with_terms(s.edit("10.1", ("four percent (4.0%)", "five percent (5.0%)")), "union_wages"),
            with_terms(s.edit("10.4", ("eight percent (8%)", "ten percent (10%)")), "union_licensure"),
        ],
        is_package=True,
        rationale="Market data: comparable clinics pay 9-12% more.",
    )
    s.propose(
        "employer_negotiator",
        "Counter on wages",
        [
            with_terms(
                s.edit("10.1", ("four percent (4.0%)", "two and one-half percent (2.5%)")), "employer_wages"
            ),
            s.keep("10.4"),
        ],
        responds_to=[wages.id],
        rationale="Reimbursement rates rose 2% this year; we cannot promise more.",
    )
    s.agree(
        "employer_negotiator",
        None,
        [s.version(e2, "8.1")],
        "The continuing-education stipend rises to $1,750 for full-time clinicians.",
    )
    s.propose(
        "union_negotiator",
        "Telehealth stipend (working draft)",
        [
            s.edit("9.3", ("fifty dollars ($50)", "seventy-five dollars ($75)")),
        ],
        passed=False,
    )
