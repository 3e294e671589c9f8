"""Idempotency-Key on every POST of the API: a retry is answered from the first answer, not done again.

Before the view: a POST carrying the header looks up the caller's key. Found with the same request,
its stored answer (status, body, Location, ETag, ...) is sent again with `Idempotent-Replayed: true`
and the view never runs; found with another request, it is a 422 `idempotency_key_reused`. Not
found, the view runs with its commit deferred (db.WriteSession). After the view: if it wrote and
succeeded, its answer is stored and then the write and the stored answer commit together, so a
write is never kept without its answer nor an answer without its write. Answers that wrote
nothing (errors, a dry run) are not kept: a retry runs again. Keys belong to the caller, and are
kept for KEEP_FOR (24 hours). Every route gets this without code of its own.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from apispec import BasePlugin
from flask import Flask, Response, g, request
from sqlalchemy.exc import DBAPIError, IntegrityError

from bargaining import db, errors
from bargaining.domain.errors import DomainError
from bargaining.services import idempotency as service

HEADER = "Idempotency-Key"
KEY = re.compile(r"^[\x21-\x7e]{1,255}$")  # 1-255 visible ASCII characters
KEPT_HEADERS = ("Content-Type", "Location", "ETag", "X-Pagination")
HEADER_DOC = {
    "in": "header",
    "name": HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7e]+$"},
    "description": (
        "Any unique string of yours (a UUID). A retry with the same key and body gets the first answer "
        "(marked Idempotent-Replayed: true) and is not done again; the same key with another request is a "
        "422 idempotency_key_reused. Keys are yours alone and kept "
        f"{service.KEEP_FOR.total_seconds() / 3600:g} hours."
    ),
}


class IdempotencyKeyPlugin(BasePlugin):
    """Document the Idempotency-Key header on every POST operation."""

    def operation_helper(self, path: str | None = None, operations: Any = None, **kwargs: Any) -> None:
        """Add the header to the path's POST, if it has one."""
        post = (operations or {}).get("post")
        if post is not None:
            post.setdefault("parameters", []).append(dict(HEADER_DOC))


def init_app(app: Flask) -> None:
    """Install the layer (after authentication, which names the caller)."""
    app.before_request(_replay_or_defer)
    app.after_request(_keep)


def _applies() -> bool:
    """A POST to the API with the header, by an authenticated caller."""
    return request.method == "POST" and HEADER in request.headers and "user" in g


def _form_body() -> bytes:
    """A multipart form as compared: its fields and files, not the boundary a client draws anew."""
    fields = sorted((str(name), str(value)) for name, value in request.form.items(multi=True))
    files = []
    for name, file in request.files.items(multi=True):
        files.append((str(name), file.filename or "", hashlib.sha256(file.read()).hexdigest()))
        file.seek(0)  # the view reads it again
    return json.dumps([fields, sorted(files)]).encode()


def _fingerprint() -> str:
    """What makes two requests the same: method, path, query and body (JSON compared by value)."""
    if request.mimetype == "multipart/form-data":
        body = _form_body()
    else:
        raw = request.get_data(cache=True)
        try:
            body = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode() if raw else b""
        except ValueError:
            body = raw
    head = f"{request.method} {request.full_path}\n".encode()
    return hashlib.sha256(head + body).hexdigest()


def _replay_or_defer() -> Any:
    """Answer a retry from its stored answer, refuse a reused key, or let the view run deferred."""
    if not _applies():
        return None
    key = request.headers[HEADER]
    if not KEY.match(key):
        message = "An Idempotency-Key is 1 to 255 visible ASCII characters."
        return errors.error_response(422, "idempotency_key_invalid", message, {HEADER: [message]})
    session, fingerprint = db.session(), _fingerprint()
    service.take_turn(session, g.user.id, key)
    found = service.find(session, g.user.id, key)
    if found is not None:
        if found.fingerprint != fingerprint:
            message = "This Idempotency-Key was already used with a different request."
            return errors.error_response(422, "idempotency_key_reused", message, {HEADER: [message]})
        replay = Response(found.body, status=found.status, headers=found.headers)
        replay.headers["Idempotent-Replayed"] = "true"
        return replay
    g.idempotency = (key, fingerprint)
    session.info[db.DEFER_COMMIT] = True
    return None


def _keep(response: Response) -> Response:
    """Commit a deferred write together with its stored answer; undo it if the answer is an error."""
    pending = g.pop("idempotency", None)
    if pending is None:
        return response
    session = db.session()
    session.info[db.DEFER_COMMIT] = False
    if not session.info.pop(db.COMMIT_ASKED, False):
        return response  # nothing was written: nothing to keep, a retry runs again
    if response.status_code >= 400:
        session.rollback()  # the view asked to commit, then failed: none of it is kept
        return response
    key, fingerprint = pending
    headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
    answer = (response.status_code, headers, response.get_data())
    try:
        service.keep(session, g.user.id, key, fingerprint, answer)
        session.commit()
    except DomainError as error:
        session.rollback()
        return _as_response(errors.handle_domain_error(error))
    except IntegrityError as error:
        session.rollback()
        return _as_response(errors.handle_integrity(error))
    except DBAPIError as error:
        session.rollback()
        return _as_response(errors.handle_database_down(error))
    return response


def _as_response(answer: tuple[Response, int]) -> Response:
    """An error handler's (response, status) as one response."""
    response, status = answer
    response.status_code = status
    return response
