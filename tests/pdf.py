"""Reading generated PDFs back in tests (pure Python, no system tools needed)."""

from io import BytesIO

from pypdf import PdfReader


def pdf_text(pdf: bytes, page: int | None = None) -> str:
    """The text of the whole PDF or of one page (1-based), whitespace folded."""
    reader = PdfReader(BytesIO(pdf))
    pages = reader.pages if page is None else [reader.pages[page - 1]]
    return " ".join(" ".join(p.extract_text() or "" for p in pages).split())


def pdf_page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)
