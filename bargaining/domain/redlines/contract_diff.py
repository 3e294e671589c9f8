"""Redlines of whole contracts or articles: clause alignment, moves, long plain texts."""

# Clauses are matched by key first. Unmatched clauses whose non-blank text is the same
# (whitespace aside) are matched next, in document order, and reported under the NEW key:
# those are moves or renumberings. Matched clauses outside the longest run kept in the same
# order (judged among clauses that kept their article), or now under another article, are
# "moved"; in place with a new number they are "renumbered"; a change of text wins over both.
# Headings are not compared: a ClauseDiff carries the new heading (the old one for a deleted
# clause).

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from bargaining.domain.redlines.alignment import in_order, pair_by_key_then_text
from bargaining.domain.redlines.engine import Op, diff_words, stats

ChangeKind = Literal["unchanged", "changed", "added", "deleted", "moved", "renumbered"]


@dataclass(frozen=True, slots=True)
class DocClause:
    """One clause of a document as plain data; the key is its stable identity."""

    key: str
    article: str
    number: str
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class ClauseDiff:
    """How one clause changed between two documents, with its word-level redline."""

    key: str
    article: str
    old_number: str | None
    new_number: str | None
    heading: str
    change: ChangeKind
    ops: list[Op] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form, ops included."""
        return {
            "key": self.key,
            "article": self.article,
            "old_number": self.old_number,
            "new_number": self.new_number,
            "heading": self.heading,
            "change": self.change,
            "ops": [op.to_dict() for op in self.ops],
        }


def diff_long_text(old: str, new: str, *, ignore_whitespace: bool = True) -> list[Op]:
    """Redline two long plain texts: paragraphs first, then lines, sentences, words."""
    return diff_words(old, new, ignore_whitespace=ignore_whitespace)


def _check_keys(clauses: Sequence[DocClause], side: str) -> None:
    """Fail when two clauses on one side share a key."""
    keys = [c.key for c in clauses]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate clause keys in the {side} document")


def _pair_clauses(old: Sequence[DocClause], new: Sequence[DocClause]) -> dict[int, int]:
    """Return new index -> old index: same key first, then same non-blank text in order."""
    return pair_by_key_then_text([(c.key, c.text) for c in old], [(c.key, c.text) for c in new])


def _classify(old: DocClause, new: DocClause, ops: list[Op], kept: bool) -> ChangeKind:
    """Name the change of a matched clause: changed, moved, renumbered or unchanged."""
    if stats(ops).changed:
        return "changed"
    if not kept or old.article != new.article:
        return "moved"
    if old.number != new.number:
        return "renumbered"
    return "unchanged"


def _matched(old: DocClause, new: DocClause, kept: bool, ignore: bool) -> ClauseDiff:
    """Build the diff of a clause present on both sides."""
    ops = diff_words(old.text, new.text, ignore_whitespace=ignore)
    return ClauseDiff(
        key=new.key,
        article=new.article,
        old_number=old.number,
        new_number=new.number,
        heading=new.heading,
        change=_classify(old, new, ops, kept),
        ops=ops,
    )


def _added(new: DocClause) -> ClauseDiff:
    """Build the diff of a clause only in the new document."""
    ops = [Op("insert", new.text)] if new.text else []
    return ClauseDiff(new.key, new.article, None, new.number, new.heading, "added", ops)


def _deleted(old: DocClause) -> ClauseDiff:
    """Build the diff of a clause only in the old document."""
    ops = [Op("delete", old.text)] if old.text else []
    return ClauseDiff(old.key, old.article, old.number, None, old.heading, "deleted", ops)


def _deleted_after(old: Sequence[DocClause], pairs: dict[int, int], kept: set[int]) -> dict[int, list[int]]:
    """Place each unmatched old clause after the new index of the last in-order one before it."""
    new_of_old = {i: j for j, i in pairs.items() if i in kept}
    matched = set(pairs.values())
    anchor = -1
    placed: dict[int, list[int]] = defaultdict(list)
    for i in range(len(old)):
        if i in new_of_old:
            anchor = new_of_old[i]
        elif i not in matched:
            placed[anchor].append(i)
    return placed


def diff_documents(
    old: Sequence[DocClause], new: Sequence[DocClause], *, ignore_whitespace: bool = True
) -> list[ClauseDiff]:
    """Diff two documents clause by clause, in new order with deletions where they stood."""
    _check_keys(old, "old")
    _check_keys(new, "new")
    pairs = _pair_clauses(old, new)
    # Order is judged among clauses that kept their article: a clause moved to another article is
    # "moved" anyway and must not make the clauses it jumped over look moved.
    kept = in_order(
        [pairs[j] for j in range(len(new)) if j in pairs and old[pairs[j]].article == new[j].article]
    )
    placed = _deleted_after(old, pairs, kept)
    result = [_deleted(old[i]) for i in placed.get(-1, [])]
    for j, clause in enumerate(new):
        if j in pairs:
            i = pairs[j]
            result.append(_matched(old[i], clause, i in kept, ignore_whitespace))
        else:
            result.append(_added(clause))
        result.extend(_deleted(old[i]) for i in placed.get(j, []))
    return result
