"""The tentative contract: compiled from base and signed TA text, verified by hash, rendered."""

# A clause's place in the contract follows its derived status (bargaining.domain.status):
# tentatively agreed -> the signed TA's language (a deletion, or an agreed "status quo" of a
# clause that is not in the base, removes it); status quo -> its base text; open or awaiting a
# countersignature -> its base text flagged "open". A proposed new clause that nobody has agreed
# has no current language: it is not in the document, only in the verification's open list.
# Articles keep their order, clauses their position; a TA's agreed number and heading apply.
# Verification recomputes every listed clause's hash from the version TEXT and compares it with
# the hash the signed TA item (or, for base text, the base version) stored.

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from bargaining.domain.hashing import DELETED_HASH, content_hash
from bargaining.domain.records import Action, ClauseStatusKind
from bargaining.domain.status import ClauseStatus

Source = Literal["agreed", "base", "open"]
MismatchReason = Literal["text_changed", "text_missing", "foreign_version"]
_UNSETTLED = frozenset({ClauseStatusKind.OPEN, ClauseStatusKind.TA_PENDING})


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An article of the table."""

    id: int
    number: str
    title: str
    kind: str
    position: int
    in_base: bool


@dataclass(frozen=True, slots=True)
class ClauseEntry:
    """A clause of the table, with its base version (if in the base contract)."""

    id: int
    article_id: int
    number: str
    heading: str
    position: int
    in_base: bool
    base_version_id: int | None


@dataclass(frozen=True, slots=True)
class VersionText:
    """The stored text of a version and the hash stored with it."""

    id: int
    clause_id: int
    text: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class AgreedItem:
    """One clause of a signed TA: the agreed language's hash and any renumbering or retitling."""

    clause_id: int
    action: Action
    version_id: int | None
    content_hash: str
    agreed_number: str | None = None
    agreed_heading: str | None = None


@dataclass(frozen=True, slots=True)
class SignedTA:
    """A signed tentative agreement with the whole-agreement hash stored when it was offered."""

    id: int
    label: str
    agreed_hash: str
    items: tuple[AgreedItem, ...]

    def item(self, clause_id: int) -> AgreedItem | None:
        """Return the TA's item on a clause, if any."""
        return next((i for i in self.items if i.clause_id == clause_id), None)


@dataclass(frozen=True, slots=True)
class CompiledClause:
    """A clause as the tentative contract reads; content_hash is the stored (expected) hash."""

    clause_id: int
    article_id: int
    number: str
    heading: str
    text: str | None
    status: ClauseStatusKind
    source: Source
    ta_id: int | None
    ta_label: str | None
    content_hash: str | None
    version_id: int | None
    version_clause_id: int | None
    in_base: bool


@dataclass(frozen=True, slots=True)
class CompiledArticle:
    """An article of the tentative contract with its clauses in order."""

    id: int
    number: str
    title: str
    kind: str
    in_base: bool
    clauses: tuple[CompiledClause, ...]


@dataclass(frozen=True, slots=True)
class UnsettledClause:
    """A clause still open or awaiting a countersignature."""

    clause_id: int
    article_id: int
    number: str
    heading: str
    status: ClauseStatusKind
    in_base: bool
    ta_label: str | None


@dataclass(frozen=True, slots=True)
class Counts:
    """What the compiled contract holds."""

    agreed: int
    base: int
    open: int
    deleted: int


@dataclass(frozen=True, slots=True)
class Contract:
    """The tentative contract as of the records given."""

    articles: tuple[CompiledArticle, ...]
    unsettled: tuple[UnsettledClause, ...]
    deleted: tuple[int, ...]
    signed: tuple[SignedTA, ...]
    clause_ids: frozenset[int]

    @property
    def clauses(self) -> Iterable[CompiledClause]:
        """Every listed clause in document order."""
        return (c for a in self.articles for c in a.clauses)

    @property
    def complete(self) -> bool:
        """No clause is open or awaiting a countersignature."""
        return not self.unsettled

    @property
    def counts(self) -> Counts:
        """Listed clauses by source, unsettled clauses, and clauses a TA deleted."""
        listed = list(self.clauses)
        return Counts(
            agreed=sum(c.source == "agreed" for c in listed),
            base=sum(c.source == "base" for c in listed),
            open=len(self.unsettled),
            deleted=len(self.deleted),
        )


@dataclass
class _Build:
    """Clauses placed so far, by article, and what was left out."""

    by_article: dict[int, list[CompiledClause]] = field(default_factory=dict)
    had_clauses: set[int] = field(default_factory=set)
    unsettled: list[UnsettledClause] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)


def compile_contract(
    articles: Sequence[ArticleEntry],
    clauses: Sequence[ClauseEntry],
    statuses: Mapping[int, ClauseStatus],
    versions: Mapping[int, VersionText],
    signed: Sequence[SignedTA],
) -> Contract:
    """Compile the tentative contract from the table's records and each clause's derived status."""
    tas = {ta.id: ta for ta in signed}
    order = {a.id: (a.position, a.id) for a in articles}
    build = _Build()
    for clause in sorted(clauses, key=lambda c: (order.get(c.article_id, (0, 0)), c.position, c.id)):
        build.had_clauses.add(clause.article_id)
        _place(build, clause, statuses[clause.id], versions, tas)
    out: list[CompiledArticle] = []
    for article in sorted(articles, key=lambda a: (a.position, a.id)):
        listed = tuple(build.by_article.get(article.id, ()))
        if _article_shown(article, listed, article.id in build.had_clauses):
            out.append(_article(article, listed))
    return Contract(
        articles=tuple(out),
        unsettled=tuple(build.unsettled),
        deleted=tuple(build.deleted),
        signed=tuple(signed),
        clause_ids=frozenset(c.id for c in clauses),
    )


def _article(article: ArticleEntry, listed: tuple[CompiledClause, ...]) -> CompiledArticle:
    """An article of the compiled contract."""
    return CompiledArticle(article.id, article.number, article.title, article.kind, article.in_base, listed)


def _article_shown(article: ArticleEntry, listed: tuple[CompiledClause, ...], had_clauses: bool) -> bool:
    """Base articles while they hold a clause (or never had one); added ones once a clause is agreed."""
    if article.in_base:
        return bool(listed) or not had_clauses
    return any(c.source == "agreed" for c in listed)


def _place(
    build: _Build,
    clause: ClauseEntry,
    status: ClauseStatus,
    versions: Mapping[int, VersionText],
    tas: Mapping[int, SignedTA],
) -> None:
    """Put one clause where its status says: agreed or base text, open, or gone."""
    kind = status.status
    if kind is ClauseStatusKind.TENTATIVELY_AGREED:
        placed = _agreed(clause, status, versions, tas)
        if placed is None:
            build.deleted.append(clause.id)
            return
    elif kind is ClauseStatusKind.STATUS_QUO:
        if not clause.in_base:
            return
        placed = _current(clause, status, versions, "base")
    else:
        build.unsettled.append(
            UnsettledClause(
                clause.id,
                clause.article_id,
                clause.number,
                clause.heading,
                kind,
                clause.in_base,
                status.ta_label,
            )
        )
        if not clause.in_base:
            return
        placed = _current(clause, status, versions, "open")
    build.by_article.setdefault(clause.article_id, []).append(placed)


def _current(
    clause: ClauseEntry, status: ClauseStatus, versions: Mapping[int, VersionText], source: Source
) -> CompiledClause:
    """A clause at its base text (status quo, or open with the base shown as current language)."""
    version = versions.get(clause.base_version_id or 0)
    return CompiledClause(
        clause_id=clause.id,
        article_id=clause.article_id,
        number=clause.number,
        heading=clause.heading,
        text=version.text if version else None,
        status=status.status,
        source=source,
        ta_id=status.ta_id if source == "open" else None,
        ta_label=status.ta_label if source == "open" else None,
        content_hash=version.content_hash if version else None,
        version_id=clause.base_version_id,
        version_clause_id=version.clause_id if version else None,
        in_base=clause.in_base,
    )


def _agreed(
    clause: ClauseEntry,
    status: ClauseStatus,
    versions: Mapping[int, VersionText],
    tas: Mapping[int, SignedTA],
) -> CompiledClause | None:
    """A clause at its signed TA's language; None when the TA deletes it (or agrees not to add it)."""
    agreed = status.agreed
    ta = tas.get(status.ta_id or 0)
    item = ta.item(clause.id) if ta else None
    if agreed is None or agreed.kind == "delete":
        return None
    if agreed.kind == "status_quo" and not clause.in_base:
        return None
    version_id = agreed.version_id
    if agreed.kind == "status_quo" and version_id is None:
        version_id = clause.base_version_id
    version = versions.get(version_id or 0)
    number = item.agreed_number if item and item.agreed_number else clause.number
    heading = item.agreed_heading if item and item.agreed_heading is not None else clause.heading
    return CompiledClause(
        clause_id=clause.id,
        article_id=clause.article_id,
        number=number,
        heading=heading,
        text=version.text if version else None,
        status=status.status,
        source="agreed",
        ta_id=status.ta_id,
        ta_label=status.ta_label,
        content_hash=item.content_hash if item else agreed.content_hash,
        version_id=version_id,
        version_clause_id=version.clause_id if version else None,
        in_base=clause.in_base,
    )


# Verification


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A clause whose text does not hash to what was agreed (or stored as base)."""

    clause_id: int
    number: str
    source: Source
    ta_label: str | None
    expected: str | None
    actual: str | None
    reason: MismatchReason


@dataclass(frozen=True, slots=True)
class Orphan:
    """A signed TA naming a clause that no longer exists at the table."""

    ta_id: int
    ta_label: str
    clause_id: int


@dataclass(frozen=True, slots=True)
class AlteredTA:
    """A signed TA whose items no longer hash to the agreement hash stored when it was offered."""

    ta_id: int
    ta_label: str
    expected: str
    actual: str


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two or more clauses of one article that would carry the same number."""

    article_number: str
    number: str
    clause_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of verifying a compiled contract."""

    checked: int
    mismatches: tuple[Mismatch, ...]
    unsettled: tuple[UnsettledClause, ...]
    orphans: tuple[Orphan, ...]
    altered_tas: tuple[AlteredTA, ...]
    duplicates: tuple[Duplicate, ...]

    @property
    def complete(self) -> bool:
        """No clause is open or awaiting a countersignature."""
        return not self.unsettled

    @property
    def ok(self) -> bool:
        """Complete, and every clause's text is exactly what was agreed."""
        return self.complete and not (self.mismatches or self.orphans or self.altered_tas or self.duplicates)

    def problems(self, limit: int = 10) -> list[str]:
        """Plain sentences naming what is wrong (at most limit, then a count of the rest)."""
        out = [f"Clause {m.number} ({m.clause_id}): {_REASONS[m.reason]}." for m in self.mismatches]
        out += [f"Clause {u.number} ({u.clause_id}) is {_STATUS_WORDS[u.status]}." for u in self.unsettled]
        out += [f"{o.ta_label} names clause {o.clause_id}, which no longer exists." for o in self.orphans]
        out += [f"{t.ta_label}: its items no longer match the signed agreement." for t in self.altered_tas]
        out += [
            f"Article {d.article_number} would have {len(d.clause_ids)} clauses numbered {d.number}."
            for d in self.duplicates
        ]
        if len(out) > limit:
            out = [*out[:limit], f"… and {len(out) - limit} more."]
        return out


_REASONS: dict[MismatchReason, str] = {
    "text_changed": "its text does not match the hash that was agreed",
    "text_missing": "its agreed text is missing",
    "foreign_version": "its text belongs to another clause",
}
_STATUS_WORDS = {
    ClauseStatusKind.OPEN: "still open",
    ClauseStatusKind.TA_PENDING: "awaiting a countersignature",
}


def agreement_hash(items: Iterable[AgreedItem]) -> str:
    """Hash a whole TA: every clause with its action and the hash of its agreed language."""
    lines = sorted(f"{i.clause_id}:{i.action.value}:{i.content_hash}" for i in items)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def verify_contract(contract: Contract) -> Verification:
    """Recompute every listed clause's hash from its text and check the signed TAs."""
    listed = list(contract.clauses)
    checked = [c for c in listed if c.source != "open"]
    return Verification(
        checked=len(checked),
        mismatches=tuple(m for m in map(_mismatch, checked) if m is not None),
        unsettled=contract.unsettled,
        orphans=tuple(
            Orphan(ta.id, ta.label, item.clause_id)
            for ta in contract.signed
            for item in ta.items
            if item.clause_id not in contract.clause_ids
        ),
        altered_tas=tuple(
            AlteredTA(ta.id, ta.label, ta.agreed_hash, agreement_hash(ta.items))
            for ta in contract.signed
            if agreement_hash(ta.items) != ta.agreed_hash
        ),
        duplicates=_duplicates(contract),
    )


def _mismatch(clause: CompiledClause) -> Mismatch | None:
    """Compare a clause's recomputed hash with the stored one."""
    actual = content_hash(clause.text) if clause.text is not None else None
    reason: MismatchReason | None = None
    if clause.text is None or clause.content_hash in (None, DELETED_HASH):
        reason = "text_missing"
    elif clause.version_clause_id != clause.clause_id:
        reason = "foreign_version"
    elif actual != clause.content_hash:
        reason = "text_changed"
    if reason is None:
        return None
    return Mismatch(
        clause.clause_id, clause.number, clause.source, clause.ta_label, clause.content_hash, actual, reason
    )


def _duplicates(contract: Contract) -> tuple[Duplicate, ...]:
    """Clause numbers used twice within one article of the compiled contract."""
    out = []
    for article in contract.articles:
        seen: dict[str, list[int]] = {}
        for clause in article.clauses:
            seen.setdefault(clause.number, []).append(clause.clause_id)
        out += [Duplicate(article.number, n, tuple(ids)) for n, ids in seen.items() if len(ids) > 1]
    return tuple(out)


def contract_hash(contract: Contract) -> str:
    """Hash the whole contract: article numbers and titles, clause numbers, headings and text hashes."""
    lines = []
    for article in contract.articles:
        lines.append(f"A\t{article.id}\t{article.number}\t{article.title}")
        for c in article.clauses:
            digest = content_hash(c.text) if c.text is not None else "-"
            lines.append(f"C\t{c.clause_id}\t{c.number}\t{c.heading}\t{c.source}\t{digest}")
    lines += [f"U\t{u.clause_id}\t{u.status.value}" for u in contract.unsettled]
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


# Rendering

OPEN_NOTE = "OPEN: not yet agreed; the current language is shown."
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]<>|~&#])")
_MD_LINE_START_RE = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def article_heading(article: CompiledArticle) -> str:
    """'Article 5 – Caseloads', 'Appendix A – Rates', 'Preamble'."""
    label = {"article": "Article", "appendix": "Appendix"}.get(article.kind)
    name = article.number
    if label and not name.lower().startswith(label.lower()):
        name = f"{label} {name}"
    if article.title and article.title != article.number:
        return f"{name} – {article.title}"
    return name


def clause_heading(clause: CompiledClause) -> str:
    """'5.1 Caseload Limits' (either part may be empty)."""
    return " ".join(part for part in (clause.number, clause.heading) if part)


def _paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines."""
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def to_html(contract: Contract, title: str) -> str:
    """A self-contained HTML document: every piece of text escaped, no scripts."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        "<style>body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}"
        ".open{border-left:4px solid #b45309;padding-left:.8em}.flag{color:#b45309;font-weight:bold}"
        ".ta{color:#555;font-size:.85em}</style>",
        f"</head><body><h1>{e(title)}</h1>",
    ]
    if not contract.complete:
        out.append(f'<p class="flag">Incomplete: {len(contract.unsettled)} clause(s) not yet agreed.</p>')
    for article in contract.articles:
        out.append(f'<section class="article"><h2>{e(article_heading(article))}</h2>')
        for clause in article.clauses:
            cls = "clause open" if clause.source == "open" else "clause"
            out.append(f'<section class="{cls}"><h3>{e(clause_heading(clause))}</h3>')
            if clause.source == "open":
                out.append(f'<p class="flag">{e(OPEN_NOTE)}</p>')
            for para in _paragraphs(clause.text or ""):
                out.append("<p>" + "<br>\n".join(e(line) for line in para.split("\n")) + "</p>")
            if clause.ta_label and clause.source == "agreed":
                out.append(f'<p class="ta">Agreed in {e(clause.ta_label)}</p>')
            out.append("</section>")
        out.append("</section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def md_inline(text: str) -> str:
    """Escape Markdown inline markup in one line of text (headings)."""
    return _MD_INLINE_RE.sub(r"\\\1", " ".join(text.split()))


def md_escape(text: str) -> str:
    """Escape Markdown so text reads literally: inline markup everywhere, block markers at line starts."""
    lines = []
    for line in text.split("\n"):
        line = _MD_INLINE_RE.sub(r"\\\1", line.strip())
        lines.append(_MD_LINE_START_RE.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line))
    return "\n".join(lines)


def _escape_marker(marker: str) -> str:
    """Escape a block marker: '-' -> '\\-', '12.' -> '12\\.'."""
    return marker[:-1] + "\\" + marker[-1]


def to_markdown(contract: Contract, title: str) -> str:
    """Markdown: '## Article N – Title', '### N.M Heading', escaped text, open clauses flagged."""
    out = [f"# {md_inline(title)}", ""]
    if not contract.complete:
        out += [f"**Incomplete: {len(contract.unsettled)} clause(s) not yet agreed.**", ""]
    for article in contract.articles:
        out += [f"## {md_inline(article_heading(article))}", ""]
        for clause in article.clauses:
            out += [f"### {md_inline(clause_heading(clause))}", ""]
            if clause.source == "open":
                out += [f"**{md_inline(OPEN_NOTE)}**", ""]
            for para in _paragraphs(clause.text or ""):
                out += [md_escape(para), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def to_text(contract: Contract, title: str) -> str:
    """Plain text: headings on their own lines, open clauses flagged."""
    out = [title, "=" * min(len(title), 80), ""]
    if not contract.complete:
        out += [f"INCOMPLETE: {len(contract.unsettled)} clause(s) not yet agreed.", ""]
    for article in contract.articles:
        heading = article_heading(article)
        out += [heading, "-" * min(len(heading), 80), ""]
        for clause in article.clauses:
            out.append(clause_heading(clause))
            if clause.source == "open":
                out.append(f"[{OPEN_NOTE}]")
            out += ["\n\n".join(_paragraphs(clause.text or "")), ""]
    return "\n".join(out).rstrip("\n") + "\n"
