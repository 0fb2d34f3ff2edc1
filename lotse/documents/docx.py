"""Word documents (DOCX) as a German administration expects them.

Every document Lotse writes starts with `new_document`: A4 portrait with 2.5 cm margins
(2 cm at top and bottom), German (de-DE) as the language of every style so that Word and
LibreOffice check the spelling in German, the core properties set by Lotse (author and
"last modified by" = the programme office, title, created = the moment of generation;
never "python-docx"), "Seite x von y" in the footer as PAGE/NUMPAGES fields, and headings
kept with the paragraph that follows. Tables come from `add_table`: the header row repeats on
every page and no row breaks across pages.
"""

import re
from collections.abc import Iterable
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document as new_docx
from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

LANGUAGE = "de-DE"
A4_WIDTH, A4_HEIGHT = Cm(21), Cm(29.7)
TEXT_WIDTH = Cm(16)  # A4 less the margins of 2.5 cm left and right
CHAR_WIDTH, CELL_PADDING = Cm(0.23), Cm(0.4)  # a character of 11 pt (bold), a cell's margins
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADING_STYLES = ("Title", *(f"Heading {n}" for n in range(1, 10)))
SOFT_HYPHEN = "\u00ad"
# The joints of German compounds (Transformations|konferenz, Digitalisierungs|strategie,
# Organisations|einheit): where a word too long for its column may break, with a hyphen.
_JOINT = re.compile(r"(\w{3,}?(?:ions|ungs|heits|keits|schafts|täts))(?=[a-zäöüß]{4})")
# An amount stays on one line with its unit ("19,3 Mio. €", "480 T€"): a no-break space.
_UNIT = re.compile(r"(?<=\d) (?=Mio\.|T€|€)|(?<=Mio\.) (?=€)")
NO_BREAK_SPACE = "\u00a0"
_BREAKS = re.compile(rf"[ \t\n\r{SOFT_HYPHEN}]+")  # where a line may break


def soft_hyphens(text: str) -> str:
    """`text` with a soft hyphen at each joint of its compounds (shown only where the line
    breaks there)."""
    return _JOINT.sub(r"\1" + SOFT_HYPHEN, text)


def _set_language(document: Document) -> None:
    """de-DE in the document defaults and in every style that names a language itself."""
    styles = document.styles.element
    r_pr = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if r_pr is not None:
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        for attribute in ("w:val", "w:eastAsia"):
            lang.set(qn(attribute), LANGUAGE)
    for style in document.styles:
        style_r_pr = style.element.find(qn("w:rPr"))
        if style_r_pr is None:
            style_r_pr = style.element.get_or_add_rPr()
        lang = style_r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            style_r_pr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)


def _field(paragraph: Paragraph, code: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice compute when they lay out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, placeholder, end):
        run._r.append(element)


def _footer(document: Document) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = 2  # right
    # "Seite x von y", split around the two fields (the words stay translatable).
    before, _sep, rest = _("Seite {page} von {pages}").partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE")
    paragraph.add_run(middle)
    _field(paragraph, "NUMPAGES")
    if after:
        paragraph.add_run(after)


def new_document(*, title: str, author: str, created: datetime | None = None) -> Document:
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1.25)
    _set_language(document)
    for name in HEADING_STYLES:
        document.styles[name].paragraph_format.keep_with_next = True
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.language = LANGUAGE
    moment = timezone.now().replace(microsecond=0) if created is None else created
    properties.created = properties.modified = moment
    properties.revision = 1
    properties.comments = ""
    _footer(document)
    return document


def _repeat_header(table: Table) -> None:
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_pr.append(header)


def _keep_rows_whole(table: Table) -> None:
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _words(columns: list[list[str]]) -> list[int]:
    """The length of each column's longest word (piece between soft hyphens)."""
    return [max(len(w) for text in column for w in _BREAKS.split(text)) for column in columns]


def _least(words: list[int]) -> list[float]:
    """The width a column needs for a word of that length (a hyphen's width added)."""
    return [(n + 1) * CHAR_WIDTH + CELL_PADDING for n in words]


def _widths(columns: list[list[str]]) -> list[int]:
    """Widths that share the text width of the page (A4 less the margins) as the columns'
    texts want it: each column at least as wide as its longest word (a date, a bold header),
    the rest of the width to the columns with longer lines (up to 40 characters: a longer
    text wraps). Equal widths broke titles inside their words beside half-empty columns."""
    words = _words(columns)
    least = _least(words)
    lines = [
        min(max(len(line) for t in column for line in t.split("\n")), 40) for column in columns
    ]
    grow = [max(line - word, 0) for line, word in zip(lines, words, strict=True)]
    spare = TEXT_WIDTH - sum(least)
    if spare <= 0:
        # The longest words alone are wider than the page: the narrow columns (a date) keep
        # their width, the wide ones share the rest.
        fair = TEXT_WIDTH / len(least)
        rest = TEXT_WIDTH - sum(w for w in least if w <= fair)
        wide = sum(w for w in least if w > fair)
        widths = [int(w if w <= fair else rest * w / wide) for w in least]
    elif not any(grow):
        widths = [int(width + spare / len(least)) for width in least]
    else:
        widths = [int(width + spare * g / sum(grow)) for width, g in zip(least, grow, strict=True)]
    widths[0] += TEXT_WIDTH - sum(widths)
    return widths


def _write(cell: Any, text: str, *, bold: bool = False) -> None:
    """The cell's text, a soft hyphen as Word's own (w:softHyphen) between its pieces."""
    pieces = text.split(SOFT_HYPHEN)
    for i, piece in enumerate(pieces, start=1):
        run = cell.paragraphs[0].add_run(piece)
        run.bold = bold or None
        if i < len(pieces):
            run._r.append(OxmlElement("w:softHyphen"))


def add_table(document: Document, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    """A grid table: bold header row that repeats on every page, rows never split, columns
    as wide as their texts want (`_widths`). When the longest words are too wide for the
    page together, the long ones get soft hyphens at their compounds' joints (`soft_hyphens`)
    and the columns the width of the pieces: "Transformationskonferenz" beside a date, a
    project and a decision broke inside a syllable ("Transformationskonf|erenz"). An amount
    keeps its unit on its line ("19,3 Mio. €" broke before the €)."""
    texts = [[str(h) for h in headers]]
    texts += [
        [_UNIT.sub(NO_BREAK_SPACE, "" if value is None else str(value)) for value in row]
        for row in rows
    ]
    columns = [list(column) for column in zip(*texts, strict=True)]
    if sum(_least(_words(columns))) > TEXT_WIDTH:
        texts = [[soft_hyphens(text) for text in row] for row in texts]
        columns = [list(column) for column in zip(*texts, strict=True)]
    table = document.add_table(rows=len(texts), cols=len(headers))
    table.style = "Table Grid"
    for y, (row, values) in enumerate(zip(table.rows, texts, strict=True)):
        for cell, text in zip(row.cells, values, strict=True):
            _write(cell, text, bold=y == 0)
    table.autofit = False
    for column, width in zip(table.columns, _widths(columns), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    _repeat_header(table)
    _keep_rows_whole(table)
    return table


def document_bytes(document: Document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
