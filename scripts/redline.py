"""Write a redline as HTML, DOCX (Word tracked changes) or PDF, fetched from the bargaining API.

    python -m scripts.redline --clause ID [--from base] [--to tentative] [--format docx] [-o FILE]
    python -m scripts.redline --proposal ID [--against auto|base|answered]
    python -m scripts.redline (--article | --table) ID --from union --to employer --format pdf

URL and token from --url / --token or BARGAINING_URL / BARGAINING_TOKEN. The file is written under
a temporary name beside the output and renamed into place: a failure leaves no half file. Exit
status: 0 written; 1 the API refused (bad token, unknown id...); 2 usage; 3 the server cannot be
reached; 4 the file cannot be written.

Authorship (DOCX w:author; "by" elsewhere): a change is credited to the side whose language is the
NEW text, dated when it was passed (or the TA signed): a proposal's changes to its side; union
against employer to the employer (its text replaces the union's); the tentative contract to the
side that wrote the agreed text (offered the TA, for a deletion); else "Current contract".
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a file: import the shared client from the checkout
    sys.path.insert(0, str(ROOT))

from scripts.api_client import Failure, get  # noqa: E402

TIMEOUT = 120
FORMATS = ("html", "docx", "pdf")
AUTHORS = {"union": "Union", "employer": "Employer"}
CHANGES = ("changed", "added", "deleted", "moved", "renumbered")


@dataclass
class Section:
    """One clause of the document with its redline."""

    article: str
    heading: str
    old_number: str | None
    new_number: str | None
    change: str
    ops: list[dict[str, str]]
    author: str  # Union, Employer, or Current contract
    date: str | None

    @property
    def title(self) -> str:
        """The clause's number (old → new when it changed) and heading."""
        moved = self.old_number and self.new_number and self.old_number != self.new_number
        number = f"{self.old_number} → {self.new_number}" if moved else self.new_number or self.old_number
        return f"{number or ''} {self.heading}".strip()

    @property
    def byline(self) -> str:
        """Who wrote the new text, and when."""
        return f"by {self.author}" + (f", {self.date[:10]}" if self.date else "")


@dataclass
class Document:
    """What every writer renders: a header and the clauses in contract order."""

    title: str
    table: str
    parties: str
    old_label: str
    new_label: str
    generated: datetime
    summary: str
    sections: list[Section] = field(default_factory=list)

    @property
    def date(self) -> str:
        """The date the document was made, e.g. 'March 3, 2026'."""
        return f"{self.generated:%B} {self.generated.day}, {self.generated.year}"


Progress = Callable[[list[Section]], Iterable[Section]]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    layout = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="redline", description=__doc__, formatter_class=layout)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--clause", type=int, metavar="ID", help="one clause")
    what.add_argument("--proposal", type=int, metavar="ID", help="a proposal, item by item")
    what.add_argument("--article", type=int, metavar="ID", help="one article")
    what.add_argument("--table", type=int, metavar="ID", help="the whole contract")
    parser.add_argument("--from", dest="old", default="base", help="old text: base, union, employer, ...")
    parser.add_argument("--to", dest="new", default="tentative", help="new text (default tentative)")
    parser.add_argument("--against", default="auto", choices=["auto", "base", "answered"], help="proposals")
    parser.add_argument("--format", choices=FORMATS, help="default: from -o's suffix, else html")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default redline-KIND-ID.FORMAT)")
    parser.add_argument("--exact-whitespace", action="store_true", help="show whitespace-only changes")
    parser.add_argument("--url", default=os.environ.get("BARGAINING_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--token", default=os.environ.get("BARGAINING_TOKEN"))
    parser.add_argument("--font-dir", type=Path, help="directory of the DejaVu TTF fonts (PDF)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser.parse_args(argv)


def fetch(base: str, token: str, path: str, params: dict[str, str]) -> dict[str, Any]:
    """GET a JSON resource of the API; fail with a one-line message."""
    url = f"{base.rstrip('/')}/api/v1{path}"
    response = get(url, token, base=base, shown=path, timeout=TIMEOUT, params=params)
    with contextlib.suppress(ValueError):
        if isinstance(data := response.json(), dict):
            return data
    raise Failure(f"{base} did not answer {path} with a JSON object", 1)


def _date(value: str | None) -> str | None:
    """An API timestamp as ISO 8601 in UTC to the second (what w:date takes)."""
    return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def _article(number: str, title: str, kind: str = "article") -> str:
    """How a heading names an article (a preamble, appendix... by its title)."""
    if kind != "article":
        return title or number
    return f"Article {number} — {title}" if title else f"Article {number}"


def _counts(summary: dict[str, Any]) -> str:
    """A one-line summary of a redline's counts."""
    parts = [f"{summary[f'clauses_{k}']} {k}" for k in CHANGES if summary.get(f"clauses_{k}")]
    words = f"{summary['words_inserted']} words inserted, {summary['words_deleted']} deleted"
    if "clauses" in summary:
        return f"{summary['clauses']} clauses ({', '.join(parts) or 'no changes'}); {words}"
    return words


def _document(
    data: dict[str, Any], title: str, old: str, new: str, entries: list[dict[str, Any]]
) -> Document:
    """A document from the API's table block and clause entries (as the document redlines give)."""
    table = data["table"]
    parties = f"{table['union_name']} and {table['employer_name']}"
    doc = Document(title, table["title"], parties, old, new, datetime.now(UTC), _counts(data["summary"]))
    for e in entries:
        article, author = (
            _article(e["article_number"], e["article_title"], e["article_kind"]),
            AUTHORS.get(e["author_side"] or "", "Current contract"),
        )
        numbers, date = (e["old_number"], e["new_number"]), _date(e["authored_at"])
        doc.sections.append(Section(article, e["heading"], *numbers, e["change"], e["ops"], author, date))
    return doc


def clause_document(data: dict[str, Any]) -> Document:
    """A clause redline: one section, by whoever wrote the new text."""
    changed = "changed" if data["summary"]["changed"] else "unchanged"
    entry = {**data, "old_number": data["number"], "new_number": data["number"], "change": changed}
    entry.update(author_side=data["to"]["side"], authored_at=data["to"]["at"])
    title = f"Redline of {data['number']} {data['heading']}".strip()
    return _document(data, title, data["from"]["label"], data["to"]["label"], [entry])


def proposal_document(data: dict[str, Any]) -> Document:
    """A proposal's items, each against the text it changes, by the proposal's side."""
    proposal = data["proposal"]
    name = proposal["label"] or "Draft"
    entries = []
    for item in data["items"]:
        change = {"add": "added", "delete": "deleted"}.get(item["action"], "changed")
        entries.append(
            {
                **item,
                "old_number": None if item["action"] == "add" else item["number"],
                "new_number": None if item["action"] == "delete" else item["number"],
                "change": change if item["summary"]["changed"] else "unchanged",
                "author_side": proposal["side"],
                "authored_at": proposal["passed_at"],
            }
        )
    against = " / ".join(sorted({item["against"]["label"] for item in data["items"]})) or "Current contract"
    new = f"{name} ({AUTHORS[proposal['side']]})"
    return _document(data, f"{name}: {proposal['title']}", against, new, entries)


def document_document(data: dict[str, Any]) -> Document:
    """An article or the whole contract between two baselines."""
    what = _article(data["article"]["number"], data["article"]["title"]) if data["article"] else "Contract"
    return _document(data, f"Redline: {what}", data["from"]["label"], data["to"]["label"], data["clauses"])


def load(args: argparse.Namespace) -> tuple[Document, str]:
    """Fetch what the command line names; return the document and a default file stem."""
    whitespace = {"ignore_whitespace": "false" if args.exact_whitespace else "true"}
    refs = {"from": args.old, "to": args.new, **whitespace}
    routes: dict[str, tuple[str, dict[str, str], Callable[[dict[str, Any]], Document]]] = {
        "clause": ("clauses", {**refs, "format": "json"}, clause_document),
        "proposal": ("proposals", {"against": args.against, **whitespace}, proposal_document),
        "article": ("articles", refs, document_document),
        "table": ("tables", refs, document_document),
    }
    kind = next(k for k in routes if getattr(args, k) is not None)
    collection, params, build = routes[kind]
    ident = getattr(args, kind)
    return build(
        fetch(args.url, args.token, f"/{collection}/{ident}/redline", params)
    ), f"redline-{kind}-{ident}"


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
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


def _writer(fmt: str) -> Any:
    """The writer module for a format (imported only when needed)."""
    if __package__:
        return importlib.import_module(f"{__package__}.redline_{fmt}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a file: writers are beside it
    return importlib.import_module(f"redline_{fmt}")


def _format(args: argparse.Namespace) -> str:
    """The output format: --format, else the output's suffix, else html."""
    suffix = args.output.suffix.lower().lstrip(".") if args.output else ""
    return str(args.format or (suffix if suffix in FORMATS else "html"))


def main(argv: list[str] | None = None) -> int:
    """Fetch the redline and write the document; return the exit status."""
    args = parse_args(argv)
    if not args.token:
        print("error: give --token or set BARGAINING_TOKEN", file=sys.stderr)
        return 2
    fmt = _format(args)
    try:
        doc, stem = load(args)
        output = args.output or Path(f"{stem}.{fmt}")
        quiet = args.table is None or args.quiet

        def progress(sections: list[Section]) -> Iterable[Section]:
            return cast(
                Iterable[Section], tqdm(sections, output.name, unit="clause", file=sys.stderr, disable=quiet)
            )

        writer = _writer(fmt)
        write_atomically(output, lambda path: writer.write(doc, path, progress, font_dir=args.font_dir))
    except Failure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return failure.status
    print(f"wrote {output} ({doc.summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
