"""Bargaining sessions: the table's calendar, attendance, and each session's ledger."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.documented import conditional_gets, errors, location
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.auth import current_user
from bargaining.domain.access import Standing
from bargaining.models import BargainingSession
from bargaining.services.sessions import ledger, scheduling
from schemas.sessions import AttendanceIn, LedgerOut, SessionIn, SessionOut, SessionQuery, SessionUpdateIn

blp = ApiBlueprint("sessions", __name__, description="Bargaining sessions, attendance and ledgers")
conditional_gets(blp)


def _shown(row: BargainingSession, standing: Standing) -> BargainingSession | dict[str, Any]:
    """A session as the caller may see it: members do not see who attended."""
    if standing.is_party or standing.is_admin:
        return row
    return {**{f: getattr(row, f) for f in SessionOut().fields if f != "attendees"}, "attendees": []}


@blp.route("/tables/<int:table_id>/sessions")
class Sessions(MethodView):
    """A table's sessions."""

    @blp.arguments(SessionQuery, location="query")
    @blp.response(200, SessionOut(many=True))
    @errors(blp, 404)
    @blp.paginate()
    def get(self, filters: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the table's sessions in time order (members see them without attendance)."""
        stmt, standing = scheduling.list_sessions(db.session(), current_user(), table_id, filters)
        return [_shown(row, standing) for row in paged(stmt, pagination_parameters)]

    @blp.arguments(SessionIn)
    @blp.response(201, SessionOut)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Schedule a session (or enter one already held), with its attendance."""
        row = scheduling.schedule(db.session(), current_user(), table_id, data)
        db.session().commit()
        headers = etag_header("session", row) | location("sessions.SessionResource", session_id=row.id)
        return row, 201, headers


@blp.route("/sessions/<int:session_id>")
class SessionResource(MethodView):
    """One session."""

    @blp.response(200, SessionOut)
    @errors(blp, 404)
    def get(self, session_id: int) -> Any:
        """Get a session."""
        row, _table, standing = scheduling.load_session(
            db.session(), current_user(), session_id, with_attendees=True
        )
        return _shown(row, standing), 200, etag_header("session", row)

    @blp.arguments(SessionUpdateIn)
    @blp.response(200, SessionOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def patch(self, data: dict[str, Any], session_id: int) -> Any:
        """Edit a session: reschedule it, mark it held or cancelled, change place, link or agenda."""
        expected = if_match_version("session", session_id)
        row = scheduling.update(db.session(), current_user(), session_id, expected, data)
        db.session().commit()
        return row, 200, etag_header("session", row)


@blp.route("/sessions/<int:session_id>/attendance")
class Attendance(MethodView):
    """A session's attendance."""

    @blp.arguments(AttendanceIn)
    @blp.response(200, SessionOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def put(self, data: dict[str, Any], session_id: int) -> Any:
        """Enter who attended: both sides' people and guests (replaces the list)."""
        expected = if_match_version("session", session_id)
        row = scheduling.set_attendance(db.session(), current_user(), session_id, expected, data["attendees"])
        db.session().commit()
        return row, 200, etag_header("session", row)


@blp.route("/sessions/<int:session_id>/ledger")
class Ledger(MethodView):
    """What happened at a session."""

    @blp.response(200, LedgerOut)
    @errors(blp, 404)
    def get(self, session_id: int) -> Any:
        """What each side passed, withdrew, offered, signed and reopened at the session."""
        return ledger.ledger_json(ledger.session_ledger(db.session(), current_user(), session_id))
