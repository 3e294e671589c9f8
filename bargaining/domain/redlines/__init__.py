"""Redlines: word-level diffs of clause text, documents aligned clause by clause, and their renderings."""
