"""axe-core in the real browser: the check every browser test runs on the pages it visits."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
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


def assert_accessible(page, name: str = "") -> None:
    """No serious or critical WCAG violation on the page as it stands now."""
    # Axe() injects axe-core with page.evaluate, which goes through the DevTools protocol and is
    # not subject to our CSP (script-src 'self'), so no bypass_csp is needed.
    results = Axe().run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING]
    where = f"{name} ({page.url})" if name else page.url
    assert not blocking, f"axe-core on {where}:" + _report(blocking)


def assert_page_accessible(page, url: str, name: str) -> None:
    """Open `url` (as whoever is logged in on `page`): it has a title and no serious or
    critical WCAG violation."""
    page.goto(url)
    assert page.title(), "every page needs a title"
    assert_accessible(page, name)
