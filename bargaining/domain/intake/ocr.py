"""OCR of scanned PDF pages with Tesseract (pytesseract), pages rasterized by pypdfium2."""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium
import pytesseract

from bargaining.domain.intake.document import Unreadable

DPI = 300
LANG = "eng"
TIMEOUT = 60


def _lines(data: dict[str, list[Any]]) -> tuple[list[str], list[float]]:
    """Group Tesseract's words into lines (a blank line between paragraphs); collect confidences."""
    lines: list[str] = []
    confidences: list[float] = []
    current: tuple[int, int, int] | None = None
    for k, word in enumerate(data["text"]):
        if not str(word).strip():
            continue
        key = (int(data["block_num"][k]), int(data["par_num"][k]), int(data["line_num"][k]))
        if current is None or key != current:
            if current is not None and key[:2] != current[:2]:
                lines.append("")
            lines.append("")
            current = key
        lines[-1] = f"{lines[-1]} {word}".strip()
        confidence = float(data["conf"][k])
        if confidence >= 0:
            confidences.append(confidence)
    return lines, confidences


def ocr_page(page: pdfium.PdfPage) -> tuple[str, float]:
    """Read a scanned page: its text, and Tesseract's mean word confidence (0-100)."""
    image = page.render(scale=DPI / 72).to_pil()
    try:
        data = pytesseract.image_to_data(
            image, lang=LANG, output_type=pytesseract.Output.DICT, timeout=TIMEOUT
        )
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, RuntimeError) as exc:
        raise Unreadable(
            "This PDF page is a scan and OCR is not available or failed on it.",
            field="file",
            code="ocr_failed",
        ) from exc
    lines, confidences = _lines(data)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return "\n".join(lines), round(mean, 1)
