"""Command-line tasks: `flask --app wsgi <command>`."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining import migrate
from bargaining.domain.errors import DomainError
from bargaining.models import User


def _session() -> Session:
    """A session for one command."""
    session: Session = current_app.extensions["sessionmaker"]()
    return session


def _user(session: Session, email: str) -> User:
    """Find a user by email or stop."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no user {email}")
    return user


@click.command("init-db")
@with_appcontext
def init_db() -> None:
    """Create or upgrade the schema (Alembic migrations); say which, from and to what revision."""
    engine = current_app.extensions["engine"]
    before = migrate.current_heads(engine)
    migrate.upgrade(engine)
    after = migrate.current_heads(engine)
    where = engine.url.render_as_string(hide_password=True)
    if not before:
        click.echo(f"created the database at revision {'+'.join(after)} ({where})")
    elif before != after:
        click.echo(f"upgraded the database from revision {'+'.join(before)} to {'+'.join(after)} ({where})")
    else:
        click.echo(f"the database is up to date at revision {'+'.join(after)} ({where})")


@click.command("reindex-search")
@with_appcontext
def reindex_search() -> None:
    """Rebuild the full-text search index from the record (after a bulk load past the ORM)."""
    from bargaining.services.search.index import rebuild

    with current_app.extensions["engine"].begin() as conn:
        count = rebuild(conn)
    click.echo(f"search index rebuilt: {count} documents")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.argument("name")
@click.option("--admin", is_flag=True, help="Make the user an administrator.")
def create_user(email: str, name: str, admin: bool) -> None:
    """Create a user."""
    from bargaining.services.users import create_user as create

    with _session() as session:
        try:
            user = create(session, None, email=email, name=name, is_admin=admin)
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc
        session.commit()
        click.echo(f"user {user.id} {user.email}")


@click.command("create-token")
@with_appcontext
@click.argument("email")
@click.option("--name", default="cli", help="A label for the token.")
def create_token(email: str, name: str) -> None:
    """Create an API token for a user and print it (shown once)."""
    from bargaining.services.users import issue_token

    with _session() as session:
        _token, clear = issue_token(session, _user(session, email), name)
        session.commit()
        click.echo(clear)


@click.command("load-demo")
@with_appcontext
@click.option("--tokens-file", default="instance/demo-tokens.json", type=click.Path(path_type=Path))
def load_demo(tokens_file: Path) -> None:
    """Load the demo negotiation if the database is empty; write the demo tokens (mode 0600)."""
    from bargaining.services.demo import ensure_demo

    with _session() as session:
        tokens, created = ensure_demo(session, fresh_tokens=not tokens_file.exists())
        session.commit()
    if tokens:
        tokens_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tokens_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(tokens, handle, indent=2)
        os.chmod(tokens_file, 0o600)
    click.echo("demo loaded" if created else "demo already present; tokens kept")


@click.command("import-contract")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--table", "table_id", type=int, required=True)
@click.option("--as", "email", required=True, help="Email of the user importing.")
@click.option("--dry-run", is_flag=True)
@click.option(
    "--tracked-changes",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="A Word file's tracked changes: accepted or rejected (reported either way).",
)
def import_contract(path: Path, table_id: int, email: str, dry_run: bool, tracked_changes: str) -> None:
    """Import a contract (text, Markdown, Word or PDF) into a table (the same reader as the API)."""
    from bargaining.domain.intake.upload import Upload
    from bargaining.services.intake.importing import import_upload

    with _session() as session:
        upload = Upload(path.read_bytes(), path.name, "", tracked_changes)
        try:
            result = import_upload(
                session,
                _user(session, email),
                table_id,
                upload,
                dry_run=dry_run,
                limit=int(current_app.config["MAX_CLAUSE_CHARS"]),
            )
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc
        session.commit()
    click.echo(json.dumps(result.counts))


def init_app(app: Flask) -> None:
    """Register the commands."""
    for command in (
        init_db,
        create_user,
        create_token,
        load_demo,
        import_contract,
        reindex_search,
        deliver,
        mail_sink,
    ):
        app.cli.add_command(command)


@click.command("deliver")
@with_appcontext
@click.option(
    "--interval", default=1.0, show_default=True, help="Seconds to sleep when there is nothing to do."
)
@click.option("--passes", type=int, default=None, help="Stop after this many passes (default: loop forever).")
def deliver(interval: float, passes: int | None) -> None:
    """Deliver the outbox: webhooks (signed, retried), emails and daily digests. Run as many as you like."""
    from bargaining.services.events import worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s deliver %(levelname)s %(message)s")
    worker.run(current_app.extensions["sessionmaker"], current_app.config, interval, passes)


@click.command("mail-sink")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8025, show_default=True)
@click.option(
    "--maildir", default="instance/mail", show_default=True, help="Where received messages are kept."
)
def mail_sink(host: str, port: int, maildir: str) -> None:
    """A local SMTP server (aiosmtpd) that keeps every message in a Maildir, for `make run`."""
    from bargaining.services.events.sink import serve_forever

    serve_forever(host, port, Path(maildir))
