"""The catalogue's pages: who sees and changes what (role matrix), empty states, editing with
version check, export, import through the UI."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lotse.ozg.models import PublicService
from tests.jobs.helpers import exported
from tests.jobs.helpers import job_of
from tests.jobs.helpers import run_jobs
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import ROLES
from tests.roles import page_status

from .factories import PublicServiceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_reading_pages_follow_the_programme(cast, service, role):
    client = cast.client(role)
    slug = cast.programme.slug
    for url in (
        reverse("ozg:overview", args=[slug]),
        reverse("ozg:list", args=[slug]),
        reverse("ozg:export", args=[slug]),
    ):
        assert client.get(url).status_code == page_status(role, READERS), url
    detail = client.get(reverse("ozg:service", args=[service.pk])).status_code
    assert detail == (302 if role == "anonymous" else 200 if role in READERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_programme_office_keeps_the_catalogue(cast, role):
    client = cast.client(role)
    slug = cast.programme.slug
    expected = 302 if role == "anonymous" else 200 if role in OFFICE else 403
    for url in (
        reverse("ozg:create", args=[slug]),
        reverse("ozg:import", args=[slug]),
        reverse("ozg:settings", args=[slug]),
    ):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_service(cast, role):
    service = PublicServiceFactory(programme=cast.programme, maturity=1)
    service.projects.add(cast.project)  # the cast's project_lead leads it
    response = cast.client(role).post(
        reverse("ozg:service", args=[service.pk]),
        {"maturity": 2, "channel": "kommunalportal", "version": 1, "name": service.name},
    )
    service.refresh_from_db()
    if role in OFFICE | {"project_lead"}:
        assert response.status_code == 302
        assert service.maturity == 2
    else:
        assert response.status_code in (302, 403, 404)
        assert service.maturity == 1


def test_empty_catalogue_says_so_and_offers_the_import(cast):
    body = cast.client("pmo").get(reverse("ozg:overview", args=[cast.programme.slug]))
    text = body.content.decode()
    assert 'id="ozg-empty"' in text
    assert reverse("ozg:import", args=[cast.programme.slug]) in text
    viewer = cast.client("viewer").get(reverse("ozg:overview", args=[cast.programme.slug]))
    assert "Katalog importieren" not in viewer.content.decode()


def test_overview_shows_chart_and_tables(cast):
    PublicServiceFactory(
        programme=cast.programme, maturity=3, target_level=3, org_unit=cast.org_unit
    )
    PublicServiceFactory(programme=cast.programme, maturity=1, target_level=3)
    text = (
        cast.client("viewer")
        .get(reverse("ozg:overview", args=[cast.programme.slug]))
        .content.decode()
    )
    assert 'role="img"' in text
    assert 'id="ozg-timeline"' in text
    assert 'id="ozg-units"' in text
    assert "1 von 2 Leistungen mit Ziel" in text


def test_stale_edit_shows_the_conflict(cast):
    service = PublicServiceFactory(programme=cast.programme, maturity=1)
    client = cast.client("pmo")
    url = reverse("ozg:service", args=[service.pk])
    data = {"name": service.name, "maturity": 2, "channel": "none", "version": 1}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "maturity": 3})
    assert response.status_code == 200
    assert "inzwischen von einer anderen Person geändert" in response.content.decode()
    service.refresh_from_db()
    assert service.maturity == 2


def test_lead_edits_only_the_state_of_the_service(cast):
    service = PublicServiceFactory(programme=cast.programme, maturity=1, name="Alt")
    service.projects.add(cast.project)
    client = cast.client("project_lead")
    url = reverse("ozg:service", args=[service.pk])
    client.post(url, {"name": "Neu", "maturity": 2, "channel": "none", "version": 1})
    service.refresh_from_db()
    assert (service.name, service.maturity) == ("Alt", 2)


def test_delete_by_the_pmo(cast, service):
    response = cast.client("pmo").post(reverse("ozg:delete", args=[service.pk]), {"version": 1})
    assert response.status_code == 302
    assert not PublicService.objects.filter(pk=service.pk).exists()


def test_export_has_the_import_columns(cast):
    PublicServiceFactory(programme=cast.programme, name="=HYPERLINK(1)", maturity=2)
    _job, content = exported(
        cast.client("viewer"), reverse("ozg:export", args=[cast.programme.slug])
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Bezeichnung", "LeiKa")
    assert rows[1][0] == "=HYPERLINK(1)"
    assert rows[1][5] == 2


def test_import_preview_then_write(cast):
    client = cast.client("pmo")
    url = reverse("ozg:import", args=[cast.programme.slug])
    content = "Bezeichnung;Reifegrad;Organisationseinheit\nWohnsitz anmelden;2,0;GB 9\n"
    upload = io.BytesIO(content.encode("cp1252"))
    upload.name = "katalog.csv"
    preview = client.post(url, {"file": upload})
    text = preview.content.decode()
    assert 'id="import-preview"' in text
    assert not PublicService.objects.exists()
    token = preview.context["token"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302
    service = PublicService.objects.get()
    assert (service.maturity, service.org_unit_id) == (2, cast.org_unit.pk)


def test_a_large_file_is_written_by_the_background_worker(cast, monkeypatch):
    from lotse.ozg import views

    monkeypatch.setattr(views, "IMPORT_JOB_ROWS", 1)
    client = cast.client("pmo")
    url = reverse("ozg:import", args=[cast.programme.slug])
    content = "Bezeichnung;Reifegrad\nWohnsitz anmelden;2\nHund anmelden;1\n"
    upload = io.BytesIO(content.encode())
    upload.name = "katalog.csv"
    preview = client.post(url, {"file": upload})  # the preview stays in the request
    job = job_of(client.post(url, {"token": preview.context["token"]}))
    assert not PublicService.objects.exists()
    run_jobs()
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert "2 Leistungen neu" in job.summary
    assert PublicService.objects.count() == 2
    assert job.result_url == reverse("ozg:overview", args=[cast.programme.slug])


def test_import_problems_name_row_column_and_value(cast):
    client = cast.client("pmo")
    upload = io.BytesIO(b"Bezeichnung;Reifegrad\nA;7\n")
    upload.name = "k.csv"
    response = client.post(reverse("ozg:import", args=[cast.programme.slug]), {"file": upload})
    text = response.content.decode()
    assert "Zeile 2, Spalte „Reifegrad“, Wert „7“" in text
    assert not PublicService.objects.exists()
