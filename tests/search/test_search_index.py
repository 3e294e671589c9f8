"""The index kept at each commit is the index a rebuild makes; a rollback leaves nothing behind."""

from __future__ import annotations

from sqlalchemy import select, text

from bargaining.models import SearchDocument
from bargaining.models.search import FTS_TABLE, GIN_INDEX
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
    """The search index's engine objects as the catalogue holds them: (name, definition)."""
    if engine.dialect.name == "postgresql":
        catalogue = (
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'search_documents'"
        )
    else:
        catalogue = (
            "SELECT name, sql FROM sqlite_master "
            f"WHERE tbl_name IN ('search_documents', '{FTS_TABLE}') AND sql IS NOT NULL"
        )
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(text(catalogue)))


def test_a_rebuild_gives_the_engine_its_text_index_back(api, cast, engine):
    # PostgreSQL drops its GIN and RUM indexes for the bulk insert; SQLite keeps its FTS5 table.
    from tests.api.negotiation import Negotiation

    Negotiation(api, cast.table_id).enter_base()
    before = _index_definitions(engine)
    text_index = GIN_INDEX if engine.dialect.name == "postgresql" else FTS_TABLE
    assert text_index in {name for name, _ in before}
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
