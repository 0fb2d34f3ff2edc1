"""The default criteria of the scoring procedure, taken from the seeds: value for citizens and
staff and the contribution to the field's target state (seed 000 §2.2, §6.3: prioritise "nach
dem Mehrwert für die Nutzerinnen und Nutzer und dem Aufwand der Einführung"; seed 003 §2.1:
Leitprojekte "zählen auf die … Ziele der einzelnen Handlungsfelder ein"), legal duty and
urgency (OZG), and on the effort side effort, cost, risk and feasibility.

These are German data, not UI strings: a programme edits them as it likes."""

LEVELS_0_5 = "\n".join(
    [
        "0 – kein",
        "1 – sehr gering",
        "2 – gering",
        "3 – mittel",
        "4 – hoch",
        "5 – sehr hoch",
    ]
)

DEFAULT_CRITERIA: list[dict] = [
    {
        "name": "Nutzen für Bürgerinnen und Bürger",
        "description": (
            "Wie sehr erleichtert die Idee Bürgerinnen, Bürgern und Unternehmen den "
            "Alltag oder den Kontakt mit der Verwaltung?"
        ),
        "weight": 3,
        "direction": "benefit",
        "axis": "value",
    },
    {
        "name": "Nutzen für Mitarbeitende",
        "description": (
            "Wie sehr entlastet die Idee die Mitarbeitenden, vereinfacht oder "
            "automatisiert sie Routineaufgaben?"
        ),
        "weight": 2,
        "direction": "benefit",
        "axis": "value",
    },
    {
        "name": "Beitrag zum Zielzustand des Themenfelds",
        "description": "Wie stark zahlt die Idee auf den Zielzustand ihres Themenfelds ein?",
        "weight": 3,
        "direction": "benefit",
        "axis": "value",
    },
    {
        "name": "rechtliche Pflicht / Dringlichkeit (OZG)",
        "description": (
            "Besteht eine rechtliche Pflicht (z. B. Onlinezugangsgesetz) oder eine Frist?"
        ),
        "weight": 2,
        "direction": "benefit",
        "axis": "value",
    },
    {
        "name": "Aufwand",
        "description": (
            "Personeller Aufwand der Einführung in Personentagen, verglichen mit anderen Vorhaben."
        ),
        "weight": 2,
        "direction": "cost",
        "axis": "effort",
    },
    {
        "name": "Kosten",
        "description": "Einmalige und laufende Kosten (Aufwand und Investitionen).",
        "weight": 2,
        "direction": "cost",
        "axis": "effort",
    },
    {
        "name": "Risiko",
        "description": "Technische, rechtliche und organisatorische Risiken der Umsetzung.",
        "weight": 1,
        "direction": "cost",
        "axis": "effort",
    },
    {
        "name": "Umsetzbarkeit",
        "description": (
            "Wie gut lässt sich die Idee mit vorhandener Technik, Standards und "
            "Partnern umsetzen? Hoch heißt: leicht."
        ),
        "weight": 1,
        "direction": "benefit",
        "axis": "effort",
    },
]
