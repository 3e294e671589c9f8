"""Notes on sessions, articles, clauses, proposals and TAs, and a clause's history."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from bargaining import db
from bargaining.api.common import ApiBlueprint, paged
from bargaining.api.documented import conditional_gets, errors, location
from bargaining.api.etags import documents_if_match, etag_header, if_match_version
from bargaining.auth import current_user
from bargaining.models import Note
from bargaining.services.access import load_table
from bargaining.services.notes import history, reading, writing
from schemas.notes import HistoryEntryOut, NoteIn, NoteOut, NoteQuery, ShareIn

blp = ApiBlueprint("notes", __name__, description="Caucus notes, minutes and bargaining history")
conditional_gets(blp)


def _view(note: Note) -> dict[str, Any]:
    """One note as the caller reads it."""
    table, standing = load_table(db.session(), current_user(), note.table_id)
    return reading.note_views(db.session(), standing, table, [note])[0]


@blp.route("/tables/<int:table_id>/notes")
class Notes(MethodView):
    """A table's notes."""

    @blp.arguments(NoteQuery, location="query")
    @blp.response(200, NoteOut(many=True))
    @errors(blp, 404)
    @blp.paginate()
    def get(self, filters: dict[str, Any], table_id: int, pagination_parameters: PaginationParameters) -> Any:
        """List the notes I may read: my side's, and what was shared with me."""
        stmt, table, standing = reading.list_notes(db.session(), current_user(), table_id, filters)
        return reading.note_views(db.session(), standing, table, paged(stmt, pagination_parameters))

    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], table_id: int) -> Any:
        """Write a note for my side; a correction points at the note it corrects (both remain)."""
        note = writing.create_note(db.session(), current_user(), table_id, data)
        db.session().commit()
        headers = etag_header("note", note) | location("notes.NoteResource", note_id=note.id)
        return _view(note), 201, headers


@blp.route("/notes/<int:note_id>")
class NoteResource(MethodView):
    """One note."""

    @blp.response(200, NoteOut)
    @errors(blp, 404)
    def get(self, note_id: int) -> Any:
        """Get a note."""
        note, _table, _standing = reading.load_note(db.session(), current_user(), note_id)
        return _view(note), 200, etag_header("note", note)


@blp.route("/notes/<int:note_id>/share")
class ShareNote(MethodView):
    """Sharing a note."""

    @blp.arguments(ShareIn)
    @blp.response(200, NoteOut)
    @documents_if_match(blp)
    @errors(blp, 403, 404, 409, 422)
    def post(self, data: dict[str, Any], note_id: int) -> Any:
        """Share minutes or history with the other side, or with members (only ever wider)."""
        expected = if_match_version("note", note_id)
        note = writing.share_note(db.session(), current_user(), note_id, expected, data["audience"])
        db.session().commit()
        return _view(note), 200, etag_header("note", note)


@blp.route("/clauses/<int:clause_id>/history")
class ClauseHistory(MethodView):
    """A clause's history."""

    @blp.response(200, HistoryEntryOut(many=True))
    @errors(blp, 404)
    def get(self, clause_id: int) -> Any:
        """Versions, proposals, TAs and notes on a clause in time order, as I may see them."""
        return history.clause_history(db.session(), current_user(), clause_id)
