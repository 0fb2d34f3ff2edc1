"""The OZG catalogue in a real browser: the overview is reachable and usable with the keyboard
alone (from the level table to the filtered list and on to a service), and axe-core finds
nothing serious on the catalogue's pages."""

import pytest

from lotse.ozg.models import PublicService

from .axe import assert_page_accessible
from .conftest import PROGRAMME


def _tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_overview_with_the_keyboard_only(pmo_page, site):
    page = pmo_page
    page.goto(f"{site}/programme/{PROGRAMME}/ozg/")
    assert page.locator("svg#chart-ozg-levels").is_visible()
    assert page.locator("#ozg-timeline").is_visible()
    _tab_to(page, "#ozg-levels a[href$='?reifegrad=3']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ozg/leistungen/?reifegrad=3")
    rows = page.locator("#ozg-services tbody tr")
    assert rows.count() > 0
    _tab_to(page, "#ozg-services tbody th a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ozg/leistungen/*/")
    assert "3 – Online-Antrag mit Nachweisen" in page.locator("#ozg-maturity").inner_text()


def _service() -> int:
    return PublicService.objects.filter(programme__slug=PROGRAMME).order_by("pk").first().pk


OZG_PAGES = {
    "uebersicht": lambda: f"/programme/{PROGRAMME}/ozg/",
    "leistungen": lambda: f"/programme/{PROGRAMME}/ozg/leistungen/",
    "leistung": lambda: f"/ozg/leistungen/{_service()}/",
    "import": lambda: f"/programme/{PROGRAMME}/ozg/import/",
    "einstellungen": lambda: f"/programme/{PROGRAMME}/ozg/einstellungen/",
    "oeffentlich": lambda: f"/oeffentlich/{PROGRAMME}/ozg/",
}


@pytest.mark.parametrize("name", list(OZG_PAGES))
def test_ozg_pages_have_no_serious_accessibility_violations(pmo_page, site, name):
    assert_page_accessible(pmo_page, site + OZG_PAGES[name](), name)
