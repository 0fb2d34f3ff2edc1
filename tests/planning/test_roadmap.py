"""The programme roadmap and the dependency map: pages, filters, zoom, paging and collapsing,
the A3 PDF, constant queries."""

from datetime import date
from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotse.planning import roadmap as roadmap_module
from lotse.planning.models import Phase
from lotse.planning.roadmap import Filters
from lotse.planning.roadmap import Zoom
from lotse.planning.roadmap import window_for
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone
from tests.factories import FieldOfActionFactory
from tests.factories import ProjectFactory
from tests.jobs.helpers import content
from tests.jobs.helpers import finished
from tests.pdf import pdf_text
from tests.pdf import text_off_the_page
from tests.pdfua import pdfua_problems
from tests.queries import page_queries
from tests.reporting.factories import MilestoneFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def _knock_on(cast) -> None:
    Project.objects.filter(pk=cast.other_project.pk).update(
        planned_start=day(119), planned_end=day(300)
    )
    Project.objects.filter(pk=cast.project.pk).update(planned_start=day(-30), planned_end=day(200))
    Dependency.objects.create(source=cast.other_project, target=cast.project, kind="needs")
    MilestoneFactory(
        project=cast.project, title="Portal live", planned_date=day(100), forecast_date=day(140)
    )


def _url(cast, name: str = "planning:roadmap") -> str:
    return reverse(name, args=[cast.programme.slug])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("sponsor", 200),
        ("programme_manager", 200),
        ("pmo", 200),
        ("change_manager", 200),
        ("project_lead", 200),
        ("member", 200),
        ("viewer", 200),
        ("outsider", 403),
        ("anonymous", 302),
    ],
)
def test_who_sees_the_roadmap_and_the_dependency_map(cast, role, status):
    client = cast.client(role)
    assert client.get(_url(cast)).status_code == status
    assert client.get(_url(cast, "planning:dependency_map")).status_code == status


def test_the_roadmap_draws_bars_milestones_today_and_the_knock_on(cast):
    _knock_on(cast)
    Phase.objects.create(
        project=cast.project,
        name="Projektphase 1",
        planned_start=day(-30),
        planned_end=day(60),
        forecast_end=day(80),
    )
    response = cast.client("viewer").get(_url(cast), {"ansicht": "gesamt"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="roadmap-row knock-on"' in html
    assert 'class="roadmap-arrow knock-on"' in html
    assert "roadmap-today" in html
    assert "Projektphase 1" in html  # the phase as a bar, in the table too
    assert "Projektlaufzeit" in html  # the project without phases: its planned span
    assert "abhängig von „Kommunalportal“, verzögert um 21 Tage" in html
    table = response.context["roadmap"]
    [row] = [r for r in table.rows if r.project.pk == cast.other_project.pk]
    assert row.waits_for and not row.delays


def test_the_knock_on_label_stays_inside_the_chart(cast):
    """The waiting project starts after the quarter shown: the knock-on arrow ends at the
    chart's right edge, and its label stood right of it, cut off by the edge ("+2" of
    "+21 T.")."""
    import re

    _knock_on(cast)
    html = cast.client("viewer").get(_url(cast), {"ansicht": "quartal"}).content.decode()
    width = float(re.search(r'<svg [^>]*id="roadmap"[^>]*width="(\d+)"', html)[1])
    label = re.search(r'<text x="([\d.]+)"([^>]*)>\+21 T\.</text>', html)
    assert label, "the knock-on's label"
    x, attributes = float(label[1]), label[2]
    # "+21 T." in bold 11 px is about 40 px wide: it ends at x, or starts there.
    assert (x <= width) if 'text-anchor="end"' in attributes else (x + 40 <= width)


def test_a_project_without_dates_is_listed_without_a_bar(cast):
    page = cast.client("pmo").get(_url(cast))
    assert [r.bars for r in page.context["roadmap"].rows] == [[], []]
    html = page.content.decode()
    assert "Kommunalportal" in html
    # Every project in the table links to its page (whoever may or may not raise a request).
    assert f'href="{reverse("portfolio:project_detail", args=[cast.project.pk])}"' in html


@pytest.mark.parametrize(
    ("filters", "start", "end"),
    [
        (Filters(zoom=Zoom.YEAR, year=2027), date(2027, 1, 1), date(2027, 12, 31)),
        (Filters(zoom=Zoom.QUARTER, year=2027, quarter=2), date(2027, 4, 1), date(2027, 6, 30)),
        (Filters(zoom=Zoom.QUARTER, year=2028, quarter=1), date(2028, 1, 1), date(2028, 3, 31)),
        (Filters(zoom=Zoom.ALL), date(2024, 1, 1), date(2029, 12, 31)),
    ],
)
def test_zoom_by_quarter_year_or_the_whole_span(filters, start, end):
    window = window_for(filters, date(2027, 5, 5), (date(2024, 3, 1), date(2029, 2, 1)))
    assert (window.start, window.end) == (start, end)


def test_quarter_zoom_pages_to_the_neighbouring_quarters():
    window = window_for(
        Filters(zoom=Zoom.QUARTER, year=2027, quarter=4), date(2027, 5, 5), (None, None)
    )
    assert window.previous == {"ansicht": "quartal", "jahr": "2027", "quartal": "3"}
    assert window.next == {"ansicht": "quartal", "jahr": "2028", "quartal": "1"}


def test_filters_by_field_stage_and_knock_on(cast):
    _knock_on(cast)
    other_field = FieldOfActionFactory(programme=cast.programme, name="Verwaltung")
    ProjectFactory(field_of_action=other_field, title="E-Akte", stage="running")
    client = cast.client("pmo")

    def titles(**params) -> list[str]:
        page = client.get(_url(cast), params)
        return [r.project.title for r in page.context["roadmap"].rows]

    assert titles() == ["Beteiligungsportal", "Kommunalportal", "E-Akte"]
    assert titles(feld=other_field.pk) == ["E-Akte"]
    assert titles(stufe="running") == ["E-Akte"]
    assert titles(knock_on="on") == ["Beteiligungsportal", "Kommunalportal"]
    assert client.get(_url(cast), {"feld": "x", "jahr": "99999"}).status_code == 200


def test_many_projects_collapse_by_field_and_a_field_pages(cast, monkeypatch):
    monkeypatch.setattr(roadmap_module, "COLLAPSE_AT", 3)
    monkeypatch.setattr(roadmap_module, "PAGE_SIZE", 2)
    for n in range(3):
        ProjectFactory(field_of_action=cast.field, title=f"Projekt {n}")
    client = cast.client("pmo")
    collapsed = client.get(_url(cast))
    data = collapsed.context["roadmap"]
    assert data.collapsed and data.total == 5
    assert [(b.field.name, b.count) for b in data.blocks] == [("Digitaler Bürgerservice", 5)]
    assert "roadmap-fields" in collapsed.content.decode()
    field_page = client.get(_url(cast), {"feld": cast.field.pk, "seite": 3})
    data = field_page.context["roadmap"]
    assert not data.collapsed
    assert data.page.number == 3 and [r.project.title for r in data.rows] == ["Projekt 2"]


def test_the_dependency_map_lists_and_draws_every_kind(cast):
    _knock_on(cast)
    third = ProjectFactory(field_of_action=cast.field, title="Datenplattform")
    Dependency.objects.create(source=cast.project, target=third, kind="synergy")
    Dependency.objects.create(source=third, target=cast.other_project, kind="blocks")
    page = cast.client("viewer").get(_url(cast, "planning:dependency_map"))
    html = page.content.decode()
    assert html.count("map-link map-") == 3
    assert "map-synergy" in html and "map-blocks" in html and "map-needs" in html
    assert "verzögert um 21 Tage" in html
    only = cast.client("viewer").get(_url(cast, "planning:dependency_map"), {"art": "synergy"})
    assert len(only.context["map"].links) == 1


def _programme_of(cast, n: int) -> None:
    """`n` projects in three fields with phases, milestones and chained dependencies."""
    fields = [cast.field] + [
        FieldOfAction.objects.get_or_create(programme=cast.programme, name=f"Feld {i}", order=i)[0]
        for i in (2, 3)
    ]
    projects = Project.objects.bulk_create(
        Project(
            programme=cast.programme,
            field_of_action=fields[i % 3],
            title=f"Projekt {i:04d}",
            planned_start=day(i % 50),
            planned_end=day(200 + i % 50),
        )
        for i in range(n - 2)
    )
    Phase.objects.bulk_create(
        Phase(project=p, name="Phase 1", planned_start=day(0), planned_end=day(90))
        for p in projects
    )
    Milestone.objects.bulk_create(
        Milestone(project=p, title="M", planned_date=day(60), forecast_date=day(75))
        for p in projects
    )
    Dependency.objects.bulk_create(
        Dependency(source=b, target=a, kind="needs")
        for a, b in zip(projects, projects[1:], strict=False)
    )


@pytest.mark.parametrize("params", [{}, {"ansicht": "gesamt", "knock_on": "on"}])
def test_the_roadmap_needs_the_same_queries_for_10_and_500_projects(cast, params, monkeypatch):
    """Both sizes in both views: a field's projects (paged), and every field collapsed."""
    client = cast.client("pmo")
    api = f"/api/v1/programmes/{cast.programme.slug}/roadmap"
    field = {**params, "feld": cast.field.pk}

    def measure() -> list[int]:
        monkeypatch.setattr(roadmap_module, "COLLAPSE_AT", 5)
        collapsed = [page_queries(client, _url(cast), params), page_queries(client, api, params)]
        monkeypatch.setattr(roadmap_module, "COLLAPSE_AT", 100000)
        return [
            *collapsed,
            page_queries(client, _url(cast), field),
            page_queries(client, api, field),
            page_queries(client, _url(cast, "planning:dependency_map"), {}),
        ]

    _programme_of(cast, 10)
    small = measure()
    _programme_of(cast, 500)
    assert Project.objects.count() > 500
    assert measure() == small


@pytest.mark.pdf
def test_the_pdf_is_a3_landscape(cast):
    _knock_on(cast)
    job = finished(cast.client("viewer").post(_url(cast, "planning:roadmap_pdf")))
    assert job.content_type == "application/pdf"
    pdf = content(job)
    page = PdfReader(BytesIO(pdf)).pages[0]
    # A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (1191, 842)
    text = pdf_text(pdf)
    assert "Roadmap" in text and "verzögert um 21 Tage" in text
    assert pdfua_problems(pdf, figures=True) == []


@pytest.mark.pdf
def test_a_chart_taller_than_the_page_is_scaled_to_fit_it(cast):
    """45 projects: the chart, set across the page's width, is higher than an A3 page. It
    stands on one page with its heading, months and legend, every project's row on it
    (set across the width, the rows above and below the page's edges were cut off)."""
    _programme_of(cast, 45)
    job = finished(cast.client("viewer").post(_url(cast, "planning:roadmap_pdf")))
    pdf = content(job)
    assert text_off_the_page(pdf) == []
    chart = next(n for n in (1, 2) if "Zeitstrahl" in pdf_text(pdf, n))
    text = pdf_text(pdf, chart)
    assert all(f"Projekt {i:04d}" in text for i in range(43)) and "Legende" in text


@pytest.mark.pdf
def test_a_chart_scaled_to_a_page_follows_the_cover_on_the_first_page(cast):
    """Scaled to a whole page, the chart of 45 projects went to page 2 with its heading and
    left page 1 to the cover's three lines. It takes the room below the cover instead: each
    row, the months and the legend on page 1."""
    _programme_of(cast, 45)
    pdf = content(finished(cast.client("viewer").post(_url(cast, "planning:roadmap_pdf"))))
    assert text_off_the_page(pdf) == []
    first = pdf_text(pdf, 1)
    assert "Roadmap" in first and "Zeitstrahl" in first and "Legende" in first
    assert all(f"Projekt {i:04d}" in first for i in range(43))
