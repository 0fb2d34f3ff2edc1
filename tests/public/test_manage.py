"""The programme office switches the public pages on and off; others may not."""

import pytest
from django.urls import reverse

from lotse.public.models import ProgrammePublication
from tests.navigation import marked_tab
from tests.roles import ALL_ROLES
from tests.roles import READERS

ALLOWED = {"programme_manager", "pmo"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_open_the_publication_page(cast, role):
    response = cast.client(role).get(reverse("public:manage", args=[cast.programme.slug]))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in ALLOWED else 403), role


@pytest.mark.parametrize("role", ALL_ROLES)
def test_who_may_switch_public_pages_on(cast, role):
    url = reverse("public:manage", args=[cast.programme.slug])
    cast.client(role).post(url, {"enabled": "on"})
    enabled = ProgrammePublication.objects.filter(programme=cast.programme, enabled=True).exists()
    assert enabled == (role in ALLOWED), role


def test_switching_on_and_off_opens_and_closes_the_public_pages(cast):
    client = cast.client("pmo")
    url = reverse("public:manage", args=[cast.programme.slug])
    public = reverse("public:programme", args=[cast.programme.slug])
    assert client.get(public).status_code == 404
    client.post(url, {"enabled": "on"})
    assert client.get(public).status_code == 200
    client.post(url, {})
    assert client.get(public).status_code == 404


def test_the_page_names_published_projects_without_public_summary(cast):
    cast.project.published = True
    cast.project.save()
    html = cast.client("pmo").get(reverse("public:manage", args=[cast.programme.slug]))
    assert "fehlt die Kurzbeschreibung" in html.content.decode()
    assert cast.project.title in html.content.decode()


@pytest.mark.parametrize("role", sorted(READERS))
def test_the_programme_cockpit_links_the_page_for_those_who_may_open_it(cast, role):
    """QA: the page was linked from nowhere (the handbook said to type its address). The
    programme cockpit links it among its steering links, only for those who may open it."""
    url = reverse("public:manage", args=[cast.programme.slug])
    cockpit = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    page = cast.client(role).get(cockpit)
    assert page.status_code == 200
    assert (f'<a href="{url}">Öffentliche Seiten</a>' in page.content.decode()) == (
        role in ALLOWED
    ), role


def test_the_page_marks_the_cockpit_tab_under_which_its_link_sits(cast):
    url = reverse("public:manage", args=[cast.programme.slug])
    cockpit = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    assert marked_tab(cast.client("pmo").get(url).content.decode()) == cockpit
