"""The summary's hand-written clause JSON is exactly what marshmallow's clause schemas write."""

from __future__ import annotations

import pytest
from marshmallow import fields
from sqlalchemy import select

from bargaining.models import BargainingTable
from bargaining.services.demo import create_demo, demo_users
from bargaining.services.ta_summary import ta_summary
from schemas.summary import AgreedClauseOut, OpenClauseOut, SummaryArticleOut, SummaryOut


class ReferenceArticleOut(SummaryArticleOut):
    """The article schema with its clauses dumped field by field by marshmallow."""

    agreed = fields.List(fields.Nested(AgreedClauseOut), required=True)
    open = fields.List(fields.Nested(OpenClauseOut), required=True)


class ReferenceSummaryOut(SummaryOut):
    """The summary schema over the reference articles."""

    articles = fields.List(fields.Nested(ReferenceArticleOut), required=True)


@pytest.mark.parametrize(
    ("role", "audience"), [("union_negotiator", "self"), ("member", "self"), ("admin", "members")]
)
def test_summary_json_equals_the_marshmallow_dump(app, role, audience):
    with app.extensions["sessionmaker"]() as session:
        create_demo(session)  # positions, a package, signed and pending TAs, a draft
        session.commit()
        table_id = session.scalar(select(BargainingTable.id).order_by(BargainingTable.id.desc()))
        summary = ta_summary(session, demo_users(session)[role], table_id, audience)
        fast, reference = SummaryOut().dump(summary), ReferenceSummaryOut().dump(summary)
    agreed = [c for a in reference["articles"] for c in a["agreed"]]
    assert agreed and any(c["redline"]["changed"] for c in agreed)
    assert any(a["open"] for a in reference["articles"])
    assert fast == reference
