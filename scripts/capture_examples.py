"""Capture the OpenAPI document's request and response examples from the demo negotiation.

    .venv/bin/python scripts/capture_examples.py            # rewrites bargaining/api/openapi_examples.json
    .venv/bin/python scripts/capture_examples.py --output /tmp/examples.json

It loads the demo (the Riverbend renewal) into a throwaway SQLite database, then makes real calls
through the app, in process: reads of the demo's table, proposals, TAs, redlines and summaries,
and writes on the demo table and on small tables of its own. The first successful call of each
operation is kept, keyed by operationId: its JSON request body, status and JSON response (lists
cut to two items, long text cut, token and webhook secrets replaced); a 201 without Location stops it.
bargaining.api.openapi merges the file into the document. A capability adds its routes' calls as a
step (a function taking a Capture) to STEPS in scripts/capture_steps.py and runs the script again;
it exits 1 naming every operation it did not reach.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the app from the checkout
    sys.path.insert(0, str(ROOT))

from flask import Flask  # noqa: E402

from bargaining.api.openapi import EXAMPLES_FILE  # noqa: E402
from scripts.capture_steps import STEPS  # noqa: E402

MAX_ITEMS = 2
MAX_CHARS = 400
SECRETS = {"token": "bgn_EXAMPLE", "secret": "whsec_EXAMPLE"}  # shown once, never in an example


def shrink(value: Any) -> Any:
    """Keep an example short: two items of a list, 400 characters of a text, no token or webhook secret."""
    if isinstance(value, list):
        return [shrink(v) for v in value[:MAX_ITEMS]]
    if isinstance(value, dict):
        return {k: SECRETS[k] if k in SECRETS else shrink(v) for k, v in value.items()}
    if isinstance(value, str) and len(value) > MAX_CHARS:
        return value[:MAX_CHARS] + "…"
    return value


@dataclass
class Capture:
    """The app, the demo's tokens and ids, and the examples kept so far."""

    app: Flask
    tokens: dict[str, str]
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def call(
        self,
        method: str,
        path: str,
        role: str = "admin",
        body: Any = None,
        etag: str | None = None,
        upload: tuple[bytes, str, str] | None = None,
    ) -> Any:
        """Call the API as a role; keep the call as its operation's example if it is the first success.

        ``upload`` (content, filename, media type) sends a small in-memory file as multipart/form-data
        in the form field ``file``, the way a browser uploads one.
        """
        headers = {"Authorization": f"Bearer {self.tokens[role]}"}
        if etag:
            headers["If-Match"] = etag
        if method == "POST":
            headers["Idempotency-Key"] = str(uuid.uuid4())
        client = self.app.test_client()
        if upload is not None:
            content, filename, media_type = upload
            form = {"file": (io.BytesIO(content), filename, media_type)}
            response = client.open(f"/api/v1{path}", method=method, data=form, headers=headers)
        else:
            response = client.open(f"/api/v1{path}", method=method, json=body, headers=headers)
        if response.status_code >= 300:
            raise RuntimeError(
                f"{method} {path} as {role}: {response.status_code} {response.get_data(as_text=True)}"
            )
        if response.status_code == 201 and not response.headers.get("Location", "").startswith("/api/v1/"):
            raise RuntimeError(f"{method} {path}: a 201 without a Location header (see api.common.location)")
        self._keep(method, path.split("?", 1)[0], body, response)
        return response

    def etag(self, path: str, role: str = "admin") -> str:
        """Read an object and return its ETag (reading is itself an example)."""
        return str(self.call("GET", path, role).headers["ETag"])

    def _keep(self, method: str, path: str, body: Any, response: Any) -> None:
        """Record the call under its operationId unless one is kept already."""
        endpoint, _args = self.app.url_map.bind("localhost").match(f"/api/v1{path}", method=method)
        conventions = self.app.extensions["bargaining_api"].conventions
        operation = conventions.operation_ids.get((endpoint, method))
        if operation is None or operation in self.examples:
            return
        example: dict[str, Any] = {"status": response.status_code}
        if body is not None:
            example["request"] = shrink(body)
        if response.is_json and response.get_data():
            example["response"] = shrink(response.get_json())
        self.examples[operation] = example


def demo_app(database: Path) -> tuple[Flask, dict[str, str]]:
    """The app on a new SQLite file holding the demo negotiation; the demo's tokens by role."""
    from bargaining import migrate
    from bargaining.app import create_app
    from bargaining.db import make_engine
    from bargaining.services.demo import ensure_demo

    url = f"sqlite:///{database}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    app = create_app({"DATABASE_URL": url, "ENGINE": engine})
    with app.app_context():
        session = app.extensions["sessionmaker"]()
        tokens, _created = ensure_demo(session)
        session.commit()
        session.close()
    return app, tokens


def documented_operations(app: Flask) -> set[str]:
    """Every operationId in the app's document."""
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    return {op["operationId"] for ops in spec["paths"].values() for m, op in ops.items() if m != "parameters"}


def capture() -> tuple[dict[str, dict[str, Any]], set[str]]:
    """Run every step on a fresh demo; return the examples and the operations never reached."""
    with tempfile.TemporaryDirectory() as folder:
        app, tokens = demo_app(Path(folder) / "demo.db")
        recorded = Capture(app, tokens)
        for step in STEPS:
            step(recorded)
        missing = documented_operations(app) - set(recorded.examples)
        app.extensions["engine"].dispose()
    return dict(sorted(recorded.examples.items())), missing


def main(argv: list[str] | None = None) -> int:
    """Capture the examples and write them; 1 if an operation was not reached."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--output", type=Path, default=EXAMPLES_FILE)
    args = parser.parse_args(argv)
    examples, missing = capture()
    args.output.write_text(json.dumps(examples, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(examples)} operations captured into {args.output}")
    if missing:
        print(f"not reached (add a step to STEPS in scripts/capture_steps.py): {', '.join(sorted(missing))}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
