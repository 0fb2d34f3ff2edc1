"""Finance in the browser: the PMO imports actuals (one bad row first), sees plan versus
actual on the project (axe-core on the finance pages: test_accessibility.py)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from lotse.finance.money import parse_amount
from lotse.portfolio.models import Programme
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


# The computed colours of a notice and the contrast of its text (WCAG 2 relative luminance).
NOTICE_LOOK = """e => {
    const style = getComputedStyle(e);
    const luminance = colour => {
        const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(v => {
            v = Number(v) / 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)]
        .sort((a, b) => b - a);
    return {
        background: style.backgroundColor,
        border: style.borderTopColor,
        frame: [style.borderTopWidth, style.borderTopStyle, style.paddingLeft],
        contrast: (light + 0.05) / (dark + 0.05),
    };
}"""
WARN_BG = "rgb(252, 239, 210)"  # --warn-bg
WARN = "rgb(122, 77, 0)"  # --warn


def test_a_warning_notice_looks_like_a_warning(pmo_page, site):
    """The notice that a project's budget lines reach beyond the programme's term comes in the
    warning colours with readable text (AA: 4.5:1), on the finance tab and among the notices
    after saving a line: `.message--warning` had no style, so it looked like any text."""
    Programme.objects.filter(slug=PROGRAMME).update(
        start_date=date(2001, 1, 1), end_date=date(2002, 12, 31)
    )
    page = pmo_page
    page.goto(f"{site}/projekte/{_social_intranet()}/finanzen/")
    notice = page.locator(".message--warning")
    assert "außerhalb der Laufzeit des Programms (2001–2002)" in notice.inner_text()
    look = notice.evaluate(NOTICE_LOOK)
    assert look["background"] == WARN_BG and look["contrast"] >= 4.5, look
    # On its own in the page it is framed like the notices after a redirect (it had neither
    # padding nor border: only `.messages .message` set them).
    assert look["frame"] == ["1px", "solid", "16px"] and look["border"] == WARN, look
    # Among the notices after a redirect.
    page.evaluate(
        """() => { const box = document.createElement('div'); box.className = 'messages';
        const p = document.createElement('p'); p.className = 'message message--warning';
        p.textContent = 'Hinweis'; box.appendChild(p); document.body.appendChild(box) }"""
    )
    look = page.locator(".messages .message--warning").evaluate(NOTICE_LOOK)
    assert (look["background"], look["border"]) == (WARN_BG, WARN) and look["contrast"] >= 4.5
    assert look["frame"] == ["1px", "solid", "16px"], look
