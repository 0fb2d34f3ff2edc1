"""The skeleton of the Konstanz demo programme "Digitale Agenda Konstanz" (seed 003):
programme, its strategic aims (1.3), its Handlungsfelder (1.4, "Verwaltung" inward) and the
project "Erarbeitung der Digitalen Agenda". Idempotent and create-only: every app that adds
Konstanz data (ideas, finance, planning) calls `ensure_konstanz` first and gets the same
programme; nothing is overwritten that someone changed later."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.services import programme_role_grant
from lotse.history import start_of
from lotse.history import valid_from
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal
from lotse.portfolio.signals import programme_created

SLUG = "konstanz"
NAME = "Digitale Agenda Konstanz"
SOURCE = "Strategiepapier „Erarbeitung der Digitalen Agenda der Stadt Konstanz“ (Nov. 2019)"

# 1.3 Zielsetzung, verbatim.
AIMS = [
    "Langfristige strategische Steuerung des Veränderungsprozesses hin zur Etablierung der Stadt Konstanz als „Digitale Stadt“.",
    "Optimale Nutzung neuer Technologien zur Erreichung der Ziele im Klimaschutz.",
    "Stärkung der wachstumsstarken IKT-Branche bei gleichzeitiger Wahrung der gesellschaftlichen Fairness.",
    "Partizipation und Einbindung der KonstanzerInnen bei der voranschreitenden Digitalisierung der städtischen Serviceleistungen.",
    "Nutzung enormer Chancen für die digitale Stadtverwaltung.",
    "Auf- und Ausbau modernster Infrastruktur bei gleichzeitiger Wahrung von Sicherheit, Vertrauen und Schutz.",
]

# 1.4 Mögliche Handlungsfelder, verbatim; "Verwaltung" wirkt nach innen.
FIELDS = [
    "Digitale Infrastruktur",
    "Wirtschaft",
    "Verwaltung",
    "Mobilität",
    "Nachbarschaft",
    "Gesundheit",
    "Bildung",
    "Kultur & Freizeit",
    "Umwelt & Energie",
    "Tourismus",
]
INWARD = {"Verwaltung"}
VERWALTUNG_TEXT = (
    "Das Handlungsfeld Verwaltung ist im Schwerpunkt nach innen gerichtet und beschäftigt "
    "sich mit der öffentlichen Verwaltung. Mit der E-Government Roadmap aus dem Jahr 2016 hat "
    "die Stadt Konstanz bereits ein Maßnahmenportfolio erarbeitet."
)

PROJECT_TITLE = "Erarbeitung der Digitalen Agenda"
PROJECT_DESCRIPTION = (
    "Das Projektziel lautet: Erarbeitung einer gesamtstädtischen Digitalen Agenda bis "
    "spätestens 12/2021. Drei Projektphasen: Vorprojektphase, Projektphase 1 (nach innen "
    "gerichtet), Projektphase 2 (Aktivierung und Beteiligung der Stadtgesellschaft: "
    "Online-Ideensammlung, 2-3 Workshops, Scoring-Verfahren, Leitprojekte)."
)

# Demo users (from the Potsdam demo) and their roles in Konstanz — Beispieldaten.
ROLES = [
    ("programmleitung", "programme_manager"),
    ("pmo", "pmo"),
    ("bcm", "change_manager"),
    ("auftraggeber", "sponsor"),
    ("lesend", "viewer"),
]


START = date(2019, 11, 1)


@transaction.atomic
def ensure_konstanz(*, users: dict | None = None) -> Programme:
    """The Konstanz programme's skeleton, recorded as of the programme's start (so its
    history reaches back as far as the data that belongs to it)."""
    with valid_from(start_of(START), strict=False):
        return _ensure_konstanz(users=users)


def _ensure_konstanz(*, users: dict | None = None) -> Programme:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is None:
        programme = Programme.objects.create(
            slug=SLUG,
            name=NAME,
            short_name="Konstanz",
            description=(
                "Konstanz wird die digitale Transformation strategisch angehen und den "
                "Herausforderungen von morgen mit Dynamik und Innovationskraft begegnen. "
                f"Quelle: {SOURCE}."
            ),
            start_date=START,
            end_date=date(2021, 12, 31),
            holiday_region="BW",  # Konstanz: the holidays of Baden-Württemberg
        )
        programme_created.send(sender=Programme, programme=programme, today=timezone.localdate())
    if not programme.strategic_goals.exists():
        for order, text in enumerate(AIMS):
            goal, _created = StrategicGoal.objects.get_or_create(
                name=text[:200], defaults={"source": SOURCE, "order": 100 + order}
            )
            programme.strategic_goals.add(goal)
    if not FieldOfAction.objects.filter(programme=programme).exists():
        for order, name in enumerate(FIELDS):
            FieldOfAction.objects.create(
                programme=programme,
                name=name,
                order=order,
                impact="inward" if name in INWARD else "outward",
                target_state=VERWALTUNG_TEXT if name in INWARD else "",
            )
    if not Project.objects.filter(programme=programme, title=PROJECT_TITLE).exists():
        Project.objects.create(
            programme=programme,
            field_of_action=FieldOfAction.objects.get(programme=programme, name="Verwaltung"),
            title=PROJECT_TITLE,
            description=PROJECT_DESCRIPTION,
            stage="running",
            planned_start=date(2019, 11, 1),
            planned_end=date(2021, 12, 31),
        )
    for username, role in ROLES:
        user = (users or {}).get(username)
        if user is None:
            continue
        unit: OrgUnit | None = None
        if role == ProgrammeRole.Role.CHANGE_MANAGER:
            # The demo's BCM looks after the same Geschäftsbereich as in Potsdam.
            held = ProgrammeRole.objects.filter(user=user, role=role, org_unit__isnull=False)
            unit_id = held.values_list("org_unit", flat=True).first()
            if unit_id is None:
                continue
            unit = OrgUnit.objects.get(pk=unit_id)
        programme_role_grant(user=user, programme=programme, role=role, org_unit=unit)
    return programme
