"""Property tests of the redline engine on random Unicode text and on real contracts."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargaining.domain.redlines import engine as redline
from bargaining.domain.redlines.engine import Op, apply_new, apply_old, count_word_cuts, diff_words
from bargaining.domain.redlines.tokens import is_blank, text_key
from tests.helpers import REALDATA

PAIR_A = ("oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt")

# Words, punctuation, every kind of whitespace, RTL letters, combining marks, emoji (astral),
# NUL, zero-width space and private-use glyphs like the contracts' bullets.
ALPHABET = [
    *"abc ABC 0123 .,;:!?()-\"'$%",
    "\u2013",
    "\u2019",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\f",
    "\v",
    "\u00a0",
    "\u2028",
    "\x1c",
    "\x85",
    "\u3000",
    "\x00",
    "\u200b",
    "\uf0a0",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "e\u0301",
    "\u0301",
    "\U0001f600",
    "\U0001f469\u200d\U0001f4bb",
    "\U00010348",
    "shall",
    "Employer",
    "Section 1.",
]
pieces = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one: independent, or the old one with a few spans replaced."""
    old = draw(pieces)
    if draw(st.booleans()):
        return old, draw(pieces)
    new = old
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(new)))
        end = draw(st.integers(start, min(len(new), start + 12)))
        new = new[:start] + draw(pieces) + new[end:]
    return old, new


def _boundaries_are_word_edges(ops: list[Op]) -> None:
    """Each side's op boundaries fall between whitespace and non-whitespace."""
    for side in ([op.old_text for op in ops], [op.new_text for op in ops]):
        parts = [p for p in side if p]
        for left, right in pairwise(parts):
            assert left[-1].isspace() != right[0].isspace(), (left, right)


def _check_ops(old: str, new: str, ops: list[Op], ignore: bool) -> None:
    assert apply_old(ops) == old
    assert apply_new(ops) == new
    assert count_word_cuts(ops) == 0
    _boundaries_are_word_edges(ops)
    for a, b in pairwise(ops):
        assert a.kind != b.kind
        assert {a.kind, b.kind} != {"delete", "insert"} or (a.kind, b.kind) == ("delete", "insert")
    for op in ops:
        assert op.text or op.old, "no empty ops"
        if op.old is not None:
            assert op.kind == "equal" and ignore and op.old != op.text
            assert text_key(op.old) == text_key(op.text)
    if ignore:
        change = "".join(op.text for op in ops if op.kind != "equal")
        assert not change or not is_blank(change)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_pairs(), st.booleans())
def test_random_unicode_round_trips_without_word_cuts(pair, ignore):
    old, new = pair
    ops = diff_words(old, new, ignore_whitespace=ignore)
    _check_ops(old, new, ops, ignore)
    assert diff_words(old, new, ignore_whitespace=ignore) == ops, "deterministic"


@settings(max_examples=100, deadline=None)
@given(text_pairs())
def test_random_unicode_round_trips_on_the_python_fallback(pair):
    old, new = pair
    fast = redline._fast
    try:
        redline._fast = None
        ops = diff_words(old, new)
    finally:
        redline._fast = fast
    _check_ops(old, new, ops, True)


@settings(max_examples=200, deadline=None)
@given(text_pairs())
def test_whitespace_blind_redline_changes_iff_words_change(pair):
    old, new = pair
    ops = diff_words(old, new)
    assert redline.stats(ops).changed == (old.split() != new.split())


def _load(name: str) -> str:
    path = REALDATA / name
    if not path.exists():
        pytest.fail(f"real contract text not available: {path}")
    lines = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(lines[lines.index("---") + 1 :])


@pytest.fixture(scope="module")
def pair_a() -> tuple[str, str]:
    return _load(PAIR_A[0]), _load(PAIR_A[1])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.floats(0, 1), st.floats(-0.02, 0.02), st.integers(0, 8000), st.integers(0, 8000), st.booleans())
def test_real_contract_windows_round_trip(pair_a, where, shift, old_size, new_size, ignore):
    old_text, new_text = pair_a
    start = int(where * len(old_text))
    new_start = max(0, int((where + shift) * len(new_text)))
    old, new = old_text[start : start + old_size], new_text[new_start : new_start + new_size]
    ops = diff_words(old, new, ignore_whitespace=ignore)
    _check_ops(old, new, ops, ignore)


def test_whole_real_contracts_round_trip(pair_a):
    old, new = pair_a
    for ignore in (True, False):
        ops = diff_words(old, new, ignore_whitespace=ignore)
        _check_ops(old, new, ops, ignore)
        assert 0 < redline.stats(ops).words_deleted < redline.stats(ops).words_inserted < 20_000
