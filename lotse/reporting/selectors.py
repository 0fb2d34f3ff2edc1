"""Reads shared by the report pages, cockpits, API and documents."""

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any
from typing import TypeVar
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.db.models import Field
from django.db.models import Model
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.http import AnyUser
from lotse.http import require_perm
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .models import LIGHTS
from .models import RATING_ORDER
from .models import DecisionRequest
from .models import PublicRelease
from .models import ReportingConfig
from .models import StatusReport

M = TypeVar("M", bound=Model)


class Trend:
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"
    LABELS = {BETTER: _("besser"), SAME: _("gleich"), WORSE: _("schlechter")}
    SYMBOLS = {BETTER: "↗", SAME: "→", WORSE: "↘"}


def trend(current: str, previous: str | None) -> str | None:
    """Overall light against the previous report: better, same or worse (None if no previous)."""
    if previous is None:
        return None
    delta = RATING_ORDER[current] - RATING_ORDER[previous]
    if delta < 0:
        return Trend.BETTER
    if delta > 0:
        return Trend.WORSE
    return Trend.SAME


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


COMPARED_FIELDS = [
    *[(name, label) for name, label in LIGHTS],
    *[(f"{name}_note", label) for name, label in LIGHTS],
    ("summary", StatusReport._meta.get_field("summary").verbose_name),
    ("achievements", StatusReport._meta.get_field("achievements").verbose_name),
    ("next_steps", StatusReport._meta.get_field("next_steps").verbose_name),
    ("obstacles", StatusReport._meta.get_field("obstacles").verbose_name),
    ("support_needed", StatusReport._meta.get_field("support_needed").verbose_name),
    ("user_involvement", StatusReport._meta.get_field("user_involvement").verbose_name),
    ("vision", StatusReport._meta.get_field("vision").verbose_name),
    ("board_todo", StatusReport._meta.get_field("board_todo").verbose_name),
    ("board_doing", StatusReport._meta.get_field("board_doing").verbose_name),
    ("board_done", StatusReport._meta.get_field("board_done").verbose_name),
]


def changes_since(report: StatusReport, previous: StatusReport | None) -> list[Change]:
    """What this report says differently from the previous period's."""
    if previous is None:
        return []
    changes = []
    for name, label in COMPARED_FIELDS:
        old, new = getattr(previous, name), getattr(report, name)
        if old != new:
            field = cast("Field[Any, Any]", StatusReport._meta.get_field(name))  # a column
            if field.choices:
                choices = dict(field.flatchoices)
                old, new = choices.get(old, old), choices.get(new, new)
            changes.append(Change(name, str(label), str(old), str(new)))
    return changes


def as_of_report(report: StatusReport) -> dict:
    """Milestones, risks and open decision requests as the report shows them.

    A submitted or accepted report shows its snapshot; a draft shows the live project.
    """
    if (
        report.state in (StatusReport.State.SUBMITTED, StatusReport.State.ACCEPTED)
        and report.snapshot
    ):
        snap = report.snapshot
        return {
            "milestones": [_snapshot_milestone(m) for m in snap.get("milestones", [])],
            "risks": snap.get("risks", []),
            "decision_requests": [_snapshot_request(d) for d in snap.get("decision_requests", [])],
            "finance": snap.get("finance"),
            "frozen": True,
        }
    from .snapshots import take_snapshot

    live = take_snapshot(report.project, min(report.period.end, timezone.localdate()))
    return {
        "milestones": [_snapshot_milestone(m) for m in live["milestones"]],
        "risks": live["risks"],
        "decision_requests": [_snapshot_request(d) for d in live["decision_requests"]],
        "finance": live["finance"],
        "frozen": False,
    }


def _snapshot_milestone(item: dict) -> dict:
    parsed = dict(item)
    for key in ("planned_date", "forecast_date", "actual_date"):
        parsed[key] = date.fromisoformat(item[key]) if item.get(key) else None
    return parsed


def _snapshot_request(item: dict) -> dict:
    parsed = dict(item)
    parsed["needed_by"] = date.fromisoformat(item["needed_by"]) if item.get("needed_by") else None
    parsed.setdefault("addressed_to_label", item.get("addressed_to", ""))
    return parsed


@dataclass(frozen=True)
class OpenRequest:
    """An open decision request as the programme cockpit lists it: is its date past?"""

    request: DecisionRequest
    is_overdue: bool


def open_decision_requests(programme: Programme, today: date) -> list[OpenRequest]:
    """The programme's open decision requests, most urgent first, each marked if overdue."""
    requests = list(
        DecisionRequest.objects.filter(project__programme=programme, status="open")
        .select_related("project")
        .order_by(F("needed_by").asc(nulls_last=True), "pk")
    )
    return [
        OpenRequest(item, is_overdue=bool(item.needed_by and item.needed_by < today))
        for item in requests
    ]


def public_release_mode(programme: Programme) -> str:
    """The programme's setting for public traffic lights ("nach Freigabe" unless set)."""
    mode = (
        ReportingConfig.objects.filter(programme=programme)
        .values_list("public_release", flat=True)
        .first()
    )
    return mode or PublicRelease.AFTER_RELEASE


def previous_report(report: StatusReport) -> StatusReport | None:
    return (
        StatusReport.objects.filter(project=report.project, period__start__lt=report.period.start)
        .order_by("-period__start")
        .first()
    )


def get_report_of_project(project: Project, value: str | None) -> StatusReport | None:
    """The project's report named by a request value (`?report=`), None without one; 404 if
    the value is no id or names a report of another project."""
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(StatusReport, pk=int(value), project=project)


# The state in which a workflow permission can be granted at all.
REPORT_PERM_STATE = {
    "reporting.change_report": StatusReport.State.DRAFT,
    "reporting.submit_report": StatusReport.State.DRAFT,
    "reporting.review_report": StatusReport.State.SUBMITTED,
}


class ReportInWrongState(PermissionDenied):
    """The user may do this to the report, only not in the state it is in now."""

    def __init__(self, report: StatusReport) -> None:
        self.report = report
        super().__init__(
            _("Der Bericht ist „%(state)s“ und kann so nicht geändert werden.")
            % {"state": report.get_state_display()}
        )


def get_report_for(user: AnyUser, pk: int, perm: str = "reporting.view_report") -> StatusReport:
    """A report the user may see and on which `perm` holds; `ReportInWrongState` (a 403
    that says why) if only the report's state stands in the way (e.g. already submitted)."""
    report = get_object_or_404(
        StatusReport.objects.select_related(
            "project__programme", "project__lead", "period", "submitted_by", "reviewed_by"
        ),
        pk=pk,
    )
    require_perm(user, "reporting.view_report", report)
    if not user.has_perm(perm, report):
        state = REPORT_PERM_STATE.get(perm)
        if state is not None:
            in_state = copy.copy(report)
            in_state.state = state
            if user.has_perm(perm, in_state):
                raise ReportInWrongState(report)
        raise PermissionDenied
    return report


def get_project_item_for(
    user: AnyUser, model: type[M], pk: int, perm: str = "reporting.change_project_status"
) -> M:
    """A milestone, risk or decision request of a project the user may see, on which `perm`
    holds."""
    item: Any = get_object_or_404(
        model._default_manager.select_related("project__programme"), pk=pk
    )
    require_perm(user, "portfolio.view_project", item.project)
    require_perm(user, perm, item)
    return cast(M, item)


def get_decision_request_for(user: AnyUser, pk: int, perm: str) -> DecisionRequest:
    """A decision request of a project the user may see, on which `perm` holds."""
    request = get_object_or_404(
        DecisionRequest.objects.select_related("project__programme", "raised_by"), pk=pk
    )
    for needed, obj in (("portfolio.view_project", request.project), (perm, request)):
        if not user.has_perm(needed, obj):
            raise PermissionDenied
    return request


@dataclass
class ReportDetail:
    """A report with what its detail shows besides its own fields (the API's
    `ReportDetailOut`): the data as of the report, the previous report, the trend and the
    changes since. The report's own fields are read through."""

    report: StatusReport
    as_of: dict[str, Any]
    previous: int | None
    trend: str | None
    trend_label: str | None
    changes: list[Change]

    def __getattr__(self, name: str) -> Any:
        if name == "report":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.report, name)


def report_detail(report: StatusReport) -> ReportDetail:
    previous = previous_report(report)
    code = trend(report.overall, previous.overall if previous else None)
    return ReportDetail(
        report=report,
        as_of=as_of_report(report),
        previous=previous.pk if previous else None,
        trend=code,
        trend_label=str(Trend.LABELS[code]) if code else None,
        changes=changes_since(report, previous),
    )
