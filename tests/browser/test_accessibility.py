"""axe-core in the real browser: no serious or critical WCAG violations on the main pages."""

import pytest

from lotse.portfolio.models import Project

from .axe import assert_page_accessible
from .conftest import PROGRAMME
from .conftest import log_in


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


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violations(page, site, name):
    if name != "login":
        log_in(page, site, "pmo")
    assert_page_accessible(page, site + PAGES[name](), name)
