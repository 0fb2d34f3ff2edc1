"""Benchmark of the planning pages: a synthetic programme of 2,500 projects (BENCH_PROJECTS)
with 10 work packages each (one estimate per package, spread over 1–4 months of the coming
year, on 12 org units) and availability for every org unit and month; and of the OZG
catalogue pages (issue 13): BENCH_SERVICES (3,030, ten times Potsdam's 303) services with
four dated maturity steps each in their history, every tenth linked to a project.

Run alone (`python bench/planning_bench.py`, part of `make bench`): it uses its own SQLite file
(bench/bench.sqlite3, or DATABASE_URL), so the demo database is not touched.
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import setup_django

    setup_django()

from datetime import date  # noqa: E402
from datetime import timedelta  # noqa: E402
from decimal import Decimal  # noqa: E402

BATCH = 2000
PACKAGES = 10
UNITS = 12


def generate(programme, year: int) -> None:
    """Work packages, estimates and availability for every project (bulk, no history)."""
    from lotse.planning.models import Availability
    from lotse.planning.models import Estimate
    from lotse.planning.models import WorkPackage
    from lotse.portfolio.models import OrgUnit

    if WorkPackage.objects.filter(project__programme=programme).exists():
        return
    units = [
        OrgUnit.objects.get_or_create(code=f"BENCH-{n}", defaults={"name": f"Bench-Einheit {n}"})[0]
        for n in range(UNITS)
    ]
    projects = list(programme.projects.values_list("pk", flat=True))
    packages = WorkPackage.objects.bulk_create(
        (
            WorkPackage(
                project_id=pk,
                order=n,
                code=f"AP {n + 1}",
                title=f"Arbeitspaket {n + 1}",
                org_unit=units[(pk + n) % UNITS],
                planned_start=date(year, 1 + (pk + n) % 9, 1 + n),
                planned_end=date(year, 1 + (pk + n) % 9, 1 + n) + timedelta(days=30 + 20 * (n % 4)),
            )
            for pk in projects
            for n in range(PACKAGES)
        ),
        batch_size=BATCH,
    )
    Estimate.objects.bulk_create(
        (
            Estimate(work_package=wp, label="Team", hours=Decimal(40 + 8 * (wp.order % 5)))
            for wp in packages
        ),
        batch_size=BATCH,
    )
    Availability.objects.bulk_create(
        (
            Availability(
                programme=programme,
                org_unit=unit,
                month=date(year, month, 1),
                unit="fte",
                amount=Decimal(40),
                line_work_percent=30,
            )
            for unit in units
            for month in range(1, 13)
        ),
        batch_size=BATCH,
    )


SERVICES = int(os.environ.get("BENCH_SERVICES", "3030"))


def generate_ozg(programme, count: int) -> None:
    """Services with their history (maturity 0 → 1 → 2 → 3 over the last two years), bulk."""
    from datetime import UTC
    from datetime import datetime

    from lotse.ozg.models import PublicService
    from lotse.portfolio.models import OrgUnit

    if PublicService.objects.filter(programme=programme).exists():
        return
    units = list(OrgUnit.objects.filter(code__startswith="BENCH-"))
    services = PublicService.objects.bulk_create(
        (
            PublicService(
                programme=programme,
                name=f"Leistung {n:05d}",
                leika_key=f"99{n:012d}",
                ozg_field=f"Themenfeld {n % 14}",
                org_unit=units[n % len(units)],
                maturity=n % 4,
                target_level=3,
                target_date=date(2027, 12, 31),
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    historical = PublicService.history.model
    excluded = {
        "history_id",
        "history_date",
        "history_type",
        "history_user",
        "history_change_reason",
    }
    names = [
        f.attname
        for f in historical._meta.concrete_fields
        if f.name not in excluded and f.name != "maturity" and hasattr(PublicService, f.attname)
    ]
    historical.objects.bulk_create(
        (
            historical(
                **{name: getattr(service, name) for name in names},
                maturity=step,
                history_date=datetime(2025, 1 + 3 * step, 1, 12, tzinfo=UTC),
                history_type="+" if step == 0 else "~",
            )
            for service in services
            for step in range(service.maturity + 1)
        ),
        batch_size=BATCH,
    )
    links = PublicService.projects.through
    projects = list(programme.projects.values_list("pk", flat=True)[: count // 10])
    links.objects.bulk_create(
        (
            links(publicservice_id=service.pk, project_id=pk)
            for service, pk in zip(services[::10], projects, strict=False)
        ),
        batch_size=BATCH,
    )


def pages(programme, year: int) -> dict[str, str]:
    slug = programme.slug
    project = programme.projects.order_by("pk").first()
    unit = programme.availabilities.order_by("org_unit_id").values_list("org_unit_id", flat=True)[0]
    return {
        "Kapazität (12 Monate)": f"/programme/{slug}/kapazitaet/?von={year}-01&monate=12",
        "Kapazität XLSX": f"/programme/{slug}/kapazitaet.xlsx?von={year}-01&monate=12",
        "Auslastung einer Einheit": f"/programme/{slug}/kapazitaet/einheit/{unit}/?von={year}-01",
        "API Kapazität": f"/api/v1/programmes/{slug}/capacity?start={year}-01-01&months=12",
        "Planung eines Projekts": f"/projekte/{project.pk}/planung/",
        f"OZG-Übersicht ({SERVICES})": f"/programme/{slug}/ozg/",
        f"OZG-Leistungen ({SERVICES})": f"/programme/{slug}/ozg/leistungen/",
        f"OZG-Katalog XLSX ({SERVICES})": f"/programme/{slug}/ozg/katalog.xlsx",
    }


def main() -> None:
    from django.utils import timezone

    from bench.common import HEADER
    from bench.common import bench_client
    from bench.common import bench_programme
    from bench.common import measure_pages

    size = int(os.environ.get("BENCH_PROJECTS", "2500"))
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    year = timezone.localdate().year + 1
    user, client = bench_client()
    programme = bench_programme(user, f"bench-planning-{size}", size)
    generate(programme, year)
    generate_ozg(programme, SERVICES)
    print(HEADER)
    measure_pages(client, size, pages(programme, year), repeat)


if __name__ == "__main__":
    main()
