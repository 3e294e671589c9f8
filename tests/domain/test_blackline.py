"""The blackline rules on real pairs: rewrites whole, small edits word by word, spacing folded, time bound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bargaining.domain.redlines import engine
from bargaining.domain.redlines.blackline import blackline
from bargaining.domain.redlines.engine import Op, apply_new, apply_old, count_word_cuts, redline
from bargaining.domain.redlines.rewrites import KEEP_SHARE, PASSAGE_WORDS, coalesce_rewrites, is_rewrite
from bargaining.domain.redlines.whitespace import fold_split_words, ignored_differences

DATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
PAIR_A = ("oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt")
PAIR_E = (
    "deschutes_afscme3997_stabilization_center_mou_2021_898_original.txt",
    "deschutes_afscme3997_crisis_program_mou_2025_710_amended.txt",
)


def _body(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8").split("\n---\n", 1)[1]


def _find(name: str, pattern: str) -> str:
    found = re.search(pattern, _body(name), re.S)
    assert found, pattern
    return found.group(0)


def _exact(old: str, new: str, ops: tuple[Op, ...] | list[Op]) -> None:
    assert apply_old(ops) == old and apply_new(ops) == new and count_word_cuts(list(ops)) == 0


def _changes(ops: tuple[Op, ...] | list[Op]) -> list[tuple[str, str]]:
    return [(op.kind, " ".join(op.text.split())) for op in ops if op.kind != "equal"]


def test_a_rewritten_sentence_of_pair_a_is_struck_and_inserted_whole():
    old = _find(PAIR_A[0], r"Authorization for use of pre-retirement.*?work\s+unit\.")
    new = _find(PAIR_A[1], r"Approval for pre-retirement planning.*?work\s+unit\.")
    confetti = _changes(redline(old, new).ops)
    assert ("delete", "the") in confetti or len(confetti) > 4  # the plain word diff anchors on common words
    ops = blackline(old, new).ops
    _exact(old, new, ops)
    assert _changes(ops) == [
        ("delete", "Authorization for use of pre-retirement counseling leave shall not be withheld"),
        ("insert", "Approval for pre-retirement planning leave shall be granted"),
        ("delete", "the use of such leave shall hinder the efficiency of the employee's"),
        ("insert", "its use would affect the operational needs of the employee’s"),
    ]


def test_an_edit_that_keeps_most_of_its_sentence_stays_word_by_word():
    old = _find(PAIR_E[0], r"Each shift will consist of three.*?\.\)")
    new = _find(PAIR_E[1], r"Each shift will consist of a minimum.*?\)\.")
    ops = blackline(old, new).ops
    _exact(old, new, ops)
    assert _changes(ops) == [
        ("insert", "a minimum of"),
        ("delete", "contractors.)"),
        ("insert", "contractors)."),
    ]


def test_the_threshold_is_a_share_of_content_words_kept():
    def stretch(kept: int, changed: int) -> list[Op]:
        """`changed` one-word changes; the first gap keeps `kept` content words, the others a space."""
        ops: list[Op] = []
        for k in range(changed):
            gap = " " + " ".join(f"kept{j}" for j in range(kept)) + " " if k == 0 else " "
            ops += [Op("delete", f"old{k}"), Op("insert", f"new{k}"), Op("equal", gap)]
        return ops[:-1]

    # Each side has `changed + kept` content words; a rewrite keeps fewer than KEEP_SHARE of them.
    changed = PASSAGE_WORDS + 2
    limit = KEEP_SHARE / (1 - KEEP_SHARE) * changed
    assert is_rewrite(stretch(int(limit) - 1, changed)) and not is_rewrite(stretch(int(limit), changed))
    common = [
        Op("delete", "alpha"),
        Op("insert", "beta"),
        Op("equal", " of the "),
        Op("delete", "gamma delta"),
    ]
    common += [
        Op("insert", "epsilon zeta"),
        Op("equal", " and "),
        Op("delete", "eta theta"),
        Op("insert", "iota kappa"),
    ]
    assert _changes(coalesce_rewrites(common)) == [
        ("delete", "alpha of the gamma delta and eta theta"),
        ("insert", "beta of the epsilon zeta and iota kappa"),
    ]
    assert not is_rewrite([Op("delete", "65"), Op("insert", "50")])


def test_words_split_by_a_stray_space_are_ignored_and_counted():
    old = _find(PAIR_E[0], r"notice of their departure\.")
    new = _find(PAIR_E[1], r"notice of their departu re\.")
    ops = blackline(old, new).ops
    _exact(old, new, ops)
    assert [op.kind for op in ops] == ["equal"] and ignored_differences(ops) == 1
    spaced = blackline("rather th an the  rest\nof it", "rather than the rest of it").ops
    assert [op.kind for op in spaced] == ["equal"] and ignored_differences(spaced) == 3
    exact = blackline("rather th an the rest", "rather than the rest", ignore_whitespace=False).ops
    assert _changes(exact) == [("delete", "th an"), ("insert", "than")]
    assert fold_split_words([Op("delete", "one"), Op("insert", "two")]) == [
        Op("delete", "one"),
        Op("insert", "two"),
    ]


def test_large_unrelated_texts_fall_back_to_a_coarse_exact_alignment():
    old = (
        _body("lane_afscme2831_nurses_2024_2027_full.txt") + _body("benton_ona_2025_2029_full.txt")[:140_000]
    )
    new = _body(PAIR_A[1])
    found = blackline(old, new)
    assert found.coarse is True
    _exact(old, new, found.ops)
    whole = blackline(_body(PAIR_A[0]), new)  # coarse or not depends on time left; always exact
    _exact(_body(PAIR_A[0]), new, whole.ops)


@pytest.mark.parametrize("size", [1_100_000, 2_000_000])
def test_texts_past_the_line_only_size_are_aligned_by_lines_and_exact(size):
    line = "Each employee shall receive the rate of pay for the step.\n"
    old = (line * (size // len(line) + 1))[:size]
    new = old.replace("rate", "wage", 50)
    assert len(old) + len(new) > engine.LINES_ONLY_AT
    found = blackline(old, new)
    assert found.coarse is True
    _exact(old, new, found.ops)
    assert sum(op.kind == "insert" for op in found.ops) >= 1
