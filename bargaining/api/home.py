"""The front door: ``/`` points a person to the API's docs and the members' sign-in.

A browser gets a short HTML page; a JSON client (``Accept: application/json``) gets the same
links as JSON. Nothing here needs a token.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, make_response, render_template, request, url_for

bp = Blueprint("home", __name__)


def links() -> dict[str, Any]:
    """Where a person or a client goes from here."""
    return {
        "name": "bargaining",
        "description": "The system of record for union contract negotiations.",
        "links": {
            "docs": url_for("api-docs.openapi_swagger_ui"),
            "openapi": url_for("api-docs.openapi_json"),
            "health": url_for("health.Health"),
            "signin": url_for("pages.signin"),
            "tables": url_for("pages.tables"),
        },
    }


@bp.get("/")
def index() -> Response:
    """The links as HTML for browsers, JSON for clients that prefer it."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"], default="application/json")
    if best == "application/json":
        response = jsonify(links())
    else:
        response = make_response(render_template("home.html", **links()))
    response.vary.add("Accept")
    return response
