"""Full-text search over what the caller may read: the index kept at commit, and the query."""
