"""A long document set in parts (`typeset.render_parts`) and joined (`pdfjoin`) is one
document: the same pages as when set in one piece, one page numbering, one tag tree."""

import re
from datetime import UTC
from datetime import datetime
from io import BytesIO

import pikepdf
import pytest

from lotse.documents import svg
from lotse.documents import typeset as ts
from tests.pdf import pdf_page_count
from tests.pdf import pdf_text
from tests.pdfua import link_pages
from tests.pdfua import outline_titles
from tests.pdfua import pdfua_problems
from tests.pdfua import tag_tree_problems

HOSTILE = '#panic("boom") ] [ $x$ @label <anker> // Kommentar'
PARTS = 60  # the list of parts fills more than one page: the front's length must settle


def _parts() -> list[list[dict]]:
    parts = []
    for n in range(1, PARTS + 1):
        rows = [[f"Zeile {r}", str(r * n)] for r in range(1, 60 if n == 7 else 3)]
        blocks = [
            ts.heading(1, f"Teil {n:02d} {HOSTILE}", page_break=True, label=f"teil-{n}"),
            ts.para(f"Text von Teil {n}."),
            ts.table(f"Zahlen {n}", ["Zeile", "Wert"], rows, numeric=(1,)),
        ]
        if n == 31:
            chart = svg.bar_chart(chart_id="c", title="Ampeln", desc="rot: 1", items=[("rot", 1)])
            blocks.append(ts.figure(chart, "rot: 1", "Grafik"))
        parts.append(blocks)
    return parts


def _front() -> dict:
    entries = [
        (f"teil-{n}", f"Teil {n:02d}", "Unterzeile" if n % 2 else None) for n in range(1, PARTS + 1)
    ]
    return {
        "title": "Mappe in Teilen",
        "running_head": "Kopf der Mappe",
        "footer_left": "01.02.2026",
        "page_of": ["Seite", "von"],
        "cover": {"brand": "Programm", "title": "Mappe", "lines": ["Stand: 1. Februar 2026"]},
        "blocks": [ts.heading(1, "Alle Teile", label="liste"), ts.toc(entries)],
    }


def _render(per_child: int) -> bytes:
    moment = datetime(2026, 2, 1, tzinfo=UTC)
    return ts.render_parts(
        "documents/blocks.typ", _front(), _parts(), per_child=per_child, moment=moment
    )


@pytest.fixture(scope="module")
def joined() -> bytes:
    return _render(per_child=25)  # three parts, set apart and joined


@pytest.fixture(scope="module")
def whole() -> bytes:
    return _render(per_child=PARTS)  # in one piece, as `render` does


@pytest.mark.pdf
def test_parts_give_the_same_pages_as_one_piece(joined, whole):
    pages = pdf_page_count(joined)
    assert pages == pdf_page_count(whole) > PARTS + 2
    for number in range(1, pages + 1):
        assert pdf_text(joined, number) == pdf_text(whole, number), f"page {number}"
    assert f"Seite {pages} von {pages}" in pdf_text(joined, pages)
    assert "Kopf der Mappe" not in pdf_text(joined, 1)
    assert HOSTILE in pdf_text(joined)  # user text stays text in every part


@pytest.mark.pdf
def test_every_page_is_numbered_once_and_continuously(joined):
    pages = pdf_page_count(joined)
    for number in range(1, pages + 1):
        text = pdf_text(joined, number)
        assert re.findall(r"Seite \d+ von \d+", text) == [f"Seite {number} von {pages}"], number


@pytest.mark.pdf
def test_joined_pdf_has_one_consistent_tag_tree(joined):
    assert pdfua_problems(joined, figures=True) == []
    assert tag_tree_problems(joined) == []
    with pikepdf.open(BytesIO(joined)) as document:
        xmp = document.Root.Metadata.read_bytes().decode()
        assert f"<xmpTPg:NPages>{len(document.pages)}</xmpTPg:NPages>" in xmp
        links = document.pages[0].obj.Annots
        assert str(links[0].Contents) == f"Seite {link_pages(joined, 1)[0]}"  # described


@pytest.mark.pdf
def test_outline_and_table_of_contents_lead_to_every_part(joined, whole):
    outline = outline_titles(joined)
    assert outline == outline_titles(whole)
    parts = [(title, page) for title, page in outline if title.startswith("Teil ")]
    assert [title.split()[1] for title, _ in parts] == [f"{n:02d}" for n in range(1, PARTS + 1)]
    assert parts[7][1] > parts[6][1] + 1  # part 7 runs over more than one page
    # The list of parts links each entry to its part's first page, and says that page.
    links = [page for number in (1, 2) for page in link_pages(joined, number)]
    assert links == [page for _, page in parts]
    front = pdf_text(joined, 1) + " " + pdf_text(joined, 2)
    assert [int(n) for n in re.findall(r"\.{3,}(\d+)", front)] == links


def test_a_short_document_is_set_in_one_piece(monkeypatch):
    calls = []
    monkeypatch.setattr(ts, "render", lambda template, data, **kw: calls.append(data) or b"%PDF")
    assert ts.render_parts("documents/blocks.typ", _front(), _parts()[:3], per_child=3) == b"%PDF"
    assert [b.get("label") for b in calls[0]["blocks"] if b["type"] == "heading"] == [
        "liste", "teil-1", "teil-2", "teil-3",
    ]  # fmt: skip


@pytest.mark.pdf
def test_a_table_of_contents_entry_without_its_part_is_a_document_error():
    # The list names 60 parts, only 4 are given: the front cannot say where part 5 is.
    with pytest.raises(ts.DocumentError, match="no part has the label teil-5"):
        ts.render_parts("documents/blocks.typ", _front(), _parts()[:4], per_child=2)
