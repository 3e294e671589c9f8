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
        events,
        files,
        health,
        inforequests,
        intake,
        members,
        notes,
        notifications,
        proposals,
        redlines,
        search,
        sessions,
        status,
        summary,
        tables,
        users,
        webhooks,
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
        events.blp,
        webhooks.blp,
        notifications.blp,
        members.blp,
    ]
