"""Benchmark data for the finance pages: for every project of the synthetic programme 5 years
× 4 budget lines (Aufwand and Invest, some with "davon Fördermittel"), with Haushalt references
spread over three org units, and actuals for a third of the lines (bulk-created, no history).

Wire-up in bench/run.py: measured for the sizes up to ``BENCH_FINANCE_SIZE`` (2,500).
"""

from datetime import date
from decimal import Decimal

from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.portfolio.models import OrgUnit

BATCH = 2000
YEARS = range(2024, 2029)


def _generate(programme) -> None:
    units = list(OrgUnit.objects.order_by("pk")[:3]) or [None]
    projects = list(programme.projects.values_list("pk", "title"))
    lines = BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                programme=programme,
                project_id=project_id,
                org_unit=units[(project_id + n) % len(units)],
                title=title,
                kind="expense" if n % 2 == 0 else "invest",
                year_from=year,
                year_to=year,
                status="planned",
                amount=Decimal(10000 * (n + 1)),
                funded_amount=Decimal(2500) if n == 3 else None,
                cost_centre=f"KST-{project_id}-{n}",
                position=n,
            )
            for project_id, title in projects
            for year in YEARS
            for n in range(4)
        ),
        batch_size=BATCH,
    )
    Actual.objects.bulk_create(
        (
            Actual(
                budget_line=line,
                month=date(line.year_from, 3, 1),
                actual=Decimal(3000),
                committed=Decimal(500),
            )
            for line in lines[::3]
        ),
        batch_size=BATCH,
    )


def pages(client, programme, size) -> dict[str, str]:
    if not BudgetLine.objects.filter(programme=programme).exists():
        _generate(programme)
    slug = programme.slug
    return {
        "Finanzübersicht": f"/programme/{slug}/finanzen/",
        "Finanzübersicht 2026/Projekt": f"/programme/{slug}/finanzen/?gruppe=project&jahr=2026",
        "Ausschusstabelle": f"/programme/{slug}/finanzen/ausschuss/",
        "Ausschusstabelle XLSX": f"/programme/{slug}/finanzen/ausschuss.xlsx",
        "Finanzübersicht XLSX": f"/programme/{slug}/finanzen/uebersicht.xlsx",
    }
