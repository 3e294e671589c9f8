"""Costing use cases: the table's economic picture, roster import, terms, scenarios and costings."""
