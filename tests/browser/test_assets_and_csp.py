"""Every page loads its own CSS and JavaScript, and nothing on it breaks the CSP.

The Content-Security-Policy forbids inline scripts and styles; the browser silently drops them
(a ``style=`` attribute simply does nothing) and only says so on the console. This test reads
that console, so such a mistake fails here instead of going unnoticed. (htmx, too, adds an
inline ``<style>`` for its indicators unless ``includeIndicatorStyles`` is switched off.)
"""

from lotse.portfolio.models import Project

from .conftest import PROGRAMME
from .conftest import log_in


def test_pages_load_their_assets_without_csp_violations(page, site):
    failed, violations = [], []
    page.on(
        "response",
        lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and failed.append(r),
    )
    page.on(
        "console",
        lambda m: (
            "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text}")
        ),
    )
    pk = Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal").pk
    paths = [
        f"/programme/{PROGRAMME}/",
        f"/programme/{PROGRAMME}/projekte/",
        f"/projekte/{pk}/",
        f"/projekte/{pk}/bearbeiten/",
        f"/programme/{PROGRAMME}/zielbeitraege/",
    ]
    unstyled = []

    log_in(page, site, "pmo")
    for path in paths:
        page.goto(site + path)
        # Our stylesheet is applied, not just requested: the header has its brand colour.
        colour = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
        if colour != "rgb(11, 83, 148)":
            unstyled.append(path)

    assert not [f"{r.status} {r.url}" for r in failed], "assets or pages failed to load"
    assert not unstyled, "pages without lotse.css applied"
    assert not violations, "\n".join(violations)
