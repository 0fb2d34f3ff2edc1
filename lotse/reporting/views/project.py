"""Project-level reporting pages: report editing and workflow, project cockpit, milestones,
risks and decision requests."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from typing import Any
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import Field
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.finance.selectors import with_decimals
from lotse.forms import add_service_errors
from lotse.forms import form_page
from lotse.forms import form_saved
from lotse.http import AnyUser
from lotse.http import AuthedRequest
from lotse.http import project_section_page
from lotse.http import require_perm
from lotse.http import section_page
from lotse.portfolio import selectors as portfolio_selectors
from lotse.portfolio.models import Project

from .. import periods
from .. import selectors
from .. import services
from ..forms import DecisionRequestForm
from ..forms import MilestoneForm
from ..forms import ReviewForm
from ..forms import RiskForm
from ..forms import StatusReportForm
from ..forms import WithdrawForm
from ..forms import _ServiceForm
from ..models import LIGHTS
from ..models import DecisionRequest
from ..models import Milestone
from ..models import PublicRelease
from ..models import ReportingPeriod
from ..models import Risk
from ..models import StatusReport
from ..presentation import as_of
from ..presentation import risk_matrix
from ..presentation import timeline
from ..presentation import trend_info
from ..project_reads import project_items
from ..project_reads import project_reports
from ..signals import knock_ons

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # str or a lazy translation (typing only)

# ---------------------------------------------------------------------------------------------
# Permission-checking getters


# What a form's service may refuse with: the form shows it.
SERVICE_ERRORS = (services.EditConflict, ValidationError)


def _get_report(user: AnyUser, pk: int, perm: str = "reporting.view_report") -> StatusReport:
    return selectors.get_report_for(user, pk, perm)


def _redirects_wrong_state(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Turn a stale button (report already submitted, accepted …) into a message, not a 403."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except selectors.ReportInWrongState as exc:
            messages.error(request, str(exc))
            return redirect(exc.report)

    return wrapper


def _get_project_item(user: AnyUser, model: type[Model], pk: int) -> Any:
    """A milestone, risk or decision request that the user may change."""
    return selectors.get_project_item_for(user, model, pk)


# ---------------------------------------------------------------------------------------------
# Display helpers: slippage, trend, risk levels, the milestone timeline


# ---------------------------------------------------------------------------------------------
# Project cockpit


@dataclass
class HistoryRow:
    period: ReportingPeriod
    report: StatusReport | None
    is_current: bool
    trend: dict[str, str] | None  # the report's overall light against the one before
    overall_label: str = ""
    state_label: str = ""


@functools.cache
def _report_labels(field_name: str, language: str | None) -> dict[str, str]:
    """A status report field's choice labels in `language` (the active one on first call):
    `get_…_display` hashes the lazy choices on every call, twelve times per history."""
    field = cast("Field[Any, Any]", StatusReport._meta.get_field(field_name))
    return {str(value): str(label) for value, label in field.flatchoices}


def _label(report: StatusReport, field_name: str, language: str | None) -> str:
    """`report.get_<field_name>_display()`."""
    value = getattr(report, field_name)
    return _report_labels(field_name, language).get(value, value)


@login_required
def project_cockpit(request: AuthedRequest, pk: int) -> HttpResponse:
    project = portfolio_selectors.get_project_for(
        request.user, pk, related=("programme__reporting_config", "lead")
    )
    today = timezone.localdate()
    all_periods = periods.periods_until(project.programme, today)
    current = all_periods[-1]
    reports = project_reports(project.pk, all_periods)
    trends = {
        report.pk: trend_info(report.overall, previous.overall if previous else None)
        for previous, report in zip([None, *reports], reports, strict=False)
    }
    by_period = {r.period_id: r for r in reports}
    # From the project's first report on: a gap since then is a missing report worth seeing.
    first_day = min([r.period.start for r in reports] + [current.start])
    language = get_language()
    history = []
    for p in reversed(all_periods):
        if p.start >= first_day:
            report = by_period.get(p.pk) if p.pk else None
            if report is None:
                history.append(HistoryRow(p, None, p is current, None))
                continue
            history.append(
                HistoryRow(
                    p,
                    report,
                    p is current,
                    trends[report.pk],
                    _label(report, "overall", language),
                    _label(report, "state", language),
                )
            )
    current_report = by_period.get(current.pk) if current.pk else None
    items = project_items(project.pk, reports)
    found = knock_ons(programme=project.programme, as_of=today, project_ids={project.pk})
    context: dict[str, Any] = {
        "waits_for": [k for k in found if k.downstream_id == project.pk],
        "delays": [k for k in found if k.upstream_id == project.pk],
        "project": project,
        "today": today,
        "period": current,
        "current_report": current_report,
        "current_trend": trends[current_report.pk] if current_report else None,
        # the current report's state and lights in words
        "current_labels": {
            name: _label(current_report, name, language)
            for name in ("state", *(light for light, _words in LIGHTS))
        }
        if current_report
        else {},
        "latest_report": reports[-1] if reports else None,
        "history": history,
        **items,
        "timeline": timeline(items["milestones"], today),
        "matrix": risk_matrix(items["risks"]),
        "can_change_status": request.user.has_perm("reporting.change_project_status", project),
        "can_start": current_report is None
        and request.user.has_perm(
            "reporting.change_report", StatusReport(project=project, period=current)
        ),
    }
    return section_page(
        request, "reporting/project_cockpit.html", project.programme, section="projects", **context
    )


@login_required
@require_POST
def report_start(request: AuthedRequest, pk: int, period_pk: int | None = None) -> HttpResponse:
    """Start the report of a stored period, or (without `period_pk`) of the current one,
    which is stored here if the daily run has not yet done so."""
    project = portfolio_selectors.get_project_for(request.user, pk)
    if period_pk is None:
        today = timezone.localdate()
        period = periods.periods_until(project.programme, today)[-1]
    else:
        period = get_object_or_404(ReportingPeriod, pk=period_pk, programme_id=project.programme_id)
    require_perm(
        request.user, "reporting.change_report", StatusReport(project=project, period=period)
    )
    if period.pk is None:
        period = periods.ensure_periods(project.programme, today)[-1]
    existed = StatusReport.objects.filter(project=project, period=period).exists()
    report = services.report_start(project=project, period=period, user=request.user)
    if existed:
        messages.info(request, _("Für diese Periode gibt es bereits einen Statusbericht."))
    else:
        messages.success(
            request,
            _(
                "Der Statusbericht für %(period)s wurde angelegt und mit den Angaben des letzten "
                "Berichts vorbefüllt."
            )
            % {"period": period},
        )
    if request.user.has_perm("reporting.change_report", report):
        return redirect("reporting:report_edit", pk=report.pk)
    return redirect(report)


# ---------------------------------------------------------------------------------------------
# Status report and its workflow


def _render_report(
    request: HttpRequest, report: StatusReport, review_form: ReviewForm
) -> HttpResponse:
    previous = selectors.previous_report(report)
    user = request.user
    rows = as_of(report)
    context: dict[str, Any] = {
        "report": report,
        "project": report.project,
        "previous": previous,
        "trend": trend_info(report.overall, previous.overall if previous else None),
        "changes": selectors.changes_since(report, previous),
        "lights": [
            {
                "name": name,
                "label": cast("Field[Any, Any]", StatusReport._meta.get_field(name)).verbose_name,
                "value": getattr(report, name),
                "display": getattr(report, f"get_{name}_display")(),
                "note": getattr(report, f"{name}_note"),
            }
            for name in ("schedule", "budget", "scope", "resources")
        ],
        **rows,
        "finance_figures": with_decimals(rows["finance"]),
        "matrix": risk_matrix(rows["risks"]),
        "timeline": timeline(rows["milestones"], *_reference_day(report, rows["frozen"])),
        "review_form": review_form,
        "can_edit": user.has_perm("reporting.change_report", report),
        "can_submit": user.has_perm("reporting.submit_report", report),
        "can_review": user.has_perm("reporting.review_report", report),
        "can_change_status": user.has_perm("reporting.change_project_status", report.project),
        "can_release": user.has_perm("reporting.release_report", report),
        "release_automatic": selectors.public_release_mode(report.project.programme)
        == PublicRelease.AUTOMATIC,
    }
    return section_page(
        request,
        "reporting/report_detail.html",
        report.project.programme,
        section="projects",
        **context,
    )


def _reference_day(report: StatusReport, frozen: bool) -> tuple[date, str | None]:
    """A frozen report's timeline marks the day it was frozen, not today."""
    taken = report.reviewed_at if report.is_frozen else report.submitted_at
    if frozen and taken:
        return timezone.localtime(taken).date(), _("Stand")
    return timezone.localdate(), None


@login_required
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report(request.user, pk)
    return _render_report(request, report, ReviewForm())


@login_required
@_redirects_wrong_state
def report_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report(request.user, pk, "reporting.change_report")
    form = StatusReportForm(request.POST or None, instance=report)

    def save() -> None:
        services.report_update(
            report=report,
            data=form.changes(),
            expected_version=form.cleaned_data.get("version"),
        )

    if form_saved(request, form, save, SERVICE_ERRORS):
        messages.success(request, _("Der Statusbericht wurde gespeichert."))
        return redirect(report)
    return render(
        request,
        "reporting/report_form.html",
        {
            "form": form,
            "report": report,
            "project": report.project,
            "light_fields": [(form[name], form[f"{name}_note"]) for name, _label in LIGHTS],
            "finance_figures": with_decimals(services.budget_suggestion(report)),
        },
    )


@login_required
@require_POST
@_redirects_wrong_state
def report_refresh_board(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report(request.user, pk, "reporting.change_report")
    version = request.POST.get("version", "")
    try:
        refreshed = services.report_refresh_board(
            report=report, expected_version=int(version) if version.isdigit() else None
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except services.EditConflict as exc:
        messages.error(request, str(exc))
    else:
        if refreshed:
            messages.success(
                request, _("To Do, Doing und Done wurden aus dem Board neu übernommen.")
            )
        else:
            messages.info(
                request,
                _("Das Board des Projekts hat keine Karten; der Bericht bleibt unverändert."),
            )
    return redirect(report)


@login_required
@require_POST
@_redirects_wrong_state
def report_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report(request.user, pk, "reporting.submit_report")
    try:
        services.report_submit(report=report, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except services.EditConflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Der Statusbericht wurde eingereicht. Das PMO prüft ihn."))
    return redirect(report)


@login_required
@require_POST
@_redirects_wrong_state
def report_review(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _get_report(request.user, pk, "reporting.review_report")
    form = ReviewForm(request.POST)
    if form.is_valid():
        comment = form.cleaned_data["review_comment"]
        try:
            if form.cleaned_data["action"] == ReviewForm.ACCEPT:
                services.report_accept(report=report, user=request.user, comment=comment)
                done = _("Der Statusbericht wurde angenommen.")
            else:
                services.report_return(report=report, user=request.user, comment=comment)
                done = _("Der Statusbericht wurde an die Projektleitung zurückgegeben.")
        except (services.EditConflict, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(report)
    return _render_report(request, report, form)


@login_required
@require_POST
def report_release(request: AuthedRequest, pk: int) -> HttpResponse:
    """Release an accepted report's lights for the public pages (programme manager, sponsor)."""
    report = _get_report(request.user, pk)
    if not request.user.has_perm("reporting.release_report", report):
        ready = copy.copy(report)
        ready.state, ready.released_at = StatusReport.State.ACCEPTED, None
        if not request.user.has_perm("reporting.release_report", ready):
            raise PermissionDenied
        # Entitled, but the report is not (or no longer) waiting for a release.
        if report.released_at is not None:
            messages.info(request, _("Die Ampeln dieses Berichts sind schon freigegeben."))
        else:
            messages.error(
                request,
                _("Nur ein angenommener Bericht kann öffentlich freigegeben werden."),
            )
        return redirect(report)
    try:
        version = int(request.POST.get("version", report.version))
    except ValueError:
        version = -1
    try:
        services.report_release(report=report, user=request.user, expected_version=version)
    except services.EditConflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Die Ampeln des Berichts erscheinen jetzt auf den öffentlichen Seiten.")
        )
    return redirect(report)


# ---------------------------------------------------------------------------------------------
# Milestones, risks and decision requests: edited on the project, by one table-driven pair of
# views (`project_item_form`, `project_item_delete`) and one template.


@dataclass(frozen=True)
class ItemKind:
    model: type[Model]
    form: type[_ServiceForm]
    create_title: StrOrPromise
    edit_title: StrOrPromise  # may name the item with %(title)s
    created: StrOrPromise
    saved: StrOrPromise
    what: StrOrPromise  # "den Meilenstein": for the delete question; empty: cannot be deleted
    save: Callable[..., object]  # (item, data, user, expected version)
    delete: Callable[..., object] | None = None  # (item)


ITEM_KINDS = {
    "milestone": ItemKind(
        model=Milestone,
        form=MilestoneForm,
        create_title=gettext_lazy("Meilenstein anlegen"),
        edit_title=gettext_lazy("Meilenstein bearbeiten: %(title)s"),
        created=gettext_lazy("Der Meilenstein wurde angelegt."),
        saved=gettext_lazy("Der Meilenstein wurde gespeichert."),
        what=gettext_lazy("den Meilenstein"),
        save=lambda item, data, user, version: services.milestone_save(milestone=item, data=data),
        delete=lambda item: services.milestone_delete(milestone=item),
    ),
    "risk": ItemKind(
        model=Risk,
        form=RiskForm,
        create_title=gettext_lazy("Risiko erfassen"),
        edit_title=gettext_lazy("Risiko bearbeiten: %(title)s"),
        created=gettext_lazy("Das Risiko wurde erfasst."),
        saved=gettext_lazy("Das Risiko wurde gespeichert."),
        what=gettext_lazy("das Risiko"),
        save=lambda item, data, user, version: services.risk_save(risk=item, data=data),
        delete=lambda item: services.risk_delete(risk=item),
    ),
    "decision_request": ItemKind(
        model=DecisionRequest,
        form=DecisionRequestForm,
        create_title=gettext_lazy("Entscheidungsbedarf melden"),
        edit_title=gettext_lazy("Entscheidungsbedarf bearbeiten"),
        created=gettext_lazy("Der Entscheidungsbedarf wurde erfasst."),
        saved=gettext_lazy("Der Entscheidungsbedarf wurde gespeichert."),
        what="",
        save=lambda item, data, user, version: services.decision_request_save(
            request=item, data=data, user=user, expected_version=version
        ),
    ),
}


def _item_form_page(
    request: HttpRequest,
    form: BaseForm,
    save: Callable[[], object],
    *,
    project: Project,
    **context: Any,
) -> HttpResponse:
    """The page of an item's form of `project` (title=, back=, success=; see
    `lotse.forms.form_page`): once saved, back to `back` with `success`."""
    return form_page(
        request,
        form,
        save,
        template="reporting/project_item_form.html",
        errors=SERVICE_ERRORS,
        project=project,
        programme=project.programme,
        nav_section="projects",
        **context,
    )


def _cockpit_url(project: Project) -> str:
    return reverse("reporting:project_cockpit", kwargs={"pk": project.pk})


def _new_item(request: AuthedRequest, kind: str, project_pk: int) -> tuple[Any, str]:
    """A new, unsaved item on the project (a decision request may come from a report)."""
    project = portfolio_selectors.get_project_for(
        request.user, project_pk, "reporting.change_project_status"
    )
    if kind != "decision_request":
        return ITEM_KINDS[kind].model(project=project), _cockpit_url(project)
    report = selectors.get_report_of_project(project, request.GET.get("report"))
    back = report.get_absolute_url() if report else _cockpit_url(project)
    return DecisionRequest(project=project, report=report), back


@login_required
def project_item_form(
    request: AuthedRequest, pk: int, kind: str, new: bool = False
) -> HttpResponse:
    """Create (`new`: pk is the project's) or edit (pk is the item's) a milestone, risk or
    decision request; on valid input the kind's service saves it."""
    spec = ITEM_KINDS[kind]
    if new:
        item, back = _new_item(request, kind, pk)
        title, done = spec.create_title, spec.created
    else:
        item = _get_project_item(request.user, spec.model, pk)
        back = _cockpit_url(item.project)
        title, done = spec.edit_title % {"title": getattr(item, "title", "")}, spec.saved
    form = spec.form(request.POST or None, instance=item)

    def save() -> None:
        spec.save(item, form.changes(), request.user, form.cleaned_data.get("version"))

    return _item_form_page(
        request, form, save, project=item.project, title=title, back=back, success=done
    )


@login_required
def project_item_delete(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    spec = ITEM_KINDS[kind]
    if spec.delete is None:
        raise Http404
    item = _get_project_item(request.user, spec.model, pk)
    back = _cockpit_url(item.project)
    if request.method == "POST":
        spec.delete(item)
        messages.success(request, _("„%(item)s“ wurde gelöscht.") % {"item": item})
        return redirect(back)
    return project_section_page(
        request,
        "reporting/project_item_delete.html",
        item.project,
        item=item,
        what=spec.what,
        back=back,
    )


@login_required
def decision_request_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    """The requester takes the request back, with a reason (kept in its history)."""
    decision_request = selectors.get_decision_request_for(
        request.user, pk, "reporting.withdraw_decision_request"
    )
    form = WithdrawForm(request.POST or None, initial={"version": decision_request.version})
    back = _cockpit_url(decision_request.project)

    def save() -> None:
        services.decision_request_withdraw(
            request=decision_request,
            user=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data.get("version"),
        )

    return _item_form_page(
        request,
        form,
        save,
        project=decision_request.project,
        title=_("Entscheidungsbedarf zurückziehen: %(q)s") % {"q": decision_request.question},
        back=back,
        success=_("Der Entscheidungsbedarf wurde zurückgezogen."),
    )
