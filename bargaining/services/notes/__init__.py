"""Notes: caucus notes, shared minutes and append-only bargaining history, and a clause's history."""
