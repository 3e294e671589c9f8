"""Bargaining sessions: scheduling, attendance, and the ledger of what happened at each."""
