"""The OZG catalogue in a real browser: the overview is reachable and usable with the keyboard
alone, from the level table to the filtered list and on to a service (axe-core on the
catalogue's pages: test_accessibility.py)."""

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
