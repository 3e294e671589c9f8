"""The API object, its argument parser, blueprints' shared helpers and pagination."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from flask import url_for
from flask_smorest import Api, Blueprint
from flask_smorest import pagination as fs_pagination
from flask_smorest.pagination import PaginationMetadataSchema, PaginationParameters
from marshmallow import Schema, fields, validate
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


class BodyParser(FlaskParser):
    """A webargs parser that refuses JSON nested beyond reason instead of recursing."""

    def _raw_load_json(self, req: Any) -> Any:
        """Parse JSON, turning recursion and depth overflows into invalid JSON."""
        if not is_json_request(req):
            return core.missing
        try:
            data = core.parse_json(req.get_data(cache=True))
        except RecursionError as exc:
            raise json.JSONDecodeError("JSON nested too deeply", "deep", 0) from exc
        if _depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise json.JSONDecodeError("JSON nested too deeply", "x", 0)
        return data


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


MAX_PAGE = 1_000_000  # page x page_size stays a valid OFFSET on every database
_smorest_page_schema = fs_pagination._pagination_parameters_schema_factory


def _bounded_page_schema(def_page: int, def_page_size: int, def_max_page_size: int) -> type[Schema]:
    """flask-smorest's pagination parameters, with a largest page (an unbounded one overflowed OFFSET)."""
    base: type[Schema] = _smorest_page_schema(def_page, def_page_size, def_max_page_size)

    class PaginationParametersSchema(base):  # type: ignore[valid-type,misc]
        """Page and page size, both bounded."""

        page = fields.Integer(load_default=def_page, validate=validate.Range(min=1, max=MAX_PAGE))

    return PaginationParametersSchema


# flask-smorest builds the schema through this module-level factory; there is no hook to pass a maximum.
fs_pagination._pagination_parameters_schema_factory = _bounded_page_schema


class ApiBlueprint(Blueprint):  # type: ignore[misc]
    """A flask-smorest blueprint using the depth-checking parser, with page sizes that fit a contract."""

    ARGUMENTS_PARSER = BodyParser()
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
