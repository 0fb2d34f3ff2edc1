"""The OKR overview and the Quartalskonferenz show a page of objectives at a time (issue 14)."""

from django.urls import reverse

from lotse.okr.models import Objective
from lotse.okr.models import OkrLink
from lotse.okr.views import programme as views

from .conftest import set_state
from .factories import CheckInFactory
from .factories import KeyResultFactory
from .factories import QuarterFactory


def test_overview_pages_objectives_not_reached_first(cast, okr, monkeypatch):
    monkeypatch.setattr(views, "OBJECTIVES_PER_PAGE", 1)
    CheckInFactory(key_result=okr.other_key_result, value=10)  # "Beteiligung" reached
    url = reverse("okr:programme_okrs", args=[cast.programme.slug])
    client = cast.client("viewer")
    first = client.get(url, {"quartal": okr.quarter.pk})
    html = first.content.decode()
    assert "Portal nutzen" in html and "Beteiligung" not in html
    assert first.context["total"].total == 2  # the table still counts every objective
    assert "seite=2" in html
    second = client.get(url, {"quartal": okr.quarter.pk, "seite": 2}).content.decode()
    assert "Beteiligung" in second and "Portal nutzen" not in second


def test_conference_pages_the_reviews(cast, okr, monkeypatch):
    monkeypatch.setattr(views, "OBJECTIVES_PER_PAGE", 1)
    set_state(okr.quarter, "review")
    url = reverse("okr:conference", args=[cast.programme.slug])
    response = cast.client("sponsor").get(url, {"quartal": okr.quarter.pk})
    html = response.content.decode()
    assert html.count('class="okr-conf-objective"') == 1
    assert "0 von 2 Objectives mit Review" in html
    assert "seite=2" in html


def test_conference_shows_stored_scores_and_link_titles(cast, okr):
    """The page reads the objectives' stored scores, as its table of fields does, instead of
    scoring their key results again; of a link it loads only the titles it shows (issue 14)."""
    set_state(okr.quarter, "review")
    OkrLink.objects.create(
        kind="synergy",
        from_objective=okr.objective,
        from_key_result=okr.key_result,
        to_objective=okr.other_objective,
        to_key_result=KeyResultFactory(objective=okr.other_objective, title="Zweites <KR>"),
        note="Gemeinsam & früh",
    )
    Objective.objects.filter(pk=okr.other_objective.pk).update(progress=0.42)  # no check-in
    url = reverse("okr:conference", args=[cast.programme.slug])
    html = cast.client("sponsor").get(url, {"quartal": okr.quarter.pk}).content.decode()
    assert "Beteiligung</h3>" in html and "42 % –" in html
    assert f"{cast.project.title}: Portal nutzen (Online-Anträge je Monat)" in html
    assert f"{cast.other_project.title}: Beteiligung (Zweites &lt;KR&gt;)" in html
    assert "Gemeinsam &amp; früh" in html


def test_conference_lists_the_drafts_with_what_it_shows_of_them(cast, okr):
    set_state(okr.quarter, "review")
    nxt = QuarterFactory(programme=cast.programme, year=2026, number=3, state="planning")
    Objective.objects.create(
        project=cast.project, quarter=nxt, title="Weiter <nutzen>", copied_from=okr.objective
    )
    Objective.objects.create(project=cast.other_project, quarter=nxt, title="Neu")
    url = reverse("okr:conference", args=[cast.programme.slug])
    html = cast.client("sponsor").get(url, {"quartal": okr.quarter.pk}).content.decode()
    assert f"{cast.project.title}: Weiter &lt;nutzen&gt; " in html
    assert html.count(", übernommen)") == 1
    assert f"{cast.other_project.title}: Neu " in html
