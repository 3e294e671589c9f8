"""Service functions: take a Session, flush, never commit; raise domain errors."""
