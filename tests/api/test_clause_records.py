"""The one-clause loader reads exactly what the table loader reads for that clause."""

from __future__ import annotations

from sqlalchemy import select

from bargaining.domain.status import derive_status
from bargaining.models import Clause, Proposal
from bargaining.services.clause_records import load_clause_records
from bargaining.services.demo import create_demo
from bargaining.services.records_loader import load_records
from tests.api.test_query_counts import seed


def _derived(records):  # type: ignore[no-untyped-def]
    return derive_status(records.clause_records, records.proposals, records.items, records.tas)


def test_one_clause_records_equal_the_table_loaders(app, cast):
    with app.extensions["sessionmaker"]() as session:
        create_demo(session)  # counters, a package TA, signed and pending TAs, a draft
        session.commit()
    seeded = seed(app, cast, clauses=40, touched=30)
    with app.extensions["sessionmaker"]() as session:
        rows = session.execute(select(Clause.id, Clause.table_id).order_by(Clause.id)).all()
        assert len(rows) > 100 and session.scalar(select(Proposal.id).where(Proposal.is_package))
        whole = {table_id: _derived(load_records(session, table_id)) for table_id in {t for _, t in rows}}
        for clause_id, table_id in rows:
            one = load_clause_records(session, table_id, clause_id)
            assert one == load_records(session, table_id, clause_ids=[clause_id]), clause_id
            assert _derived(one)[clause_id] == whole[table_id][clause_id], clause_id
        stranger = load_clause_records(session, seeded.table_id + 999, seeded.clause_ids[0])
        assert stranger.clauses == [] and stranger.articles == [] and stranger.items == []
