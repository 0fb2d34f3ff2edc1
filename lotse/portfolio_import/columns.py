"""The four sheets of a portfolio import and their columns, as the templates show them.

A column is found by its heading (case and surrounding spaces do not matter); columns the
import does not know are ignored, so a city may keep its own notes beside them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool = False
    example: str = ""


PROJECTS = "Projekte"
MILESTONES = "Meilensteine"
RISKS = "Risiken"
REPORTS = "Statusberichte"


def _sheet(
    *, required: list[tuple[str, str, str]], optional: list[tuple[str, str, str]]
) -> list[Column]:
    """A sheet's columns from (key, heading, example) rows: the required ones first."""
    return [Column(key, heading, True, example) for key, heading, example in required] + [
        Column(key, heading, False, example) for key, heading, example in optional
    ]


SHEETS: dict[str, list[Column]] = {
    PROJECTS: _sheet(
        required=[
            ("title", "Titel", "Digitale Bauakte"),
            ("field", "Themenfeld", "Digitale Verwaltung"),
        ],
        optional=[
            ("stage", "Phase", "In Umsetzung"),
            ("kind", "Art", "Infrastruktur"),
            ("lead", "Projektleitung", "Erika Mustermann"),
            ("org_unit", "Organisationseinheit", "Fachbereich Bauen"),
            ("planned_start", "Beginn", "01.03.2024"),
            ("planned_end", "Ende", "31.12.2026"),
            ("goals", "Ziele", "Bauanträge vollständig digital"),
            ("description", "Beschreibung", "Einführung der E-Akte im Bauamt"),
            ("published", "Veröffentlicht", "ja"),
        ],
    ),
    MILESTONES: _sheet(
        required=[
            ("project", "Projekt", "Digitale Bauakte"),
            ("title", "Meilenstein", "Pilotbetrieb"),
            ("planned_date", "Geplant am", "30.06.2024"),
        ],
        optional=[
            ("forecast_date", "Prognose", ""),
            ("actual_date", "Erreicht am", "15.07.2024"),
        ],
    ),
    RISKS: _sheet(
        required=[
            ("project", "Projekt", "Digitale Bauakte"),
            ("title", "Risiko", "Schnittstelle zum Fachverfahren fehlt"),
            ("probability", "Wahrscheinlichkeit (1–4)", "2"),
            ("impact", "Auswirkung (1–4)", "3"),
        ],
        optional=[
            ("owner", "Verantwortlich", "IT-Dienstleister"),
            ("mitigation", "Gegenmaßnahmen", "Frühzeitige Abstimmung"),
            ("status", "Status", "offen"),
        ],
    ),
    REPORTS: _sheet(
        required=[
            ("project", "Projekt", "Digitale Bauakte"),
            ("date", "Berichtsdatum", "31.03.2024"),
            ("overall", "Gesamtstatus", "gelb"),
        ],
        optional=[
            ("overall_note", "Erläuterung Gesamtstatus", "Verzug bei der Schnittstelle"),
            ("schedule", "Termine", "gelb"),
            ("schedule_note", "Erläuterung Termine", "Pilot vier Wochen später"),
            ("budget", "Budget", "grün"),
            ("budget_note", "Erläuterung Budget", ""),
            ("summary", "Wo steht das Projekt?", "Pilot vorbereitet"),
            ("achievements", "Erreicht", "Ausschreibung abgeschlossen"),
            ("next_steps", "Nächste Schritte", "Pilotbetrieb starten"),
        ],
    ),
}
