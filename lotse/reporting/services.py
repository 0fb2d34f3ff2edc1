"""Every change to status reports, milestones, risks and decision requests."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db import transaction
from django.utils import formats
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.models import User
from lotse.history import record_by
from lotse.history import record_reason
from lotse.http import AnyUser
from lotse.portfolio.models import Project
from lotse.portfolio.services import EditConflict
from lotse.portfolio.services import claim_version
from lotse.portfolio.services import save_versioned
from lotse.validation import raise_errors

from .models import LIGHTS
from .models import DecisionRequest
from .models import Milestone
from .models import Rating
from .models import ReportingConfig
from .models import ReportingPeriod
from .models import Risk
from .models import StatusReport
from .selectors import previous_report
from .signals import board_summary_wanted
from .signals import report_started
from .snapshots import take_snapshot

# Texts a new report takes over from the previous one, so nothing is typed twice.
CARRIED_OVER = [
    *[name for name, _label in LIGHTS],
    *[f"{name}_note" for name, _label in LIGHTS],
    "summary",
    "next_steps",
    "obstacles",
    "support_needed",
    "support_from",
    "user_involvement",
    "vision",
    "board_todo",
    "board_doing",
    "board_done",
]
EDITABLE = [*CARRIED_OVER, "achievements"]

_M = TypeVar("_M", bound=models.Model)


def _author(user: AnyUser | None) -> User | None:
    """The user to name as author: nobody for an anonymous one."""
    return user if isinstance(user, User) else None


@transaction.atomic
def report_start(*, project: Project, period: ReportingPeriod, user: AnyUser) -> StatusReport:
    """The project's report for the period, created prefilled from the last one if new."""
    if period.programme_id != project.programme_id:
        raise ValidationError(_("Die Berichtsperiode gehört zu einem anderen Programm."))
    report, created = StatusReport.objects.get_or_create(project=project, period=period)
    if created:
        last = previous_report(report)
        if last is not None:
            for name in CARRIED_OVER:
                setattr(report, name, getattr(last, name))
        elif not report.vision:
            report.vision = "\n".join(project.goal_list)
        figures = budget_suggestion(report)
        if figures and figures["suggestion"]:
            # the budget light starts at what plan, actual and committed suggest (finance);
            # the lead may deviate and then explains (validate_budget_suggestion)
            report.budget = figures["suggestion"]
        report_started.send(sender=StatusReport, report=report)  # receivers may prefill
        report.save()
    return report


def validate_lights(data: dict) -> None:
    """Every light that is not green needs its explanation."""
    errors = {}
    for name, label in LIGHTS:
        if (
            data.get(name, Rating.GREEN) != Rating.GREEN
            and not (data.get(f"{name}_note") or "").strip()
        ):
            errors[f"{name}_note"] = [
                _("Bitte erläutern Sie, warum „%(light)s“ nicht grün ist.") % {"light": label}
            ]
    raise_errors(errors)


def finance_day(report: StatusReport) -> date:
    """The report's day for its money: the period's end, or today if that is earlier."""
    return min(report.period.end, timezone.localdate())


def budget_suggestion(report: StatusReport) -> dict | None:
    """Plan versus actual and committed of the report's year (finance), up to the period's
    end or today, whichever is earlier; with the budget light Lotse suggests."""
    from lotse.finance.selectors import report_figures

    return report_figures(report.project, finance_day(report))


def validate_budget_suggestion(report: StatusReport, data: dict) -> None:
    """The lead may deviate from the suggested budget light, and then explains why."""
    figures = budget_suggestion(report)
    suggested = figures and figures["suggestion"]
    chosen = data.get("budget")
    if not suggested or not chosen or chosen == suggested:
        return
    if not (data.get("budget_note") or "").strip():
        labels = dict(Rating.choices)
        raise ValidationError(
            {
                "budget_note": [
                    _(
                        "Aus Plan, Ist und Obligo schlägt Lotse für das Budget „%(suggested)s“ "
                        "vor. Bitte erläutern Sie, warum Sie „%(chosen)s“ wählen."
                    )
                    % {
                        "suggested": labels.get(suggested, suggested),
                        "chosen": labels.get(chosen, chosen),
                    }
                ]
            }
        )


def _require_state(report: StatusReport, *states: str) -> None:
    if report.state not in states:
        raise ValidationError(
            _("Der Bericht ist „%(state)s“ und kann so nicht geändert werden.")
            % {"state": report.get_state_display()}
        )


@transaction.atomic
def report_update(
    *, report: StatusReport, data: dict, expected_version: int | None
) -> StatusReport:
    _require_state(report, StatusReport.State.DRAFT, StatusReport.State.RETURNED)
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    merged = {name: getattr(report, name) for name in EDITABLE} | data
    validate_lights(merged)
    validate_budget_suggestion(report, merged)
    for name, value in data.items():
        setattr(report, name, value)
    report.full_clean(exclude=["version", "snapshot"], validate_constraints=False)
    claim_version(report, expected_version)
    report.save()
    return report


@transaction.atomic
def report_refresh_board(*, report: StatusReport, expected_version: int | None) -> bool:
    """Take To Do / Doing / Done of a draft (or returned) report anew from the project's
    board. False (and nothing written) if there is no board with cards."""
    _require_state(report, StatusReport.State.DRAFT, StatusReport.State.RETURNED)
    responses = board_summary_wanted.send(sender=StatusReport, report=report)
    if not any(filled for _receiver, filled in responses):
        return False
    claim_version(report, expected_version)
    report.save()
    return True


@transaction.atomic
def report_submit(*, report: StatusReport, user: AnyUser) -> StatusReport:
    _require_state(report, StatusReport.State.DRAFT, StatusReport.State.RETURNED)
    validate_lights({name: getattr(report, name) for name in EDITABLE})
    claim_version(report, report.version)
    report.state = StatusReport.State.SUBMITTED
    report.submitted_at = timezone.now()
    report.first_submitted_at = report.first_submitted_at or report.submitted_at
    report.submitted_by = _author(user)
    report.snapshot = take_snapshot(report.project, finance_day(report))
    report.save()
    return report


@transaction.atomic
def report_accept(*, report: StatusReport, user: AnyUser, comment: str = "") -> StatusReport:
    """Accept and freeze: the snapshot of milestones, risks and requests is taken now."""
    _require_state(report, StatusReport.State.SUBMITTED)
    claim_version(report, report.version)
    report.state = StatusReport.State.ACCEPTED
    report.reviewed_at = timezone.now()
    report.reviewed_by = _author(user)
    report.review_comment = comment
    report.snapshot = take_snapshot(report.project, finance_day(report))
    report.save()
    return report


@transaction.atomic
def report_release(
    *, report: StatusReport, user: AnyUser, expected_version: int | None = None
) -> StatusReport:
    """Release an accepted report's traffic lights for the public pages. Who may do so (the
    programme manager or the sponsor) is decided in ``rules.py``; the release is recorded in
    the report's history with time and person."""
    if report.state != StatusReport.State.ACCEPTED:
        raise ValidationError(
            _("Nur ein angenommener Bericht kann für die öffentlichen Seiten freigegeben werden.")
        )
    if report.released_at is not None:
        raise ValidationError(
            _("Die Ampeln dieses Berichts sind schon seit %(day)s freigegeben.")
            % {
                "day": formats.date_format(
                    timezone.localtime(report.released_at), "SHORT_DATE_FORMAT"
                )
            }
        )
    claim_version(report, report.version if expected_version is None else expected_version)
    report.released_at = timezone.now()
    report.released_by = _author(user)
    record_by(report, user)
    report.save()
    return report


@transaction.atomic
def report_return(*, report: StatusReport, user: AnyUser, comment: str) -> StatusReport:
    _require_state(report, StatusReport.State.SUBMITTED)
    if not comment.strip():
        raise ValidationError(
            {"review_comment": [_("Bitte schreiben Sie, was die Projektleitung ändern soll.")]}
        )
    claim_version(report, report.version)
    report.state = StatusReport.State.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = _author(user)
    report.review_comment = comment
    report.save()
    return report


def _save(obj: _M, data: dict[str, Any]) -> _M:
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean(validate_constraints=False)
    obj.save()
    return obj


@transaction.atomic
def milestone_save(*, milestone: Milestone, data: dict) -> Milestone:
    return _save(milestone, data)


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    milestone.delete()


@transaction.atomic
def risk_save(*, risk: Risk, data: dict) -> Risk:
    return _save(risk, data)


@transaction.atomic
def risk_delete(*, risk: Risk) -> None:
    risk.delete()


REQUEST_FIELDS = {"question", "options", "recommendation", "needed_by", "addressed_to", "report"}


def _require_open(request: DecisionRequest) -> None:
    if request.status != DecisionRequest.Status.OPEN:
        raise ValidationError(
            _("Der Entscheidungsbedarf ist „%(status)s“ und kann nicht mehr geändert werden.")
            % {"status": request.get_status_display()}
        )


@transaction.atomic
def decision_request_save(
    *,
    request: DecisionRequest,
    data: dict[str, Any],
    user: AnyUser | None = None,
    expected_version: int | None = None,
) -> DecisionRequest:
    """Raise or edit a request. Its status is not edited here: it becomes "entschieden" only
    through a Beschluss (`governance.services.decision_record`) and "zurückgezogen" only
    through `decision_request_withdraw`."""
    if "status" in data and (request.pk is not None or data["status"] != request.status):
        raise ValidationError(
            {
                "status": [
                    _(
                        "Der Status ändert sich nur durch einen Beschluss des zuständigen "
                        "Gremiums oder durch Zurückziehen mit Begründung."
                    )
                ]
            }
        )
    unknown = set(data) - REQUEST_FIELDS - {"status"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if request.pk is not None:
        _require_open(request)
    elif user is not None:
        request.raised_by = _author(user)
    for name, value in data.items():
        if name != "status":
            setattr(request, name, value)
    if request.report is not None and request.report.project_id != request.project_id:
        raise ValidationError({"report": [_("Der Bericht gehört zu einem anderen Projekt.")]})
    request.full_clean(exclude=["version"], validate_constraints=False)
    return save_versioned(request, expected_version)


@transaction.atomic
def decision_request_withdraw(
    *, request: DecisionRequest, user: AnyUser, reason: str, expected_version: int | None = None
) -> DecisionRequest:
    """The requester takes the request back, with a reason that stays in its history."""
    _require_open(request)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Bitte begründen Sie, warum Sie den Entscheidungsbedarf zurückziehen.")]}
        )
    claim_version(request, expected_version)
    request.status = DecisionRequest.Status.WITHDRAWN
    request.withdrawal_reason = reason
    record_by(request, user)
    record_reason(request, _("Zurückgezogen: %(reason)s") % {"reason": reason})
    request.save()
    return request


@transaction.atomic
def decision_request_mark_decided(*, request: DecisionRequest, user: AnyUser) -> DecisionRequest:
    """Only for `governance.services.decision_record`, after it checked that the Beschluss
    was taken by the body the request is addressed to."""
    _require_open(request)
    claim_version(request, None)
    request.status = DecisionRequest.Status.DECIDED
    record_by(request, user)
    request.save()
    return request


__all__ = ["EditConflict"]


RHYTHM_FIELDS = ("cadence", "period_weeks", "first_period_start")


@transaction.atomic
def reporting_config_update(
    *, config: ReportingConfig, data: dict, today: date | None = None
) -> ReportingConfig:
    """Change the rhythm. A new rhythm starts after the last period that has reports; empty
    periods from its start on are replaced, reported ones are never touched. The periods up
    to today are stored; a changed number of working days moves the due dates still to come
    (never a due date that has passed)."""
    from .periods import due_dates_recompute
    from .periods import ensure_periods

    today = today or timezone.localdate()
    # Read the stored rhythm: a ModelForm has already put the new values on `config`.
    stored = ReportingConfig.objects.filter(pk=config.pk).first() if config.pk else None
    before = {name: getattr(stored, name) for name in RHYTHM_FIELDS} if stored else {}
    for name, value in data.items():
        setattr(config, name, value)
    config.full_clean()
    if stored is not None and all(getattr(config, name) == before[name] for name in RHYTHM_FIELDS):
        # Only due days or reminders changed: existing periods keep their dates.
        config.save()
        if config.due_working_days != stored.due_working_days:
            due_dates_recompute(config.programme, today)
        ensure_periods(config.programme, today)
        return config
    periods = ReportingPeriod.objects.filter(programme=config.programme)
    reported = periods.filter(reports__isnull=False).order_by("-end").first()
    if reported and config.first_period_start <= reported.end:
        raise ValidationError(
            {
                "first_period_start": [
                    _(
                        "Für die Periode bis %(end)s gibt es schon Berichte. Der neue Rhythmus "
                        "kann frühestens am %(day)s beginnen."
                    )
                    % {
                        "end": formats.date_format(reported.end, "SHORT_DATE_FORMAT"),
                        "day": formats.date_format(
                            reported.end + timedelta(days=1), "SHORT_DATE_FORMAT"
                        ),
                    }
                ]
            }
        )
    periods.filter(start__gte=config.first_period_start, reports__isnull=True).delete()
    # Empty periods overlapping the new start would double up with the new rhythm.
    periods.filter(end__gte=config.first_period_start, reports__isnull=True).delete()
    config.save()
    ensure_periods(config.programme, today)
    return config
