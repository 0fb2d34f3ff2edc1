"""The type allow-list is decided by content: every allowed kind passes, an impostor with an
allowed extension and any other extension are refused, in German."""

import io

import pytest

from lotse.attachments.filetypes import FileTypeRefused
from lotse.attachments.filetypes import detect

from . import files


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("Projekthandbuch.pdf", files.PDF, "application/pdf"),
        ("Plan.PNG", files.PNG, "image/png"),
        ("Foto.jpg", files.JPEG, "image/jpeg"),
        ("Foto.jpeg", files.JPEG, "image/jpeg"),
        ("Grafik.gif", files.GIF, "image/gif"),
        ("Grafik.webp", files.WEBP, "image/webp"),
        ("Alt.doc", files.OLE, "application/msword"),
        ("Alt.xls", files.OLE, "application/vnd.ms-excel"),
        ("Steckbrief.odt", files.ODT, "application/vnd.oasis.opendocument.text"),
        ("Tabelle.ods", files.ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "Steckbrief.docx",
            files.DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "Budget.xlsx",
            files.XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_allowed_kinds_pass(name, content, mime):
    assert detect(name, io.BytesIO(content)).mime == mime


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "Projekthandbuch.pdf",
            files.EXE,
            "Der Inhalt von „Projekthandbuch.pdf“ ist keine PDF-Datei",
        ),
        ("Bild.png", files.JPEG, "keine PNG-Datei"),
        ("Steckbrief.docx", files.ODT, "keine DOCX-Datei"),
        ("Steckbrief.odt", files.DOCX, "keine ODT-Datei"),
        ("Tabelle.ods", files.ODT, "keine ODS-Datei"),
        ("Budget.xlsx", files.DOCX, "keine XLSX-Datei"),
        ("Kaputt.docx", b"PK\x03\x04kaputt", "keine DOCX-Datei"),
        ("Alt.doc", files.PDF, "keine DOC-Datei"),
        ("setup.exe", files.EXE, "Dateityp nicht erlaubt: „setup.exe“. Erlaubt sind PDF"),
        ("seite.html", b"<html>", "Dateityp nicht erlaubt"),
        ("bild.svg", b"<svg/>", "Dateityp nicht erlaubt"),
        ("ohne-endung", files.PDF, "Dateityp nicht erlaubt"),
    ],
)
def test_impostors_and_other_kinds_are_refused(name, content, message):
    with pytest.raises(FileTypeRefused, match=message):
        detect(name, io.BytesIO(content))
