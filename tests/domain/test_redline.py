"""The redline engine: word-level ops, whitespace handling, backends, no timeouts."""

from __future__ import annotations

import random
from itertools import pairwise

import fast_diff_match_patch
import pytest
from diff_match_patch import diff_match_patch

from bargaining.domain.redlines import engine as redline
from bargaining.domain.redlines.engine import (
    Op,
    RedlineStats,
    apply_new,
    apply_old,
    count_word_cuts,
    diff_words,
    raw_char_diff_seconds,
    stats,
)
from bargaining.domain.redlines.tokens import encode_pair, token_key, tokenize


def _check(old: str, new: str, ops: list[Op]) -> None:
    assert apply_old(ops) == old
    assert apply_new(ops) == new
    assert count_word_cuts(ops) == 0
    for a, b in pairwise(ops):
        assert a.kind != b.kind, "adjacent ops of one kind are merged"


@pytest.fixture
def python_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Force the pure-Python diff-match-patch fallback."""
    monkeypatch.setattr(redline, "_fast", None)


def test_changed_words_are_replaced_whole_with_their_punctuation():
    old = "The employer shall pay $3.92 per hour."
    new = "The Employer shall pay $4.50 per hour, effective July 1."
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert ops == [
        Op("equal", "The "),
        Op("delete", "employer"),
        Op("insert", "Employer"),
        Op("equal", " shall pay "),
        Op("delete", "$3.92"),
        Op("insert", "$4.50"),
        Op("equal", " per "),
        Op("delete", "hour."),
        Op("insert", "hour, effective July 1."),
    ]


def test_identical_texts_give_one_equal_run():
    text = "Section 1.\nThe parties agree.\n\nSection 2. Nothing else."
    assert diff_words(text, text) == [Op("equal", text)]
    assert diff_words("", "") == []


def test_pure_insert_and_pure_delete():
    assert diff_words("", "new words") == [Op("insert", "new words")]
    assert diff_words("old words", "") == [Op("delete", "old words")]


def test_whitespace_only_changes_are_equal_runs_that_keep_the_old_text():
    old = "Section 1.\nThe  parties agree\nto meet monthly.\n\nSection 2."
    new = "Section 1.\nThe parties agree to\nmeet weekly.\n\nSection 2."
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert ops[0] == Op(
        "equal", "Section 1.\nThe parties agree to\nmeet ", "Section 1.\nThe  parties agree\nto meet "
    )
    assert ops[1:] == [Op("delete", "monthly."), Op("insert", "weekly."), Op("equal", "\n\nSection 2.")]
    assert ops[0].to_dict() == {"kind": "equal", "text": ops[0].text, "old": ops[0].old}
    assert ops[1].to_dict() == {"kind": "delete", "text": "monthly."}


@pytest.mark.parametrize(
    ("old", "new"),
    [("a b c", "a  b\tc "), ("  x", "x"), ("x", "x\n\n"), ("a\r\nb", "a\nb"), (" ", ""), ("", "\n")],
)
def test_whitespace_only_difference_is_not_a_change(old, new):
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert ops == [Op("equal", new, old)]
    assert stats(ops) == RedlineStats(0, 0, False)


def test_whitespace_changes_show_when_asked():
    ops = diff_words("a b c", "a  b c", ignore_whitespace=False)
    _check("a b c", "a  b c", ops)
    assert ops == [Op("equal", "a"), Op("delete", " "), Op("insert", "  "), Op("equal", "b c")]
    assert stats(ops).changed


def test_whitespace_next_to_a_change_joins_the_change():
    old, new = "pay  monthly dues", "pay weekly dues"
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert [op.kind for op in ops] == ["equal", "delete", "insert", "equal"]


def test_unchanged_paragraphs_stay_whole_equal_runs():
    paras = [f"Paragraph {k} says something about clause {k}." for k in range(6)]
    old = "\n\n".join(paras)
    new = "\n\n".join([*paras[:3], "Paragraph 3 says nothing at all.", *paras[4:]])
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert ops[0] == Op("equal", "\n\n".join(paras[:3]) + "\n\nParagraph 3 says ")
    assert ops[-1].text.endswith(paras[-1])
    assert stats(ops) == RedlineStats(words_inserted=3, words_deleted=4, changed=True)


def test_stats_count_words_not_characters():
    ops = [Op("equal", "a "), Op("delete", "one two"), Op("insert", "three"), Op("equal", " z", " z")]
    assert stats(ops) == RedlineStats(words_inserted=1, words_deleted=2, changed=True)


def test_count_word_cuts_reads_each_side():
    assert count_word_cuts([Op("equal", "ab"), Op("delete", "c"), Op("insert", "d")]) == 2
    assert count_word_cuts([Op("equal", "ab "), Op("delete", "c"), Op("insert", "d")]) == 0
    assert count_word_cuts([Op("delete", "x"), Op("insert", "y")]) == 0
    assert count_word_cuts([Op("equal", "e"), Op("insert", "\u0301")]) == 1, (
        "a combining mark is part of a word"
    )
    assert count_word_cuts([Op("equal", "a."), Op("insert", ",b")]) == 0


def test_same_input_same_ops():
    rng = random.Random(5)
    words = ["shall", "may", "the", "Employer", "Union", "(a)", "30", "days."]
    old = " ".join(rng.choice(words) for _ in range(400))
    new = " ".join(rng.choice(words) for _ in range(400))
    first = diff_words(old, new)
    assert all(diff_words(old, new) == first for _ in range(3))
    _check(old, new, first)


def test_python_fallback_gives_the_same_ops(python_backend):
    old = "The Union may appoint stewards.\nStewards shall be paid.\n\nArticle 2 applies."
    new = "The Union shall appoint two stewards.\nStewards shall be paid.\n\nArticle 3 applies!"
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert redline.dmp_backend() == "python"
    assert ops == [
        Op("equal", "The Union "),
        Op("delete", "may"),
        Op("insert", "shall"),
        Op("equal", " appoint "),
        Op("insert", "two "),
        Op("equal", "stewards.\nStewards shall be paid.\n\nArticle "),
        Op("delete", "2 applies."),
        Op("insert", "3 applies!"),
    ]


def _slow_case(n: int) -> tuple[str, str, str]:
    """Two texts whose middle is shared, around noise that keeps a bisect busy for seconds."""
    rng = random.Random(7)

    def noise() -> str:
        return " ".join(rng.choice(["alpha", "beta", "gamma"]) for _ in range(n))

    middle = " ".join(f"clause{k}" for k in range(n // 2))
    return noise() + " " + middle + " " + noise(), noise() + " " + middle + " " + noise(), middle


def test_no_timeout_with_the_pure_python_fallback(python_backend):
    old, new, middle = _slow_case(1200)
    codes = encode_pair(tokenize(old), tokenize(new), token_key)
    timed = diff_match_patch()  # the package default is Diff_Timeout = 1.0 s; a fast machine beats it,
    timed.Diff_Timeout = 0.01  # so show what any timeout does, deterministically, with a short one
    cut_short = timed.diff_main(*codes, False)
    assert max((len(t) for op, t in cut_short if op == 0), default=0) < 10, "a timeout cuts this case short"
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert any(middle in op.text for op in ops if op.kind == "equal")


def test_python_fallback_matches_the_cpp_diff_on_a_slow_case(monkeypatch):
    old, new, middle = _slow_case(300)
    fast_ops = diff_words(old, new)
    monkeypatch.setattr(redline, "_fast", None)
    assert diff_words(old, new) == fast_ops
    assert any(middle in op.text for op in fast_ops if op.kind == "equal")


def test_cpp_binding_counts_astral_characters_as_one():
    a = "\U000f0001\U000f0002\U000f0003"
    b = "\U000f0001\U0010fffd\U000f0003"
    assert fast_diff_match_patch.diff(a, b, timelimit=0, checklines=False, counts_only=True) == [
        ("=", 1),
        ("-", 1),
        ("+", 1),
        ("=", 1),
    ]


def test_many_distinct_tokens_use_astral_codes():
    old = " ".join(f"w{k}" for k in range(70_000))
    new = old.replace("w69999", "changed").replace("w5 ", "w5x ")
    codes_old, codes_new = encode_pair(tokenize(old), tokenize(new), None)
    assert max(map(ord, codes_old + codes_new)) > 0xFFFF
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in codes_old + codes_new)
    ops = diff_words(old, new)
    _check(old, new, ops)
    assert stats(ops) == RedlineStats(words_inserted=2, words_deleted=2, changed=True)


def test_raw_char_diff_seconds_times_a_diff():
    assert raw_char_diff_seconds("abc def", "abd def") >= 0.0
