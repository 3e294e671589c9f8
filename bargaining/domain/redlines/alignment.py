"""Aligning two sequences of clauses: pairs by key then by text, and which pairs kept their order."""

# Shared by the contract redline (contract_diff) and the comparison of an incoming document with
# the record (intake.compare): both pair clauses by a stable key first, then unmatched clauses
# whose non-blank text is the same (whitespace aside) in document order, and call a pair "in
# order" when it lies on a longest increasing run of old positions.

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from bargaining.domain.redlines.tokens import text_key


def pair_by_key_then_text(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> dict[int, int]:
    """Return new index -> old index of (key, text) entries: same key first, then same text in order."""
    by_key = {key: i for i, (key, _text) in enumerate(old)}
    pairs = {j: by_key[key] for j, (key, _text) in enumerate(new) if key in by_key}
    taken = set(pairs.values())
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, (_key, text) in enumerate(old):
        if i not in taken and text_key(text):
            by_text[text_key(text)].append(i)
    for j, (_key, text) in enumerate(new):
        candidates = by_text.get(text_key(text)) if j not in pairs else None
        if candidates:
            pairs[j] = candidates.pop(0)
    return pairs


def in_order(values: Sequence[int]) -> set[int]:
    """Return the values of a longest increasing subsequence; ties keep smaller values."""
    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = []
    for k, value in enumerate(values):
        spot = bisect_left(tails, value)
        back.append(tail_at[spot - 1] if spot else -1)
        if spot == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[spot], tail_at[spot] = value, k
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        kept.add(values[k])
        k = back[k]
    return kept
