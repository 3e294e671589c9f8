"""Derived views of a table (board, summary, page) cached under the table's revision."""
