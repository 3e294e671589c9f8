"""LibreOffice opens a redline DOCX without repair and keeps its tracked changes (soffice --headless)."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.api.test_redlines import TEXT_50, Talks, build_talks


@pytest.fixture
def talks(api, cast) -> Talks:
    return build_talks(api, cast)


TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"


def _convert(docx: Path, to: str, out: Path) -> Path:
    """Convert with LibreOffice headless, in a profile of this test's own."""
    profile = (out / "profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = out / f"{docx.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and converted.exists(), done.stdout + done.stderr
    return converted


def test_libreoffice_reads_the_contract_redline_with_its_tracked_changes(api, talks, tmp_path):
    response = api.get(f"/tables/{talks.n.table_id}/redline?from=base&to=union&format=docx")
    assert response.status_code == 200
    docx = tmp_path / "redline.docx"
    docx.write_bytes(response.get_data())
    odt = _convert(docx, "odt", tmp_path)
    with zipfile.ZipFile(odt) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    regions = list(content.iter(f"{TEXT}changed-region"))
    kinds = {child.tag for region in regions for child in region}
    assert {f"{TEXT}insertion", f"{TEXT}deletion"} <= kinds
    authors = {c.text for c in content.iter(f"{DC}creator")}
    assert "Clinicians United (U-1)" in authors
    headings = ["".join(h.itertext()) for h in content.iter(f"{TEXT}h")]
    assert "Article 5 – Caseloads" in headings and "5.1 Caseload Limits" in headings
    text = "".join(content.itertext())
    assert TEXT_50 in text and "Tentatively agreed (TA-1" in text
