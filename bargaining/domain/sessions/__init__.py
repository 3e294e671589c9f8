"""The table's working life as pure rules: sessions, their ledgers, notes, information requests, files."""
