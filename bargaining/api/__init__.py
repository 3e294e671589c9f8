"""The JSON API: one blueprint per resource, registered under /api/v1."""

from __future__ import annotations

from flask_smorest import Blueprint


def blueprints() -> list[Blueprint]:
    """Return every resource blueprint, in documentation order."""
    from bargaining.api import (
        administration,
        agreements,
        articles,
        audit,
        clauses,
        consent,
        contract,
        costing,
        costing_reports,
        costing_roster,
        files,
        health,
        inforequests,
        intake,
        notes,
        proposals,
        redlines,
        search,
        sessions,
        status,
        summary,
        tables,
        users,
    )

    return [
        health.blp,
        users.blp,
        tables.blp,
        consent.blp,
        articles.blp,
        clauses.blp,
        intake.blp,
        proposals.blp,
        agreements.blp,
        status.blp,
        contract.blp,
        redlines.blp,
        summary.blp,
        audit.blp,
        administration.blp,
        costing.blp,
        costing_roster.blp,
        costing_reports.blp,
        sessions.blp,
        notes.blp,
        inforequests.blp,
        files.blp,
        search.blp,
    ]
