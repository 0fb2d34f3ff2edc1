"""Every export of lotse.exporting, one table: the button posts and starts a job (or joins the
running one), the worker builds the file as the person who asked (access checked again), an old
link shows a page with the button, and the URL configuration has no document route that is
neither an export, a job nor a stored file."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.cache import cache
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver
from django.urls import resolve
from django.urls import reverse
from openpyxl import load_workbook

from lotse import exporting
from lotse.accounts.models import ProgrammeRole
from lotse.ideas.models import ScoringRound
from lotse.jobs import registry
from lotse.jobs.models import Job
from lotse.jobs.services import job_request
from tests.jobs.helpers import content
from tests.jobs.helpers import finished
from tests.jobs.helpers import job_of
from tests.jobs.helpers import run_jobs
from tests.okr.factories import QuarterFactory

# Document routes that are no export: they queue a job of their own (a POST that answers with
# the job's page, tests/jobs/test_no_documents_in_requests.py) or hand out a stored file.
OWN_JOBS = {
    "governance:agenda_pdf",
    "governance:minutes_pdf",
    "okr:conference_pdf",
    "reporting:projektcheck_pdf",
}
# Blank import templates: a header row and one example line, the same size for every
# programme (a few milliseconds); a job would only make the person wait.
TEMPLATES = {"ideas:import_template", "portfolio_import:template_xlsx"}
DOCUMENT_SUFFIXES = (".xlsx", ".pdf", ".docx", ".zip", ".odt", ".ods")


def _routes(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _routes(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{namespace}{entry.name}"] = entry
    return found


def _export_routes() -> dict[str, exporting.Export]:
    return {
        name: pattern.callback.export  # type: ignore[attr-defined]
        for name, pattern in _routes().items()
        if hasattr(pattern.callback, "export")
    }


def _urls(cast) -> dict[str, str]:
    """Each export's URL with the filters its page sends along."""
    slug = cast.programme.slug
    scoring_round = ScoringRound.objects.create(programme=cast.programme, name="Jury 2026")
    quarter = QuarterFactory(programme=cast.programme)
    return {
        "portfolio:project_list_xlsx": reverse("portfolio:project_list_xlsx", args=[slug])
        + "?q=Kommunal&seite=2",
        "reporting:programme_cockpit_xlsx": reverse(
            "reporting:programme_cockpit_xlsx", args=[slug]
        ),
        "ozg:export": reverse("ozg:export", args=[slug]),
        "ideas:round_export": reverse("ideas:round_export", args=[scoring_round.pk]),
        "okr:conference_xlsx": reverse("okr:conference_xlsx", args=[slug])
        + f"?quartal={quarter.pk}",
        "governance:decision_log_xlsx": reverse("governance:decision_log_xlsx", args=[slug])
        + "?kind=other",
        "planning:heat_map_xlsx": reverse("planning:heat_map_xlsx", args=[slug])
        + "?von=2026-01&monate=6",
        "planning:work_packages_xlsx": reverse(
            "planning:work_packages_xlsx", args=[cast.project.pk]
        ),
        "finance:overview_xlsx": reverse("finance:overview_xlsx", args=[slug])
        + "?gruppe=kind&jahr=2026",
        "finance:committee_xlsx": reverse("finance:committee_xlsx", args=[slug]) + "?planung=*",
        "finance:committee_pdf": reverse("finance:committee_pdf", args=[slug]) + "?planung=*",
        "planning:roadmap_pdf": reverse("planning:roadmap_pdf", args=[slug]),
    }


# Exports that set a PDF with Typst (marked `pdf`: CI runs those on SQLite only).
PDF_EXPORTS = {"finance:committee_pdf", "planning:roadmap_pdf"}
EXPORT_NAMES = [
    "portfolio:project_list_xlsx",
    "reporting:programme_cockpit_xlsx",
    "ozg:export",
    "ideas:round_export",
    "okr:conference_xlsx",
    "governance:decision_log_xlsx",
    "planning:heat_map_xlsx",
    "planning:work_packages_xlsx",
    "finance:overview_xlsx",
    "finance:committee_xlsx",
    "finance:committee_pdf",
    "planning:roadmap_pdf",
]


def test_the_table_names_every_export(cast):
    assert set(_urls(cast)) == set(EXPORT_NAMES) == set(_export_routes()), (
        "a new export: add its URL to _urls and EXPORT_NAMES"
    )


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.pdf) if n in PDF_EXPORTS else n for n in EXPORT_NAMES],
)
def test_every_export_runs_as_a_job_and_the_worker_builds_it(cast, name):
    client = cast.client("pmo")
    url = _urls(cast)[name]
    export = resolve(url.split("?")[0]).func.export  # type: ignore[attr-defined]
    # An old link or bookmark: a page with a button that posts (keyboard, no JavaScript).
    page = client.get(url)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html"), name
    assert 'method="post"' in page.content.decode(), name
    first = job_of(client.post(url))
    second = job_of(client.post(url))
    assert second.pk == first.pk, f"{name}: the same request joins the running job"
    assert first.kind == export.kind and first.programme_id == cast.programme.pk, name
    assert "seite" not in first.params["query"], name  # an export has every page
    run_jobs()
    first.refresh_from_db()
    assert first.status == Job.Status.DONE, (name, first.error)
    assert first.content_type == export.content_type
    if export.content_type == exporting.PDF:
        assert content(first).startswith(b"%PDF-") and first.filename.endswith(".pdf")
    else:
        load_workbook(BytesIO(content(first)))  # a real workbook
        assert first.filename.endswith(".xlsx")
    assert first.get_absolute_url() in client.get(reverse("jobs:mine")).content.decode()


def test_the_filters_of_the_page_reach_the_file(cast):
    url = _urls(cast)["portfolio:project_list_xlsx"]
    job = finished(cast.client("viewer").post(url))
    rows = list(load_workbook(BytesIO(content(job))).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["Kommunalportal"]
    assert job.title == "Projektliste (XLSX) – Potsdam smart"


def test_no_access_no_job(cast):
    urls = _urls(cast)
    for name, url in urls.items():
        if name in PDF_EXPORTS:
            continue  # the same rule; nothing is rendered either way
        response = cast.client("outsider").post(url)  # no role in the programme
        assert response.status_code in (403, 404), (name, response.status_code)
        anonymous = cast.client("anonymous").post(url)
        assert anonymous.status_code == 302, name
        assert anonymous["Location"].startswith(reverse("accounts:login")), name
    assert not Job.objects.exists()


def test_access_is_checked_again_when_the_job_runs(cast):
    job = job_of(cast.client("viewer").post(_urls(cast)["ozg:export"]))
    ProgrammeRole.objects.filter(user=cast.users["viewer"]).delete()
    cache.clear()
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.file
    assert "keinen Zugriff" in job.error


def test_each_export_kind_has_a_runner():
    for export in exporting.all_exports():
        assert registry.runner(export.kind) is not None
        assert export.kind in registry.kinds()


def test_no_route_hands_out_a_document_built_in_the_request():
    """Every route named like a document is an export, a job of its own, a blank import
    template, or a stored file (job results, archived reports, attachments are not built)."""
    found = {
        name
        for name, pattern in _routes().items()
        if str(pattern.pattern).rstrip("$").endswith(DOCUMENT_SUFFIXES)
    }
    unexplained = found - set(_export_routes()) - OWN_JOBS - TEMPLATES
    assert not unexplained, f"Document routes built in the request: {sorted(unexplained)}"
    assert found >= OWN_JOBS and found >= TEMPLATES  # the lists name no route that is gone


def test_a_job_asked_for_before_its_kind_became_an_export_still_runs(cast):
    # Queued by the committee table's own view before the update: the slug at the top level.
    job = job_request(
        user=cast.users["pmo"],
        kind="finance.committee_xlsx",
        title="Ausschusstabelle Haushalt (XLSX) – Potsdam smart",
        params={"query": "planung=%2A", "slug": cast.programme.slug},
        programme=cast.programme,
    )
    run_jobs()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.filename == f"haushalt-{cast.programme.slug}.xlsx"
