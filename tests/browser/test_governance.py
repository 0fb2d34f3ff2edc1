"""Taking a decision in a Transformationskonferenz in the real browser; axe on the meeting."""

from django.utils import timezone

from lotse.governance import services
from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.portfolio.models import Project

from .axe import assert_accessible
from .conftest import PROGRAMME
from .conftest import log_in

WORDING = "Die Ergebnisse werden abgenommen und das Projekt abgeschlossen."


def _conference() -> Meeting:
    """An extra Transformationskonferenz today: decisions are taken from the meeting's day on
    (a future meeting refuses them)."""
    series = MeetingSeries.objects.get(programme__slug=PROGRAMME, name="Transformationskonferenz")
    return services.meeting_create(series=series, data={"date": timezone.localdate()})


def test_take_a_decision_in_the_transformationskonferenz(page, site):
    meeting = _conference()
    project = (
        Project.objects.filter(programme__slug=PROGRAMME, stage="running").order_by("title").first()
    )
    log_in(page, site, "pmo")
    page.goto(f"{site}/programme/{PROGRAMME}/gremien/")
    page.get_by_role("link", name="Transformationskonferenz").first.click()
    page.goto(f"{site}/sitzungen/{meeting.pk}/")
    assert "Transformationskonferenz" in page.title()

    assert_accessible(page)

    page.get_by_role("link", name="Beschluss festhalten").click()
    page.get_by_label("Art der Entscheidung").select_option(label="Abnahme der Projektergebnisse")
    page.locator("#id_project").select_option(label=project.title)
    page.get_by_label("Beschlusstext").fill(WORDING)
    page.get_by_label("Begründung").fill("Alle Meilensteine erreicht.")
    page.get_by_role("button", name="Beschluss festhalten").click()
    page.wait_for_url(f"{site}/sitzungen/{meeting.pk}/#beschluesse")
    assert page.get_by_text("Beschluss festgehalten.").is_visible()

    page.goto(f"{site}/programme/{PROGRAMME}/beschluesse/")
    assert page.get_by_text(WORDING).is_visible()
    page.get_by_role("link", name=project.title).first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Abgeschlossen").first.is_visible()
    project.refresh_from_db()
    assert project.stage == "completed"


def test_an_agenda_items_edit_link_lines_up_with_its_buttons(page, site):
    """The "bearbeiten" link sits among the item's buttons: same height, same top, same
    small text size (it was smaller, its text at the top), reachable by keyboard with a visible
    focus outline."""
    meeting = _conference()
    services.agenda_item_add(meeting=meeting, data={"title": "Haushalt", "minutes": 10})
    log_in(page, site, "pmo")
    page.goto(f"{site}/sitzungen/{meeting.pk}/")
    actions = page.locator(".gov-item .row-actions").first
    edit = actions.get_by_role("link", name="bearbeiten")
    remove = actions.get_by_role("button", name="entfernen")
    edit_box, remove_box = edit.bounding_box(), remove.bounding_box()
    assert abs(edit_box["height"] - remove_box["height"]) < 1
    assert abs(edit_box["y"] - remove_box["y"]) < 1
    for style in ("fontSize", "paddingTop", "paddingLeft"):
        read = f"e => getComputedStyle(e).{style}"
        assert edit.evaluate(read) == remove.evaluate(read), style
    # Both small (.button--small): the class outranks `button.button` for <button>s too.
    body_size = float(page.evaluate("getComputedStyle(document.body).fontSize")[:-2])
    assert float(remove.evaluate("e => getComputedStyle(e).fontSize")[:-2]) < body_size
    edit.focus()
    assert edit.evaluate("e => e.matches(':focus-visible') || e === document.activeElement")
    assert edit.evaluate("e => getComputedStyle(e).outlineStyle") != "none"


def test_an_error_notice_looks_like_an_error(page, site):
    """A refused extra meeting comes back as a notice in the error colours, not in those of a
    plain notice: `.messages .message` outranked `.message--error`, so every notice looked
    the same whether something failed or not."""
    meeting = _conference()
    log_in(page, site, "pmo")
    page.goto(f"{site}/gremien/{meeting.series_id}/")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    form = page.locator("form[action$='/sitzung/']")
    form.locator("[name=date]").fill("2030-01-15")
    form.locator("[name=start_time]").fill("10:00")
    form.locator("[name=duration_minutes]").evaluate(
        "e => { e.removeAttribute('min'); e.value = '4' }"
    )
    form.locator("button[type=submit]").click()
    notice = page.locator(".message--error")
    assert "zwischen 5 und 720" in notice.inner_text()
    plain = page.evaluate(
        """() => { const p = document.createElement('p'); p.className = 'message';
        document.querySelector('.messages').appendChild(p);
        return getComputedStyle(p).backgroundColor }"""
    )
    assert notice.evaluate("e => getComputedStyle(e).backgroundColor") != plain
