"""Compiling a parsed query for each engine."""

from __future__ import annotations

from bargaining.domain.search.query import parse, to_fts5, to_tsquery


def test_words_rank_their_phrase_first_unless_the_index_does_it():
    assert to_tsquery(parse("overtime pay")) == "((overtime <-> pay) | (overtime & pay))"
    assert to_tsquery(parse("overtime pay"), phrase_boost=False) == "overtime & pay"


def test_prefix_and_exclusion_compile_for_both_engines():
    query = parse("differential* -health")
    assert to_tsquery(query, phrase_boost=False) == "differential:* & !(health)"
    assert to_fts5(query) == '"differential"* NOT "health"'


def test_a_quoted_phrase_stays_a_phrase():
    assert to_tsquery(parse('"sick leave" pay'), phrase_boost=False) == "(sick <-> leave) & pay"
