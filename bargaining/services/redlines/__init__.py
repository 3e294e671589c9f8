"""Redline use cases: a clause, a proposal, an article or the whole contract between two versions."""
