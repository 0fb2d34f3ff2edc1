"""The optional public page with the catalogue's progress: switched on per programme."""

import pytest
from django.test import Client
from django.urls import reverse

from lotse.ozg import services
from lotse.public.models import ProgrammePublication

from .factories import PublicServiceFactory

pytestmark = pytest.mark.django_db


def _publish(cast, catalogue: bool) -> None:
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    services.catalogue_settings_update(
        programme=cast.programme,
        data={"publish": catalogue, "note": "Stand: Beispiel"},
        expected_version=None,
    )


def test_page_shows_the_progress_when_switched_on(cast):
    _publish(cast, catalogue=True)
    PublicServiceFactory(programme=cast.programme, maturity=3, target_level=3, name="Intern 1")
    url = reverse("public:ozg", args=[cast.programme.slug])
    text = Client().get(url).content.decode()
    assert "Stand heute: 1 Leistung" in text
    assert 'role="img"' in text
    assert "Intern 1" not in text  # the public page shows numbers, not the list
    overview = Client().get(reverse("public:programme", args=[cast.programme.slug]))
    assert url in overview.content.decode()


def test_page_is_404_when_switched_off(cast):
    _publish(cast, catalogue=False)
    url = reverse("public:ozg", args=[cast.programme.slug])
    assert Client().get(url).status_code == 404
    overview = Client().get(reverse("public:programme", args=[cast.programme.slug]))
    assert url not in overview.content.decode()


def test_private_programme_has_no_page(cast):
    services.catalogue_settings_update(
        programme=cast.programme, data={"publish": True}, expected_version=None
    )
    assert Client().get(reverse("public:ozg", args=[cast.programme.slug])).status_code == 404


def test_settings_page_switches_it_on(cast):
    client = cast.client("pmo")
    response = client.post(
        reverse("ozg:settings", args=[cast.programme.slug]), {"publish": "on", "note": "x"}
    )
    assert response.status_code == 302
    assert cast.programme.ozg_settings.publish
    assert (
        cast.client("viewer")
        .post(reverse("ozg:settings", args=[cast.programme.slug]), {"publish": "on"})
        .status_code
        == 403
    )


def test_the_catalogue_as_open_data_csv_and_json(cast):
    import json

    from lotse.portfolio.models import Project

    _publish(cast, catalogue=True)
    Project.objects.filter(pk=cast.project.pk).update(published=True)
    Project.objects.filter(pk=cast.other_project.pk).update(published=False)
    service = PublicServiceFactory(
        programme=cast.programme, name="=HYPERLINK(1)", maturity=2, target_level=3
    )
    service.projects.set([cast.project, cast.other_project])
    page = Client().get(reverse("public:ozg", args=[cast.programme.slug])).content.decode()
    csv_url = reverse("public:ozg_data", args=[cast.programme.slug, "csv"])
    json_url = reverse("public:ozg_data", args=[cast.programme.slug, "json"])
    assert csv_url in page and json_url in page
    csv = Client().get(csv_url)
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("name,leika_key,ozg_field,bundle,org_unit,maturity")
    assert lines[1].startswith("'=HYPERLINK(1)")  # inert text, never a formula
    assert cast.project.title in lines[1] and cast.other_project.title not in lines[1]
    body = json.loads(Client().get(json_url).content)
    [record] = body["records"]
    assert (record["maturity"], record["target_level"]) == (2, 3)
    assert record["projects"] == cast.project.title  # unpublished projects are not named
    assert {f["name"] for f in body["fields"]} >= {"name", "maturity", "projects"}


def test_no_open_data_when_the_catalogue_is_not_public(cast):
    _publish(cast, catalogue=False)
    for fmt in ("csv", "json"):
        url = reverse("public:ozg_data", args=[cast.programme.slug, fmt])
        assert Client().get(url).status_code == 404
