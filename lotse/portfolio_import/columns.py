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

SHEETS: dict[str, list[Column]] = {
    PROJECTS: [
        Column("title", "Titel", True, "Digitale Bauakte"),
        Column("field", "Themenfeld", True, "Digitale Verwaltung"),
        Column("stage", "Phase", False, "In Umsetzung"),
        Column("kind", "Art", False, "Infrastruktur"),
        Column("lead", "Projektleitung", False, "Erika Mustermann"),
        Column("org_unit", "Organisationseinheit", False, "Fachbereich Bauen"),
        Column("planned_start", "Beginn", False, "01.03.2024"),
        Column("planned_end", "Ende", False, "31.12.2026"),
        Column("goals", "Ziele", False, "Bauanträge vollständig digital"),
        Column("description", "Beschreibung", False, "Einführung der E-Akte im Bauamt"),
        Column("published", "Veröffentlicht", False, "ja"),
    ],
    MILESTONES: [
        Column("project", "Projekt", True, "Digitale Bauakte"),
        Column("title", "Meilenstein", True, "Pilotbetrieb"),
        Column("planned_date", "Geplant am", True, "30.06.2024"),
        Column("forecast_date", "Prognose", False, ""),
        Column("actual_date", "Erreicht am", False, "15.07.2024"),
    ],
    RISKS: [
        Column("project", "Projekt", True, "Digitale Bauakte"),
        Column("title", "Risiko", True, "Schnittstelle zum Fachverfahren fehlt"),
        Column("probability", "Wahrscheinlichkeit (1–4)", True, "2"),
        Column("impact", "Auswirkung (1–4)", True, "3"),
        Column("owner", "Verantwortlich", False, "IT-Dienstleister"),
        Column("mitigation", "Gegenmaßnahmen", False, "Frühzeitige Abstimmung"),
        Column("status", "Status", False, "offen"),
    ],
    REPORTS: [
        Column("project", "Projekt", True, "Digitale Bauakte"),
        Column("date", "Berichtsdatum", True, "31.03.2024"),
        Column("overall", "Gesamtstatus", True, "gelb"),
        Column("overall_note", "Erläuterung Gesamtstatus", False, "Verzug bei der Schnittstelle"),
        Column("schedule", "Termine", False, "gelb"),
        Column("schedule_note", "Erläuterung Termine", False, "Pilot vier Wochen später"),
        Column("budget", "Budget", False, "grün"),
        Column("budget_note", "Erläuterung Budget", False, ""),
        Column("summary", "Wo steht das Projekt?", False, "Pilot vorbereitet"),
        Column("achievements", "Erreicht", False, "Ausschreibung abgeschlossen"),
        Column("next_steps", "Nächste Schritte", False, "Pilotbetrieb starten"),
    ],
}
