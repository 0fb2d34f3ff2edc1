"""The goal matrix in a real browser at 1366 px: every goal column visible without scrolling
sideways, the header row stays in view, cells toggle by keyboard (htmx keeps the focus)."""

from playwright.sync_api import expect

from lotse.portfolio.models import GoalContribution

from .conftest import PROGRAMME
from .conftest import log_in
from .conftest import new_context


def test_matrix_fits_1366_px_keeps_its_header_and_toggles_by_keyboard(browser, site, tmp_path):
    context = new_context(browser, viewport={"width": 1366, "height": 768})
    context.set_default_timeout(60_000)  # the matrix page of the whole demo, on a busy machine
    page = context.new_page()
    log_in(page, site, "pmo")
    page.goto(f"{site}/programme/{PROGRAMME}/zielbeitraege/")
    assert page.locator("select").count() == 0
    headers = page.locator(".matrix thead th")
    assert headers.count() >= 7
    wrap = page.locator(".matrix-wrap")
    # All columns visible: nothing to scroll sideways, every header inside the viewport.
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth")
    for i in range(headers.count()):
        box = headers.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1366
    # A picture to look at when it fails (docs/screenshots/ holds the one the docs show; a
    # test run does not rewrite it).
    page.screenshot(path=str(tmp_path / "zielbeitragsmatrix.png"))

    # Sticky header: after scrolling the matrix down, the header row is still at its top.
    top = wrap.bounding_box()["y"]
    wrap.evaluate("el => el.scrollTo(0, el.scrollHeight)")
    header_y = headers.first.bounding_box()["y"]
    assert abs(header_y - top) < 3
    wrap.evaluate("el => el.scrollTo(0, 0)")

    # Keyboard: Tab-reachable buttons; Space toggles, the focus stays on the cell.
    button = page.locator("button.matrix-cell").first
    button_id = button.get_attribute("id")
    project_id, goal_id = (int(x) for x in button_id.removeprefix("b-").split("-"))
    before = GoalContribution.objects.filter(
        project_id=project_id, strategic_goal_id=goal_id
    ).first()
    before_level = before.level if before else ""
    label = button.get_attribute("aria-label")
    button.focus()
    page.keyboard.press("Space")
    expect(page.locator(f"#{button_id}")).not_to_have_attribute("aria-label", label)
    assert page.evaluate("document.activeElement.id") == button_id
    after = GoalContribution.objects.filter(
        project_id=project_id, strategic_goal_id=goal_id
    ).first()
    cycle = {"": "contributes", "contributes": "unclear", "unclear": ""}
    assert (after.level if after else "") == cycle[before_level]
    context.close()
