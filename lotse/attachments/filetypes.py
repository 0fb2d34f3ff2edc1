"""Which files may be attached, decided by their content (magic bytes), not only their name.

Allowed are PDF, OpenDocument, Microsoft Office (current and legacy formats) and the common
image formats. The extension must be one of them, and the content must be what the extension
says: a renamed executable or a script called `.pdf` is refused.
"""

import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _

ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "odg": "application/vnd.oasis.opendocument.graphics",
}
OOXML = {
    "docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": (
        "ppt/",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
}
OLE = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
SIMPLE: dict[str, tuple[tuple[bytes, ...], str]] = {
    "pdf": ((b"%PDF-",), "application/pdf"),
    "png": ((b"\x89PNG\r\n\x1a\n",), "image/png"),
    "jpg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "jpeg": ((b"\xff\xd8\xff",), "image/jpeg"),
    "gif": ((b"GIF87a", b"GIF89a"), "image/gif"),
}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ALLOWED_EXTENSIONS = (*SIMPLE, "webp", *ODF, *OOXML, *OLE)


class FileTypeRefused(ValueError):
    """The file is not of an allowed type; the message says why, in German."""


@dataclass(frozen=True)
class Detected:
    extension: str
    mime: str


def allowed_text() -> str:
    return _(
        "Erlaubt sind PDF, OpenDocument (ODT, ODS, ODP, ODG), Microsoft Office (DOCX, XLSX, "
        "PPTX, DOC, XLS, PPT) und Bilder (PNG, JPEG, GIF, WebP)."
    )


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def _zip_names(stream: IO[bytes]) -> tuple[list[str], bytes]:
    """The member names of a zip file, and its `mimetype` member (ODF) if it has one."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            return names, mimetype
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return [], b""
    finally:
        stream.seek(0)


def detect(name: str, stream: IO[bytes]) -> Detected:
    """The type of the upload `name` with content `stream`, or FileTypeRefused."""
    extension = _extension(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise FileTypeRefused(
            _("Dateityp nicht erlaubt: „%(name)s“.") % {"name": name} + " " + allowed_text()
        )
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    mismatch = FileTypeRefused(
        _(
            "Der Inhalt von „%(name)s“ ist keine %(kind)s-Datei: die Endung passt nicht zum "
            "Inhalt. Bitte laden Sie die Datei in ihrem echten Format hoch."
        )
        % {"name": name, "kind": extension.upper()}
    )
    if extension in SIMPLE:
        magics, mime = SIMPLE[extension]
        if not head.startswith(magics):
            raise mismatch
        return Detected(extension, mime)
    if extension == "webp":
        if not (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
            raise mismatch
        return Detected(extension, "image/webp")
    if extension in OLE:
        if not head.startswith(OLE_MAGIC):
            raise mismatch
        return Detected(extension, OLE[extension])
    if not head.startswith(b"PK\x03\x04"):
        raise mismatch
    names, mimetype = _zip_names(stream)
    if extension in ODF:
        if mimetype.strip() != ODF[extension].encode():
            raise mismatch
        return Detected(extension, ODF[extension])
    folder, mime = OOXML[extension]
    if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
        raise mismatch
    return Detected(extension, mime)
