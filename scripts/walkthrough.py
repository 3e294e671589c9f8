"""The README's walk-through, runnable: a whole negotiation through the API on a table of its own.

    .venv/bin/python scripts/walkthrough.py                      # the demo server, admin token from
                                                                 # instance/demo-tokens.json
    .venv/bin/python scripts/walkthrough.py --base-url http://127.0.0.1:8000 --token bgn_...

With only an administrator's token it creates a table, two negotiators (one per side) with
tokens and seats, the current contract (one article, one clause), then bargains: the union drafts
and passes U-1, the employer counters with the same language and passes E-1, the union offers a
TA, the employer countersigns, and it prints the status board, the clause's redline and the TA
summary. Every id it uses is one the API returned (read from the body or the Location header),
so it never touches the demo's table or anyone else's. Each call is printed as
``METHOD path -> status`` so a person can follow along with curl. Exit status: 0 done,
1 the API refused a step, 3 the server cannot be reached.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the shared client from the checkout
    sys.path.insert(0, str(ROOT))

from scripts.api_client import Failure, error_message  # noqa: E402

DEFAULT_TOKENS = Path("instance/demo-tokens.json")
OLD_TEXT = "A full-time clinician's active caseload shall not exceed 65 clients."
NEW_TEXT = "A full-time clinician's active caseload shall not exceed 50 clients."


@dataclass
class Walk:
    """The server, the tokens by role, and what was printed."""

    base: str
    tokens: dict[str, str]
    timeout: float = 30.0
    out: list[str] = field(default_factory=list)

    def call(
        self, method: str, path: str, role: str = "admin", body: Any = None, etag: str | None = None
    ) -> requests.Response:
        """Make one call as a role; print it; fail on an error status."""
        headers = {"Authorization": f"Bearer {self.tokens[role]}"}
        if etag:
            headers["If-Match"] = etag
        if method == "POST":
            headers["Idempotency-Key"] = str(uuid.uuid4())
        try:
            response = requests.request(
                method, f"{self.base}/api/v1{path}", json=body, headers=headers, timeout=self.timeout
            )
        except requests.RequestException as exc:
            raise Failure(f"cannot reach {self.base}: {exc.__class__.__name__}", 3) from exc
        self.say(f"{method:<5} /api/v1{path}  ({role}) -> {response.status_code}")
        if response.status_code >= 400:
            raise Failure(f"{method} {path}: {response.status_code} {error_message(response)}", 1)
        return response

    def say(self, line: str) -> None:
        """Print a line and keep it."""
        self.out.append(line)
        print(line)


def _created_id(response: requests.Response) -> int:
    """The id of what a POST created, from the Location header the API sends with every 201."""
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def set_up(walk: Walk, tag: str) -> tuple[int, int]:
    """A new table, a negotiator per side with a token and a seat, and a one-clause contract."""
    made = walk.call(
        "POST",
        "/tables",
        body={
            "title": f"Walk-through {tag}",
            "union_name": "Clinicians United",
            "employer_name": "Group Practice",
        },
    )
    table = _created_id(made)
    for side in ("union", "employer"):
        user = walk.call(
            "POST", "/users", body={"email": f"{side}-{tag}@walkthrough.example", "name": f"{side} lead"}
        )
        user_id = _created_id(user)
        walk.tokens[side] = walk.call(
            "POST", f"/users/{user_id}/tokens", body={"name": "walk-through"}
        ).json()["token"]
        walk.call(
            "POST",
            f"/tables/{table}/memberships",
            body={"user_id": user_id, "side": side, "role": "negotiator"},
        )
    article = _created_id(
        walk.call("POST", f"/tables/{table}/articles", body={"number": "12", "title": "Caseloads"})
    )
    clause = walk.call(
        "POST", f"/articles/{article}/clauses", body={"number": "12.1", "heading": "Caps", "text": OLD_TEXT}
    )
    return table, _created_id(clause)


def bargain(walk: Walk, table: int, clause: int) -> int:
    """Draft, pass, counter, pass, offer a TA and countersign it; return the TA's id."""
    item = {"action": "amend", "clause_id": clause, "text": NEW_TEXT}
    draft = walk.call(
        "POST", f"/tables/{table}/proposals", "union", {"title": "Caseload caps", "items": [item]}
    )
    proposal = _created_id(draft)
    passed = walk.call("POST", f"/proposals/{proposal}/pass", "union", {}, etag=draft.headers["ETag"]).json()
    walk.say(f"      passed as {passed['label']}")
    theirs = walk.call("GET", f"/proposals/{proposal}", "employer")
    counter = walk.call("POST", f"/proposals/{proposal}/counter", "employer", {}, etag=theirs.headers["ETag"])
    answered = walk.call(
        "POST", f"/proposals/{_created_id(counter)}/pass", "employer", {}, etag=counter.headers["ETag"]
    ).json()
    walk.say(f"      countered with {answered['label']}")
    version = answered["items"][0]["version_id"]
    offer = walk.call(
        "POST",
        f"/tables/{table}/tentative-agreements",
        "union",
        {"items": [{"clause_id": clause, "action": "amend", "version_id": version}]},
    )
    ta = _created_id(offer)
    read = walk.call("GET", f"/tentative-agreements/{ta}", "employer")
    signed = walk.call(
        "POST", f"/tentative-agreements/{ta}/sign", "employer", {}, etag=read.headers["ETag"]
    ).json()
    walk.say(f"      TA {signed['id']} is {signed['state']}")
    return ta


def report(walk: Walk, table: int, clause: int) -> None:
    """The status board, the clause's redline (base to TA) and the TA summary."""
    board = walk.call("GET", f"/tables/{table}/status", "union").json()
    for article in board["articles"]:
        for row in article["clauses"]:
            walk.say(f"      {row['number']} {row['status']}")
    redline = walk.call("GET", f"/clauses/{clause}/redline?from=base&to=ta&format=md", "union")
    walk.say(f"      {redline.text.strip()}")
    summary = walk.call("GET", f"/tables/{table}/ta-summary", "union").json()
    walk.say(f"      TA summary: {json.dumps(summary.get('counts', {}), sort_keys=True)}")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--token", help="an administrator's token (default: admin in the demo tokens file)")
    parser.add_argument("--tokens-file", type=Path, default=DEFAULT_TOKENS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the walk-through; return the exit status."""
    args = _parse(argv)
    token = args.token
    if not token and args.tokens_file.exists():
        token = json.loads(args.tokens_file.read_text(encoding="utf-8")).get("admin")
    if not token:
        print("walkthrough: give --token (an administrator's), or run `make run` first for the demo tokens")
        return 2
    walk = Walk(args.base_url.rstrip("/"), {"admin": token})
    try:
        table, clause = set_up(walk, uuid.uuid4().hex[:8])
        bargain(walk, table, clause)
        report(walk, table, clause)
    except Failure as exc:
        print(f"walkthrough: {exc}", file=sys.stderr)
        return exc.status
    return 0


if __name__ == "__main__":
    sys.exit(main())
