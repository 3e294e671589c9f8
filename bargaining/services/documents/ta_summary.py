"""The TA summary as a document: agreed text against the current contract, and what is still open.

Built from the summary exactly as the API answers it in JSON (``SummaryOut``'s form), so a
document shows what that view shows and nothing else: the members' view has signed TAs only, and
positions only when the table shares them; a side's full view adds pending TAs and positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bargaining.documents.model import Block, Document, Section, file_stem
from bargaining.domain.redlines.engine import Op

Data = Mapping[str, Any]


def _date(value: str | None) -> str:
    """An ISO timestamp as 'March 3, 2026'."""
    if not value:
        return ""
    when = datetime.fromisoformat(value)
    return f"{when:%B} {when.day}, {when.year}"


def _heading(article: Data) -> str:
    """How the summary names an article."""
    if article["kind"] == "article":
        return f"Article {article['number']} — {article['title']}"
    return str(article["title"])


def _ops(ops: list[dict[str, str]]) -> tuple[Op, ...]:
    """The summary's redline ops as the documents package's."""
    return tuple(Op(op["kind"], op["text"], op.get("old")) for op in ops)  # type: ignore[arg-type]


def _ta_note(clause: Data) -> str:
    """'Tentatively agreed (TA-1, signed March 3, 2026)', or awaiting signature (the sides' view)."""
    if clause["ta_state"] == "pending":
        return f"Tentative agreement offered ({clause['ta_label']}), awaiting signature"
    signed = f", signed {_date(clause['signed_at'])}" if clause["signed_at"] else ""
    return f"Tentatively agreed ({clause['ta_label']}{signed})"


def _agreed(clause: Data) -> Block:
    """One agreed clause: heading, TA and date, summary, redline against the current contract."""
    notes = [_ta_note(clause)]
    if clause["summary"]:
        notes.append(clause["summary"])
    if clause["deleted"]:
        notes.append("This section is deleted from the contract.")
    elif not clause["redline"]["changed"]:
        notes.append("No change to the current language.")
    heading = f"{clause['number']} {clause['heading']}".strip()
    return Block(heading, _ops(clause["redline"]["ops"]), note=" — ".join(notes), agreed=True)


def _position(side: str, position: Data | None) -> str:
    """A side's passed position on an open clause (only in a view that may see them)."""
    if position is None:
        return ""
    label = f"{side}'s position" + (f" ({position['proposal_label']})" if position["proposal_label"] else "")
    if position["kind"] == "delete":
        return f"{label}: delete this section."
    if position["kind"] == "status_quo":
        return f"{label}: keep the current language."
    return f"{label}:\n{position['text'] or ''}"


def _open(item: Data) -> Block:
    """One clause still open, with the positions this view may see."""
    state = "agreement awaiting signature" if item["status"] == "ta_pending" else "under negotiation"
    positions = (_position("Union", item["union"]), _position("Employer", item["employer"]))
    text = "\n\n".join(p for p in positions if p)
    heading = f"{item['number']} {item['heading']}".strip()
    return Block(heading, (Op("equal", text),), note=f"Still open: {state}", open=True)


def _article(article: Data) -> Section:
    """One article: heading with its counts, agreed clauses, then what is still open."""
    counts = article["counts"]
    if not article["agreed"] and not article["open"]:
        return Section(f"{_heading(article)}: no changes on the table", ())
    heading = (
        f"{_heading(article)} ({counts['tentatively_agreed']} agreed · {counts['ta_pending']} awaiting "
        f"signature · {counts['open']} open · {counts['status_quo']} unchanged)"
    )
    blocks = [_agreed(c) for c in article["agreed"]] + [_open(i) for i in article["open"]]
    return Section(heading, tuple(blocks))


def _lead(data: Data) -> str:
    """Whose view the document is, and as of when."""
    whom = "Summary for members" if data["view"] == "members" else "Summary for the bargaining committees"
    return (
        f"{whom} as of {_date(data['generated_at'])}. Tentative agreements are final only when members "
        "ratify the whole contract."
    )


def summary_document(data: Data) -> Document:
    """The summary (SummaryOut's JSON form) as a document of the documents package."""
    c = data["counts"]
    return Document(
        title=f"{data['title']}: tentative agreements",
        table=f"{data['title']} — {data['union_name']} and {data['employer_name']}",
        old_label="Current contract",
        new_label="Tentative agreements",
        sections=tuple(_article(a) for a in data["articles"]),
        filename=summary_filename(data["title"], data["view"]),
        summary=(
            _lead(data),
            f"{c['tentatively_agreed']} of {c['total']} sections tentatively agreed · {c['ta_pending']} "
            f"awaiting signature · {c['open']} still open · {c['status_quo']} unchanged",
        ),
    )


def summary_filename(title: str, view: str) -> str:
    """The file name stem of a table's summary in a view: 'test-table_ta-summary_members'."""
    return file_stem(title, "ta-summary", "members" if view == "members" else "committees")
