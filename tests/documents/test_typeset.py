"""The Typst engine: user text stays text, and every PDF is PDF/UA-1."""

from datetime import UTC
from datetime import datetime

import pytest

from lotse.documents import svg
from lotse.documents import typeset
from lotse.documents import typeset as ts
from tests.pdf import pdf_page_count
from tests.pdf import pdf_text
from tests.pdf import text_off_the_page
from tests.pdfua import pdfua_problems

HOSTILE = [
    '#panic("boom") #import "/settings.py" #read("/settings.py")',
    "] [ } { ) ( *fett* _kursiv_ `code` = Überschrift",
    "$x^2$ @label <anker> \\ \\\\ #let x = 1 // Kommentar /* */",
    '#eval("1 + 1") #set page(paper: "a0") ~ -- --- ... \'quote\'',
]


def _document(**extra):
    data = {
        "title": "Bericht #panic(]",
        "running_head": "Kopf $x$",
        "footer_left": "Stand 01.02.2026",
        "page_of": ["Seite", "von"],
        "cover": {"brand": "Programm <b>", "title": "Titel @ref", "lines": ["Stand: 01.02.2026"]},
        "toc_title": "Inhalt",
        "blocks": [],
    }
    data.update(extra)
    return data


def _render(data):
    return typeset.render("documents/blocks.typ", data, moment=datetime(2026, 2, 1, tzinfo=UTC))


@pytest.mark.pdf
def test_hostile_text_comes_out_literally_everywhere():
    blocks = [ts.heading(1, HOSTILE[0]), ts.para(HOSTILE[1], ts.run(HOSTILE[2], bold=True))]
    blocks.append(ts.items([HOSTILE[3], [ts.run(HOSTILE[0], tone="red")]]))
    blocks.append(ts.table(HOSTILE[1], [HOSTILE[2], "B"], [[HOSTILE[3], HOSTILE[0]]]))
    blocks.append(ts.terms([(HOSTILE[2], HOSTILE[1])]))
    pdf = _render(_document(blocks=blocks))
    text = pdf_text(pdf)
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in text, hostile
    cover = pdf_text(pdf, 1)
    assert "Titel @ref" in cover and "Programm <b>" in cover
    assert "Kopf $x$" not in cover  # the running head starts after the cover page
    assert "boom" in text  # printed, not raised


@pytest.mark.pdf
def test_hostile_svg_text_is_data_too():
    chart = svg.bar_chart(
        chart_id="c", title='"]#panic()', desc="x", items=[("#panic() ]", 3), ("$a$", 1)]
    )
    data = _document(blocks=[ts.heading(1, "Grafik"), ts.figure(chart, "#alt ]", "Legende")])
    pdf = _render(data)
    assert pdfua_problems(pdf, tables=False, figures=True) == []


TALL_CHART = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="2000" viewBox="0 0 600 2000">'
    '<rect width="600" height="2000" fill="#ccd"/><text x="10" y="40" font-size="30">OBEN</text>'
    '<text x="10" y="1990" font-size="30">UNTEN</text></svg>'
)


@pytest.mark.pdf
@pytest.mark.parametrize(("paragraphs", "chart_page"), [(0, 1), (3, 1), (5, 2)])
def test_a_chart_taller_than_the_page_takes_the_room_left_when_it_is_most_of_a_page(
    paragraphs, chart_page
):
    """Scaled to a whole page, the chart went to the next page with its heading even under
    a cover of three lines. It takes the room left when that is two thirds of a page or
    more; under a page of text it starts the next page. Whole either way, with its legend."""
    text = ts.para("Absatz " * 50)
    blocks = [text] * paragraphs + [ts.heading(1, "Zeitstrahl")]
    blocks += [ts.figure(TALL_CHART, "Balken", "Legende"), ts.para("Danach")]
    pdf = _render(_document(toc_title=None, blocks=blocks))
    assert text_off_the_page(pdf) == []
    page = pdf_text(pdf, chart_page)
    assert "Zeitstrahl" in page and "OBEN" in page and "UNTEN" in page and "Legende" in page


@pytest.mark.pdf
def test_a_chart_under_a_heading_that_starts_a_page_takes_that_page():
    """The room is measured on the page the heading starts, not on the page before it."""
    blocks = [ts.heading(1, "Zeitstrahl", page_break=True), ts.figure(TALL_CHART, "B", "Legende")]
    pdf = _render(_document(toc_title=None, blocks=blocks))
    assert pdf_page_count(pdf) == 2 and "Seite 2 von 2" in pdf_text(pdf, 2)
    page = pdf_text(pdf, 2)
    assert "OBEN" in page and "UNTEN" in page and "Legende" in page


@pytest.mark.pdf
def test_every_pdfua_check_passes_and_pages_are_numbered():
    chart = svg.bar_chart(chart_id="c", title="Ampeln", desc="rot: 1", items=[("rot", 1)])
    blocks = [ts.heading(1, "Zusammenfassung"), ts.figure(chart, "rot: 1", "Grafik")]
    blocks.append(ts.table("Zahlen", ["Phase", "Projekte"], [["Umsetzung", "3"]], numeric=(1,)))
    blocks += [ts.heading(1, "Zweiter Teil", page_break=True), ts.para("Ende")]
    pdf = _render(_document(blocks=blocks))
    assert pdfua_problems(pdf, figures=True) == []
    pages = pdf_page_count(pdf)
    assert pages >= 2
    assert f"Seite 1 von {pages}" in pdf_text(pdf, 1)
    assert f"Seite {pages} von {pages}" in pdf_text(pdf, pages)
    assert "Kopf $x$" in pdf_text(pdf, pages)  # running head after the cover


@pytest.mark.pdf
def test_the_checks_notice_what_is_missing():
    # A plain tagged PDF without the PDF/UA identifier, figures or tables fails the checks.
    import typst

    plain = typst.compile(b'#set document(title: "x")\n= A\nb', pdf_standards=[])
    problems = pdfua_problems(plain, figures=True)
    assert "XMP: no PDF/UA identifier pdfuaid:part=1" in problems
    assert "tags: no table header cell (TH)" in problems
    assert "tags: no Figure" in problems
    assert "catalogue: /Lang is not de" in problems


def test_data_becomes_german_text():
    from datetime import date
    from decimal import Decimal

    plain = typeset._plain({"d": date(2026, 3, 4), "n": Decimal("12345.5"), "l": [None, 1]})
    assert plain == {"d": "04.03.2026", "n": "12.345,5", "l": [None, 1]}


def test_a_document_needs_a_title():
    with pytest.raises(typeset.DocumentError):
        typeset.render("documents/blocks.typ", {"title": ""})


@pytest.mark.pdf
def test_a_template_error_in_the_child_process_becomes_a_document_error():
    assert typeset.ISOLATE  # Linux: every document is set in a child process
    broken = _document(blocks=[{"type": "heading", "level": "eins", "text": "x"}])
    with pytest.raises(typeset.DocumentError, match="expected integer"):
        _render(broken)
    assert pdf_page_count(_render(_document())) >= 1  # the next document is fine
