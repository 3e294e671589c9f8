"""Intake use cases: importing a contract, comparing a document with the record."""
