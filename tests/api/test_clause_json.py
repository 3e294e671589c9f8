"""GET a clause's hand-written JSON is exactly what marshmallow's ClauseOut fields would write."""

from __future__ import annotations

from dataclasses import replace

from marshmallow import Schema
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bargaining.direct import Driver
from bargaining.models import Clause
from bargaining.services.clause_read import clause_card
from bargaining.services.demo import create_demo, demo_users
from schemas.articles import ArticleDetailOut, ClauseOut


def _reference(obj, many=False):
    """marshmallow's own dump through ClauseOut's fields."""
    return Schema.dump(ClauseOut(), obj, many=many)


def test_clause_json_equals_the_marshmallow_dump_for_cards_and_rows(app):
    with app.extensions["sessionmaker"]() as session:
        create_demo(session)  # clauses with their base text
        session.commit()
        loads = (selectinload(Clause.base_version),)
        clauses = session.scalars(select(Clause).options(*loads).order_by(Clause.id)).all()
        admin = demo_users(session)["admin"]
        driver = Driver.of(session.connection())
        cards = [clause_card(driver, admin, clause.id) for clause in clauses]
        cards.append(replace(cards[0], in_base=False, base_version_id=None, base_version=None))
        assert all(c.base_version for c in clauses)
        assert ClauseOut().dump(clauses, many=True) == _reference(clauses, many=True)
        assert [ClauseOut().dump(card) for card in cards] == [_reference(card) for card in cards]
        assert ClauseOut(many=True).dump(cards) == _reference(cards, many=True)
        assert "base_text" not in ClauseOut().dump(cards[-1]) and "base_text" in ClauseOut().dump(cards[0])
        article = {"id": 1, "table_id": 1, "number": "1", "title": "", "kind": "article", "position": 1}
        nested = ArticleDetailOut().dump({**article, "clauses": cards})["clauses"]
        assert nested == _reference(cards, many=True)
