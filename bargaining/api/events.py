"""A table's events: the feed after a cursor, and the same events live as Server-Sent Events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import abort
from sqlalchemy.orm import Session

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user
from bargaining.services.events import feed, streams
from schemas.common import ErrorOut
from schemas.events import EventOut, FeedQuery, StreamQuery

blp = ApiBlueprint("events", __name__, description="What happened at a table, as I may see it")

# Each Server-Sent Event: its id (the event's number), its kind, and the event as JSON in data.
SSE_EVENT = {
    "type": "object",
    "properties": {"id": {"type": "string"}, "event": {"type": "string"}, "data": {"type": "string"}},
}
STREAM_DOC = {"content": {"text/event-stream": {"schema": SSE_EVENT}}}


@blp.route("/tables/<int:table_id>/events")
class Feed(MethodView):
    """A table's events."""

    @blp.arguments(FeedQuery, location="query")
    @blp.response(200, EventOut(many=True))
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """The events after a cursor I may see, oldest first (X-Next-After and Link name the next page)."""
        events = feed.feed(db.session(), current_user(), table_id, args["after"], args["limit"])
        cursor = events[-1]["id"] if events else args["after"]
        link = url_for("events.Feed", table_id=table_id, after=cursor, limit=args["limit"])
        return events, 200, {"X-Next-After": str(cursor), "Link": f'<{link}>; rel="next"'}


def _last_event_id(default: int) -> int:
    """The cursor a reconnecting EventSource sends in Last-Event-ID (422 if it is not a number)."""
    raw = request.headers.get("Last-Event-ID", "").strip()
    if not raw:
        return default
    if not raw.isdigit() or len(raw) > 10:
        abort(
            422,
            message="The request is not valid.",
            errors={"headers": {"Last-Event-ID": ["Not an event id."]}},
        )
    return int(raw)


def _reader() -> Callable[[], AbstractContextManager[Session]]:
    """Open a session for one poll, inside a copy of this GET's request context.

    The stream runs after the view returned, with no request context; a poll's transaction must
    still begin as a read (on SQLite, a plain BEGIN rather than the write lock). Each poll enters
    and leaves its context within one step of the stream, so a stream dropped unfinished (and
    closed later, anywhere) leaves no context behind.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    environ = dict(request.environ)
    maker = app.extensions["sessionmaker"]

    @contextmanager
    def open_session() -> Iterator[Session]:
        with app.request_context(environ), maker() as session:
            yield session

    return open_session


def _settings(once: bool) -> streams.StreamSettings:
    """The stream's timings from the configuration."""
    config = current_app.config
    return streams.StreamSettings(
        poll_seconds=float(config["EVENTS_POLL_SECONDS"]),
        heartbeat_seconds=float(config["EVENTS_HEARTBEAT_SECONDS"]),
        lifetime_seconds=float(config["EVENTS_STREAM_SECONDS"]),
        once=once,
    )


@blp.route("/tables/<int:table_id>/events/stream")
class Stream(MethodView):
    """A table's events, live."""

    @blp.arguments(StreamQuery, location="query")
    @blp.response(200, description="text/event-stream of events", content_type="text/event-stream")
    @blp.doc(responses={"200": {"description": "text/event-stream of events", **STREAM_DOC}})
    @blp.alt_response(404, schema=ErrorOut, description="No such table")
    @blp.alt_response(503, schema=ErrorOut, description="Too many open streams here; retry after Retry-After")
    def get(self, args: dict[str, Any], table_id: int) -> Any:
        """Events as Server-Sent Events (resume with Last-Event-ID; heartbeat comments while quiet)."""
        user, session = current_user(), db.session()
        feed.caller_reader(session, user, table_id)
        after = _last_event_id(args["after"])
        slots = streams.slots(int(current_app.config["EVENTS_MAX_STREAMS"]))
        if not slots.acquire(blocking=False):
            abort(
                503,
                message="Too many open event streams on this server; retry shortly.",
                headers={"Retry-After": str(current_app.config["EVENTS_RETRY_AFTER"])},
            )
        body = streams.stream(_reader(), user, table_id, after, _settings(args["once"]), slots.release)
        response = Response(body, mimetype="text/event-stream")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Accel-Buffering"] = "no"
        return response
