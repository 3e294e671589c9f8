"""My email notification preferences."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from bargaining import db
from bargaining.api.common import ApiBlueprint
from bargaining.auth import current_user
from bargaining.services.events import preferences as service
from schemas.events import PreferencesOut, PreferencesPatch

blp = ApiBlueprint("notifications", __name__, description="Who is told what, by email")


@blp.route("/me/notification-preferences")
class Preferences(MethodView):
    """How I hear of each kind of notice."""

    @blp.response(200, PreferencesOut)
    def get(self) -> Any:
        """Each kind of notice with my choice: immediate, daily (a digest) or never."""
        return {"preferences": service.preferences(db.session(), current_user().id)}

    @blp.arguments(PreferencesPatch)
    @blp.response(200, PreferencesOut)
    def patch(self, data: dict[str, Any]) -> Any:
        """Change my choice for some kinds (the others stay as they are)."""
        user = current_user()
        chosen = service.set_modes(db.session(), user, user.id, data["preferences"])
        db.session().commit()
        return {"preferences": chosen}
