"""German data for the glossary and the guiding principles: the terms of `docs/glossar.md`,
the glossary of the Konstanz strategy paper (seed 003) and the guiding principles of the
Potsdam programme (seed 000 §6.3), verbatim."""

LOTSE_SOURCE = "Glossar von Lotse (docs/glossar.md)"
KONSTANZ_SOURCE = "Strategiepapier Digitale Agenda Konstanz, Glossar / Begriffsklärung"
POTSDAM_PRINCIPLES_SOURCE = "Programmauftrag Potsdam smart gestalten und verwalten, Kap. 6.3"

LOTSE_TERMS: list[tuple[str, str]] = [
    (
        "Auftraggeber/in",
        "Meist die Oberbürgermeisterin bzw. der Oberbürgermeister: leitet die Transformationskonferenz, trifft strategische Entscheidungen, gibt Projekte frei und bricht sie ab.",
    ),
    (
        "Programmverantwortliche/r",
        "Steuert das gesamte Programm, moderiert die Gremien, bereitet Entscheidungen vor und verantwortet das Berichtswesen.",
    ),
    (
        "PMO",
        "Programm-Management-Office: erste Anlaufstelle der Projektleitungen, prüft die monatlichen Statusberichte, macht das Plan-Ist-Controlling und bereitet Sitzungen vor.",
    ),
    (
        "Business Change Manager",
        "Je Geschäftsbereich eine Person: begleitet die Projekte ihres Bereichs, bringt Ideen ein.",
    ),
    (
        "Projektleitung / Product Owner",
        "Verantwortet ein oder mehrere Projekte: Steckbrief, Statusberichte, Meilensteine, Risiken, OKR, Board.",
    ),
    ("Projektteam", "Arbeitet im Projekt mit: Karten auf dem Board, Check-ins zu Key Results."),
    (
        "Lesende/r",
        "Liest die interne Sicht und die Berichte, z. B. Mitglieder von Ausschüssen, Personalrat, Beiräten.",
    ),
    (
        "Öffentlichkeit",
        "Nicht angemeldete Besucherinnen und Besucher: lesen die veröffentlichten Transparenzseiten und reichen Ideen ein.",
    ),
    (
        "Organisationseinheit (Geschäftsbereich, Fachbereich, Bereich)",
        "Eine Einheit der Verwaltung mit Kürzel, z. B. „GB 5“ oder „FB 54“. Einheiten bilden einen Baum: Geschäftsbereich → Fachbereich → Bereich.",
    ),
    (
        "Strategisches Ziel (gesamtstädtisches Ziel)",
        "Ein übergeordnetes Ziel der Kommune, auf das Programme und Projekte einzahlen, z. B. „Digitales Potsdam“ oder eines der sechs Duisburger Ziele.",
    ),
    (
        "Programm, Teilprogramm",
        "Das Transformationsprogramm mit Laufzeit und strategischen Zielen. Ein Teilprogramm ist ein Programm mit übergeordnetem Programm.",
    ),
    (
        "Themenfeld (Handlungsfeld)",
        "Ein inhaltlicher Schwerpunkt des Programms mit Zielzustand, Zielzeitpunkt und Wirkungsrichtung; jedes Projekt gehört zu genau einem Themenfeld.",
    ),
    (
        "Zielzustand",
        "Der Zustand, den das Programm in einem Themenfeld bis zum Zielzeitpunkt erreicht haben will.",
    ),
    (
        "Wirkungsrichtung",
        "Ob ein Themenfeld primär nach außen (Bürgerinnen, Bürger und Unternehmen) oder primär nach innen (Mitarbeiterinnen und Mitarbeiter) wirkt.",
    ),
    (
        "Zielbild",
        "Die Übersicht eines Programms: strategisches Ziel, Themenfelder mit Zielzuständen und ihre Projekte nach Phase.",
    ),
    (
        "Projekt (Teilprojekt, Vorhaben, Maßnahme)",
        "Ein Vorhaben des Programms mit Steckbrief. Ein Teilprojekt ist ein Projekt mit übergeordnetem Projekt.",
    ),
    (
        "Steckbrief",
        "Die Stammdaten eines Projekts: Themenfeld, Phase, Projektart, Vorgehen, Organisationseinheit, Projektleitung, Zeitraum, Beschreibung, Projektziele.",
    ),
    (
        "Phase",
        "Der Umsetzungsstand eines Projekts: Projektidee, Projektplanung, Zeitnaher Start angedacht, Teilweise in Umsetzung, In Umsetzung, Abgeschlossen, Abgebrochen, Pausiert.",
    ),
    (
        "Projektart",
        "Quick Win (schnell sichtbarer Nutzen), Infrastruktur (Grundlage für andere Vorhaben) oder Strategie.",
    ),
    ("Vorgehen", "Agil oder linear."),
    ("Projektziel", "Ein Ziel aus dem Steckbrief des Projekts; ein Ziel je Zeile."),
    ("veröffentlicht", "Ein veröffentlichtes Projekt erscheint auf den öffentlichen Seiten."),
    (
        "Beitrag zum Ziel",
        "Wie ein Projekt zu einem strategischen Ziel beiträgt: „trägt bei“ (Kreuz der Duisburger Matrix) oder „zu klären“ (Fragezeichen).",
    ),
    (
        "Zielbeitragsmatrix",
        "Alle Beiträge zu Zielen eines Programms als Tabelle: Projekte × strategische Ziele.",
    ),
    (
        "Abhängigkeit",
        "Eine Beziehung zwischen zwei Projekten: „benötigt“, „blockiert“ oder „Synergie mit“.",
    ),
    (
        "Änderungsverlauf",
        "Wer hat wann was geändert; Lotse speichert jede Änderung an den Fachdaten.",
    ),
    (
        "API-Token",
        "Ein persönlicher Schlüssel, mit dem Skripte die Schnittstelle mit den Rechten seiner Inhaberin oder seines Inhabers nutzen.",
    ),
    (
        "Statusbericht",
        "Der Stand eines Projekts für eine Berichtsperiode, einer je Projekt und Periode: Ampeln, Texte, Felder des Digitalisierungsboards. Die Projektleitung reicht ihn ein, das PMO nimmt ihn an oder gibt ihn mit Kommentar zurück. Status: Entwurf, eingereicht, angenommen, zurückgegeben.",
    ),
    (
        "Eingefrorener Stand",
        "Meilensteine, Risiken und offene Entscheidungsbedarfe, wie sie beim Einreichen („Stand bei Einreichung“) und erneut bei der Annahme („Stand bei Annahme“) waren; ein angenommener Bericht zeigt nur noch diesen Stand und ist unveränderlich.",
    ),
    (
        "Ampel",
        "Die Bewertung eines Bereichs im Statusbericht: grün, gelb oder rot, immer auch als Wort. Fünf Ampeln: Gesamtstatus, Termine, Budget, Umfang und Qualität, Ressourcen; jede, die nicht grün ist, braucht eine Erläuterung.",
    ),
    (
        "Trend",
        "Der Gesamtstatus gegenüber dem vorigen Bericht (im Programm-Cockpit: dem Bericht der unmittelbar vorangehenden Periode): besser, gleich oder schlechter.",
    ),
    (
        "Digitalisierungsboard",
        "Die Board-Felder des Statusberichts nach Duisburger Vorbild: Produktvision / Projektziele, To Do, Doing, Done.",
    ),
    (
        "Berichtsperiode",
        "Der Zeitraum, für den jedes Projekt einen Statusbericht abgibt: ein Kalendermonat oder n Wochen; an ihrem letzten Tag ist Projektcheck.",
    ),
    (
        "Berichtsrhythmus",
        "Wie ein Programm seine Perioden bildet (monatlich oder alle n Wochen, ab welchem Tag) und wann Berichte fällig sind und erinnert wird.",
    ),
    (
        "Fälligkeit",
        "Der Tag, bis zu dem die Berichte einer Periode einzureichen sind: eine eingestellte Zahl von Arbeitstagen (Montag bis Freitag, ohne Rücksicht auf Feiertage) vor dem Projektcheck.",
    ),
    (
        "Projektcheck",
        "Die Runde am letzten Tag jeder Berichtsperiode, in der die Statusberichte besprochen werden; in Lotse die Seite mit allen Projekten der Periode, Handlungsbedarf zuerst, und ihre PDF-Mappe.",
    ),
    (
        "Erinnerung",
        "E-Mail an die Projektleitung vor der Fälligkeit oder wenn ein Bericht überfällig ist; jede geht nur einmal hinaus.",
    ),
    (
        "Meilenstein",
        "Ein Zwischenziel eines Projekts mit geplantem Datum, Prognose und Datum „erreicht am“.",
    ),
    (
        "Abweichung (eines Meilensteins)",
        "In Tagen: „erreicht am“, sonst die Prognose, minus das geplante Datum; positiv heißt später. Gezeigt im Projekt-Cockpit und im Statusbericht.",
    ),
    (
        "Verzug (eines Meilensteins)",
        "Wie die Abweichung, aber solange der Meilenstein nicht erreicht ist und sein Termin (Prognose, sonst geplant) verstrichen ist: heute minus das geplante Datum. Gezeigt in Programm-Cockpit, Projektcheck und Controlling; 0 oder weniger heißt „im Plan“.",
    ),
    (
        "Risiko",
        "Ein mögliches Ereignis, das das Projekt gefährdet, mit Wahrscheinlichkeit und Auswirkung (je 1–4), verantwortlicher Person, Gegenmaßnahmen und Status; eingeordnet in der 4×4-Risikomatrix.",
    ),
    (
        "Entscheidungsbedarf, Eskalation",
        "Eine Frage, die ein Gremium oder eine Stelle entscheiden muss, mit Optionen, Empfehlung, „benötigt bis“ und Adressat (PMO, Programmverantwortliche/r, Projektcheck, Transformationskonferenz, Strategie-BK, anderes Gremium).",
    ),
    (
        "Projekt-Cockpit",
        "Die Seite eines Projekts für das Berichtswesen: Statusbericht der laufenden Periode, Meilensteine, Risiken, offene Entscheidungsbedarfe, Berichtsverlauf. In manchen Programmen heißt auch der monatliche Bericht selbst so.",
    ),
    (
        "Programm-Cockpit",
        "Die Ampeln aller Projekte eines Programms für eine Periode, nach Themenfeldern, mit Handlungsbedarf, Übersicht und der Liste, wer noch nicht berichtet hat.",
    ),
    (
        "Handlungsbedarf",
        "Warum ein Projekt im Cockpit oben steht, nach Dringlichkeit: Gesamtstatus rot, Bericht überfällig, Bericht zurückgegeben, Meilenstein verzögert, Entscheidung überfällig.",
    ),
    (
        "Controlling",
        "Die Seite „Controlling (Plan/Ist)“, der Vergleich von Plan und Ist im Programm: Meilenstein-Verzug und Termintreue je Projekt und Themenfeld, pünktliche Statusberichte je Periode.",
    ),
    (
        "Entscheidung (Beschluss)",
        "Was ein Gremium beschlossen hat: Freigabe der Projektinitiierung, Abnahme von Ergebnissen, Abbruch, Umpriorisierung oder strategische Entscheidung.",
    ),
    (
        "Gremium (Abstimmungsformat)",
        "Eine regelmäßige Runde wie Projektcheck, Transformationskonferenz oder Strategie-BK, mit Turnus, Vorsitz, Moderation und Befugnissen.",
    ),
    (
        "Sitzung, Tagesordnung, Protokoll, Aufgabe",
        "Ein Termin eines Gremiums, seine Tagesordnungspunkte, sein Protokoll und die daraus folgenden Aufgaben.",
    ),
    (
        "Berichtspflicht",
        "Ein wiederkehrender Bericht an einen Empfänger (z. B. Ausschuss, Personalrat) mit Turnus und Berichtsart.",
    ),
    (
        "Objective, Key Result, Check-in, OKR-Review",
        "Quartalsziele eines Projekts, ihre messbaren Ergebnisse (höchstens drei je Objective), laufende Fortschrittsmeldungen und die Bewertung am Quartalsende.",
    ),
    (
        "Kanban-Board, Spalte, Karte",
        "Die Aufgabentafel eines Projekts oder des PMO mit Spalten (z. B. To Do, Doing, Done) und Karten; Bahnen je Teilprojekt.",
    ),
    ("Retrospektive", "Der regelmäßige Rückblick eines Teams auf seine Zusammenarbeit."),
    (
        "Haushaltsansatz (Aufwand / Invest), Förderung",
        "Die für ein Projekt eingeplanten Mittel, getrennt nach Aufwand und Investition, und Fördermittel; Beträge in Euro.",
    ),
    ("Kapazität", "Eingeplante Personentage je Person oder Einheit und Quartal."),
    (
        "Idee, Bewertungskriterium, Bewertung",
        "Ein Vorschlag von Bürgerinnen, Bürgern oder Beschäftigten, die Kriterien, nach denen Ideen bewertet werden, und die Bewertung selbst.",
    ),
    (
        "OZG-Leistung, Reifegrad",
        "Eine Verwaltungsleistung nach dem Onlinezugangsgesetz und ihr Digitalisierungsgrad von 0 bis 4.",
    ),
    ("Glossar", "Das gemeinsame Projektmanagement-Vokabular eines Programms, in Lotse gepflegt."),
]

KONSTANZ_TERMS: list[tuple[str, str]] = [
    (
        "Digitale Souveränität",
        "Unter dem Begriff »Souveränität« versteht man allgemein die Fähigkeit zu ausschließlicher Selbstbestimmung. Diese Selbstbestimmungsfähigkeit wird durch Eigenständigkeit und Unabhängigkeit gekennzeichnet. Sie grenzt sich einerseits von Fremdbestimmung und andererseits von Autarkie ab.",
    ),
    (
        "Memorandum of Understanding",
        "Grundlage der Zusammenarbeit zwischen IT-Konzern (z.B. Deutsche Telekom) und der Stadt. Besonders der Deutsche Städtetag kritisiert diese Zusammenarbeit scharf.",
    ),
    (
        "Smart City",
        "Smart City ist ein Sammelbegriff für gesamtheitliche Entwicklungskonzepte, die darauf abzielen, Städte effizienter, technologisch fortschrittlicher, grüner und sozial inklusiver zu gestalten. Diese Konzepte beinhalten technische, wirtschaftliche und gesellschaftliche Innovationen.",
    ),
    (
        "Stakeholder",
        "Als Stakeholder oder Anspruchsberechtigter wird eine Person oder Gruppe bezeichnet, die ein berechtigtes Interesse am Verlauf oder Ergebnis eines Prozesses oder Projektes hat.",
    ),
    (
        "Open Data/ Offene Daten",
        "Als Open Data (aus englisch open data, wörtlich offene Daten) werden Daten bezeichnet, die von jedermann zu jedem Zweck genutzt, weiterverbreitet und weiterverwendet werden dürfen.",
    ),
    (
        "Open Government",
        "Open Government ist ein Synonym für die Öffnung von Regierung und Verwaltung gegenüber der Bevölkerung und der Wirtschaft. Dies kann zu mehr Transparenz, zu mehr Teilhabe, zu einer intensiveren Zusammenarbeit, zu mehr Innovation und zu einer Stärkung gemeinschaftlicher Belange beitragen.",
    ),
]

POTSDAM_PRINCIPLES: list[str] = [
    "Wir denken von den Nutzerinnen und Nutzern her, entwickeln Lösungen wo immer sinnvoll gemeinsam mit den Nutzergruppen (z. B. unter Einsatz von Design Thinking Methoden) und priorisieren neue Nutzungsfälle konsequent nach dem Mehrwert für die Nutzerinnen und Nutzern und dem Aufwand der Einführung.",
    "Wir arbeiten fokussiert und ergebnisorientiert zu konkreten Lösungen und Anwendungsfällen hin und minimieren die Aufwände, die in die langwierige Vertiefung bereits im Wesentlichen funktionsfähiger Konzepte fließen.",
    "Wir übernehmen pragmatisch „Good Practices“ wo sinnvoll und anwendbar und minimieren die Aufwände, die in die Entwicklung von Lösungen fließen, die in anderen Organisationen oder Organisationseinheiten bereits in ähnlicher Form erfolgreich im Einsatz sind.",
    "Innerhalb des Programms streben wir durch weitere technische und methodische Standardisierung und Schnittstellen eine Vereinfachung bei der Schaffung von Interoperabilität und eine Reduzierung von Abstimmungsaufwänden an.",
    "Beim weiteren Aufbau von Standards und Grundlagen werden wir soweit möglich vorausschauend Schnittstellen, Abhängigkeiten und neue Technologien berücksichtigen – auch, um Priorisierungsentscheidungen ableiten zu können.",
    "Innerhalb der Verwaltung werden wir langfristig Routineaufgaben standardisieren, automatisieren und vereinfachen, um durch Effizienzgewinne Zeit für die Bearbeitung der wichtigsten Fragen, beispielsweise im direkten Bürgerkontakt zu schaffen.",
    "Unterstützt durch das Transformationsprogramm und mit dem langfristigen Projekt der Neugestaltung des Verwaltungscampus schaffen wir neue Orte und Arbeitsumgebungen für die Mitarbeiterinnen und Mitarbeiter und unterstützen die Anwendung neuer Arbeitsweisen.",
    "Wir messen regelmäßig den Fortschritt der Transformationsvorhaben – und zwar in erster Linie daran, was bei den Nutzerinnen und Nutzern ankommt – um bei Bedarf innerhalb des Transformationsprogramms nachsteuern zu können.",
    "Wir kommunizieren aktiv und anschaulich den Mehrwert neuer Nutzungsfälle für Leben und/oder Arbeit der Nutzerinnen und Nutzer und machen Fortschritte sichtbar.",
]
