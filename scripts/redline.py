"""Download a redline as HTML, DOCX (Word tracked changes), PDF, Markdown, text or JSON from the API.

    python -m scripts.redline --clause ID [--from base] [--to tentative] [--format docx] [-o FILE]
    python -m scripts.redline --proposal ID [--against auto|base|answered]
    python -m scripts.redline (--article | --table) ID --from union --to employer --format pdf
        [--changes-only]

A thin client: the API renders the document (GET .../redline?format=...), this writes it. URL and
token from --url / --token or BARGAINING_URL / BARGAINING_TOKEN. The file is written under a
temporary name beside the output and renamed into place: a failure leaves no half file. Without -o
the file takes the name the API gives it (Content-Disposition). Exit status: 0 written; 1 the API
refused (bad token, unknown id...); 2 usage; 3 the server cannot be reached; 4 the file cannot be
written.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a file: import the shared client from the checkout
    sys.path.insert(0, str(ROOT))

from scripts.api_client import Failure, get  # noqa: E402

FORMATS = ("html", "docx", "pdf", "md", "text", "json")
SUFFIXES = {"txt": "text", "markdown": "md", "htm": "html"}
TIMEOUT = 120
_FILENAME = re.compile(r'filename="([^"/\\]+)"')


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="redline", description=__doc__.splitlines()[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--clause", type=int, metavar="ID", help="one clause")
    what.add_argument("--proposal", type=int, metavar="ID", help="a proposal, item by item")
    what.add_argument("--article", type=int, metavar="ID", help="one article")
    what.add_argument("--table", type=int, metavar="ID", help="the whole contract")
    parser.add_argument("--from", dest="old", default="base", help="old text: base, union, employer, ...")
    parser.add_argument("--to", dest="new", default="tentative", help="new text (default tentative)")
    parser.add_argument("--against", default="auto", choices=["auto", "base", "answered"], help="proposals")
    parser.add_argument("--format", choices=FORMATS, help="default: from -o's suffix, else html")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: the name the API gives)")
    parser.add_argument("--exact-whitespace", action="store_true", help="show whitespace-only changes")
    parser.add_argument("--changes-only", action="store_true", help="articles and contract: changed clauses")
    parser.add_argument("--url", default=os.environ.get("BARGAINING_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("BARGAINING_TOKEN"))
    return parser.parse_args(argv)


def request(args: argparse.Namespace, fmt: str) -> tuple[str, dict[str, str]]:
    """The path and query of the redline the command line names."""
    whitespace = {"ignore_whitespace": "false" if args.exact_whitespace else "true", "format": fmt}
    refs = {"from": args.old, "to": args.new, **whitespace}
    documents = {**refs, "changes": "only" if args.changes_only else "all"}
    routes = {
        "clause": ("clauses", refs),
        "proposal": ("proposals", {"against": args.against, **whitespace}),
        "article": ("articles", documents),
        "table": ("tables", documents),
    }
    kind = next(k for k in routes if getattr(args, k) is not None)
    collection, params = routes[kind]
    return f"/{collection}/{getattr(args, kind)}/redline", params


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file in the same directory, then rename it into place."""
    directory = path.parent if str(path.parent) else Path()
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise Failure(f"cannot write in {directory}: {exc.strerror}", 4) from exc
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        os.umask(umask := os.umask(0o022))  # read the umask (mkstemp made the file 0600)
        temp.chmod(0o666 & ~umask)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise Failure(f"cannot write {path}: {exc.strerror or exc}", 4) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _format(args: argparse.Namespace) -> str:
    """The output format: --format, else the output's suffix, else html."""
    suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
    suffix = SUFFIXES.get(suffix, suffix)
    return str(args.format or (suffix if suffix in FORMATS else "html"))


def _name(disposition: str, fallback: str) -> str:
    """The file name the API gave, else the fallback."""
    found = _FILENAME.search(disposition)
    return found.group(1) if found else fallback


def main(argv: list[str] | None = None) -> int:
    """Fetch the rendered redline and write it; return the exit status."""
    args = parse_args(argv)
    if not args.token:
        print("error: give --token or set BARGAINING_TOKEN", file=sys.stderr)
        return 2
    fmt = _format(args)
    try:
        path, params = request(args, fmt)
        url = args.url.rstrip("/") + "/api/v1" + path
        response = get(url, args.token, base=args.url, shown=path, timeout=TIMEOUT, params=params)
        disposition = response.headers.get("Content-Disposition", "")
        output = args.output or Path(_name(disposition, f"redline.{fmt}"))
        write_atomically(output, lambda temp: temp.write_bytes(response.content))
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return failure.status
    print(f"wrote {output} ({len(response.content):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
