"""The Potsdam demo shows two real knock-ons (example data), one of them only since the slip
was recorded a week ago."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.planning.knockon import programme_knock_ons

pytestmark = pytest.mark.django_db


def test_the_demo_shows_two_knock_ons_and_their_history(demo_loaded):
    programme = demo_loaded.programme
    today = timezone.localdate()
    found = {
        (k.downstream_title, k.upstream_title): k.delay_days
        for k in programme_knock_ons(programme, today)
    }
    assert found[("Beteiligungsportal", "Relaunch potsdam.de")] == 21
    assert found[("Prozessautomatisierung/KI", "Aufbau zentrales GPM")] == 18
    before = programme_knock_ons(programme, today - timedelta(days=8))
    assert ("Prozessautomatisierung/KI", "Aufbau zentrales GPM") not in {
        (k.downstream_title, k.upstream_title) for k in before
    }


def test_the_demo_roadmap_and_projektcheck_show_them(demo_loaded, client):
    client.login(username="pmo", password="lotse-demo")
    slug = demo_loaded.programme.slug
    roadmap = client.get(reverse("planning:roadmap", args=[slug])).content.decode()
    assert "abhängig von „Relaunch potsdam.de“, verzögert um 21 Tage" in roadmap
    check = client.get(reverse("reporting:projektcheck", args=[slug])).content.decode()
    assert "abhängig von „Aufbau zentrales GPM“, verzögert um 18 Tage" in check
