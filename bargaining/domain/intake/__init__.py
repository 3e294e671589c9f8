"""Intake: contracts in (text, Word, PDF), read into articles and clauses, compared with the record."""
