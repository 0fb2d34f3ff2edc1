"""Benchmark for the council reports: the committee report for a synthetic programme.

Council reports read the recorded history, which the bulk-created synthetic programme does not
have; `ensure_history` writes one history row per object (bulk) before measuring.

Wire-up in bench/run.py: ``pages.update(reports_bench.pages(client, programme, size))``
measures the reports page (archive) and, up to REPORT_MAX projects, the committee report's HTML
preview. Rendering the committee report as PDF (generate + archive, a POST) is measured by
running this file on its own:

    .venv/bin/python bench/reports_bench.py            # 100 projects, 5 runs
    BENCH_PROJECTS=200 BENCH_REPEAT=3 .venv/bin/python bench/reports_bench.py

It then measures the documents of issue 14, each in a fresh subprocess (so that its peak
resident memory is that of one worker making one kind of document): the committee report for
100 projects (collect + Typst) and the Projektcheck pack for 500 projects (cockpit rows +
Typst), median of BENCH_DOC_REPEAT cold runs (default 3) and peak RSS (ru_maxrss) of the
worker and of the largest child process (Typst sets each document, or each part of a long
one, in a child process; the parts are joined in one too: `lotse.documents.typeset`); the
CPU time is the worker's and all children's together.
Targets: ≤ 2 s, ≤ 10 s, < 500 MB. One document alone:

    .venv/bin/python bench/reports_bench.py --document committee 100 [runs]
    .venv/bin/python bench/reports_bench.py --document projektcheck 500 [runs]
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import setup_django

    setup_django()

from django.utils import timezone  # noqa: E402

REPORT_MAX = 100  # one page per project: the committee report is measured up to this size


def ensure_history(programme) -> None:
    """History rows for the programme, its fields, projects, reports, milestones and risks."""
    from lotse.portfolio.models import FieldOfAction
    from lotse.portfolio.models import Programme
    from lotse.portfolio.models import Project
    from lotse.reporting.models import Milestone
    from lotse.reporting.models import Risk
    from lotse.reporting.models import StatusReport

    if Project.history.filter(programme_id=programme.pk).exists():
        return
    today = timezone.localdate()
    projects = list(Project.objects.filter(programme=programme))
    Milestone.objects.bulk_create(
        Milestone(
            project=p,
            title=f"Meilenstein {i + 1}",
            planned_date=today + timedelta(days=30 * (i + 1)),
            forecast_date=today + timedelta(days=30 * (i + 1) + (p.pk % 3) * 10),
        )
        for p in projects
        for i in range(3)
    )
    Risk.objects.bulk_create(
        Risk(project=p, title="Synthetisches Risiko", probability=1 + p.pk % 4, impact=2)
        for p in projects
    )
    for model, queryset in [
        (Programme, Programme.objects.filter(pk=programme.pk)),
        (FieldOfAction, FieldOfAction.objects.filter(programme=programme)),
        (Project, Project.objects.filter(programme=programme)),
        (StatusReport, StatusReport.objects.filter(project__programme=programme)),
        (Milestone, Milestone.objects.filter(project__programme=programme)),
        (Risk, Risk.objects.filter(project__programme=programme)),
    ]:
        model.history.bulk_history_create(list(queryset), batch_size=2000)


def pages(client, programme, size) -> dict[str, str]:
    ensure_history(programme)
    slug = programme.slug
    result = {"Berichte (Archiv)": f"/programme/{slug}/berichte/"}
    if size <= REPORT_MAX:
        today = timezone.localdate().isoformat()
        result["Ausschussbericht (HTML)"] = (
            f"/programme/{slug}/berichte/vorschau/?kind=committee&as_of={today}"
        )
    return result


def measure_pdf(client, programme, repeat: int = 5) -> tuple[float, int, int]:
    """Median ms from asking for the committee report PDF (the POST) until it is archived by
    the background worker: a real `manage.py db_worker` in its own process, polling as
    `make run` starts it (every 0.5 s); pages and bytes of the last one."""
    from lotse.council_reports.models import ArchivedReport
    from lotse.jobs.models import Job
    from tests.pdf import pdf_page_count

    url = f"/programme/{programme.slug}/berichte/"
    data = {"kind": "committee", "as_of": timezone.localdate().isoformat(), "format": "pdf"}
    root = Path(__file__).resolve().parent.parent
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"]
        + ["--verbosity", "0"],
        cwd=root,
        env=os.environ.copy(),
    )
    times = []
    try:
        time.sleep(5)  # the worker's start, as in production long before the first request
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.post(url, data)
            assert response.status_code == 302, response.status_code
            job_id = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
            while (job := Job.objects.get(pk=job_id)).active:
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
            assert job.done, job.error
    finally:
        worker.terminate()
        worker.wait(60)
    latest = ArchivedReport.objects.filter(programme=programme).first()
    assert latest is not None
    content = bytes(latest.content)
    return statistics.median(times) * 1000, pdf_page_count(content), len(content)


def _bench_programme(size: int):
    from django.core.management import call_command

    from lotse.demo.scale import generate_programme
    from lotse.demo.scale import generate_reports
    from lotse.portfolio.models import Programme

    call_command("migrate", verbosity=0)
    slug = f"bench-reports-{size}"
    existing = Programme.objects.filter(slug=slug).first()
    programme = existing or generate_programme(slug=slug, projects=size)
    if existing is None:
        generate_reports(programme=programme, periods=3)
    ensure_history(programme)
    return programme


def document_run(kind: str, size: int, repeat: int) -> dict:
    """In this process: make the document `repeat` times; median seconds, pages, peak RSS."""
    from lotse.council_reports import render
    from lotse.council_reports.collect import collect_report
    from lotse.reporting import cockpit
    from lotse.reporting.periods import ensure_periods
    from lotse.reporting.projektcheck_pdf import render_pdf
    from tests.pdf import pdf_page_count

    programme = _bench_programme(size)
    today = timezone.localdate()
    from lotse.documents import typeset

    times, cpu, pdf, child_kib, processes = [], [], b"", 0, 0
    for _ in range(repeat):
        started = time.perf_counter()
        used = _cpu()
        if kind == "committee":
            report = collect_report(programme=programme, kind="committee", as_of=today)
            pdf = render.render_pdf(report)
        else:
            period = ensure_periods(programme, today)[-1]
            rows = cockpit.cockpit_rows(programme, period, today, details=True)
            cockpit.link_neighbours(rows)
            context = {
                "programme": programme,
                "period": period,
                "today": today,
                "rows": rows,
                "attention_count": sum(r.needs_attention for r in rows),
            }
            pdf = render_pdf(context)
        times.append(time.perf_counter() - started)
        # The children (Typst, and the join of a document set in parts) are the
        # forkserver's, not ours: their CPU time is added, their peak RSS is the highest.
        children = typeset.child_usages
        cpu.append(_cpu() - used + sum(c.get("cpu_s", 0) for c in children))
        child_kib = max([child_kib, *(int(c.get("rss_kib", 0)) for c in children)])
        processes = len(children)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "kind": kind,
        "projects": size,
        "median_s": statistics.median(times),
        "cpu_s": statistics.median(cpu),
        "runs": repeat,
        "pages": pdf_page_count(pdf),
        "kib": len(pdf) // 1024,
        "rss_mb": rss_kib / 1024,
        "child_rss_mb": child_kib / 1024,
        "children": processes,
    }


def _cpu() -> float:
    """CPU seconds (user + system) of this process."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


DOCUMENTS = [("committee", 100, 2.0), ("projektcheck", 500, 10.0)]
NAMES = {"committee": "Ausschussbericht PDF", "projektcheck": "Projektcheck-Mappe PDF"}


def documents(repeat: int) -> None:
    """Each run in a fresh subprocess: a cold worker (Typst memoises layout within a process,
    so a second run of the same data in one process would flatter it). Median wall time and
    CPU time (user + system; on a shared machine the wall time includes waiting for a core),
    and the highest peak RSS of the runs."""
    for kind, size, target in DOCUMENTS:
        results = []
        for _ in range(repeat):
            output = subprocess.run(  # noqa: S603 - our own interpreter and file
                [sys.executable, __file__, "--document", kind, str(size), "1"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
        wall = statistics.median(r["median_s"] for r in results)
        cpu = statistics.median(r["cpu_s"] for r in results)
        rss = max(r["rss_mb"] for r in results)
        child = max(r["child_rss_mb"] for r in results)
        last = results[-1]
        print(
            f"{NAMES[kind]}, {size} Projekte: Median {wall:.2f} s (CPU {cpu:.2f} s; "
            f"{repeat} kalte Läufe, Ziel ≤ {target:.0f} s), {last['pages']} Seiten, "
            f"{last['kib']} KiB; Spitze resident: Worker {rss:.0f} MB, größter von "
            f"{last['children']} Kindprozessen {child:.0f} MB (Ziel < 500 MB)"
        )


def main() -> None:
    from bench.common import bench_client
    from bench.common import bench_programme

    size = int(os.environ.get("BENCH_PROJECTS", "100"))
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    user, client = bench_client()
    programme = bench_programme(user, f"bench-reports-{size}", size, periods=3)
    ensure_history(programme)
    median_ms, pages_, size_bytes = measure_pdf(client, programme, repeat)
    print(
        f"Ausschussbericht PDF als Hintergrundauftrag, {size} Projekte (Anfrage bis archiviert): "
        f"Median {median_ms:.0f} ms ({repeat} Läufe), {pages_} Seiten, {size_bytes / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--document"]:
        kind, size = sys.argv[2], int(sys.argv[3])
        repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 3
        print(json.dumps(document_run(kind, size, repeat)))
    else:
        main()
        documents(int(os.environ.get("BENCH_DOC_REPEAT", "3")))
