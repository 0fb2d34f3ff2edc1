"""Gremien overview, series pages, generating meetings, reporting duties."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse import drafts
from lotse.forms import add_service_errors
from lotse.forms import form_errors_to_messages
from lotse.forms import form_saved
from lotse.http import AuthedRequest
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for
from lotse.portfolio.services import EditConflict

from .. import selectors
from .. import services
from ..forms import DutyForm
from ..forms import ExtraMeetingForm
from ..forms import FulfilForm
from ..forms import GenerateForm
from ..forms import SeriesForm
from ..models import MeetingSeries
from ..models import ReportingDuty
from .common import governance_page

VIEW = "governance.view_series"
MANAGE = "governance.manage_series"
HORIZON_DAYS = 180


@login_required
def series_list(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, VIEW)
    today = timezone.localdate()
    series = selectors.programme_series(programme)
    return governance_page(
        request,
        "governance/series_list.html",
        programme,
        series_list=series,
        upcoming=selectors.upcoming_meetings(programme, today),
        overdue=selectors.overdue_requests(programme, today),
        can_manage=request.user.has_perm(MANAGE, programme),
        generate_form=_generate_form(request, programme),
        today=today,
    )


def _generate(
    request: AuthedRequest,
    generate: Callable[[date], services.GenerateResult],
    page: Programme | MeetingSeries,
) -> None:
    """Generate the meetings up to the posted date (`generate(until)`) and say how many, or
    what is wrong with the date (kept for the form on `page`'s page)."""
    form = GenerateForm(request.POST)
    if form.is_valid():
        messages.success(request, generate(form.cleaned_data["until"]).message())
    else:
        form_errors_to_messages(request, form)
        drafts.keep(request, page, "generate", form)


def _generate_form(request: AuthedRequest, page: Programme | MeetingSeries) -> GenerateForm:
    """The form that generates meetings on `page`'s page: up to half a year ahead, or the
    date refused there."""
    until = timezone.localdate() + timedelta(days=HORIZON_DAYS)
    return drafts.form(request, page, "generate", GenerateForm, initial={"until": until})


@login_required
@require_POST
def programme_generate(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, MANAGE)
    _generate(
        request,
        lambda until: services.programme_meetings_generate(programme=programme, until=until),
        programme,
    )
    return redirect("governance:series_list", slug=slug)


def _series_form(
    request: HttpRequest, programme: Programme, series: MeetingSeries, title: str
) -> HttpResponse:
    form = SeriesForm(request.POST or None, instance=series, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.meeting_series_save(
                series=series,
                data=form.changes(leave_out=("members",)),
                members=form.cleaned_data["members"],
                expected_version=int(request.POST.get("version") or 0) or None,
            )
        except (ValidationError, EditConflict) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Gremium „%(name)s“ gespeichert.") % {"name": saved.name})
            return redirect(saved)
    return governance_page(
        request,
        "governance/form.html",
        programme,
        form=form,
        title=title,
        version=series.version if series.pk else "",
        back=series.get_absolute_url()
        if series.pk
        else reverse("governance:series_list", args=[programme.slug]),
    )


@login_required
def series_create(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, MANAGE)
    series = MeetingSeries(programme=programme, first_date=timezone.localdate())
    return _series_form(request, programme, series, _("Neues Gremium"))


@login_required
def series_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    series = selectors.get_series_for(request.user, pk, MANAGE)
    return _series_form(
        request, series.programme, series, _("%(name)s bearbeiten") % {"name": series.name}
    )


@login_required
def series_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    series = selectors.get_series_for(request.user, pk)
    today = timezone.localdate()
    meetings = list(series.meetings.order_by("date", "start_time", "pk"))
    return governance_page(
        request,
        "governance/series_detail.html",
        series.programme,
        series=series,
        past=[m for m in meetings if m.date < today][-10:],
        coming=[m for m in meetings if m.date >= today],
        can_manage=request.user.has_perm(MANAGE, series),
        can_run=request.user.has_perm("governance.run_meeting", series),
        generate_form=_generate_form(request, series),
        extra_form=drafts.form(
            request,
            series,
            "extra_meeting",
            ExtraMeetingForm,
            initial={
                "date": today,
                "start_time": series.start_time,
                "duration_minutes": series.duration_minutes,
                "location": series.location,
            },
        ),
        today=today,
    )


@login_required
@require_POST
def series_generate(request: AuthedRequest, pk: int) -> HttpResponse:
    series = selectors.get_series_for(request.user, pk, MANAGE)
    _generate(request, lambda until: services.meetings_generate(series=series, until=until), series)
    return redirect(series)


@login_required
@require_POST
def series_extra_meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    series = selectors.get_series_for(request.user, pk, "governance.run_meeting")
    form = ExtraMeetingForm(request.POST)
    if form.is_valid():
        meeting = services.meeting_create(series=series, data=form.cleaned_data)
        messages.success(request, _("Außerplanmäßige Sitzung angelegt."))
        return redirect(meeting)
    # The notice names the field's own messages; the form shows them again beside its fields.
    problems = [str(error) for errors in form.errors.values() for error in errors]
    messages.error(request, " ".join([_("Bitte prüfen Sie Datum, Beginn und Dauer."), *problems]))
    drafts.keep(request, series, "extra_meeting", form)
    return redirect(series)


# --- reporting duties ---------------------------------------------------------------------


@login_required
def duties(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, VIEW)
    today = timezone.localdate()
    duty_list = selectors.duties_of(programme)
    can_manage = request.user.has_perm(MANAGE, programme)
    form = DutyForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form_saved(
            request,
            form,
            lambda: services.reporting_duty_save(
                duty=ReportingDuty(programme=programme), data=form.cleaned_data
            ),
        ):
            messages.success(request, _("Berichtspflicht angelegt."))
            return redirect("governance:duties", slug=slug)
    # "What is due": the next twelve months, by month.
    months: dict = {}
    for duty in duty_list:
        due = duty.next_due
        if due is None or due > today + timedelta(days=366):
            continue
        months.setdefault((due.year, due.month), []).append(duty)
    calendar = [
        {"month": items[0].next_due.replace(day=1), "duties": items}
        for _key, items in sorted(months.items())
    ]
    return governance_page(
        request,
        "governance/duties.html",
        programme,
        duties=duty_list,
        calendar=calendar,
        today=today,
        can_manage=can_manage,
        form=form,
        kept_fulfil=_kept_fulfil(request, duty_list),
    )


@dataclass(frozen=True)
class KeptFulfil:
    duty: int  # the duty whose row shows the form
    form: FulfilForm


def _kept_fulfil(request: AuthedRequest, duty_list: list[ReportingDuty]) -> KeptFulfil | None:
    """The fulfilment refused for one of the duties, to stand in its row again (once)."""
    for duty in duty_list:
        form = drafts.kept_form(request, duty, "fulfil", FulfilForm)
        if form is not None:
            return KeptFulfil(duty=duty.pk, form=form)
    return None


@login_required
@require_POST
def duty_fulfil(request: AuthedRequest, pk: int) -> HttpResponse:
    duty = selectors.get_duty_for(request.user, pk, MANAGE)
    form = FulfilForm(request.POST)
    drafts.run_posted(
        request,
        form,
        lambda: services.reporting_duty_fulfil(duty=duty, user=request.user, **form.cleaned_data),
        _("Als erfüllt vermerkt: %(duty)s") % {"duty": duty},
        page=duty,
        name="fulfil",
    )
    return redirect("governance:duties", slug=duty.programme.slug)
