"""The programme office switches the public pages on and off; others may not."""

import pytest
from django.urls import reverse

from lotse.public.models import ProgrammePublication
from tests.roles import ALL_ROLES

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
