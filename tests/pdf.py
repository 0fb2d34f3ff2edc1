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


# Lotse's documents keep 16 mm to the left and right of the text (documents/lotse.typ).
MARGIN_X = 16 * 72 / 25.4


def text_off_the_page(pdf: bytes) -> list[tuple[int, str]]:
    """(page, text) of every piece of text that starts right of the type area or above or
    below the page: a table column squeezed to nothing at the right margin, a chart taller
    than the page. The PDF is cut at the page's edge, so a reader sees none of it."""
    found: list[tuple[int, str]] = []
    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(text, cm, tm, font, size, number=number, width=width, height=height):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and (x > width - MARGIN_X + 1 or not 0 <= y <= height):
                found.append((number, text.strip()))

        page.extract_text(visitor_text=visit)
    return found
