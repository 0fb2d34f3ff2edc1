"""Finance in the browser: the PMO imports actuals (one bad row first), sees plan versus
actual on the project (axe-core on the finance pages: test_accessibility.py)."""

from decimal import Decimal

from django.utils import timezone

from lotse.finance.money import parse_amount
from lotse.portfolio.models import Project

from .conftest import PROGRAMME


def _social_intranet() -> int:
    return Project.objects.get(programme__slug=PROGRAMME, title="Social Intranet").pk


def _year_actual(page) -> Decimal:
    text = page.locator("#year-figures dt:text-is('Ist') + dd").inner_text()
    return parse_amount(text)


def test_pmo_imports_a_csv_fixes_the_bad_row_and_sees_plan_versus_actual(pmo_page, site):
    page = pmo_page
    year = timezone.localdate().year
    page.goto(f"{site}/projekte/{_social_intranet()}/finanzen/?jahr={year}")
    before = _year_actual(page)

    page.goto(f"{site}/programme/{PROGRAMME}/finanzen/import/")
    bad = f"Kostenstelle;Monat;Ist\nKST-99-SI;12.{year};1.234,56\nKST-99-SI;13.{year};10\n"
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(
        files=[{"name": "ist.csv", "mimeType": "text/csv", "buffer": bad.encode("cp1252")}]
    )
    page.get_by_role("button", name="Prüfen (Vorschau)").click()
    problems = page.locator("#import-problems")
    problems.wait_for()
    assert f"Zeile 3, Spalte „Monat“, Wert „13.{year}“: Kein Monat" in problems.inner_text()
    assert "Es wurde nichts gespeichert." in problems.inner_text()

    good = bad.replace(f"13.{year};10", f"12.{year};10,00")  # the corrected month
    page.get_by_label("Datei (CSV oder XLSX)").set_input_files(
        files=[{"name": "ist.csv", "mimeType": "text/csv", "buffer": good.encode("utf-8")}]
    )
    page.get_by_role("button", name="Prüfen (Vorschau)").click()
    page.locator("#import-preview").wait_for()
    assert "Zeilen" in page.locator("#import-preview").inner_text()
    page.get_by_role("button", name="1 Monatswert importieren").click()
    page.wait_for_load_state()
    assert "Import abgeschlossen" in page.locator(".messages").inner_text()

    page.goto(f"{site}/projekte/{_social_intranet()}/finanzen/?jahr={year}")
    # both rows are December (never example data): 1.234,56 € + 10,00 € more than before
    assert _year_actual(page) == before + Decimal("1244.56")
    assert page.locator("#plan-actual").is_visible()
    assert page.locator("svg#burn").is_visible()
