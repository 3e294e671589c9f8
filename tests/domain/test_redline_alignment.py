"""The clause alignment shared by the contract redline and the intake comparison."""

from __future__ import annotations

from bargaining.domain.redlines.alignment import in_order, pair_by_key_then_text


def test_pairs_by_key_first_then_by_the_same_text_in_order():
    old = [("a", "One."), ("b", "Two  words."), ("c", "Two words."), ("d", "")]
    new = [("x", "Two words."), ("a", "Changed."), ("y", "Two\nwords."), ("z", "")]
    assert pair_by_key_then_text(old, new) == {1: 0, 0: 1, 2: 2}  # blank texts never pair by text


def test_in_order_keeps_a_longest_increasing_run_preferring_smaller_values():
    assert in_order([0, 3, 1, 2]) == {0, 1, 2}
    assert in_order([2, 1]) == {1}
    assert in_order([]) == set()
