"""axe-core in the real browser: no serious or critical WCAG violations on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from lotse.portfolio.models import Project

from .conftest import PROGRAMME, log_in

BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
}


def _kommunalportal() -> int:
    return Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal").pk


PAGES = {
    "login": lambda: "/konto/anmelden/",
    "zielbild": lambda: f"/programme/{PROGRAMME}/",
    "projektliste": lambda: f"/programme/{PROGRAMME}/projekte/",
    "projekt": lambda: f"/projekte/{_kommunalportal()}/",
    "projekt-bearbeiten": lambda: f"/projekte/{_kommunalportal()}/bearbeiten/",
    "zielbeitragsmatrix": lambda: f"/programme/{PROGRAMME}/zielbeitraege/",
}


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}\n"
            f"    {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    - {', '.join(map(str, node['target']))}")
            lines.append(f"      {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n        ")
                lines.append(f"        {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violations(page, site, name):
    if name != "login":
        log_in(page, site, "pmo")
    page.goto(site + PAGES[name]())
    assert page.title(), "every page needs a title"

    # Axe() injects axe-core with page.evaluate, which goes through the DevTools protocol and is
    # not subject to our CSP (script-src 'self'), so no bypass_csp is needed.
    results = Axe().run(page, options=AXE_OPTIONS)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {name} ({page.url}):" + _report(blocking)
