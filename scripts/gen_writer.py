"""The record writer's state, and the levels around the rounds: base contract, TAs, drafts, counts.

A Writer keeps what later levels need (ids, each side's latest language, the clock, counters);
scripts/gen_rounds.py plays the bargaining rounds on it. Rows go in through scripts/gen_bulk.py.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from scripts import gen_bulk
from scripts.gen_text import TWO_KB, article_sizes, content_hash, edit_text, plain_contract, sentence

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
QUIET = 0.15


class Writer:
    """Builds the record level by level, keeping what later levels need."""

    def __init__(self, session: Session, rng: random.Random, table_id: int, user_ids: dict[str, int]) -> None:
        self.session, self.rng, self.table_id = session, rng, table_id
        self.author = {"union": user_ids["union_negotiator"], "employer": user_ids["employer_negotiator"]}
        self.article_ids: list[int] = []
        self.clause_ids: list[int] = []
        self.by_article: list[list[int]] = []
        self.base: dict[int, tuple[int, str]] = {}  # clause -> (base version id, text)
        self.latest: dict[tuple[int, str], tuple[int, str]] = {}  # (clause, side) -> (version id, text)
        self.versions: dict[int, list[int]] = defaultdict(list)
        self.deleted: set[int] = set()
        self.quiet: set[int] = set()
        self.agreed: set[int] = set()
        self.next_number = {"union": 1, "employer": 1}
        self.ta_next = 1
        self.clock = T0
        self.passed: list[tuple[int, str, set[int]]] = []  # (proposal id, side, clauses), in order
        self.n: defaultdict[str, int] = defaultdict(int)

    def tick(self, minutes: int = 7) -> datetime:
        """Advance the negotiation's clock."""
        self.clock += timedelta(minutes=minutes)
        return self.clock

    def parent(self, clause_id: int, side: str) -> tuple[int, str]:
        """The language a side edits from: its latest version, else the base."""
        return self.latest.get((clause_id, side)) or self.base[clause_id]

    def contract(self, articles: int, clauses: int, seed: int) -> None:
        """Articles, clauses and base versions (the same text as plain_contract)."""
        plain = plain_contract(articles, clauses, seed)
        self.rng.random()  # the record's own stream starts after the text's
        # About one clause in seven is never proposed on: its status stays status quo.
        quiet = {n for n in range(len(plain)) if self.rng.random() < QUIET}
        if len(quiet) == len(plain):
            quiet = set()
        self.article_ids, self.clause_ids, base_ids = gen_bulk.insert_contract(
            self.session, self.table_id, plain, articles, self.author["union"], T0 - timedelta(days=30)
        )
        start = 0
        for size in article_sizes(articles, clauses):
            self.by_article.append(self.clause_ids[start : start + size])
            start += size
        self.quiet = {self.clause_ids[n] for n in quiet}
        for cid, vid, c in zip(self.clause_ids, base_ids, plain, strict=True):
            self.base[cid] = (vid, c.text)
            self.versions[cid].append(vid)

    def agree(self) -> None:
        """Signed TAs on about a fifth of the clauses both sides moved on; a few pending ones."""
        rows, items = [], []
        for state, clauses in self._ta_plans():
            row, ta_items = self._ta(state, clauses)
            rows.append(row)
            items.append(ta_items)
        gen_bulk.insert_tas(self.session, rows, items)

    def _ta_plans(self) -> list[tuple[str, list[tuple[int, int, str]]]]:
        """Per article, some clauses both sides hold language on: (state, [(clause, version, text)])."""
        plans: list[tuple[str, list[tuple[int, int, str]]]] = []
        for article in self.by_article:
            both = [
                c
                for c in article
                if c not in self.deleted and (c, "union") in self.latest and (c, "employer") in self.latest
            ]
            picked = [c for c in both if self.rng.random() < 0.3]
            if picked:
                plans.append(("signed", [(c, *self.latest[(c, "union")]) for c in picked]))
        for k in range(max(1, len(plans) // 20)):
            if k < len(plans):
                plans[-1 - k] = ("pending", plans[-1 - k][1])
        return plans

    def _ta(
        self, state: str, clauses: list[tuple[int, int, str]]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """One TA's row and items, offered by each side in turn; the clauses count as agreed."""
        from bargaining.domain.records import Action
        from bargaining.models import TAItem
        from bargaining.services.ta_items import agreed_hash

        offered_by = "union" if self.ta_next % 2 else "employer"
        other = "employer" if offered_by == "union" else "union"
        at = self.tick(30)
        ta_items = [
            {"clause_id": c, "action": "amend", "version_id": vid, "content_hash": content_hash(text)}
            for c, vid, text in clauses
        ]
        digest = agreed_hash(
            [
                TAItem(clause_id=i["clause_id"], action=Action.AMEND, content_hash=i["content_hash"])
                for i in ta_items
            ]
        )
        row = {
            "table_id": self.table_id,
            "number": self.ta_next,
            "label": f"TA-{self.ta_next}",
            "state": state,
            "summary": sentence(self.rng),
            "agreed_hash": digest,
            "offered_by": offered_by,
            "offered_by_id": self.author[offered_by],
            "offered_at": at,
            "countersigned_by_id": self.author[other] if state == "signed" else None,
            "signed_at": at + timedelta(hours=1) if state == "signed" else None,
        }
        self.ta_next += 1
        self.agreed.update(c for c, _vid, _text in clauses)
        self.n["ta_" + state] += 1
        self.n["ta_clauses"] += len(clauses)
        return row, ta_items

    def drafts(self) -> None:
        """A few drafts per side (no versions: drafts version nothing until passed)."""
        free = [c for c in self.clause_ids if c not in self.agreed and c not in self.deleted]
        plans = []
        for side in ("union", "employer"):
            for _ in range(min(3, len(free))):
                plans.append((side, self.rng.sample(free, min(4, len(free)))))
        rows = [
            {
                "table_id": self.table_id,
                "side": side,
                "state": "draft",
                "title": f"Working draft ({side})",
                "created_by_id": self.author[side],
            }
            for side, _ in plans
        ]
        items = [
            [
                {
                    "position": k,
                    "action": "amend",
                    "clause_id": cid,
                    "text": edit_text(self.rng, self.parent(cid, side)[1]),
                }
                for k, cid in enumerate(clauses, start=1)
            ]
            for side, clauses in plans
        ]
        self.n["drafts"] = gen_bulk.insert_drafts(self.session, rows, items)

    def two_kb_versions(self) -> dict[int, list[int]]:
        """Clauses whose base text is about 2 KB, with all their version ids."""
        low, high = TWO_KB
        return {c: list(self.versions[c]) for c in self.clause_ids if low <= len(self.base[c][1]) <= high}

    def counts(self) -> dict[str, int]:
        """What was written."""
        return {
            "articles": len(self.article_ids),
            "clauses": len(self.clause_ids),
            "versions": sum(len(v) for v in self.versions.values()),
            "proposals": self.n["proposals"],
            "withdrawn": self.n["withdrawn"],
            "superseded": self.n["superseded"],
            "status_quo_items": self.n["status_quo"],
            "delete_items": self.n["delete"],
            "drafts": self.n["drafts"],
            "tas_signed": self.n["ta_signed"],
            "tas_pending": self.n["ta_pending"],
            "ta_clauses": self.n["ta_clauses"],
        }
