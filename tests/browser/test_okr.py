"""OKRs in the real browser: the demo project lead posts a check-in; the page passes axe."""

from lotse.portfolio.models import Project

from .axe import assert_accessible
from .conftest import PROGRAMME
from .conftest import log_in


def _portal() -> Project:
    return Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal")


def test_project_lead_posts_a_check_in(page, site):
    log_in(page, site, "projektleitung")
    page.goto(f"{site}/projekte/{_portal().pk}/okr/")
    page.get_by_role("link", name="Check-in erfassen für Online-Anträge je Monat").click()
    page.get_by_label("Aktueller Wert").fill("1.234,5")  # a count: no unit in the label
    page.get_by_label("Zuversicht (0–10)").fill("8")
    page.get_by_label("Kommentar").fill("Zahl aus dem Browser-Test")
    page.get_by_role("button", name="Check-in speichern").click()
    page.wait_for_load_state()
    errors = page.locator(".errorlist").all_inner_texts()
    assert "Ihr Check-in wurde gespeichert." in page.content(), errors
    page.reload()
    history = page.locator("table.okr-history")
    assert "Zahl aus dem Browser-Test" in history.inner_text()
    assert "1.234,50" in history.inner_text()


def test_project_okr_page_has_no_serious_accessibility_violations(page, site):
    log_in(page, site, "projektleitung")
    for path in (f"/projekte/{_portal().pk}/okr/", f"/programme/{PROGRAMME}/okr/"):
        page.goto(site + path)
        assert page.title()
        assert_accessible(page)
