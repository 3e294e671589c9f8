"""Costings of a proposal, the table (positions, gap, TAs so far), a scenario, a member's view."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.costing_common import created, not_modified
from bargaining.api.etags import documents_if_match, etag_header, etag_of, if_match_version
from bargaining.auth import current_user
from bargaining.services.costing import costing, documents, scenarios
from schemas.common import ErrorOut
from schemas.costing_results import (
    FormatQuery,
    MemberQuery,
    MemberViewsOut,
    ProposalCostingOut,
    ProposalCostingQuery,
    ScenarioCostingOut,
    ScenarioIn,
    ScenarioOut,
    ScenarioUpdateIn,
    TableCostingOut,
)

blp = ApiBlueprint("costings", __name__, description="What proposals, positions, scenarios and TAs cost")
DOC = "format=csv|xlsx: the costing sheet; svg|png: the chart (cost per year); json by default"


def _document(fmt: str, kind: str, result: Any) -> Response | None:
    """The result as a document when a document format is asked for."""
    if fmt == "json":
        return None
    body, mimetype, filename = documents.render(kind, result, fmt)
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@blp.route("/proposals/<int:proposal_id>/costing")
class ProposalCosting(MethodView):
    """A proposal's cost."""

    @blp.arguments(ProposalCostingQuery, location="query")
    @blp.response(200, ProposalCostingOut, description=DOC)
    @blp.alt_response(403, schema=ErrorOut, description="Members see the TAs' value only")
    @blp.alt_response(404, schema=ErrorOut, description="Another side's draft")
    @blp.alt_response(409, schema=ErrorOut, description="No costing settings yet")
    def get(self, query: dict[str, Any], proposal_id: int) -> Any:
        """Cost a proposal's economic terms per contract year and over the term (a draft: its side only)."""
        result = costing.cost_proposal(db.session(), current_user(), proposal_id, query["itemize"])
        return _document(query["format"], "proposal", result) or result


@blp.route("/tables/<int:table_id>/costing")
class TableCosting(MethodView):
    """The table's costing."""

    @blp.arguments(FormatQuery, location="query")
    @blp.response(200, TableCostingOut, description=DOC)
    @blp.alt_response(409, schema=ErrorOut, description="No costing settings yet")
    def get(self, query: dict[str, Any], table_id: int) -> Any:
        """Both sides' current positions costed side by side, the gap, and the TAs so far (members: TAs)."""
        result = costing.cost_table(db.session(), current_user(), table_id)
        return _document(query["format"], "table", result) or result


@blp.route("/tables/<int:table_id>/costing/member-view")
class MemberView(MethodView):
    """A member's view."""

    @blp.arguments(MemberQuery, location="query")
    @blp.response(200, MemberViewsOut)
    @blp.alt_response(409, schema=ErrorOut, description="No costing settings yet")
    def get(self, query: dict[str, Any], table_id: int) -> Any:
        """What a clinician at a classification and step gains each year under the TAs (and each position)."""
        fte = query.get("fte") or Decimal(1)
        return costing.member_view(
            db.session(), current_user(), table_id, query["classification"], query["step"], fte
        )


@blp.route("/tables/<int:table_id>/costing/scenarios")
class Scenarios(MethodView):
    """My side's scenarios."""

    @blp.response(200, ScenarioOut(many=True))
    @blp.paginate()
    def get(self, table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List my side's scenarios (private to my side)."""
        return paged(scenarios.list_scenarios(db.session(), current_user(), table_id), pagination_parameters)

    @blp.arguments(ScenarioIn)
    @blp.response(201, ScenarioOut)
    @blp.alt_response(403, schema=ErrorOut, description="Not a side's negotiator or recorder")
    @blp.alt_response(422, schema=ErrorOut, description="Terms not valid")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Build a what-if for my side: terms by hand, from proposals, or from my current position."""
        row = scenarios.create_scenario(db.session(), current_user(), table_id, data)
        db.session().commit()
        return row, 201, created("costings.Scenario", row, "scenario", scenario_id=row.id)


@blp.route("/costing/scenarios/<int:scenario_id>")
class Scenario(MethodView):
    """One scenario."""

    @blp.response(200, ScenarioOut)
    @blp.alt_response(304, description="Not modified")
    @blp.alt_response(404, schema=ErrorOut, description="Not your side's")
    def get(self, scenario_id: int) -> Any:
        """Get a scenario of my side."""
        row = scenarios.load_scenario(db.session(), current_user(), scenario_id)
        return not_modified(etag_of("scenario", row)) or (row, 200, etag_header("scenario", row))

    @blp.arguments(ScenarioUpdateIn)
    @blp.response(200, ScenarioOut)
    @documents_if_match(blp)
    def patch(self, data: dict[str, Any], scenario_id: int) -> Any:
        """Change a scenario's title, notes or terms."""
        expected = if_match_version("scenario", scenario_id)
        row = scenarios.update_scenario(db.session(), current_user(), scenario_id, expected, data)
        db.session().commit()
        return row, 200, etag_header("scenario", row)

    @blp.response(204)
    @documents_if_match(blp)
    def delete(self, scenario_id: int) -> Any:
        """Delete a scenario (the audit trail keeps what it held)."""
        expected = if_match_version("scenario", scenario_id)
        scenarios.delete_scenario(db.session(), current_user(), scenario_id, expected)
        db.session().commit()
        return None


@blp.route("/costing/scenarios/<int:scenario_id>/costing")
class ScenarioCosting(MethodView):
    """A scenario's cost."""

    @blp.arguments(FormatQuery, location="query")
    @blp.response(200, ScenarioCostingOut, description=DOC)
    @blp.alt_response(404, schema=ErrorOut, description="Not your side's")
    def get(self, query: dict[str, Any], scenario_id: int) -> Any:
        """Cost a scenario of my side."""
        row, report = scenarios.cost_scenario(db.session(), current_user(), scenario_id)
        result = {"scenario_id": row.id, "title": row.title, "report": report}
        return _document(query["format"], "scenario", result) or result
