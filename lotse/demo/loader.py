"""Load the Potsdam demo programme into the database.

Idempotent: every row is found by its natural key and only saved when one of its values
differs, so a second run writes nothing and django-simple-history records nothing new.
Everything is saved through the models' ``save()`` (never ``update()`` / ``bulk_create``), so
the first run is recorded in the history like any other change.

Verbatim texts come from :mod:`lotse.demo.potsdam_data`; the example data added here (Smart
City Zielbilder contributions, dependencies, org units of some projects, demo users) is
marked as such, see ``docs/demo.md``.
"""

from __future__ import annotations

from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import timedelta
from typing import Any
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.db import models
from django.db import transaction
from django.utils import timezone

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.accounts.services import programme_role_grant
from lotse.accounts.services import project_role_grant
from lotse.demo.boards_demo import load_boards_demo
from lotse.demo.finance_demo import load_finance_demo
from lotse.demo.governance_demo import PAST_DAYS
from lotse.demo.governance_demo import load_governance_demo
from lotse.demo.governance_demo import load_governance_series
from lotse.demo.ideas_demo import load_ideas_demo
from lotse.demo.okr_demo import load_okr_demo
from lotse.demo.ozg_demo import load_ozg_demo
from lotse.demo.planning_demo import load_planning_demo
from lotse.demo.public_demo import load_public_demo
from lotse.demo.reporting_demo import load_reporting_demo
from lotse.demo.roadmap_demo import load_roadmap_demo
from lotse.demo.term_demo import record_term_extensions
from lotse.history import at
from lotse.history import start_of
from lotse.history import valid_from
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import GoalContribution
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal

from . import potsdam_data as data

DEFAULT_PASSWORD = "lotse-demo"
PASSWORD_ENV = "LOTSE_DEMO_PASSWORD"
PROGRAMME_SLUG = "potsdam"
LOGIN_URL = "http://127.0.0.1:8000/"
EXAMPLE_NOTE = "Beispieldaten"

DEFAULT_PLANNED_START = date(2024, 1, 1)
DEFAULT_PLANNED_END = date(2025, 12, 31)
PUBLISHED_STAGES = {"running", "partly_running"}

SMART_CITY_SOURCE = "Smart City-Strategie Potsdam (Strategieentwurf, Oktober 2023)"
SMART_CITY_DESCRIPTION = (
    "Eines der sechs langfristigen Zielbilder der Smart City-Strategie Potsdam; der "
    "Programmauftrag nennt es nur, ein ausformulierter Zieltext liegt der Demo nicht vor."
)
# Programmauftrag 2.1, wörtlich bis auf den großen Anfangsbuchstaben.
SMART_CITY_GOALS = [
    {"key": "teilhabe", "name": "(Digitale) Teilhabe und Kompetenzbildung"},
    {"key": "klima", "name": "Klimaschutz und Klimaanpassung"},
    {"key": "stadtentwicklung", "name": "Smarte und soziale Stadtentwicklungsplanung"},
    {"key": "verkehrswende", "name": "Integrierte Verkehrswende"},
    {"key": "region", "name": "Regionale Kooperation"},
    {"key": "grundlagen", "name": "Infrastrukturelle und technische Grundlagen"},
]

# Beispieldaten: Beiträge der Smart City-Projekte zu den Zielbildern der Smart City-Strategie
# (project key, goal key, level). "unclear" ist das „?“ der Duisburger Ziel-Matrix.
SMART_CITY_CONTRIBUTIONS = [
    ("klimaschutz", "klima", "contributes"),
    ("verkehrswende", "verkehrswende", "contributes"),
    ("verkehrswende", "klima", "contributes"),
    ("smart-region", "region", "contributes"),
    ("urbane-datenplattform", "grundlagen", "contributes"),
    ("urbane-datenplattform", "klima", "unclear"),
    ("teilhabe", "teilhabe", "contributes"),
    ("quartiersentwicklung", "stadtentwicklung", "contributes"),
    ("quartiersentwicklung", "teilhabe", "unclear"),
]
CONTRIBUTION_NOTES = {
    "contributes": f"{EXAMPLE_NOTE}: plausible Zuordnung, nicht aus dem Programmauftrag.",
    "unclear": (
        f"{EXAMPLE_NOTE}: Beitrag zu klären (das „?“ der Ziel-Matrix), nicht aus dem "
        "Programmauftrag."
    ),
}

# Beispieldaten: Abhängigkeiten (source key, kind, target key, Begründung).
DEPENDENCIES = [
    (
        "beteiligungsportal",
        "needs",
        "relaunch-potsdam-de",
        "die Landing-Page der LHP soll einheitliches Frontend aller Beteiligungsangebote sein "
        "(Projektziel, Programmauftrag 4.3).",
    ),
    (
        "kommunalportal",
        "synergy",
        "task-force-ozg",
        "die Task Force arbeitet in enger Verknüpfung mit OZG-Umsetzung und Kommunalportal "
        "(Programmauftrag 4.3).",
    ),
    (
        "prozessautomatisierung-ki",
        "needs",
        "gpm",
        "Automatisierung setzt modellierte, priorisierte Prozesse voraus.",
    ),
    (
        "dms",
        "synergy",
        "gpm",
        "Prozessmanagement und DMS sind die Grundlagen der digitalen Verwaltungsarbeit "
        "(Programmauftrag 2.1).",
    ),
    (
        "digitalstrategie",
        "needs",
        "it-strategie",
        "die Digitalstrategie baut auf der IT-Strategie auf (Projektziel, Programmauftrag 4.3).",
    ),
    (
        "digitalstrategie",
        "needs",
        "smart-city-strategie",
        "die Digitalstrategie baut auf der Smart City-Strategie auf (Projektziel, "
        "Programmauftrag 4.3).",
    ),
    (
        "datenstrategie",
        "synergy",
        "digitalstrategie",
        "die Datenstrategie wird eng verknüpft mit der Digitalstrategie erarbeitet "
        "(Projektziel, Programmauftrag 4.3).",
    ),
    (
        "urbane-datenplattform",
        "synergy",
        "datenstrategie",
        "die Urbane Datenplattform liefert die Daten, deren Nutzung die Datenstrategie regelt.",
    ),
]

# Beispieldaten: Organisationseinheiten von Projekten, für die der Programmauftrag keine nennt.
# Begründung aus der Haushaltsplanung 2023/24-2027 (Seed 002): FB 99 führt die Haushaltslinien
# „Digitale Partizipationsformate“ und „Social Intranet“, FB 54 „Verwaltungsleistungen online
# (OZG-Umsetzung)“; Relaunch, Beteiligungsportal und Intranet sind laut 2.1 eng verknüpft.
PROJECT_ORG_UNITS = {
    "kommunalportal": "FB 54",
    "task-force-ozg": "FB 54",
    "relaunch-potsdam-de": "FB 99",
    "beteiligungsportal": "FB 99",
    "social-intranet": "FB 99",
    # Beispieldaten ohne Beleg im Programmauftrag: plausible Zuordnungen, damit jedes Projekt
    # eine federführende Organisationseinheit hat (siehe docs/demo.md).
    "smart-city-strategie": "9012",
    "klimaschutz": "9012",
    "quartiersentwicklung": "9012",
    "verkehrswende": "9012",
    "smart-region": "9012",
    "teilhabe": "9012",
    "urbane-datenplattform": "9012",
    "dms": "FB 54",
    "haushalt-rechnung": "FB 54",
    "arbeitswelten": "FB 53",
    "gpm": "501",
    "prozessautomatisierung-ki": "501",
    "it-strategie": "FB 54",
    "digitalstrategie": "9012",
    "datenstrategie": "9012",
}

# Beispielpersonen als Projektleitungen aller übrigen Projekte: frei erfunden, ohne Zugang
# (kein Passwort), im Anzeigenamen als Beispiel gekennzeichnet. (username, first, last)
EXAMPLE_LEADS = [
    ("beispiel-smartcity", "Sina", "Stadtfeld"),
    ("beispiel-ozg", "Oskar", "Onlinger"),
    ("beispiel-arbeit", "Dana", "Digitalis"),
    ("beispiel-prozesse", "Paul", "Prozessner"),
    ("beispiel-strategie", "Stella", "Strategin"),
    ("beispiel-kommunikation", "Kai", "Kommunikus"),
]
EXAMPLE_PERSON = "Beispielperson"
# Project key → username of its lead (projects of `LEAD_PROJECTS` are led by "projektleitung").
PROJECT_LEADS = {
    "task-force-ozg": "beispiel-ozg",
    "smart-city-strategie": "beispiel-smartcity",
    "klimaschutz": "beispiel-smartcity",
    "quartiersentwicklung": "beispiel-smartcity",
    "verkehrswende": "beispiel-smartcity",
    "smart-region": "beispiel-smartcity",
    "teilhabe": "beispiel-smartcity",
    "urbane-datenplattform": "beispiel-smartcity",
    "relaunch-potsdam-de": "beispiel-kommunikation",
    "querschnittsprozesse": "beispiel-arbeit",
    "social-intranet": "beispiel-kommunikation",
    "dms": "beispiel-arbeit",
    "haushalt-rechnung": "beispiel-arbeit",
    "arbeitswelten": "beispiel-arbeit",
    "gpm": "beispiel-prozesse",
    "ou-fb-39": "beispiel-prozesse",
    "oe-fb-53": "beispiel-prozesse",
    "ou-fb-23": "beispiel-prozesse",
    "prozessautomatisierung-ki": "beispiel-prozesse",
    "it-strategie": "beispiel-strategie",
    "digitalstrategie": "beispiel-strategie",
    "datenstrategie": "beispiel-strategie",
}

# Teilprojekte und Teilmaßnahmen, die der Programmauftrag (4.3) unter einem Projekt nennt:
# parent key → [(Titel, Satz aus dem Programmauftrag)].
SUB_PROJECTS = {
    "klimaschutz": [
        ("Bürgernahes Baumkataster", "Teilprojekt laut Programmauftrag 4.3."),
        ("Cooling Points", "Teilprojekt laut Programmauftrag 4.3."),
        ("Stadtklima erlebbar machen", "Teilmaßnahme laut Programmauftrag 4.3."),
    ],
    "teilhabe": [
        ("Beteiligungsatlas", "Im Förderzeitraum geplantes Teilprojekt (Programmauftrag 4.3)."),
        ("Innovationswettbewerb", "Im Förderzeitraum geplantes Teilprojekt (Programmauftrag 4.3)."),
        (
            "Erweiterung des Potsdam Labs",
            "Im Förderzeitraum geplantes Teilprojekt (Programmauftrag 4.3).",
        ),
    ],
    "quartiersentwicklung": [
        ("MiLA-Plattform zum Mieten, Leihen, Ausprobieren", "Teilmaßnahme (Programmauftrag 4.3)."),
        ("Digital-analoger Geschichtspfad", "Teilmaßnahme (Programmauftrag 4.3)."),
        (
            "Soziales Wohnen 2.0",
            "Unterstützt benachteiligte Gruppen bei der Wohnraumsuche (Programmauftrag 4.3).",
        ),
        (
            "Soziales Wohnen bei Unterstützungsbedarf",
            "Soll Menschen mit Beeinträchtigungen ein eigenständiges Leben in den eigenen vier "
            "Wänden leichter möglich machen (Programmauftrag 4.3).",
        ),
        (
            "PaSMo – Partizipatives Stadtteilmodell",
            "Teilprojekt der Phase A, wird weiterentwickelt, um die Einwohnerbeteiligung bei "
            "Stadtentwicklungsmaßnahmen umfangreicher und nutzerfreundlicher zu gestalten "
            "(Programmauftrag 4.3).",
        ),
    ],
    "verkehrswende": [
        (
            "Smarte Mobilitätsdrehscheiben für Potsdams Pendlerströme",
            "Für die Umsetzungsphase geplante Teilmaßnahme (Programmauftrag 4.3).",
        ),
        (
            "Aktionsraum Bahnhof",
            "Für die Umsetzungsphase geplante Teilmaßnahme (Programmauftrag 4.3).",
        ),
    ],
    "smart-region": [
        (
            "Regio.hub",
            "Kommunikations- und Organisationsstruktur für gemeinsame smarte Handlungsfelder und "
            "kooperative Projekte (Programmauftrag 4.3).",
        ),
        (
            "Innovationsmobil",
            "Kernprojekt des Regio.hubs, gemeinsam mit Partnerinnen und Partnern entwickelt, "
            "regional und in Potsdam im Einsatz (Programmauftrag 4.3).",
        ),
    ],
}

CHANGE_MANAGER_UNIT = "GB 9"
LEAD_PROJECTS = ["kommunalportal", "beteiligungsportal"]
MEMBER_PROJECTS = ["kommunalportal"]

# Demo-Personen: frei erfunden. (username, role label, first, last, programme role)
DEMO_USERS = [
    ("auftraggeber", "Auftraggeber/in", "Erika", "Mustermann", "sponsor"),
    ("programmleitung", "Programmverantwortliche/r", "Max", "Mustermann", "programme_manager"),
    ("pmo", "PMO", "Paula", "Planmann", "pmo"),
    ("bcm", "Business Change Manager (GB 9)", "Bernd", "Beispielhaft", "change_manager"),
    (
        "projektleitung",
        "Projektleitung (Kommunalportal, Beteiligungsportal)",
        "Petra",
        "Probelauf",
        None,
    ),
    ("projektteam", "Projektteam (Kommunalportal)", "Tim", "Testmann", None),
    ("lesend", "Lesende/r", "Lea", "Lesebeispiel", "viewer"),
    ("admin", "Administration (is_superuser)", "Ada", "Adminbeispiel", None),
]
ADMIN_USERNAME = "admin"


@dataclass
class Login:
    role: str
    username: str
    password: str
    display_name: str


@dataclass
class LoadResult:
    programme: Programme | None = None
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    logins: list[Login] = field(default_factory=list)

    def note(self, label: str, status: str) -> None:
        getattr(self, status)[label] += 1

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


M = TypeVar("M", bound=models.Model)


def _sync(
    model: type[M], lookup: dict[str, Any], values: dict[str, Any], *, clean: bool = True
) -> tuple[M, str]:
    """Find the row by its natural key or create it. Existing rows are left as they are, so
    what people changed in Lotse survives the next `make run`."""
    obj = model._default_manager.filter(**lookup).order_by("pk").first()
    if obj is not None:
        return obj, "unchanged"
    obj = model(**lookup, **values)
    if clean:
        obj.full_clean(exclude=["version"])
    obj.save()
    return obj, "created"


def _load_goals(result: LoadResult) -> dict[str, StrategicGoal]:
    goals: dict[str, StrategicGoal] = {}
    rows = [
        *((item, item["description"], item["source"]) for item in data.STRATEGIC_GOALS),
        *((item, SMART_CITY_DESCRIPTION, SMART_CITY_SOURCE) for item in SMART_CITY_GOALS),
    ]
    for order, (item, description, source) in enumerate(rows, start=1):
        goal, status = _sync(
            StrategicGoal,
            {"name": item["name"]},
            {"description": description, "source": source, "order": order},
        )
        result.note("StrategicGoal", status)
        goals[item["key"]] = goal
    return goals


def _load_programme(result: LoadResult, goals: dict[str, StrategicGoal]) -> Programme:
    programme, status = _sync(
        Programme,
        {"slug": PROGRAMME_SLUG},
        {
            "name": data.PROGRAMME["name"],
            "short_name": data.PROGRAMME["short_name"],
            "description": data.PROGRAMME["description"],
            "start_date": data.PROGRAMME["start"],
            "end_date": data.PROGRAMME["end"],
            # Potsdam lies in Brandenburg: meetings skip its public holidays from the start.
            "holiday_region": "BB",
            "meeting_blackout": "24.12.–01.01.",
        },
    )
    result.note("Programme", status)
    linked = set(programme.strategic_goals.values_list("pk", flat=True))
    missing = [goal for goal in goals.values() if goal.pk not in linked]
    if missing:
        # Only add what is missing: every m2m change writes a programme history record.
        programme.strategic_goals.add(*missing)
        result.note("Programme.strategic_goals", "created")
    return programme


def _load_org_units(result: LoadResult) -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for item in data.ORG_UNITS:
        parent = units[item["parent"]] if item["parent"] else None
        unit, status = _sync(
            OrgUnit,
            {"code": item["code"]},
            {"name": item["name"], "kind": item["kind"], "parent": parent},
        )
        result.note("OrgUnit", status)
        units[item["code"]] = unit
    return units


def _load_fields(result: LoadResult, programme: Programme) -> dict[str, FieldOfAction]:
    fields: dict[str, FieldOfAction] = {}
    for item in data.FIELDS_OF_ACTION:
        field_of_action, status = _sync(
            FieldOfAction,
            {"programme": programme, "name": item["name"]},
            {
                "order": item["order"],
                "impact": item["impact"],
                "target_state": item["target_state"],
                "summary": item["summary"],
                "target_date": item["target_date"],
            },
        )
        result.note("FieldOfAction", status)
        fields[item["key"]] = field_of_action
    return fields


def _under(unit: OrgUnit | None, code: str) -> bool:
    while unit is not None:
        if unit.code == code:
            return True
        unit = unit.parent
    return False


def _load_projects(
    result: LoadResult,
    programme: Programme,
    fields: dict[str, FieldOfAction],
    units: dict[str, OrgUnit],
    users: dict,
) -> dict[str, Project]:
    projects: dict[str, Project] = {}
    for item in data.PROJECTS:
        unit_code = item.get("org_unit") or PROJECT_ORG_UNITS.get(item["key"])
        unit = units[unit_code] if unit_code else None
        values = {
            "field_of_action": fields[item["field"]],
            "short_name": item["short_name"],
            "org_unit": unit,
            "stage": item["stage"],
            "kind": item["kind"],
            "method": item["method"],
            "description": item["description"],
            "goals": "\n".join(item["goals"]),
            "planned_start": item.get("planned_start", DEFAULT_PLANNED_START),
            "planned_end": item.get("planned_end", DEFAULT_PLANNED_END),
            "published": item["stage"] in PUBLISHED_STAGES,
        }
        # lead and change manager are only set where the demo assigns someone, so people
        # assigned later in the UI are left alone.
        if item["key"] in LEAD_PROJECTS:
            values["lead"] = users["projektleitung"]
        elif item["key"] in PROJECT_LEADS:
            values["lead"] = users[PROJECT_LEADS[item["key"]]]
        if _under(unit, CHANGE_MANAGER_UNIT):
            values["change_manager"] = users["bcm"]
        project, status = _sync(Project, {"programme": programme, "title": item["title"]}, values)
        result.note("Project", status)
        projects[item["key"]] = project
    _load_sub_projects(result, programme, projects)
    return projects


def _load_sub_projects(result: LoadResult, programme: Programme, projects: dict) -> None:
    """The Teilprojekte the Programmauftrag names, under their project, with its field, unit,
    lead, stage and dates. Keys are "<parent key>/<n>"."""
    for parent_key, children in SUB_PROJECTS.items():
        parent = projects[parent_key]
        for number, (title, description) in enumerate(children, start=1):
            child, status = _sync(
                Project,
                {"programme": programme, "title": title},
                {
                    "parent": parent,
                    "field_of_action": parent.field_of_action,
                    "org_unit": parent.org_unit,
                    "lead": parent.lead,
                    "change_manager": parent.change_manager,
                    "stage": parent.stage,
                    "kind": parent.kind,
                    "method": parent.method,
                    "description": description,
                    "goals": description,
                    "planned_start": parent.planned_start,
                    "planned_end": parent.planned_end,
                    "published": parent.published,
                },
            )
            result.note("Project", status)
            projects[f"{parent_key}/{number}"] = child


def _load_contributions(
    result: LoadResult, goals: dict[str, StrategicGoal], projects: dict[str, Project]
) -> None:
    # Programmauftrag 3.2: projects that do not pay into the goal are not steered.
    main_goal = goals[data.PROGRAMME["strategic_goal"]]
    rows = [(projects[item["key"]], main_goal, "contributes", "") for item in data.PROJECTS]
    rows += [
        (projects[project_key], goals[goal_key], level, CONTRIBUTION_NOTES[level])
        for project_key, goal_key, level in SMART_CITY_CONTRIBUTIONS
    ]
    for project, goal, level, note in rows:
        _obj, status = _sync(
            GoalContribution,
            {"project": project, "strategic_goal": goal},
            {"level": level, "note": note},
        )
        result.note("GoalContribution", status)


def _load_dependencies(result: LoadResult, projects: dict[str, Project]) -> None:
    for source_key, kind, target_key, reason in DEPENDENCIES:
        _obj, status = _sync(
            Dependency,
            {"source": projects[source_key], "target": projects[target_key], "kind": kind},
            {"note": f"{EXAMPLE_NOTE}: {reason[0].upper()}{reason[1:]}"},
        )
        result.note("Dependency", status)


def _load_example_leads(result: LoadResult, users: dict) -> None:
    """Example people who lead the other projects: no login, marked in their name."""
    user_model = get_user_model()
    for username, first_name, last_name in EXAMPLE_LEADS:
        user, status = _sync(
            user_model,
            {"username": username},
            {
                "first_name": first_name,
                "last_name": last_name,
                "display_name": f"{first_name} {last_name} ({EXAMPLE_PERSON})",
                "email": f"{username}@example.org",
                "is_active": True,
            },
            clean=False,
        )
        if status == "created":
            user.set_unusable_password()
            user.save(update_fields=["password"])
        result.note("User", status)
        users[username] = user


def _load_users(result: LoadResult, password: str) -> dict:
    user_model = get_user_model()
    users = {}
    for username, role_label, first_name, last_name, _role in DEMO_USERS:
        is_admin = username == ADMIN_USERNAME
        user, status = _sync(
            user_model,
            {"username": username},
            {
                "first_name": first_name,
                "last_name": last_name,
                "display_name": f"{first_name} {last_name}",
                "email": f"{username}@example.org",
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
            clean=False,  # a new user has no password yet; it is set right below
        )
        if not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
            if status == "unchanged":
                status = "updated"
        result.note("User", status)
        users[username] = user
        result.logins.append(Login(role_label, username, password, user.display_name))
    return users


def _load_roles(
    result: LoadResult,
    programme: Programme,
    units: dict[str, OrgUnit],
    users: dict,
    projects: dict[str, Project],
) -> None:
    for username, _label, _first, _last, role in DEMO_USERS:
        if role is None:
            continue
        org_unit = units[CHANGE_MANAGER_UNIT] if role == "change_manager" else None
        existed = ProgrammeRole.objects.filter(
            user=users[username], programme=programme, role=role, org_unit=org_unit
        ).exists()
        programme_role_grant(
            user=users[username], programme=programme, role=role, org_unit=org_unit
        )
        result.note("ProgrammeRole", "unchanged" if existed else "created")
    # project_lead comes from Project.lead (lotse.accounts.roles); only the team needs a row.
    for key in MEMBER_PROJECTS:
        existed = ProjectRole.objects.filter(
            user=users["projektteam"], project=projects[key], role=ProjectRole.Role.MEMBER
        ).exists()
        project_role_grant(
            user=users["projektteam"], project=projects[key], role=ProjectRole.Role.MEMBER
        )
        result.note("ProjectRole", "unchanged" if existed else "created")


@transaction.atomic
def load_potsdam(*, password: str, today: date | None = None) -> LoadResult:
    """Create or bring up to date the Potsdam demo programme, its users and their roles.

    Everything is recorded in the history with the moment it belongs to: the seed's data on
    the programme's start, the term's extensions on the Strategie-BK's days, reports on
    their due dates (see docs/demo.md). `today` is the day the demo lives in (default: today).
    """
    if not password:
        raise ValueError("The demo password must not be empty.")
    today = today or timezone.localdate()
    result = LoadResult()
    founded = start_of(data.PROGRAMME["start"])
    with valid_from(founded, strict=False):
        goals = _load_goals(result)
        programme = _load_programme(result, goals)
        result.programme = programme
        units = _load_org_units(result)
        fields = _load_fields(result, programme)
        users = _load_users(result, password)
        _load_example_leads(result, users)
        projects = _load_projects(result, programme, fields, units, users)
        _load_contributions(result, goals, projects)
        _load_dependencies(result, projects)
        _load_roles(result, programme, units, users, projects)
        # The Gremien of the Programmauftrag exist from the start.
        series = load_governance_series(programme=programme, users=users, today=today)
    extended = record_term_extensions(
        programme=programme,
        series=series["Strategie-BK"],
        seed_end=data.PROGRAMME["end"],
        users=users,
        today=today,
    )
    for label, count in extended.items():
        result.created[label] += count
    programme.refresh_from_db()
    for project in projects.values():
        project.refresh_from_db()
    reporting = load_reporting_demo(
        programme=programme, projects=projects, users=users, today=today
    )
    for label, count in reporting.items():
        result.created[label] += count
    # Each app's example data, in dependency order (boards link key results, governance
    # puts action items on the PMO board). Each loader is create-only and returns counts;
    # each is recorded as of the moment given here (the loaders date finer steps themselves).
    recent = at(today - timedelta(days=14), 9)
    for load, moment in [
        (load_finance_demo, None),
        (load_okr_demo, None),
        (load_ozg_demo, None),
        (load_boards_demo, recent),
        (load_governance_demo, at(today - timedelta(days=PAST_DAYS + 2), 9)),
        (load_public_demo, start_of(today)),
        (load_ideas_demo, None),
        (load_planning_demo, None),
        (load_roadmap_demo, None),
    ]:
        with valid_from(moment, strict=False) if moment else nullcontext():
            created = load(programme=programme, projects=projects, users=users, today=today)
        for label, count in created.items():
            result.created[label] += count
    return result
