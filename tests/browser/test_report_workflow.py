"""The monthly status report in a real browser: the lead writes and submits, the PMO returns it."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from lotse.portfolio.models import Project
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import current_period

from .axe import assert_accessible
from .conftest import PROGRAMME
from .conftest import log_in
from .conftest import new_context


def test_lead_writes_and_submits_pmo_returns_with_comment(browser, site):
    project = Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal")
    # The demo already drafted this period's report; this test starts it from scratch.
    period = current_period(project.programme, timezone.localdate())
    StatusReport.objects.filter(project=project, period=period).delete()
    lead_context = new_context(browser)
    lead = lead_context.new_page()
    log_in(lead, site, "projektleitung")

    lead.goto(f"{site}/projekte/{project.pk}/cockpit/")
    expect(lead.get_by_role("heading", level=1)).to_contain_text("Projekt-Cockpit")
    assert_accessible(lead, "Projekt-Cockpit")
    lead.get_by_role("button", name=re.compile(r"^Statusbericht für .* beginnen$")).click()

    expect(lead.get_by_role("heading", level=1)).to_contain_text("Statusbericht bearbeiten")
    assert_accessible(lead, "Berichtsformular")
    lead.get_by_label("Wo steht das Projekt?").fill("Das Portal ist im Pilotbetrieb.")
    lead.get_by_label(re.compile(r"^Termine:?$")).select_option(label="rot")
    lead.get_by_label("Erläuterung Termine").fill("")  # prefilled from the last report
    lead.get_by_role("button", name="Speichern").click()

    error = "Bitte erläutern Sie, warum „Termine“ nicht grün ist."
    expect(lead.get_by_role("alert")).to_contain_text(error)
    note = lead.get_by_label("Erläuterung Termine")
    expect(note).to_have_attribute("aria-invalid", "true")
    assert_accessible(lead, "Berichtsformular mit Fehlern")
    note.fill("Der Dienstleister liefert das Bezahlmodul zwei Monate später.")
    lead.get_by_role("button", name="Speichern").click()

    expect(lead.get_by_text("Der Statusbericht wurde gespeichert.")).to_be_visible()
    expect(lead.get_by_text("Das Portal ist im Pilotbetrieb.", exact=True)).to_be_visible()
    report_url = lead.url
    assert_accessible(lead, "Statusbericht")
    lead.get_by_role("button", name="Bericht einreichen").click()
    expect(lead.get_by_text("Der Statusbericht wurde eingereicht.")).to_be_visible()
    expect(lead.get_by_role("button", name="Mit Kommentar zurückgeben")).to_have_count(0)

    pmo_context = new_context(browser)
    pmo = pmo_context.new_page()
    log_in(pmo, site, "pmo")
    pmo.goto(report_url)
    expect(
        pmo.get_by_role("cell", name=re.compile("Der Dienstleister liefert das Bezahlmodul"))
    ).to_be_visible()
    pmo.get_by_label("Kommentar des PMO").fill("Bitte die neuen Termine als Meilensteine pflegen.")
    pmo.get_by_role("button", name="Mit Kommentar zurückgeben").click()
    expect(pmo.get_by_text("an die Projektleitung zurückgegeben")).to_be_visible()
    pmo_context.close()

    lead.goto(report_url)
    expect(lead.get_by_role("heading", name="Vom PMO zurückgegeben")).to_be_visible()
    expect(lead.get_by_text("Bitte die neuen Termine als Meilensteine pflegen.")).to_be_visible()
    expect(lead.get_by_role("button", name="Bericht erneut einreichen")).to_be_visible()
    lead_context.close()
