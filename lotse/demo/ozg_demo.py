"""The OZG catalogue of the Potsdam demo (seed 000 §2.1): example services, clearly marked.

The seed says only that the city offers 303 OZG services, spread over more than 20 org units,
at least at maturity level 1, and that the Kommunalportal is to raise them to level 3. The
services below are frequently used municipal services chosen as examples (Beispieldaten);
their levels, dates and org units are invented. Each starts at level 1 on the programme's
first day and is raised step by step, recorded in the history on the day it happened, so the
overview's distribution over time and the key result "20 OZG-Leistungen im Reifegrad 3" of
the Kommunalportal have a past. Create-only and idempotent: a service is recognised by its
name, the objective by project, quarter and title.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from lotse.history import backdate
from lotse.history import valid_from
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.okr.ozg_source import catalogue_value
from lotse.okr.ozg_source import sync_key_result
from lotse.okr.selectors import quarter_of_day
from lotse.ozg import services
from lotse.ozg.models import CatalogueSettings
from lotse.ozg.models import PublicService
from lotse.ozg.selectors import count_at_least
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .okr_demo import moment
from .okr_demo import objective_new
from .okr_demo import opened

EXAMPLE = "Beispieldaten"
SEED_COUNT = 303
NOTE = (
    f"{EXAMPLE}: Laut Programmauftrag bietet die Landeshauptstadt {SEED_COUNT} OZG-Leistungen "
    "aus mehr als 20 Organisationseinheiten mindestens im Reifegrad 1 an; über das "
    "Kommunalportal sollen sie Reifegrad 3 erreichen. Die Leistungen hier sind frei gewählte "
    "Beispiele, ihre Reifegrade, Termine und Zuständigkeiten sind erfunden."
)
# (name, OZG-Themenfeld, Leistungsbündel, org unit code, channel, project key)
SERVICES: list[tuple[str, str, str, str, str, str]] = [
    (
        "Wohnsitz anmelden",
        "Ein- & Auswanderung",
        "Melderecht",
        "GB 3",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Wohnsitz abmelden",
        "Ein- & Auswanderung",
        "Melderecht",
        "GB 3",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Meldebescheinigung beantragen",
        "Ein- & Auswanderung",
        "Melderecht",
        "GB 3",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Personalausweis beantragen",
        "Ein- & Auswanderung",
        "Ausweise",
        "GB 3",
        "own",
        "task-force-ozg",
    ),
    ("Reisepass beantragen", "Ein- & Auswanderung", "Ausweise", "GB 3", "own", "task-force-ozg"),
    (
        "Führungszeugnis beantragen",
        "Recht & Ordnung",
        "Führungszeugnis",
        "GB 3",
        "landesportal",
        "task-force-ozg",
    ),
    (
        "Hund anmelden (Hundesteuer)",
        "Steuern & Zoll",
        "Kommunale Steuern",
        "GB 5",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Zweitwohnungsteuer erklären",
        "Steuern & Zoll",
        "Kommunale Steuern",
        "GB 5",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Gewerbe anmelden",
        "Unternehmensführung & -entwicklung",
        "Gewerbe",
        "GB 3",
        "landesportal",
        "kommunalportal",
    ),
    (
        "Gewerbe ummelden",
        "Unternehmensführung & -entwicklung",
        "Gewerbe",
        "GB 3",
        "landesportal",
        "kommunalportal",
    ),
    (
        "Gewerbe abmelden",
        "Unternehmensführung & -entwicklung",
        "Gewerbe",
        "GB 3",
        "landesportal",
        "kommunalportal",
    ),
    (
        "Sondernutzung öffentlicher Straßen beantragen",
        "Mobilität & Reisen",
        "Straßennutzung",
        "GB 5",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Bewohnerparkausweis beantragen",
        "Mobilität & Reisen",
        "Parken",
        "GB 3",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Schwerbehindertenparkausweis beantragen",
        "Mobilität & Reisen",
        "Parken",
        "FB 39",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Elterngeld beantragen",
        "Familie & Kind",
        "Leistungen für Familien",
        "FB 23",
        "landesportal",
        "kommunalportal",
    ),
    (
        "Kita-Platz anmelden",
        "Familie & Kind",
        "Kinderbetreuung",
        "FB 23",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Unterhaltsvorschuss beantragen",
        "Familie & Kind",
        "Leistungen für Familien",
        "FB 23",
        "landesportal",
        "kommunalportal",
    ),
    (
        "Beistandschaft beantragen",
        "Familie & Kind",
        "Beratung",
        "FB 23",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Schülerbeförderung beantragen",
        "Bildung",
        "Schule",
        "GB 2",
        "kommunalportal",
        "kommunalportal",
    ),
    ("Ferienbetreuung anmelden", "Bildung", "Schule", "GB 2", "kommunalportal", "kommunalportal"),
    (
        "Wohngeld beantragen",
        "Bauen & Wohnen",
        "Wohngeld",
        "FB 39",
        "landesportal",
        "kommunalportal",
    ),
    (
        "Wohnberechtigungsschein beantragen",
        "Bauen & Wohnen",
        "Wohnen",
        "FB 39",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Hilfe zum Lebensunterhalt beantragen",
        "Arbeit & Ruhestand",
        "Sozialhilfe",
        "FB 39",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Grundsicherung im Alter beantragen",
        "Arbeit & Ruhestand",
        "Sozialhilfe",
        "FB 39",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Bildung und Teilhabe beantragen",
        "Familie & Kind",
        "Leistungen für Familien",
        "FB 39",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Fundsache melden",
        "Recht & Ordnung",
        "Fundsachen",
        "GB 3",
        "kommunalportal",
        "task-force-ozg",
    ),
    (
        "Mängel im Stadtgebiet melden",
        "Engagement & Hobby",
        "Bürgerhinweise",
        "FB 99",
        "own",
        "task-force-ozg",
    ),
    (
        "Veranstaltung anzeigen",
        "Engagement & Hobby",
        "Veranstaltungen",
        "GB 3",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Fischereischein beantragen",
        "Engagement & Hobby",
        "Fischerei",
        "GB 3",
        "landesportal",
        "task-force-ozg",
    ),
    ("Baumfällung beantragen", "Umwelt", "Baumschutz", "GB 5", "kommunalportal", "kommunalportal"),
    ("Sperrmüll anmelden", "Umwelt", "Abfall", "GB 5", "own", "task-force-ozg"),
    (
        "Akteneinsicht beantragen",
        "Querschnittsleistungen",
        "Informationszugang",
        "GB 9",
        "kommunalportal",
        "kommunalportal",
    ),
    (
        "Beglaubigung beantragen",
        "Querschnittsleistungen",
        "Beglaubigungen",
        "GB 3",
        "none",
        "task-force-ozg",
    ),
    (
        "Termin im Bürgerservice buchen",
        "Querschnittsleistungen",
        "Terminvergabe",
        "GB 3",
        "own",
        "task-force-ozg",
    ),
    (
        "Bewerbung auf Stellenangebote",
        "Arbeit & Ruhestand",
        "Personalgewinnung",
        "FB 53",
        "own",
        "kommunalportal",
    ),
    (
        "Praktikum bei der Stadtverwaltung beantragen",
        "Arbeit & Ruhestand",
        "Personalgewinnung",
        "FB 53",
        "own",
        "kommunalportal",
    ),
]
TARGET_LEVEL = 3
KR_LEVEL = 3
KR_TARGET = 20
OBJECTIVE_TITLE = "OZG-Leistungen erreichen über das Kommunalportal Reifegrad 3"
KR_TITLE = f"{KR_TARGET} OZG-Leistungen im Reifegrad {KR_LEVEL}"


def _steps(index: int, start: date, today: date) -> list[tuple[date, int]]:
    """When the example service reached levels 2 and 3: spread over the years since the
    programme began, the portal's services earlier than the others; some stay below."""
    span = max((today - start).days, 1)
    level_two = 0.12 + (index * 7 % 11) / 16
    steps = [(start + timedelta(days=int(span * level_two)), 2)]
    if index % 4 != 3:
        level_three = level_two + 0.15 + (index * 5 % 7) / 25
        if level_three < 1:
            steps.append((start + timedelta(days=int(span * level_three)), 3))
    return [(day, level) for day, level in steps if day <= today]


def _services(
    programme: Programme, projects: dict[str, Project], today: date, counter: Counter[str]
) -> None:
    start = programme.start_date or date(2024, 1, 1)
    units = {u.code: u for u in OrgUnit.objects.all()}
    existing = set(PublicService.objects.filter(programme=programme).values_list("name", flat=True))
    target_date = date(max(today.year, 2026), 12, 31)
    for index, (name, field, bundle, unit, channel, project_key) in enumerate(SERVICES):
        if name in existing:
            continue
        project = projects.get(project_key)
        with valid_from(moment(start), strict=False):
            service = services.public_service_create(
                programme=programme,
                data={
                    "name": name,
                    "ozg_field": field,
                    "bundle": bundle,
                    "org_unit": units.get(unit),
                    "maturity": 1,
                    "target_level": TARGET_LEVEL,
                    "target_date": target_date,
                    "channel": "none",
                    "projects": [project] if project is not None else [],
                    "note": EXAMPLE,
                },
                notify=False,
            )
        counter["OZG-Leistung"] += 1
        for day, level in _steps(index, start, today):
            with valid_from(moment(day), strict=False):
                services.public_service_update(
                    service=service,
                    data={"maturity": level, "channel": channel if level >= 2 else "none"},
                    expected_version=None,
                    notify=False,
                )


def _key_result(
    programme: Programme, projects: dict[str, Project], today: date, counter: Counter[str]
) -> None:
    """The Kommunalportal's maturity goal of the current quarter, reading the catalogue."""
    project = projects.get("kommunalportal")
    year, number = quarter_of_day(today)
    quarter = Quarter.objects.filter(programme=programme, year=year, number=number).first()
    if project is None or quarter is None:
        return
    objective = objective_new(
        project,
        quarter,
        OBJECTIVE_TITLE,
        description=f"{EXAMPLE}: Der Wert des Key Results kommt aus dem OZG-Katalog.",
        target_group="citizens",
        commitment=Objective.Commitment.COMMITTED,
        order=9,
    )
    if objective is None:
        return
    with valid_from(opened(quarter), strict=False):
        key_result = KeyResult.objects.create(
            objective=objective,
            title=KR_TITLE,
            description=EXAMPLE,
            owner=project.lead,
            kind=KeyResult.Kind.INCREASE_TO,
            unit=KeyResult.Unit.NUMBER,
            start_value=catalogue_value_at(programme, quarter.start),
            target_value=Decimal(KR_TARGET),
            source=KeyResult.Source.OZG,
            ozg_level=KR_LEVEL,
        )
    counter["Objective"] += 1
    counter["Key Result"] += 1
    last: Decimal | None = None
    for day in (quarter.start + timedelta(days=d) for d in (10, 25, 45)):
        if day > today:
            break
        value = catalogue_value(key_result, moment(day))
        if value is None or value == last:
            continue
        with valid_from(moment(day), strict=False):
            check_in = CheckIn.objects.create(
                key_result=key_result,
                value=value,
                confidence=7,
                comment=f"Aus dem OZG-Leistungskatalog übernommen ({EXAMPLE}).",
                source=CheckIn.Source.OZG,
            )
        backdate(check_in, created_at=moment(day))
        last = value
        counter["Check-in"] += 1
    if sync_key_result(key_result) is not None:
        counter["Check-in"] += 1


def catalogue_value_at(programme: Programme, day: date) -> Decimal:
    return Decimal(count_at_least(programme.pk, KR_LEVEL, moment(day)))


@transaction.atomic
def load_ozg_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict[str, Any], today: date
) -> dict[str, int]:
    counter: Counter[str] = Counter()
    _settings, created = CatalogueSettings.objects.get_or_create(
        programme=programme, defaults={"note": NOTE, "publish": True}
    )
    counter["OZG-Katalogeinstellung"] += int(created)
    _services(programme, projects, today, counter)
    _key_result(programme, projects, today, counter)
    return dict(counter)
