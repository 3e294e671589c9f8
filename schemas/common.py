"""Shared fields and schemas: safe strings, errors, ids."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from bargaining.domain.error_codes import ERROR_CODES

NUL = "\x00"


class SafeString(fields.String):
    """A string that refuses NUL bytes and unpaired surrogates (no database stores them)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if NUL in text:
            raise ValidationError("NUL characters are not allowed.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValidationError("Text must be valid Unicode (no lone surrogates).") from exc
        return text


class UTCDateTime(fields.AwareDateTime):
    """A date and time (naive means UTC), loaded as UTC; its UTC value must fall in years 1-9999."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("default_timezone", UTC)
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError as exc:
            raise ValidationError("The time in UTC must fall in years 1 to 9999.") from exc


def name_field(max_len: int = 200, **kwargs: Any) -> SafeString:
    """A required, non-blank, bounded name."""
    return SafeString(required=True, validate=validate.Length(min=1, max=max_len), **kwargs)


class ErrorBody(Schema):
    """The body of an error."""

    code = fields.String(
        required=True,
        validate=validate.OneOf(list(ERROR_CODES)),
        metadata={"description": "Stable error code, one of a closed set (see each response's codes)"},
    )
    message = fields.String(required=True)
    field_errors = fields.Dict(
        keys=fields.String(), data_key="fields", metadata={"description": "Field at fault -> messages"}
    )


class ErrorOut(Schema):
    """Every error response: {"error": {code, message, fields}}."""

    error = fields.Nested(ErrorBody, required=True)


class HealthOut(Schema):
    """Service health."""

    status = fields.String(required=True)
    database = fields.String(required=True)
    message = fields.String()
