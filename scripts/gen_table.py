"""Generate a bargaining table of any size, seeded and reproducible, for benchmarks and load tests.

    python scripts/gen_table.py --articles 150 --clauses 1500 --versions 10000 --db URL

People, the table and seats go through the services the API uses (so the audit trail and
tokens are real); articles, clauses, versions, proposals, their items and TAs go in through a
bulk path on the models (a few INSERT ... RETURNING per level), a hundred times faster than
one API call per row. The record is the one a negotiation leaves: base text for every clause,
proposals passed by both sides in rounds (amendments as word edits of the side's last
language, status-quo items, a few deletions and packages, counters that answer the other
side, some withdrawn, earlier ones superseded), signed and pending TAs, a few drafts.
``--versions`` counts every clause version of the table, base versions included. The same
seed gives the same texts and the same record (ids depend on what the database already holds).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/gen_table.py`
    sys.path.insert(0, str(ROOT))

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
BASE_SIDE = "base"
DELETED_HASH = "deleted"  # bargaining.domain.hashing.DELETED_HASH
# Clause lengths (characters) drawn from this list, +/- 10%: three in seven are about 2 KB.
LENGTHS = (300, 700, 1200, 2000, 2000, 2000, 3200)
TWO_KB = (1800, 2200)
ARTICLES_PER_PROPOSAL = 3
QUIET = 0.15
ROLES = ("admin", "union_negotiator", "employer_negotiator", "member")

_VOCABULARY = (
    "employee employees employer union agreement article section shall may not be in the of to and or "
    "for with by on within days calendar working hours overtime rate pay wage wages salary step range "
    "classification position vacancy seniority layoff recall probationary period notice written request "
    "grievance steward representative meeting management rights discipline dismissal just cause leave "
    "sick vacation holiday premium differential shift night weekend schedule assignment caseload "
    "patient unit nurse physician staffing ratio training education reimbursement expenses mileage "
    "health insurance benefit benefits contribution premium retirement plan dependent coverage "
    "investigation interview personnel file evaluation performance appraisal transfer promotion "
    "posting bid application qualified applicant timely appeal arbitration arbitrator decision final "
    "binding parties party mutually agreed agree provided however unless otherwise except as specified "
    "herein thereof this that such any all each no other than following prior after before during "
    "upon receipt accordance applicable state federal law rule policy procedure committee labor "
    "relations department agency facility hospital worksite supervisor manager designee director "
    "approval denied approved reasonable effort consideration operational needs emergency "
    "circumstances continuous service full-time part-time temporary limited duration appointment"
)
WORDS = tuple(_VOCABULARY.split())
NUMBERS = (
    "five (5)",
    "seven (7)",
    "ten (10)",
    "fourteen (14)",
    "fifteen (15)",
    "thirty (30)",
    "forty-five (45)",
    "sixty (60)",
    "ninety (90)",
    "one hundred twenty (120)",
)
UNITS = ("calendar days", "working days", "hours", "percent (%)", "shifts", "pay periods", "months")
TITLES = (
    "Recognition",
    "Management Rights",
    "Union Security",
    "Hours of Work",
    "Overtime",
    "Salary Administration",
    "Seniority",
    "Layoff and Recall",
    "Vacancies and Transfers",
    "Discipline and Discharge",
    "Grievance Procedure",
    "Holidays",
    "Vacation Leave",
    "Sick Leave",
    "Leaves of Absence",
    "Health Insurance",
    "Training and Education",
    "Safety and Health",
    "Staffing",
    "Personnel Records",
    "Performance Evaluations",
    "Shift Differentials",
    "Expense Reimbursement",
    "Labor-Management Committee",
    "Term of Agreement",
)


# ---------------------------------------------------------------- text (pure, seeded)


def sentence(rng: random.Random) -> str:
    """One sentence of contract prose: words, now and then a number of units, a full stop."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 28))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), f"{rng.choice(NUMBERS)} {rng.choice(UNITS)}")
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def clause_text(rng: random.Random, length: int) -> str:
    """Prose of about ``length`` characters in paragraphs (lettered items past 1,000 characters)."""
    paragraphs: list[str] = []
    total = 0
    letter = 0
    while total < length:
        sentences: list[str] = []
        size = 0
        while size < min(600, length - total) or not sentences:
            sentences.append(sentence(rng))
            size += len(sentences[-1]) + 1
        text = " ".join(sentences)
        if length > 1000 and paragraphs:
            text = f"{'abcdefghijklmnopqrstuvwxyz'[letter % 26]}. {text}"
            letter += 1
        paragraphs.append(text)
        total += len(text) + 2
    return "\n\n".join(paragraphs)


def edit_text(rng: random.Random, text: str, rate: float = 0.03) -> str:
    """Return text with about ``rate`` of its words replaced, dropped or followed by a new word."""
    parts = text.split(" ")
    out: list[str] = []
    for word in parts:
        roll = rng.random()
        if roll < rate / 3 and word.isalpha():
            out.append(rng.choice(WORDS))
        elif roll < 2 * rate / 3 and word.isalpha() and len(out) > 1:
            continue
        elif roll < rate:
            out.extend((word, rng.choice(WORDS)))
        else:
            out.append(word)
    new = " ".join(out)
    return new if new != text else text + " " + sentence(rng)


def clause_length(rng: random.Random) -> int:
    """A clause length drawn from LENGTHS, +/- 10%."""
    return int(rng.choice(LENGTHS) * rng.uniform(0.9, 1.1))


@dataclass(frozen=True, slots=True)
class PlainClause:
    """A clause of a generated contract as plain text."""

    article: int
    number: str
    heading: str
    text: str


def article_sizes(articles: int, clauses: int) -> list[int]:
    """Split ``clauses`` over ``articles`` as evenly as possible (earlier articles get the extra)."""
    if articles < 1 or clauses < articles:
        raise ValueError("need at least one article and at least one clause per article")
    each, extra = divmod(clauses, articles)
    return [each + (1 if a < extra else 0) for a in range(articles)]


def plain_contract(
    articles: int, clauses: int, seed: int = 1, *, cycle: Sequence[int] = ()
) -> list[PlainClause]:
    """The base contract gen_table writes, as plain clauses (same seed, same text).

    With ``cycle`` the n-th clause is cycle[n % len(cycle)] characters long (about), so contracts
    of different sizes can have the same mix of lengths (the scale benchmark compares them).
    """
    rng = random.Random(seed)
    out = []
    n = 0
    for a, size in enumerate(article_sizes(articles, clauses), start=1):
        for k in range(1, size + 1):
            length = cycle[n % len(cycle)] if cycle else clause_length(rng)
            out.append(PlainClause(a, f"{a}.{k}", f"Section {k}", clause_text(rng, length)))
            n += 1
    return out


def render_contract(clauses: Sequence[PlainClause]) -> str:
    """The contract as one plain text: article headings, then numbered clauses."""
    lines: list[str] = []
    current = None
    for clause in clauses:
        if clause.article != current:
            current = clause.article
            title = TITLES[(current - 1) % len(TITLES)].upper()
            lines.append(f"ARTICLE {current} - {title}")
        lines.append(f"Section {clause.number}. {clause.heading}.\n{clause.text}")
    return "\n\n".join(lines) + "\n"


def content_hash(text: str) -> str:
    """SHA-256 of the exact text (bargaining.domain.hashing.content_hash)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# ---------------------------------------------------------------- the record


@dataclass(frozen=True)
class Spec:
    """What to generate."""

    articles: int = 150
    clauses: int = 1500
    versions: int = 10000
    seed: int = 1
    title: str | None = None

    def check(self) -> None:
        """Refuse sizes that cannot make a table."""
        article_sizes(self.articles, self.clauses)
        if self.versions < self.clauses:
            raise ValueError("--versions counts base versions too: it must be at least --clauses")


@dataclass
class Generated:
    """What was written: ids the benchmark needs, and counts."""

    table_id: int
    user_ids: dict[str, int]
    emails: dict[str, str]
    article_ids: list[int]
    clause_ids: list[int]
    # Clauses whose base text is about 2 KB, with every version id of each (base first).
    two_kb_versions: dict[int, list[int]] = field(default_factory=dict)
    # Clauses no TA covers (free to be proposed on), in contract order.
    free_clause_ids: list[int] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Move:
    """A proposal being planned: side, clauses and what it does to each."""

    side: str
    items: list[dict[str, Any]]
    responds_to: int | None = None
    is_package: bool = False
    state: str = "passed"


def _insert(session: Any, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk INSERT ... RETURNING id, ids in the order of the rows."""
    if not rows:
        return []
    from sqlalchemy import insert

    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(stmt, rows))


def _people(session: Any, tag: str) -> tuple[Any, dict[str, Any]]:
    """The generator's administrator (found or created) and this table's people, via services."""
    from sqlalchemy import select

    from bargaining.models import User
    from bargaining.services import users

    email = "gen-admin@bargaining.example"
    admin = session.scalar(select(User).where(User.email == email))
    if admin is None:
        admin = users.create_user(session, None, email=email, name="Generator Admin", is_admin=True)
    people = {"admin": admin}
    for role, name in (
        ("union_negotiator", "Union Negotiator"),
        ("employer_negotiator", "Employer Negotiator"),
        ("member", "Member"),
    ):
        address = f"{role.replace('_', '.')}.{tag}@gen.bargaining.example"
        people[role] = users.create_user(session, admin, email=address, name=f"{name} {tag}")
    return admin, people


def generate(session: Any, spec: Spec) -> Generated:
    """Write one table as spec says; flush, never commit (like a service)."""
    from sqlalchemy import func, select

    from bargaining.domain.access import TableState
    from bargaining.models import BargainingTable
    from bargaining.services import audit, tables

    spec.check()
    rng = random.Random(spec.seed)
    tag = f"s{spec.seed}n{(session.scalar(select(func.count(BargainingTable.id))) or 0) + 1}"
    admin, people = _people(session, tag)
    title = spec.title or f"Generated {spec.articles}/{spec.clauses}/{spec.versions} (seed {spec.seed})"
    table = tables.create_table(
        session,
        admin,
        {"title": title, "union_name": "Generated Union", "employer_name": "Generated Employer"},
    )
    for role, side, seat in (
        ("union_negotiator", "union", "negotiator"),
        ("employer_negotiator", "employer", "negotiator"),
        ("member", None, "member"),
    ):
        tables.grant(session, admin, table.id, {"user_id": people[role].id, "side": side, "role": seat})
    session.flush()
    writer = _Writer(session, rng, table.id, {k: v.id for k, v in people.items()})
    writer.contract(spec)
    writer.bargain(spec.versions - spec.clauses)
    writer.agree()
    writer.drafts()
    table.state = TableState.BARGAINING
    table.union_next = writer.next_number["union"]
    table.employer_next = writer.next_number["employer"]
    table.ta_next = writer.ta_next
    counts = writer.counts()
    audit.record(session, admin.id, "table.generated", table, table_id=table.id, detail=counts)
    session.flush()
    return Generated(
        table_id=table.id,
        user_ids={k: v.id for k, v in people.items()},
        emails={k: v.email for k, v in people.items()},
        article_ids=writer.article_ids,
        clause_ids=writer.clause_ids,
        two_kb_versions=writer.two_kb_versions(),
        free_clause_ids=[c for c in writer.clause_ids if c not in writer.agreed],
        counts=counts,
    )


class _Writer:
    """Builds the record level by level, keeping what later levels need."""

    def __init__(self, session: Any, rng: random.Random, table_id: int, user_ids: dict[str, int]) -> None:
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

    def contract(self, spec: Spec) -> None:
        """Articles, clauses and base versions (the same text as plain_contract)."""
        from sqlalchemy import Table, bindparam, update

        from bargaining.models import Article, Clause, ClauseVersion

        plain = plain_contract(spec.articles, spec.clauses, spec.seed)
        self.rng.random()  # the record's own stream starts after the text's
        # About one clause in seven is never proposed on: its status stays status quo.
        self.quiet = {n for n in range(len(plain)) if self.rng.random() < QUIET}
        if len(self.quiet) == len(plain):
            self.quiet = set()
        sizes = article_sizes(spec.articles, spec.clauses)
        self.article_ids = _insert(
            self.session,
            Article,
            [
                {
                    "table_id": self.table_id,
                    "number": str(a),
                    "title": TITLES[(a - 1) % len(TITLES)] + ("" if a <= len(TITLES) else f" ({a})"),
                    "position": a,
                    "in_base": True,
                }
                for a in range(1, spec.articles + 1)
            ],
        )
        self.clause_ids = _insert(
            self.session,
            Clause,
            [
                {
                    "table_id": self.table_id,
                    "article_id": self.article_ids[c.article - 1],
                    "number": c.number,
                    "heading": c.heading,
                    "position": int(c.number.split(".")[1]),
                    "in_base": True,
                }
                for c in plain
            ],
        )
        start = 0
        for size in sizes:
            self.by_article.append(self.clause_ids[start : start + size])
            start += size
        base_at = T0 - timedelta(days=30)
        base_ids = _insert(
            self.session,
            ClauseVersion,
            [
                {
                    "clause_id": cid,
                    "table_id": self.table_id,
                    "text": c.text,
                    "content_hash": content_hash(c.text),
                    "author_side": BASE_SIDE,
                    "created_by_id": self.author["union"],
                    "created_at": base_at,
                }
                for cid, c in zip(self.clause_ids, plain, strict=True)
            ],
        )
        self.quiet = {self.clause_ids[n] for n in self.quiet}
        for cid, vid, c in zip(self.clause_ids, base_ids, plain, strict=True):
            self.base[cid] = (vid, c.text)
            self.versions[cid].append(vid)
        table = cast(Table, Clause.__table__)
        self.session.execute(
            update(table).where(table.c.id == bindparam("cid")).values(base_version_id=bindparam("vid")),
            [{"cid": cid, "vid": vid} for cid, vid in zip(self.clause_ids, base_ids, strict=True)],
        )

    def parent(self, clause_id: int, side: str) -> tuple[int, str]:
        """The language a side edits from: its latest version, else the base."""
        return self.latest.get((clause_id, side)) or self.base[clause_id]

    def bargain(self, budget: int) -> None:
        """Rounds of proposals, union then employer, ARTICLES_PER_PROPOSAL articles each,
        until exactly ``budget`` new versions exist."""
        blocks = [
            [c for art in self.by_article[b : b + ARTICLES_PER_PROPOSAL] for c in art]
            for b in range(0, len(self.by_article), ARTICLES_PER_PROPOSAL)
        ]
        last_of: dict[tuple[int, str], int] = {}  # (block, side) -> proposal id
        round_no = 0
        while budget > 0:
            for side in ("union", "employer"):
                moves: list[tuple[int, _Move]] = []
                for b, block in enumerate(blocks):
                    if budget <= 0:
                        break
                    move = self.plan(block, side, round_no, budget)
                    if move is None:
                        continue
                    move.responds_to = last_of.get((b, "employer" if side == "union" else "union"))
                    budget -= sum(1 for i in move.items if i["action"] == "amend")
                    moves.append((b, move))
                for b, pid in self.write_moves(moves):
                    last_of[(b, side)] = pid
                if budget <= 0:
                    break
            round_no += 1
            if round_no > 1000:  # every clause deleted: no language left to amend
                raise ValueError("cannot place that many versions on these clauses")
        self.supersede()

    def plan(self, block: list[int], side: str, round_no: int, budget: int) -> _Move | None:
        """Pick the clauses of one proposal and what it does to each."""
        share = 0.7 if round_no == 0 else 0.5
        chosen = [
            c for c in block if c not in self.deleted and c not in self.quiet and self.rng.random() < share
        ]
        if not chosen:
            return None
        items: list[dict[str, Any]] = []
        amends = 0
        for cid in chosen:
            roll = self.rng.random()
            if roll < 0.01 and side == "union" and round_no > 0:
                items.append({"clause_id": cid, "action": "delete"})
            elif roll < 0.10 and side == "employer":
                items.append({"clause_id": cid, "action": "status_quo"})
            elif amends < budget:
                other = self.latest.get((cid, "union" if side == "employer" else "employer"))
                if other is not None and self.rng.random() < 0.08:
                    text = other[1]  # accepts the other side's language: ready to TA
                else:
                    text = edit_text(self.rng, self.parent(cid, side)[1])
                items.append({"clause_id": cid, "action": "amend", "text": text})
                amends += 1
        if not items:
            return None
        return _Move(side, items, is_package=self.rng.random() < 0.04)

    def write_moves(self, planned: list[tuple[int, _Move]]) -> list[tuple[int, int]]:
        """Insert one round-side's proposals, their versions and items; return (block, id)."""
        from bargaining.models import ClauseVersion, Proposal, ProposalItem, proposal_responses

        if not planned:
            return []
        moves = [m for _, m in planned]
        rows = []
        for move in moves:
            number = self.next_number[move.side]
            self.next_number[move.side] += 1
            at = self.tick()
            withdrawn = self.rng.random() < 0.02
            move.state = "withdrawn" if withdrawn else "passed"
            prefix = "U" if move.side == "union" else "E"
            rows.append(
                {
                    "table_id": self.table_id,
                    "side": move.side,
                    "state": move.state,
                    "number": number,
                    "label": f"{prefix}-{number}",
                    "title": f"{'Union' if move.side == 'union' else 'Employer'} proposal {prefix}-{number}",
                    "rationale": sentence(self.rng),
                    "is_package": move.is_package,
                    "created_by_id": self.author[move.side],
                    "created_at": at - timedelta(days=1),
                    "updated_at": at - timedelta(days=1),
                    "passed_at": at,
                    "passed_by_id": self.author[move.side],
                    "withdrawn_at": at + timedelta(days=3) if withdrawn else None,
                    "withdrawn_by_id": self.author[move.side] if withdrawn else None,
                }
            )
        ids = _insert(self.session, Proposal, rows)
        responses = [
            {"proposal_id": pid, "responds_to_id": m.responds_to}
            for pid, m in zip(ids, moves, strict=True)
            if m.responds_to is not None
        ]
        if responses:
            self.session.execute(proposal_responses.insert(), responses)
        versions, pending = [], []
        for pid, move, row in zip(ids, moves, rows, strict=True):
            for item in move.items:
                if item["action"] != "amend":
                    continue
                cid = item["clause_id"]
                versions.append(
                    {
                        "clause_id": cid,
                        "table_id": self.table_id,
                        "text": item["text"],
                        "content_hash": content_hash(item["text"]),
                        "author_side": move.side,
                        "proposal_id": pid,
                        "parent_id": self.parent(cid, move.side)[0],
                        "created_by_id": self.author[move.side],
                        "created_at": row["passed_at"],
                    }
                )
                pending.append((move, item))
        version_ids = _insert(self.session, ClauseVersion, versions)
        for (move, item), new_id, version in zip(pending, version_ids, versions, strict=True):
            item["version_id"], item["content_hash"] = new_id, version["content_hash"]
            if move.state == "passed":
                self.latest[(item["clause_id"], move.side)] = (new_id, item["text"])
            self.versions[item["clause_id"]].append(new_id)
            self.n["amend"] += 1
        item_rows = []
        for pid, move in zip(ids, moves, strict=True):
            for position, item in enumerate(move.items, start=1):
                cid = item["clause_id"]
                vid: int | None = None
                if item["action"] == "delete":
                    digest, vid = DELETED_HASH, None
                    if move.state == "passed":
                        self.deleted.add(cid)
                elif item["action"] == "status_quo":
                    digest, vid = content_hash(self.base[cid][1]), None
                else:
                    digest, vid = item["content_hash"], item["version_id"]
                item_rows.append(
                    {
                        "proposal_id": pid,
                        "position": position,
                        "action": item["action"],
                        "clause_id": cid,
                        "text": item.get("text"),
                        "version_id": vid,
                        "content_hash": digest,
                    }
                )
                self.n[item["action"]] += 0 if item["action"] == "amend" else 1
            if move.state == "passed":
                self.passed.append((pid, move.side, {i["clause_id"] for i in move.items}))
            self.n["proposals"] += 1
            self.n["withdrawn"] += move.state == "withdrawn"
        _insert(self.session, ProposalItem, item_rows)
        return [(b, pid) for (b, _), pid in zip(planned, ids, strict=True)]

    def supersede(self) -> None:
        """Mark earlier passed proposals whose every clause a later one of the side changes."""
        from sqlalchemy import update

        from bargaining.models import Proposal

        covered: dict[str, set[int]] = {"union": set(), "employer": set()}
        superseded = []
        for pid, side, clauses in reversed(self.passed):
            if clauses <= covered[side]:
                superseded.append(pid)
            covered[side] |= clauses
        if superseded:
            self.session.execute(
                update(Proposal).where(Proposal.id.in_(superseded)).values(state="superseded"),
                execution_options={"synchronize_session": False},
            )
        self.n["superseded"] = len(superseded)

    def agree(self) -> None:
        """Signed TAs on about a fifth of the clauses both sides moved on; a few pending ones."""
        from bargaining.domain.records import Action
        from bargaining.models import TAItem, TentativeAgreement
        from bargaining.services.ta_items import agreed_hash

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
        rows, items = [], []
        for state, clauses in plans:
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
            rows.append(
                {
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
            )
            items.append(ta_items)
            self.ta_next += 1
            self.agreed.update(c for c, _vid, _text in clauses)
            self.n["ta_" + state] += 1
            self.n["ta_clauses"] += len(clauses)
        ta_ids = _insert(self.session, TentativeAgreement, rows)
        _insert(
            self.session,
            TAItem,
            [{"ta_id": tid, **item} for tid, group in zip(ta_ids, items, strict=True) for item in group],
        )

    def drafts(self) -> None:
        """A few drafts per side (no versions: drafts version nothing until passed)."""
        from bargaining.models import Proposal, ProposalItem

        free = [c for c in self.clause_ids if c not in self.agreed and c not in self.deleted]
        plans = []
        for side in ("union", "employer"):
            for _ in range(min(3, len(free))):
                plans.append((side, self.rng.sample(free, min(4, len(free)))))
        ids = _insert(
            self.session,
            Proposal,
            [
                {
                    "table_id": self.table_id,
                    "side": side,
                    "state": "draft",
                    "title": f"Working draft ({side})",
                    "created_by_id": self.author[side],
                }
                for side, _ in plans
            ],
        )
        _insert(
            self.session,
            ProposalItem,
            [
                {
                    "proposal_id": pid,
                    "position": k,
                    "action": "amend",
                    "clause_id": cid,
                    "text": edit_text(self.rng, self.parent(cid, side)[1]),
                }
                for pid, (side, clauses) in zip(ids, plans, strict=True)
                for k, cid in enumerate(clauses, start=1)
            ],
        )
        self.n["drafts"] = len(ids)

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


# ---------------------------------------------------------------- command line


def issue_tokens(session: Any, user_ids: dict[str, int], name: str = "bench") -> dict[str, str]:
    """A fresh API token per role, through the users service (clear tokens, shown once)."""
    from bargaining.models import User
    from bargaining.services import users

    return {
        role: users.issue_token(session, session.get(User, uid), name)[1] for role, uid in user_ids.items()
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--clauses", type=int, default=1500)
    parser.add_argument("--versions", type=int, default=10000, help="every version, base ones included")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--title")
    parser.add_argument(
        "--db",
        default=os.environ.get("BARGAINING_DATABASE_URL"),
        help="SQLAlchemy URL (default: $BARGAINING_DATABASE_URL, else the app's default)",
    )
    parser.add_argument("--init-db", action="store_true", help="run the migrations first")
    parser.add_argument("--tokens-file", type=Path, help="write a token per role here (mode 0600)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate one table; print what was written as JSON."""
    args = parse_args(argv)
    from bargaining import migrate
    from bargaining.config import DEFAULT_DB
    from bargaining.db import make_engine

    url = args.db or DEFAULT_DB
    engine = make_engine(url)
    try:
        if args.init_db:
            migrate.upgrade(engine)
        spec = Spec(args.articles, args.clauses, args.versions, args.seed, args.title)
        from sqlalchemy.orm import Session

        with Session(engine) as session:
            generated = generate(session, spec)
            tokens = issue_tokens(session, generated.user_ids) if args.tokens_file else {}
            session.commit()
    except ValueError as exc:
        print(f"gen_table: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    if args.tokens_file:
        fd = os.open(args.tokens_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(tokens, handle, indent=2)
    summary = asdict(generated)
    summary["two_kb_clauses"] = len(summary.pop("two_kb_versions"))
    summary["free_clauses"] = len(summary.pop("free_clause_ids"))
    summary["article_ids"] = [generated.article_ids[0], generated.article_ids[-1]]
    summary["clause_ids"] = [generated.clause_ids[0], generated.clause_ids[-1]]
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
