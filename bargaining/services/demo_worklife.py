"""The demo's working life: sessions, attendance, notes, information requests (one answered, one overdue)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bargaining.models import Article, Clause, User, utcnow
from bargaining.services.files import storing
from bargaining.services.inforequests import answering, drafting
from bargaining.services.notes import writing
from bargaining.services.sessions import scheduling

ROSTER = (
    b"program,clinicians,active_clients,average_caseload\n"
    b"Outpatient adult,14,868,62\nChild and family,9,504,56\nCrisis and stabilization,6,258,43\n"
    b"Substance use,7,399,57\n"
)
TEAM = [
    {"side": "union", "name": "Nora Okafor, LCSW", "role": "Chief negotiator"},
    {"side": "union", "name": "Raj Patel, LPC", "role": "Recorder"},
    {"side": "employer", "name": "Ellen Marsh", "role": "HR Director"},
    {"side": "employer", "name": "Dr. Sam Whitfield", "role": "Clinical Director"},
]


def play_demo_worklife(session: Session, table_id: int, people: dict[str, User]) -> None:
    """Three sessions, notes on caseloads, and two requests for caseload data by program."""
    now = utcnow().replace(second=0, microsecond=0)
    first = _session(
        session,
        people,
        table_id,
        "Opening session: ground rules and union proposals",
        now - timedelta(days=14),
    )
    today = _session(
        session,
        people,
        table_id,
        "Caseloads, documentation time, professional development",
        now - timedelta(hours=2),
    )
    later = now + timedelta(days=7)
    scheduling.schedule(
        session,
        people["union_recorder"],
        table_id,
        {
            "title": "Wages and the licensure differential",
            "starts_at": later,
            "ends_at": later + timedelta(hours=3),
            "place": "Video call",
            "video_link": "https://meet.example/riverbend",
            "agenda": "Package U-4",
        },
    )
    article, clause = _caseload_ids(session, table_id)
    _notes(session, people, table_id, first.id, today.id, clause)
    _requests(session, people, table_id, article, now)


def _session(session: Session, people: dict[str, User], table_id: int, title: str, start: datetime) -> Any:
    """A session held from `start` for four hours, with both teams and a guest."""
    attendees = [*TEAM, {"side": "guest", "name": "Lee Chang", "role": "Union staff representative"}]
    row = scheduling.schedule(
        session,
        people["union_recorder"],
        table_id,
        {
            "title": title,
            "starts_at": start,
            "ends_at": start + timedelta(hours=4),
            "place": "Riverbend main office, Room 2",
            "agenda": title,
            "attendees": attendees,
        },
    )
    return scheduling.update(session, people["union_recorder"], row.id, row.version, {"state": "held"})


def _caseload_ids(session: Session, table_id: int) -> tuple[int, int]:
    """Article 5 (caseloads) and clause 5.1."""
    row = session.execute(
        select(Article.id, Clause.id)
        .join(Clause, Clause.article_id == Article.id)
        .where(Article.table_id == table_id, Clause.number == "5.1")
    ).one()
    return int(row[0]), int(row[1])


def _notes(
    session: Session, people: dict[str, User], table_id: int, first: int, today: int, clause: int
) -> None:
    """Bargaining history on 5.1, minutes shared with members, and a union caucus note."""
    said = writing.create_note(
        session,
        people["union_negotiator"],
        table_id,
        {
            "kind": "history",
            "audience": "table",
            "clause_id": clause,
            "session_id": first,
            "body": "Union: 'active caseload' is every client seen in the last 60 days, intake included.",
        },
    )
    writing.create_note(
        session,
        people["union_negotiator"],
        table_id,
        {
            "kind": "history",
            "audience": "table",
            "corrects_id": said.id,
            "body": "Correction: 'active' means seen in the last 90 days, as the union said at the table.",
        },
    )
    writing.create_note(
        session,
        people["union_recorder"],
        table_id,
        {
            "kind": "minutes",
            "audience": "members",
            "session_id": today,
            "body": "Both sides agreed to eight hours of protected documentation time; caseloads are open.",
        },
    )
    writing.create_note(
        session,
        people["union_negotiator"],
        table_id,
        {
            "kind": "caucus",
            "clause_id": clause,
            "body": "Caucus: we can live with 58 if the licensure differential moves.",
        },
    )


def _requests(session: Session, people: dict[str, User], table_id: int, article: int, now: datetime) -> None:
    """Caseload data by program: the roster was answered; staffing data is overdue."""
    answered = _sent(
        session,
        people,
        table_id,
        article,
        "Caseload data by program",
        now - timedelta(days=21),
        [("Active caseload by program and clinician", "January 2025 - present")],
    )
    item = answered.items[0]
    item, _ = answering.answer(
        session,
        people["employer_negotiator"],
        item.id,
        item.version,
        {"text": "Roster by program attached.", "complete": True},
    )
    storing.upload(
        session,
        people["employer_negotiator"],
        "ir_answer",
        item.answers[-1].id,
        (ROSTER, "text/csv", "caseload-by-program.csv"),
        10 * 1024 * 1024,
    )
    overdue = _sent(
        session,
        people,
        table_id,
        article,
        "Staffing and waitlists by program",
        now - timedelta(days=30),
        [
            ("Vacant clinician positions by program", "2024 - present"),
            ("Waitlist length and wait times by program", "2024 - present"),
        ],
    )
    drafting.remind(
        session, people["union_recorder"], overdue.id, overdue.version, "Reminder at the table; no answer."
    )


def _sent(
    session: Session,
    people: dict[str, User],
    table_id: int,
    article: int,
    title: str,
    when: datetime,
    items: list[tuple[str, str]],
) -> Any:
    """A request entered by the union's recorder, made on paper at `when`, due in two weeks."""
    draft = drafting.create(
        session,
        people["union_recorder"],
        table_id,
        {
            "title": title,
            "purpose": "To cost caseload caps (Article 5) and staffing ratios.",
            "due_date": (when + timedelta(days=14)).date(),
            "article_ids": [article],
            "items": [{"description": d, "period": p} for d, p in items],
        },
    )
    return drafting.send(session, people["union_recorder"], draft.id, draft.version, when)
