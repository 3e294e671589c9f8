"""Administration: deactivate a user, archive a table (administrators only; both audited)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.auth import current_user
from bargaining.services import administration as service
from schemas.tables import TableOut
from schemas.users import UserOut

blp = ApiBlueprint("administration", __name__, description="Deactivating users and archiving tables")


@blp.route("/users/<int:user_id>/deactivate")
class DeactivateUser(MethodView):
    """Deactivation."""

    @blp.response(200, UserOut)
    def post(self, user_id: int) -> Any:
        """Deactivate a user: every token and members' session of theirs stops working at once."""
        user = service.deactivate_user(db.session(), current_user(), user_id)
        db.session().commit()
        return user


@blp.route("/tables/<int:table_id>/archive")
class ArchiveTable(MethodView):
    """Archiving."""

    @blp.response(200, TableOut)
    @documents_if_match(blp)
    def post(self, table_id: int) -> Any:
        """Archive a table: everyone at it can still read it; every write is refused (table_archived)."""
        expected = if_match_version("table", table_id)
        table = service.archive_table(db.session(), current_user(), table_id, expected)
        db.session().commit()
        return table, 200, etag_header("table", table)
