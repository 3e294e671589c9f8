"""The index kept at each commit is the index a rebuild makes; a rollback leaves nothing behind."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from bargaining.models import SearchDocument
from bargaining.services.search.index import rebuild
from tests.trust.world import build_world

COLUMNS = ("kind", "object_id", "table_id", "article_id", "clause_id", "version_id", "proposal_id", "side",
           "status", "title", "body")  # fmt: skip


def _rows(engine):
    with engine.connect() as conn:
        rows = conn.execute(select(*[getattr(SearchDocument, c) for c in COLUMNS]))
        return sorted(tuple(r) for r in rows)


def test_the_index_kept_at_every_commit_equals_a_rebuild(app, api, cast, engine):
    build_world(api, cast)  # drafts, passes, a delete, signed and pending TAs, edits
    kept = _rows(engine)
    assert {r[0] for r in kept} == {"version", "article", "clause", "proposal", "ta", "note", "info_request"}
    with engine.begin() as conn:
        rebuild(conn)
    assert _rows(engine) == kept


def _index_definitions(engine):
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = 'search_documents'"
            )
        )
        return sorted(tuple(r) for r in rows)


def test_a_rebuild_gives_postgresql_its_text_indexes_back(api, cast, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL sets its text indexes aside during a rebuild")
    from tests.api.negotiation import Negotiation

    Negotiation(api, cast.table_id).enter_base()
    before = _index_definitions(engine)
    assert "ix_search_documents_tsv" in {name for name, _ in before}
    with engine.begin() as conn:
        rebuild(conn)
    assert _index_definitions(engine) == before
    assert api.get(f"/tables/{cast.table_id}/search?q=caseload").json


def test_a_deleted_draft_leaves_the_index(api, cast):
    from tests.api.negotiation import Negotiation

    n = Negotiation(api, cast.table_id)
    n.enter_base()
    draft = n.draft(
        "union_negotiator", "Platypus plan", [{"action": "status_quo", "clause_id": n.clauses["5.1"]}]
    )
    assert api.get(f"/tables/{cast.table_id}/search?q=platypus").json
    gone = api.delete(f"/proposals/{draft['id']}", headers={"If-Match": draft["etag"]})
    assert gone.status_code == 204
    assert api.get(f"/tables/{cast.table_id}/search?q=platypus").json == []


def test_a_refused_write_indexes_nothing(api, cast, engine):
    from tests.api.negotiation import Negotiation

    n = Negotiation(api, cast.table_id)
    n.enter_base()
    before = _rows(engine)
    refused = api.post(
        f"/tables/{cast.table_id}/proposals",
        {"title": "Echidna", "items": [{"action": "amend", "clause_id": 999999, "text": "Echidna text"}]},
    )
    assert refused.status_code == 422
    assert _rows(engine) == before


def test_the_cli_rebuilds_the_index(runner, api, cast):
    from tests.api.negotiation import Negotiation

    Negotiation(api, cast.table_id).enter_base()
    result = runner.invoke(args=["reindex-search"])
    assert result.exit_code == 0, result.output
    assert "search index rebuilt" in result.output
    assert api.get(f"/tables/{cast.table_id}/search?q=caseload").json
