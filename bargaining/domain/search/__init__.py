"""Full-text search: the query language, accent folding and snippets, independent of any database."""
