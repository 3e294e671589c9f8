"""Differences that are only spacing: words split by a stray space folded away, and counted."""

# With whitespace ignored, the engine already treats runs of spaces and line breaks as equal.
# Text extracted from PDFs also splits words with a stray space ("th an" for "than"); a change
# whose old and new text are the same once every space is removed is such a split, and is folded
# into an equal op (its ``old`` keeping the old text, as for any whitespace-only difference), so
# both texts still round-trip exactly. ``ignored_differences`` counts what was folded: each place
# where the whitespace differs, and each split (or joined) word.

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.tokens import is_blank, tokenize


def _squeezed(text: str) -> str:
    """The text with every whitespace character removed."""
    return "".join(text.split())


def _fold(group: list[Op]) -> list[Op]:
    """A run of changes (maybe with blank equal runs inside): one equal op if only spacing differs."""
    old = "".join(op.old_text for op in group)
    new = "".join(op.new_text for op in group)
    if any(op.kind != "equal" for op in group) and _squeezed(old) == _squeezed(new) and _squeezed(new):
        return [Op("equal", new, None if old == new else old)]
    return group


def _merge(ops: Iterable[Op]) -> list[Op]:
    """Merge neighbouring equal ops into one."""
    out: list[Op] = []
    for op in ops:
        if out and op.kind == "equal" and out[-1].kind == "equal":
            last = out.pop()
            new, old = last.text + op.text, last.old_text + op.old_text
            op = Op("equal", new, None if old == new else old)
        out.append(op)
    return out


def fold_split_words(ops: Sequence[Op]) -> list[Op]:
    """Fold changes that only move spaces inside words ('th an' / 'than') into equal ops."""
    out: list[Op] = []
    group: list[Op] = []
    for op in ops:
        if op.kind != "equal" or (group and is_blank(op.text) and is_blank(op.old_text)):
            group.append(op)
            continue
        out += _fold_group(group)
        group = []
        out.append(op)
    out += _fold_group(group)
    return _merge(out)


def _fold_group(group: list[Op]) -> list[Op]:
    """Fold a group of changes, leaving its trailing blank equal runs as they are."""
    end = len(group)
    while end and group[end - 1].kind == "equal":
        end -= 1
    return _fold(group[:end]) + group[end:]


def ignored_differences(ops: Iterable[Op]) -> int:
    """How many spacing differences equal ops hide: changed whitespace runs and split words."""
    return sum(_count(op.old, op.text) for op in ops if op.kind == "equal" and op.old is not None)


def _count(old: str, new: str) -> int:
    """Places where old and new differ, given that they differ only in whitespace."""
    a = tokenize(old)
    b = tokenize(new)
    i = j = count = 0
    while i < len(a) and j < len(b):
        x, y = a[i], b[j]
        if x.isspace() and y.isspace():
            count += x != y
            i, j = i + 1, j + 1
        elif x == y:
            i, j = i + 1, j + 1
        elif x.isspace() or y.isspace():
            count += 1
            i, j = (i + 1, j) if x.isspace() else (i, j + 1)
        else:
            count += 1
            i, j = _resync(a, b, i, j)
    return count + (i < len(a)) + (j < len(b))


def _resync(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int]:
    """Skip a split word: advance both sides until their words joined so far are the same."""
    left, right = a[i], b[j]
    i, j = i + 1, j + 1
    while _squeezed(left) != _squeezed(right) and (i < len(a) or j < len(b)):
        if len(_squeezed(left)) <= len(_squeezed(right)) and i < len(a):
            left += a[i]
            i += 1
        elif j < len(b):
            right += b[j]
            j += 1
        else:
            left += a[i]
            i += 1
    return i, j
