"""The idea flow in a real browser: a citizen submits an idea on the public Konstanz pages, a
moderator approves it, three raters score it, the ranking goes onto the deciding body's
agenda, the decision creates the project, and the public idea page links to it. axe-core on
every new page, logged in and logged out."""

from datetime import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from lotse.governance.models import Meeting
from lotse.governance.models import MeetingSeries
from lotse.ideas.models import Idea
from lotse.ideas.models import ScoringRound
from lotse.public import ideas as public_ideas

from .axe import assert_accessible
from .conftest import log_in
from .conftest import new_context

KONSTANZ = "konstanz"
TITLE = "Sitzbänke mit Solar-Ladestation"


def _context(browser):
    context = new_context(browser)
    # The flow is long and the CI machine shared: allow slow pages.
    context.set_default_timeout(30_000)
    return context


def _as(browser, site, username):
    context = _context(browser)
    page = context.new_page()
    log_in(page, site, username)
    return context, page


def _recent_meeting() -> Meeting:
    """A meeting of the deciding body two weeks ago (minutes open): the agenda and the decision
    take only meetings of the last four weeks, and the demo dates Konstanz's own meetings in
    its programme period (2019-2021)."""
    day = timezone.localdate() - timedelta(days=14)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return Meeting.objects.create(
        series=MeetingSeries.objects.get(name="Lenkungskreis Digitale Agenda"),
        slot_date=day,
        date=day,
        start_time=time(14, 0),
        duration_minutes=90,
    )


def test_citizen_to_leitprojekt(browser, site, monkeypatch):
    monkeypatch.setattr(public_ideas, "MIN_FILL_SECONDS", 0)
    citizen = _context(browser)
    page = citizen.new_page()
    page.goto(f"{site}/oeffentlich/{KONSTANZ}/ideen/")
    assert_accessible(page, "public idea list")
    page.get_by_role("link", name="Idee einreichen").first.click()
    assert_accessible(page, "public idea form")
    page.get_by_label("Titel Ihrer Idee").fill(TITLE)
    page.get_by_label("Beschreibung").fill("Bänke am Seeufer, an denen man das Handy laden kann.")
    page.get_by_label("Themenfeld").select_option(label="Digitale Infrastruktur")
    page.get_by_role("button", name="Idee absenden").click()
    page.get_by_role("heading", name="Vielen Dank für Ihre Idee!").wait_for()
    assert_accessible(page, "public thanks")
    idea = Idea.objects.get(title=TITLE)
    assert idea.moderation == "pending"

    moderator, page = _as(browser, site, "pmo")
    page.goto(f"{site}/programme/{KONSTANZ}/ideen/?moderation=pending")
    assert_accessible(page, "idea inbox")
    page.get_by_role("link", name=TITLE).click()
    assert_accessible(page, "idea detail")
    page.get_by_role("button", name="Freigeben").click()
    page.get_by_text("Die Idee ist freigegeben.").wait_for()
    page.goto(f"{site}/programme/{KONSTANZ}/ideen/runden/")
    assert_accessible(page, "rounds")
    page.get_by_label("Bezeichnung").fill("Nachrunde Seeufer")
    for other in Idea.objects.filter(programme__slug=KONSTANZ).exclude(pk=idea.pk):
        box = page.locator(f"#idea-{other.pk}")
        if box.count():
            box.uncheck()
    for username in ("pmo", "bcm", "programmleitung"):
        rater = get_user_model().objects.get(username=username)
        page.locator(f"#rater-{rater.pk}").check()
    page.get_by_role("button", name="Runde anlegen").click()
    page.get_by_role("heading", name="Nachrunde Seeufer").wait_for()
    scoring_round = ScoringRound.objects.get(name="Nachrunde Seeufer")
    moderator.close()

    for n, username in enumerate(("pmo", "bcm", "programmleitung")):
        context, page = _as(browser, site, username)
        page.goto(f"{site}/bewertungsrunden/{scoring_round.pk}/")
        if n == 0:
            assert_accessible(page, "score sheet")
        inputs = page.locator("input.score-input")
        for i in range(inputs.count()):
            inputs.nth(i).fill(str((i + n) % 3 + 3))
        page.get_by_role("button", name="Bewertung abgeben").click()
        page.get_by_text("Ihre Bewertung ist abgegeben.").wait_for()
        context.close()

    meeting = _recent_meeting()
    moderator, page = _as(browser, site, "pmo")
    page.goto(f"{site}/bewertungsrunden/{scoring_round.pk}/")
    page.get_by_role("button", name="Runde abschließen").click()
    page.get_by_text("Die Runde ist abgeschlossen").wait_for()
    assert_accessible(page, "ranking")
    page.get_by_label("Sitzung").select_option(value=str(meeting.pk))
    page.get_by_role("button", name="Auf die Tagesordnung").click()
    page.get_by_text("Priorisierung der Ideen: Nachrunde Seeufer").first.wait_for()
    page.goto(f"{site}/bewertungsrunden/{scoring_round.pk}/matrix/")
    assert_accessible(page, "matrix")
    page.goto(f"{site}/ideen/{idea.pk}/")
    page.get_by_label("Sitzung").select_option(value=str(meeting.pk))
    page.get_by_label("als Leitprojekt aufnehmen").check()
    page.get_by_role("button", name="Beschluss festhalten").click()
    page.get_by_text("als Leitprojekt").first.wait_for()
    idea.refresh_from_db()
    assert idea.status == "adopted" and idea.project.stage == "idea"
    page.goto(f"{site}/programme/{KONSTANZ}/")
    assert page.get_by_text(TITLE).count() >= 1  # the Leitprojekt on the Zielbild
    moderator.close()

    page = citizen.new_page()
    page.goto(f"{site}/oeffentlich/{KONSTANZ}/ideen/{idea.pk}/")
    assert_accessible(page, "public idea detail")
    link = page.get_by_role("link", name=idea.project.title)
    assert link.get_attribute("href") == f"/oeffentlich/{KONSTANZ}/projekte/{idea.project.pk}/"
    citizen.close()


NEW_PAGES = [
    f"/programme/{KONSTANZ}/ideen/kriterien/",
    f"/programme/{KONSTANZ}/ideen/import/",
    f"/programme/{KONSTANZ}/ideen/einstellungen/",
    f"/programme/{KONSTANZ}/ideen/neu/",
    f"/programme/{KONSTANZ}/glossar/",
    f"/programme/{KONSTANZ}/leitprinzipien/",
    "/programme/potsdam/",  # Zielbild with the principles
]


def test_new_pages_axe_clean(browser, site):
    """One demo load for all remaining new pages (each page checked separately)."""
    context, page = _as(browser, site, "pmo")
    for path in NEW_PAGES:
        page.goto(site + path)
        assert page.title()
        assert_accessible(page, path)
    round_id = ScoringRound.objects.get(programme__slug=KONSTANZ).pk
    page.goto(f"{site}/bewertungsrunden/{round_id}/matrix/")
    assert_accessible(page, "demo matrix")
    context.close()
    anon = _context(browser)
    page = anon.new_page()
    for path in (f"/oeffentlich/{KONSTANZ}/", "/oeffentlich/potsdam/"):
        page.goto(site + path)
        assert_accessible(page, path)
    anon.close()
