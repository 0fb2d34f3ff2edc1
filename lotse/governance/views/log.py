"""Decision log (filterable, paginated, XLSX) and the decision request page with escalation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse import exporting
from lotse.forms import add_service_errors
from lotse.http import AuthedRequest
from lotse.http import paginate
from lotse.http import render_list
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Stage
from lotse.portfolio.selectors import get_programme_for

from .. import selectors
from .. import services
from ..forms import EscalateForm
from ..forms import LogFilterForm
from ..models import Body
from ..models import Decision
from .common import governance_page

PER_PAGE = 50


def _log(request: HttpRequest, slug: str) -> tuple[Programme, LogFilterForm, QuerySet[Decision]]:
    programme = get_programme_for(request.user, slug, "governance.view_series")
    form = LogFilterForm(request.GET or None, programme=programme)
    decisions = selectors.decision_log(programme, request.user, form.filters())
    return programme, form, decisions


@login_required
def decision_log(request: AuthedRequest, slug: str) -> HttpResponse:
    programme, form, decisions = _log(request, slug)
    page, query = paginate(request, decisions, PER_PAGE)
    context = {
        "programme": programme,
        "nav_section": "governance",
        "form": form,
        "page": page,
        "query": query,
    }
    return render_list(request, "governance/decision_log.html", context)


def _log_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(
        get_programme_for(request.user, slug, "governance.view_series")
    )


@exporting.export("governance.decision_log_xlsx", gettext_lazy("Beschlussbuch (XLSX)"), _log_scope)
def decision_log_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """The decisions as filtered on the page (built by the background worker)."""
    from lotse.documents.xlsx import build_workbook

    programme, _form, decisions = _log(request, slug)
    # The stages are stored as codes ("running"); the sheet names them as the pages do.
    stages = {code: str(label) for code, label in Stage.choices}
    headers = [
        _("beschlossen am"),
        _("Gremium"),
        _("Art"),
        _("Projekt"),
        _("Beschlusstext"),
        _("Begründung"),
        _("Tagesordnungspunkt"),
        _("Entscheidungsbedarf"),
        _("Phase vorher"),
        _("Phase nachher"),
    ]
    rows = [
        [
            d.decided_on,
            d.meeting.series.name,
            d.get_kind_display(),
            d.project.title if d.project else "",
            d.wording,
            d.rationale,
            d.agenda_item.title if d.agenda_item else "",
            d.decision_request.question if d.decision_request else "",
            stages.get(d.stage_before, d.stage_before),
            stages.get(d.stage_after, d.stage_after),
        ]
        for d in decisions.iterator(chunk_size=2000)
    ]
    return build_workbook(_("Beschlüsse"), headers, rows), f"beschluesse-{programme.slug}.xlsx"


@login_required
def decision_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One Beschluss with its papers (attachments): wording, rationale, meeting, project."""
    decision = selectors.get_decision_for(request.user, pk)
    return governance_page(
        request,
        "governance/decision_detail.html",
        decision.meeting.series.programme,
        decision=decision,
    )


@login_required
def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    decision_request = selectors.get_request_for(request.user, pk)
    today = timezone.localdate()
    can_escalate = request.user.has_perm("governance.escalate_request", decision_request)
    form = EscalateForm(request.POST or None)
    if request.method == "POST":
        decision_request = selectors.get_request_for(
            request.user, pk, "governance.escalate_request"
        )
        if form.is_valid():
            try:
                escalation = services.decision_request_escalate(
                    request=decision_request, reason=form.cleaned_data["reason"], user=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Eskaliert an %(body)s.") % {"body": Body(escalation.to_body).label},
                )
                return redirect("governance:request_detail", pk=pk)
    shown = selectors.request_page(decision_request, today)
    if shown["next_body"]:
        shown["next_body_label"] = Body(shown["next_body"]).label
    return governance_page(
        request,
        "governance/request_detail.html",
        decision_request.project.programme,
        decision_request=decision_request,
        can_escalate=can_escalate,
        can_withdraw=request.user.has_perm("reporting.withdraw_decision_request", decision_request),
        form=form,
        today=today,
        **shown,
    )
