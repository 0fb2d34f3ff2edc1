"""Who may read the archive and who may produce reports: every role, UI and API."""

import pytest
from django.urls import reverse

from lotse.council_reports import services
from lotse.council_reports.models import ArchivedReport
from tests.api.conftest import NOBODY
from tests.api.conftest import call
from tests.governance.factories import make_duty
from tests.jobs.helpers import finished
from tests.jobs.helpers import run_jobs
from tests.roles import ALL_ROLES
from tests.roles import page_status

from .conftest import pdf_request

READERS = {"sponsor", "programme_manager", "pmo", "change_manager", "viewer"}
MAKERS = {"sponsor", "programme_manager", "pmo"}


@pytest.fixture
def archived(world):
    return services.report_generate(
        programme=world.cast.programme,
        kind="committee",
        as_of=world.as_of,
        fmt="xlsx",
        user=world.cast.users["pmo"],
        request=pdf_request(),
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_reports_page(world, archived, role):
    response = world.cast.client(role).get(reverse("council_reports:index", args=["potsdam"]))
    assert response.status_code == page_status(role, READERS)
    if response.status_code == 200:
        html = response.content.decode()
        assert archived.title in html
        assert reverse("council_reports:download", args=[archived.pk]) in html
        assert ("Bericht erstellen und archivieren" in html) == (role in MAKERS)
        assert 'aria-current="page">Berichte<' in html


@pytest.mark.parametrize("role", ALL_ROLES)
def test_nav_item_only_for_readers(world, role):
    if role == "anonymous":
        return
    html = world.cast.client(role).get(reverse("portfolio:target_picture", args=["potsdam"]))
    link = reverse("council_reports:index", args=["potsdam"])
    assert (link in html.content.decode()) == (role in READERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_generate_in_the_ui(world, role):
    url = reverse("council_reports:index", args=["potsdam"])
    data = {"kind": "committee", "as_of": world.as_of.isoformat(), "format": "xlsx"}
    response = world.cast.client(role).post(url, data)
    assert response.status_code == page_status(role, MAKERS, ok=302)
    # The page queues the report; the background worker builds and archives it.
    assert ArchivedReport.objects.filter(kind="committee").first() is None
    job = finished(response) if role in MAKERS else None
    made = ArchivedReport.objects.filter(kind="committee").first()
    assert (made is not None) == (role in MAKERS)
    if made:
        assert made.created_by == world.cast.users[role]
        assert job.result_url == f"{url}?neu={made.pk}"
        assert f"Nr. {made.pk}" in job.summary
        assert job.programme == world.cast.programme


@pytest.mark.parametrize("role", ALL_ROLES)
def test_download(world, archived, role):
    response = world.cast.client(role).get(reverse("council_reports:download", args=[archived.pk]))
    assert response.status_code == page_status(role, READERS)
    if response.status_code == 200:
        assert response.content == bytes(archived.content)
        assert response["Content-Type"].startswith("application/vnd.openxml")
        assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_preview(world, role):
    url = reverse("council_reports:preview", args=["potsdam"])
    response = world.cast.client(role).get(
        url, {"kind": "focus", "as_of": world.as_of.isoformat(), "field": world.inward.pk}
    )
    assert response.status_code == page_status(role, READERS)
    if response.status_code == 200:
        assert "Themenfeld im Fokus: Organisation &amp; Prozesse" in response.content.decode()


@pytest.mark.parametrize("query", [{}, {"kind": "focus", "as_of": "31.12.9999"}])
def test_the_preview_without_a_report_has_its_heading(world, query):
    """QA: before a report is chosen (or when the choice is refused) the page had no h1."""
    url = reverse("council_reports:preview", args=["potsdam"])
    html = world.cast.client("viewer").get(url, query).content.decode()
    assert html.count("<h1") == 1 and "<h1>Berichtsvorschau</h1>" in html


def test_preview_of_an_archived_report_uses_its_moment(world, archived):
    world.cast.project.title = "Umbenannt"
    world.cast.project.save()
    response = world.cast.client("viewer").get(
        reverse("council_reports:preview", args=["potsdam"]), {"archiv": archived.pk}
    )
    html = response.content.decode()
    assert "Kommunalportal" in html and "Umbenannt" not in html


def test_form_errors_are_german_and_next_to_the_field(world):
    response = world.cast.client("pmo").post(
        reverse("council_reports:index", args=["potsdam"]),
        {"kind": "focus", "as_of": "2199-01-01", "format": "pdf"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "nicht in der Zukunft" in form.errors["as_of"][0]
    assert "Themenfeld" in form.errors["field"][0]
    assert not ArchivedReport.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_for_duty(world, role):
    duty = make_duty(
        world.cast.programme,
        world.as_of,
        recipient="Ausschuss für Partizipation, Transparenz und Digitalisierung",
        report="Themenfeld im Fokus",
        cadence="monthly",
    )
    response = world.cast.client(role).get(reverse("council_reports:for_duty", args=[duty.pk]))
    assert response.status_code == page_status(role, MAKERS, ok=302)
    if role in MAKERS:
        page = world.cast.client(role).get(response.url)
        form = page.context["form"]
        assert form.initial == {"duty": duty.pk, "kind": "focus"}


def test_archive_filter_and_pages(world, archived):
    client = world.cast.client("viewer")
    url = reverse("council_reports:index", args=["potsdam"])
    assert archived.title in client.get(url, {"kind": "committee"}).content.decode()
    assert archived.title not in client.get(url, {"kind": "advisory"}).content.decode()


# --- API ---------------------------------------------------------------------------------

API_READ = NOBODY | dict.fromkeys(READERS, 200)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_api_list_and_download(world, archived, role):
    client = world.cast.client(role)
    listing = call(client, "get", "/programmes/potsdam/archived-reports")
    assert listing.status_code == API_READ[role]
    if listing.status_code == 200:
        item = listing.json()["items"][0]
        assert item["id"] == archived.pk and item["sha256"] == archived.sha256
        content = client.get(item["download_url"])
        assert content.status_code == 200 and content.content == bytes(archived.content)
    detail = call(client, "get", f"/archived-reports/{archived.pk}/content")
    assert detail.status_code == API_READ[role]
    detail = call(client, "get", f"/archived-reports/{archived.pk}")
    assert detail.status_code == API_READ[role]
    assert call(client, "get", "/archived-reports/999999").status_code == (
        401 if role == "anonymous" else 404
    )


@pytest.mark.parametrize("role", ALL_ROLES)
def test_api_generate(world, role):
    response = call(
        world.cast.client(role),
        "post",
        "/programmes/potsdam/archived-reports",
        {"kind": "strategy_bk", "as_of": world.as_of.isoformat(), "format": "xlsx"},
    )
    # The report is built in the background: 202 with the job, whose status URL says when
    # it is done and where the result is.
    assert response.status_code == (NOBODY | dict.fromkeys(MAKERS, 202))[role]
    assert not ArchivedReport.objects.exists()
    if role in MAKERS:
        job = response.json()
        assert job["status"] == "queued" and job["result_url"] == ""
        assert "Zusammenfassung für die Strategie-BK" in job["title"]
        run_jobs()
        done = world.cast.client(role).get(job["status_url"]).json()
        assert done["status"] == "done" and done["percent"] == 100, done
        archived = ArchivedReport.objects.get()
        assert done["result_url"].endswith(f"?neu={archived.pk}")
        assert archived.kind == "strategy_bk" and archived.created_by == world.cast.users[role]
        # only the person who asked (and the programme office) sees the job
        assert world.cast.client("viewer").get(job["status_url"]).status_code == 403


def test_api_generate_validates_in_german(world):
    client = world.cast.client("pmo")
    response = call(
        client,
        "post",
        "/programmes/potsdam/archived-reports",
        {"kind": "focus", "as_of": world.as_of.isoformat(), "format": "docx"},
    )
    assert response.status_code == 422
    assert "Themenfeld" in response.json()["errors"]["field"][0]
    response = call(client, "post", "/programmes/potsdam/archived-reports", {"kind": "quarterly"})
    assert response.status_code == 422
    assert "kind" in response.json()["errors"]
    response = call(
        client, "post", "/programmes/potsdam/archived-reports", {"kind": "committee", "duty": 999}
    )
    assert response.status_code == 422 and "duty" in response.json()["errors"]


def test_api_has_no_way_to_change_or_delete(world, archived):
    client = world.cast.client("pmo")
    for method in ("put", "patch", "delete"):
        response = call(client, method, f"/archived-reports/{archived.pk}")
        assert response.status_code == 405


def test_openapi_schema_lists_the_report_endpoints(world):
    schema = world.cast.client("pmo").get("/api/v1/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/programmes/{slug}/archived-reports" in paths
    assert "/api/v1/archived-reports/{report_id}/content" in paths
