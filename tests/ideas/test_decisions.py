"""The ranking on the deciding body's agenda, and the decisions about ideas."""

import re
from datetime import date
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.governance.models import Meeting
from lotse.ideas import decisions
from lotse.ideas import services
from lotse.ideas.models import Idea
from lotse.public.models import ProgrammePublication
from tests.governance.factories import make_series

from .conftest import make_idea


@pytest.fixture
def tk_meeting(cast) -> Meeting:
    series = make_series(
        cast.programme,
        name="Transformationskonferenz",
        cadence="weeks",
        interval_weeks=6,
        first_date=date(2025, 1, 9),
        duration_minutes=90,
        powers=[DecisionKind.RELEASE_INITIATION, DecisionKind.OTHER],
    )
    day = timezone.localdate()  # Beschlüsse erst ab dem Sitzungstag
    return Meeting.objects.create(
        series=series, slot_date=day, date=day, start_time=time(10, 0), duration_minutes=90
    )


@pytest.fixture
def closed_round(cast, ideas):
    second = make_idea(cast.programme, cast.field, title="Bürgerportal-App")
    scoring_round = services.round_create(
        programme=cast.programme,
        name="Runde 1",
        ideas=[ideas.approved, second],
        raters=[cast.users["pmo"]],
    )
    services.scores_save(
        scoring_round=scoring_round,
        rater=cast.users["pmo"],
        values={
            (i.pk, c.pk): (4 if i == ideas.approved else 1)
            for i in (ideas.approved, second)
            for c in ideas.criteria
        },
    )
    services.round_close(scoring_round=scoring_round, user=cast.users["pmo"])
    scoring_round.refresh_from_db()
    return scoring_round


def test_ranking_goes_on_the_agenda_once(cast, ideas, closed_round, tk_meeting):
    item = decisions.ranking_to_agenda(
        scoring_round=closed_round, meeting=tk_meeting, user=cast.users["pmo"]
    )
    assert item.meeting == tk_meeting and "Runde 1" in item.title
    assert "1. Online-Terminvergabe Bürgeramt" in item.description
    assert tk_meeting.agenda_items.count() == 1
    with pytest.raises(ValidationError):
        decisions.ranking_to_agenda(
            scoring_round=closed_round, meeting=tk_meeting, user=cast.users["pmo"]
        )


def test_open_round_stays_off_the_agenda(cast, ideas, tk_meeting):
    scoring_round = services.round_create(
        programme=cast.programme, name="offen", ideas=[ideas.approved], raters=[cast.users["pmo"]]
    )
    with pytest.raises(ValidationError):
        decisions.ranking_to_agenda(
            scoring_round=scoring_round, meeting=tk_meeting, user=cast.users["pmo"]
        )


def test_body_without_power_cannot_decide(cast, ideas, closed_round, tk_meeting):
    tk_meeting.series.powers = [DecisionKind.RELEASE_INITIATION]
    tk_meeting.series.save()
    with pytest.raises(ValidationError) as exc:
        decisions.idea_adopt(idea=ideas.approved, meeting=tk_meeting, user=cast.users["pmo"])
    assert "Transformationskonferenz" in str(exc.value)
    assert not Idea.objects.get(pk=ideas.approved.pk).project_id


def test_adopt_creates_project_in_stage_idea(cast, ideas, closed_round, tk_meeting):
    decisions.ranking_to_agenda(
        scoring_round=closed_round, meeting=tk_meeting, user=cast.users["pmo"]
    )
    project = decisions.idea_adopt(idea=ideas.approved, meeting=tk_meeting, user=cast.users["pmo"])
    assert project.stage == "idea" and project.field_of_action == cast.field
    assert project.title == ideas.approved.title
    assert "Bewertung in „Runde 1“" in project.description and "Rang 1" in project.description
    idea = Idea.objects.get(pk=ideas.approved.pk)
    assert idea.status == "adopted" and idea.project == project
    decision = Decision.objects.get(project=project)
    assert (
        decision.kind == DecisionKind.OTHER
        and decision.agenda_item_id == closed_round.agenda_item_id
    )
    assert idea.decision == decision
    with pytest.raises(ValidationError):
        decisions.idea_adopt(idea=idea, meeting=tk_meeting, user=cast.users["pmo"])


def test_reject_with_public_reason(cast, ideas, closed_round, tk_meeting):
    with pytest.raises(ValidationError):
        decisions.idea_reject(idea=ideas.approved, meeting=tk_meeting, user=None, reason="")
    decisions.idea_reject(
        idea=ideas.approved,
        meeting=tk_meeting,
        user=cast.users["pmo"],
        reason="Läuft schon im Land.",
    )
    idea = Idea.objects.get(pk=ideas.approved.pk)
    assert idea.status == "rejected" and idea.decision.rationale == "Läuft schon im Land."


def test_decision_pages_and_public_link(cast, ideas, closed_round, tk_meeting):
    pmo = cast.client("pmo")
    page = pmo.get(reverse("ideas:round", args=[closed_round.pk])).content.decode()
    assert "Auf die Tagesordnung" in page
    response = pmo.post(
        reverse("ideas:round_to_agenda", args=[closed_round.pk]), {"meeting": tk_meeting.pk}
    )
    assert response.status_code == 302 and response["Location"] == tk_meeting.get_absolute_url()
    assert (
        cast.client("change_manager")
        .post(
            reverse("ideas:decide", args=[ideas.approved.pk]),
            {"meeting": tk_meeting.pk, "outcome": "adopt"},
        )
        .status_code
        == 403
    )
    response = pmo.post(
        reverse("ideas:decide", args=[ideas.approved.pk]),
        {"meeting": tk_meeting.pk, "outcome": "adopt"},
    )
    project = Idea.objects.get(pk=ideas.approved.pk).project
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    # the public idea page links to the project once it is published
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    url = reverse("public:idea_detail", args=[cast.programme.slug, ideas.approved.pk])
    page = Client().get(url).content.decode()
    assert "als Projekt aufgenommen" in page
    assert project.published  # the idea was public, so is its project
    assert reverse("public:project", args=[cast.programme.slug, project.pk]) in page
    project.published = False
    project.save()
    page = Client().get(url).content.decode()
    assert reverse("public:project", args=[cast.programme.slug, project.pk]) not in page


def test_steckbrief_links_back_to_the_idea(cast, ideas, closed_round, tk_meeting):
    project = decisions.idea_adopt(idea=ideas.approved, meeting=tk_meeting, user=cast.users["pmo"])
    page = cast.client("viewer").get(project.get_absolute_url()).content.decode()
    assert reverse("ideas:detail", args=[ideas.approved.pk]) in page


def test_a_too_long_project_title_is_refused_not_cut(cast, ideas, tk_meeting):
    """The title the decision form takes for the new project has no `maxlength` (the browser
    cut pasted text silently) and the server no longer cuts it at 200: too long a title is
    refused naming the field as the form labels it (not the model's „Titel“), and no project
    comes of the idea."""
    pmo = cast.client("pmo")
    page = pmo.get(reverse("ideas:detail", args=[ideas.approved.pk])).content.decode()
    [title_input] = re.findall(r'<input[^>]*id="decide-title"[^>]*>', page)
    assert "maxlength" not in title_input
    data = {"meeting": tk_meeting.pk, "outcome": "adopt", "title": "T" * 201}
    response = pmo.post(reverse("ideas:decide", args=[ideas.approved.pk]), data, follow=True)
    assert "„Projekttitel (leer: Titel der Idee)“: Bitte geben Sie höchstens 200 Zeichen an." in [
        str(m) for m in response.context["messages"]
    ]
    assert "Projekttitel (leer: Titel der Idee)</label>" in page
    assert Idea.objects.get(pk=ideas.approved.pk).project is None
    data["title"] = "T" * 200
    pmo.post(reverse("ideas:decide", args=[ideas.approved.pk]), data)
    assert Idea.objects.get(pk=ideas.approved.pk).project.title == "T" * 200


def test_a_refused_decision_keeps_what_was_typed_once(cast, ideas, tk_meeting):
    """The decision form is written by hand: refused, its meeting, outcome, title and reason
    stand in it again with the reason beside the typed fields, once (lotse.drafts)."""
    from tests.kept import shown_field

    pmo = cast.client("pmo")
    url = reverse("ideas:decide", args=[ideas.approved.pk])
    data = {"meeting": tk_meeting.pk, "outcome": "adopt", "title": "T" * 201, "reason": "Gut"}
    html = pmo.post(url, data, follow=True).content.decode()
    title = shown_field(html, url, "title")
    assert title.value == "T" * 201 and title.invalid
    assert title.errors == [
        "„Projekttitel (leer: Titel der Idee)“: Bitte geben Sie höchstens 200 Zeichen an."
    ]
    assert shown_field(html, url, "reason").value == "Gut"
    assert shown_field(html, url, "meeting").value == str(tk_meeting.pk)
    assert 'id="outcome-adopt" name="outcome" value="adopt" checked' in html
    page = pmo.get(reverse("ideas:detail", args=[ideas.approved.pk])).content.decode()
    assert shown_field(page, url, "title").value == "" and "checked" not in page


def _decide_messages(client, idea, data) -> list[str]:
    response = client.post(reverse("ideas:decide", args=[idea.pk]), data, follow=True)
    return [str(m) for m in response.context["messages"]]


def test_the_decision_checks_the_ideas_state_before_the_input(cast, ideas, tk_meeting):
    """An idea that cannot be decided gets the message about its state, not one about what was
    typed into the form (a too-long title, a missing meeting or reason)."""
    pmo = cast.client("pmo")
    too_long = {"meeting": tk_meeting.pk, "outcome": "adopt", "title": "T" * 201}
    assert _decide_messages(pmo, ideas.pending, too_long) == [
        "Nur freigegebene Ideen können aufgenommen werden."
    ]
    decisions.idea_adopt(idea=ideas.approved, meeting=tk_meeting, user=cast.users["pmo"])
    adopted = Idea.objects.get(pk=ideas.approved.pk)
    already = ["Diese Idee ist schon als Projekt aufgenommen."]
    assert _decide_messages(pmo, adopted, too_long) == already
    assert _decide_messages(pmo, adopted, {"outcome": "adopt"}) == already
    assert _decide_messages(pmo, adopted, {"outcome": "reject", "reason": ""}) == already
    # an idea that may be adopted: the meeting first, then the title
    fresh = make_idea(cast.programme, cast.field, title="Digitale Bauakte")
    assert _decide_messages(pmo, fresh, {"outcome": "adopt", "title": "T" * 201}) == [
        "Bitte wählen Sie die Sitzung, in der beschlossen wurde."
    ]
    assert _decide_messages(pmo, fresh, too_long) == [
        "„Projekttitel (leer: Titel der Idee)“: Bitte geben Sie höchstens 200 Zeichen an."
    ]
    assert _decide_messages(pmo, fresh, {"outcome": "reject", "reason": ""}) == [
        "Bitte nennen Sie den Grund; er erscheint öffentlich."
    ]
    assert Idea.objects.get(pk=fresh.pk).status == fresh.status


def test_an_adopted_ideas_status_stays_by_hand_and_through_the_api(cast, ideas, tk_meeting):
    """Setting the status by hand (the API's `status`, the page's "Status setzen") is the
    decision's act without the record: on an adopted idea it is refused with the decision's
    message, before the reason is asked for."""
    decisions.idea_adopt(idea=ideas.approved, meeting=tk_meeting, user=cast.users["pmo"])
    already = ["Diese Idee ist schon als Projekt aufgenommen."]
    url = f"/api/v1/ideas/{ideas.approved.pk}/status"
    pmo = cast.client("pmo")
    for body in ({"status": "rejected"}, {"status": "rejected", "reason": "Gibt es schon."}):
        response = pmo.post(url, body, content_type="application/json")
        assert response.status_code == 422
        assert response.json()["errors"] == {"__all__": already}
    page = reverse("ideas:status", args=[ideas.approved.pk])
    response = pmo.post(page, {"status": "received"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == already
    idea = Idea.objects.get(pk=ideas.approved.pk)
    assert idea.status == "adopted" and idea.project_id is not None
