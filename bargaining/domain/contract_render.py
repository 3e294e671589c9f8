"""Rendering the tentative contract as HTML, Markdown or plain text, open clauses flagged."""

from __future__ import annotations

import html
import re

from bargaining.domain.contract import CompiledArticle, CompiledClause, Contract

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
