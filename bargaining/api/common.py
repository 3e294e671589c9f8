"""The API object, its argument parser, blueprints' shared helpers and pagination."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from flask import url_for
from flask_smorest import Api, Blueprint, abort
from flask_smorest.pagination import PaginationMetadataSchema, PaginationParameters
from marshmallow import Schema, validate
from sqlalchemy import Select, func, select
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request

from bargaining import db
from bargaining.api.openapi import ConventionsPlugin
from bargaining.errors import handle_http_exception
from schemas.common import ErrorOut

T = TypeVar("T")
PAGINATION_REF = "#/components/schemas/PaginationMetadata"
MAX_JSON_DEPTH = 64
MAX_NUMBER_DIGITS = 1000  # longer JSON numbers are refused (422), never handed to int()
MAX_PAGE = 2**31 - 1  # (page - 1) * page_size stays inside every database's 64-bit integer


def _depth(value: Any, limit: int) -> int:
    """Return the nesting depth of a JSON value, stopping past the limit."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


class _NumberOutOfRange(ValueError):
    """A JSON number no field of the API can hold."""


def _parse_int(text: str) -> int:
    """Parse a JSON integer, refusing one too long to be any field's value."""
    if len(text) > MAX_NUMBER_DIGITS:
        raise _NumberOutOfRange(f"A number in the body has more than {MAX_NUMBER_DIGITS} digits.")
    return int(text)


def _parse_float(text: str) -> float:
    """Parse a JSON number with a fraction or exponent, refusing one beyond a float's range."""
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NumberOutOfRange("A number in the body is too large.")
    return value


def _refuse_constant(text: str) -> Any:
    """NaN and Infinity are not JSON."""
    raise _NumberOutOfRange(f"{text} is not a JSON number.")


def _parse_json(raw: bytes) -> Any:
    """Parse a JSON body (as webargs does) with bounded numbers."""
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"Bytes decoding error : {exc.reason}"
        raise json.JSONDecodeError(message, str(exc.object), exc.start) from exc
    return json.loads(
        decoded, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_refuse_constant
    )


class BodyParser(FlaskParser):
    """A webargs parser that refuses JSON nested beyond reason instead of recursing."""

    def _raw_load_json(self, req: Any) -> Any:
        """Parse JSON, turning recursion and depth overflows into invalid JSON."""
        if not is_json_request(req):
            return core.missing
        try:
            data = _parse_json(req.get_data(cache=True))
        except RecursionError as exc:
            raise json.JSONDecodeError("JSON nested too deeply", "deep", 0) from exc
        except _NumberOutOfRange as exc:
            abort(422, message="The request is not valid.", errors={"json": {"_body": [str(exc)]}})
        if _depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise json.JSONDecodeError("JSON nested too deeply", "x", 0)
        return data


class PageParser(FlaskParser):
    """The pagination parser, with the page number bounded (a huge offset overflows the database)."""

    def _get_schema(self, argmap: Any, req: Any) -> Schema:
        """The pagination schema, its page field refusing numbers past MAX_PAGE."""
        schema = super()._get_schema(argmap, req)
        page = schema.fields.get("page")
        if page is not None:
            page.validators = [*page.validators, validate.Range(max=MAX_PAGE)]
        return schema


class BargainingApi(Api):  # type: ignore[misc]
    """flask-smorest's Api with the project's one error shape and OpenAPI conventions (api.openapi)."""

    ERROR_SCHEMA = ErrorOut

    def __init__(self, app: Any = None, *, spec_kwargs: dict[str, Any] | None = None) -> None:
        self.conventions = ConventionsPlugin()
        spec_kwargs = dict(spec_kwargs or {})
        spec_kwargs["extra_plugins"] = [*spec_kwargs.get("extra_plugins", ()), self.conventions]
        super().__init__(app, spec_kwargs=spec_kwargs)

    def handle_http_exception(self, error: Any) -> Any:
        """Delegate to the project's error renderer."""
        return handle_http_exception(error)

    def _register_pagination_header(self) -> None:
        """Document X-Pagination as what it is: a JSON object serialized in the header's value."""
        self.spec.components.header(
            "PAGINATION",
            {
                "description": "Pagination metadata: a JSON object (total, total_pages, first_page, "
                "last_page, page, previous_page, next_page) serialized as the header's value.",
                "content": {"application/json": {"schema": {"$ref": PAGINATION_REF}}},
            },
        )
        self.spec.components.schema("PaginationMetadata", schema=PaginationMetadataSchema)


class ApiBlueprint(Blueprint):  # type: ignore[misc]
    """A flask-smorest blueprint using the depth-checking parser, with page sizes that fit a contract."""

    ARGUMENTS_PARSER = BodyParser()
    PAGINATION_ARGUMENTS_PARSER = PageParser()
    # A contract's articles (dozens) and a clause's versions fit on one default page.
    DEFAULT_PAGINATION_PARAMETERS = {"page": 1, "page_size": 100, "max_page_size": 500}

    def arguments(self, schema: Any, *args: Any, **kwargs: Any) -> Any:
        """As flask-smorest's, with a schema class instantiated once (webargs builds one per request)."""
        if isinstance(schema, type):
            schema = schema()
        return super().arguments(schema, *args, **kwargs)


def location(endpoint: str, **values: Any) -> dict[str, str]:
    """The Location header of what a POST created: the URL of the route that serves it."""
    return {"Location": url_for(endpoint, **values)}


def paged(stmt: Select[T], params: PaginationParameters) -> list[T]:
    """Count a select, then return the requested page of it."""
    count_stmt = select(func.count()).select_from(stmt.order_by(None).subquery())
    params.item_count = db.session().scalar(count_stmt) or 0
    page = stmt.limit(params.page_size).offset(params.first_item)
    return list(db.session().scalars(page))
