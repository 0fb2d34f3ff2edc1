"""The roadmap in a real browser: a moved milestone forecast shows as a knock-on on the
roadmap; filter and decision request by keyboard; axe-core clean on the new pages."""

from datetime import timedelta

import pytest

from lotse.reporting.models import Milestone

from .axe import assert_accessible
from .conftest import PROGRAMME

ROADMAP = f"/programme/{PROGRAMME}/roadmap/"


def _website_milestone() -> Milestone:
    return Milestone.objects.get(project__programme__slug=PROGRAMME, title="Neue Website online")


def _move_forecast(page, site: str, milestone: Milestone, value: str) -> None:
    page.goto(f"{site}/meilensteine/{milestone.pk}/bearbeiten/")
    page.get_by_label("Prognose").fill(value)
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()


def test_moving_a_forecast_shows_the_knock_on_on_the_roadmap(pmo_page, site):
    page = pmo_page
    milestone = _website_milestone()
    _move_forecast(page, site, milestone, milestone.planned_date.isoformat())
    page.goto(site + ROADMAP + "?ansicht=gesamt")
    assert "abhängig von „Relaunch potsdam.de“" not in page.content()

    later = milestone.planned_date + timedelta(days=60)
    _move_forecast(page, site, milestone, later.isoformat())
    page.goto(site + ROADMAP + "?ansicht=gesamt")
    knock_ons = page.locator("#knock-ons")
    assert "abhängig von „Relaunch potsdam.de“, verzögert um 36 Tage" in knock_ons.inner_text()
    row = page.locator("svg#roadmap g.roadmap-row.knock-on")
    assert row.count() >= 2  # the waiting and the slipping project
    assert page.locator("svg#roadmap g.roadmap-arrow.knock-on").count() >= 1


def test_filter_and_raise_a_decision_request_by_keyboard(pmo_page, site):
    page = pmo_page
    page.goto(site + ROADMAP)
    checkbox = page.get_by_label("nur Projekte mit Knock-on")
    checkbox.focus()
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    page.keyboard.press("Tab")  # on to the form's button
    assert page.evaluate("document.activeElement.textContent").strip() == "Anzeigen"
    page.keyboard.press("Enter")
    page.wait_for_url("**knock_on=on**")
    assert "knock_on=on" in page.url
    titles = page.locator("#roadmap-table tbody th[scope=row] a").all_inner_texts()
    assert "Beteiligungsportal" in titles and "Dashboard" not in " ".join(titles)

    link = page.locator("#knock-ons a", has_text="Entscheidungsbedarf erfassen").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Entscheidungsbedarf")
    question = page.get_by_label("Frage").input_value()
    assert "Wie reagieren wir auf die Verzögerung" in question


@pytest.mark.parametrize(
    "path", [ROADMAP, ROADMAP + "?ansicht=quartal", f"/programme/{PROGRAMME}/abhaengigkeiten/"]
)
def test_no_serious_accessibility_violations_on_the_roadmap_pages(pmo_page, site, path):
    page = pmo_page
    page.goto(site + path)
    assert_accessible(page, path)
