"""Costing setup: classifications, salary schedule versions and a table's costing settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.costing_common import created, not_modified
from bargaining.api.etags import documents_if_match, etag_header, etag_of, if_match_version
from bargaining.auth import current_user
from bargaining.services.costing import setup
from schemas.common import ErrorOut
from schemas.costing import (
    ClassificationIn,
    ClassificationOut,
    ClassificationUpdateIn,
    CostingSettingsIn,
    CostingSettingsOut,
    ScheduleIn,
    ScheduleOut,
    ScheduleQuery,
)

blp = ApiBlueprint("costing", __name__, description="Costing: classifications, schedules, settings")


@blp.route("/tables/<int:table_id>/costing/classifications")
class Classifications(MethodView):
    """A table's classifications."""

    @blp.response(200, ClassificationOut(many=True))
    @blp.paginate()
    def get(self, table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the classifications (everyone at the table)."""
        return paged(
            setup.list_classifications(db.session(), current_user(), table_id), pagination_parameters
        )

    @blp.arguments(ClassificationIn)
    @blp.response(201, ClassificationOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a side's negotiator or recorder")
    @blp.alt_response(422, schema=ErrorOut, description="Code already used")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Add a classification (a side's negotiators and recorders, administrators)."""
        row = setup.create_classification(db.session(), current_user(), table_id, data)
        db.session().commit()
        return row, 201, created("costing.Classification", row, "classification", classification_id=row.id)


@blp.route("/costing/classifications/<int:classification_id>")
class Classification(MethodView):
    """One classification."""

    @blp.response(200, ClassificationOut)
    @blp.alt_response(304, description="Not modified")
    @blp.alt_response(404, schema=ErrorOut, description="Not at a table of yours")
    def get(self, classification_id: int) -> Any:
        """Get a classification."""
        row = setup.load_classification(db.session(), current_user(), classification_id)
        return not_modified(etag_of("classification", row)) or (row, 200, etag_header("classification", row))

    @blp.arguments(ClassificationUpdateIn)
    @blp.response(200, ClassificationOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a side's negotiator or recorder")
    @documents_if_match(blp)
    def patch(self, data: dict[str, Any], classification_id: int) -> Any:
        """Rename or reorder a classification (its code stays)."""
        expected = if_match_version("classification", classification_id)
        row = setup.update_classification(db.session(), current_user(), classification_id, expected, data)
        db.session().commit()
        return row, 200, etag_header("classification", row)


@blp.route("/tables/<int:table_id>/costing/schedules")
class Schedules(MethodView):
    """Salary schedule versions."""

    @blp.arguments(ScheduleQuery, location="query")
    @blp.response(200, ScheduleOut(many=True))
    @blp.paginate()
    def get(self, query: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List schedule versions: the base ones, and my side's proposed ones."""
        stmt = setup.list_schedules(db.session(), current_user(), table_id, query.get("classification_id"))
        return paged(stmt, pagination_parameters)

    @blp.arguments(ScheduleIn)
    @blp.response(201, ScheduleOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a side's negotiator or recorder")
    @blp.alt_response(422, schema=ErrorOut, description="Steps or references not valid")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Add an immutable schedule version (base: the current schedule; proposed: my side's, private)."""
        row = setup.create_schedule(db.session(), current_user(), table_id, data)
        db.session().commit()
        return row, 201, created("costing.Schedule", row, "schedule", schedule_id=row.id)


@blp.route("/costing/schedules/<int:schedule_id>")
class Schedule(MethodView):
    """One schedule version (immutable)."""

    @blp.response(200, ScheduleOut)
    @blp.alt_response(304, description="Not modified")
    @blp.alt_response(404, schema=ErrorOut, description="Another side's proposal, or not at your table")
    def get(self, schedule_id: int) -> Any:
        """Get a schedule version with its steps."""
        row = setup.load_schedule(db.session(), current_user(), schedule_id)
        tag = f'"schedule-{row.id}-v1"'
        return not_modified(tag) or (row, 200, {"ETag": tag})


@dataclass(frozen=True, slots=True)
class _SettingsTag:
    """The settings' ETag names the table (the settings have one per table)."""

    id: int
    version: int


@blp.route("/tables/<int:table_id>/costing/settings")
class Settings(MethodView):
    """A table's costing settings."""

    @blp.response(200, CostingSettingsOut)
    @blp.alt_response(304, description="Not modified")
    @blp.alt_response(404, schema=ErrorOut, description="No settings yet")
    def get(self, table_id: int) -> Any:
        """Get the costing settings (everyone at the table)."""
        row = setup.get_settings(db.session(), current_user(), table_id)
        tag = etag_of("costing_settings", _SettingsTag(table_id, row.version))
        return not_modified(tag) or (row, 200, {"ETag": tag})

    @blp.arguments(CostingSettingsIn)
    @blp.response(200, CostingSettingsOut)
    @blp.alt_response(201, schema=CostingSettingsOut, description="Entered for the first time")
    @blp.alt_response(403, schema=ErrorOut, description="Not a side's negotiator or recorder")
    @documents_if_match(blp)
    def put(self, data: dict[str, Any], table_id: int) -> Any:
        """Enter the settings, or replace them (If-Match once they exist)."""
        expected = if_match_version("costing_settings", table_id) if request.headers.get("If-Match") else None
        row, is_new = setup.put_settings(db.session(), current_user(), table_id, data, expected)
        db.session().commit()
        headers = {"ETag": etag_of("costing_settings", _SettingsTag(table_id, row.version))}
        if is_new:
            return row, 201, {**headers, "Location": request.path}
        return row, 200, headers
