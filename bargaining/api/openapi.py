"""The API's OpenAPI conventions, applied to every operation as the document is built.

An apispec plugin (run by flask-smorest for every route of every blueprint, so routes added later
follow them without doing anything) gives each operation:

- a stable ``operationId`` derived from its view and method (``get_table_item``), unless the view
  sets one with ``@blp.doc(operationId="...")``;
- its ``security``: none on the public paths (``auth.PUBLIC_PATHS``), the bearer token elsewhere;
- its error responses, each listing the codes of its status from the closed set
  (``bargaining.domain.error_codes``);
- its request and response examples, captured from the demo negotiation by
  ``scripts/capture_examples.py`` into ``bargaining/api/openapi_examples.json``.

It also records each operation's documented query parameters, which ``unknown_query_guard``
uses to refuse parameters a route does not take.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from apispec import BasePlugin
from flask import request

from bargaining.auth import PUBLIC_PATHS
from bargaining.domain.error_codes import ERROR_CODES, codes_for
from bargaining.errors import error_response
from schemas.common import ErrorOut

METHODS = ("get", "put", "post", "patch", "delete")
BODY_METHODS = {"post", "put", "patch"}
EXAMPLES_FILE = Path(__file__).with_name("openapi_examples.json")
BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
LOCATION_DOC = {"description": "The URL of what was created.", "schema": {"type": "string"}}


def snake(name: str) -> str:
    """``TableItem`` -> ``table_item``, ``TASummary`` -> ``ta_summary``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


def operation_id(endpoint: str, method: str) -> str:
    """The derived operationId of a view's method: ``tables.TableItem`` + get -> ``get_table_item``."""
    view = endpoint.rsplit(".", 1)[-1]
    return f"{method.lower()}_{snake(view)}"


def is_public(path: str) -> bool:
    """The path needs no token (health, the document, the docs page)."""
    return any(path == p or path.startswith(p + "/") for p in PUBLIC_PATHS)


@cache
def captured_examples() -> dict[str, dict[str, Any]]:
    """The captured examples by operationId (empty if the file was never written)."""
    if not EXAMPLES_FILE.exists():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return data


def _error_statuses(method: str, path: str, public: bool) -> list[int]:
    """The error statuses an operation can answer with, by the app's generic rules."""
    statuses = [422, 500, 503]
    if not public:
        statuses += [401, 403, 404 if "{" in path else 0]
    if method in BODY_METHODS:
        statuses += [400, 413, 415]
    if method != "get":
        statuses.append(409)
    return sorted({s for s in statuses if s})


def error_response_doc(status: int) -> dict[str, Any]:
    """One documented error response: the shape and the codes this status carries."""
    codes = codes_for(status)
    listed = "; ".join(f"`{code}`: {ERROR_CODES[code][1]}" for code in codes)
    example = {"error": {"code": codes[0], "message": ERROR_CODES[codes[0]][1]}}
    return {
        "description": f"Error. code is one of — {listed}",
        "content": {"application/json": {"schema": ERROR_REF, "example": example}},
    }


def _is_error_shaped(response: Any) -> bool:
    """A documented response that uses the one error shape (or a status component, which does)."""
    if not isinstance(response, dict) or "$ref" in response:
        return True
    schema = response.get("schema") or response.get("content", {}).get("application/json", {}).get("schema")
    return schema is None or schema is ErrorOut or isinstance(schema, ErrorOut) or schema == ERROR_REF


def _add_errors(operation: dict[str, Any], method: str, path: str, public: bool) -> None:
    """Document every error status with its codes; keep a view's own non-error schema (health's 503)."""
    responses = {str(status): doc for status, doc in operation.get("responses", {}).items()}
    documented = {int(s) for s in responses if s.isdigit() and int(s) >= 400}
    for status in sorted(documented | set(_error_statuses(method, path, public))):
        kept = responses.get(str(status))
        if not _is_error_shaped(kept):
            continue
        doc = error_response_doc(status)
        if isinstance(kept, dict) and kept.get("description"):
            doc["description"] = f"{kept['description']}. {doc['description']}"
        responses[str(status)] = doc
    if method == "get" and not public:
        responses.setdefault("304", {"description": "Not modified: your If-None-Match still matches."})
    created = responses.get("201")
    if isinstance(created, dict):
        created.setdefault("headers", {})["Location"] = LOCATION_DOC
    operation["responses"] = responses


def _add_examples(operation: dict[str, Any], examples: dict[str, Any]) -> None:
    """Attach the captured request and response examples."""
    request_example = examples.get("request")
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None and request_example is not None:
        body["example"] = request_example
    status = str(examples.get("status", ""))
    response = operation.get("responses", {}).get(status)
    if isinstance(response, dict) and "response" in examples:
        media = response.get("content", {}).get("application/json")
        if media is not None:
            media["example"] = examples["response"]
        elif "$ref" not in response:
            response["content"] = {"application/json": {"example": examples["response"]}}


class ConventionsPlugin(BasePlugin):
    """Apply the project's conventions to each operation as flask-smorest documents it."""

    def __init__(self) -> None:
        self.query_parameters: dict[tuple[str, str], frozenset[str]] = {}
        self.operation_ids: dict[tuple[str, str], str] = {}

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        """Name, secure, document errors and examples, and note the query parameters of each operation."""
        rule = kwargs.get("rule")
        if rule is None or path is None or not operations:
            return
        public = is_public(rule.rule)
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            operation.setdefault("operationId", operation_id(rule.endpoint, method))
            operation.setdefault("security", [] if public else BEARER)
            _add_errors(operation, method, path, public)
            _add_examples(operation, captured_examples().get(operation["operationId"], {}))
            names = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
            self.query_parameters[(rule.endpoint, method.upper())] = frozenset(names)
            self.operation_ids[(rule.endpoint, method.upper())] = operation["operationId"]


def unknown_query_guard(plugin: ConventionsPlugin) -> Any:
    """A before-request hook: refuse query parameters the matched operation does not document (422)."""

    def guard() -> Any:
        if not request.args or request.url_rule is None:
            return None
        method = "GET" if request.method == "HEAD" else request.method
        allowed = plugin.query_parameters.get((request.url_rule.endpoint, method))
        if allowed is None:
            return None
        unknown = sorted(set(request.args) - allowed)
        if not unknown:
            return None
        fields = {name: ["Unknown query parameter."] for name in unknown}
        return error_response(
            422, "validation_error", f"Unknown query parameter: {', '.join(unknown)}.", fields
        )

    return guard
