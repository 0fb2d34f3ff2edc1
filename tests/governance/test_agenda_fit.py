"""Agendas that fit: only what is due, by priority, further topics collapsed, overflow warned."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lotse.governance import agenda
from lotse.governance import selectors
from lotse.governance import services
from lotse.governance.models import AgendaItem
from lotse.portfolio.models import Project
from lotse.portfolio.services import project_propose_release
from lotse.portfolio.services import project_report_completion
from tests.reporting.factories import DecisionRequestFactory
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import page_status

from ..api.conftest import call
from ..factories import ProjectFactory
from .conftest import TODAY
from .conftest import meeting_of

pytestmark = pytest.mark.django_db


def _waiting(cast, title: str, stage: str = "planning") -> Project:
    return ProjectFactory(
        programme=cast.programme, field_of_action=cast.field, title=title, stage=stage
    )


def test_release_is_due_only_when_proposed_or_requested(cast, tk, tk_meeting):
    proposed = _waiting(cast, "Vorgeschlagen")
    requested = _waiting(cast, "Angefragt", "start_soon")
    _waiting(cast, "Wartet nur")
    project_propose_release(project=proposed, user=cast.users["pmo"])
    DecisionRequestFactory(
        project=requested, question="Starten?", addressed_to="transformation_conference"
    )
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    initiations = set(
        tk_meeting.agenda_items.filter(kind=AgendaItem.Kind.INITIATION).values_list(
            "project__title", flat=True
        )
    )
    assert initiations == {"Vorgeschlagen", "Angefragt"}
    further = agenda.further_topics(tk_meeting, TODAY)
    assert [(t.title, t.reason) for t in further] == [
        ("Freigabe Projektinitiierung: Wartet nur", "nicht zur Freigabe vorgeschlagen")
    ]


def test_acceptance_is_due_only_after_the_lead_reported_completion(cast, tk, tk_meeting):
    Project.objects.filter(pk=cast.project.pk).update(
        stage="running", planned_end=TODAY - timedelta(days=1)
    )
    cast.project.refresh_from_db()
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    assert not tk_meeting.agenda_items.filter(kind=AgendaItem.Kind.ACCEPTANCE).exists()
    project_report_completion(project=cast.project, user=cast.users["project_lead"])
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    assert tk_meeting.agenda_items.filter(
        kind=AgendaItem.Kind.ACCEPTANCE, project=cast.project
    ).exists()


def test_requests_that_can_wait_are_further_topics_and_urgent_ones_come_first(cast, tk, tk_meeting):
    meeting_of(tk, TODAY + timedelta(days=42))  # the next Transformationskonferenz
    body = "transformation_conference"
    later = DecisionRequestFactory(
        project=cast.project,
        question="Später?",
        addressed_to=body,
        needed_by=TODAY + timedelta(days=60),
    )
    soon = DecisionRequestFactory(
        project=cast.project,
        question="Bald?",
        addressed_to=body,
        needed_by=TODAY + timedelta(days=20),
    )
    overdue = DecisionRequestFactory(
        project=cast.project,
        question="Überfällig?",
        addressed_to=body,
        needed_by=TODAY - timedelta(days=2),
    )
    escalated = DecisionRequestFactory(
        project=cast.project, question="Eskaliert?", addressed_to="project_check"
    )
    services.decision_request_escalate(
        request=escalated, reason="Keine Einigung.", user=cast.users["pmo"]
    )
    services.agenda_item_add(meeting=tk_meeting, data={"title": "Begrüßung", "minutes": 5})
    agenda.agenda_assemble(meeting=tk_meeting, today=TODAY)
    order = list(
        tk_meeting.agenda_items.order_by("position").values_list("decision_request_id", flat=True)
    )
    assert order == [None, escalated.pk, overdue.pk, soon.pk]
    assert [t.decision_request_id for t in agenda.further_topics(tk_meeting, TODAY)] == [later.pk]


def _fill(meeting, minutes: list[int]) -> list[AgendaItem]:
    return [
        services.agenda_item_add(meeting=meeting, data={"title": f"Punkt {i}", "minutes": m})
        for i, m in enumerate(minutes, start=1)
    ]


def test_fit_names_the_items_that_do_not_fit(tk_meeting):
    items = _fill(tk_meeting, [30, 20, 15, 20])  # the meeting lasts 60 minutes
    fit = agenda.agenda_fit(list(tk_meeting.agenda_items.order_by("position")), 60)
    assert (fit.total, fit.fits) == (85, False)
    assert fit.overflow == items[2:]
    assert agenda.agenda_fit(items[:2], 60).fits


def test_meeting_page_warns_about_overflow_and_collapses_further_topics(cast, tk, tk_meeting):
    _fill(tk_meeting, [40, 30])
    _waiting(cast, "Wartet nur")
    page = cast.client("viewer").get(tk_meeting.get_absolute_url()).content.decode()
    assert "Die Tagesordnung passt nicht in die Sitzung: 70 von 60 Minuten." in page
    warning = page[page.index('id="agenda-overflow"') :]
    warning = warning[: warning.index("</div>")]
    assert "Punkt 2" in warning and "Punkt 1" not in warning
    assert '<details class="card gov-further" id="weitere-themen">' in page
    assert "Freigabe Projektinitiierung: Wartet nur" in page
    assert "nicht zur Freigabe vorgeschlagen" in page


def test_the_warning_says_how_many_more_items_end_after_the_meeting(
    cast, tk, tk_meeting, monkeypatch
):
    """The notice lists a page's worth of items (issue 14) and counts the rest, from the
    query that finds them."""
    from lotse.governance.views import meetings as views

    monkeypatch.setattr(views, "AGENDA_PER_PAGE", 2)
    _fill(tk_meeting, [60, 5, 5, 5, 5])
    url = tk_meeting.get_absolute_url()
    page = cast.client("viewer").get(url).content.decode()
    warning = page[page.index('id="agenda-overflow"') :]
    warning = warning[: warning.index("</div>")]
    assert "Punkt 2" in warning and "Punkt 3" in warning and "Punkt 4" not in warning
    assert "<p>… und 2 weitere Punkte</p>" in warning
    tk_meeting.agenda_items.get(title="Punkt 5").delete()
    page = cast.client("viewer").get(url).content.decode()
    assert "<p>… und 1 weiterer Punkt</p>" in page
    tk_meeting.agenda_items.get(title="Punkt 4").delete()
    assert "… und" not in cast.client("viewer").get(url).content.decode()
    fit = selectors.agenda_fit_of(tk_meeting, 1)
    assert (len(fit.overflow), fit.overflow_count, fit.overflow_more) == (1, 2, 1)


def test_page_without_overflow_shows_no_warning(cast, tk, tk_meeting):
    _fill(tk_meeting, [30, 30])
    page = cast.client("viewer").get(tk_meeting.get_absolute_url()).content.decode()
    assert "Geplant: 60 von 60 Minuten" in page and 'id="agenda-overflow"' not in page


def test_further_topic_can_be_put_on_the_agenda(cast, tk, tk_meeting):
    waiting = _waiting(cast, "Wartet nur")
    url = reverse("governance:topic_add", args=[tk_meeting.pk])
    key = f"initiation:{waiting.pk}"
    assert cast.client("viewer").post(url, {"source_key": key}).status_code == 403
    response = cast.client("pmo").post(url, {"source_key": key})
    assert response.status_code == 302
    assert tk_meeting.agenda_items.filter(source_key=key, removed=False).exists()
    assert agenda.further_topics(tk_meeting, TODAY) == []
    with pytest.raises(ValidationError):
        agenda.agenda_topic_add(meeting=tk_meeting, source_key="initiation:0", today=TODAY)


def test_assemble_api_reports_fit_and_further_topics(cast, tk, tk_meeting):
    _fill(tk_meeting, [50, 20])
    _waiting(cast, "Wartet nur")
    body = call(
        cast.client("pmo"), "POST", f"/meetings/{tk_meeting.pk}/agenda-items/assemble"
    ).json()
    assert (body["total_minutes"], body["duration_minutes"], body["fits"]) == (70, 60, False)
    assert body["overflow"] == [tk_meeting.agenda_items.get(title="Punkt 2").pk]
    assert [t["reason"] for t in body["further"]] == ["nicht zur Freigabe vorgeschlagen"]


# --- the markers ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ALL_ROLES)
def test_propose_release_is_for_the_office(cast, role):
    Project.objects.filter(pk=cast.project.pk).update(stage="planning")
    url = reverse("portfolio:project_propose_release", args=[cast.project.pk])
    response = cast.client(role).post(url, {"proposed": "1"})
    assert response.status_code == page_status(role, OFFICE, ok=302)
    cast.project.refresh_from_db()
    assert (cast.project.release_proposed_on is not None) == (role in OFFICE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_report_completion_is_for_the_lead_and_office(cast, role):
    Project.objects.filter(pk=cast.project.pk).update(stage="running")
    url = reverse("portfolio:project_report_completion", args=[cast.project.pk])
    response = cast.client(role).post(url, {"reported": "1"})
    allowed = OFFICE | {"project_lead"}
    assert response.status_code == page_status(role, allowed, ok=302)
    cast.project.refresh_from_db()
    assert (cast.project.completion_reported_on is not None) == (role in allowed)


def test_markers_refuse_the_wrong_stage_and_are_in_the_history(cast):
    Project.objects.filter(pk=cast.project.pk).update(stage="completed")
    cast.project.refresh_from_db()
    with pytest.raises(ValidationError):
        project_propose_release(project=cast.project, user=cast.users["pmo"])
    with pytest.raises(ValidationError):
        project_report_completion(project=cast.project, user=cast.users["project_lead"])
    Project.objects.filter(pk=cast.project.pk).update(stage="planning")
    cast.project.refresh_from_db()
    project_propose_release(project=cast.project, user=cast.users["pmo"])
    last = cast.project.history.first()
    assert last.history_change_reason == "zur Freigabe vorgeschlagen"
    assert last.history_user == cast.users["pmo"]
