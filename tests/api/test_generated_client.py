"""A client generated from the OpenAPI document (openapi-python-client) walks a whole negotiation.

The client is generated into a temporary directory on every run (never committed) from the
document a live server serves, then used against that server: draft, pass, counter, TA offer and
countersign, status and redline, without a line of hand-written HTTP.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests

PACKAGE = "bargaining_client"
CONFIG = f"post_hooks: []\nproject_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\n"


@pytest.fixture
def generated(live_server: str, tmp_path: Path):
    """Generate the client from the live server's document; import it; forget it afterwards."""
    document = tmp_path / "openapi.json"
    document.write_bytes(requests.get(f"{live_server}/api/v1/openapi.json", timeout=30).content)
    (tmp_path / "config.yaml").write_text(CONFIG, encoding="utf-8")
    generator = Path(sys.executable).with_name("openapi-python-client")
    subprocess.run(
        [
            str(generator),
            "generate",
            "--path",
            str(document),
            "--output-path",
            str(tmp_path / PACKAGE),
            "--meta",
            "none",
            "--config",
            str(tmp_path / "config.yaml"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


class Walker:
    """Calls generated operations as a role, passing the headers each one documents."""

    def __init__(self, client_module: Any, base_url: str, tokens: dict[str, str]) -> None:
        self.clients = {
            role: client_module.AuthenticatedClient(base_url=base_url, token=token)
            for role, token in tokens.items()
        }

    def call(self, operation: Any, role: str, *args: Any, etag: str | None = None, **kwargs: Any) -> Any:
        """Call operation.sync_detailed; return the response after checking it succeeded."""
        wanted = inspect.signature(operation.sync_detailed).parameters
        if "if_match" in wanted:
            kwargs["if_match"] = etag
        if "idempotency_key" in wanted:
            kwargs["idempotency_key"] = str(uuid.uuid4())
        response = operation.sync_detailed(*args, client=self.clients[role], **kwargs)
        assert response.status_code < 300, (operation.__name__, response.status_code, response.content)
        return response


def test_a_generated_client_walks_the_whole_negotiation(generated, live_server, cast):
    models = importlib.import_module(f"{PACKAGE}.models")

    def op(group: str, name: str) -> Any:
        return importlib.import_module(f"{PACKAGE}.api.{group}.{name}")

    walk = Walker(generated, live_server, cast.tokens)
    table = cast.table_id
    article = walk.call(
        op("articles", "post_articles"), "admin", table, body=models.ArticleIn(number="5", title="Caseloads")
    ).parsed
    clause = walk.call(
        op("clauses", "post_clauses"),
        "admin",
        article.id,
        body=models.ClauseIn.from_dict(
            {"number": "5.1", "heading": "Caseload Limits", "text": "Caseloads shall not exceed 65 clients."}
        ),
    ).parsed

    draft = walk.call(
        op("proposals", "post_proposals"),
        "union_negotiator",
        table,
        body=models.ProposalIn.from_dict(
            {
                "title": "Caseloads",
                "items": [
                    {
                        "action": "amend",
                        "clause_id": clause.id,
                        "text": "Caseloads shall not exceed 50 clients.",
                    }
                ],
            }
        ),
    )
    assert draft.status_code == 201 and draft.headers["Location"].endswith(f"/proposals/{draft.parsed.id}")
    passed = walk.call(
        op("proposals", "post_pass_proposal"),
        "union_negotiator",
        draft.parsed.id,
        body=models.PassIn.from_dict({}),
        etag=draft.headers["ETag"],
    ).parsed
    assert passed.label == "U-1"

    theirs = walk.call(op("proposals", "get_proposal_resource"), "employer_negotiator", passed.id)
    counter = walk.call(
        op("proposals", "post_counter_proposal"),
        "employer_negotiator",
        passed.id,
        body=models.CounterIn.from_dict({}),
        etag=theirs.headers["ETag"],
    )
    answered = walk.call(
        op("proposals", "post_pass_proposal"),
        "employer_negotiator",
        counter.parsed.id,
        body=models.PassIn.from_dict({}),
        etag=counter.headers["ETag"],
    ).parsed
    assert answered.label == "E-1"

    version_id = answered.items[0].version_id
    offer = walk.call(
        op("agreements", "post_agreements"),
        "union_negotiator",
        table,
        body=models.TAIn.from_dict(
            {"items": [{"clause_id": clause.id, "action": "amend", "version_id": version_id}]}
        ),
    )
    ta = walk.call(op("agreements", "get_agreement"), "employer_negotiator", offer.parsed.id)
    signed = walk.call(
        op("agreements", "post_countersign"),
        "employer_negotiator",
        offer.parsed.id,
        body=models.SignatureIn.from_dict({}),
        etag=ta.headers["ETag"],
    ).parsed
    assert signed.state == "signed"

    board = walk.call(op("status", "get_status_board"), "member", table).parsed
    assert [c.status for a in board.articles for c in a.clauses] == ["tentatively_agreed"]
    redline = walk.call(
        op("redlines", "get_clause_redline"), "member", clause.id, from_="base", to="ta"
    ).parsed
    changes = {(str(o.kind), o.text.strip()) for o in redline.ops if str(o.kind) != "equal"}
    assert changes == {("delete", "65"), ("insert", "50")}
