"""Reads of the finance app: permission-checking getters and the data of its pages.

Every page reads its lines in one query and the sums of their actuals in one grouped query,
so the number of queries does not grow with the number of projects or lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from decimal import Decimal
from typing import Any
from typing import TypeVar

from django.db.models import Max as models_max
from django.db.models import Min as models_min
from django.db.models import Model
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext

from lotse.http import AnyUser
from lotse.http import get_checked
from lotse.http import require_perm
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import figures as f
from . import overview
from .models import Actual
from .models import BudgetLine
from .models import CallOff
from .models import Deadline
from .models import FinanceSettings
from .models import Funding
from .models import FundingPhase
from .models import Kind
from .models import SupportContract

require = require_perm  # the name the finance views know it by

M = TypeVar("M", bound=Model)


def settings_for(programme: Programme) -> FinanceSettings:
    """The programme's finance settings; defaults (unsaved) while nobody has set any."""
    found = FinanceSettings.objects.filter(programme=programme).first()
    return found or FinanceSettings(programme=programme)


def _get_checked(queryset: QuerySet[M], user: AnyUser, pk: int, perm: str) -> M:
    """A finance object: whoever asks must read the programme's finances, and hold `perm`."""
    return get_checked(queryset, user, "finance.view_finance", perm, pk=pk)


def get_line_for(user: AnyUser, pk: int, perm: str = "finance.view_finance") -> BudgetLine:
    return _get_checked(
        BudgetLine.objects.select_related("programme", "project", "org_unit", "funding"),
        user,
        pk,
        perm,
    )


def get_funding_for(user: AnyUser, pk: int, perm: str = "finance.view_finance") -> Funding:
    return _get_checked(Funding.objects.select_related("programme", "project"), user, pk, perm)


def get_phase_for(user: AnyUser, pk: int, perm: str = "finance.manage_finance") -> FundingPhase:
    return _get_checked(FundingPhase.objects.select_related("funding__programme"), user, pk, perm)


def get_deadline_for(user: AnyUser, pk: int, perm: str = "finance.view_finance") -> Deadline:
    return _get_checked(
        Deadline.objects.select_related("programme", "funding", "project"), user, pk, perm
    )


def get_contract_for(user: AnyUser, pk: int, perm: str = "finance.view_finance") -> SupportContract:
    return _get_checked(
        SupportContract.objects.select_related("programme", "project", "budget_line"),
        user,
        pk,
        perm,
    )


def get_call_off_for(user: AnyUser, pk: int, perm: str = "finance.manage_finance") -> CallOff:
    return _get_checked(CallOff.objects.select_related("contract__programme"), user, pk, perm)


# --- sums --------------------------------------------------------------------------------------


def actual_sums(
    lines: QuerySet[BudgetLine] | list[BudgetLine],
) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """(line id, year) → (actual, committed), in one grouped query."""
    ids = [line.pk for line in lines] if isinstance(lines, list) else lines.values("pk")
    rows = (
        Actual.objects.filter(budget_line__in=ids)
        .annotate(year=ExtractYear("month"))
        .values("budget_line_id", "year")
        .annotate(actual=Sum("actual"), committed=Sum("committed"))
        .order_by()
    )
    return {
        (r["budget_line_id"], r["year"]): (r["actual"] or f.ZERO, r["committed"] or f.ZERO)
        for r in rows
    }


def line_figures(
    line: BudgetLine,
    sums: dict[tuple[int, int], tuple[Decimal, Decimal]],
    year: int | None,
    staff_rate: Decimal | None,
) -> f.Figures:
    """One line's figures for `year` (its share of a span), or for its whole span."""
    years = [year] if year is not None else list(range(line.year_from, line.year_to + 1))
    out = f.Figures()
    amount = line.amount
    if line.kind == Kind.STAFF:
        fte = line.fte or f.ZERO
        amount = (fte * staff_rate * line.years).quantize(f.CENT) if staff_rate else f.ZERO
        out.fte = fte if year is None or line.year_from <= year <= line.year_to else f.ZERO
    for y in years:
        out.plan += f.spread(amount, line.year_from, line.year_to, y)
        if line.funded_amount:
            out.funded += f.spread(line.funded_amount, line.year_from, line.year_to, y)
        actual, committed = sums.get((line.pk, y), (f.ZERO, f.ZERO))
        out.actual += actual
        out.committed += committed
    return out


# --- the project's finance tab -----------------------------------------------------------------


@dataclass
class YearRow:
    year: int
    kind: str
    kind_label: str
    figures: f.Figures
    forecast: Decimal | None = None


@dataclass
class ProjectFinance:
    project: Project
    lines: list[BudgetLine]
    rows: list[YearRow]
    total: f.Figures
    year: int
    year_figures: f.Figures
    burn: list[tuple[str, Decimal, Decimal | None]]  # month, cumulative plan and actual
    fundings: list[Funding]
    deadlines: list[Deadline]
    contracts: list[SupportContract]
    suggestion: str | None
    settings: FinanceSettings
    term_years: tuple[int, int] | None = None
    line_figures: dict[int, f.Figures] = field(default_factory=dict)


MONTHS = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]


def monthly_actuals(lines: list[BudgetLine], year: int) -> dict[int, Decimal]:
    rows = (
        Actual.objects.filter(budget_line__in=[line.pk for line in lines], month__year=year)
        .annotate(m=ExtractMonth("month"))
        .values("m")
        .annotate(actual=Sum("actual"))
        .order_by()
    )
    return {r["m"]: r["actual"] or f.ZERO for r in rows}


def burn_series(
    plan: Decimal, by_month: dict[int, Decimal], year: int, today: date
) -> list[tuple[str, Decimal, Decimal | None]]:
    """Cumulative plan (evenly per month) and cumulative actual up to today's month."""
    series = []
    cumulative = f.ZERO
    last_month = f.months_elapsed(year, today)
    for month in range(1, 13):
        cumulative += by_month.get(month, f.ZERO)
        planned = (plan * month / 12).quantize(f.CENT)
        series.append((MONTHS[month - 1], planned, cumulative if month <= last_month else None))
    return series


def project_finance(project: Project, today: date, year: int | None = None) -> ProjectFinance:
    settings = settings_for(project.programme)
    lines = list(
        BudgetLine.objects.filter(project=project)
        .select_related("org_unit", "funding")
        .order_by("kind", "year_from", "position", "pk")
    )
    sums = actual_sums(lines)
    year = year or today.year
    rows: dict[tuple[int, str], YearRow] = {}
    total = f.Figures()
    year_total = f.Figures()
    per_line: dict[int, f.Figures] = {}
    for line in lines:
        per_line[line.pk] = line_figures(line, sums, None, settings.staff_rate)
        total.add(per_line[line.pk])
        year_total.add(line_figures(line, sums, year, settings.staff_rate))
        for y in range(line.year_from, line.year_to + 1):
            key = (y, line.kind)
            if key not in rows:
                rows[key] = YearRow(y, line.kind, str(Kind(line.kind).label), f.Figures())
            rows[key].figures.add(line_figures(line, sums, y, settings.staff_rate))
    for row in rows.values():
        row.forecast = f.forecast_year(row.figures.actual, row.year, today)
    burn = burn_series(year_total.plan, monthly_actuals(lines, year), year, today)
    programme = project.programme
    term = None
    if programme.start_date and programme.end_date:
        term = (programme.start_date.year, programme.end_date.year)
    return ProjectFinance(
        project=project,
        lines=lines,
        rows=sorted(rows.values(), key=lambda r: (r.year, r.kind)),
        total=total,
        year=year,
        year_figures=year_total,
        burn=burn,
        fundings=list(
            Funding.objects.filter(project=project).prefetch_related("phases").order_by("name")
        ),
        deadlines=list(Deadline.objects.filter(project=project).order_by("due_date")),
        contracts=list(SupportContract.objects.filter(project=project).order_by("start")),
        suggestion=f.budget_light(
            year_total, year=year, today=today, tolerance_percent=settings.tolerance_percent
        ),
        settings=settings,
        term_years=term,
        line_figures=per_line,
    )


def project_year_figures(project: Project, year: int) -> tuple[f.Figures, FinanceSettings]:
    """The project's figures for one year (status report's budget light, snapshot)."""
    settings = settings_for(project.programme)
    lines = list(BudgetLine.objects.filter(project=project, year_from__lte=year, year_to__gte=year))
    sums = actual_sums(lines)
    total = f.Figures()
    for line in lines:
        total.add(line_figures(line, sums, year, settings.staff_rate))
    return total, settings


# --- programme overview (lotse/finance/overview.py) --------------------------------------------

GROUPINGS = overview.GROUPINGS
Overview = overview.Overview


def programme_overview(programme: Programme, **filters: Any) -> overview.Overview:
    return overview.programme_overview(programme, settings=settings_for(programme), **filters)


# --- deadlines ---------------------------------------------------------------------------------


def open_deadlines(programme: Programme) -> QuerySet[Deadline]:
    return Deadline.objects.filter(programme=programme, status=Deadline.Status.OPEN).select_related(
        "funding", "project"
    )


def deadlines_due(programme: Programme, today: date) -> list[Deadline]:
    """Open deadlines within the programme's warning period, and every overdue one."""
    warning = settings_for(programme).warning_days
    return list(
        open_deadlines(programme)
        .filter(due_date__lte=today + timedelta(days=warning))
        .order_by("due_date", "pk")
    )


def decision_deadlines_for(programme_id: int, body: str, until: date) -> list[Deadline]:
    """Open deadlines that need a decision of `body` by `until` or earlier (for agendas)."""
    return list(
        Deadline.objects.filter(
            programme_id=programme_id,
            status=Deadline.Status.OPEN,
            kind=Deadline.DeadlineKind.DECISION,
            body=body,
            due_date__lte=until,
        )
        .select_related("funding", "project")
        .order_by("due_date", "pk")
    )


# --- deadline state for pages ---


def deadline_state(deadline: Deadline, today: date) -> str:
    """open / met / missed, or overdue (open and past its date)."""
    return "overdue" if deadline.is_overdue(today) else deadline.status


def deadline_state_label(state: str) -> str:
    return {
        "open": gettext("offen"),
        "met": gettext("eingehalten"),
        "missed": gettext("verpasst"),
        "overdue": gettext("überfällig"),
    }[state]


def annotate_deadlines(deadlines: list[Deadline], today: date) -> list[Deadline]:
    for deadline in deadlines:
        deadline.state = deadline_state(deadline, today)  # type: ignore[attr-defined]
        deadline.state_label = deadline_state_label(deadline.state)  # type: ignore[attr-defined]
        deadline.days_left = (deadline.due_date - today).days  # type: ignore[attr-defined]
        deadline.days_over = -deadline.days_left  # type: ignore[attr-defined]
    return deadlines


# --- contracts ---------------------------------------------------------------------------------


def contracts_with_pace(contracts: list[SupportContract], today: date) -> list[SupportContract]:
    """Attach `pace` (figures.ContractPace) to each contract, with one query for all call-offs."""
    used = dict(
        CallOff.objects.filter(contract__in=[c.pk for c in contracts])
        .values("contract_id")
        .annotate(days=Sum("days"))
        .order_by()
        .values_list("contract_id", "days")
    )
    for contract in contracts:
        contract.pace = f.contract_pace(  # type: ignore[attr-defined]
            person_days=contract.person_days,
            day_rate=contract.day_rate,
            vat_percent=contract.vat_percent,
            start=contract.start,
            end=contract.end,
            used_days=used.get(contract.pk) or f.ZERO,
            today=today,
        )
    return contracts


# --- status reports ----------------------------------------------------------------------------


def report_figures(project: Project, day: date) -> dict | None:
    """The project's money in the year of `day`, as plain values for a status report and its
    frozen snapshot: amounts as decimal strings, the budget light Lotse suggests. None when the
    project has no plan for that year."""
    figures, settings = project_year_figures(project, day.year)
    if not figures.plan and not figures.actual and not figures.committed:
        return None
    return {
        "year": day.year,
        "as_of": day.isoformat(),
        "plan": str(figures.plan),
        "actual": str(figures.actual),
        "committed": str(figures.committed),
        "remaining": str(figures.remaining),
        "funded": str(figures.funded),
        "suggestion": f.budget_light(
            figures, year=day.year, today=day, tolerance_percent=settings.tolerance_percent
        ),
        "tolerance_percent": settings.tolerance_percent,
    }


def with_decimals(figures: dict | None) -> dict | None:
    """A stored figures dict (strings) with Decimal companions for the templates."""
    if not figures:
        return None
    out = dict(figures)
    for key in ("plan", "actual", "committed", "remaining", "funded"):
        out[f"{key}_decimal"] = Decimal(figures.get(key) or "0")
    return out


# --- public pages ------------------------------------------------------------------------------


@dataclass
class PublicTotals:
    years: tuple[int, int]
    fields: dict[int, Decimal]  # field of action → plan of its published projects
    projects: dict[int, Decimal]  # published project → its plan
    total: Decimal


def public_totals(programme: Programme) -> PublicTotals | None:
    """Budget totals (plan, Aufwand and Invest, all years) of the published projects, only if
    the programme office switched publication on. One query (none if the settings were
    selected with the programme and publication is off)."""
    try:
        enabled = programme.finance_settings.publish_totals
    except FinanceSettings.DoesNotExist:
        enabled = False
    if not enabled:
        return None
    rows = list(
        BudgetLine.objects.filter(
            programme=programme, project__published=True, kind__in=[Kind.EXPENSE, Kind.INVEST]
        )
        .values("project_id", "project__field_of_action_id")
        .annotate(plan=Sum("amount"), first=models_min("year_from"), last=models_max("year_to"))
        .order_by()
    )
    if not rows:
        return None
    fields: dict[int, Decimal] = {}
    projects: dict[int, Decimal] = {}
    for row in rows:
        projects[row["project_id"]] = row["plan"]
        key = row["project__field_of_action_id"]
        fields[key] = fields.get(key, f.ZERO) + row["plan"]
    years = (min(r["first"] for r in rows), max(r["last"] for r in rows))
    return PublicTotals(years, fields, projects, sum(projects.values(), f.ZERO))
