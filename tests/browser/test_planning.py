"""Capacity in the browser: the PMO opens the heat map, follows an overloaded org unit to the
projects that cause it (keyboard only), and axe-core finds nothing serious on the pages."""

from lotse.portfolio.models import Project

from .axe import assert_accessible
from .conftest import PROGRAMME


def test_pmo_follows_an_overloaded_org_unit_to_its_projects(pmo_page, site):
    page = pmo_page
    page.goto(f"{site}/programme/{PROGRAMME}/kapazitaet/")
    page.get_by_role("heading", name="Überlastungen").wait_for()
    assert_accessible(page, "heat map")
    overloads = page.locator(".overload-list li")
    entry = overloads.filter(has_text="Fachbereich Kommunikation und Partizipation").first
    assert "mehr als die gesamte Verfügbarkeit" in entry.inner_text()
    assert "Beteiligungsportal" in entry.inner_text()
    # By keyboard: focus the org unit's link and follow it.
    link = entry.get_by_role("link", name="Fachbereich Kommunikation und Partizipation")
    link.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Welche Projekte die Auslastung verursachen").wait_for()
    table = page.locator(".capacity-table").inner_text()
    for title in ("Beteiligungsportal", "Relaunch potsdam.de", "Kommunalportal"):
        if Project.objects.filter(programme__slug=PROGRAMME, title=title).exists():
            assert title in table
    assert_accessible(page, "org unit load")
    page.get_by_role("link", name="Beteiligungsportal").first.click()
    page.get_by_role("heading", name="Wer trägt das Projekt wann?").wait_for()
    assert_accessible(page, "project plan")
