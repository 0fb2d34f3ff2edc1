"""Planning demo data: phases, gates, work packages, estimates, availability, allocations.

Konstanz (seed 003): the project "Erarbeitung der Digitalen Agenda" with its three phases
(2.1), AP 1–5 with their steps (3.4) and the hour table of 3.3 (10 people × 60 hours = 600
hours), the org units named in 3.3. The phases' dates follow 3.4 ("Phase 1 ca. 12 Monate,
Vorprojektphase enthalten", Phase 2 ca. 12 Monate, Ziel 12/2021); which person works in which
unit and the units' availability are example figures (marked "Beispieldaten").

Potsdam (seed 000): phases and work packages for a handful of projects and availability and
allocations for the org units of the Programmauftrag — all example data, marked as such,
dated around the day the demo lives in so that the heat map shows a living programme: the
Fachbereich E-Government carries the Kommunalportal and the OZG Task Force at once (projects
take time from line work), the Fachbereich Kommunikation und Partizipation is overloaded.

Create-only and idempotent: a project that already has phases or work packages is left alone.
"""

from collections import Counter
from datetime import date
from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from lotse.planning.capacity import month_start
from lotse.planning.capacity import months_from
from lotse.planning.capacity import next_month
from lotse.planning.models import Allocation
from lotse.planning.models import Availability
from lotse.planning.models import Estimate
from lotse.planning.models import Gate
from lotse.planning.models import Phase
from lotse.planning.models import PhaseModel
from lotse.planning.models import Step
from lotse.planning.models import WorkPackage
from lotse.planning.services import phase_model_ensure
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

EXAMPLE = "Beispieldaten"

# --- Konstanz, seed 003 ----------------------------------------------------------------------

# 3.3: the areas the project team of phase 1 comes from.
KONSTANZ_UNITS = [
    ("KN-POA-OS", "POA Organisation und Service"),
    ("KN-POA-IT", "POA IT und Logistik"),
    ("KN-POA-PE", "POA Personalentwicklung"),
    ("KN-ROB-ST", "ROB Statistik und Steuerungsunterstützung"),
    ("KN-ROB-BE", "ROB Strategische Steuerungsunterstützung Beteiligungen"),
    ("KN-ROB-BB", "ROB Bürgerbeteiligung und bürgerliches Engagement"),
    ("KN-ASU", "ASU"),
    ("KN-SWK", "SWK Projektmanagement digital"),
    ("KN-MTK", "MTK Stadtmarketing"),
    ("KN-PRESSE", "Presse und Öffentlichkeitsarbeit"),
    ("KN-WIFÖ", "Wirtschaftsförderung"),
]

# 2.1 and 3.4: the three phases and their dates.
KONSTANZ_PHASES = [
    ("Vorprojektphase", date(2019, 11, 1), date(2020, 1, 31)),
    ("Projektphase 1", date(2020, 2, 1), date(2020, 10, 31)),
    ("Projektphase 2", date(2020, 11, 1), date(2021, 12, 31)),
]

# 3.4 (steps) and 3.3 (hours per person of the project group). The hour table's rows map onto
# the work packages: Vorarbeiten 5 → AP 1; Kick-Off 10 + IST-Analyse 5 + Stakeholder 5 +
# Schnittstellen 2 → AP 2; Strategiedesign 8 + Leitsätze-Workshop 9 + Innovationsworkshop 8 →
# AP 3; AP 4 has no row of its own; Abschluss Phase 1 und Planung Phase 2 8 → AP 5. 60 hours.
KONSTANZ_WORK_PACKAGES = [
    (
        "AP 1",
        "Projektvorbereitung",
        0,
        5,
        (date(2019, 11, 1), date(2020, 1, 31)),
        [
            "Vorgespräch mit Amtsleitung/Abteilungsleitung",
            "Digitalisierungs-Jour-Fixe Vorstellung Projektauftrag",
            "Planung / Festlegung zum weiteren Vorgehen",
            "Benennung der Ansprechpartner / Projektteilnehmer",
            "Projektstruktur- und Zeitplan",
            "Vorstellung Projekt in DÜ+GR-Klausur-Tagung",
            "Vergabe: Beratungsleistungen",
            "Projektvorstellung in der VK",
            "Kommunikationsstrategie aufbauen",
        ],
    ),
    (
        "AP 2",
        "Projektstart",
        1,
        22,
        (date(2020, 2, 1), date(2020, 4, 30)),
        [
            "Kick Off Workshop mit allen Mitarbeitenden",
            "Ausgangs- IST-Analyse erstellen",
            "Stakeholder-Analyse durchführen",
            "Prüfung Schnittstellen zu einzelnen Handlungsprogrammen/ Abgleich Ziele",
        ],
    ),
    (
        "AP 3",
        "Workshops",
        1,
        25,
        (date(2020, 4, 1), date(2020, 8, 31)),
        [
            "Leitsätze/ Definition Digitalisierung/ Definition Handlungsfelder (Projektgruppe)",
            "Workshop mit den Fraktionen",
            "Strategiedesign entwickeln",
            "Innovationsworkshop (Verwaltung)",
            "Graphic Recording sicherstellen",
        ],
    ),
    (
        "AP 4",
        "Kommunikation innen und außen",
        1,
        0,
        (date(2020, 2, 1), date(2020, 10, 31)),
        ["Leitsätze kommunizieren", "Projektbegleitung", "Open Government Dialog integrieren"],
    ),
    (
        "AP 5",
        "Bewertung",
        1,
        8,
        (date(2020, 9, 1), date(2020, 10, 31)),
        ["Evaluierung Phase 1", "Voraussetzungen für Phase 2 sicherstellen"],
    ),
]
TEAM_SIZE = 10


def _units(specs: list[tuple[str, str]], counter: Counter) -> list[OrgUnit]:
    units = []
    for code, name in specs:
        unit, created = OrgUnit.objects.get_or_create(code=code, defaults={"name": name})
        counter["Organisationseinheit"] += int(created)
        units.append(unit)
    return units


def _phase(
    project: Project,
    order: int,
    name: str,
    span: tuple[date, date],
    status: str,
    passed: tuple[object, str],
    counter: Counter,
    description: str = "",
) -> Phase:
    """A phase of an example plan with its gate at the phase's end. A closed phase's gate was
    passed on that day, by `passed` = (who, note)."""
    first, last = span
    phase = Phase.objects.create(
        project=project,
        order=order,
        name=name,
        description=description,
        planned_start=first,
        planned_end=last,
        started_on=first if status != Phase.Status.PLANNED else None,
        closed_on=last if status == Phase.Status.CLOSED else None,
        status=status,
    )
    Gate.objects.create(phase=phase, planned_on=last)
    if status == Phase.Status.CLOSED:
        user, note = passed
        Gate.objects.filter(phase=phase).update(passed_on=last, passed_by=user, note=note)
    counter["Projektphase"] += 1
    return phase


def _konstanz(users: dict, counter: Counter) -> None:
    from .konstanz import PROJECT_TITLE
    from .konstanz import ensure_konstanz

    programme = ensure_konstanz(users=users)
    project = Project.objects.filter(programme=programme, title=PROJECT_TITLE).first()
    if project is None or project.phases.exists() or project.work_packages.exists():
        return
    model = phase_model_ensure(programme)
    PhaseModel.objects.filter(pk=model.pk).update(pmo_may_pass_gates=True)
    units = _units(KONSTANZ_UNITS, counter)
    pmo = users.get("pmo")
    phases = []
    for order, (name, start, end) in enumerate(KONSTANZ_PHASES, start=1):
        status = Phase.Status.CLOSED if order < 3 else Phase.Status.ACTIVE
        note = f"{EXAMPLE}: Bewertung der Ergebnisse durch das PMO."
        phases.append(_phase(project, order, name, (start, end), status, (pmo, note), counter))
    for order, (code, title, phase_index, hours, (start, end), steps) in enumerate(
        KONSTANZ_WORK_PACKAGES, start=1
    ):
        wp = WorkPackage.objects.create(
            project=project,
            phase=phases[phase_index],
            order=order,
            code=code,
            title=title,
            owner_text="Projektleitung Digitale Agenda",
            org_unit=units[0],
            planned_start=start,
            planned_end=end,
            status=WorkPackage.Status.DONE,
        )
        counter["Arbeitspaket"] += 1
        for position, text in enumerate(steps, start=1):
            Step.objects.create(work_package=wp, order=position, title=text, done=True)
            counter["Schritt"] += 1
        if not hours:
            continue
        for person in range(TEAM_SIZE):
            Estimate.objects.create(
                work_package=wp,
                label=f"Person {person + 1} (Beispielzuordnung)",
                org_unit=units[person],
                hours=Decimal(hours),
            )
            counter["Aufwandsschätzung"] += 1
    # Example availability of the team's units in phase 1: one person each, 90 % line work.
    month = date(2019, 11, 1)
    while month <= date(2020, 10, 1):
        for unit in units:
            _, created = Availability.objects.get_or_create(
                programme=programme,
                org_unit=unit,
                person=None,
                month=month,
                defaults={
                    "unit": "fte",
                    "amount": Decimal("1"),
                    "line_work_percent": 90,
                    "note": EXAMPLE,
                },
            )
            counter["Verfügbarkeit"] += int(created)
        month = next_month(month)


# --- Potsdam, seed 000 -------------------------------------------------------------------------

# Example availability per org unit of the Programmauftrag: (FTE, % line work).
POTSDAM_AVAILABILITY = {
    "GB 9": (Decimal("2"), 80),
    "FB 99": (Decimal("1"), 50),
    "9012": (Decimal("2"), 60),
    "GB 5": (Decimal("1"), 80),
    "501": (Decimal("3"), 60),
    "FB 54": (Decimal("4"), 60),
    "FB 53": (Decimal("2"), 70),
    "GB 2": (Decimal("1"), 90),
    "FB 23": (Decimal("1.5"), 80),
    "GB 3": (Decimal("1"), 90),
    "FB 39": (Decimal("1"), 80),
}

# Example plans: project key → work packages (code, title, org unit, hours, first month offset,
# months, steps). Phase 1 runs from three months ago for nine months.
POTSDAM_PLANS: dict[str, list[tuple[str, str, str, int, int, int, list[str]]]] = {
    "kommunalportal": [
        (
            "AP 1",
            "Anforderungen und Architektur",
            "FB 54",
            240,
            -3,
            3,
            ["Anforderungen", "Architekturskizze"],
        ),
        (
            "AP 2",
            "Anbindung der Fachverfahren",
            "FB 54",
            800,
            0,
            3,
            ["Schnittstellen", "Tests", "Abnahme"],
        ),
        ("AP 3", "Redaktion und Barrierefreiheit", "FB 99", 160, 1, 3, ["Texte", "BITV-Prüfung"]),
    ],
    "task-force-ozg": [
        (
            "AP 1",
            "Leistungskatalog priorisieren",
            "FB 54",
            160,
            -2,
            2,
            ["Katalog sichten", "Priorisieren"],
        ),
        (
            "AP 2",
            "Reifegrad 3 für die ersten 20 Leistungen",
            "FB 54",
            480,
            1,
            2,
            ["Formulare", "Zahlung", "Rückkanal"],
        ),
    ],
    "beteiligungsportal": [
        ("AP 1", "Ausschreibung", "FB 99", 240, -1, 2, ["Leistungsbeschreibung", "Vergabe"]),
        ("AP 2", "Einführung und Schulung", "FB 99", 320, 1, 3, ["Einrichtung", "Schulungen"]),
    ],
    "relaunch-potsdam-de": [
        ("AP 1", "Informationsarchitektur", "FB 99", 200, 0, 3, ["Inhaltsinventur", "Navigation"]),
    ],
    "social-intranet": [
        ("AP 1", "Pilotbereiche einbinden", "501", 240, 0, 4, ["Pilotbereiche", "Feedback"]),
    ],
}
POTSDAM_ALLOCATIONS = [
    ("smart-city-strategie", "9012", 6),
    ("social-intranet", "FB 53", 4),
    ("dms", "501", 8),
]


def _month_offset(month: date, offset: int) -> date:
    result = month
    if offset >= 0:
        for _i in range(offset):
            result = next_month(result)
    else:
        for _i in range(-offset):
            result = month_start(result - timedelta(days=1))
    return result


def _potsdam_plan(
    project: Project,
    plan: list,
    units: dict[str, OrgUnit],
    now: date,
    pmo: object,
    counter: Counter,
) -> None:
    start = _month_offset(now, -6)
    spans = [
        (start, _month_offset(now, -3) - timedelta(days=1)),
        (_month_offset(now, -3), _month_offset(now, 6) - timedelta(days=1)),
        (_month_offset(now, 6), _month_offset(now, 15) - timedelta(days=1)),
    ]
    names = ["Vorprojektphase", "Projektphase 1", "Projektphase 2"]
    phases = []
    for order, (name, (first, last)) in enumerate(zip(names, spans, strict=True), start=1):
        status = [Phase.Status.CLOSED, Phase.Status.ACTIVE, Phase.Status.PLANNED][order - 1]
        passed = (pmo, f"{EXAMPLE}: freigegeben durch das PMO.")
        phases.append(_phase(project, order, name, (first, last), status, passed, counter, EXAMPLE))
    for order, (code, title, unit, hours, offset, months, steps) in enumerate(plan, start=1):
        first = _month_offset(now, offset)
        last = _month_offset(first, months) - timedelta(days=1)
        wp = WorkPackage.objects.create(
            project=project,
            phase=phases[0] if offset < -2 else phases[1],
            order=order,
            code=code,
            title=title,
            description=EXAMPLE,
            org_unit=units[unit],
            owner=project.lead,
            planned_start=first,
            planned_end=last,
            status=WorkPackage.Status.DONE
            if last < now
            else WorkPackage.Status.IN_PROGRESS
            if first <= now
            else WorkPackage.Status.OPEN,
        )
        counter["Arbeitspaket"] += 1
        for position, text in enumerate(steps, start=1):
            Step.objects.create(
                work_package=wp,
                order=position,
                title=text,
                done=last < now or position == 1 and first < now,
            )
            counter["Schritt"] += 1
        Estimate.objects.create(
            work_package=wp,
            label="Projektteam (Beispiel)",
            org_unit=units[unit],
            hours=Decimal(hours),
        )
        counter["Aufwandsschätzung"] += 1


@transaction.atomic
def load_planning_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> dict[str, int]:
    counter: Counter = Counter()
    phase_model_ensure(programme)
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=POTSDAM_AVAILABILITY)}
    now = month_start(today)
    pmo = users.get("pmo")
    for key, plan in POTSDAM_PLANS.items():
        project = projects.get(key)
        if project is None or project.phases.exists() or project.work_packages.exists():
            continue
        _potsdam_plan(project, plan, units, now, pmo, counter)
    for month in months_from(_month_offset(now, -3), 15):
        for code, (fte, line) in POTSDAM_AVAILABILITY.items():
            if code not in units:
                continue
            _, created = Availability.objects.get_or_create(
                programme=programme,
                org_unit=units[code],
                person=None,
                month=month,
                defaults={"unit": "fte", "amount": fte, "line_work_percent": line, "note": EXAMPLE},
            )
            counter["Verfügbarkeit"] += int(created)
        for key, code, days in POTSDAM_ALLOCATIONS:
            project = projects.get(key)
            if project is None or code not in units or month > _month_offset(now, 5):
                continue
            _, created = Allocation.objects.get_or_create(
                project=project,
                org_unit=units[code],
                person=None,
                month=month,
                defaults={"person_days": Decimal(days), "note": EXAMPLE},
            )
            counter["Zuordnung"] += int(created)
    _konstanz(users, counter)
    return dict(counter)
