"""Benchmark for the council reports: the committee report for a synthetic programme.

Council reports read the recorded history, which the bulk-created synthetic programme does not
have; `ensure_history` writes one history row per object (bulk) before measuring.

Wire-up in bench/run.py: ``pages.update(reports_bench.pages(client, programme, size))``
measures the reports page (archive) and, up to REPORT_MAX projects, the committee report's HTML
preview. Rendering the committee report as PDF (generate + archive, a POST) is measured by
running this file on its own:

    .venv/bin/python bench/reports_bench.py            # 100 projects, 5 runs
    BENCH_PROJECTS=200 BENCH_REPEAT=3 .venv/bin/python bench/reports_bench.py
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

if __name__ == "__main__":
    ROOT = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")
    import django

    django.setup()

from django.utils import timezone  # noqa: E402

REPORT_MAX = 100  # one page per project: the committee report is measured up to this size


def ensure_history(programme) -> None:
    """History rows for the programme, its fields, projects, reports, milestones and risks."""
    from lotse.portfolio.models import FieldOfAction, Programme, Project
    from lotse.reporting.models import Milestone, Risk, StatusReport

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
    """Median ms to generate and archive the committee report PDF; pages and bytes."""
    from lotse.council_reports.models import ArchivedReport
    from tests.pdf import pdf_page_count

    url = f"/programme/{programme.slug}/berichte/"
    data = {"kind": "committee", "as_of": timezone.localdate().isoformat(), "format": "pdf"}
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.post(url, data)
        times.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    latest = ArchivedReport.objects.filter(programme=programme).first()
    content = bytes(latest.content)
    return statistics.median(times) * 1000, pdf_page_count(content), len(content)


def main() -> None:
    from django.core.management import call_command
    from django.test import Client

    from lotse.accounts.models import ProgrammeRole, User
    from lotse.demo.scale import generate_programme, generate_reports

    size = int(os.environ.get("BENCH_PROJECTS", "100"))
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench-pmo")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    slug = f"bench-reports-{size}"
    programme = generate_programme(slug=slug, projects=size)
    ProgrammeRole.objects.get_or_create(user=user, programme=programme, role="pmo")
    generate_reports(programme=programme, periods=3)
    ensure_history(programme)
    median_ms, pages_, size_bytes = measure_pdf(client, programme, repeat)
    print(
        f"Ausschussbericht PDF, {size} Projekte: Median {median_ms:.0f} ms "
        f"({repeat} Läufe), {pages_} Seiten, {size_bytes / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
