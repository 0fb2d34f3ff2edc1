"""The main pages as the PMO sees them: no id twice on a page (a duplicate id leaves a label
pointing at the wrong control) and every form control with an accessible name (a label, a
wrapping label, aria-label, aria-labelledby or title; a button its text)."""

from collections import Counter
from datetime import date

import pytest
from django.urls import reverse
from lxml import html

from lotse.governance import services as governance
from tests.governance.factories import make_series

NAMELESS_TYPES = {"hidden", "submit", "reset", "button", "image"}


def _problems(page: str, where: str) -> list[str]:
    tree = html.fromstring(page)
    problems = []
    ids = Counter(e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id"))
    problems += [f"{where}: id „{i}“ {n}×" for i, n in ids.items() if n > 1]
    labelled = {label.get("for") for label in tree.iter("label") if label.get("for")}
    for control in tree.xpath("//input | //select | //textarea | //button"):
        kind = (control.get("type") or "").lower()
        if control.tag == "input" and kind in NAMELESS_TYPES:
            if kind == "image" and not control.get("alt"):
                problems.append(f"{where}: Bildschaltfläche ohne alt")
            continue
        if control.tag == "button" and (
            control.text_content().strip() or control.get("aria-label")
        ):
            continue
        named = (
            (control.get("id") and control.get("id") in labelled)
            or control.get("aria-label", "").strip()
            or control.get("aria-labelledby")
            or control.get("title", "").strip()
            or any(a.tag == "label" for a in control.iterancestors())
        )
        if not named:
            name = control.get("name") or control.get("id") or control.tag
            problems.append(f"{where}: {control.tag} „{name}“ ohne zugänglichen Namen")
    return problems


def _pages(cast, meeting) -> dict[str, str]:
    slug = {"slug": cast.programme.slug}
    project = {"pk": cast.project.pk}
    return {
        "Projektliste": reverse("portfolio:project_list", kwargs=slug),
        "Zielbild": reverse("portfolio:target_picture", kwargs=slug),
        "Steckbrief": reverse("portfolio:project_detail", kwargs=project),
        "Steckbrief bearbeiten": reverse("portfolio:project_edit", kwargs=project),
        "Cockpit": reverse("reporting:programme_cockpit", kwargs=slug),
        "Berichte an Gremien": reverse("council_reports:index", kwargs=slug),
        "Gremien": reverse("governance:series_list", kwargs=slug),
        "Sitzung": reverse("governance:meeting_detail", kwargs={"pk": meeting.pk}),
        "Beschlüsse": reverse("governance:decision_log", kwargs=slug),
        "Kalender": reverse("governance:feed_settings"),
        "Finanzen": reverse("finance:overview", kwargs=slug),
        "Projektfinanzen": reverse("finance:project", kwargs=project),
        "OKR": reverse("okr:project_okrs", kwargs=project),
        "Planung": reverse("planning:project_plan", kwargs=project),
        "Profil": reverse("accounts:profile"),
    }


def test_the_checker_finds_duplicates_and_nameless_controls():
    page = (
        '<html><body><form><input id="id_title" name="title"><input id="id_title">'
        '<label for="ok">A</label><select id="ok"></select><button></button>'
        "<label>B <textarea></textarea></label></form></body></html>"
    )
    problems = _problems(page, "Test")
    assert "Test: id „id_title“ 2×" in problems
    assert any("input „title“ ohne" in p for p in problems)
    assert any("button" in p for p in problems)
    assert not any("select" in p or "textarea" in p for p in problems)


@pytest.mark.django_db
def test_main_pages_have_unique_ids_and_named_controls(cast):
    series = make_series(
        cast.programme,
        name="Transformationskonferenz",
        first_date=date(2026, 1, 15),
        chair=cast.users["sponsor"],
    )
    governance.meetings_generate(series=series, start=date(2026, 1, 1), until=date(2026, 2, 28))
    meeting = series.meetings.order_by("date").first()
    client = cast.client("pmo")
    problems = []
    for where, url in _pages(cast, meeting).items():
        response = client.get(url)
        assert response.status_code == 200, where
        problems += _problems(response.content.decode(), where)
    assert problems == []
