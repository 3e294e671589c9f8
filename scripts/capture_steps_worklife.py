"""The capture's steps for working life: sessions, notes, information requests, files, search,
intake and change requests (scripts/capture_examples.py runs them from scripts/capture_steps.py).

Reads use the demo's sessions, notes and requests; writes use a table of the capture's own.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from scripts.capture_steps_common import new_table

if TYPE_CHECKING:
    from scripts.capture_examples import Capture

MINUTES = b"Minutes of the 14 May session\n\nThe sides exchanged caseload data.\n"
ROSTER = b"employee_id,classification,step,fte\nRB0001,LC,4,1.0\n"
INCOMING = (
    "ARTICLE 1 - RECOGNITION\n"
    "Section 1.1 Bargaining Unit. The Employer recognizes the Union for all clinicians.\n"
    "Section 1.2 New Sites. New sites join the unit on opening.\n"
)


def _at(days: int, hour: int) -> str:
    """A time `days` from today at `hour` UTC, as a client sends it."""
    day = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return (day + timedelta(days=days)).isoformat()


def worklife_reads(c: Capture) -> None:
    """The demo's sessions, ledgers, notes, history, requests, answer files, summaries and search."""
    demo = c.ids["demo"]
    sessions = c.call("GET", f"/tables/{demo}/sessions", "union_negotiator").get_json()
    c.call("GET", f"/sessions/{sessions[1]['id']}", "union_negotiator")
    c.call("GET", f"/sessions/{sessions[1]['id']}/ledger", "union_negotiator")
    c.call("GET", f"/sessions/{sessions[1]['id']}/files", "union_negotiator")
    notes = c.call("GET", f"/tables/{demo}/notes", "union_negotiator").get_json()
    c.call("GET", f"/notes/{notes[0]['id']}", "union_negotiator")
    c.call("GET", f"/notes/{notes[0]['id']}/files", "union_negotiator")
    clause = next(n["clause_id"] for n in notes if n["clause_id"])
    c.call("GET", f"/clauses/{clause}/history", "union_negotiator")
    requests = c.call("GET", f"/tables/{demo}/information-requests", "union_negotiator").get_json()
    answered = requests[0]
    c.call("GET", f"/information-requests/{answered['id']}", "union_negotiator")
    c.call("GET", f"/information-requests/{answered['id']}/chronology", "union_negotiator")
    answer = answered["items"][0]["answers"][0]
    c.call("GET", f"/information-request-answers/{answer['id']}/files", "union_negotiator")
    c.call("GET", f"/files/{answer['files'][0]['id']}", "union_negotiator")
    c.call("GET", f"/files/{answer['files'][0]['id']}/content", "union_negotiator")
    tas = c.call("GET", f"/tables/{demo}/tentative-agreements", "union_negotiator").get_json()
    c.call("GET", f"/tentative-agreements/{tas[0]['id']}/summaries", "union_negotiator")
    c.call("GET", f"/tables/{demo}/search?q=caseload", "union_negotiator")
    c.call("GET", "/search?q=caseload", "union_negotiator")


def file_steps(c: Capture) -> None:
    """Files attached to one of the demo's passed proposals and one of its TAs."""
    demo = c.ids["demo"]
    proposal = c.call("GET", f"/tables/{demo}/proposals?state=passed&side=union", "union_negotiator")
    proposal_id = proposal.get_json()[0]["id"]
    costing = (b"classification,increase\nLC,3%\n", "costing-notes.csv", "text/csv")
    c.call("POST", f"/proposals/{proposal_id}/files", "union_negotiator", upload=costing)
    c.call("GET", f"/proposals/{proposal_id}/files", "union_negotiator")
    ta = c.call("GET", f"/tables/{demo}/tentative-agreements", "union_negotiator").get_json()[0]["id"]
    signed = (b"Signed TA, scanned copy summary.\n", "signed-ta.txt", "text/plain")
    c.call("POST", f"/tentative-agreements/{ta}/files", "union_negotiator", upload=signed)
    c.call("GET", f"/tentative-agreements/{ta}/files", "union_negotiator")


def session_and_note_steps(c: Capture) -> None:
    """Schedule a session, edit it, enter attendance, attach the agenda; write and share minutes."""
    table = new_table(c, "Riverbend work life")
    c.ids["worklife"] = table
    attendee = {"side": "union", "name": "Maria Ortiz", "role": "Chief negotiator"}
    made = c.call(
        "POST",
        f"/tables/{table}/sessions",
        "union_negotiator",
        {
            "title": "Session 4: caseloads",
            "starts_at": _at(7, 14),
            "ends_at": _at(7, 17),
            "place": "Riverbend HQ, room 2",
            "agenda": "Caseload caps; information request 3.",
            "attendees": [attendee],
        },
    )
    session = made.get_json()["id"]
    c.call("GET", f"/tables/{table}/sessions", "union_negotiator")
    moved = c.call(
        "PATCH",
        f"/sessions/{session}",
        "union_negotiator",
        {"starts_at": _at(8, 14), "ends_at": _at(8, 17), "video_link": "https://meet.example/riverbend"},
        etag=made.headers["ETag"],
    )
    guest = {"side": "guest", "name": "Sam Patel", "role": "Mediator"}
    employer = {"side": "employer", "name": "Lee Chen", "role": "HR director"}
    c.call(
        "PUT",
        f"/sessions/{session}/attendance",
        "union_recorder",
        {"attendees": [attendee, employer, guest]},
        etag=moved.headers["ETag"],
    )
    agenda = (b"Agenda\n1. Caseload caps\n2. Information request 3\n", "agenda.txt", "text/plain")
    c.call("POST", f"/sessions/{session}/files", "union_negotiator", upload=agenda)
    note = c.call(
        "POST",
        f"/tables/{table}/notes",
        "union_recorder",
        {"kind": "minutes", "body": "The sides exchanged caseload data.", "session_id": session},
    )
    shared = c.call(
        "POST",
        f"/notes/{note.get_json()['id']}/share",
        "union_negotiator",
        {"audience": "table"},
        etag=note.headers["ETag"],
    )
    upload = (MINUTES, "minutes.txt", "text/plain")
    c.call("POST", f"/notes/{shared.get_json()['id']}/files", "union_recorder", upload=upload)


def _item_etag(item: dict[str, Any]) -> str:
    """An item's ETag, as its schema documents it."""
    return f'"iritem-{item["id"]}-v{item["version"]}"'


def information_request_steps(c: Capture) -> None:
    """Draft, edit and send a request; answer, object to and withdraw items; remind; delete a draft."""
    table = c.ids["worklife"]
    base = f"/tables/{table}/information-requests"
    items = [
        {"description": "Active caseload per clinician", "period": "2025-2026"},
        {"description": "Personnel files of all clinicians", "period": ""},
    ]
    draft = c.call(
        "POST",
        base,
        "union_negotiator",
        {"title": "Caseload data", "purpose": "To cost caseload caps.", "items": items},
    )
    request = draft.get_json()["id"]
    c.call("GET", base, "union_negotiator")
    three = [*items, {"description": "Waitlist by program", "period": "monthly, 2025"}]
    edited = c.call(
        "PATCH",
        f"/information-requests/{request}",
        "union_negotiator",
        {"due_date": (datetime.now(UTC).date() + timedelta(days=14)).isoformat(), "items": three},
        etag=draft.headers["ETag"],
    )
    sent = c.call(
        "POST", f"/information-requests/{request}/send", "union_negotiator", {}, etag=edited.headers["ETag"]
    )
    c.call(
        "POST",
        f"/information-requests/{request}/remind",
        "union_negotiator",
        {"note": "Raised again at the table on Tuesday."},
        etag=sent.headers["ETag"],
    )
    first, second, third = c.call(
        "GET", f"/information-requests/{request}", "employer_negotiator"
    ).get_json()["items"]
    answered = c.call(
        "POST",
        f"/information-request-items/{first['id']}/answers",
        "employer_negotiator",
        {"text": "Attached: active caseloads by clinician.", "complete": True},
        etag=_item_etag(first),
    ).get_json()
    answer = answered["answers"][0]["id"]
    roster = (ROSTER, "caseloads.csv", "text/csv")
    c.call("POST", f"/information-request-answers/{answer}/files", "employer_negotiator", upload=roster)
    c.call(
        "POST",
        f"/information-request-items/{second['id']}/objection",
        "employer_negotiator",
        {"reason": "Personnel files are confidential; we offer an anonymized summary."},
        etag=_item_etag(second),
    )
    c.call(
        "POST",
        f"/information-request-items/{third['id']}/withdraw",
        "union_negotiator",
        etag=_item_etag(third),
    )
    spare = c.call("POST", base, "union_negotiator", {"title": "Scratch request"})
    c.call(
        "DELETE",
        f"/information-requests/{spare.get_json()['id']}",
        "union_negotiator",
        etag=spare.headers["ETag"],
    )


def consent_steps(c: Capture) -> None:
    """Change requests on shared settings: one consented to, one declined, one withdrawn."""
    table = c.ids["worklife"]
    base = f"/tables/{table}/change-requests"
    outcomes = {
        "consent": "employer_negotiator",
        "decline": "employer_negotiator",
        "withdraw": "union_negotiator",
    }
    titles = {
        "consent": "Riverbend work life 2026",
        "decline": "Riverbend clinicians 2026",
        "withdraw": "Riverbend 2026",
    }
    for outcome, role in outcomes.items():
        made = c.call(
            "POST",
            base,
            "union_negotiator",
            {"changes": {"title": titles[outcome]}, "reason": "Match the title on the ground rules."},
        )
        change = made.get_json()["id"]
        read = c.call("GET", f"/change-requests/{change}", role)
        c.call("POST", f"/change-requests/{change}/{outcome}", role, etag=read.headers["ETag"])
    c.call("GET", base, "employer_negotiator")


def intake_steps(c: Capture) -> None:
    """Compare a received document with a contract, draft a proposal from it, start the next term."""
    table = c.ids["imported"]
    body = {"text": INCOMING}
    c.call("POST", f"/tables/{table}/intake/compare?against=base", "union_negotiator", body)
    c.call(
        "POST",
        f"/tables/{table}/intake/proposal?against=base&title=Employer%20package%20as%20received",
        "union_negotiator",
        body,
    )
    made = c.call("POST", f"/tables/{table}/intake/next-term?title=Riverbend%202032%20renewal", body=body)
    c.call("GET", f"/tables/{made.get_json()['table_id']}/intake/previous-term")
