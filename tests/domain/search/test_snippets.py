"""Splitting an engine's marked snippet into hit and plain segments."""

from bargaining.domain.search.snippets import HIT_END, HIT_START, Segment, as_html, as_text, segments


def test_marks_split_the_snippet_into_hits_and_plain_text() -> None:
    marked = f"The {HIT_START}caseload{HIT_END} cap of {HIT_START}30{HIT_END} clients"
    assert segments(marked) == [
        Segment("The ", False),
        Segment("caseload", True),
        Segment(" cap of ", False),
        Segment("30", True),
        Segment(" clients", False),
    ]


def test_stray_and_doubled_marks_are_dropped_and_text_kept() -> None:
    marked = f"{HIT_END}a{HIT_START}{HIT_START}b{HIT_END}{HIT_END}c{HIT_START}"
    parts = segments(marked)
    assert as_text(parts) == "abc"
    assert [p.hit for p in parts] == [False, True, False]


def test_html_escapes_text_and_marks_hits() -> None:
    parts = segments(f"<b>{HIT_START}R&D{HIT_END}</b>")
    assert as_html(parts) == "&lt;b&gt;<mark>R&amp;D</mark>&lt;/b&gt;"
