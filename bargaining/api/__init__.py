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
        events,
        health,
        importing,
        members,
        notifications,
        proposals,
        redlines,
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
        importing.blp,
        proposals.blp,
        agreements.blp,
        status.blp,
        contract.blp,
        redlines.blp,
        summary.blp,
        audit.blp,
        administration.blp,
        events.blp,
        webhooks.blp,
        notifications.blp,
        members.blp,
    ]
