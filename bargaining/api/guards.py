"""If-Match on an action on an existing object: one decorator documents it, reads it and enforces it.

`@guarded(blp, "ta", "ta_id")` makes a view require the object's ETag in If-Match (428 when
missing, 412 when weak, foreign or stale). The version is checked against the object as the
view's own service loaded it, so authorization still answers first (a stale ETag on an object
you may not see is a 404, never a 412), and the precondition answers before the action's own
rules (a stale ETag on a TA that is no longer pending is a 412, not a 409). The check runs again
at flush on the row the service is about to change, after any lock and reload, and the row's
`version_id_col` makes the UPDATE itself conditional: two writers holding the same ETag cannot
both win.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from bargaining import db
from bargaining.api.etags import documents_if_match, if_match_version
from bargaining.domain.errors import DomainError, PreconditionFailed
from bargaining.models import (
    ApiToken,
    Article,
    BargainingTable,
    Membership,
    Proposal,
    Ratification,
    TentativeAgreement,
    User,
)

GUARDS = "if_match_guards"
# kind (the ETag's first word) -> the model, and the attribute the path's id names
KINDS: dict[str, tuple[type[Any], str]] = {
    "table": (BargainingTable, "id"),
    "article": (Article, "id"),
    "proposal": (Proposal, "id"),
    "ta": (TentativeAgreement, "id"),
    "membership": (Membership, "id"),
    "token": (ApiToken, "id"),
    "user": (User, "id"),
    "ratification": (Ratification, "table_id"),  # one per table, named by the table's id; v0 before any
}
PRECEDED = {409, 422}  # the action's own refusals, which a stale precondition answers before


@dataclass
class Guard:
    """One object a request must find at the version its If-Match names."""

    kind: str
    object_id: int
    expected: int
    checked: bool = False

    def find(self, session: Session) -> Any | None:
        """The object as this session holds it (loaded or new), if it does."""
        model, attribute = KINDS[self.kind]
        for obj in [*session.identity_map.values(), *session.new]:
            if isinstance(obj, model) and getattr(obj, attribute) == self.object_id:
                return obj
        return None

    def current(self, session: Session, obj: Any | None) -> int:
        """The object's version as loaded (0 for one this request is creating, or that does not exist)."""
        return 0 if obj is None or obj in session.new else int(obj.version)

    def load(self, session: Session) -> Any | None:
        """The object as this session holds it, else as the database holds it (None: there is none)."""
        found = self.find(session)
        if found is None:
            model, attribute = KINDS[self.kind]
            found = session.scalar(select(model).where(getattr(model, attribute) == self.object_id))
        return found

    def refuse_if_stale(self, session: Session, obj: Any | None) -> None:
        """Raise 412 unless the object is at the expected version."""
        current = self.current(session, obj)
        if current != self.expected:
            raise PreconditionFailed(
                f"The {self.kind} changed since you read it (now version {current}); fetch it again."
            )


def guarded(blp: Any, kind: str, param: str) -> Callable[[Any], Any]:
    """Require, document and enforce If-Match on a view acting on the `kind` its `param` names."""

    def decorator(func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            guard = Guard(kind, kwargs[param], if_match_version(kind, kwargs[param]))
            session = db.session()
            session.info.setdefault(GUARDS, []).append(guard)
            try:
                return func(*args, **kwargs)
            except DomainError as error:
                if error.status in PRECEDED:
                    guard.refuse_if_stale(session, guard.load(session))
                raise

        return documents_if_match(blp)(wrapper)

    return decorator


@event.listens_for(Session, "before_flush")
def _check_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    """A guarded object about to be written must still be at the version the caller read."""
    for guard in session.info.get(GUARDS, ()):
        if guard.checked:
            continue
        obj = guard.find(session)
        if obj is not None and (obj in session.dirty or obj in session.deleted or obj in session.new):
            guard.refuse_if_stale(session, obj)
            guard.checked = True


@event.listens_for(Session, "before_commit")
def _check_before_commit(session: Session) -> None:
    """A guarded object the action read but did not write must be at that version too."""
    for guard in session.info.get(GUARDS, ()):
        if not guard.checked:
            guard.refuse_if_stale(session, guard.load(session))
