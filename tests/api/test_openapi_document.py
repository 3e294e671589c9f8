"""The OpenAPI document: valid, every operation named, summarized, secured, with its errors and examples."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from bargaining.app import create_app
from bargaining.domain.error_codes import ERROR_CODES
from bargaining.errors import HTTP_CODES

ROOT = Path(__file__).resolve().parents[2]
METHODS = {"get", "put", "post", "patch", "delete"}
STATUS_OF_CLASS = {"DomainError": 400, "NotFound": 404, "Forbidden": 403, "Conflict": 409, "Invalid": 422}


@pytest.fixture(scope="module")
def spec():
    return create_app({"DATABASE_URL": "sqlite://"}).test_client().get("/api/v1/openapi.json").json


def _operations(spec):
    return [(m, p, op) for p, ops in spec["paths"].items() for m, op in ops.items() if m in METHODS]


def test_the_document_validates(spec):
    validate(spec)


def test_every_operation_has_a_unique_operation_id_and_a_summary(spec):
    ids = Counter(op.get("operationId") for _m, _p, op in _operations(spec))
    assert None not in ids
    assert [name for name, count in ids.items() if count > 1] == []
    assert [f"{m} {p}" for m, p, op in _operations(spec) if not op.get("summary")] == []


def test_only_public_operations_need_no_token(spec):
    public = sorted(f"{m} {p}" for m, p, op in _operations(spec) if op.get("security") == [])
    assert public == ["get /api/v1/health"]
    assert all(op.get("security") for m, p, op in _operations(spec) if p != "/api/v1/health")


def test_every_operation_documents_its_errors_with_their_codes(spec):
    for method, path, op in _operations(spec):
        errors = {s: r for s, r in op["responses"].items() if s.isdigit() and int(s) >= 400}
        assert {"422", "500"} <= set(errors), f"{method} {path}"
        if op.get("security"):
            assert {"401", "403"} <= set(errors), f"{method} {path}"
        for status, response in errors.items():
            if path == "/api/v1/health":
                continue
            assert "code is one of" in response["description"], f"{method} {path} {status}"


def test_every_201_documents_its_location(spec):
    created = [(m, p, op) for m, p, op in _operations(spec) if "201" in op["responses"]]
    assert created
    assert all("Location" in op["responses"]["201"]["headers"] for _m, _p, op in created)


def test_the_error_code_is_a_closed_set_in_the_document(spec):
    enum = spec["components"]["schemas"]["ErrorBody"]["properties"]["code"]["enum"]
    assert enum == list(ERROR_CODES)


def test_x_pagination_is_documented_as_json_in_the_header(spec):
    header = spec["components"]["headers"]["PAGINATION"]
    assert "schema" not in header
    assert header["content"]["application/json"]["schema"]["$ref"].endswith("/PaginationMetadata")


def _codes_in_source() -> dict[str, set[int]]:
    """Every error code the app's source can emit, with its status."""
    found: dict[str, set[int]] = {}
    for path in (ROOT / "bargaining").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (
                        isinstance(stmt, ast.Assign)
                        and [getattr(t, "id", None) for t in stmt.targets] == ["code"]
                        and isinstance(stmt.value, ast.Constant)
                    ):
                        found.setdefault(stmt.value.value, set())
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            keywords = {k.arg: k.value for k in node.keywords}
            code = keywords.get("code")
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                status = STATUS_OF_CLASS.get(str(name))
                if name == "abort" and node.args and isinstance(node.args[0], ast.Constant):
                    status = node.args[0].value
                found.setdefault(code.value, set()).update({status} if status else set())
            elif name == "error_response" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
                found.setdefault(node.args[1].value, set()).add(node.args[0].value)
    return found


def test_every_code_the_app_can_emit_is_in_the_closed_set_with_its_status():
    emitted = _codes_in_source()
    for code in HTTP_CODES.values():
        emitted.setdefault(code, set())
    assert sorted(set(emitted) - set(ERROR_CODES)) == []
    wrong = {code: statuses for code, statuses in emitted.items() if statuses - {ERROR_CODES[code][0]}}
    assert wrong == {}
    assert {status: code for status, code in HTTP_CODES.items() if ERROR_CODES[code][0] != status} == {}


def _answers_json(response):
    """Whether a success answers JSON (a download or an event stream has no JSON example)."""
    content = response.get("content")
    return not content or "application/json" in content


def test_every_operation_has_examples_captured_from_the_demo(spec):
    lacking = []
    for method, path, op in _operations(spec):
        successes = [
            r
            for s, r in op["responses"].items()
            if s.isdigit() and int(s) < 300 and s != "204" and _answers_json(r)
        ]
        shown = [r for r in successes if "example" in r.get("content", {}).get("application/json", {})]
        if successes and not shown:
            lacking.append(f"{method} {path}: response")
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        if body is not None and "example" not in body:
            lacking.append(f"{method} {path}: request")
    assert lacking == [], "run scripts/capture_examples.py (adding a step for new routes)"
