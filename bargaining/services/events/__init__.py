"""Events: the audit trail as a per-table feed, a live stream, webhooks and email notices."""
