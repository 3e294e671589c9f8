"""Verifying the tentative contract by hash; the hashes of a whole TA and of the whole contract."""

# Verification recomputes every listed clause's hash from the version TEXT and compares it with
# the hash the signed TA item (or, for base text, the base version) stored.

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bargaining.domain.contract import AgreedItem, CompiledClause, Contract, Source, UnsettledClause
from bargaining.domain.hashing import DELETED_HASH, content_hash
from bargaining.domain.records import ClauseStatusKind

MismatchReason = Literal["text_changed", "text_missing", "foreign_version"]


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A clause whose text does not hash to what was agreed (or stored as base)."""

    clause_id: int
    number: str
    source: Source
    ta_label: str | None
    expected: str | None
    actual: str | None
    reason: MismatchReason


@dataclass(frozen=True, slots=True)
class Orphan:
    """A signed TA naming a clause that no longer exists at the table."""

    ta_id: int
    ta_label: str
    clause_id: int


@dataclass(frozen=True, slots=True)
class AlteredTA:
    """A signed TA whose items no longer hash to the agreement hash stored when it was offered."""

    ta_id: int
    ta_label: str
    expected: str
    actual: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two or more clauses of one article that would carry the same number."""

    article_number: str
    number: str
    clause_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of verifying a compiled contract."""

    checked: int
    mismatches: tuple[Mismatch, ...]
    unsettled: tuple[UnsettledClause, ...]
    orphans: tuple[Orphan, ...]
    altered_tas: tuple[AlteredTA, ...]
    duplicates: tuple[Duplicate, ...]

    @property
    def complete(self) -> bool:
        """No clause is open or awaiting a countersignature."""
        return not self.unsettled

    @property
    def ok(self) -> bool:
        """Complete, and every clause's text is exactly what was agreed."""
        return self.complete and not (self.mismatches or self.orphans or self.altered_tas or self.duplicates)

    def problems(self, limit: int = 10) -> list[str]:
        """Plain sentences naming what is wrong (at most limit, then a count of the rest)."""
        out = [f"Clause {m.number} ({m.clause_id}): {_REASONS[m.reason]}." for m in self.mismatches]
        out += [f"Clause {u.number} ({u.clause_id}) is {_STATUS_WORDS[u.status]}." for u in self.unsettled]
        out += [f"{o.ta_label} names clause {o.clause_id}, which no longer exists." for o in self.orphans]
        out += [f"{t.ta_label}: its items no longer match the signed agreement." for t in self.altered_tas]
        out += [
            f"Article {d.article_number} would have {len(d.clause_ids)} clauses numbered {d.number}."
            for d in self.duplicates
        ]
        if len(out) > limit:
            out = [*out[:limit], f"… and {len(out) - limit} more."]
        return out


_REASONS: dict[MismatchReason, str] = {
    "text_changed": "its text does not match the hash that was agreed",
    "text_missing": "its agreed text is missing",
    "foreign_version": "its text belongs to another clause",
}
_STATUS_WORDS = {
    ClauseStatusKind.OPEN: "still open",
    ClauseStatusKind.TA_PENDING: "awaiting a countersignature",
}


def agreement_hash(items: Iterable[AgreedItem]) -> str:
    """Hash a whole TA: every clause with its action and the hash of its agreed language."""
    lines = sorted(f"{i.clause_id}:{i.action.value}:{i.content_hash}" for i in items)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def verify_contract(contract: Contract) -> Verification:
    """Recompute every listed clause's hash from its text and check the signed TAs."""
    listed = list(contract.clauses)
    checked = [c for c in listed if c.source != "open"]
    return Verification(
        checked=len(checked),
        mismatches=tuple(m for m in map(_mismatch, checked) if m is not None),
        unsettled=contract.unsettled,
        orphans=tuple(
            Orphan(ta.id, ta.label, item.clause_id)
            for ta in contract.signed
            for item in ta.items
            if item.clause_id not in contract.clause_ids
        ),
        altered_tas=tuple(
            AlteredTA(ta.id, ta.label, ta.agreed_hash, agreement_hash(ta.items))
            for ta in contract.signed
            if agreement_hash(ta.items) != ta.agreed_hash
        ),
        duplicates=_duplicates(contract),
    )


def _mismatch(clause: CompiledClause) -> Mismatch | None:
    """Compare a clause's recomputed hash with the stored one."""
    actual = content_hash(clause.text) if clause.text is not None else None
    reason: MismatchReason | None = None
    if clause.text is None or clause.content_hash in (None, DELETED_HASH):
        reason = "text_missing"
    elif clause.version_clause_id != clause.clause_id:
        reason = "foreign_version"
    elif actual != clause.content_hash:
        reason = "text_changed"
    if reason is None:
        return None
    return Mismatch(
        clause.clause_id, clause.number, clause.source, clause.ta_label, clause.content_hash, actual, reason
    )


def _duplicates(contract: Contract) -> tuple[Duplicate, ...]:
    """Clause numbers used twice within one article of the compiled contract."""
    out = []
    for article in contract.articles:
        seen: dict[str, list[int]] = {}
        for clause in article.clauses:
            seen.setdefault(clause.number, []).append(clause.clause_id)
        out += [Duplicate(article.number, n, tuple(ids)) for n, ids in seen.items() if len(ids) > 1]
    return tuple(out)


def contract_hash(contract: Contract) -> str:
    """Hash the whole contract: article numbers and titles, clause numbers, headings and text hashes."""
    lines = []
    for article in contract.articles:
        lines.append(f"A\t{article.id}\t{article.number}\t{article.title}")
        for c in article.clauses:
            digest = content_hash(c.text) if c.text is not None else "-"
            lines.append(f"C\t{c.clause_id}\t{c.number}\t{c.heading}\t{c.source}\t{digest}")
    lines += [f"U\t{u.clause_id}\t{u.status.value}" for u in contract.unsettled]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()
