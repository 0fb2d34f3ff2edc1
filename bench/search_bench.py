"""Benchmark data for the search (issue 18): 100× a city's data from lotse/demo's scale
generator — 2,500 projects (the Potsdam demo has about 24), 3 status reports each (7,500),
and 10,000 cards on one project board — indexed by `search_rebuild`, then four searches
through the search page as the programme's PMO (every hit checked for permission).

Standalone: `python bench/search_bench.py [projects]`; wired into `make bench`.
"""

import sys
from pathlib import Path

BATCH = 2000
CARDS = 10_000


def _generate(programme) -> None:
    from bench.common import spread_cards
    from lotse.boards import services
    from lotse.boards.models import Card

    project = programme.projects.order_by("pk").first()
    board = services.project_board_ensure(project)
    if Card.objects.filter(board=board).exists():
        return
    words = ["Ausschreibung", "Glasfaser", "Schnittstelle", "Datenschutz", "Schulung"]
    spread_cards(
        board,
        CARDS,
        lambda i: {
            "title": f"Synthetische Karte {i + 1}: {words[i % len(words)]}",
            "description": "Synthetische Karte für die Suche.",
        },
        BATCH,
    )


def pages(client, programme, size) -> dict[str, str]:
    from lotse.search import services

    _generate(programme)
    services.rebuild()
    return {
        "Suche (ein Projekt)": "/suche/?q=Projekt+001234",
        "Suche (seltenes Wort)": "/suche/?q=Datenschutz",
        "Suche (trifft fast alles)": "/suche/?q=Synthetisch",
        "Suche (kein Treffer)": "/suche/?q=Mondlandung",
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.common import standalone

    size, user, client, programme = standalone("search")
    import statistics
    import time
    from urllib.parse import parse_qs
    from urllib.parse import urlparse

    from bench.common import REPEAT
    from bench.common import measure
    from bench.common import row
    from lotse.search import selectors

    for name, url in pages(client, programme, size).items():
        print(row(size, name, *measure(client, url)))
        # The search itself (index query and permission checks), without the page around it.
        query = parse_qs(urlparse(url).query)["q"][0]
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            selectors.search(user, query)
            times.append(time.perf_counter() - started)
        label = "  davon Suche (Selektor)"
        print(f"{size:>9} {label:<28} {statistics.median(times) * 1000:>10.1f}")
