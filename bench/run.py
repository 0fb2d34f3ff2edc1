"""Benchmarks: median response time of the portfolio pages on a large synthetic programme.

Run with `make bench`. Uses its own SQLite file (or DATABASE_URL) so the demo database is
not touched. Results are printed; copy the figures into bench/RESULTS.md with the date.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import HEADER  # noqa: E402
from bench.common import bench_client  # noqa: E402
from bench.common import bench_programme  # noqa: E402
from bench.common import measure_pages  # noqa: E402
from bench.common import setup_django  # noqa: E402

setup_django()

from django.test import Client  # noqa: E402

from bench import boards_bench  # noqa: E402
from bench import finance_bench  # noqa: E402
from bench import governance_bench  # noqa: E402
from bench import ideas_bench  # noqa: E402
from bench import okr_bench  # noqa: E402
from bench import reports_bench  # noqa: E402
from bench import roadmap_bench  # noqa: E402
from lotse.accounts.models import User  # noqa: E402

# Each app's benchmark generates its own data for a programme and names the pages to measure.
APP_BENCHES = [okr_bench, boards_bench, governance_bench, reports_bench]

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "100,2000,20000").split(",")]
# The cockpit lists every project on one page; beyond this size it is not measured.
COCKPIT_MAX = int(os.environ.get("BENCH_COCKPIT_MAX", "2000"))
# The finance overview and committee table (issue 12) are measured up to this size, and once
# at exactly this size if it is not among BENCH_SIZES.
FINANCE_SIZE = int(os.environ.get("BENCH_FINANCE_SIZE", "2500"))
# The idea pages (issue 16) are measured once with this many ideas in one scoring round.
IDEAS = int(os.environ.get("BENCH_IDEAS", "10000"))


def measure_finance(client: Client, user: User, size: int) -> None:
    programme = bench_programme(user, f"bench-{size}", size)
    pages = {
        **finance_bench.pages(client, programme, size),
        **roadmap_bench.pages(client, programme, size),
    }
    measure_pages(client, size, pages)


def measure_ideas(client: Client, user: User) -> None:
    programme = bench_programme(user, "bench-ideas", 20)
    measure_pages(client, 20, ideas_bench.pages(client, programme, IDEAS))


def main() -> None:
    user, client = bench_client()
    print(HEADER)
    for size in sorted(set(SIZES) | {FINANCE_SIZE}):
        if size not in SIZES:
            measure_finance(client, user, size)
            continue
        slug = f"bench-{size}"
        programme = bench_programme(user, slug, size, periods=3 if size <= COCKPIT_MAX else 0)
        pages = {
            "Zielbild": f"/programme/{slug}/",
            "Projektliste": f"/programme/{slug}/projekte/",
            "API Projektliste (100/Seite)": f"/api/v1/programmes/{slug}/projects",
        }
        if size <= COCKPIT_MAX:
            pages["Programm-Cockpit"] = f"/programme/{slug}/cockpit/"
            pages["Projektcheck (Seite)"] = f"/programme/{slug}/projektcheck/"
            for bench in APP_BENCHES:
                pages.update(bench.pages(client, programme, size))
        if size <= FINANCE_SIZE:
            pages.update(finance_bench.pages(client, programme, size))
            pages.update(roadmap_bench.pages(client, programme, size))
        measure_pages(client, size, pages)
    if IDEAS:
        measure_ideas(client, user)


if __name__ == "__main__":
    main()
