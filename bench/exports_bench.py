"""The exports (issue 14) at city size and at 100×: what the web process does (the POST that
starts the job: median ms and queries) and what the worker does (building the file: median
ms, queries and bytes). Every URL is checked to be an export of lotse.exporting.

    .venv/bin/python bench/exports_bench.py
    BENCH_EXPORT_SIZES=2500 BENCH_IDEAS=10000 BENCH_REPEAT=3 .venv/bin/python bench/exports_bench.py

The data (per size a synthetic programme with 3 report periods, OKRs, decisions, work packages
and capacity, 3,030 OZG services, finance lines and a scoring round of BENCH_IDEAS ideas) is
generated once into bench/exports.sqlite3 (or DATABASE_URL) by the app benchmarks' own
generators and reused by later runs.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import bench_client  # noqa: E402
from bench.common import bench_programme  # noqa: E402
from bench.common import setup_django  # noqa: E402

setup_django(os.environ.get("BENCH_EXPORTS_DB", str(ROOT / "bench" / "exports.sqlite3")))

from django.conf import settings  # noqa: E402

settings.DEBUG = False

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import resolve  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_EXPORT_SIZES", "25,2500").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
IDEAS = int(os.environ.get("BENCH_IDEAS", "10000"))


def export_urls(client, user, size: int) -> dict[str, str]:
    from django.utils import timezone

    from bench import finance_bench
    from bench import governance_bench
    from bench import ideas_bench
    from bench import okr_bench
    from bench import planning_bench
    from lotse.okr.models import Quarter

    programme = bench_programme(user, f"bench-exports-{size}", size, periods=3)
    slug = programme.slug
    year = timezone.localdate().year + 1
    planning_bench.generate(programme, year)
    planning_bench.generate_ozg(programme, planning_bench.SERVICES)
    found = {
        **okr_bench.pages(client, programme, size),
        **governance_bench.pages(client, programme, size),
        **planning_bench.pages(programme, year),
        **finance_bench.pages(client, programme, size),
        **ideas_bench.pages(client, programme, IDEAS if size >= 1000 else 200),
    }
    project = programme.projects.order_by("pk").first()
    quarter = Quarter.objects.get(programme=programme, year=2025, number=2)
    found |= {
        "Projektliste XLSX": f"/programme/{slug}/projekte.xlsx",
        "Programm-Cockpit XLSX": f"/programme/{slug}/cockpit.xlsx",
        "Quartalskonferenz XLSX": f"/programme/{slug}/quartalskonferenz.xlsx?quartal={quarter.pk}",
        "Beschlussbuch XLSX": f"/programme/{slug}/beschluesse.xlsx",
        "Arbeitspakete XLSX": f"/projekte/{project.pk}/planung/arbeitspakete.xlsx",
    }
    return {
        name: url
        for name, url in found.items()
        if hasattr(resolve(url.split("?")[0]).func, "export")
    }


def measure(client, url: str) -> dict:
    from django_tasks_db.models import DBTaskResult

    from lotse.jobs.models import Job
    from lotse.jobs.services import job_run

    # The request: check access, queue the job, answer with its page.
    asked, queries = [], 0
    for _ in range(REPEAT + 1):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.post(url)
            asked.append(time.perf_counter() - started)
        assert response.status_code == 302, (url, response.status_code)
        queries = len(ctx.captured_queries)
        job = Job.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
        Job.objects.filter(pk=job.pk).exclude(status=Job.Status.DONE).update(
            status=Job.Status.FAILED
        )  # the next POST starts a new job instead of joining this one
    DBTaskResult.objects.all().delete()
    # The worker: build the file as the person who asked.
    built, worker_queries = [], 0
    for _ in range(REPEAT):
        Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED, percent=0)
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            job_run(job_id=job.pk)
            built.append(time.perf_counter() - started)
        worker_queries = len(ctx.captured_queries)
        job.refresh_from_db()
        assert job.status == Job.Status.DONE, (url, job.error)
        job.file.delete(save=False)
    return {
        "request": statistics.median(asked[1:]) * 1000,
        "queries": queries,
        "worker": statistics.median(built) * 1000,
        "worker_queries": worker_queries,
        "bytes": job.size,
    }


def main() -> None:
    user, client = bench_client()
    print(
        f"{'projects':>8} {'export':<34} {'POST ms':>8} {'q':>4} {'worker ms':>10} "
        f"{'q':>5} {'bytes':>9}",
        flush=True,
    )
    for size in SIZES:
        for name, url in export_urls(client, user, size).items():
            m = measure(client, url)
            print(
                f"{size:>8} {name:<34} {m['request']:>8.1f} {m['queries']:>4} "
                f"{m['worker']:>10.0f} {m['worker_queries']:>5} {m['bytes']:>9}",
                flush=True,
            )


if __name__ == "__main__":
    main()
