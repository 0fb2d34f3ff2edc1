"""A meeting: agenda (assemble, edit, reorder), minutes, decisions, action items, PDFs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

from django import forms

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse import drafts
from lotse.documents.typeset import Progress
from lotse.forms import form_saved
from lotse.forms import run_and_report
from lotse.http import AuthedRequest
from lotse.portfolio.services import EditConflict

from .. import selectors
from .. import services
from ..agenda import agenda_assemble
from ..agenda import agenda_topic_add
from ..agenda import further_topics
from ..forms import ActionItemForm
from ..forms import AgendaItemForm
from ..forms import CancelForm
from ..forms import DecisionForm
from ..forms import MoveForm
from ..forms import NoteForm
from ..models import AgendaItem
from ..models import Attendance
from ..models import Meeting
from .common import governance_page

RUN = "governance.run_meeting"


def _meeting_context(request: HttpRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    can_minutes = request.user.has_perm("governance.view_minutes", meeting)
    today = timezone.localdate()
    # The agenda a page at a time (in its order); the time check counts every item, in the
    # database (issue 14).
    size = selectors.agenda_size(meeting)
    fit = selectors.agenda_fit_of(meeting, AGENDA_PER_PAGE, size)
    page, items = selectors.agenda_page(meeting, request.GET.get("seite"), AGENDA_PER_PAGE, size)
    context = {
        "programme": meeting.series.programme,
        "nav_section": "governance",
        "meeting": meeting,
        "series": meeting.series,
        "items": items,
        "page": page,
        "item_count": page.paginator.count,
        "overflow": fit.overflow,
        "total_minutes": fit.total,
        "fit": fit,
        "further": [] if meeting.is_cancelled else further_topics(meeting, today),
        "can_run": request.user.has_perm(RUN, meeting),
        "can_minutes": can_minutes,
        "can_close": request.user.has_perm("governance.close_minutes", meeting),
        "minutes_open": not meeting.is_cancelled
        and meeting.status != Meeting.Status.HELD
        and meeting.date <= timezone.localdate(),
        "today": timezone.localdate(),
    }
    if can_minutes:
        context.update(selectors.minutes_of(meeting))
    if context["can_run"] and context["minutes_open"]:
        context["people"] = selectors.meeting_people(meeting)
        context["attendance_choices"] = [
            (Attendance.Status.PRESENT, Attendance.Status.PRESENT.label),
            (Attendance.Status.EXCUSED, Attendance.Status.EXCUSED.label),
        ]
        # Refused notes stand in their fields again (the meeting's, or one item's on the page).
        context["kept_notes"] = drafts.kept_form(request, meeting, "notes", NoteForm)
        context["kept_item_notes"] = {
            row.pk: form
            for row in items
            if (form := drafts.kept_form(request, meeting, f"note-{row.pk}", NoteForm)) is not None
        }
        context.setdefault("decision_form", DecisionForm(meeting=meeting))
        context.setdefault("action_form", ActionItemForm(meeting=meeting))
    if context["can_run"] and not meeting.is_cancelled:
        # Own items are added before the meeting too (the template shows the form then).
        context.setdefault("item_form", AgendaItemForm(programme=meeting.series.programme))
    context.update(extra)
    return context


# Agenda items per page of a meeting (issue 14: the page keeps its size).
AGENDA_PER_PAGE = 50


@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    return render(request, "governance/meeting_detail.html", _meeting_context(request, meeting))


def _form_page(
    request: HttpRequest,
    meeting: Meeting,
    form: forms.BaseForm,
    title: StrOrPromise,
    action_label: StrOrPromise,
) -> HttpResponse:
    return governance_page(
        request,
        "governance/form.html",
        meeting.series.programme,
        form=form,
        title=title,
        back=meeting.get_absolute_url(),
        submit_label=action_label,
        version=meeting.version,
    )


@login_required
def meeting_move(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    form = MoveForm(
        request.POST or None,
        initial={
            "date": meeting.date,
            "start_time": meeting.start_time,
            "duration_minutes": meeting.duration_minutes,
        },
    )

    def save() -> None:
        data = form.cleaned_data
        services.meeting_move(
            meeting=meeting,
            new_date=data["date"],
            start_time=data["start_time"],
            duration_minutes=data["duration_minutes"],
            reason=data["reason"],
            expected_version=int(request.POST.get("version") or 0) or None,
        )

    if form_saved(request, form, save, (ValidationError, EditConflict)):
        messages.success(request, _("Sitzung verschoben."))
        return redirect(meeting)
    return _form_page(
        request, meeting, form, _("%(m)s verschieben") % {"m": meeting}, _("Verschieben")
    )


@login_required
def meeting_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    form = CancelForm(request.POST or None)
    if form_saved(
        request,
        form,
        lambda: services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"]),
    ):
        messages.success(request, _("Sitzung abgesagt."))
        return redirect(meeting)
    return _form_page(request, meeting, form, _("%(m)s absagen") % {"m": meeting}, _("Absagen"))


@login_required
@require_POST
def assemble(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    created = agenda_assemble(meeting=meeting, today=timezone.localdate())
    if created:
        messages.success(
            request, _("%(n)d fällige Punkte aus den aktuellen Daten ergänzt.") % {"n": created}
        )
    else:
        messages.info(request, _("Die Tagesordnung ist auf dem aktuellen Stand."))
    return redirect(meeting)


@login_required
@require_POST
def topic_add(request: AuthedRequest, pk: int) -> HttpResponse:
    """Put one of the "weitere Themen" on the agenda."""
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    try:
        item = agenda_topic_add(
            meeting=meeting,
            source_key=request.POST.get("source_key", ""),
            today=timezone.localdate(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{meeting.get_absolute_url()}#weitere-themen")
    messages.success(request, _("„%(t)s“ steht jetzt auf der Tagesordnung.") % {"t": item.title})
    return redirect(_address(item))


@login_required
@require_POST
def item_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    form = AgendaItemForm(request.POST, programme=meeting.series.programme)
    if form_saved(
        request, form, lambda: services.agenda_item_add(meeting=meeting, data=form.cleaned_data)
    ):
        messages.success(request, _("Punkt ergänzt."))
        return redirect(f"{meeting.get_absolute_url()}#tagesordnung")
    return _refused(request, meeting, item_form=form)


def _refused(request: HttpRequest, meeting: Meeting, **form: forms.BaseForm) -> HttpResponse:
    """The meeting page again with the refused form (one of its small forms) and its errors."""
    return render(
        request,
        "governance/meeting_detail.html",
        _meeting_context(request, meeting, **form),
        status=422,
    )


def _save_note(
    request: HttpRequest, save: Callable[[str], object], meeting: Meeting, name: str
) -> None:
    """`save(notes)` with the posted Protokollnotiz; how it went as a message, a refused
    note kept for the form `name` on the meeting's page (`lotse.drafts`)."""
    form = NoteForm(request.POST)
    drafts.run_posted(
        request,
        form,
        lambda: save(form.cleaned_data["notes"]),
        _("Notiz gespeichert."),
        page=meeting,
        name=name,
    )


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    return selectors.get_agenda_item_for(request.user, pk, RUN)


def _address(item: AgendaItem) -> str:
    return selectors.agenda_item_address(item, AGENDA_PER_PAGE)


@login_required
def item_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """An agenda item's address (decisions link to it): the meeting page at the item, on the
    page of the agenda it is on."""
    return redirect(_address(selectors.get_listed_item_for(request.user, pk)))


@login_required
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    meeting = item.meeting
    form = AgendaItemForm(request.POST or None, instance=item, programme=meeting.series.programme)
    if form_saved(
        request, form, lambda: services.agenda_item_update(item=item, data=form.cleaned_data)
    ):
        return redirect(_address(item))
    return _form_page(request, meeting, form, _("Tagesordnungspunkt bearbeiten"), _("Speichern"))


@login_required
@require_POST
def item_move(request: AuthedRequest, pk: int, direction: str) -> HttpResponse:
    item = _item(request, pk)
    services.agenda_item_move(item=item, direction=-1 if direction == "hoch" else 1)
    item.refresh_from_db(fields=["position"])
    return redirect(_address(item))


@login_required
@require_POST
def item_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    services.agenda_item_remove(item=item)
    messages.success(request, _("Punkt „%(t)s“ entfernt.") % {"t": item.title})
    return redirect(f"{item.meeting.get_absolute_url()}#tagesordnung")


@login_required
@require_POST
def item_note(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    _save_note(
        request,
        lambda notes: services.agenda_item_note(item=item, notes=notes),
        item.meeting,
        f"note-{item.pk}",
    )
    return redirect(_address(item))


@login_required
@require_POST
def meeting_notes(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    _save_note(
        request,
        lambda notes: services.meeting_notes_save(meeting=meeting, notes=notes),
        meeting,
        "notes",
    )
    return redirect(f"{meeting.get_absolute_url()}#protokoll")


@login_required
@require_POST
def close_minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, "governance.close_minutes")
    run_and_report(
        request,
        lambda: services.meeting_close_minutes(meeting=meeting, user=request.user),
        _("Protokoll abgeschlossen; die Sitzung gilt als stattgefunden."),
    )
    return redirect(f"{meeting.get_absolute_url()}#protokoll")


@login_required
@require_POST
def attendance(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    people = {
        person: request.POST.get(f"att-{person.pk}", "")
        for person, _s in selectors.meeting_people(meeting)
    }
    guests = [g for g in request.POST.get("guests", "").split(",") if g.strip()]
    run_and_report(
        request,
        lambda: services.attendance_set(meeting=meeting, people=people, guests=guests),
        _("Anwesenheit gespeichert."),
    )
    return redirect(f"{meeting.get_absolute_url()}#protokoll")


@login_required
def decision_create(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    initial = {}
    if request.GET.get("punkt"):
        item = meeting.agenda_items.filter(pk=request.GET["punkt"]).first()
        if item is not None:
            initial = {
                "agenda_item": item,
                "project": item.project,
                "decision_request": item.decision_request,
            }
    form = DecisionForm(request.POST or None, meeting=meeting, initial=initial)
    # The form's fields are the service's parameters.
    if form_saved(
        request,
        form,
        lambda: services.decision_record(meeting=meeting, user=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("Beschluss festgehalten."))
        return redirect(f"{meeting.get_absolute_url()}#beschluesse")
    return _form_page(
        request,
        meeting,
        form,
        _("Beschluss festhalten: %(m)s") % {"m": meeting},
        _("Beschluss festhalten"),
    )


@login_required
@require_POST
def action_create(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk, RUN)
    form = ActionItemForm(request.POST, meeting=meeting)
    # The form's fields are the service's parameters.
    if form_saved(
        request,
        form,
        lambda: services.action_item_create(
            meeting=meeting, user=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Aufgabe festgehalten."))
        return redirect(f"{meeting.get_absolute_url()}#aufgaben")
    return _refused(request, meeting, action_form=form)


@login_required
@require_POST
def action_done(request: AuthedRequest, pk: int) -> HttpResponse:
    item = selectors.get_action_item_for(request.user, pk, RUN)
    services.action_item_done(item=item, done=request.POST.get("done") == "1")
    return redirect(f"{item.meeting.get_absolute_url()}#aufgaben")


MEETING_DOCUMENTS = {
    # which: (file name, permission)
    "agenda": ("tagesordnung", "governance.view_series"),
    "minutes": ("protokoll", "governance.view_minutes"),
}


def meeting_pdf_document(
    request: HttpRequest, pk: int, which: str, progress: Progress | None = None
) -> tuple[bytes, str]:
    """A meeting's agenda or minutes (built by the background worker, see ../jobs.py)."""
    from lotse.governance.meeting_pdf import render_pdf

    name, perm = MEETING_DOCUMENTS[which]
    meeting = selectors.get_meeting_for(request.user, pk, perm)
    context = _meeting_context(request, meeting)
    # The documents list the whole agenda, and the decisions with their projects (the page
    # shows a page of the agenda, and both as rows of values).
    context["items"] = selectors.agenda_items(meeting)
    if context["can_minutes"]:
        context["decisions"] = selectors.meeting_decisions(meeting)
    pdf = render_pdf(context, which, progress=progress)
    return pdf, f"{name}-{meeting.date:%Y-%m-%d}.pdf"


def _queue_pdf(request: AuthedRequest, pk: int, which: str) -> HttpResponse:
    from lotse.jobs.documents import queue_document

    meeting = selectors.get_meeting_for(request.user, pk, MEETING_DOCUMENTS[which][1])
    if which == "minutes":
        try:
            services.minutes_document_check(meeting)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(f"{meeting.get_absolute_url()}#protokoll")
    what = _("Tagesordnung") if which == "agenda" else _("Protokoll")
    title = _("%(what)s %(series)s, %(day)s") % {
        "what": what,
        "series": meeting.series.name,
        "day": f"{meeting.date:%d.%m.%Y}",
    }
    return queue_document(
        request,
        kind="governance.meeting_pdf",
        title=title,
        programme=meeting.series.programme,
        meeting=meeting.pk,
        which=which,
    )


@login_required
@require_POST
def agenda_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    return _queue_pdf(request, pk, "agenda")


@login_required
@require_POST
def minutes_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    return _queue_pdf(request, pk, "minutes")
