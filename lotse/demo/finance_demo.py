"""Potsdam's money: every line of seed 002, the Smart City funding with its phases and the
08.11.2023 deadline, the external support of seed 000 for 2024 and 2025 (all from the seeds);
example actuals, call-offs and two upcoming deadlines (Beispieldaten, marked as such).

Create-only and idempotent: a line is recognised by planning, org unit, kind, title and span;
what exists is left as it is.
"""

from collections import Counter
from datetime import date
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from lotse.finance import services
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.finance.models import Deadline
from lotse.finance.models import FinanceSettings
from lotse.finance.models import Funding
from lotse.finance.models import SupportContract
from lotse.history import at
from lotse.history import start_of
from lotse.history import valid_from
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from . import finance_data as data

EXAMPLE = "Beispieldaten"
SUPPORT_PLANNING = (
    "Programmauftrag „Potsdam smart gestalten und verwalten“ (Fazit finanzielle Auswirkungen)"
)


def _line(programme: Programme, counter: Counter, **values: Any) -> BudgetLine:
    lookup = {
        k: values[k] for k in ("planning", "org_unit", "kind", "title", "year_from", "year_to")
    }
    found = BudgetLine.objects.filter(programme=programme, **lookup).first()
    if found is not None:
        return found
    counter["Haushaltsansatz"] += 1
    return services.budget_line_create(programme=programme, data=values)


def _seed_002(programme: Programme, projects: dict[str, Project], counter: Counter) -> None:
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=["501", "FB 54", "FB 99"])}
    for position, (code, kind, title, purpose, key, amounts, funded, note) in enumerate(
        data.SEED_002
    ):
        reference = data.EXAMPLE_REFERENCES.get((code, title)) or data.EXAMPLE_REFERENCES.get(
            (code, title, kind)
        )
        for i, (year_from, year_to) in enumerate(data.SPANS):
            _line(
                programme,
                counter,
                planning=data.PLANNING,
                org_unit=units.get(code),
                kind=kind,
                title=title,
                purpose=purpose,
                project=projects.get(key) if key else None,
                year_from=year_from,
                year_to=year_to,
                status="planned",
                amount=amounts[i],
                funded_amount=funded[i] if funded else None,
                funded_note=note,
                cost_centre=reference or "",
                position=position,
            )


def _smart_city(programme: Programme, projects: dict[str, Project], counter: Counter) -> Funding:
    spec = data.SMART_CITY
    funding = Funding.objects.filter(programme=programme, name=spec["name"]).first()
    if funding is None:
        funding = services.funding_create(
            programme=programme,
            data={
                "name": spec["name"],
                "funding_programme": spec["funding_programme"],
                "project": projects.get(spec["project"]),
                "note": spec["note"],
            },
        )
        counter["Förderung"] += 1
        for position, phase in enumerate(spec["phases"]):
            services.funding_phase_create(funding=funding, data=phase | {"position": position})
            counter["Förderphase"] += 1
    if not funding.deadlines.filter(due_date=spec["deadline"]["due_date"]).exists():
        services.deadline_create(
            programme=programme,
            data=spec["deadline"] | {"funding": funding, "project": funding.project},
        )
        counter["Frist"] += 1
    return funding


def _support(programme: Programme, counter: Counter, today: date) -> list[SupportContract]:
    unit = OrgUnit.objects.filter(code="GB 9").first()
    contracts = []
    for spec in data.SUPPORT:
        year = spec["year"]
        with valid_from(start_of(date(year, 1, 1)), strict=False):
            contracts.append(_support_year(programme, counter, spec, unit))
    return contracts


def _support_year(
    programme: Programme, counter: Counter, spec: dict, unit: OrgUnit | None
) -> SupportContract:
    """One year's line and framework contract, recorded as of that year's first day."""
    year = spec["year"]
    gross = (data.PERSON_DAYS * data.DAY_RATE * Decimal("1.19")).quantize(Decimal("0.01"))
    line = _line(
        programme,
        counter,
        planning=SUPPORT_PLANNING,
        org_unit=unit,
        kind="expense",
        title="Externe Begleitung Programmbüro und OKR",
        purpose=data.SUPPORT_PURPOSE,
        project=None,
        year_from=year,
        year_to=year,
        status=spec["status"],
        amount=gross,
    )
    contract = SupportContract.objects.filter(programme=programme, title=spec["title"]).first()
    if contract is None:
        contract = services.support_contract_create(
            programme=programme,
            data={
                "title": spec["title"],
                "purpose": data.SUPPORT_PURPOSE,
                "budget_line": line,
                "start": date(year, 1, 1),
                "end": date(year, 12, 31),
                "person_days": data.PERSON_DAYS,
                "day_rate": data.DAY_RATE,
            },
        )
        counter["Rahmenvertrag"] += 1
    return contract


def _example_call_offs(contracts: list[SupportContract], counter: Counter, today: date) -> None:
    for contract in contracts:
        if contract.call_offs.exists():
            continue
        month = contract.start
        while month <= min(contract.end, today):
            # The PMO's three days every month; the OKR days in the quarter's conference months.
            plan = [(Decimal("3"), "Programmbüro: methodische Beratung")]
            if month.month % 3 == 0:
                plan.append((Decimal("4"), "OKR: Vor- und Nachbereitung der Quartalskonferenz"))
            booked = min(date(month.year, month.month, 28), today)
            for days, purpose in plan:
                with valid_from(at(booked, 15), strict=False):
                    services.call_off_create(
                        contract=contract,
                        month=month,
                        days=days,
                        purpose=f"{purpose} ({EXAMPLE})",
                        is_example=True,
                    )
                counter["Abruf"] += 1
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _example_actuals(programme: Programme, counter: Counter, today: date) -> None:
    """Ist and Obligo for the referenced lines of the current year, up to last month."""
    lines = BudgetLine.objects.filter(
        programme=programme,
        year_from__lte=today.year,
        year_to__gte=today.year,
        planning=data.PLANNING,
    ).exclude(cost_centre="")
    for line in lines:
        if Actual.objects.filter(budget_line=line).exists():
            continue
        yearly = line.amount / line.years
        for month in range(1, today.month):
            # A little behind plan in spring, catching up in autumn.
            pace = Decimal("0.7") if month <= 4 else Decimal("1.05")
            # Booked by the finance system early in the following month.
            booked = min(date(today.year, month + 1, 5), today)
            with valid_from(at(booked, 8), strict=False):
                services.actual_set(
                    line=line,
                    month=date(today.year, month, 1),
                    actual=(yearly / 12 * pace).quantize(Decimal("0.01")),
                    committed=(yearly / 24).quantize(Decimal("0.01"))
                    if month == today.month - 1
                    else Decimal("0"),
                    correction_reason="",
                    is_example=True,
                )
            counter["Ist / Obligo"] += 1


def _example_deadlines(
    programme: Programme,
    funding: Funding,
    contracts: list[SupportContract],
    today: date,
    counter: Counter,
) -> None:
    examples = [
        {
            "kind": "decision",
            "title": f"Verlängerung der externen Begleitung für {today.year + 1} ({EXAMPLE})",
            "due_date": today + timedelta(days=24),
            "consequence": "Ohne Beschluss endet die externe Begleitung des Programmbüros und "
            "der OKR-Einführung zum Jahresende.",
            "body": "transformation_conference",
        },
        {
            "kind": "proof",
            "title": f"Verwendungsnachweis Smart City Phase A ({EXAMPLE})",
            "due_date": today + timedelta(days=12),
            "consequence": "Ohne fristgerechten Verwendungsnachweis droht die Rückforderung der "
            "Fördermittel der Phase A.",
            "funding": funding,
            "project": funding.project,
        },
    ]
    for spec in examples:
        if Deadline.objects.filter(programme=programme, title=spec["title"]).exists():
            continue
        with valid_from(at(today - timedelta(days=14), 9), strict=False):
            services.deadline_create(programme=programme, data=spec)
        counter["Frist"] += 1


def _konstanz(users: dict, counter: Counter) -> None:
    """Seed 003 §3.2 for the project "Erarbeitung der Digitalen Agenda"."""
    from .konstanz import PROJECT_TITLE
    from .konstanz import ensure_konstanz

    programme = ensure_konstanz(users=users)
    FinanceSettings.objects.get_or_create(programme=programme)
    project = Project.objects.filter(programme=programme, title=PROJECT_TITLE).first()
    rows = [(title, kind, *cell) for title, kind, years in data.KONSTANZ for cell in years]
    for position, (title, kind, year, amount, fte, status, purpose) in enumerate(rows):
        with valid_from(start_of(programme.start_date or date(year, 1, 1)), strict=False):
            _line(
                programme,
                counter,
                planning=data.KONSTANZ_PLANNING,
                org_unit=None,
                kind=kind,
                title=title,
                purpose=purpose,
                project=project,
                year_from=year,
                year_to=year,
                status=status,
                amount=amount,
                fte=fte,
                position=position,
            )


@transaction.atomic
def load_finance_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> dict[str, int]:
    """Each row is recorded in the history as of the day it belongs to: the seed's budget
    lines and funding at the programme's start, each year's support contract on its first
    day, call-offs at the end of their month, actuals when booked early in the next month,
    the example deadlines two weeks back; so the finances "as of" a past day are those of
    that day."""
    counter: Counter = Counter()
    founded = start_of(programme.start_date or today)
    with valid_from(founded, strict=False):
        _settings, created = FinanceSettings.objects.get_or_create(programme=programme)
        counter["Finanzeinstellung"] += int(created)
        _seed_002(programme, projects, counter)
        funding = _smart_city(programme, projects, counter)
    contracts = _support(programme, counter, today)
    _example_call_offs(contracts, counter, today)
    _example_actuals(programme, counter, today)
    _example_deadlines(programme, funding, contracts, today, counter)
    _konstanz(users, counter)
    return dict(counter)
