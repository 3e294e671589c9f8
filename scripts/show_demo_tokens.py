"""Print the demo users' tokens and a curl line to try (used by `make run`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Print tokens from the demo tokens file."""
    args = sys.argv[1:] if argv is None else argv
    path, host, port = Path(args[0]), args[1], args[2]
    if not path.exists():
        print(f"no {path}: the demo tokens were written on the first run only")
        return 0
    tokens = json.loads(path.read_text())
    base = f"http://{host}:{port}"
    print()
    print(f"bargaining is starting at {base}/")
    print(f"  API docs (try each call):  {base}/api/v1/docs")
    print(f"  members' sign-in:          {base}/signin   (paste the member token below)")
    print(f"Demo tokens (also in {path}):")
    for role, token in tokens.items():
        print(f"  {role:<20} {token}")
    print("Try:")
    print(f"  curl -H 'Authorization: Bearer {tokens.get('union_negotiator', '')}' {base}/api/v1/tables")
    print(f"  .venv/bin/python scripts/walkthrough.py --base-url {base}  # bargain on a table of its own")
    print("Stop with Ctrl-C. Running `make run` again keeps the data and these tokens.")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
