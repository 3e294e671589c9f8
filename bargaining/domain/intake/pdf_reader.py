"""PDF uploads read with pypdfium2: text-layer lines in reading order, scanned pages through OCR."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from bargaining.domain.intake.document import Extracted, TooLarge, Unreadable, drop_field_errors

MAX_PAGES = 2000
MAX_OCR_PAGES = 150  # about 1-2 s a page: a scan longer than this is too slow for one request
MIN_PAGE_CHARS = 20
PARAGRAPH_GAP = 1.45  # a line further below the last than this many usual line pitches opens a paragraph
COLUMN_GAP = 2.5  # a gap wider than this many average character widths is a column break

Rect = tuple[float, float, float, float]
OcrPage = Callable[[pdfium.PdfPage], tuple[str, float]]


@dataclass
class _Run:
    """A run of text on one line of a page, with its box."""

    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def middle(self) -> float:
        """Return the vertical centre of the run."""
        return (self.bottom + self.top) / 2


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open a PDF, refusing damaged, encrypted, empty and oversized files with a clear error."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Unreadable(
                "The PDF is password-protected; send an unlocked copy.", field="file", code="encrypted_file"
            ) from exc
        raise Unreadable("The PDF is damaged and cannot be read.", field="file") from exc
    if len(pdf) == 0:
        raise Unreadable("The PDF has no pages.", field="file")
    if len(pdf) > MAX_PAGES:
        raise TooLarge(f"The PDF has {len(pdf)} pages; the limit is {MAX_PAGES}.", field="file")
    return pdf


def _runs(textpage: pdfium.PdfTextPage) -> list[_Run]:
    """Return the page's text runs with their boxes."""
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\x02", "-").replace("\r", " ").replace("\n", " ")
        if text.strip():
            runs.append(_Run(left, bottom, right, top, text.strip()))
    return runs


def _group_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Group runs into lines, top to bottom, each line left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines:
            last = lines[-1]
            height = max(r.top - r.bottom for r in last) or 1.0
            if abs(last[0].middle - run.middle) < height * 0.5:
                last.append(run)
                continue
        lines.append([run])
    return [sorted(line, key=lambda r: r.left) for line in lines]


def _line_text(line: list[_Run], page_left: float) -> str:
    """Join a line's runs, keeping wide gaps (columns, gutters) as wide spaces, and its indent."""
    width = sum(r.right - r.left for r in line) / max(sum(len(r.text) for r in line), 1)
    indent = " " * min(40, int((line[0].left - page_left) / max(width, 1.0)))
    out = line[0].text
    for before, run in itertools.pairwise(line):
        gap = run.left - before.right
        out += ("    " if gap > COLUMN_GAP * width else " ") + run.text
    return indent + out


def _line_pitch(lines: list[list[_Run]], tops: list[float]) -> float:
    """The distance from one line to the next inside a paragraph: the smallest that fits a line."""
    heights = sorted(max(r.top for r in line) - min(r.bottom for r in line) for line in lines)
    height = heights[len(heights) // 2] if heights else 0.0
    pitches = [a - b for a, b in itertools.pairwise(tops) if a - b >= 0.9 * height > 0]
    return min(pitches, default=0.0)


def _page_text(textpage: pdfium.PdfTextPage) -> str:
    """Return a text page's lines in reading order, a blank line where the spacing opens up."""
    runs = _runs(textpage)
    if not runs:
        return ""
    page_left = min(r.left for r in runs)
    lines = _group_lines(runs)
    tops = [max(r.top for r in line) for line in lines]
    pitch = _line_pitch(lines, tops)
    out: list[str] = []
    for k, line in enumerate(lines):
        if k and pitch and tops[k - 1] - tops[k] > PARAGRAPH_GAP * pitch:
            out.append("")
        out.append(_line_text(line, page_left))
    return "\n".join(out)


def _has_image(page: pdfium.PdfPage) -> bool:
    """Tell whether a page holds an image (a scan to OCR), not just nothing."""
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))


def read_pdf(data: bytes, ocr: OcrPage | None = None) -> Extracted:
    """Read a PDF into contract text, one form feed between pages; OCR pages with no text layer."""
    pdf = open_pdf(data)
    pages: list[str] = []
    ocr_pages: list[int] = []
    confidences: list[float] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = _page_text(textpage) if textpage.count_chars() >= MIN_PAGE_CHARS else ""
            if not text.strip() and ocr is not None and _has_image(page):
                if len(ocr_pages) >= MAX_OCR_PAGES:
                    raise TooLarge(
                        f"The PDF has more than {MAX_OCR_PAGES} scanned pages to read in one request; "
                        "send it in parts or with a text layer.",
                        field="file",
                    )
                text, page_confidence = ocr(page)
                ocr_pages.append(index + 1)
                confidences.append(page_confidence)
            pages.append(text)
    finally:
        pdf.close()
    joined = drop_field_errors("\n\f".join(pages))
    if not joined.replace("\f", "").strip():
        raise Unreadable("The PDF has no readable text, even after OCR.", field="file")
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return Extracted(joined, "pdf", pages=len(pages), ocr_pages=ocr_pages, ocr_confidence=mean)
