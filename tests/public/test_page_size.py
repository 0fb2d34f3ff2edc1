"""The public project lists are paged and the programme page names a few projects per field
(issue 14: the pages keep their size however large the programme)."""

from django.urls import reverse

from lotse.public import views
from tests.factories import ProjectFactory


def test_the_public_project_list_is_paged(world, anon, monkeypatch):
    monkeypatch.setattr(views, "PUBLIC_PER_PAGE", 1)
    ProjectFactory(
        programme=world.programme, field_of_action=world.field, published=True, title="Zweites"
    )
    url = reverse("public:project_list", args=[world.programme.slug])
    first = anon.get(url)
    html = first.content.decode()
    assert html.count('<th scope="row"><a href="/oeffentlich/') == 1
    total = world.programme.projects.filter(published=True).count()
    assert f"{total} veröffentlichte Projekte" in html
    assert f"Seite 1 von {total}" in html and "seite=2" in html
    second = anon.get(url, {"seite": 2}).content.decode()
    assert second.count('<th scope="row"><a href="/oeffentlich/') == 1
    field = anon.get(reverse("public:field", args=[world.programme.slug, world.field.pk]))
    assert field.status_code == 200
    assert field.content.decode().count('<th scope="row"><a href="/oeffentlich/') == 1


def test_the_programme_page_names_a_few_projects_per_field(world, anon, monkeypatch):
    monkeypatch.setattr(views, "CHIPS_PER_FIELD", 1)
    ProjectFactory(
        programme=world.programme, field_of_action=world.field, published=True, title="Zweites"
    )
    html = anon.get(reverse("public:programme", args=[world.programme.slug])).content.decode()
    assert "und ein weiteres Projekt im Themenfeld" in html
