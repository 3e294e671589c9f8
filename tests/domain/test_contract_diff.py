"""Whole-document redlines: clause alignment, moves, renumbering, long plain texts."""

from __future__ import annotations

import pytest

from bargaining.domain.redlines.contract_diff import ClauseDiff, DocClause, diff_documents, diff_long_text
from bargaining.domain.redlines.engine import Op, apply_new, apply_old, count_word_cuts, diff_words
from tests.helpers import REALDATA


def clause(key: str, text: str, number: str = "", article: str = "Article 1", heading: str = "") -> DocClause:
    return DocClause(key=key, article=article, number=number or key, heading=heading or f"H{key}", text=text)


def changes(diffs: list[ClauseDiff]) -> list[tuple[str, str]]:
    return [(d.key, d.change) for d in diffs]


def test_unchanged_changed_added_deleted_in_new_order_with_deletions_in_place():
    old = [clause("1", "Alpha text."), clause("2", "Beta text."), clause("3", "Gamma text.")]
    new = [clause("1", "Alpha text."), clause("4", "Delta text."), clause("3", "Gamma text, amended.")]
    diffs = diff_documents(old, new)
    assert changes(diffs) == [("1", "unchanged"), ("2", "deleted"), ("4", "added"), ("3", "changed")]
    deleted, added, changed = diffs[1], diffs[2], diffs[3]
    assert deleted.ops == [Op("delete", "Beta text.")]
    assert (deleted.old_number, deleted.new_number, deleted.heading) == ("2", None, "H2")
    assert added.ops == [Op("insert", "Delta text.")]
    assert (added.old_number, added.new_number) == (None, "4")
    assert changed.ops == diff_words("Gamma text.", "Gamma text, amended.")


def test_deleted_first_clause_comes_first():
    old = [clause("1", "Gone."), clause("2", "Kept.")]
    assert changes(diff_documents(old, old[1:])) == [("1", "deleted"), ("2", "unchanged")]


def test_reordered_clause_is_moved_and_the_rest_stay_in_place():
    a, b, c = clause("a", "First."), clause("b", "Second."), clause("c", "Third.")
    assert changes(diff_documents([a, b, c], [a, c, b])) == [
        ("a", "unchanged"),
        ("c", "moved"),
        ("b", "unchanged"),
    ]


def test_clause_moved_to_another_article_is_moved():
    old = [clause("a", "Text.", article="Article 1")]
    new = [clause("a", "Text.", article="Article 9")]
    [diff] = diff_documents(old, new)
    assert (diff.change, diff.article) == ("moved", "Article 9")
    assert diff.ops == [Op("equal", "Text.")]


def test_a_clause_moved_forward_to_another_article_leaves_the_ones_it_jumped_over_in_place():
    old = [clause("a", "A.", article="1"), clause("b", "B.", article="1"), clause("c", "C.", article="3")]
    new = [clause("a", "A.", article="1"), clause("c", "C.", article="3"), clause("x", "B.", article="3")]
    assert changes(diff_documents(old, new)) == [("a", "unchanged"), ("c", "unchanged"), ("x", "moved")]


def test_renumbered_in_place():
    old = [clause("a", "One.", number="12.1"), clause("b", "Two.", number="12.2")]
    new = [
        clause("x", "New.", number="12.1"),
        clause("a", "One.", number="12.2"),
        clause("b", "Two.", number="12.3"),
    ]
    diffs = diff_documents(old, new)
    assert changes(diffs) == [("x", "added"), ("a", "renumbered"), ("b", "renumbered")]
    assert (diffs[1].old_number, diffs[1].new_number) == ("12.1", "12.2")


def test_same_text_under_new_keys_is_matched_as_a_move_not_add_and_delete():
    old = [clause("o1", "Seniority  counts.", number="5"), clause("o2", "Pay is weekly.", number="6")]
    new = [clause("n2", "Pay is weekly.", number="1"), clause("n1", "Seniority counts.", number="2")]
    diffs = diff_documents(old, new)
    assert changes(diffs) == [("n2", "moved"), ("n1", "renumbered")], "ties keep the old order's first"
    assert diffs[1].ops == [Op("equal", "Seniority counts.", "Seniority  counts.")]


def test_text_change_wins_over_move_and_renumber():
    old = [clause("a", "One.", number="1"), clause("b", "Two.", number="2"), clause("c", "Three.")]
    new = [clause("c", "Three, changed."), clause("b", "Two.", number="1"), clause("a", "One.", number="2")]
    assert changes(diff_documents(old, new)) == [("c", "changed"), ("b", "moved"), ("a", "renumbered")]


def test_whitespace_only_edit_is_unchanged_unless_asked():
    old, new = [clause("a", "Two  words.")], [clause("a", "Two words.")]
    assert changes(diff_documents(old, new)) == [("a", "unchanged")]
    assert changes(diff_documents(old, new, ignore_whitespace=False)) == [("a", "changed")]


def test_empty_clauses_are_not_matched_by_text():
    old, new = [clause("a", "")], [clause("b", "")]
    diffs = diff_documents(old, new)
    assert changes(diffs) == [("a", "deleted"), ("b", "added")]
    assert diffs[0].ops == diffs[1].ops == []


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        diff_documents([clause("a", "x"), clause("a", "y")], [])


def test_every_old_and_new_clause_appears_once():
    old = [clause(str(k), f"Clause {k} text.") for k in range(10)]
    new = [old[k] for k in (3, 1, 2, 0, 9, 8)] + [clause("x", "Clause 5 text."), clause("y", "Brand new.")]
    diffs = diff_documents(old, new)
    keys = [d.key for d in diffs]
    assert keys.count("x") == 1 and "5" not in keys, "x took over clause 5 by content"
    assert sorted(d.key for d in diffs if d.change == "deleted") == ["4", "6", "7"]
    assert {d.key: d.change for d in diffs}["y"] == "added"
    assert len(diffs) == 11


def test_to_dict():
    [diff] = diff_documents([clause("a", "Old.")], [clause("a", "New.")])
    assert diff.to_dict() == {
        "key": "a",
        "article": "Article 1",
        "old_number": "a",
        "new_number": "a",
        "heading": "Ha",
        "change": "changed",
        "ops": [{"kind": "delete", "text": "Old."}, {"kind": "insert", "text": "New."}],
    }


def test_long_text_is_the_word_redline():
    old = "ARTICLE 1\n\nSection 1. The parties agree.\n\nSection 2. Pay is monthly.\n"
    new = "ARTICLE 1\n\nSection 1. The parties agree.\n\nSection 2. Pay is weekly.\n"
    ops = diff_long_text(old, new)
    assert ops == diff_words(old, new)
    assert ops[-3:] == [Op("delete", "monthly."), Op("insert", "weekly."), Op("equal", "\n")]


@pytest.mark.parametrize(
    "pair",
    [
        ("oregon_osh_rn_afscme_2023_2025_full.txt", "oregon_osh_rn_afscme_2025_2027_full.txt"),
        (
            "oregon_oha_physicians_afscme_2023_2025_full.txt",
            "oregon_oha_physicians_afscme_2025_2027_full.txt",
        ),
    ],
)
def test_whole_real_contracts(pair):
    if not (REALDATA / pair[0]).exists():
        pytest.fail("real contract text not available")
    old, new = ((REALDATA / name).read_text(encoding="utf-8") for name in pair)
    ops = diff_long_text(old, new)
    assert apply_old(ops) == old and apply_new(ops) == new
    assert count_word_cuts(ops) == 0
