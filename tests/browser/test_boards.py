"""The Kanban board in a real browser: drag and drop, the keyboard way, accessibility."""

from lotse.boards.models import Card
from lotse.portfolio.models import Project

from .axe import assert_accessible
from .conftest import PROGRAMME
from .conftest import log_in

CARD_DRAG = "Antragsstrecke Wohngeld testen"
CARD_KEYS = "Leistungsbeschreibungen für 10 OZG-Leistungen prüfen"


def _open_board(page, site) -> None:
    project = Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal")
    page.goto(f"{site}/boards/projekt/{project.pk}/")
    page.wait_for_selector("#board")


def _column_of(page, title: str) -> str:
    card = page.locator(".board-card", has_text=title)
    return card.evaluate(
        "el => el.closest('.board-column').querySelector('.board-column__title').firstChild"
        ".textContent.trim()"
    )


def test_drag_card_to_another_column_persists(page, site):
    log_in(page, site, "projektteam")
    _open_board(page, site)
    assert _column_of(page, CARD_DRAG) == "Aufgabe"
    card = page.locator(".board-card", has_text=CARD_DRAG)
    target = page.locator(".board-column", has=page.locator("h2", has_text="In Arbeit")).locator(
        ".card-list"
    )
    card.drag_to(target)
    status = page.locator("#board-status")
    status.filter(has_text="steht jetzt in „In Arbeit“").wait_for()
    page.reload()
    page.wait_for_selector("#board")
    assert _column_of(page, CARD_DRAG) == "In Arbeit"
    assert Card.objects.get(title=CARD_DRAG).column.name == "In Arbeit"


def test_move_card_with_the_keyboard_only_persists(page, site):
    log_in(page, site, "projektteam")
    _open_board(page, site)
    assert _column_of(page, CARD_KEYS) == "Aufgabe"
    summary = page.locator(".board-card", has_text=CARD_KEYS).locator(".card-move summary")
    for _ in range(300):
        page.keyboard.press("Tab")
        if summary.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the card's move control is not reachable with Tab")
    page.keyboard.press("Enter")  # opens the move menu
    page.keyboard.press("Tab")  # column select
    column_select = page.locator(".board-card", has_text=CARD_KEYS).locator("select")
    assert column_select.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowDown")  # Aufgabe → In Arbeit
    page.keyboard.press("ArrowDown")  # → Erledigt
    assert column_select.evaluate("el => el.options[el.selectedIndex].text") == "Erledigt"
    page.keyboard.press("Tab")  # position
    page.keyboard.type("1")
    page.keyboard.press("Tab")  # the "Verschieben" button
    page.keyboard.press("Enter")
    page.locator("#board-status").filter(
        has_text="steht jetzt in „Erledigt“ an Position 1"
    ).wait_for()
    page.reload()
    page.wait_for_selector("#board")
    assert _column_of(page, CARD_KEYS) == "Erledigt"
    first_done = page.locator(".board-column", has=page.locator("h2", has_text="Erledigt"))
    assert first_done.locator(".board-card").first.inner_text().startswith(CARD_KEYS)


def test_move_form_works_without_javascript(browser, site):
    from .conftest import new_context

    context = new_context(browser, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, site, "projektteam")
        _open_board(page, site)
        card = page.locator(".board-card", has_text=CARD_DRAG)
        card.locator("summary").click()
        card.locator("select").select_option(label="Erledigt")
        card.get_by_role("button", name="Verschieben").click()
        page.wait_for_load_state()
        assert "steht jetzt in „Erledigt“" in page.locator(".messages").inner_text()
        assert _column_of(page, CARD_DRAG) == "Erledigt"
    finally:
        context.close()


def test_board_page_has_no_serious_accessibility_violations(page, site):
    log_in(page, site, "pmo")
    _open_board(page, site)
    page.locator(".card-move summary").first.click()  # an open move menu is checked too
    assert_accessible(page, "board")


def test_other_board_pages_have_no_serious_accessibility_violations(page, site):
    log_in(page, site, "pmo")
    _open_board(page, site)
    board_url = page.url
    page.locator(".board-card__title a").first.click()
    page.wait_for_selector("#h-history")
    assert_accessible(page, "card")
    page.goto(board_url + "einstellungen/")
    assert_accessible(page, "settings")
    project = Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal")
    page.goto(f"{site}/boards/projekt/{project.pk}/retrospektiven/")
    assert_accessible(page, "retrospectives")
    page.goto(f"{site}/boards/meine-karten/")
    assert_accessible(page, "my cards")
    page.goto(f"{site}/boards/programm/{PROGRAMME}/")
    assert_accessible(page, "overview")
