"""Contract text for the generated tables: seeded prose, word edits, whole plain contracts (pure).

The same seed gives the same text. The benchmark's engine section uses these too, for its
synthetic contracts.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

# Clause lengths (characters) drawn from this list, +/- 10%: three in seven are about 2 KB.
LENGTHS = (300, 700, 1200, 2000, 2000, 2000, 3200)
TWO_KB = (1800, 2200)

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
