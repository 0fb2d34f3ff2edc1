"""Council reports in the real browser: the PMO generates a committee report and finds it
in the archive; axe-core finds no serious or critical violation on the reports pages."""

from django.utils import timezone

from lotse.council_reports.models import ArchivedReport
from tests.jobs.helpers import run_jobs

from .axe import assert_accessible
from .conftest import PROGRAMME


def test_pmo_generates_a_committee_report_and_sees_it_in_the_archive(pmo_page, site):
    page = pmo_page
    page.get_by_role("link", name="Berichte", exact=True).click()
    page.wait_for_url(f"{site}/programme/{PROGRAMME}/berichte/")
    generate = page.get_by_role("region", name="Bericht erstellen")
    generate.get_by_label("Berichtsart").select_option("committee")
    generate.get_by_label("PDF").check()
    # The report is built by the background worker; its page shows the progress and links
    # the archive when it is done (the test runs the worker's queue itself).
    page.get_by_role("button", name="Bericht erstellen und archivieren").click()
    page.wait_for_url(lambda url: "/auftraege/" in url)
    assert run_jobs() >= 1
    status = page.get_by_role("status")
    status.get_by_text("ist im Berichtsarchiv abgelegt").wait_for(timeout=30_000)
    page.get_by_role("link", name="Zum Ergebnis").click()
    page.wait_for_url(lambda url: "/berichte/?neu=" in url)
    row = page.locator("table.rp-archive tbody tr").first
    assert "Statusbericht an den Ausschuss" in row.inner_text()
    assert "neu" in row.inner_text()
    archived = ArchivedReport.objects.get()
    assert archived.created_by.username == "pmo" and archived.format == "pdf"
    with page.expect_download() as download:
        row.get_by_role("link", name="Herunterladen (PDF)").click()
    assert download.value.suggested_filename == archived.filename


def test_reports_pages_have_no_serious_accessibility_violations(pmo_page, site):
    page = pmo_page
    today = timezone.localdate().isoformat()
    for url in (
        f"{site}/programme/{PROGRAMME}/berichte/",
        f"{site}/programme/{PROGRAMME}/berichte/vorschau/?kind=committee&as_of={today}",
    ):
        page.goto(url)
        assert page.title()
        assert_accessible(page)
