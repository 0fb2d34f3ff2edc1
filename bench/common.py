"""What the benchmarks share: Django on the bench database, the logged-in bench user, a
synthetic programme run by that user, and a page's median time with its query count.

A benchmark that also runs on its own starts its `__main__` block with

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import setup_django

    setup_django()

and imports Django and Lotse only after that (inside its functions, or with `# noqa: E402`).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "bench" / "bench.sqlite3"
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))
HEADER = f"{'projects':>9} {'page':<28} {'median ms':>10} {'queries':>8}"


def setup_django(db: str | Path = DB) -> None:
    """Django with Lotse's settings on the bench's own SQLite file (or DATABASE_URL), so the
    demo database is not touched."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{db}")
    import django

    django.setup()


def bench_client():
    """The migrated database's bench user ("bench-pmo") and a client logged in as them."""
    from django.core.management import call_command
    from django.test import Client

    from lotse.accounts.models import User

    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench-pmo")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return user, client


def bench_programme(user, slug: str, projects: int, periods: int = 0):
    """The synthetic programme `slug` (generated once), run by `user` as its PMO, with status
    reports for the last `periods` periods."""
    from lotse.accounts.models import ProgrammeRole
    from lotse.demo.scale import generate_programme
    from lotse.demo.scale import generate_reports

    programme = generate_programme(slug=slug, projects=projects)
    ProgrammeRole.objects.get_or_create(user=user, programme=programme, role="pmo")
    if periods:
        generate_reports(programme=programme, periods=periods)
    return programme


def measure(client, url: str, repeat: int = REPEAT) -> tuple[float, int]:
    """Median milliseconds of `repeat` GETs after one warm-up, and the queries of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times) * 1000, len(ctx.captured_queries)


def row(size: int, name: str, median_ms: float, queries: int) -> str:
    """One line under HEADER."""
    return f"{size:>9} {name:<28} {median_ms:>10.1f} {queries:>8}"


def measure_pages(client, size: int, pages: dict[str, str], repeat: int = REPEAT) -> None:
    """Measure every page and print its line."""
    for name, url in pages.items():
        print(row(size, name, *measure(client, url, repeat)), flush=True)


def standalone(name: str, default_size: int = 2500):
    """A benchmark run on its own (`python bench/<name>_bench.py [projects]`): Django, the
    bench user and client, the programme `bench-<name>-<size>` with three report periods, and
    the header printed. Returns (size, user, client, programme)."""
    setup_django()
    size = int(sys.argv[1]) if len(sys.argv) > 1 else default_size
    user, client = bench_client()
    programme = bench_programme(user, f"bench-{name}-{size}", size, periods=3)
    print(HEADER)
    return size, user, client, programme


def spread_cards(board, total: int, card, batch_size: int = 2000) -> list:
    """Bulk-create `total` cards on `board`, dealt over its columns in turn; `card(i)` gives
    the i-th card's own fields (title, description, ...)."""
    from lotse.boards.models import Card

    columns = list(board.columns.order_by("position"))
    return Card.objects.bulk_create(
        (
            Card(
                board=board,
                column=columns[i % len(columns)],
                position=i // len(columns),
                **card(i),
            )
            for i in range(total)
        ),
        batch_size=batch_size,
    )
