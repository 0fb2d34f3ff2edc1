"""The project list: filtering through the form (htmx) and the XLSX export (a background job)."""

import io
import re
import zipfile
from urllib.parse import parse_qs
from urllib.parse import urlparse

from openpyxl import load_workbook
from playwright.sync_api import expect

from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Project
from tests.jobs.helpers import run_jobs

from .conftest import PROGRAMME

FIELD = "Digitaler Bürgerservice"
IN_FIELD = ["Kommunalportal", "OZG/Bürgerservice Task Force"]
ELSEWHERE = ["Beteiligungsportal", "Smart Region", "Social Intranet"]


def _field_pk() -> int:
    return FieldOfAction.objects.get(programme__slug=PROGRAMME, name=FIELD).pk


def _open_list(page, site, query: str = ""):
    page.goto(f"{site}/programme/{PROGRAMME}/projekte/{query}")
    # Mark this document: a full page load would lose the mark, an htmx swap keeps it.
    page.evaluate("window.lotseTestMark = 'same document'")
    return page.locator("#results")


def _filter_by_field(page, results) -> None:
    htmx_requests = []
    page.on(
        "request",
        lambda r: r.headers.get("hx-request") == "true" and htmx_requests.append(r.url),
    )
    # Changing a filter submits the form by itself (lotse.js); htmx fetches only the results.
    page.get_by_label("Themenfeld").select_option(label=FIELD)

    expect(results.locator("#result-count")).to_have_text("2 Projekte gefunden")
    # The new count is announced through the live region outside the swapped results.
    expect(page.get_by_role("status")).to_have_text("2 Projekte gefunden")
    assert htmx_requests, "the results should come from an htmx request"
    assert page.evaluate("window.lotseTestMark") == "same document", "expected no page load"


def _rows(results) -> list[str]:
    return results.locator("tbody th[scope=row] a").all_inner_texts()


def test_filter_by_field_of_action_updates_results_and_url(pmo_page, site):
    page = pmo_page
    results = _open_list(page, site)
    # The 24 projects of the Programmauftrag and their named sub-projects.
    total = Project.objects.filter(programme__slug=PROGRAMME).count()
    assert total > 24
    expect(results.locator("#result-count")).to_have_text(f"{total} Projekte gefunden")

    _filter_by_field(page, results)

    assert sorted(_rows(results)) == sorted(IN_FIELD)
    # The URL keeps the filter, so the result can be bookmarked, shared and reloaded.
    assert parse_qs(urlparse(page.url).query)["field"] == [str(_field_pk())]

    page.reload()
    expect(page.get_by_label("Themenfeld")).to_have_value(str(_field_pk()))
    expect(results.locator("#result-count")).to_have_text("2 Projekte gefunden")
    assert sorted(_rows(results)) == sorted(IN_FIELD)


def _download_xlsx(page) -> bytes:
    """Ask for the file, let the background worker build it (the test runs its queue), then
    download it from the job's page, as a user does."""
    page.get_by_role("button", name="Als Excel-Datei (XLSX) erstellen").click()
    page.wait_for_url(lambda url: "/auftraege/" in url)
    assert run_jobs() >= 1
    download_link = page.get_by_role("link", name=re.compile(r"herunterladen"))
    download_link.wait_for(timeout=30_000)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith(f"projekte-{PROGRAMME}-")
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        return file.read()


def _titles(content: bytes) -> list[str]:
    assert zipfile.is_zipfile(io.BytesIO(content)), "an XLSX file is a zip archive"
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Titel"
    return [row[0] for row in rows[1:]]


def test_download_xlsx(pmo_page, site):
    page = pmo_page
    _open_list(page, site)

    titles = _titles(_download_xlsx(page))

    assert "Kommunalportal" in titles
    assert len(titles) == Project.objects.filter(programme__slug=PROGRAMME).count()


def test_download_xlsx_of_a_filtered_list(pmo_page, site):
    page = pmo_page
    _open_list(page, site, f"?field={_field_pk()}")

    assert sorted(_titles(_download_xlsx(page))) == sorted(IN_FIELD)


def test_download_after_filtering_with_htmx_keeps_the_filter(pmo_page, site):
    """Filter in place (no page load), then download: the file holds what the page shows."""
    page = pmo_page
    results = _open_list(page, site)
    _filter_by_field(page, results)

    titles = _titles(_download_xlsx(page))

    assert sorted(titles) == sorted(IN_FIELD), (
        "the export form still carries the query of the first page load"
    )
