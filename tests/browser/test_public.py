"""The public transparency pages in a real browser, logged out: they load, show no internal
navigation, and axe-core finds no serious or critical violation on any of them."""

import pytest

from lotse.portfolio.models import Project

from .axe import assert_accessible
from .conftest import PROGRAMME


@pytest.fixture
def public_site(site):
    return site


def _portal() -> Project:
    return Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal")


PAGES = {
    "start": lambda: "/oeffentlich/",
    "programm": lambda: f"/oeffentlich/{PROGRAMME}/",
    "themenfeld": lambda: f"/oeffentlich/{PROGRAMME}/themenfelder/{_portal().field_of_action_id}/",
    "projekte": lambda: f"/oeffentlich/{PROGRAMME}/projekte/",
    "projekt": lambda: f"/oeffentlich/{PROGRAMME}/projekte/{_portal().pk}/",
    "offene-daten": lambda: f"/oeffentlich/{PROGRAMME}/daten/",
    "impressum": lambda: "/oeffentlich/impressum/",
    "datenschutz": lambda: "/oeffentlich/datenschutz/",
    "barrierefreiheit": lambda: "/oeffentlich/barrierefreiheit/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_public_page_is_accessible_when_logged_out(page, public_site, name):
    response = page.goto(public_site + PAGES[name]())
    assert response.status == 200
    assert page.title()
    assert not page.context.cookies(), "public pages set no cookie"
    # No internal navigation for the public, but the legal links in the footer.
    assert page.get_by_role("link", name="Cockpit").count() == 0
    footer = page.get_by_role("navigation", name="Rechtliches")
    assert footer.get_by_role("link", name="Erklärung zur Barrierefreiheit").is_visible()
    assert_accessible(page, name)


def test_a_visitor_walks_from_the_programme_to_a_project(page, public_site):
    page.goto(f"{public_site}/oeffentlich/{PROGRAMME}/")
    page.keyboard.press("Tab")
    assert page.get_by_role("link", name="Zum Inhalt springen").evaluate(
        "el => el === document.activeElement"
    )
    assert page.locator("svg#chart-stages").is_visible()
    page.get_by_role("link", name="Kommunalportal").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Kommunalportal"
    assert "Beispieltext der Demo" in page.content()
    assert page.get_by_text("Petra Probelauf").is_visible()  # she opted in
    page.get_by_role("link", name="Offene Daten").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Projekte als CSV").is_visible()
