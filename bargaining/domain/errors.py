"""Domain errors: one class per failure, each with a stable code."""

from __future__ import annotations


class DomainError(Exception):
    """A failure the API reports as a 4xx with a stable code."""

    code = "domain_error"
    status = 400

    def __init__(self, message: str, field: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code


class NotFound(DomainError):
    """The object does not exist, or the caller may not know it exists."""

    code = "not_found"
    status = 404


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    code = "forbidden"
    status = 403


class Conflict(DomainError):
    """The request contradicts the state of the record."""

    code = "conflict"
    status = 409


class Invalid(DomainError):
    """The request is well-formed but its content is not acceptable."""

    code = "invalid"
    status = 422


class PreconditionFailed(DomainError):
    """The caller's copy (ETag) is stale."""

    code = "precondition_failed"
    status = 412


def ensure_version(kind: str, current: int, expected: int) -> None:
    """Refuse a write made against a stale version of the object."""
    if current != expected:
        raise PreconditionFailed(
            f"The {kind} changed since you read it (now version {current}); fetch it again."
        )
