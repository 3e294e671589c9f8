"""Download a table's TA summary for members as documents: scripts/ta_summary.py --table ID.

A thin client of GET /api/v1/tables/{id}/ta-summary?audience=members&format=FMT: the API builds
and renders the document (bargaining/services/documents/ta_summary.py, the documents package), so
every file shows exactly what members see, whoever runs the script: signed TAs with their
plain-language summaries and redlines against the current contract, counts, and what is still
open. By default the HTML and the PDF; ``--format`` chooses (repeat it for several). Every format
is downloaded before any file is written, and each file is written whole or not at all.
Exit status: 0 written; 1 the API refused; 2 usage or cannot write; 3 server unreachable.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the shared client from the checkout
    sys.path.insert(0, str(ROOT))

from scripts.api_client import Failure, get  # noqa: E402

TIMEOUT = 60
FORMATS = ("html", "md", "text", "docx", "pdf")
EXTENSIONS = {"html": "html", "md": "md", "text": "txt", "docx": "docx", "pdf": "pdf"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=int, required=True, help="table id")
    parser.add_argument("--url", default=os.environ.get("BARGAINING_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("BARGAINING_TOKEN"))
    parser.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        dest="formats",
        help="a format to write (repeat for several; default html and pdf)",
    )
    parser.add_argument("--html", type=Path, help="HTML file to write (default ta-summary-ID.html)")
    parser.add_argument("--pdf", type=Path, help="PDF file to write (default ta-summary-ID.pdf)")
    parser.add_argument("--out-dir", type=Path, default=Path("."), help="where the other files go")
    return parser.parse_args(argv)


def targets(args: argparse.Namespace) -> dict[str, Path]:
    """Each chosen format and the file it is written to."""
    chosen = list(dict.fromkeys(args.formats or ["html", "pdf"]))
    given = {"html": args.html, "pdf": args.pdf}
    return {
        fmt: given.get(fmt) or args.out_dir / f"ta-summary-{args.table}.{EXTENSIONS[fmt]}" for fmt in chosen
    }


def download(base: str, token: str, table_id: int, fmt: str) -> bytes:
    """The members' summary in one format, as the API renders it."""
    url = f"{base.rstrip('/')}/api/v1/tables/{table_id}/ta-summary"
    params = {"audience": "members", "format": fmt}
    shown = f"{url}?audience=members&format={fmt}"
    return get(url, token, base=base, shown=shown, timeout=TIMEOUT, params=params).content


def write_atomically(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: a temporary file beside it, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write(path: Path, content: bytes) -> None:
    """Write one document, turning I/O errors into one line."""
    try:
        write_atomically(path, content)
    except OSError as exc:
        raise Failure(f"cannot write {path}: {exc.strerror}", 2) from exc


def main(argv: list[str] | None = None) -> int:
    """Download the members' summary in each chosen format and write the files."""
    args = parse_args(argv)
    if not args.token:
        print("error: give --token or set BARGAINING_TOKEN", file=sys.stderr)
        return 2
    paths = targets(args)
    try:
        bodies = {fmt: download(args.url, args.token, args.table, fmt) for fmt in paths}
        for fmt, path in paths.items():
            _write(path, bodies[fmt])
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.status
    print(f"wrote {' and '.join(str(p) for p in paths.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
