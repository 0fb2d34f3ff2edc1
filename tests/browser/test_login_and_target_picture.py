"""Logging in through the real form and reading the Zielbild, with keyboard and narrow screens."""

import re

import pytest
from playwright.sync_api import expect

from ..demo import POTSDAM_FIELDS_OF_ACTION
from .conftest import PROGRAMME
from .conftest import log_in
from .conftest import new_context


def test_login_lands_on_the_target_picture(page, site):
    log_in(page, site, "projektleitung")

    page.wait_for_url(f"{site}/programme/{PROGRAMME}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Zielbild")
    for name in POTSDAM_FIELDS_OF_ACTION:
        expect(page.get_by_role("heading", level=3, name=name, exact=True)).to_be_visible()
    for title in ("Kommunalportal", "Beteiligungsportal", "Social Intranet"):
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    # The stage is written out next to the project, not only shown as a colour.
    kommunalportal = page.locator(".project-chips li", has_text="Kommunalportal").first
    expect(kommunalportal).to_contain_text("In Umsetzung")
    expect(kommunalportal.locator(".stage")).to_have_text("In Umsetzung")


def test_wrong_password_shows_a_german_error(page, site):
    log_in(page, site, "pmo", password="falsch")

    assert page.url.startswith(f"{site}/konto/anmelden/")
    error = page.get_by_role("main").locator(".errorlist")
    expect(error).to_be_visible()
    expect(error).to_contain_text(
        re.compile(r"Anmeldung ist fehlgeschlagen: Benutzername oder Passwort stimmen nicht")
    )
    expect(page.locator("html")).to_have_attribute("lang", "de")
    # Still on the login form, ready for another try.
    expect(page.get_by_label("Passwort")).to_be_visible()


def test_skip_link_is_first_and_moves_focus_to_the_content(pmo_page):
    page = pmo_page
    skip_link = page.get_by_role("link", name="Zum Inhalt springen")
    assert skip_link.bounding_box()["y"] < 0, "the skip link stays off screen until focused"

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Zum Inhalt springen")
    assert focused.bounding_box()["y"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    expect(page.locator("main#inhalt")).to_be_focused()


def _assert_no_horizontal_scrolling(page, url: str) -> None:
    page.goto(url)
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width + 1, (
        f"{url} scrolls sideways at {inner_width}px: the page is {scroll_width}px wide"
    )


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 375, "height": 800}, id="phone"),
        # 200 % browser zoom on a 1280px desktop leaves 640 CSS pixels (WCAG 1.4.4 / 1.4.10).
        pytest.param({"width": 640, "height": 450}, id="zoom-200"),
    ],
)
def test_no_horizontal_scrolling_on_narrow_screens(browser, site, viewport):
    context = new_context(browser, viewport=viewport)
    try:
        page = context.new_page()
        log_in(page, site, "pmo")
        for path in (f"/programme/{PROGRAMME}/", f"/programme/{PROGRAMME}/projekte/"):
            _assert_no_horizontal_scrolling(page, site + path)
    finally:
        context.close()
