"""The compiled tentative contract, its verification, and ratification."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask.views import MethodView
from sqlalchemy import select

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.api.documents import chosen_format, document_response, formats_doc
from bargaining.api.guards import guarded
from bargaining.auth import current_user
from bargaining.models import Ratification as RatificationRow
from bargaining.services import contract as service
from bargaining.services import ratification
from bargaining.services.documents.contract import contract_document, position_text
from schemas.contract import ContractOut, ContractQuery, RatificationOut, VerifyOut, VoteIn
from schemas.redlines import DocumentRedlineOut

blp = ApiBlueprint("contract", __name__, description="The tentative contract, its verification, ratification")

_DOCUMENTS = formats_doc(
    {"oneOf": [ContractOut, DocumentRedlineOut]},
    "version=tentative (default): the compiled contract (JSON: ContractOut); base, union, employer: that "
    "text clause by clause (JSON: a redline of the version against itself, every op equal). html, md, text, "
    "docx, pdf: the text as a clean document (no tracked changes).",
)


@blp.route("/tables/<int:table_id>/contract")
class Contract(MethodView):
    """The compiled tentative contract."""

    @blp.arguments(ContractQuery, location="query")
    @blp.response(200)
    @blp.doc(**_DOCUMENTS)
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """The contract (tentative, base, or a side's position) as JSON or a clean document in any format."""
        fmt, version = chosen_format(args), args["version"]
        if fmt == "json" and version == "tentative":
            return jsonify(ContractOut().dump(service.contract_view(db.session(), current_user(), table_id)))
        if fmt == "json":
            text = position_text(db.session(), current_user(), table_id, version)
            return jsonify(DocumentRedlineOut().dump(text))
        return document_response(contract_document(db.session(), current_user(), table_id, version), fmt)


@blp.route("/tables/<int:table_id>/contract/verify")
class Verify(MethodView):
    """Verifying the contract."""

    @blp.response(200, VerifyOut)
    def get(self, table_id: int) -> Any:
        """Recompute every clause's hash from its text; list mismatches, open clauses, orphaned TAs."""
        return service.verify_view(db.session(), current_user(), table_id)


def _etag(table_id: int) -> dict[str, str]:
    """The ratification's ETag: its version counter, 0 before the contract is first sent."""
    stmt = select(RatificationRow.version).where(RatificationRow.table_id == table_id)
    version = db.session().scalar(stmt) or 0
    return {"ETag": f'"ratification-{table_id}-v{version}"'}


@blp.route("/tables/<int:table_id>/ratification")
class Ratification(MethodView):
    """Where ratification stands."""

    @blp.response(200, RatificationOut)
    def get(self, table_id: int) -> Any:
        """Sent to members by each side, the vote and its outcome (members may read it)."""
        view = ratification.ratification_view(db.session(), current_user(), table_id)
        return view, 200, _etag(table_id)


@blp.route("/tables/<int:table_id>/ratification/send")
class Send(MethodView):
    """Sending the contract to members."""

    @blp.response(200, RatificationOut)
    @guarded(blp, "ratification", "table_id")
    def post(self, table_id: int) -> Any:
        """Mark the verified contract sent to members for my side (negotiators; both sides must)."""
        view = ratification.send(db.session(), current_user(), table_id)
        db.session().commit()
        return view, 200, _etag(table_id)


@blp.route("/tables/<int:table_id>/ratification/vote")
class Vote(MethodView):
    """Recording the vote."""

    @blp.arguments(VoteIn)
    @blp.response(200, RatificationOut)
    @guarded(blp, "ratification", "table_id")
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Record the members' vote: ratified if more yes than no, else rejected (negotiators)."""
        view = ratification.vote(db.session(), current_user(), table_id, data)
        db.session().commit()
        return view, 200, _etag(table_id)
