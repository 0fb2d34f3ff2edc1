"""Producing a council report: collect it as of a day, render it, archive the bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.governance.models import ReportingDuty
from lotse.portfolio.models import Programme

from . import render
from .collect import collect_report
from .collect import moment_for
from .data import Report
from .kinds import KINDS
from .kinds import Format
from .kinds import Kind
from .models import ArchivedReport


def report_validate(
    *,
    programme: Programme,
    kind: str,
    as_of: date,
    fmt: str,
    field_id: int | None = None,
    duty: ReportingDuty | None = None,
) -> None:
    """The checks of `report_generate`, also for a page that queues the report as a job."""
    errors: dict[str, StrOrPromise] = {}
    if kind not in KINDS:
        errors["kind"] = _("Diese Berichtsart gibt es nicht.")
    if fmt not in Format.values:
        errors["format"] = _("Bitte wählen Sie PDF, XLSX oder DOCX.")
    if as_of > timezone.localdate():
        errors["as_of"] = _("Der Stand darf nicht in der Zukunft liegen.")
    if kind == Kind.FOCUS and not field_id:
        errors["field"] = _(
            "Für den Bericht „Themenfeld im Fokus“ wählen Sie bitte ein Themenfeld."
        )
    if duty is not None and duty.programme_id != programme.pk:
        errors["duty"] = _("Diese Berichtspflicht gehört zu einem anderen Programm.")
    if errors:
        raise ValidationError(errors)


def _no_progress(phase: str, percent: int) -> None:
    pass


def render_report(
    report: Report,
    fmt: str,
    request: HttpRequest,
    progress: Callable[[str, int], None] | None = None,
) -> bytes:
    if fmt == Format.PDF:
        return render.render_pdf(report, request, progress=progress)
    if fmt == Format.XLSX:
        return render.render_xlsx(report)
    return render.render_docx(report)


def report_generate(
    *,
    programme: Programme,
    kind: str,
    as_of: date,
    fmt: str,
    user: User,
    request: HttpRequest,
    field_id: int | None = None,
    duty: ReportingDuty | None = None,
    progress: Callable[[str, int], None] = _no_progress,
) -> ArchivedReport:
    """Generate the report, store it unchanged in the archive and, if it was made for a
    reporting duty, record the duty as fulfilled. `progress(phase, percent)` hears how far
    it is (the background job shows it). Reading and rendering happen before the one
    transaction that archives, so the job's progress is visible while it renders."""
    report_validate(
        programme=programme, kind=kind, as_of=as_of, fmt=fmt, field_id=field_id, duty=duty
    )
    if kind != Kind.FOCUS:
        field_id = None
    moment = moment_for(as_of)
    progress(_("Daten zum Stand %(day)s werden gelesen") % {"day": f"{as_of:%d.%m.%Y}"}, 10)
    report = collect_report(
        programme=programme, kind=kind, as_of=as_of, moment=moment, field_id=field_id
    )
    progress(_("%(format)s wird erstellt") % {"format": fmt.upper()}, 20)
    content = render_report(report, fmt, request, progress)
    progress(_("Bericht wird im Archiv abgelegt"), 90)
    archived = ArchivedReport(
        programme=programme,
        kind=kind,
        format=fmt,
        title=f"{report.title} – {report.programme_short}",
        as_of=as_of,
        as_of_moment=moment,
        period_start=report.period_start,
        period_end=report.period_end,
        field_of_action_id=field_id,
        duty=duty,
        parameters={
            "kind": kind,
            "as_of": as_of.isoformat(),
            "field": field_id,
            "format": fmt,
            "duty": duty.pk if duty else None,
        },
        filename=render.filename(report, fmt),
        content=content,
        created_by=user,
    )
    with transaction.atomic():
        archived.save()
        if duty is not None:
            from lotse.governance.services import reporting_duty_fulfil

            reporting_duty_fulfil(
                duty=duty,
                fulfilled_on=timezone.localdate(),
                user=user,
                note=_("Bericht „%(title)s“ (Stand %(day)s), Archiv-Nr. %(pk)d")
                % {"title": archived.title, "day": as_of.strftime("%d.%m.%Y"), "pk": archived.pk},
            )
    return archived
