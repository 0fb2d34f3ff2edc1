import pytest
from django.urls import reverse

from tests.reporting.factories import StatusReportFactory


@pytest.mark.django_db
def test_pages_render_for_pmo(cast):
    client = cast.client("pmo")
    urls = [
        reverse("portfolio:target_picture", args=[cast.programme.slug]),
        reverse("portfolio:project_list", args=[cast.programme.slug]),
        reverse("portfolio:project_create", args=[cast.programme.slug]),
        reverse("portfolio:goal_matrix", args=[cast.programme.slug]),
        reverse("portfolio:project_detail", args=[cast.project.pk]),
        reverse("portfolio:project_edit", args=[cast.project.pk]),
        reverse("accounts:profile"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_target_picture_shows_fields_target_states_and_stages_as_text(cast):
    from lotse.portfolio.models import FieldOfAction

    FieldOfAction.objects.create(
        programme=cast.programme,
        name="Organisation & Prozesse",
        impact=FieldOfAction.Impact.INWARD,
        target_state="Das verwaltungsweite Prozessmanagement schafft Voraussetzungen.",
    )
    cast.project.stage = "running"
    cast.project.save()
    url = reverse("portfolio:target_picture", args=[cast.programme.slug])
    page = cast.client("viewer").get(url).content.decode()
    assert "Wirkung primär nach außen" in page and "Wirkung primär nach innen" in page
    assert page.index("Digitaler Bürgerservice") < page.index("Wirkung primär nach innen")
    assert page.index("Wirkung primär nach innen") < page.index("Organisation &amp; Prozesse")
    assert "Das verwaltungsweite Prozessmanagement schafft Voraussetzungen." in page
    assert 'class="stage stage--running">In Umsetzung<' in page
    assert "Noch keine Projekte in diesem Themenfeld." in page


def test_a_projects_pages_mark_the_projects_tab(cast):
    """QA: a project's Steckbrief (and its form), cockpit, status report and OKR page marked
    no tab of the navigation, while its finance tab and its plan mark "Projekte"."""
    client = cast.client("pmo")
    projects = reverse("portfolio:project_list", args=[cast.programme.slug])
    report = StatusReportFactory(project=cast.project)
    for url in (
        reverse("portfolio:project_detail", args=[cast.project.pk]),
        reverse("portfolio:project_create", args=[cast.programme.slug]),
        reverse("portfolio:project_edit", args=[cast.project.pk]),
        reverse("reporting:report_detail", args=[report.pk]),
        reverse("reporting:project_cockpit", args=[cast.project.pk]),
        reverse("okr:project_okrs", args=[cast.project.pk]),
        reverse("finance:project", args=[cast.project.pk]),
        reverse("planning:project_plan", args=[cast.project.pk]),
    ):
        nav = client.get(url).content.decode().split('<nav class="main-nav"', 1)[1]
        nav = nav.split("</nav>", 1)[0]
        assert f'<a href="{projects}" aria-current="page">' in nav, url
        assert nav.count('aria-current="page"') == 1, url
