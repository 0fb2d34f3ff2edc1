"""Programme-level reporting pages: programme cockpit, Projektcheck, controlling."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse import exporting
from lotse.finance.models import Deadline
from lotse.finance.selectors import annotate_deadlines
from lotse.finance.selectors import deadlines_due
from lotse.forms import Form
from lotse.forms import choice_field
from lotse.http import AuthedRequest
from lotse.http import paginate
from lotse.http import render_list
from lotse.http import section_page
from lotse.portfolio.models import Programme
from lotse.portfolio.selectors import get_programme_for
from lotse.reporting.cockpit import CockpitRow

from .. import attention_reads
from .. import cockpit
from .. import controlling as plan_actual
from ..models import LIGHTS
from ..models import Rating
from ..models import ReportingPeriod
from ..models import StatusReport
from ..periods import ensure_periods
from ..periods import periods_until
from ..selectors import open_decision_requests

PERM = "reporting.view_programme_cockpit"
# Rows per page of the programme cockpit and projects per page of the Projektcheck page: the
# pages keep their size however large the programme (issue 14).
COCKPIT_PER_PAGE = 50
PROJEKTCHECK_PER_PAGE = 20
CONTROLLING_PERIODS = 12


def period_key(period: ReportingPeriod) -> str:
    return str(period.pk) if period.pk else period.start.isoformat()


class ProjektcheckForm(Form):
    period = forms.ChoiceField(label=gettext_lazy("Berichtsperiode"), required=False)
    attention = forms.BooleanField(
        label=gettext_lazy("nur Projekte mit Handlungsbedarf"), required=False, label_suffix=""
    )

    def __init__(self, *args: Any, periods: list[ReportingPeriod], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A period not stored yet (read only: a GET never writes) is chosen by its start.
        self.periods: dict[str, ReportingPeriod] = {period_key(p): p for p in periods}
        # A period chosen by its start while unsaved is found again once a POST stored it.
        self.periods.update({p.start.isoformat(): p for p in periods if p.pk})
        self.current = periods[-1]
        choice_field(self, "period").choices = [(period_key(p), str(p)) for p in reversed(periods)]
        self.fields["period"].initial = period_key(self.current)
        choice_field(self, "period").valid_value = lambda value: str(value) in self.periods  # type: ignore[method-assign]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        return dict(self.cleaned_data)

    @property
    def chosen_period(self) -> ReportingPeriod:
        return self.periods.get(self.filters().get("period") or "", self.current)


class CockpitFilterForm(ProjektcheckForm):
    field = forms.TypedChoiceField(
        label=gettext_lazy("Themenfeld"), coerce=int, required=False, empty_value=None
    )
    light = forms.ChoiceField(label=gettext_lazy("Gesamtstatus"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("Bericht"), required=False)
    field_order = ["period", "field", "light", "state", "attention"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = [("", _("alle"))]
        choice_field(self, "field").choices = everyone + list(
            programme.fields_of_action.values_list("pk", "name")
        )
        choice_field(self, "light").choices = (
            everyone + list(Rating.choices) + [(cockpit.MISSING, _("kein Bericht"))]
        )
        choice_field(self, "state").choices = (
            everyone + list(StatusReport.State.choices) + [(cockpit.MISSING, _("kein Bericht"))]
        )


def _cockpit_filter(request: HttpRequest, slug: str) -> tuple[Programme, date, CockpitFilterForm]:
    """The programme, today and the cockpit's filter form as the request fills it."""
    programme = get_programme_for(request.user, slug, PERM)
    today = timezone.localdate()
    form = CockpitFilterForm(
        request.GET or None, periods=periods_until(programme, today), programme=programme
    )
    return programme, today, form


def _cockpit(
    request: HttpRequest, slug: str
) -> tuple[Programme, date, CockpitFilterForm, ReportingPeriod, list[CockpitRow], list[CockpitRow]]:
    programme, today, form = _cockpit_filter(request, slug)
    period = form.chosen_period
    rows = cockpit.cockpit_rows(programme, period, today)
    shown = cockpit.filter_rows(rows, form.filters())
    return programme, today, form, period, rows, shown


def finance_deadlines_due(programme: Programme, today: date) -> list[Deadline]:
    """Funding deadlines in the programme's warning period and overdue ones (finance app)."""
    return annotate_deadlines(deadlines_due(programme, today), today)


@login_required
def programme_cockpit(request: AuthedRequest, slug: str) -> HttpResponse:
    programme, today, form = _cockpit_filter(request, slug)
    period = form.chosen_period
    # The database orders, filters, counts and pages the projects attention first (issue
    # 14); only the rows on the page (and the first of those without a report) are built.
    # The knock-ons and the counts (summary, pager, not reported) are computed once.
    found = cockpit.period_knock_ons(programme, period, today)
    order = attention_reads.attention_order(programme, period, today, found)
    filters = form.filters()
    counts = attention_reads.counts_of(order, filters)
    page, query = paginate(
        request, attention_reads.PageIds(order, filters, counts.shown), COCKPIT_PER_PAGE
    )
    missing_ids = order.not_reported_ids(COCKPIT_PER_PAGE)
    page_ids = list(page.object_list)
    built = {
        row.project.pk: row
        for row in cockpit.rows_for(programme, period, today, page_ids + missing_ids, found=found)
    }
    rows = [built[pk] for pk in page_ids if pk in built]
    # The same page, holding the rows built for its ids.
    rows_page = Page(rows, page.number, page.paginator)
    groups = cockpit.group_by_field(rows)
    context = {
        "perms_settings": request.user.has_perm("reporting.change_reporting_config", programme),
        # The public pages' switch (lotse.public) is linked among the cockpit's steering links.
        "perms_public": request.user.has_perm("public.manage_publication", programme),
        "programme": programme,
        "nav_section": "cockpit",
        "form": form,
        "period": period,
        "today": today,
        "groups": groups,
        "count": page.paginator.count,
        "page": rows_page,
        "summary": counts.summary,
        "not_reported": [built[pk] for pk in missing_ids if pk in built],
        "not_reported_count": counts.not_reported,
        "decision_requests": open_decision_requests(programme, today),
        "finance_deadlines": finance_deadlines_due(programme, today),
        "lights": LIGHTS,
        "query": query,
    }
    return render_list(request, "reporting/programme_cockpit.html", context)


def _cockpit_scope(request: AuthedRequest, slug: str) -> exporting.Scope:
    return exporting.Scope.of_programme(get_programme_for(request.user, slug, PERM))


@exporting.export(
    "reporting.programme_cockpit_xlsx", gettext_lazy("Programm-Cockpit (XLSX)"), _cockpit_scope
)
def programme_cockpit_xlsx(
    request: AuthedRequest, progress: exporting.Progress, slug: str
) -> tuple[bytes, str]:
    """The cockpit as filtered on the page (built by the background worker)."""
    from lotse.documents.xlsx import build_workbook

    programme, today, form, period, rows, shown = _cockpit(request, slug)
    headers = [
        _("Themenfeld"),
        _("Projekt"),
        _("Projektleitung"),
        _("Phase"),
        _("Bericht"),
        *[str(label) for _name, label in LIGHTS],
        _("Trend"),
        _("Handlungsbedarf"),
        _("eingereicht am"),
    ]
    data = []
    for group in cockpit.group_by_field(shown):
        for row in group.rows:
            submitted = row.report.submitted_at if row.report else None
            data.append(
                [
                    group.field.name,
                    row.project.title,
                    str(row.project.lead) if row.project.lead else "",
                    row.project.get_stage_display(),
                    row.state_label,
                    *[light.value_label for light in row.lights],
                    row.trend_label,
                    row.reason_text,
                    timezone.localtime(submitted).date() if submitted else None,
                ]
            )
    filename = f"cockpit-{programme.slug}-{period.end:%Y-%m-%d}.xlsx"
    return build_workbook(_("Programm-Cockpit"), headers, data), filename


def _projektcheck(request: HttpRequest, slug: str) -> dict:
    programme = get_programme_for(request.user, slug, PERM)
    today = timezone.localdate()
    form = ProjektcheckForm(request.GET or None, periods=periods_until(programme, today))
    period = form.chosen_period
    rows = cockpit.cockpit_rows(programme, period, today, details=True)
    if form.filters().get("attention"):
        rows = [r for r in rows if r.needs_attention]
    cockpit.link_neighbours(rows)
    return {
        "programme": programme,
        "nav_section": "projektcheck",
        "form": form,
        "period": period,
        "today": today,
        "rows": rows,
        "attention_count": sum(r.needs_attention for r in rows),
        "query": request.GET.urlencode(),
    }


@login_required
def projektcheck(request: AuthedRequest, slug: str) -> HttpResponse:
    """The cockpits one after another, a page of them at a time (attention first); the
    previous/next links cross to the neighbouring page where needed. The database orders and
    pages the projects; only the page's cockpits are built (the PDF builds them all:
    `_projektcheck`)."""
    programme = get_programme_for(request.user, slug, PERM)
    today = timezone.localdate()
    form = ProjektcheckForm(request.GET or None, periods=periods_until(programme, today))
    period = form.chosen_period
    found = cockpit.period_knock_ons(programme, period, today)
    order = attention_reads.attention_order(programme, period, today, found)
    filters = {"attention": bool(form.filters().get("attention"))}
    # How many projects and how many of them need attention: one query (issue 14).
    counts = attention_reads.counts_of(order, filters)
    ids = attention_reads.PageIds(order, filters, counts.shown)
    paginator = Paginator(ids, PROJEKTCHECK_PER_PAGE)
    page = paginator.get_page(request.GET.get("seite"))
    # The page's projects with one neighbour on either side, for the previous/next links,
    # read in one query; the page's own are those without the neighbours.
    start = page.start_index() - 1 if counts.shown else 0
    around = list(ids[max(start - 1, 0) : start + PROJEKTCHECK_PER_PAGE + 1])
    rows = cockpit.link_neighbours(
        cockpit.rows_for(programme, period, today, around, details=True, found=found)
    )
    on_page = set(around[1 if start else 0 :][:PROJEKTCHECK_PER_PAGE])
    params = request.GET.copy()
    params.pop("seite", None)
    page_query = params.urlencode()

    def href(pk: int | None, number: int) -> str:
        if pk is None:
            return ""
        if pk in on_page:
            return f"#projekt-{pk}"
        return f"?{page_query + '&' if page_query else ''}seite={number}#projekt-{pk}"

    shown = [row for row in rows if row.project.pk in on_page]
    entries = [
        (row, href(row.prev_pk, page.number - 1), href(row.next_pk, page.number + 1))
        for row in shown
    ]
    return section_page(
        request,
        "reporting/projektcheck.html",
        programme,
        section="projektcheck",
        form=form,
        period=period,
        today=today,
        attention_count=counts.summary["total"].attention,
        query=request.GET.urlencode(),
        page=page,
        rows=shown,  # the page's cockpits, in order
        entries=entries,
        page_query=page_query,
        total=page.paginator.count,
    )


@login_required
@require_POST
def projektcheck_pdf(request: AuthedRequest, slug: str) -> HttpResponse:
    """Ask for the Projektcheck pack as a PDF: built by the background worker (jobs.py)."""
    from lotse.jobs.services import job_request
    from lotse.jobs.views import started

    programme = get_programme_for(request.user, slug, PERM)
    form = ProjektcheckForm(request.POST, periods=ensure_periods(programme, timezone.localdate()))
    period = form.chosen_period
    attention = bool(form.filters().get("attention"))
    title = _("Projektcheck %(period)s – %(programme)s") % {
        "period": period,
        "programme": programme.name,
    }
    if attention:
        title += " " + _("(nur mit Handlungsbedarf)")
    job = job_request(
        user=request.user,
        kind="reporting.projektcheck_pdf",
        title=title,
        params={"slug": programme.slug, "period": period.pk, "attention": attention},
        programme=programme,
    )
    return started(job)


@login_required
def controlling(request: AuthedRequest, slug: str) -> HttpResponse:
    programme = get_programme_for(request.user, slug, PERM)
    today = timezone.localdate()
    periods = periods_until(programme, today)[-CONTROLLING_PERIODS:]
    milestones = plan_actual.milestone_controlling(programme, today)
    punctuality = plan_actual.report_punctuality(programme, periods)
    return section_page(
        request,
        "reporting/controlling.html",
        programme,
        section="controlling",
        today=today,
        milestones=milestones,
        periods=punctuality,
        charts=plan_actual.charts(milestones, punctuality),
        chart_projects=plan_actual.CHART_PROJECTS,
    )
