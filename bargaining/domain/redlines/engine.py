"""Word-level redlines of clause text, built on diff-match-patch."""

# How it works: each text is cut into paragraphs; each distinct paragraph becomes one character
# and diff-match-patch aligns the two strings, anchoring only on paragraphs found once on each
# side (as a patience diff does). Runs of changed paragraphs are aligned the same way by lines,
# then by sentences, and finally word by word with semantic cleanup: tokens are a word with
# its attached punctuation, or a whitespace run. The C++ binding ``fast_diff_match_patch`` is
# used when it imports, the pure-Python ``diff_match_patch`` otherwise.
#
# Time bound: first by size, deterministically: a word diff of more than TOKENS_AT_ONCE tokens is
# aligned by whole lines first, and texts past LINES_ONLY_AT characters by lines only. Then, as a
# backstop, a redline gets BUDGET_SECONDS of wall time in all: each diff runs with the time left
# as its limit; a diff that runs out (or starts with no time left) returns a coarser but still
# exact alignment (the rest of that run deleted whole and inserted whole). Either way the redline
# says so (``Redline.coarse``). The backstop depends on the machine's load, the size rules do not.
#
# Whitespace: with ``ignore_whitespace=True`` all whitespace runs compare equal. Where the
# texts differ only in whitespace, the result is an ``equal`` op whose ``text`` is the NEW text
# and whose ``old`` is the OLD text (``old`` is None when they are the same), so renderers show
# it as unchanged and ``apply_old``/``apply_new`` both round-trip exactly. Op boundaries always
# fall between whitespace and non-whitespace, so no op starts or ends inside a word.
#
# Modules: the ops and what they count are in ops.py, the time budget in budget.py, the collecting
# of runs in builder.py; this module aligns (and re-exports the names its callers import).

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from diff_match_patch import diff_match_patch

from bargaining.domain.redlines.budget import BUDGET_SECONDS, Budget
from bargaining.domain.redlines.builder import Builder
from bargaining.domain.redlines.ops import (
    Op,
    OpKind,
    RedlineStats,
    apply_new,
    apply_old,
    count_word_cuts,
    stats,
)
from bargaining.domain.redlines.tokens import (
    encode_pair,
    split_lines,
    split_paragraphs,
    split_sentences,
    text_key,
    token_key,
    tokenize,
)

__all__ = [
    "BUDGET_SECONDS",
    "LINES_ONLY_AT",
    "TOKENS_AT_ONCE",
    "Budget",
    "Op",
    "OpKind",
    "Redline",
    "RedlineStats",
    "apply_new",
    "apply_old",
    "count_word_cuts",
    "diff_words",
    "dmp_backend",
    "raw_char_diff_seconds",
    "redline",
    "stats",
]
_PY_OPS = {0: "=", -1: "-", 1: "+"}


def _load_fast() -> Any:
    """Return the C++ diff-match-patch binding, or None when it does not import."""
    try:
        return importlib.import_module("fast_diff_match_patch")
    except ImportError:  # pragma: no cover - the binding is a declared dependency
        return None


_fast: Any = _load_fast()


def dmp_backend() -> str:
    """Return which diff-match-patch implementation is in use: 'c++' or 'python'."""
    return "python" if _fast is None else "c++"


def _diff_codes(old: str, new: str, *, semantic: bool, budget: Budget | None = None) -> list[tuple[str, int]]:
    """Diff two code strings within the budget; return (op, length) pairs, op in '=-+'."""
    limit = 0.0 if budget is None else budget.limit()
    if limit is None:
        return [(op, n) for op, n in (("-", len(old)), ("+", len(new))) if n]
    try:
        return _run_diff(old, new, semantic, limit)
    finally:
        if budget is not None:
            budget.check()


def _run_diff(old: str, new: str, semantic: bool, limit: float) -> list[tuple[str, int]]:
    """One diff-match-patch run with a time limit (0: none)."""
    if _fast is not None:
        try:
            result = _fast.diff(
                old,
                new,
                timelimit=limit,
                checklines=False,
                cleanup="Semantic" if semantic else "No",
                counts_only=True,
            )
            return [(str(op), int(n)) for op, n in result]
        except (ValueError, UnicodeError):  # pragma: no cover - e.g. astral chars on Windows
            pass
    dmp = diff_match_patch()
    dmp.Diff_Timeout = limit  # the default of 1 s would give a non-minimal diff on big inputs
    diffs = dmp.diff_main(old, new, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(_PY_OPS[op], len(text)) for op, text in diffs]


_Splitter = Callable[[str], list[str]]
# Paragraphs; inside runs of changed paragraphs, lines; inside those, sentences; then words.
_LEVELS: tuple[_Splitter, ...] = (split_paragraphs, split_lines, split_sentences)
# Runs of changed parts shorter than this (old + new characters) go straight to words.
_WORDS_AT_ONCE = 4000


def _diff_level(old: str, new: str, level: int, out: Builder, ignore: bool) -> None:
    """Align the units of one level on unique anchors; changed runs go one level down."""
    # Only units found once on each side can match (as in a patience diff) and there is no
    # cleanup, so every equal unit is a true anchor and runs between anchors stay small.
    old_units, new_units = _LEVELS[level](old), _LEVELS[level](new)
    i = j = 0
    for match_i, match_j, n in _anchor_runs(old_units, new_units, ignore, out.budget):
        if match_i > i or match_j > j:
            _diff_run(old_units[i:match_i], new_units[j:match_j], level, out, ignore)
        out.equal("".join(new_units[match_j : match_j + n]), "".join(old_units[match_i : match_i + n]))
        i, j = match_i + n, match_j + n
    if i < len(old_units) or j < len(new_units):
        _diff_run(old_units[i:], new_units[j:], level, out, ignore)


def _anchor_runs(
    old_units: list[str], new_units: list[str], ignore: bool, budget: Budget
) -> list[tuple[int, int, int]]:
    """The matched anchors as (old index, new index, length) runs, in order.

    Units found on one side only can never match, so they are left out of the diff: it runs on
    the anchors alone, and its cost (O(N*D)) stays linear when every unit has changed."""
    old_codes, new_codes = encode_pair(old_units, new_units, text_key if ignore else None, unique_only=True)
    shared = set(old_codes).intersection(new_codes)
    old_at = [k for k, code in enumerate(old_codes) if code in shared]
    new_at = [k for k, code in enumerate(new_codes) if code in shared]
    a = "".join(old_codes[k] for k in old_at)
    b = "".join(new_codes[k] for k in new_at)
    runs: list[tuple[int, int, int]] = []
    x = y = 0
    for op, n in _diff_codes(a, b, semantic=False, budget=budget) if a and b else []:
        if op == "=":
            for k in range(n):
                oi, nj = old_at[x + k], new_at[y + k]
                if runs and runs[-1][0] + runs[-1][2] == oi and runs[-1][1] + runs[-1][2] == nj:
                    runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + 1)
                else:
                    runs.append((oi, nj, 1))
            x, y = x + n, y + n
        elif op == "-":
            x += n
        else:
            y += n
    return runs


def _diff_run(old: list[str], new: list[str], level: int, out: Builder, ignore: bool) -> None:
    """Diff a run of changed units one level down, or word by word after the last level."""
    old_text, new_text = "".join(old), "".join(new)
    if old_text == new_text or (ignore and old_text.split() == new_text.split()):
        out.equal(new_text, old_text)
    elif not old_text or not new_text:
        out.delete(old_text)
        out.insert(new_text)
    elif level + 1 < len(_LEVELS) and len(old_text) + len(new_text) > _WORDS_AT_ONCE:
        _diff_level(old_text, new_text, level + 1, out, ignore)
    else:
        _diff_tokens(old_text, new_text, out, ignore)


# A word diff of more tokens than this (both sides) could take seconds when the texts differ
# throughout: such a run is first aligned by whole lines, and only runs of changed lines small
# enough are diffed word by word (the rest deleted and inserted whole). The redline says so.
TOKENS_AT_ONCE = 24_000
# Texts longer than this (both sides, in characters) are aligned by lines only, within the budget.
LINES_ONLY_AT = 1_000_000


def _diff_tokens(old: str, new: str, out: Builder, ignore: bool) -> None:
    """Diff two texts token by token with semantic cleanup, into the builder."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    if out.budget.deadline is not None and len(old_tokens) + len(new_tokens) > TOKENS_AT_ONCE:
        out.budget.coarse = True
        _diff_lines_coarsely(old, new, out, ignore)
        return
    i = j = 0
    codes = encode_pair(old_tokens, new_tokens, token_key if ignore else None)
    for op, n in _diff_codes(*codes, semantic=True, budget=out.budget):
        if op == "=":
            out.equal("".join(new_tokens[j : j + n]), "".join(old_tokens[i : i + n]))
            i, j = i + n, j + n
        elif op == "-":
            out.delete("".join(old_tokens[i : i + n]))
            i += n
        else:
            out.insert("".join(new_tokens[j : j + n]))
            j += n


@dataclass(frozen=True, slots=True)
class Redline:
    """A redline's ops, and whether the time budget forced a coarser alignment somewhere."""

    ops: tuple[Op, ...]
    coarse: bool


def redline(
    old: str, new: str, *, ignore_whitespace: bool = True, budget: float | None = BUDGET_SECONDS
) -> Redline:
    """Return the word-level redline turning old into new, within the time budget (None: no limit)."""
    out = Builder(ignore_whitespace, Budget(budget))
    if budget is not None and len(old) + len(new) > LINES_ONLY_AT:
        out.budget.coarse, out.words = True, False
        _diff_lines_coarsely(old, new, out, ignore_whitespace)
    else:
        _diff_run([old], [new], -1, out, ignore_whitespace)
    return Redline(tuple(out.finish()), out.budget.coarse)


def _diff_lines_coarsely(old: str, new: str, out: Builder, ignore: bool) -> None:
    """Align whole lines (every line may match, not only unique ones); word-diff small changed runs."""
    old_lines, new_lines = split_lines(old), split_lines(new)
    codes = encode_pair(old_lines, new_lines, text_key if ignore else None)
    i = j = 0
    pending: tuple[list[str], list[str]] = ([], [])
    for op, n in _diff_codes(*codes, semantic=False, budget=out.budget):
        if op == "=":
            _flush_lines(pending, out, ignore)
            out.equal("".join(new_lines[j : j + n]), "".join(old_lines[i : i + n]))
            i, j = i + n, j + n
        elif op == "-":
            pending[0].extend(old_lines[i : i + n])
            i += n
        else:
            pending[1].extend(new_lines[j : j + n])
            j += n
    _flush_lines(pending, out, ignore)


def _flush_lines(pending: tuple[list[str], list[str]], out: Builder, ignore: bool) -> None:
    """Word-diff a run of changed lines if it is small enough, else delete and insert it whole."""
    old_text, new_text = "".join(pending[0]), "".join(pending[1])
    pending[0].clear()
    pending[1].clear()
    if not old_text and not new_text:
        return
    small = len(old_text) + len(new_text) <= _WORDS_AT_ONCE * 4
    if small and old_text and new_text and out.words:
        _diff_tokens(old_text, new_text, out, ignore)
    elif ignore and old_text.split() == new_text.split():
        out.equal(new_text, old_text)
    else:
        out.delete(old_text)
        out.insert(new_text)


def diff_words(old: str, new: str, *, ignore_whitespace: bool = True) -> list[Op]:
    """Return the word-level redline turning old into new, with no time limit."""
    return list(redline(old, new, ignore_whitespace=ignore_whitespace, budget=None).ops)


def raw_char_diff_seconds(old: str, new: str) -> float:
    """Time a raw character-level diff of old and new (C++ binding if present, no limit)."""
    start = time.perf_counter()
    if _fast is not None:
        _fast.diff(old, new, timelimit=0, checklines=False, cleanup="Semantic", counts_only=True)
    else:  # pragma: no cover - the binding is a declared dependency
        dmp = diff_match_patch()
        dmp.Diff_Timeout = 0.0
        dmp.diff_cleanupSemantic(dmp.diff_main(old, new, False))
    return time.perf_counter() - start
