"""Direct statements: the same rows, types and errors as Core, on the pooled DBAPI connection."""

from __future__ import annotations

import pytest
from sqlalchemy import bindparam, literal, select
from sqlalchemy.exc import DBAPIError

from bargaining.direct import DirectQuery, Driver, listen
from bargaining.domain.records import Side
from bargaining.models import ApiToken, BargainingTable, Membership, User

_SEATS = (
    select(
        User.id,
        User.email,
        User.is_admin,
        User.created_at,
        ApiToken.last_used_at,
        Membership.side,
        Membership.role,
        BargainingTable.members_see_passed,
        literal("fixed").label("fixed"),
    )
    .join(Membership, Membership.user_id == User.id)
    .join(BargainingTable, BargainingTable.id == Membership.table_id)
    .outerjoin(ApiToken, ApiToken.user_id == User.id)
    .where(Membership.table_id == bindparam("table_id"), Membership.side == bindparam("side"))
    .order_by(User.id)
)


def _both(app, params):
    """The first row through Core and through DirectQuery, on one connection."""
    with app.extensions["engine"].connect() as connection:
        core = connection.execute(_SEATS, params).first()
        direct = DirectQuery(_SEATS).first(connection.connection, connection.dialect, params)
    return core, direct


def test_a_direct_row_equals_cores_with_the_same_python_types(app, cast):
    core, direct = _both(app, {"table_id": cast.table_id, "side": Side.EMPLOYER})
    assert core is not None and tuple(direct) == tuple(core)
    assert [type(v) for v in direct] == [type(v) for v in core]
    assert direct.created_at.tzinfo is not None and isinstance(direct.side, Side)
    assert direct.is_admin is False and direct.fixed == "fixed"


def test_no_row_is_none(app, cast):
    assert _both(app, {"table_id": cast.table_id + 999, "side": Side.UNION}) == (None, None)


def test_a_driver_error_is_raised_as_sqlalchemys_and_listeners_see_the_statement(app):
    query = DirectQuery(select(User.id).select_from(User).where(User.email == bindparam("email")))
    seen: list[str] = []
    with app.extensions["engine"].connect() as connection, listen(seen.append):
        driver = Driver.of(connection)
        assert driver.first(query, {"email": "nobody@example.org"}) is None
        with pytest.raises(DBAPIError):
            driver.first(DirectQuery(select(literal(1).label("x")).where(_no_such_table())), {})
    assert len(seen) == 2 and "users" in seen[0]


def _no_such_table():
    """A condition on a table that does not exist, so the database refuses the statement."""
    from sqlalchemy import column, exists, table

    return exists(select(column("id")).select_from(table("no_such_table")))


def test_in_lists_are_refused_at_compile_time(app):
    query = DirectQuery(select(User.id).where(User.id.in_(bindparam("ids", expanding=True))))
    with app.extensions["engine"].connect() as connection, pytest.raises(ValueError, match="expanding"):
        Driver.of(connection).first(query, {"ids": [1]})
