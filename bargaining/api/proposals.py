"""Proposals: drafts, passing across the table, withdrawal and counters."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, location, paged
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.api.guards import guarded
from bargaining.auth import current_user
from bargaining.models import Proposal
from bargaining.services import passing, proposals
from bargaining.services.access import load_table
from bargaining.services.counter import start_counter
from bargaining.services.proposal_view import ProposalView, view_proposals
from schemas.proposals import CounterIn, PassIn, ProposalIn, ProposalOut, ProposalQuery, ProposalUpdateIn

blp = ApiBlueprint("proposals", __name__, description="Proposals from both sides")


def _limit() -> int:
    """The configured maximum clause length."""
    return int(current_app.config["MAX_CLAUSE_CHARS"])


def _view(proposal: Proposal) -> tuple[ProposalView, dict[str, str]]:
    """The caller's view of one proposal, with its ETag."""
    table, standing = load_table(db.session(), current_user(), proposal.table_id)
    view = view_proposals(db.session(), standing, table, [proposal.id])[0]
    return view, etag_header("proposal", proposal)


@blp.route("/tables/<int:table_id>/proposals")
class Proposals(MethodView):
    """A table's proposals."""

    @blp.arguments(ProposalQuery, location="query")
    @blp.response(200, ProposalOut(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the proposals I may see (passed ones and my side's drafts), filtered."""
        stmt = proposals.list_proposals(db.session(), current_user(), table_id, filters)
        page = paged(stmt, pagination_parameters)
        table, standing = load_table(db.session(), current_user(), table_id)
        return view_proposals(db.session(), standing, table, [p.id for p in page])

    @blp.arguments(ProposalIn)
    @blp.response(201, ProposalOut)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Draft a proposal for my side (private to my side until passed)."""
        proposal = proposals.create_draft(db.session(), current_user(), table_id, data, _limit())
        db.session().commit()
        view, headers = _view(proposal)
        return view, 201, {**headers, **location("proposals.ProposalResource", proposal_id=proposal.id)}


@blp.route("/proposals/<int:proposal_id>")
class ProposalResource(MethodView):
    """One proposal."""

    @blp.response(200, ProposalOut)
    def get(self, proposal_id: int) -> Any:
        """Get a proposal with its items, what it answers, what answers it, and warnings."""
        proposal, _table, _standing = proposals.load_proposal(db.session(), current_user(), proposal_id)
        view, headers = _view(proposal)
        return view, 200, headers

    @blp.arguments(ProposalUpdateIn)
    @blp.response(200, ProposalOut)
    @documents_if_match(blp)
    def patch(self, data: dict[str, Any], proposal_id: int) -> Any:
        """Edit a draft (409 once passed)."""
        expected = if_match_version("proposal", proposal_id)
        proposal = proposals.update_draft(db.session(), current_user(), proposal_id, expected, data, _limit())
        db.session().commit()
        view, headers = _view(proposal)
        return view, 200, headers

    @blp.response(204)
    @documents_if_match(blp)
    def delete(self, proposal_id: int) -> Any:
        """Delete a draft (409 once passed)."""
        expected = if_match_version("proposal", proposal_id)
        proposals.delete_draft(db.session(), current_user(), proposal_id, expected)
        db.session().commit()
        return None


@blp.route("/proposals/<int:proposal_id>/pass")
class PassProposal(MethodView):
    """Passing across the table."""

    @blp.arguments(PassIn)
    @blp.response(200, ProposalOut)
    @documents_if_match(blp)
    def post(self, data: dict[str, Any], proposal_id: int) -> Any:
        """Pass a draft across the table: it gets its number and can never change."""
        expected = if_match_version("proposal", proposal_id)
        proposal = passing.pass_proposal(
            db.session(), current_user(), proposal_id, expected, data.get("passed_at")
        )
        db.session().commit()
        view, headers = _view(proposal)
        return view, 200, headers


@blp.route("/proposals/<int:proposal_id>/withdraw")
class WithdrawProposal(MethodView):
    """Withdrawal."""

    @blp.response(200, ProposalOut)
    @guarded(blp, "proposal", "proposal_id")
    def post(self, proposal_id: int) -> Any:
        """Withdraw a passed proposal (it stays in the record, marked withdrawn)."""
        proposal = passing.withdraw(db.session(), current_user(), proposal_id)
        db.session().commit()
        view, headers = _view(proposal)
        return view, 200, headers


@blp.route("/proposals/<int:proposal_id>/counter")
class CounterProposal(MethodView):
    """Counters."""

    @blp.arguments(CounterIn)
    @blp.response(201, ProposalOut)
    def post(self, data: dict[str, Any], proposal_id: int) -> Any:
        """Start a counter draft answering this proposal (from their text by default)."""
        draft = start_counter(db.session(), current_user(), proposal_id, data, _limit())
        db.session().commit()
        view, headers = _view(draft)
        return view, 201, {**headers, **location("proposals.ProposalResource", proposal_id=draft.id)}
