"""Projektcheck: the cockpits one after another, as a page and as a PDF pack."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.reporting.models import Milestone
from lotse.reporting.models import StatusReport
from tests.jobs.helpers import content
from tests.jobs.helpers import finished
from tests.pdf import pdf_page_count
from tests.pdf import pdf_text
from tests.pdfua import link_pages
from tests.pdfua import outline_titles
from tests.pdfua import pdfua_problems
from tests.pdfua import tag_tree_problems
from tests.queries import assert_constant_queries
from tests.reporting.factories import DecisionRequestFactory
from tests.reporting.factories import MilestoneFactory
from tests.reporting.factories import RiskFactory
from tests.reporting.test_programme_cockpit import finish_cast_projects
from tests.reporting.test_programme_cockpit import grow
from tests.reporting.test_programme_cockpit import live_periods
from tests.reporting.test_programme_cockpit import plain
from tests.reporting.test_programme_cockpit import report
from tests.reporting.test_programme_cockpit import running
from tests.reporting.test_programme_cockpit import text


@pytest.fixture
def check(cast):
    """Last month's Projektcheck: a red project with details, a quiet one and a missing one."""
    finish_cast_projects(cast)
    period = live_periods(cast.programme, 2)[0]
    red = running(cast.field, "Kommunales Portal")
    MilestoneFactory(
        project=red,
        title="Go-live",
        planned_date=date(2026, 3, 1),
        forecast_date=date(2026, 3, 31),
    )
    MilestoneFactory(
        project=red, title="Konzept", planned_date=date(2025, 1, 1), actual_date=date(2025, 1, 1)
    )
    for i, (p, impact) in enumerate([(4, 4), (1, 1), (3, 3), (2, 2)]):
        RiskFactory(project=red, title=f"Risiko {i}", probability=p, impact=impact)
    RiskFactory(project=red, title="Längst erledigt", probability=4, impact=4, status="closed")
    DecisionRequestFactory(project=red, question="Mehr Personal?", needed_by=date(2026, 1, 15))
    report(red, period, overall="red", schedule="amber")
    StatusReport.objects.filter(project=red).update(
        summary="Die Lage ist ernst.",
        next_steps="Personal anfragen\nGo-live neu planen",
        overall_note="Ohne Personal kein Go-live.",
        schedule_note="Go-live verschiebt sich.",
    )
    quiet = running(cast.field, "Anderes Vorhaben")
    report(quiet, period)
    missing = running(cast.field, "Stilles Vorhaben")
    return period, red, quiet, missing


def _url(cast, name="reporting:projektcheck"):
    return reverse(name, args=[cast.programme.slug])


def test_projects_one_after_another_attention_first(cast, check):
    period, red, quiet, missing = check
    response = cast.client("viewer").get(_url(cast), {"period": period.pk})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.project.title for r in rows] == [red.title, missing.title, quiet.title]
    html = response.content.decode()
    # in-page navigation: a section per project, prev/next anchors between them
    for row in rows:
        assert f'id="projekt-{row.project.pk}"' in html
    assert f'href="#projekt-{missing.pk}" rel="next"' in html
    assert f'href="#projekt-{red.pk}" rel="prev"' in html
    assert f'href="#projekt-{quiet.pk}" rel="next"' in html
    assert html.index(f'id="projekt-{red.pk}"') < html.index(f'id="projekt-{missing.pk}"')


def _section(response, project) -> str:
    html = response.content.decode()
    start = html.index(f'<article class="card pc-project" id="projekt-{project.pk}"')
    return plain(html[start : html.index("</article>", start)])


def test_each_project_shows_its_cockpit_essentials(cast, check):
    period, red, quiet, missing = check
    response = cast.client("viewer").get(_url(cast), {"period": period.pk})
    section = _section(response, red)
    assert "Gesamtstatus ● rot Ohne Personal kein Go-live." in section
    assert "Termine ● gelb Go-live verschiebt sich." in section
    assert "Personal anfragen Go-live neu planen" in section
    # milestones with their slippage, the top three open risks, open decision requests
    assert "Go-live 01.03.2026 31.03.2026 –" in section
    assert "überfällig" in section
    assert "Konzept 01.01.2025 – 01.01.2025 im Plan" in section
    assert "Risiko 0" in section and "Risiko 2" in section and "Risiko 3" in section
    assert "Risiko 1" not in section and "Längst erledigt" not in section
    assert "Mehr Personal?" in section and "benötigt bis 15.01.2026" in section
    assert "Für diese Periode liegt kein Bericht vor." in _section(response, missing)


def test_submitted_report_is_shown_as_of_its_submission(cast, check):
    period, red, quiet, missing = check
    Milestone.objects.filter(project=red, title="Go-live").update(title="Umbenannt danach")
    page = text(cast.client("viewer").get(_url(cast), {"period": period.pk}))
    assert "Go-live 01.03.2026" in page
    assert "Umbenannt danach" not in page


def test_only_attention(cast, check):
    period, red, quiet, missing = check
    response = cast.client("viewer").get(_url(cast), {"period": period.pk, "attention": "on"})
    assert [r.project.title for r in response.context["rows"]] == [red.title, missing.title]


def _pdftotext(pdf: bytes, tmp_path, page: int | None = None) -> str:
    return pdf_text(pdf, page)


def _pages(pdf: bytes, tmp_path) -> int:
    return pdf_page_count(pdf)


@pytest.mark.pdf
def test_pdf_pack_one_page_per_project(cast, check, tmp_path):
    period, red, quiet, missing = check
    job = finished(
        cast.client("viewer").post(_url(cast, "reporting:projektcheck_pdf"), {"period": period.pk})
    )
    assert job.content_type == "application/pdf"
    assert job.filename == f"projektcheck-{cast.programme.slug}-{period.end:%Y-%m-%d}.pdf"
    pdf = content(job)
    assert pdf.startswith(b"%PDF")
    assert _pages(pdf, tmp_path) == 1 + 3  # cover + one page per project
    cover = _pdftotext(pdf, tmp_path, 1)
    # German dates: the Projektcheck (end of period) in words, the period in figures
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
              "September", "Oktober", "November", "Dezember"]  # fmt: skip
    assert f"{period.end.day}. {months[period.end.month - 1]} {period.end.year}" in cover
    assert period.start.strftime("%d.%m.%Y") in cover
    assert "Seite 1 von 4" in cover
    for title in (red.title, missing.title, quiet.title):
        assert title in cover  # the list of projects
    for number, project in enumerate([red, missing, quiet], start=2):
        page = _pdftotext(pdf, tmp_path, number)
        assert project.title in page
        others = {red.title, missing.title, quiet.title} - {project.title}
        assert not any(o in page for o in others), f"page {number} mixes projects"
        assert f"Seite {number} von 4" in page
    assert "Ohne Personal kein Go-live." in _pdftotext(pdf, tmp_path, 2)
    assert "● rot" in _pdftotext(pdf, tmp_path, 2)


@pytest.mark.pdf
def test_pdf_is_pdfua_1(cast, check, tmp_path):
    period, *_ = check
    job = finished(
        cast.client("pmo").post(_url(cast, "reporting:projektcheck_pdf"), {"period": period.pk})
    )
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content(job)))
    assert reader.metadata.title.startswith("Projektcheck – Potsdam smart")
    assert pdfua_problems(content(job)) == []


@pytest.mark.pdf
def test_pdf_pack_set_in_parts_is_one_document(cast, check, monkeypatch):
    # The 500-project pack is set 100 projects a child process and joined; here one each.
    from lotse.documents import typeset

    monkeypatch.setattr(typeset, "PARTS_PER_CHILD", 1)
    period, red, quiet, missing = check
    job = finished(
        cast.client("pmo").post(_url(cast, "reporting:projektcheck_pdf"), {"period": period.pk})
    )
    pdf = content(job)
    assert len(typeset.child_usages) == 3 + 3  # three projects, the cover, the footers, join
    assert pdfua_problems(pdf) == []
    assert tag_tree_problems(pdf) == []
    assert pdf_page_count(pdf) == 4
    assert "Seite 1 von 4" in pdf_text(pdf, 1)
    assert [title for title, _ in outline_titles(pdf)][1:] == [
        red.title,
        missing.title,
        quiet.title,
    ]
    assert [page for _, page in outline_titles(pdf)] == [1, 2, 3, 4]
    assert link_pages(pdf, 1) == [2, 3, 4]  # the cover's list leads to each project
    for number, project in enumerate([red, missing, quiet], start=2):
        assert project.title in pdf_text(pdf, number)
        assert f"Seite {number} von 4" in pdf_text(pdf, number)


@pytest.mark.parametrize("name", ["reporting:projektcheck"])
def test_projektcheck_queries_do_not_grow_with_projects(cast, name):
    periods = live_periods(cast.programme, 12)
    # 10 projects already show every kind of row; 30 (not 500) is enough to show a query
    # per project.
    assert_constant_queries(
        cast.client("pmo"),
        _url(cast, name),
        lambda n: grow(cast, n, periods),
        (10, 30),
        {"period": periods[-2].pk},
    )
