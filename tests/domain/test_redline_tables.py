"""Tables of figures compared cell by cell, the text around them as usual."""

from __future__ import annotations

from bargaining.domain.redlines.tables import TableDiff, TextPair, compare, split_tables

OLD = """Salary schedule effective July 1, 2024:
Step   1        2        3        4
RN1    $4,100   $4,300   $4,510   $4,730
RN2    $4,600   $4,820   $5,050   $5,300
Employees advance one step per year.
"""
NEW = (
    OLD.replace("2024", "2025")
    .replace("$4,100   $4,300", "$4,223   $4,429")
    .replace("$5,300\n", "$5,300\nRN3    $5,000   $5,250   $5,500   $5,800\n")
)


def test_tables_are_found_and_the_pieces_join_back_exactly():
    parts = split_tables(OLD)
    assert [is_table for is_table, _ in parts] == [False, True, False]
    assert "".join(chunk for _, chunk in parts) == OLD
    assert split_tables("Two  columns only\nnot  a table\n") == [(False, "Two  columns only\nnot  a table\n")]


def test_rows_align_by_their_first_cell_and_cells_compare_one_by_one():
    segments = compare(OLD, NEW)
    assert segments is not None and isinstance(segments[0], TextPair) and isinstance(segments[2], TextPair)
    table = segments[1]
    assert isinstance(table, TableDiff)
    assert [row.kind for row in table.rows] == ["equal", "changed", "equal", "added"]
    changed = [(c.old, c.new) for c in table.rows[1].cells if c.changed]
    assert changed == [("$4,100", "$4,223"), ("$4,300", "$4,429")]
    assert table.old in OLD and table.new in NEW


def test_texts_with_different_table_counts_compare_as_text():
    assert compare(OLD, "No schedule any more.") is None
    assert compare("plain", "text") is None
