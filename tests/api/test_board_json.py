"""The board's hand-written clause JSON is exactly what marshmallow's BoardClauseOut would write."""

from __future__ import annotations

import pytest
from marshmallow import fields
from sqlalchemy import select

from bargaining.models import BargainingTable
from bargaining.services.demo import create_demo, demo_users
from bargaining.services.status_board import BoardFilters, status_board
from schemas.status import BoardArticleOut, BoardClauseOut, BoardOut


class ReferenceArticleOut(BoardArticleOut):
    """The article schema with its clauses dumped field by field by marshmallow."""

    clauses = fields.List(fields.Nested(BoardClauseOut), required=True)


class ReferenceBoardOut(BoardOut):
    """The board schema over the reference articles."""

    articles = fields.List(fields.Nested(ReferenceArticleOut), required=True)


@pytest.mark.parametrize("role", ["union_negotiator", "employer_negotiator", "member", "admin"])
def test_board_json_equals_the_marshmallow_dump(app, role):
    with app.extensions["sessionmaker"]() as session:
        create_demo(session)  # positions, a package, signed and pending TAs, a draft
        session.commit()
        table_id = session.scalar(select(BargainingTable.id).order_by(BargainingTable.id.desc()))
        board = status_board(session, demo_users(session)[role], table_id, BoardFilters())
        fast, reference = BoardOut().dump(board), ReferenceBoardOut().dump(board)
    clauses = [c for a in reference["articles"] for c in a["clauses"]]
    assert len(clauses) > 50
    assert any(c["agreed"] for c in clauses)
    assert any(c["last_moved_at"] for c in clauses) == (role != "member")
    assert fast == reference
