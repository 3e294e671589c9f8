"""Renderers: HTML, Markdown, text, summaries; escaping of hostile clause text."""

from __future__ import annotations

import pytest

from bargaining.domain.redlines.contract_diff import DocClause, diff_documents
from bargaining.domain.redlines.engine import Op, diff_words
from bargaining.domain.redlines.render import documents_summary, summary, to_html, to_markdown, to_text

SCRIPT = "<script>alert(1)</script>"
OPS = [Op("equal", "Pay "), Op("delete", "$3.92"), Op("insert", "$4.50"), Op("equal", " per hour.")]


def test_html_marks_changes_with_classes():
    assert to_html(OPS) == 'Pay <del class="rl-del">$3.92</del><ins class="rl-ins">$4.50</ins> per hour.'


def test_html_side_and_prefix_classes():
    html = to_html(OPS, css_prefix="red", side="union")
    assert '<del class="red-del red-union">' in html
    assert '<ins class="red-ins red-union">' in html
    assert 'class="rl-ins rl-employer"' in to_html(OPS, side="employer")


@pytest.mark.parametrize("bad", ['x" onclick="alert(1)', "1abc", "", "a b"])
def test_html_refuses_unsafe_class_names(bad):
    with pytest.raises(ValueError, match="CSS class name"):
        to_html(OPS, side=bad)
    with pytest.raises(ValueError, match="CSS class name"):
        to_html(OPS, css_prefix=bad)


def test_html_escapes_all_text():
    ops = diff_words(f"Keep {SCRIPT} & 'quotes'", f'Keep <b>"bold"</b> & {SCRIPT}')
    html = to_html(ops)
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html and "&quot;bold&quot;" in html and "&#x27;quotes&#x27;" in html
    stripped = html.replace('<del class="rl-del">', "").replace('<ins class="rl-ins">', "")
    assert "<" not in stripped.replace("</del>", "").replace("</ins>", "")


def test_html_breaks_lines_and_closes_marks_on_each_line():
    ops = [
        Op("equal", "A\n\n"),
        Op("delete", "old one\n\nold two"),
        Op("insert", "new"),
        Op("equal", "\nEnd"),
    ]
    assert to_html(ops) == (
        "A<br>\n<br>\n"
        '<del class="rl-del">old one</del><br>\n<br>\n<del class="rl-del">old two</del>'
        '<ins class="rl-ins">new</ins><br>\nEnd'
    )


def test_equal_runs_render_the_new_whitespace():
    ops = diff_words("a  b", "a b")
    assert to_html(ops) == "a b"
    assert to_text(ops) == "a b"
    assert to_markdown(ops) == "a b"


def test_markdown_marks_and_escapes():
    assert to_markdown(OPS) == "Pay ~~$3\\.92~~**$4\\.50** per hour\\."
    md = to_markdown(diff_words("Use *stars* and _under_ [link](x) # ~~x~~", f"Use {SCRIPT} `code` | 1. -"))
    for raw in ("<script>", "*stars*", "_under_", "[link](x)", "`code`", "~~x~~"):
        assert raw not in md
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md
    assert "\\*stars\\*" in md and "\\_under\\_" in md and "\\~\\~x\\~\\~" in md and "\\|" in md


def test_markdown_splits_marks_per_paragraph_and_keeps_spaces_outside():
    ops = [Op("equal", "Intro\n\n"), Op("delete", "Gone para.\n\n  Gone too "), Op("insert", "\nNew")]
    assert to_markdown(ops) == "Intro\n\n~~Gone para\\.~~\n\n~~Gone too~~\n**New**"


def test_markdown_drops_layout_indentation():
    ops = [Op("equal", "        indented line\n\t  next  \n")]
    assert to_markdown(ops) == "indented line\nnext\n"


def test_text_marks():
    assert to_text(OPS) == "Pay [-$3.92-]{+$4.50+} per hour."


def test_summary():
    assert summary(OPS) == {"words_inserted": 1, "words_deleted": 1, "changed": True}
    assert summary(diff_words("same  text", "same text")) == {
        "words_inserted": 0,
        "words_deleted": 0,
        "changed": False,
    }


def test_documents_summary():
    def clause(key: str, text: str) -> DocClause:
        return DocClause(key, "Article 1", key, "", text)

    old = [
        clause("a", "Alpha one."),
        clause("b", "Beta two three."),
        clause("c", "Gamma."),
        clause("d", "D."),
    ]
    new = [
        clause("d", "D."),
        clause("a", "Alpha one, two."),
        clause("c", "Gamma."),
        clause("e", "Epsilon x."),
    ]
    assert documents_summary(diff_documents(old, new)) == {
        "clauses": 5,
        "clauses_unchanged": 1,
        "clauses_changed": 1,
        "clauses_added": 1,
        "clauses_deleted": 1,
        "clauses_moved": 1,
        "clauses_renumbered": 0,
        "words_inserted": 2 + 2,
        "words_deleted": 1 + 3,
    }
