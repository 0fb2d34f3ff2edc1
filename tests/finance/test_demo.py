"""The finance part of the Potsdam demo reproduces seeds 002 and 000."""

from datetime import date
from decimal import Decimal

from lotse.demo.finance_data import PLANNING
from lotse.demo.loader import load_potsdam
from lotse.finance.committee import committee_table
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.finance.models import CallOff
from lotse.finance.models import Deadline
from lotse.finance.models import Funding
from lotse.finance.models import SupportContract
from tests.demo import assert_loading_again_adds_nothing

SEED_002 = {
    "Bereich 501 Verwaltungs- und Managemententwicklung": [
        (
            "Umsetzung digitale Transformation (OZG als Katalysator)",
            ["735 T€", "785 T€", "1,72 T€"],
        ),
    ],
    "Fachbereich 54 E-Government (Aufwand)": [
        ("moderne Bildungsinfrastruktur", ["3,3 Mio. €", "6,7 Mio. €", "20,0 Mio. €"]),
        ("Weiterentwicklung IT-Landschaft", ["7,5 Mio. €", "7,9 Mio. €", "21,5 Mio. €"]),
        ("Verwaltungsleistungen online", ["480 T€", "480 T€", "1,4 Mio. €"]),
        ("Mobiles Arbeiten/Mitarbeiterzufriedenheit", ["231 T€", "89 T€", "286 T€"]),
    ],
    "Fachbereich 54 E-Government (Invest)": [
        ("moderne Bildungsinfrastruktur", ["3,1 Mio. €", "3,0 Mio. €", "7,9 Mio. €"]),
        ("Davon Fördermittel", ["1,2 Mio. €", "500 T€", "0 €"]),
        ("Weiterentwicklung IT-Landschaft", ["2,6 Mio. €", "2,4 Mio. €", "5,7 Mio. €"]),
        ("Verwaltungsleistungen online", ["238 T€", "238 T€", "714 T€"]),
        ("Mobiles Arbeiten/Mitarbeiterzufriedenheit", ["1,4 Mio. €", "40 T€", "1,3 Mio. €"]),
    ],
    "Fachbereich 99 Kommunikation und Partizipation": [
        ("Externe Werkstatt", ["180 T€", "180 T€", "540 T€"]),
        ("Beteiligungsrat", ["40 T€", "40 T€", "130 T€"]),
        ("Öffentlichkeitsarbeit", ["21 T€", "20 T€", "62 T€"]),
        ("Beteiligungsprozesse", ["145 T€", "150 T€", "325 T€"]),
        ("Weiterentwicklung Potsdamer Modell Bürgerbeteiligung", ["10 T€", "10 T€", "30 T€"]),
        ("Digitale Partizipationsformate", ["22 T€", "22 T€", "66 T€"]),
        ("Social Intranet", ["40 T€", "40 T€", "30 T€"]),
        ("Potsdam.de", ["209 T€", "337 T€", "410 T€"]),
    ],
}


def test_potsdam_money_from_seeds_002_and_000(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    programme = load_potsdam(password="lotse-demo").programme
    table = committee_table(programme, PLANNING)
    assert table.columns == ["2023", "2024", "2025 bis 2027"]
    assert {
        block.heading: [(row.title, row.cells) for row in block.rows] for block in table.blocks
    } == SEED_002
    mapped = dict(
        BudgetLine.objects.filter(planning=PLANNING, project__isnull=False)
        .values_list("title", "project__title")
        .distinct()
    )
    assert mapped == {
        "Social Intranet": "Social Intranet",
        "Potsdam.de": "Relaunch potsdam.de",
        "Verwaltungsleistungen online": "OZG/Bürgerservice Task Force",
    }

    smart_city = Funding.objects.get(name="Smart City Potsdam")
    phases = [(p.name, p.staff_material, p.investment, p.total) for p in smart_city.phases.all()]
    assert phases == [
        ("Phase A", Decimal("1098625"), Decimal("986767"), Decimal("2085392")),
        ("Phase B", Decimal("4925730"), Decimal("8646574"), Decimal("13572304")),
    ]
    deadline = smart_city.deadlines.get(due_date=date(2023, 11, 8))
    assert (deadline.kind, deadline.status, deadline.met_on) == (
        "decision",
        "met",
        date(2023, 11, 8),
    )
    assert "scheitert die Förderung" in deadline.consequence

    contract = SupportContract.objects.get(title__endswith="2024")
    assert (contract.person_days, contract.day_rate) == (Decimal("60"), Decimal("1280"))
    assert (contract.net, contract.gross) == (Decimal("76800.00"), Decimal("91392.00"))
    assert contract.budget_line.amount == Decimal("91392.00")
    assert SupportContract.objects.filter(title__endswith="2025").exists()

    # example data is marked as such
    assert not Actual.objects.filter(is_example=False).exists()
    assert not CallOff.objects.filter(is_example=False).exists()
    assert all("Beispieldaten" in c.purpose for c in CallOff.objects.all())
    assert Deadline.objects.filter(status="open", kind="decision").exists()

    # Konstanz, seed 003 §3.2
    konstanz = {
        (line.title, line.year_from): (line.amount, line.fte, line.status)
        for line in BudgetLine.objects.filter(programme__slug="konstanz")
    }
    assert konstanz == {
        ("Aufwendungen", 2019): (Decimal("70000"), None, "planned"),
        ("Aufwendungen", 2020): (Decimal("70000"), None, "planned"),
        ("Aufwendungen", 2021): (Decimal("0"), None, "not_planned"),
        ("Beratungskosten", 2019): (Decimal("80000"), None, "planned"),
        ("Beratungskosten", 2020): (Decimal("80000"), None, "planned"),
        ("Personal", 2021): (Decimal("0"), Decimal("1.5"), "not_planned"),
    }

    assert_loading_again_adds_nothing(BudgetLine.objects, Actual.objects, CallOff.objects)
