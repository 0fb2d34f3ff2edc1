"""The OZG catalogue of the Potsdam demo: example services, marked, with a history, linked to
the Kommunalportal and the Task Force, feeding the Kommunalportal's key result."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lotse.demo.ozg_demo import KR_TITLE
from lotse.demo.ozg_demo import SERVICES
from lotse.demo.ozg_demo import load_ozg_demo
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.ozg import selectors
from lotse.ozg.models import CatalogueSettings
from lotse.ozg.models import PublicService
from lotse.portfolio.models import Project


def test_example_catalogue_with_history(demo_loaded):
    programme = demo_loaded.programme
    services = PublicService.objects.filter(programme=programme)
    assert services.count() == len(SERVICES)
    assert all(s.note == "Beispieldaten" for s in services)
    assert "303" in CatalogueSettings.objects.get(programme=programme).note
    titles = set(
        Project.objects.filter(public_services__programme=programme).values_list("title", flat=True)
    )
    assert {"Kommunalportal", "OZG/Bürgerservice Task Force"} <= titles
    periods = selectors.timeline(programme, timezone.localdate())
    assert len(periods) >= 8
    assert periods[0].counts.get(1, 0) > periods[-1].counts.get(1, 0)
    assert periods[-1].counts.get(3, 0) > 0


def test_kommunalportal_key_result_reads_the_catalogue(demo_loaded):
    key_result = KeyResult.objects.get(title=KR_TITLE)
    assert key_result.source == "ozg"
    assert key_result.objective.project.title == "Kommunalportal"
    last = key_result.check_ins.order_by("-created_at", "-pk").first()
    assert last is not None and last.source == CheckIn.Source.OZG
    assert last.value == selectors.count_at_least(demo_loaded.programme.pk, 3)


def test_second_run_creates_nothing(demo_loaded):
    programme = demo_loaded.programme
    portal = Project.objects.get(programme=programme, title="Kommunalportal")
    again = load_ozg_demo(
        programme=programme,
        projects={"kommunalportal": portal},
        users={},
        today=timezone.localdate(),
    )
    assert sum(again.values()) == 0


def test_overview_of_the_demo_renders(demo_loaded, client):
    pmo = (
        get_user_model()
        .objects.filter(
            programme_roles__programme=demo_loaded.programme, programme_roles__role="pmo"
        )
        .first()
    )
    client.force_login(pmo)
    response = client.get(reverse("ozg:overview", args=[demo_loaded.programme.slug]))
    assert response.status_code == 200
    assert "Beispieldaten" in response.content.decode()
