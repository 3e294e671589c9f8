"""Tokens, units and codes of the redline engine."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargaining.domain.redlines import tokens as redline_tokens
from bargaining.domain.redlines.tokens import (
    count_side_cuts,
    encode_pair,
    is_word_char,
    split_lines,
    split_paragraphs,
    split_sentences,
    text_key,
    token_key,
    tokenize,
)

SPLITTERS = [split_paragraphs, split_lines, split_sentences]
texts = st.text(
    alphabet=st.sampled_from(list('ab .;:!?)"\u2019 \t\n\f\r\v\x1c\x85\u00a0\u2028')), max_size=80
)


def test_tokens_keep_punctuation_with_the_word():
    assert tokenize("Section 1(a), the  Employer's\n(30) days.") == [
        "Section",
        " ",
        "1(a),",
        " ",
        "the",
        "  ",
        "Employer's",
        "\n",
        "(30)",
        " ",
        "days.",
    ]


def test_paragraphs_end_with_their_blank_line_or_page_break():
    text = "Article 1\nText one.  \n \n\nArticle 2\fPage two\n\n"
    assert split_paragraphs(text) == ["Article 1\nText one.  \n \n\n", "Article 2\f", "Page two\n\n"]


def test_lines_and_sentences():
    assert split_lines("  a b \n  c\r\nd") == ["  a b \n  ", "c\r\n", "d"]
    text = 'He said "Stop." Then: go! Is it (so)? Yes.\nNo'
    assert split_sentences(text) == ['He said "Stop." ', "Then: ", "go! ", "Is it (so)? ", "Yes.\n", "No"]


@pytest.mark.parametrize("split", SPLITTERS)
@given(text=texts)
def test_units_rebuild_the_text_and_meet_at_space_word_edges(split, text):
    units = split(text)
    assert "".join(units) == text
    assert all(units)
    for left, right in pairwise(units):
        assert left[-1].isspace() and not right[0].isspace(), (left, right)


@given(text=texts)
def test_tokens_alternate_whitespace_and_words(text):
    tokens = tokenize(text)
    assert "".join(tokens) == text
    for left, right in pairwise(tokens):
        assert left.isspace() != right.isspace()
        assert left.isspace() or not any(map(str.isspace, left))


def test_word_characters():
    assert all(map(is_word_char, "aZ9_é\u0301\u05e9\u0663"))
    assert not any(map(is_word_char, " .,-'\u2019\U0001f600\x00\u200b"))
    assert count_side_cuts(["ab", "", "c", " d", "e"]) == 2


def test_keys_ignore_whitespace():
    assert text_key("  a \n b\t") == "a b"
    assert token_key(" \n ") == ""
    assert token_key("word") == "word"


def test_codes_are_shared_by_equal_keys_and_never_surrogates():
    old, new = encode_pair(["a", " ", "b", "  ", "a"], ["b", "\n", "c"], token_key)
    assert old[0] == old[4] and old[2] == new[0]
    assert old[1] == old[3] == new[1], "all whitespace shares one code"
    assert len(set(old + new)) == 4
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in old + new)


def test_unique_only_codes_never_collide():
    old_units = ["x\n", "dup\n", "dup\n", "y\n", "\n"]
    new_units = ["dup\n", "y\n", "z\n", "x\n", "\n"]
    old, new = encode_pair(old_units, new_units, text_key, unique_only=True)
    assert old[0] == new[3] and old[3] == new[1], "unique keys match"
    shared = {old[0], old[3]}
    others = [c for c in old + new if c not in shared]
    assert len(others) == len(set(others)) == 6, "duplicates and blanks never match anything"


def test_too_many_distinct_tokens_fail_loudly(monkeypatch):
    monkeypatch.setattr(redline_tokens, "CODE_CAPACITY", 3)
    with pytest.raises(ValueError, match="distinct tokens"):
        encode_pair(["a", "b"], ["c", "d"], None)
