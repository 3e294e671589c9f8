"""Generate a bargaining table of any size, seeded and reproducible, for benchmarks and load tests.

    python scripts/gen_table.py --articles 150 --clauses 1500 --versions 10000 --db URL

People, the table and seats go through the services the API uses (so the audit trail and
tokens are real); articles, clauses, versions, proposals, their items and TAs go in through a
bulk path on the models (a few INSERT ... RETURNING per level), a hundred times faster than
one API call per row. The record is the one a negotiation leaves: base text for every clause,
proposals passed by both sides in rounds (amendments as word edits of the side's last
language, status-quo items, a few deletions and packages, counters that answer the other
side, some withdrawn, earlier ones superseded), signed and pending TAs, a few drafts.
``--versions`` counts every clause version of the table, base versions included. The same
seed gives the same texts and the same record (ids depend on what the database already holds).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python scripts/gen_table.py`
    sys.path.insert(0, str(ROOT))

from scripts.gen_record import ROLES, Generated, Spec, generate, issue_tokens  # noqa: E402
from scripts.gen_text import (  # noqa: E402
    PlainClause,
    clause_length,
    clause_text,
    edit_text,
    plain_contract,
    render_contract,
)

# Besides the command line: the names the benchmark and the tests reach through this module.
__all__ = [
    "ROLES",
    "Generated",
    "PlainClause",
    "Spec",
    "clause_length",
    "clause_text",
    "edit_text",
    "generate",
    "issue_tokens",
    "main",
    "parse_args",
    "plain_contract",
    "render_contract",
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--clauses", type=int, default=1500)
    parser.add_argument("--versions", type=int, default=10000, help="every version, base ones included")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--title")
    parser.add_argument(
        "--db",
        default=os.environ.get("BARGAINING_DATABASE_URL"),
        help="SQLAlchemy URL (default: $BARGAINING_DATABASE_URL, else the app's default)",
    )
    parser.add_argument("--init-db", action="store_true", help="run the migrations first")
    parser.add_argument("--tokens-file", type=Path, help="write a token per role here (mode 0600)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate one table; print what was written as JSON."""
    args = parse_args(argv)
    from bargaining import migrate
    from bargaining.config import DEFAULT_DB
    from bargaining.db import make_engine

    url = args.db or DEFAULT_DB
    engine = make_engine(url)
    try:
        if args.init_db:
            migrate.upgrade(engine)
        spec = Spec(args.articles, args.clauses, args.versions, args.seed, args.title)
        from sqlalchemy.orm import Session

        with Session(engine) as session:
            generated = generate(session, spec)
            tokens = issue_tokens(session, generated.user_ids) if args.tokens_file else {}
            session.commit()
    except ValueError as exc:
        print(f"gen_table: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    if args.tokens_file:
        write_tokens(args.tokens_file, tokens)
    print(json.dumps(summary(generated), indent=2))
    return 0


def write_tokens(path: Path, tokens: dict[str, str]) -> None:
    """Write the tokens as JSON to a file only its owner can read (mode 0600 when created)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(tokens, handle, indent=2)


def summary(generated: Generated) -> dict[str, Any]:
    """What main prints: the ids and counts, with the long id lists cut to their ends or counts."""
    out = asdict(generated)
    out["two_kb_clauses"] = len(out.pop("two_kb_versions"))
    out["free_clauses"] = len(out.pop("free_clause_ids"))
    out["article_ids"] = [generated.article_ids[0], generated.article_ids[-1]]
    out["clause_ids"] = [generated.clause_ids[0], generated.clause_ids[-1]]
    return out


if __name__ == "__main__":
    sys.exit(main())
