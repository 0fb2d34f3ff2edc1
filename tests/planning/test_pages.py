"""The planning pages for every role: who sees them, who may change the plan."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from lotse.planning.models import Phase
from lotse.planning.models import WorkPackage
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import PLANNERS
from tests.roles import READERS
from tests.roles import page_status

from .factories import AllocationFactory
from .factories import AvailabilityFactory
from .factories import EstimateFactory
from .factories import PhaseFactory
from .factories import WorkPackageFactory


@pytest.fixture
def plan(cast):
    phase = PhaseFactory(project=cast.project, name="Vorprojektphase", order=1)
    wp = WorkPackageFactory(project=cast.project, phase=phase, code="AP 1", title="Auftrag")
    EstimateFactory(work_package=wp, org_unit=cast.org_unit, hours=Decimal("160"))
    AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit, month=date(2026, 1, 1))
    return phase, wp


@pytest.mark.parametrize("role", ALL_ROLES)
def test_read_pages(cast, plan, role):
    phase, wp = plan
    client = cast.client(role)
    for url in (
        reverse("planning:project_plan", args=[cast.project.pk]),
        reverse("planning:work_package", args=[wp.pk]),
        reverse("planning:heat_map", args=[cast.programme.slug]) + "?von=2026-01",
        reverse("planning:org_unit", args=[cast.programme.slug, cast.org_unit.pk]),
        reverse("planning:availability", args=[cast.programme.slug]),
        reverse("planning:phase_model", args=[cast.programme.slug]),
        reverse("planning:heat_map_xlsx", args=[cast.programme.slug]),
        reverse("planning:work_packages_xlsx", args=[cast.project.pk]),
    ):
        assert client.get(url).status_code == page_status(role, READERS), url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_work_package_create(cast, role):
    url = reverse("planning:work_package_create", args=[cast.project.pk])
    response = cast.client(role).post(
        url, {"title": "Bestandsaufnahme", "code": "AP 9", "status": "open", "order": 1}
    )
    assert response.status_code == page_status(role, PLANNERS, ok=302)
    assert WorkPackage.objects.filter(title="Bestandsaufnahme").exists() == (role in PLANNERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_availability_create(cast, role):
    url = reverse("planning:availability", args=[cast.programme.slug])
    response = cast.client(role).post(
        url,
        {
            "org_unit": cast.org_unit.pk,
            "month": "03.2026",
            "unit": "fte",
            "amount": "2,5",
            "line_work_percent": 40,
        },
    )
    # A reader of the page who may not change it is refused (403), not told the page is gone.
    assert response.status_code == page_status(role, OFFICE, ok=302)
    assert cast.programme.availabilities.filter(month=date(2026, 3, 1)).exists() == (role in OFFICE)


def test_heat_map_shows_percent_and_links_to_the_org_unit(cast, plan):
    response = cast.client("pmo").get(
        reverse("planning:heat_map", args=[cast.programme.slug]) + "?von=2026-01&monate=3"
    )
    html = response.content.decode()
    # 160 h = 20 PT over Jan–Mar by working days; January has 10 PT capacity for projects.
    assert "load--" in html
    assert reverse("planning:org_unit", args=[cast.programme.slug, cast.org_unit.pk]) in html
    data = response.context["data"]
    january = data.rows[0].cells[0]
    assert january.capacity == Decimal("10")
    assert january.percent is not None and january.percent > 0


def test_phase_edit_refuses_a_stale_version(cast, plan):
    phase, _wp = plan
    url = reverse("planning:phase_edit", args=[cast.project.pk, phase.pk])
    client = cast.client("pmo")
    data = {"name": "Vorprojektphase", "order": 1, "version": phase.version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"name": "Alt"})
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()
    assert Phase.objects.get(pk=phase.pk).name == "Vorprojektphase"


def test_one_form_creates_and_edits_phases_and_work_packages(cast, plan):
    phase, wp = plan
    client = cast.client("project_lead")
    form = client.get(reverse("planning:phase_create", args=[cast.project.pk]))
    assert form.context["title"] == "Phase anlegen"
    response = client.post(
        reverse("planning:phase_create", args=[cast.project.pk]), {"name": "Umsetzung", "order": 2}
    )
    assert response["Location"] == reverse("planning:project_plan", args=[cast.project.pk])
    assert Phase.objects.filter(project=cast.project, name="Umsetzung").exists()
    edit = reverse("planning:work_package_edit", args=[cast.project.pk, wp.pk])
    assert client.get(edit).context["title"] == "Arbeitspaket bearbeiten"
    data = {"title": "Auftrag erteilt", "code": "AP 1", "status": "open", "order": 1}
    response = client.post(edit, data | {"version": wp.version})
    assert response["Location"] == reverse("planning:work_package", args=[wp.pk])
    assert WorkPackage.objects.get(pk=wp.pk).title == "Auftrag erteilt"


def test_an_item_is_edited_only_on_its_own_project(cast, plan):
    phase, wp = plan
    client = cast.client("pmo")
    for name, item in (("planning:phase_edit", phase), ("planning:work_package_edit", wp)):
        url = reverse(name, args=[cast.other_project.pk, item.pk])
        assert client.get(url).status_code == 404, name


def test_steckbrief_and_cockpit_show_plan_progress(cast, plan):
    client = cast.client("viewer")
    for url in (
        reverse("portfolio:project_detail", args=[cast.project.pk]),
        reverse("reporting:project_cockpit", args=[cast.project.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Planung und Fortschritt" in html, url
        assert "160 h" in html, url


def test_the_org_unit_drill_down_comes_in_pages(cast, monkeypatch):
    from lotse.planning.views import capacity
    from tests.factories import ProjectFactory

    monkeypatch.setattr(capacity, "DRILL_DOWN_PAGE_SIZE", 2)
    for n in range(5):
        project = ProjectFactory(programme=cast.programme, title=f"Last {n}")
        wp = WorkPackageFactory(
            project=project,
            planned_start=date(2026, 1, 1),
            planned_end=date(2026, 1, 31),
        )
        EstimateFactory(work_package=wp, org_unit=cast.org_unit, hours=Decimal(80 + n))
    url = reverse("planning:org_unit", args=[cast.programme.slug, cast.org_unit.pk])
    client = cast.client("pmo")
    first = client.get(url, {"von": "2026-01", "monate": 1})
    assert [r.title for r in first.context["page_obj"]] == ["Last 4", "Last 3"]
    html = first.content.decode()
    assert "Seite 1 von 3" in html and "seite=2" in html and "von=2026-01" in html
    last = client.get(url, {"von": "2026-01", "monate": 1, "seite": 3})
    assert [r.title for r in last.context["page_obj"]] == ["Last 0"]
    # The totals are those of all five projects on every page.
    assert last.context["load"].cells[0].demand == first.context["load"].cells[0].demand
    assert client.get(url, {"seite": "99999999999999999999"}).status_code == 200


def test_project_plan_survives_an_allocation_stored_in_the_calendars_last_month(cast):
    """An allocation month of 12/9999 (old or imported data) is clamped like the plan's spans:
    the page answers instead of raising on the month after it."""
    AllocationFactory(project=cast.project, org_unit=cast.org_unit, month=date(9999, 12, 1))
    response = cast.client("pmo").get(reverse("planning:project_plan", args=[cast.project.pk]))
    assert response.status_code == 200


def test_a_new_phase_or_work_package_goes_to_the_end_unless_given_a_place(cast, plan):
    """QA: the form offered order 0, so every new row landed at the top of the plan."""
    phase, wp = plan
    client = cast.client("project_lead")
    for kind, data in (
        ("phase", {"name": "Abschluss"}),
        ("work_package", {"title": "Abnahme", "code": "AP 2", "status": "open"}),
    ):
        url = reverse(f"planning:{kind}_create", args=[cast.project.pk])
        form = client.get(url).context["form"]
        assert form["order"].value() is None and not form.fields["order"].required, kind
        assert client.post(url, data | {"order": ""}).status_code == 302, kind
    assert Phase.objects.get(name="Abschluss").order == phase.order + 1
    assert WorkPackage.objects.get(title="Abnahme").order == wp.order + 1
    # A place the user chose is kept; an existing row's place stays required.
    client.post(
        reverse("planning:phase_create", args=[cast.project.pk]), {"name": "Vorab", "order": 0}
    )
    assert Phase.objects.get(name="Vorab").order == 0
    edit = client.get(reverse("planning:phase_edit", args=[cast.project.pk, phase.pk]))
    assert edit.context["form"].fields["order"].required


def test_a_projects_planning_pages_mark_the_projects_section(cast, plan):
    """QA: the plan, a work package and the effort import named the section "portfolio",
    which the navigation does not have, so no tab was marked (a project's finance tab marks
    "Projekte")."""
    _phase, wp = plan
    client = cast.client("pmo")
    projects = reverse("portfolio:project_list", args=[cast.programme.slug])
    for url in (
        reverse("planning:project_plan", args=[cast.project.pk]),
        reverse("planning:work_package", args=[wp.pk]),
        reverse("planning:actual_import", args=[cast.project.pk]),
        reverse("planning:phase_create", args=[cast.project.pk]),
        reverse("planning:work_package_edit", args=[cast.project.pk, wp.pk]),
    ):
        nav = client.get(url).content.decode().split('<nav class="main-nav"', 1)[1]
        nav = nav.split("</nav>", 1)[0]
        assert f'<a href="{projects}" aria-current="page">' in nav, url
