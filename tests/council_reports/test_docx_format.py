"""The Word report as a German administration needs it: A4, de-DE, the programme office as
author, repeating table headers, "Seite x von y", headings kept with the next paragraph."""

import shutil
import subprocess
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from lotse.council_reports import render
from lotse.council_reports.collect import collect_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(world) -> bytes:
    report = collect_report(programme=world.cast.programme, kind="committee", as_of=world.as_of)
    return render.render_docx(report)


def test_docx_is_a4_german_with_the_programme_office_as_author(world):
    before = timezone.now() - timedelta(seconds=2)
    document = Document(BytesIO(_docx(world)))
    for section in document.sections:
        assert round(section.page_width.cm, 1) == 21.0
        assert round(section.page_height.cm, 1) == 29.7
        assert 1.9 <= section.left_margin.cm <= 3 and 1.9 <= section.right_margin.cm <= 3
        assert 1.5 <= section.top_margin.cm <= 3 and 1.5 <= section.bottom_margin.cm <= 3
    styles = document.styles.element
    default = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert default.get(qn("w:val")) == "de-DE"
    for name in ("Normal", "Heading 1", "Title", "Table Grid"):
        lang = document.styles[name].element.find(f"{W}rPr/{W}lang")
        assert lang is not None and lang.get(qn("w:val")) == "de-DE", name
    properties = document.core_properties
    assert properties.author == "Programmbüro Potsdam smart"
    assert properties.last_modified_by == "Programmbüro Potsdam smart"
    assert "python-docx" not in f"{properties.author}{properties.comments}"
    assert properties.title.startswith("Statusbericht an den Ausschuss")
    assert properties.language == "de-DE"
    assert properties.created >= before.replace(microsecond=0)


def test_docx_tables_repeat_their_header_and_headings_keep_with_next(world):
    document = Document(BytesIO(_docx(world)))
    assert document.tables
    for table in document.tables:
        first = table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader")
        assert first is not None and first.get(qn("w:val")) in ("true", "1")
        assert all(row._tr.find(f"{W}trPr/{W}cantSplit") is not None for row in table.rows)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[name].paragraph_format.keep_with_next is True, name
    footer = document.sections[0].footer._element
    codes = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert codes == ["PAGE", "NUMPAGES"]
    text = "".join(t.text for t in footer.iter(f"{W}t"))
    assert text.startswith("Seite ") and " von " in text


@pytest.mark.office
def test_libreoffice_opens_the_docx_as_a4_with_page_numbers(world, tmp_path: Path):
    """One real conversion (slow): LibreOffice lays the document out on A4 pages."""
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    source = tmp_path / "bericht.docx"
    source.write_bytes(_docx(world))
    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = PdfReader(tmp_path / "bericht.pdf")
    pages = len(reader.pages)
    assert pages >= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    last = reader.pages[-1].extract_text()
    assert f"Seite {pages} von {pages}" in last
