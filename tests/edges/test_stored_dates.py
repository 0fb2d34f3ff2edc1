"""No page crashes on any stored date: data from before the range checks (or from an import)
may hold 31.12.9999 or 01.01.0001."""

from datetime import date

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_project_cockpit_survives_a_milestone_on_31_12_9999(cast):
    from django.urls import reverse

    from lotse.reporting.models import Milestone

    Milestone.objects.create(project=cast.project, title="Go-live", planned_date=date(2025, 3, 1))
    Milestone.objects.filter(project=cast.project).update(planned_date=date(9999, 12, 31))
    Milestone.objects.create(project=cast.project, title="Altlast", planned_date=date(1, 1, 1))
    client = Client(raise_request_exception=False)
    client.force_login(cast.users["pmo"])
    response = client.get(reverse("reporting:project_cockpit", args=[cast.project.pk]))
    assert response.status_code == 200
    assert "Go-live" in response.content.decode()


def test_programme_cockpit_survives_a_reporting_rhythm_starting_31_12_9999(cast):
    from django.urls import reverse

    from lotse.reporting.models import ReportingConfig
    from lotse.reporting.periods import default_config

    default_config(cast.programme)
    ReportingConfig.objects.filter(programme=cast.programme).update(
        first_period_start=date(9999, 12, 31)
    )
    client = Client(raise_request_exception=False)
    client.force_login(cast.users["pmo"])
    response = client.get(reverse("reporting:programme_cockpit", args=[cast.programme.slug]))
    assert response.status_code == 200
