"""Import a contract into a table through the API: scripts/import_contract.py FILE --table ID.

Options as `flask import-contract`: --dry-run, --tracked-changes accept|reject (--reject-changes is
the earlier spelling of --tracked-changes reject). Exit codes: 0 done, 1 the server refused the
file (its error is printed), 2 a bad command line or unreadable file, 3 the server is unreachable.

FILE may be a Word file (.docx), a PDF (with a text layer or scanned), plain text or Markdown; it is
uploaded as it is (multipart/form-data) and read by the server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import requests

TIMEOUT = 120


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path, help="the contract: .docx, .pdf, text or Markdown")
    parser.add_argument("--table", type=int, required=True, help="table id")
    parser.add_argument("--url", default=os.environ.get("BARGAINING_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("BARGAINING_TOKEN"))
    parser.add_argument("--dry-run", action="store_true", help="show the outline, write nothing")
    parser.add_argument(
        "--tracked-changes",
        choices=["accept", "reject"],
        default="accept",
        help="a Word file's tracked changes: accepted (default) or rejected, as `flask import-contract`",
    )
    parser.add_argument(  # the earlier spelling, kept working
        "--reject-changes",
        action="store_const",
        const="reject",
        dest="tracked_changes",
        help="the same as --tracked-changes reject",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Send the file to POST /tables/{id}/import; print counts (or the outline on a dry run)."""
    args = parse_args(argv)
    if not args.token:
        print("error: give --token or set BARGAINING_TOKEN", file=sys.stderr)
        return 2
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    url = f"{args.url.rstrip('/')}/api/v1/tables/{args.table}/import"
    try:
        response = requests.post(
            url,
            files={"file": (args.file.name, data)},
            params={
                "dry_run": str(args.dry_run).lower(),
                "tracked_changes": args.tracked_changes,
            },
            headers={"Authorization": f"Bearer {args.token}"},
            timeout=TIMEOUT,
        )
    except requests.RequestException as exc:
        print(f"error: cannot reach {args.url}: {exc.__class__.__name__}", file=sys.stderr)
        return 3
    body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
    if response.status_code >= 400:
        error = body.get("error", {})
        print(
            f"error: {response.status_code} {error.get('code', '')}: {error.get('message', response.reason)}",
            file=sys.stderr,
        )
        return 1
    report = body["outline"] if args.dry_run else body["counts"]
    print(
        json.dumps(
            report
            if not args.dry_run
            else {
                "counts": body["counts"],
                "source": body["source"],
                "outline": report,
                "unplaced": body["unplaced"],
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
