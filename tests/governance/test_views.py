"""Pages by role, the meeting workflow through HTTP, feeds, PDFs, XLSX and query counts."""

import re
from datetime import date
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from lotse.governance import services
from lotse.governance.models import AgendaItem
from lotse.governance.models import CalendarToken
from lotse.governance.models import Decision
from lotse.governance.models import Meeting
from tests.jobs.helpers import content
from tests.jobs.helpers import exported
from tests.jobs.helpers import finished
from tests.pdf import pdf_text
from tests.pdfua import pdfua_problems
from tests.reporting.factories import DecisionRequestFactory
from tests.roles import ALL_ROLES
from tests.roles import OFFICE
from tests.roles import READERS
from tests.roles import page_status

from .conftest import TODAY
from .conftest import meeting_of
from .factories import decide
from .factories import make_duty

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ALL_ROLES)
def test_read_pages(cast, tk, tk_meeting, role):
    client = cast.client(role)
    for url in [
        reverse("governance:series_list", args=[cast.programme.slug]),
        reverse("governance:series_detail", args=[tk.pk]),
        reverse("governance:meeting_detail", args=[tk_meeting.pk]),
        reverse("governance:decision_log", args=[cast.programme.slug]),
        reverse("governance:duties", args=[cast.programme.slug]),
        reverse("governance:series_feed", args=[tk.pk]),
    ]:
        assert client.get(url).status_code == page_status(role, READERS), url


@pytest.mark.parametrize("role", ALL_ROLES)
def test_manage_series(cast, tk, role):
    url = reverse("governance:series_edit", args=[tk.pk])
    assert cast.client(role).get(url).status_code == page_status(role, OFFICE)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_run_meeting_office_and_chair(cast, tk, tk_meeting, role):
    """The sponsor chairs the Transformationskonferenz and may run it, like the office."""
    url = reverse("governance:agenda_assemble", args=[tk_meeting.pk])
    response = cast.client(role).post(url)
    assert response.status_code == page_status(role, OFFICE | {"sponsor"}, ok=302)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_escalate_by_role(cast, role):
    request = DecisionRequestFactory(project=cast.project, question="?", addressed_to="pmo")
    url = reverse("governance:request_detail", args=[request.pk])
    response = cast.client(role).post(url, {"reason": "dringend"})
    assert response.status_code == page_status(role, OFFICE | {"project_lead"}, ok=302)
    request.refresh_from_db()
    escalated = request.addressed_to == "transformation_conference"
    assert escalated == (role in OFFICE | {"project_lead"})


def test_project_lead_cannot_escalate_other_projects(cast):
    request = DecisionRequestFactory(project=cast.other_project, question="?")
    url = reverse("governance:request_detail", args=[request.pk])
    assert cast.client("project_lead").post(url, {"reason": "x"}).status_code == 403


def test_request_page_shows_path_and_offers_overdue_escalation(cast, tk):
    request = DecisionRequestFactory(
        project=cast.project,
        question="Welche Plattform?",
        addressed_to="project_check",
        needed_by=timezone.localdate() - timedelta(days=2),
    )
    services.decision_request_escalate(
        request=request, reason="zu lange offen", user=cast.users["pmo"]
    )
    page = cast.client("pmo").get(reverse("governance:request_detail", args=[request.pk]))
    text = page.content.decode()
    assert "Projektcheck" in text and "Transformationskonferenz" in text
    assert "zu lange offen" in text and "überfällig" in text
    overview = (
        cast.client("pmo")
        .get(reverse("governance:series_list", args=[cast.programme.slug]))
        .content.decode()
    )
    assert "Welche Plattform?" in overview and "kann eskaliert werden" in overview


def test_take_a_decision_through_the_form(cast, tk, tk_meeting):
    cast.project.stage = "running"
    cast.project.save()
    url = reverse("governance:decision_create", args=[tk_meeting.pk])
    response = cast.client("programme_manager").post(
        url,
        {
            "kind": "accept_results",
            "project": cast.project.pk,
            "wording": "Die Ergebnisse werden abgenommen.",
            "rationale": "Ziele erreicht.",
        },
    )
    assert response.status_code == 302
    cast.project.refresh_from_db()
    assert cast.project.stage == "completed"
    log = cast.client("viewer").get(reverse("governance:decision_log", args=[cast.programme.slug]))
    assert "Die Ergebnisse werden abgenommen." in log.content.decode()


def test_decision_form_refuses_kind_without_power(cast, check):
    meeting = meeting_of(check)
    url = reverse("governance:decision_create", args=[meeting.pk])
    response = cast.client("pmo").post(
        url, {"kind": "cancel_project", "project": cast.project.pk, "wording": "Abbruch"}
    )
    assert response.status_code == 200  # form shown again with an error
    assert "Auswahl" in response.content.decode() or "darf keine" in response.content.decode()
    assert not Decision.objects.exists()


def test_agenda_edit_reorder_and_time_total(cast, tk, tk_meeting):
    client = cast.client("pmo")
    add = reverse("governance:item_add", args=[tk_meeting.pk])
    client.post(add, {"title": "Begrüßung", "minutes": 5})
    client.post(add, {"title": "Haushalt", "minutes": 100})
    second = tk_meeting.agenda_items.get(title="Haushalt")
    client.post(reverse("governance:item_up", args=[second.pk]))
    assert list(tk_meeting.agenda_items.values_list("title", flat=True)) == [
        "Haushalt",
        "Begrüßung",
    ]
    page = client.get(reverse("governance:meeting_detail", args=[tk_meeting.pk])).content.decode()
    assert "Geplant: 105 von 60 Minuten" in page
    assert "Die Tagesordnung passt nicht in die Sitzung: 105 von 60 Minuten." in page
    client.post(
        reverse("governance:item_edit", args=[second.pk]), {"title": "Haushalt 2026", "minutes": 30}
    )
    second.refresh_from_db()
    assert second.title == "Haushalt 2026" and second.minutes == 30
    client.post(reverse("governance:item_remove", args=[second.pk]))
    assert not AgendaItem.objects.filter(pk=second.pk).exists()


def test_item_form_errors_are_german(cast, tk_meeting):
    response = cast.client("pmo").post(
        reverse("governance:item_add", args=[tk_meeting.pk]), {"title": "", "minutes": 5}
    )
    assert response.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_item_minutes_out_of_range_name_the_field_and_its_range(cast, tk_meeting):
    """Too many minutes are refused on the field with the item's range (0 to 480, the
    model's), not the database's integer range; nothing is added."""
    url = reverse("governance:item_add", args=[tk_meeting.pk])
    for minutes in ("99999999999", "481", "-1"):
        response = cast.client("pmo").post(url, {"title": "Lang", "minutes": minutes})
        assert response.status_code == 422
        page = response.content.decode()
        assert "„Zeit (Minuten)“: Bitte geben Sie eine ganze Zahl zwischen 0 und 480 an." in page
        assert "2147483647" not in page and "kleiner oder gleich" not in page
    assert not tk_meeting.agenda_items.exists()


def test_meeting_length_out_of_range_names_the_field_and_its_range(cast, tk, tk_meeting):
    """A meeting's length outside 5 to 720 minutes gets one message naming the field and that
    range, on moving a meeting, adding one to a series and creating a series -- not Django's
    "kleiner oder gleich" next to the database's integer range; nothing changes. (The extra
    meeting's form, posted from the series page, says it in the notice at the top and again
    beside the kept field: twice.)"""
    client = cast.client("pmo")
    message = "„Dauer (Minuten)“: Bitte geben Sie eine ganze Zahl zwischen 5 und 720 an."
    posts = [
        (
            reverse("governance:meeting_move", args=[tk_meeting.pk]),
            {"date": "2025-03-12", "start_time": "14:00", "reason": "Raum belegt"},
            1,
        ),
        (
            reverse("governance:series_extra_meeting", args=[tk.pk]),
            {"date": "2025-03-12", "start_time": "14:00", "location": "Rathaus"},
            2,
        ),
        (reverse("governance:series_create", args=[tk.programme.slug]), {"name": "Neu"}, 1),
    ]
    meetings = Meeting.objects.count()
    for url, data, times in posts:
        for minutes in ("99999999999", "721", "4", "-1"):
            response = client.post(url, {**data, "duration_minutes": minutes}, follow=True)
            page = response.content.decode()
            assert page.count(message) == times, (url, minutes)
            assert "2147483647" not in page and "kleiner oder gleich" not in page
            assert "größer oder gleich" not in page
    tk_meeting.refresh_from_db()
    assert tk_meeting.date != date(2025, 3, 12)
    assert Meeting.objects.count() == meetings


def test_move_and_cancel_through_forms(cast, tk, tk_meeting):
    client = cast.client("pmo")
    client.post(
        reverse("governance:meeting_move", args=[tk_meeting.pk]),
        {
            "date": "2025-03-12",
            "start_time": "14:00",
            "duration_minutes": 90,
            "reason": "Raum belegt",
            "version": tk_meeting.version,
        },
    )
    tk_meeting.refresh_from_db()
    assert tk_meeting.date == date(2025, 3, 12) and tk_meeting.slot_date == TODAY
    client.post(reverse("governance:meeting_cancel", args=[tk_meeting.pk]), {"reason": "krank"})
    tk_meeting.refresh_from_db()
    assert tk_meeting.status == Meeting.Status.CANCELLED


def test_generate_button(cast, tk):
    url = reverse("governance:series_generate", args=[tk.pk])
    until = (timezone.localdate() + timedelta(days=100)).isoformat()
    cast.client("pmo").post(url, {"until": until})
    count = tk.meetings.count()
    assert count >= 2
    cast.client("pmo").post(url, {"until": until})
    assert tk.meetings.count() == count


def _hold_meeting(cast, tk, tk_meeting) -> None:
    """Attendance, a note, general notes and an action item, through HTTP as the PMO."""
    tk.members.add(cast.users["viewer"])
    client = cast.client("pmo")
    client.post(
        reverse("governance:attendance", args=[tk_meeting.pk]),
        {
            f"att-{cast.users['viewer'].pk}": "present",
            f"att-{cast.users['sponsor'].pk}": "excused",
            "guests": "Frau Gast",
        },
    )
    assert set(tk_meeting.attendances.values_list("status", flat=True)) == {
        "present",
        "excused",
        "guest",
    }
    item = services.agenda_item_add(meeting=tk_meeting, data={"title": "Budget"})
    client.post(reverse("governance:item_note", args=[item.pk]), {"notes": "Budget reicht."})
    notes_url = reverse("governance:meeting_notes", args=[tk_meeting.pk])
    assert cast.client("viewer").post(notes_url, {"notes": "Fremd"}).status_code == 403
    client.post(notes_url, {"notes": "Sitzung endete pünktlich."})
    tk_meeting.refresh_from_db()
    assert tk_meeting.minutes_notes == "Sitzung endete pünktlich."
    client.post(
        reverse("governance:action_create", args=[tk_meeting.pk]),
        {
            "title": "Vorlage erstellen",
            "owner": cast.users["pmo"].pk,
            "due_date": "2025-04-01",
            "on_board": "on",
        },
    )
    action = tk_meeting.action_items.get()
    assert action.card is not None


def test_minutes_attendance_notes_and_action_items(cast, tk, tk_meeting):
    _hold_meeting(cast, tk, tk_meeting)
    assert tk_meeting.agenda_items.get(title="Budget").notes == "Budget reicht."


@pytest.mark.pdf
def test_minutes_pdf_has_notes_actions_and_guests(cast, tk, tk_meeting):
    _hold_meeting(cast, tk, tk_meeting)
    services.meeting_close_minutes(meeting=tk_meeting, user=cast.users["pmo"])
    job = finished(cast.client("pmo").post(reverse("governance:minutes_pdf", args=[tk_meeting.pk])))
    text = pdf_text(content(job))
    assert "Budget reicht." in text and "Vorlage erstellen" in text and "Frau Gast" in text
    assert "Sitzung endete pünktlich." in text
    assert pdfua_problems(content(job)) == []


def test_no_minutes_pdf_before_the_meeting_or_for_a_cancelled_one(cast, tk_meeting):
    """The page shows the button only for a held meeting; a direct request for a future or
    cancelled one is refused with a message, and no job is queued."""
    from lotse.jobs.models import Job

    client = cast.client("pmo")
    url = reverse("governance:minutes_pdf", args=[tk_meeting.pk])
    tk_meeting.date = timezone.localdate() + timedelta(days=7)
    tk_meeting.save()
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"{tk_meeting.get_absolute_url()}#protokoll")
    assert "hat noch nicht stattgefunden" in response.content.decode()
    tk_meeting.status = Meeting.Status.CANCELLED
    tk_meeting.save()
    response = client.post(url, follow=True)
    assert "Die Sitzung ist abgesagt; dazu gibt es kein Protokoll." in response.content.decode()
    tk_meeting.status, tk_meeting.date = Meeting.Status.PLANNED, timezone.localdate()
    tk_meeting.save()
    response = client.post(url, follow=True)
    assert "Das Protokoll dieser Sitzung ist noch nicht abgeschlossen" in response.content.decode()
    assert not Job.objects.exists()
    with pytest.raises(ValidationError):
        services.minutes_document_check(tk_meeting)


@pytest.mark.pdf
def test_agenda_pdf(cast, tk_meeting):
    services.agenda_item_add(meeting=tk_meeting, data={"title": "Haushaltsplanung", "minutes": 25})
    job = finished(
        cast.client("viewer").post(reverse("governance:agenda_pdf", args=[tk_meeting.pk]))
    )
    assert job.content_type == "application/pdf"
    text = pdf_text(content(job))
    assert "Tagesordnung" in text and "Haushaltsplanung" in text
    assert pdfua_problems(content(job)) == []


@pytest.mark.parametrize("role", ALL_ROLES)
def test_non_public_minutes(cast, tk, tk_meeting, role):
    tk.minutes_public = False
    tk.save()
    tk.members.add(cast.users["change_manager"])
    services.agenda_item_add(meeting=tk_meeting, data={"title": "Punkt"})
    decide(tk_meeting, "other", wording="Geheimer Beschluss")
    tk_meeting.status = Meeting.Status.HELD
    tk_meeting.save()
    allowed = OFFICE | {"sponsor", "change_manager"}  # office, chair, moderator, member
    response = cast.client(role).post(reverse("governance:minutes_pdf", args=[tk_meeting.pk]))
    assert response.status_code == page_status(role, allowed, ok=302)  # 302: queued
    if role in allowed:
        assert "#protokoll" not in response["Location"]  # queued, not refused
    if role in READERS:
        page = cast.client(role).get(reverse("governance:meeting_detail", args=[tk_meeting.pk]))
        assert ("Geheimer Beschluss" in page.content.decode()) == (role in allowed)
        log = cast.client(role).get(reverse("governance:decision_log", args=[cast.programme.slug]))
        assert ("Geheimer Beschluss" in log.content.decode()) == (role in allowed)


def test_decision_log_filters_htmx_and_xlsx(cast, tk, tk_meeting):
    cast.project.stage = "planning"
    cast.project.save()
    decide(tk_meeting, "release_initiation", cast.project, wording="Initiierung freigegeben")
    decide(tk_meeting, "other", wording="Sonstiges")
    url = reverse("governance:decision_log", args=[cast.programme.slug])
    client = cast.client("viewer")
    partial = client.get(url, {"kind": "release_initiation"}, HTTP_HX_REQUEST="true")
    body = partial.content.decode()
    assert "Initiierung freigegeben" in body and "Sonstiges" not in body and "<html" not in body
    by_project = client.get(url, {"project": cast.other_project.pk}).content.decode()
    assert "Initiierung freigegeben" not in by_project
    period = client.get(url, {"start": "2026-01-01"}).content.decode()
    assert "Sonstiges" not in period
    _job, xlsx = exported(
        client,
        reverse("governance:decision_log_xlsx", args=[cast.programme.slug]),
        {"kind": "other"},
    )
    sheet = load_workbook(BytesIO(xlsx)).active
    rows = list(sheet.values)
    assert rows[0][0] == "beschlossen am" and len(rows) == 2 and rows[1][4] == "Sonstiges"


def test_decision_log_xlsx_names_the_stages_in_german(cast, tk, tk_meeting):
    cast.project.stage = "running"
    cast.project.save()
    decide(tk_meeting, "accept_results", cast.project, wording="Ergebnisse abgenommen")
    _job, xlsx = exported(
        cast.client("viewer"), reverse("governance:decision_log_xlsx", args=[cast.programme.slug])
    )
    header, row = list(load_workbook(BytesIO(xlsx)).active.values)
    assert header[8:] == ("Phase vorher", "Phase nachher")
    assert row[8:] == ("In Umsetzung", "Abgeschlossen")  # the labels, not "running"


def test_duties_page_and_fulfil(cast):
    duty = make_duty(cast.programme, timezone.localdate() + timedelta(days=20))
    page = cast.client("viewer").get(reverse("governance:duties", args=[cast.programme.slug]))
    assert "Personalrat" in page.content.decode() and "Was ist fällig?" in page.content.decode()
    produce = reverse("council_reports:for_duty", args=[duty.pk])
    assert produce not in page.content.decode()
    office_page = cast.client("pmo").get(reverse("governance:duties", args=[cast.programme.slug]))
    assert produce in office_page.content.decode()
    url = reverse("governance:duty_fulfil", args=[duty.pk])
    assert (
        cast.client("viewer").post(url, {"fulfilled_on": timezone.localdate()}).status_code == 403
    )
    cast.client("pmo").post(url, {"fulfilled_on": timezone.localdate().isoformat(), "note": "ok"})
    duty.refresh_from_db()
    assert duty.last_fulfilled == timezone.localdate()


@pytest.mark.parametrize(
    ("posted", "field"),
    [
        ({"fulfilled_on": "31.12.9999", "note": "ok"}, "erfüllt am"),
        ({"fulfilled_on": "gestern", "note": "ok"}, "erfüllt am"),
        ({"fulfilled_on": "01.03.2025", "note": "Notiz \x07 mit Steuerzeichen"}, "Notiz"),
        ({"fulfilled_on": "01.03.2025", "note": "x" * 1001}, "Notiz"),
    ],
)
def test_refused_fulfilment_names_the_field(cast, posted, field):
    """A refused fulfilment says which field is wrong (a valid date with a bad note is not
    an invalid date) and records nothing."""
    duty = make_duty(cast.programme, timezone.localdate() + timedelta(days=20))
    url = reverse("governance:duty_fulfil", args=[duty.pk])
    page = cast.client("pmo").post(url, posted, follow=True)
    [said] = [str(m) for m in page.context["messages"]]
    assert said.startswith((f"{field}: ", f"„{field}“: ")), said
    if field == "Notiz":
        assert "Datum" not in said
    duty.refresh_from_db()
    assert duty.last_fulfilled is None


def test_generate_with_a_bad_date_names_the_field(cast, tk):
    url = reverse("governance:series_generate", args=[tk.pk])
    page = cast.client("pmo").post(url, {"until": "31.12.9999"}, follow=True)
    assert "Sitzungen erzeugen bis" in page.content.decode()
    assert "01.01.1900" in page.content.decode()
    assert not tk.meetings.exists()


def test_the_new_series_form_has_its_way_back(cast):
    """QA: the new Gremium's form had neither the back link nor Cancel beside Speichern (the
    edit form has both): the way back is the programme's Gremien."""
    url = reverse("governance:series_create", args=[cast.programme.slug])
    html = cast.client("pmo").get(url).content.decode()
    back = reverse("governance:series_list", args=[cast.programme.slug])
    assert f'<a class="button button--secondary" href="{back}">Abbrechen</a>' in html


# --- feeds --------------------------------------------------------------------------------


def _events(content: bytes) -> dict:
    calendar = Calendar.from_ical(content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_series_feed_parses_back_with_stable_uids_and_cancellations(cast, tk):
    services.meetings_generate(series=tk, start=date(2025, 1, 1), until=date(2025, 4, 30))
    first, second, *_rest = tk.meetings.order_by("date")
    client = cast.client("viewer")
    url = reverse("governance:series_feed", args=[tk.pk])
    before = _events(client.get(url).content)
    assert len(before) == tk.meetings.count()
    services.meeting_cancel(meeting=first, reason="Ferien")
    moved_to = second.date + timedelta(days=1)
    services.meeting_move(meeting=second, new_date=moved_to, reason="x")
    services.meetings_generate(series=tk, start=date(2025, 1, 1), until=date(2025, 4, 30))
    after = _events(client.get(url).content)
    assert set(after) == set(before)
    assert str(after[first.uid]["STATUS"]) == "CANCELLED"
    assert after[second.uid].decoded("DTSTART").date() == moved_to
    assert str(after[second.uid]["SUMMARY"]) == "Transformationskonferenz"


def test_personal_feed_token_regenerate_and_revoke(cast, tk):
    services.meetings_generate(series=tk, start=date(2025, 1, 1), until=date(2025, 3, 1))
    client = cast.client("sponsor")
    client.post(reverse("governance:feed_token_new"))
    page = client.get(reverse("governance:feed_settings")).content.decode()
    token = re.search(r"/kalender/([^/\"]+)/meine-gremien\.ics", page).group(1)
    stored = CalendarToken.objects.get(user=cast.users["sponsor"])
    assert stored.token_hash == CalendarToken.hash_secret(token) and token not in stored.token_hash
    anonymous = cast.client("anonymous")
    feed = anonymous.get(reverse("governance:personal_feed", args=[token]))
    assert feed.status_code == 200
    assert len(_events(feed.content)) == tk.meetings.count()
    series_feed = anonymous.get(reverse("governance:token_series_feed", args=[token, tk.pk]))
    assert series_feed.status_code == 200
    client.post(reverse("governance:feed_token_new"))  # regenerate: the old one stops working
    assert anonymous.get(reverse("governance:personal_feed", args=[token])).status_code == 404
    client.post(reverse("governance:feed_token_revoke"))
    assert not CalendarToken.objects.filter(
        user=cast.users["sponsor"], revoked_at__isnull=True
    ).exists()


def test_outsider_token_sees_no_series(cast, tk):
    secret = services.calendar_token_create(user=cast.users["outsider"])
    url = reverse("governance:token_series_feed", args=[secret, tk.pk])
    assert cast.client("anonymous").get(url).status_code == 404


def test_own_items_can_be_added_before_the_meeting(cast, tk):
    """The "Eigenen Punkt ergänzen" form of a planned meeting has its fields (it had none
    while the minutes were not open yet) and adds the item."""
    meeting = meeting_of(tk, day=timezone.localdate() + timedelta(days=14))
    client = cast.client("pmo")
    html = client.get(reverse("governance:meeting_detail", args=[meeting.pk])).content.decode()
    form = html[html.index(f'action="/sitzungen/{meeting.pk}/punkt/"') :]
    form = form[: form.index("</form>")]
    assert 'name="title"' in form and 'name="minutes"' in form
    response = client.post(
        reverse("governance:item_add", args=[meeting.pk]), {"title": "Eigener Punkt", "minutes": 5}
    )
    assert response.status_code == 302
    assert meeting.agenda_items.filter(title="Eigener Punkt", removed=False).exists()
