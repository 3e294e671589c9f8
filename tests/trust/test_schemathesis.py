"""Schemathesis against the app's own OpenAPI document: no 5xx, every response as documented."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

EXAMPLES = int(os.environ.get("BARGAINING_SCHEMATHESIS_EXAMPLES", "25"))
REPORT = Path(os.environ.get("BARGAINING_SCHEMATHESIS_REPORT", "/tmp/bargaining-schemathesis.json"))
KNOWN_IDS = {
    "table_id": 1,
    "article_id": 6,
    "clause_id": 30,
    "proposal_id": 1,
    "ta_id": 1,
    "version_id": 30,
    "membership_id": 1,
    "token_id": 1,
    "user_id": 2,
}


def _world(runner, tmp_path):  # type: ignore[no-untyped-def]
    """Load the demo; return role -> token."""
    tokens_file = tmp_path / "tokens.json"
    result = runner.invoke(args=["load-demo", "--tokens-file", str(tokens_file)])
    assert result.exit_code == 0, result.output
    return json.loads(tokens_file.read_text())


def test_schemathesis_finds_no_server_errors_and_no_undocumented_responses(app, runner, tmp_path):
    tokens = _world(runner, tmp_path)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    failures: list[str] = []
    seen: Counter[str] = Counter()
    checks = [not_a_server_error, response_schema_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        for mode in GenerationMode:
            _fuzz(operation, mode, tokens, checks, failures, seen)
    REPORT.write_text(
        json.dumps({"operations": len(operations), "statuses": dict(seen), "failures": failures}, indent=2)
    )
    assert failures == []


def _fuzz(operation, mode, tokens, checks, failures, seen):  # type: ignore[no-untyped-def]
    """Run one operation's generated cases as a negotiator and as a member, on real and random ids."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        case=operation.as_strategy(),
        role=st.sampled_from(["union_negotiator", "member"]),
        real_ids=st.booleans(),
    )
    def run(case, role, real_ids):  # type: ignore[no-untyped-def]
        if real_ids and case.path_parameters:
            case.path_parameters = {k: KNOWN_IDS.get(k, v) for k, v in case.path_parameters.items()}
        # identity: the WSGI transport does not decode the br/gzip bodies the table-revision reads send
        headers = {"Authorization": f"Bearer {tokens[role]}", "Accept-Encoding": "identity"}
        if case.headers and "If-Match" in case.headers:
            headers["If-Match"] = case.headers["If-Match"]
        response = case.call(headers=headers)
        seen[f"{mode.value} {operation.method.upper()} {response.status_code}"] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except BaseExceptionGroup as exc:
            failures.append(
                f"{mode.value} {operation.method.upper()} {operation.path} as {role}: {exc!s:.600}"
            )

    run()
