"""Benchmarks: median response time of the portfolio pages on a large synthetic programme.

Run with `make bench`. Uses its own SQLite file (or DATABASE_URL) so the demo database is
not touched. Results are printed; copy the figures into bench/RESULTS.md with the date.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import (  # noqa: E402
    boards_bench,
    finance_bench,
    governance_bench,
    ideas_bench,
    okr_bench,
    reports_bench,
    roadmap_bench,
)
from lotse.accounts.models import ProgrammeRole, User  # noqa: E402
from lotse.demo.scale import generate_programme, generate_reports  # noqa: E402

# Each app's benchmark generates its own data for a programme and names the pages to measure.
APP_BENCHES = [okr_bench, boards_bench, governance_bench, reports_bench]

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "100,2000,20000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
# The cockpit lists every project on one page; beyond this size it is not measured.
COCKPIT_MAX = int(os.environ.get("BENCH_COCKPIT_MAX", "2000"))
# The finance overview and committee table (issue 12) are measured up to this size, and once
# at exactly this size if it is not among BENCH_SIZES.
FINANCE_SIZE = int(os.environ.get("BENCH_FINANCE_SIZE", "2500"))
# The idea pages (issue 16) are measured once with this many ideas in one scoring round.
IDEAS = int(os.environ.get("BENCH_IDEAS", "10000"))


def measure(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm-up
    times = []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(ctx.captured_queries)


def measure_finance(client: Client, user: User, size: int) -> None:
    slug = f"bench-{size}"
    programme = generate_programme(slug=slug, projects=size)
    ProgrammeRole.objects.get_or_create(user=user, programme=programme, role="pmo")
    pages = {
        **finance_bench.pages(client, programme, size),
        **roadmap_bench.pages(client, programme, size),
    }
    for name, url in pages.items():
        median_ms, queries = measure(client, url)
        print(f"{size:>9} {name:<28} {median_ms:>10.1f} {queries:>8}")


def measure_ideas(client: Client, user: User) -> None:
    programme = generate_programme(slug="bench-ideas", projects=20)
    ProgrammeRole.objects.get_or_create(user=user, programme=programme, role="pmo")
    for name, url in ideas_bench.pages(client, programme, IDEAS).items():
        median_ms, queries = measure(client, url)
        print(f"{20:>9} {name:<28} {median_ms:>10.1f} {queries:>8}")


def main() -> None:
    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench-pmo")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    print(f"{'projects':>9} {'page':<28} {'median ms':>10} {'queries':>8}")
    for size in sorted(set(SIZES) | {FINANCE_SIZE}):
        if size not in SIZES:
            measure_finance(client, user, size)
            continue
        slug = f"bench-{size}"
        programme = generate_programme(slug=slug, projects=size)
        ProgrammeRole.objects.get_or_create(user=user, programme=programme, role="pmo")
        pages = {
            "Zielbild": f"/programme/{slug}/",
            "Projektliste": f"/programme/{slug}/projekte/",
            "API Projektliste (100/Seite)": f"/api/v1/programmes/{slug}/projects",
        }
        if size <= COCKPIT_MAX:
            generate_reports(programme=programme, periods=3)
            pages["Programm-Cockpit"] = f"/programme/{slug}/cockpit/"
            pages["Projektcheck (Seite)"] = f"/programme/{slug}/projektcheck/"
            for bench in APP_BENCHES:
                pages.update(bench.pages(client, programme, size))
        if size <= FINANCE_SIZE:
            pages.update(finance_bench.pages(client, programme, size))
            pages.update(roadmap_bench.pages(client, programme, size))
        for name, url in pages.items():
            median_ms, queries = measure(client, url)
            print(f"{size:>9} {name:<28} {median_ms:>10.1f} {queries:>8}")
    if IDEAS:
        measure_ideas(client, user)


if __name__ == "__main__":
    main()
