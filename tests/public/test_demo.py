"""The public demo: Potsdam is public, published projects have summaries; create-only."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lotse.demo.public_demo import EXAMPLE
from lotse.public.models import ProgrammePublication
from lotse.public.models import PublicSiteSettings

from .helpers import run_public_demo


@pytest.fixture
def loaded(demo_loaded):
    return demo_loaded


@pytest.fixture
def potsdam(loaded):
    return loaded.programme


def test_the_demo_makes_potsdam_public_with_summaries(loaded, potsdam, client):
    created = loaded.created
    assert created["ProgrammePublication"] == 1
    assert created["Project.public_summary"] >= 8
    assert ProgrammePublication.objects.get(programme=potsdam).enabled
    published = potsdam.projects.filter(published=True)
    assert published.exists()
    assert all(p.public_summary.endswith(EXAMPLE) for p in published)
    assert not potsdam.projects.filter(published=False).exclude(public_summary="").exists()
    assert get_user_model().objects.get(username="projektleitung").public_name_opt_in
    page = client.get(reverse("public:programme", args=["potsdam"]))
    assert page.status_code == 200
    portal = potsdam.projects.get(title="Kommunalportal")
    html = client.get(reverse("public:project", args=["potsdam", portal.pk])).content.decode()
    assert "Petra Probelauf" in html and "Kommunalportal" in html


def test_a_second_run_changes_nothing_and_keeps_edits(potsdam):
    publication = ProgrammePublication.objects.get(programme=potsdam)
    publication.enabled = False
    publication.save()
    portal = potsdam.projects.get(title="Kommunalportal")
    portal.public_summary = "Von Hand geschrieben."
    portal.save()
    site = PublicSiteSettings.load()
    site.ideas_email = ""
    site.save()
    assert run_public_demo() == {}
    publication.refresh_from_db()
    portal.refresh_from_db()
    assert not publication.enabled
    assert portal.public_summary == "Von Hand geschrieben."
    assert PublicSiteSettings.load().ideas_email == ""
