"""The caller, users and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters
from sqlalchemy import select

from bargaining import db
from bargaining.api.common import ApiBlueprint, location, paged
from bargaining.api.etags import etag_header
from bargaining.api.guards import guarded
from bargaining.auth import current_user
from bargaining.domain.errors import Conflict, Forbidden
from bargaining.models import ApiToken, Membership, User
from bargaining.services import audit_view
from bargaining.services import users as service
from schemas.audit import AuditEventOut
from schemas.common import ErrorOut
from schemas.users import MeOut, NewTokenOut, TokenIn, TokenOut, UserIn, UserOut


@dataclass
class NewToken:
    """A token record with its secret, for the one answer that shows it."""

    record: ApiToken
    token: str

    def __getattr__(self, name: str) -> Any:
        """Read the record's attributes through the view."""
        return getattr(self.record, name)


blp = ApiBlueprint("users", __name__, description="The caller, users and API tokens")


@blp.route("/me")
class Me(MethodView):
    """The caller."""

    @blp.response(200, MeOut)
    def get(self) -> Any:
        """Who am I, and where do I sit."""
        user = current_user()
        seats = db.session().scalars(select(Membership).where(Membership.user_id == user.id))
        fields = ("id", "email", "name", "is_admin", "created_at")
        return {**{name: getattr(user, name) for name in fields}, "seats": list(seats)}


@blp.route("/me/tokens")
class MyTokens(MethodView):
    """The caller's API tokens."""

    @blp.response(200, TokenOut(many=True))
    def get(self) -> Any:
        """List my tokens (never their secrets)."""
        return service.list_tokens(db.session(), current_user())

    @blp.arguments(TokenIn)
    @blp.response(201, NewTokenOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a token for me; its secret is shown only in this answer."""
        token, clear = service.issue_token(db.session(), current_user(), data["name"])
        db.session().commit()
        return NewToken(token, clear), 201, _made(token)


@blp.route("/me/tokens/<int:token_id>")
class MyToken(MethodView):
    """One of the caller's tokens."""

    @blp.response(200, TokenOut)
    @guarded(blp, "token", "token_id")
    def delete(self, token_id: int) -> Any:
        """Revoke a token; it stops working at once."""
        token = service.revoke_token(db.session(), current_user(), token_id)
        db.session().commit()
        return token, 200, etag_header("token", token)


@blp.route("/users")
class Users(MethodView):
    """Users (administrators only)."""

    @blp.response(200, UserOut(many=True))
    @blp.paginate()
    def get(self, pagination_parameters: PaginationParameters) -> Any:
        """List users."""
        if not current_user().is_admin:
            raise Forbidden("Only administrators list users.")
        return paged(select(User).order_by(User.id), pagination_parameters)

    @blp.arguments(UserIn)
    @blp.response(201, UserOut)
    def post(self, data: dict[str, Any]) -> Any:
        """Create a user."""
        user = service.create_user(db.session(), current_user(), **data)
        db.session().commit()
        return user, 201, location("users.UserItem", user_id=user.id)


@blp.route("/users/<int:user_id>/tokens")
class UserTokens(MethodView):
    """Tokens for a user (administrators only)."""

    @blp.arguments(TokenIn)
    @blp.response(201, NewTokenOut)
    def post(self, data: dict[str, Any], user_id: int) -> Any:
        """Create a token for a user; its secret is shown only in this answer."""
        token, clear = service.issue_token_for(db.session(), current_user(), user_id, data["name"])
        db.session().commit()
        return NewToken(token, clear), 201, _made(token)


@blp.route("/users/<int:user_id>/audit")
class UserAudit(MethodView):
    """A user's audit trail (administrators only)."""

    @blp.response(200, AuditEventOut(many=True))
    @blp.alt_response(403, schema=ErrorOut, description="Not an administrator")
    @blp.alt_response(404, schema=ErrorOut, description="No such user")
    @blp.paginate()
    def get(self, user_id: int, pagination_parameters: PaginationParameters) -> Any:
        """Events about a user, their tokens and seats, newest first (who made each)."""
        session = db.session()
        stmt = audit_view.user_events(session, current_user(), user_id)
        params = pagination_parameters
        params.item_count, rows = audit_view.page_of_rows(session, stmt, params.first_item, params.page_size)
        return rows


@blp.route("/users/<int:user_id>")
class UserItem(MethodView):
    """One user (administrators only)."""

    @blp.response(200, UserOut)
    def get(self, user_id: int) -> Any:
        """Get a user."""
        if not current_user().is_admin:
            raise Forbidden("Only administrators read users.")
        return service.find_user(db.session(), user_id=user_id, email=None)


def _made(token: ApiToken) -> dict[str, str]:
    """The headers of a new token: its ETag and where it lives."""
    return {**etag_header("token", token), **location("users.MyToken", token_id=token.id)}
