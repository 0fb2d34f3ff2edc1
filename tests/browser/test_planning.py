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


INPUT_LOOK = """e => { const s = getComputedStyle(e);
    return [s.borderTopWidth, s.borderTopStyle, s.paddingLeft, s.backgroundColor] }"""


def test_inputs_written_by_hand_look_like_the_form_inputs(pmo_page, site):
    """The heat map's month and the glossary form's term (an input without a type) had the
    browser's bare look beside the framed inputs of every form: the CSS named types only."""
    page = pmo_page
    page.goto(f"{site}/programme/{PROGRAMME}/glossar/begriffe/neu/")
    framed = page.locator("textarea[name=definition]").evaluate(INPUT_LOOK)
    assert framed == ["1px", "solid", "8px", "rgb(255, 255, 255)"], framed
    for name in ("term", "source"):
        assert page.locator(f"input[name={name}]").evaluate(INPUT_LOOK) == framed, name
    page.goto(f"{site}/programme/{PROGRAMME}/kapazitaet/")
    assert page.locator("input[type=month]").evaluate(INPUT_LOOK) == framed
