"""Attachments and search in a real browser: the PMO attaches the Projekthandbuch to a
project's Steckbrief and finds it with the search box in the header; a person whose only role
is in another programme searches for the same word and finds nothing."""

from django.contrib.auth import get_user_model

from lotse.accounts.models import ProgrammeRole
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .conftest import DEMO_PASSWORD
from .conftest import log_in

WORD = "Seesternhandbuch"


def test_pmo_attaches_and_finds_it_others_do_not(browser, site, settings, tmp_path, pmo_page):
    settings.MEDIA_ROOT = tmp_path / "media"
    page = pmo_page
    project = Project.objects.get(programme__slug="potsdam", title="Kommunalportal")
    page.goto(f"{site}/projekte/{project.pk}/")
    section = page.locator("#anhaenge")
    section.get_by_label("Titel").fill(f"Projekthandbuch {WORD}")
    pdf = tmp_path / "projekthandbuch.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    section.get_by_label("Datei", exact=True).set_input_files(str(pdf))
    section.get_by_role("button", name="Anhängen").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"„Projekthandbuch {WORD}“ ist angehängt.").is_visible()
    assert (
        page.locator("#anhaenge").get_by_role("link", name=f"Projekthandbuch {WORD}").is_visible()
    )

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill(WORD)
    search.get_by_role("searchbox").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Anhänge (1)").is_visible()
    link = page.get_by_role("link", name=f"Projekthandbuch {WORD}")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "projekthandbuch.pdf"

    # Someone with a role only in Konstanz: no hit, not even the title.
    other = get_user_model().objects.create_user("nur-konstanz", password=DEMO_PASSWORD)
    ProgrammeRole.objects.create(
        user=other, programme=Programme.objects.get(slug="konstanz"), role="viewer"
    )
    context = browser.new_context(locale="de-DE")
    stranger = context.new_page()
    log_in(stranger, site, "nur-konstanz")
    stranger.goto(f"{site}/suche/?q={WORD}")
    assert stranger.get_by_text("Keine Treffer.").is_visible()
    assert stranger.get_by_role("link", name=f"Projekthandbuch {WORD}").count() == 0
    context.close()
