"""axe-core in the real browser: no serious or critical WCAG violations on the main pages,
the finance pages and the OZG catalogue's pages."""

import pytest

from lotse.finance.models import SupportContract
from lotse.ozg.models import PublicService
from lotse.portfolio.models import Project

from .axe import assert_page_accessible
from .conftest import PROGRAMME
from .conftest import log_in


def _kommunalportal() -> int:
    return Project.objects.get(programme__slug=PROGRAMME, title="Kommunalportal").pk


def _social_intranet() -> int:
    return Project.objects.get(programme__slug=PROGRAMME, title="Social Intranet").pk


def _contract() -> int:
    return SupportContract.objects.order_by("pk").first().pk


def _service() -> int:
    return PublicService.objects.filter(programme__slug=PROGRAMME).order_by("pk").first().pk


PAGES = {
    "login": lambda: "/konto/anmelden/",
    "zielbild": lambda: f"/programme/{PROGRAMME}/",
    "projektliste": lambda: f"/programme/{PROGRAMME}/projekte/",
    "projekt": lambda: f"/projekte/{_kommunalportal()}/",
    "projekt-bearbeiten": lambda: f"/projekte/{_kommunalportal()}/bearbeiten/",
    "zielbeitragsmatrix": lambda: f"/programme/{PROGRAMME}/zielbeitraege/",
    "finanzen-projekt": lambda: f"/projekte/{_social_intranet()}/finanzen/",
    "finanzen-uebersicht": lambda: f"/programme/{PROGRAMME}/finanzen/",
    "ausschusstabelle": lambda: f"/programme/{PROGRAMME}/finanzen/ausschuss/",
    "foerderungen": lambda: f"/programme/{PROGRAMME}/finanzen/foerderungen/",
    "finanzen-import": lambda: f"/programme/{PROGRAMME}/finanzen/import/",
    "vertrag": lambda: f"/finanzen/vertraege/{_contract()}/",
    "ozg-uebersicht": lambda: f"/programme/{PROGRAMME}/ozg/",
    "ozg-leistungen": lambda: f"/programme/{PROGRAMME}/ozg/leistungen/",
    "ozg-leistung": lambda: f"/ozg/leistungen/{_service()}/",
    "ozg-import": lambda: f"/programme/{PROGRAMME}/ozg/import/",
    "ozg-einstellungen": lambda: f"/programme/{PROGRAMME}/ozg/einstellungen/",
    "ozg-oeffentlich": lambda: f"/oeffentlich/{PROGRAMME}/ozg/",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violations(page, site, name):
    if name != "login":
        log_in(page, site, "pmo")
    assert_page_accessible(page, site + PAGES[name](), name)
