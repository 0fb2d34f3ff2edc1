"""Seed 002 (Haushaltsplanung 2023/24 bis 2027, Ausschuss für Partizipation, Transparenz und
Digitalisierung, 14. März 2023) and seed 000 ("Fazit finanzielle Auswirkungen") as data.

Every table line of seed 002 verbatim: (org unit code, kind, title, purpose, project key or None,
[2023, 2024, "2025 bis 2027"], funded amounts or None, funded note). Amounts in EUR as the seed
writes them ("735 T€" → 735.000, "3,3 Mio. €" → 3.300.000). The seed's "1,72 T€" for
2025–2027 in Bereich 501 is kept as written (1.720 €) although 1,72 Mio. € is meant; see
docs/demo.md.
"""

from datetime import date
from decimal import Decimal
from typing import Any

PLANNING = "Haushaltsplanung 2023/24 bis 2027"
SPANS = [(2023, 2023), (2024, 2024), (2025, 2027)]


def T(value: str) -> Decimal:  # noqa: N802 - reads like the seed: T("735") = 735 T€
    return Decimal(value.replace(",", ".")) * 1000


def M(value: str) -> Decimal:  # noqa: N802 - M("3,3") = 3,3 Mio. €
    return Decimal(value.replace(",", ".")) * 1000000


SEED_002 = [
    # Bereich 501 Verwaltungs- und Managemententwicklung (no kind in the seed: advisory,
    # moderation and training services are Aufwand)
    (
        "501",
        "expense",
        "Umsetzung digitale Transformation (OZG als Katalysator)",
        "Beratungs-, Moderations- und Schulungsleistungen zur Unterstützung von "
        "Digitalisierungsvorhaben in den Handlungsfeldern Führung, Organisation, Prozesse, "
        "Management, Personal",
        None,
        [T("735"), T("785"), T("1,72")],
        None,
        "",
    ),
    # Fachbereich 54 E-Government (Aufwand)
    (
        "FB 54",
        "expense",
        "moderne Bildungsinfrastruktur",
        "Ausstattung der Schulen mit Hard- und Software, Support",
        None,
        [M("3,3"), M("6,7"), M("20,0")],
        None,
        "",
    ),
    (
        "FB 54",
        "expense",
        "Weiterentwicklung IT-Landschaft",
        "Fachspezifische IT-Vorhaben, Erweiterung bestehender und Einführung neuer "
        "Fachverfahren, Rahmenverträge, Verlängerung bestehender Verträge, IT-Sicherheit",
        None,
        [M("7,5"), M("7,9"), M("21,5")],
        None,
        "",
    ),
    (
        "FB 54",
        "expense",
        "Verwaltungsleistungen online",
        "OZG-Umsetzung",
        "task-force-ozg",
        [T("480"), T("480"), M("1,4")],
        None,
        "",
    ),
    (
        "FB 54",
        "expense",
        "Mobiles Arbeiten/Mitarbeiterzufriedenheit",
        "Hard- und Software für Mobiles Arbeiten Arbeitsplatzausstattung",
        None,
        [T("231"), T("89"), T("286")],
        None,
        "",
    ),
    # Fachbereich 54 E-Government (Invest)
    (
        "FB 54",
        "invest",
        "moderne Bildungsinfrastruktur",
        "Ausstattung der Schulen mit Hard- und Software",
        None,
        [M("3,1"), M("3,0"), M("7,9")],
        [M("1,2"), T("500"), Decimal("0")],
        "Ausstattung der Schulen",
    ),
    (
        "FB 54",
        "invest",
        "Weiterentwicklung IT-Landschaft",
        "Fachspezifische IT-Vorhaben, Erweiterung bestehender und Einführung neuer "
        "Fachverfahren, Rahmenverträge, Verlängerung bestehender Verträge",
        None,
        [M("2,6"), M("2,4"), M("5,7")],
        None,
        "",
    ),
    (
        "FB 54",
        "invest",
        "Verwaltungsleistungen online",
        "u.a. OZG-Umsetzung",
        "task-force-ozg",
        [T("238"), T("238"), T("714")],
        None,
        "",
    ),
    (
        "FB 54",
        "invest",
        "Mobiles Arbeiten/Mitarbeiterzufriedenheit",
        "Bspw. Ausstattung der MA mit entsprechender Hard- und Software (bspw. Laptops)",
        None,
        [M("1,4"), T("40"), M("1,3")],
        None,
        "",
    ),
    # Fachbereich 99 Kommunikation & Partizipation (no kind in the seed: Aufwand)
    (
        "FB 99",
        "expense",
        "Externe Werkstatt",
        "Neuer Vertrag mit MitMachen e.V. ab Februar 2023 bis 01/2026 mit Option bis 01/2028;",
        None,
        [T("180"), T("180"), T("540")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Beteiligungsrat",
        "Aufwandsentschädigung, Moderation, Miete, Catering",
        None,
        [T("40"), T("40"), T("130")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Öffentlichkeitsarbeit",
        "Öffentlichkeitsarbeit zu Beteiligung und Ideen- und Beschwerdemanagement, "
        "Beteiligungstrialog",
        None,
        [T("21"), T("20"), T("62")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Beteiligungsprozesse",
        "Interne Projektförderung für verwaltungseigene Beteiligungsverfahren, Unterstützung "
        "diverser (kleiner) Beteiligungsprozesse über externe Dienstleister, Fortschreibung "
        "Integrationskonzept",
        None,
        [T("145"), T("150"), T("325")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Weiterentwicklung Potsdamer Modell Bürgerbeteiligung",
        "Begleitung Neuaufstellung WerkStadt für Beteiligung (nach Strategieprozess und "
        "Difu-Projekt)",
        None,
        [T("10"), T("10"), T("30")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Digitale Partizipationsformate",
        "Software für digitale Beteiligung und Beschwerdemanagement LHP, (digitale) "
        "Beteiligungsformate für Jugend und Senioren",
        None,
        [T("22"), T("22"), T("66")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Social Intranet",
        "Software für Social Intranet: Transparenz, Austausch, Kollaboration zu den "
        "Modernisierungsprojekten der LHP (Campus, New Work, Digitalisierungsprojekte).",
        "social-intranet",
        [T("40"), T("40"), T("30")],
        None,
        "",
    ),
    (
        "FB 99",
        "expense",
        "Potsdam.de",
        "Relaunch potsdam.de (inkl. Teilprojekte), Corporate Design",
        "relaunch-potsdam-de",
        [T("209"), T("337"), T("410")],
        None,
        "",
    ),
]

# Example Haushalt references (not in the seed) so that the CSV import has something to match.
EXAMPLE_REFERENCES = {
    ("FB 99", "Social Intranet"): "KST-99-SI",
    ("FB 99", "Potsdam.de"): "KST-99-WEB",
    ("FB 54", "Verwaltungsleistungen online", "expense"): "KST-54-OZG",
}

SMART_CITY: dict[str, Any] = {
    "name": "Smart City Potsdam",
    "funding_programme": "Smart City (Förderung in Phasen A und B)",
    "project": "smart-city-strategie",
    "note": "Seed 002, „Fördermittelmanagement und Herausforderungen“. Der Fördermittelgeber "
    "ist im Seed nicht benannt.",
    "phases": [
        {
            "name": "Phase A",
            "staff_material": Decimal("1098625"),
            "investment": Decimal("986767"),
            "note": "Maßnahmen werden abgeschlossen, Strategie erstellt und beschlossen.",
        },
        {
            "name": "Phase B",
            "start": date(2024, 1, 1),
            "staff_material": Decimal("4925730"),
            "investment": Decimal("8646574"),
            "note": "Ein Portfolio von ca. 6–8 Maßnahmenclustern; Umsetzung ab 2024 nach "
            "Bestätigung durch den Fördermittelgeber.",
        },
    ],
    "deadline": {
        "kind": "decision",
        "title": "Beschluss der Smart City-Strategie inkl. der Maßnahmen (Phase B)",
        "due_date": date(2023, 11, 8),
        "consequence": "Ohne Beschluss bis zum 08.11.2023 scheitert die Förderung.",
        "body": "other",
        "body_name": "Stadtverordnetenversammlung (StVV)",
        "status": "met",
        "met_on": date(2023, 11, 8),
        "resolution": "Beschluss der Smart City-Strategie inkl. der Maßnahmen in der StVV am "
        "08.11.2023.",
    },
}

# Seed 000: 3 + 2 person-days a month, 60 in 2024 at 1.280 € → 91.392 € gross; 2025 "in
# ähnlicher Höhe".
SUPPORT: list[dict[str, Any]] = [
    {
        "year": 2024,
        "title": "Externe Begleitung Programmbüro und OKR 2024",
        "status": "planned",
    },
    {
        "year": 2025,
        "title": "Externe Begleitung Programmbüro und OKR 2025",
        "status": "requested",
    },
]
SUPPORT_PURPOSE = (
    "Methodische Beratung und konzeptionelle Bearbeitung übergreifender Fragen der "
    "Programmdurchführung (3 Personentage im Monat) und Begleitung der OKR-Methodik, "
    "Quartalskonferenzen und Informationsmaterialien (2 Personentage im Monat)."
)
PERSON_DAYS = Decimal("60")
DAY_RATE = Decimal("1280")

# Seed 003 §3.2 "Ressourcenplanung (finanziell/personell)", Konstanz, verbatim: per row of
# the table (title, kind) its years as (year, amount or None, fte or None, status, purpose as
# the table writes it)
KONSTANZ_PLANNING = "Ressourcenplanung (Strategiepapier 2019, Kap. 3.2)"
KONSTANZ: list[tuple[str, str, list[tuple[int, Decimal, Decimal | None, str, str]]]] = [
    (
        "Aufwendungen",
        "expense",
        [
            (2019, Decimal("70000"), None, "planned", "70.000 (bereits veranschlagt)"),
            (2020, Decimal("70000"), None, "planned", "70.000 (bereits veranschlagt)"),
            (2021, Decimal("0"), None, "not_planned", "Projektbudgets (nicht veranschlagt)"),
        ],
    ),
    (
        "Beratungskosten",
        "expense",
        [
            (2019, Decimal("80000"), None, "planned", "80.000 (bereits veranschlagt)"),
            (2020, Decimal("80000"), None, "planned", "80.000 (bereits veranschlagt)"),
        ],
    ),
    (
        "Personal",
        "staff",
        [
            (
                2021,
                Decimal("0"),
                Decimal("1.5"),
                "not_planned",
                "zusätzlich 1,5 MAK (noch nicht veranschlagt)",
            ),
        ],
    ),
]
