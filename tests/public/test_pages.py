"""What the public pages show, and that everything not public answers 404."""

import pytest
from django.urls import reverse

from lotse.public.models import ProgrammePublication
from lotse.public.models import PublicSiteSettings
from tests.factories import FieldOfActionFactory
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory


def _programme_urls(slug: str, project_pk: int, field_pk: int) -> list[str]:
    return [
        reverse("public:programme", args=[slug]),
        reverse("public:project_list", args=[slug]),
        reverse("public:project", args=[slug, project_pk]),
        reverse("public:field", args=[slug, field_pk]),
        reverse("public:data", args=[slug]),
        reverse("public:dataset", args=[slug, "projekte", "csv"]),
        reverse("public:dataset", args=[slug, "meilensteine", "json"]),
    ]


def test_a_programme_without_public_pages_is_not_found(world, anon):
    private = world.private_programme
    for url in _programme_urls(
        private.slug, world.private_project.pk, world.private_project.field_of_action_id
    ):
        assert anon.get(url).status_code == 404, url


@pytest.mark.parametrize("enabled", [False, None])
def test_switching_public_pages_off_hides_everything(world, anon, enabled):
    if enabled is None:
        ProgrammePublication.objects.filter(programme=world.programme).delete()
    else:
        ProgrammePublication.objects.filter(programme=world.programme).update(enabled=False)
    urls = _programme_urls(world.programme.slug, world.published.pk, world.field.pk)
    for url in urls:
        assert anon.get(url).status_code == 404, url
    index = anon.get(reverse("public:index")).content.decode()
    assert world.programme.name not in index


def test_unpublished_and_foreign_objects_are_not_found(world, anon):
    slug = world.programme.slug
    assert anon.get(reverse("public:project", args=[slug, world.unpublished.pk])).status_code == 404
    assert (
        anon.get(reverse("public:project", args=[slug, world.private_project.pk])).status_code
        == 404
    )
    foreign_field = world.private_project.field_of_action_id
    assert anon.get(reverse("public:field", args=[slug, foreign_field])).status_code == 404
    assert anon.get(f"/oeffentlich/{slug}/daten/risiken.csv").status_code == 404
    assert anon.get(f"/oeffentlich/{slug}/daten/projekte.xml").status_code == 404


def test_the_programme_page_shows_goal_fields_and_progress(world, anon):
    html = anon.get(reverse("public:programme", args=[world.programme.slug])).content.decode()
    assert "Digitale Stadt" in html and "Alles digital, für alle." in html
    assert "Alles online." in html and "Papierlos." in html  # target states
    assert 'id="chart-stages"' in html and 'id="chart-lights"' in html and 'id="chart-okr"' in html
    # each chart has a table with the same numbers
    assert "Projekte nach Phase" in html and "Gesamtstatus aus dem letzten geprüften" in html
    assert "OKR-Fortschritt im Quartal Q1/2025" in html
    assert "50 %" in html  # the published project's OKR progress, not the unpublished one's 90


def test_the_field_page_shows_its_progress_and_projects(world, anon):
    html = anon.get(
        reverse("public:field", args=[world.programme.slug, world.field.pk])
    ).content.decode()
    assert "Alles online." in html
    assert "Online-Terminvergabe" in html and "E-Akte" not in html
    assert "im Mittel 50 % erreicht" in html


def test_the_project_page_shows_stage_summary_milestones_and_okr(world, anon):
    url = reverse("public:project", args=[world.programme.slug, world.published.pk])
    html = anon.get(url).content.decode()
    assert "In Umsetzung" in html
    assert "Termine im Bürgeramt online buchen." in html
    assert "Pilot im Bürgeramt" in html and "01.03.2025" in html and "01.04.2025" in html
    assert "20.05.2025" in html
    assert "50 %" in html


def test_ideas_link_to_the_configured_contact(world, anon):
    url = reverse("public:programme", args=[world.programme.slug])
    assert "noch nicht eingerichtet" in anon.get(url).content.decode()
    PublicSiteSettings.objects.create(ideas_email="ideen@stadt.example")
    assert 'href="mailto:ideen@stadt.example"' in anon.get(url).content.decode()
    site = PublicSiteSettings.load()
    site.ideas_url = "https://beteiligung.stadt.example/ideen"
    site.save()
    assert 'href="https://beteiligung.stadt.example/ideen"' in anon.get(url).content.decode()


def test_index_lists_only_public_programmes(world, anon):
    html = anon.get(reverse("public:index")).content.decode()
    assert world.programme.name in html
    assert world.private_programme.name not in html


def test_a_programme_with_nothing_published_explains_it(db, anon):
    programme = ProgrammeFactory(slug="leer")
    ProgrammePublication.objects.create(programme=programme, enabled=True)
    ProjectFactory(field_of_action=FieldOfActionFactory(programme=programme), published=False)
    html = anon.get(reverse("public:programme", args=["leer"])).content.decode()
    assert "Noch sind keine Projekte veröffentlicht" in html
