"""The benchmark floor: a bare Flask app with one "hello" endpoint, served like the real one."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello() -> dict[str, str]:
    """Answer a tiny JSON body: the cheapest request Flask under gunicorn can serve."""
    return {"hello": "world"}
