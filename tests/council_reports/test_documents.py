"""The council reports in every format: read back and checked for their content."""

from datetime import date
from datetime import timedelta
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.council_reports import render
from lotse.council_reports.collect import collect_report
from lotse.council_reports.collect import period_of
from lotse.governance.models import DecisionKind
from tests.governance.conftest import make_series
from tests.governance.conftest import meeting_of
from tests.governance.factories import decide
from tests.pdf import pdf_page_count
from tests.pdf import pdf_text
from tests.pdf import text_off_the_page
from tests.pdfua import pdfua_problems

from ..factories import ProjectFactory
from .conftest import backdate
from .conftest import pdf_request


def _report(world, kind, **kwargs):
    return collect_report(programme=world.cast.programme, kind=kind, as_of=world.as_of, **kwargs)


def _report_and_pdf_text(world, kind, **kwargs):
    """The collected report of `kind` and the text of its PDF."""
    report = _report(world, kind, **kwargs)
    return report, pdf_text(render.render_pdf(report, pdf_request()))


@pytest.mark.pdf
def test_committee_pdf_has_everything_the_committee_needs(world):
    pdf = render.render_pdf(_report(world, "committee"), pdf_request())
    text = pdf_text(pdf)
    pages = pdf_page_count(pdf)
    assert "Statusbericht an den Ausschuss" in text
    assert "Potsdam smart" in text
    assert f"Stand: {world.as_of:%d.%m.%Y}" in text
    for name in ("Digitaler Bürgerservice", "Organisation & Prozesse"):
        assert name in text
    assert "Alle Leistungen sind digital erreichbar." in text  # target state
    for title in ("Kommunalportal", "Beteiligungsportal", "DMS Umsetzung"):
        assert title in text
    assert f"Seite 1 von {pages}" in text and f"Seite {pages} von {pages}" in text
    # table of contents with page numbers; cover + ToC, summary, one page per project
    toc = pdf_text(pdf, 1)
    assert "Inhalt" in toc and "Kommunalportal" in toc and "Ausblick" in toc
    assert pages >= 2 + 3
    # one project per page: lights with explanations, milestones planned vs forecast, risks
    page = next(
        pdf_text(pdf, n)
        for n in range(2, pages + 1)
        if "Kommunalportal Steckbrief" in pdf_text(pdf, n)
    )
    assert "Zulieferung verspätet" in page and "Pilot verschiebt sich" in page
    assert "Pilotbetrieb" in page and "verzögert" in page
    assert "Schnittstelle fehlt" in page
    assert "Budget für Phase 2 freigeben?" in page
    # a draft never reaches the council
    assert "Entwurf" not in text
    dms = next(p for p in _report(world, "committee").projects if p.title == "DMS Umsetzung")
    assert dms.overall == "missing"


@pytest.mark.pdf
def test_toc_page_numbers_point_at_the_project_pages(world):
    pdf = render.render_pdf(_report(world, "committee"), pdf_request())
    toc = pdf_text(pdf, 1)
    after = toc.split("DMS Umsetzung", 1)[1]
    number = int(after.strip(" .").split()[0])
    assert "DMS Umsetzung Steckbrief" in pdf_text(pdf, number)


@pytest.mark.pdf
def test_contents_that_run_onto_a_second_page_are_followed_there_by_the_summary(world):
    """40 projects: the contents ran three lines onto page 2 and a break left the rest of it
    empty; the summary follows them there. Contents that fit stand alone on the cover page."""
    pdf = render.render_pdf(_report(world, "committee"), pdf_request())
    assert "Projekte nach Phase" not in pdf_text(pdf, 1)
    assert "Projekte nach Phase" in pdf_text(pdf, 2)
    for n in range(40):
        ProjectFactory(field_of_action=world.cast.field, title=f"Vorhaben {n:02}")
    backdate()
    pdf = render.render_pdf(_report(world, "committee"), pdf_request())
    first, second = pdf_text(pdf, 1), pdf_text(pdf, 2)
    assert "Inhalt" in first and "Hinweise zum Stand" in second  # the contents' last entry
    assert "Projekte nach Phase" in second  # the summary's table, right under the contents
    assert first.split("Zusammenfassung", 1)[1].strip(" .").split()[0] == "2"


@pytest.mark.pdf
@pytest.mark.parametrize("kind", ["committee", "strategy_bk", "staff_council"])
def test_pdf_is_pdfua_1(world, kind):
    pdf = render.render_pdf(_report(world, kind), pdf_request())
    root = PdfReader(BytesIO(pdf)).trailer["/Root"]
    assert root["/Outlines"]  # bookmarks from the headings
    assert pdfua_problems(pdf, figures=kind != "strategy_bk") == []


@pytest.mark.pdf
def test_strategy_bk_summary_fits_on_two_pages_and_says_what_needs_the_mayor(world):
    pdf = render.render_pdf(_report(world, "strategy_bk"), pdf_request())
    text = pdf_text(pdf)
    assert pdf_page_count(pdf) <= 2
    assert "Budget für Phase 2 freigeben?" in text  # addressed to the Strategie-BK
    assert "Beteiligungsportal" in text and "Vergabe gescheitert" in text  # red project
    assert "Steckbrief" not in text


@pytest.mark.pdf
def test_focus_report_covers_one_field_only(world):
    _, text = _report_and_pdf_text(world, "focus", field_id=world.inward.pk)
    assert "Themenfeld im Fokus: Organisation & Prozesse" in text
    assert "DMS Umsetzung" in text
    assert "Kommunalportal" not in text and "Digitaler Bürgerservice" not in text


@pytest.mark.pdf
def test_staff_council_report_shows_effects_on_organisation(world):
    report, text = _report_and_pdf_text(world, "staff_council")
    assert "Auswirkungen auf Organisation und Mitarbeitende" in text
    assert "FB 19 – Fachbereich Personal" in text
    assert "Nutzertests im Bürgerbüro" in text
    assert "Organisation & Prozesse" in report.staff.inward_fields
    assert [p.name for p in report.staff.change_managers] == [
        str(world.cast.users["change_manager"])
    ]


@pytest.mark.pdf
def test_advisory_report_lists_projects_without_project_pages(world):
    report, text = _report_and_pdf_text(world, "advisory")
    assert "Jahresbericht an Beteiligungs- und Digitalisierungsrat" in text
    assert "Neue Ausschreibung nötig." in text
    assert "Steckbrief" not in text
    assert report.period_start == period_of("advisory", world.as_of)[0]


@pytest.mark.pdf
def test_the_steckbrief_labels_keep_clear_of_their_values(world):
    """The label column was 40 mm, "Organisationseinheit" in bold as wide: it touched its
    value ("OrganisationseinheitFB 19" when read back)."""
    text = pdf_text(render.render_pdf(_report(world, "committee"), pdf_request()))
    assert "Organisationseinheit FB 19 – Fachbereich Personal" in text


@pytest.mark.pdf
@pytest.mark.parametrize("kind", ["committee", "advisory", "staff_council"])
def test_long_titles_and_texts_stay_inside_the_page(world, kind):
    """A long project title, committee name and decision: every column of every table keeps
    its width; no text runs past the right margin, where the page cuts it off."""
    project = world.cast.other_project
    project.title = "Smarte Mobilitätsdrehscheiben für Potsdams Pendlerströme"
    project.stage = "start_soon"  # "Zeitnaher Start angedacht"
    project.save()
    series = make_series(
        world.cast.programme, name="Transformationskonferenz", powers=[DecisionKind.OTHER]
    )
    wording = "Die Projektleitung legt bis zur nächsten Sitzung einen priorisierten Plan vor."
    decide(meeting_of(series, world.as_of - timedelta(days=40)), "other", project, wording=wording)
    backdate()
    report = _report(world, kind)
    pdf = render.render_pdf(report, pdf_request())
    assert "Die Projektleitung legt bis" in pdf_text(pdf)  # the decision is listed
    assert text_off_the_page(pdf) == []


def test_periods_per_kind():
    day = date(2025, 6, 30)
    assert period_of("committee", day) == (date(2025, 1, 1), day)
    assert period_of("focus", day) == (date(2025, 6, 1), day)
    assert period_of("strategy_bk", day) == (date(2025, 4, 1), day)
    assert period_of("focus", date(2025, 3, 15)) == (date(2025, 2, 16), date(2025, 3, 15))
    assert period_of("advisory", date(2024, 2, 29)) == (date(2023, 3, 1), date(2024, 2, 29))


def test_charts_have_a_text_alternative(world):
    report = _report(world, "committee")
    html = render.render_html(report)
    assert 'role="img"' in html and "<desc" in html
    assert "rot: 1; gelb: 1; kein Bericht: 1" in html
    assert "Projekte nach Gesamtstatus</caption>" in html


def test_xlsx_has_the_projects_and_their_lights(world):
    book = load_workbook(BytesIO(render.render_xlsx(_report(world, "committee"))))
    assert book.sheetnames[:3] == ["Bericht", "Themenfelder", "Projekte"]
    header, values = book["Bericht"].iter_rows(values_only=True)
    about = dict(zip(header, values, strict=True))
    assert about["Programm"] == "Potsdam smart"
    assert about["Stand"].date() == world.as_of
    rows = list(book["Projekte"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Themenfeld", "Projekt")
    by_title = {row[1]: row for row in rows[1:]}
    assert set(by_title) == {"Kommunalportal", "Beteiligungsportal", "DMS Umsetzung"}
    assert "gelb" in by_title["Kommunalportal"]
    milestones = list(book["Meilensteine"].iter_rows(values_only=True))
    assert milestones[1][:2] == ("Kommunalportal", "Pilotbetrieb")


@pytest.mark.parametrize("kind", ["committee", "focus"])
def test_docx_uses_real_heading_styles(world, kind):
    report = _report(world, kind, field_id=world.cast.field.pk)
    document = Document(BytesIO(render.render_docx(report)))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert ("Heading 1", "Zusammenfassung") in headings
    assert ("Heading 2", "Kommunalportal") in headings
    assert ("Heading 3", "Ampeln") in headings
    assert headings[0][0] == "Title"
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "Zulieferung verspätet" in cells and "Pilotbetrieb" in cells
    assert document.core_properties.language == "de-DE"


def test_docx_starts_each_project_on_a_new_page_and_keeps_its_tables_under_its_headings(world):
    """The page break before a project stood in the last paragraph written, the heading
    "Meilensteine" of the project before: that table went to the next page, and the next
    project followed it on the same page."""
    from docx.oxml.ns import qn

    document = Document(BytesIO(render.render_docx(_report(world, "committee"))))
    paragraphs = document.paragraphs
    page_breaks = [
        p.text for p in paragraphs if p._p.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")
    ]
    assert page_breaks == []  # no break inside a text: a heading starts a page instead
    titles = {p.title for p in _report(world, "committee").projects}
    projects = [p for p in paragraphs if p.style.name == "Heading 2" and p.text in titles]
    assert len(projects) == 3
    assert [p.paragraph_format.page_break_before for p in projects] == [None, True, True]
    for heading in (p for p in paragraphs if p.text in ("Ampeln", "Meilensteine")):
        below = heading._p.getnext()
        assert below.tag == qn("w:tbl") or "".join(below.itertext()).startswith("Keine")


def test_docx_says_when_a_project_has_no_milestones_or_risks(world):
    """As the PDF does: a sentence, not a table of headings only (DMS Umsetzung has neither)."""
    document = Document(BytesIO(render.render_docx(_report(world, "committee"))))
    assert all(len(table.rows) > 1 for table in document.tables)
    texts = [p.text for p in document.paragraphs]
    assert "Keine Meilensteine erfasst." in texts and "Keine offenen Risiken." in texts


def test_strategy_bk_docx_says_what_needs_the_mayor_as_the_pdf_does(world):
    """The Word version of the Strategie-BK summary has the summary's own parts (the state
    per field, the open requests to the Strategie-BK, the red projects), not the field texts,
    decisions and outlook of the longer reports."""
    document = Document(BytesIO(render.render_docx(_report(world, "strategy_bk"))))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Zusammenfassung",
        "Gesamtstand nach Themenfeld",
        "Was die Strategie-BK entscheiden oder wissen muss",
        "Offene Entscheidungsbedarfe an die Strategie-BK",
        "Projekte mit Gesamtstatus rot",
        "Hinweise zum Stand",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Budget für Phase 2 freigeben? (Kommunalportal" in text
    assert "Beteiligungsportal (Digitaler Bürgerservice): Vergabe gescheitert" in text
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Themenfeld", "Projekte", "Gesamtstatus", "OKR-Zielerreichung"] in cells


def test_outlook_lists_the_coming_milestones(world):
    report = _report(world, "committee")
    assert [m.title for m in report.outlook] == ["Pilotbetrieb"]
    later = collect_report(
        programme=world.cast.programme,
        kind="committee",
        as_of=world.as_of + timedelta(days=200),
    )
    assert later.outlook == []
