"""A scripted negotiation through the API, shared by the whole-negotiation tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BASE = {
    "5": (
        "Caseloads",
        {
            "5.1": (
                "Caseload Limits",
                "A full-time clinician's active caseload shall not exceed 65 clients.",
            ),
            "5.2": ("Productivity", "The direct-service productivity standard is 28 hours per week."),
            "5.3": ("No-Shows", "Client no-shows count against productivity. See Section 5.2."),
        },
    ),
    "6": (
        "Documentation Time",
        {
            "6.1": ("Notes", "Notes are due within 24 hours of the session."),
        },
    ),
}


@dataclass
class Negotiation:
    """Ids of what the script created, by number."""

    api: Any
    table_id: int
    articles: dict[str, int] = field(default_factory=dict)
    clauses: dict[str, int] = field(default_factory=dict)
    proposals: dict[str, int] = field(default_factory=dict)

    def enter_base(self) -> None:
        """Enter the current contract."""
        for number, (title, clauses) in BASE.items():
            art = self.api.post(
                f"/tables/{self.table_id}/articles", {"number": number, "title": title}, as_="admin"
            )
            assert art.status_code == 201, art.json
            self.articles[number] = art.json["id"]
            for cnum, (heading, text) in clauses.items():
                made = self.api.post(
                    f"/articles/{art.json['id']}/clauses",
                    {"number": cnum, "heading": heading, "text": text},
                    as_="admin",
                )
                assert made.status_code == 201, made.json
                self.clauses[cnum] = made.json["id"]

    def draft(self, as_: str, title: str, items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        """Create a draft; return its JSON with the ETag."""
        response = self.api.post(
            f"/tables/{self.table_id}/proposals", {"title": title, "items": items, **extra}, as_=as_
        )
        assert response.status_code == 201, response.json
        return {**response.json, "etag": response.headers["ETag"]}

    def pass_(self, as_: str, draft: dict[str, Any], **body: Any) -> dict[str, Any]:
        """Pass a draft across the table."""
        response = self.api.post(
            f"/proposals/{draft['id']}/pass", body, as_=as_, headers={"If-Match": draft["etag"]}
        )
        assert response.status_code == 200, response.json
        self.proposals[response.json["label"]] = response.json["id"]
        return response.json

    def propose(self, as_: str, title: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        """Draft a proposal and pass it across the table at once."""
        return self.pass_(as_, self.draft(as_, title, items))

    def board(self, as_: str = "union_negotiator", query: str = "") -> dict[str, Any]:
        """The status board as a role sees it."""
        response = self.api.get(f"/tables/{self.table_id}/status{query}", as_=as_)
        assert response.status_code == 200, response.json
        return response.json

    def statuses(self, as_: str = "union_negotiator") -> dict[str, str]:
        """Clause number -> status."""
        return {c["number"]: c["status"] for a in self.board(as_)["articles"] for c in a["clauses"]}

    def clause(self, number: str, as_: str = "union_negotiator") -> dict[str, Any]:
        """One clause's row on the board."""
        rows = [c for a in self.board(as_)["articles"] for c in a["clauses"] if c["number"] == number]
        assert len(rows) == 1
        return rows[0]

    def offer(self, as_: str, items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
        """Offer a TA."""
        response = self.api.post(
            f"/tables/{self.table_id}/tentative-agreements", {"items": items, **extra}, as_=as_
        )
        assert response.status_code == 201, response.json
        return response.json

    def etag(self, path: str, as_: str = "union_negotiator") -> dict[str, str]:
        """An If-Match header carrying the object's ETag as the role reads it now."""
        response = self.api.get(path, as_=as_)
        assert response.status_code == 200, response.json
        return {"If-Match": response.headers["ETag"]}

    def act(self, as_: str, path: str, of: str, body: Any = None) -> Any:
        """POST an action on an existing object (`of` is the path it is read at), with its If-Match."""
        return self.api.post(path, body, as_=as_, headers=self.etag(of, as_))

    def sign(self, as_: str, ta: dict[str, Any], **body: Any) -> dict[str, Any]:
        """Countersign a TA."""
        path = f"/tentative-agreements/{ta['id']}"
        response = self.act(as_, f"{path}/sign", path, body)
        assert response.status_code == 200, response.json
        return response.json

    def audit_actions(self, as_: str) -> list[str]:
        """The audit trail's actions as a role sees them, oldest first."""
        response = self.api.get(f"/tables/{self.table_id}/audit?page_size=100", as_=as_)
        assert response.status_code == 200, response.json
        return [row["action"] for row in reversed(response.json)]
