"""Demo-Programm „Potsdam smart gestalten und verwalten“ (PSGV).

Reine Daten, ohne Django-Abhängigkeiten. Quelle: Programmauftrag der Landeshauptstadt Potsdam
„Transformation bündeln: Auftrag an das Programm Potsdam smart gestalten und verwalten“
(Mitteilungsvorlage 23/SVV/1238, Stand Dezember 2023), Kapitel 1, 2, 3.2, 3.3 und 4.1-4.3.

Texte sind wörtlich übernommen (nur Extraktionsartefakte bereinigt). Einträge mit
``example=True`` enthalten Angaben, die der Programmauftrag nicht hergibt (eigene
Kurzbeschreibung bzw. plausibler Name einer Organisationseinheit). Stadien, Projektart und
Vorgehensmodell der Projekte sind Annahmen, siehe ``STAGE_NOTE``.
"""

from datetime import date
from typing import Any

STRATEGIC_GOALS: list[dict[str, Any]] = [
    {
        "key": "digitales-potsdam",
        "name": "Digitales Potsdam",
        "description": (
            "Die Landeshauptstadt Potsdam gestaltet den digitalen Wandel in Potsdam mit und "
            "schafft die Basis für eine bürgernahe, effiziente und moderne Verwaltung. Sie nutzt "
            "organisationsübergreifende Synergien zu den kommunalen Unternehmen und der "
            "Stadtgesellschaft und strebt eine gegenseitige Vernetzung im Sinne einer Smart City "
            "an."
        ),
        "source": "Gesamtstädtische Ziele der Landeshauptstadt Potsdam (2019 - 2024)",
    },
]

PROGRAMME: dict[str, Any] = {
    "name": "Potsdam smart gestalten und verwalten",
    "short_name": "PSGV",
    "description": (
        "Auf Grundlage der Ergebnisse des Vorprojekts wurde dann der Auftrag an das Programm "
        "„Potsdam smart gestalten und verwalten“ formuliert, durch das die verschiedenen "
        "Digitalisierungs- und Transformationsvorhaben in der Verwaltung zukünftig übergreifend "
        "gesteuert werden.\n\n"
        "In der nächsten Phase der Digitalisierung wird, ergänzend zur Grundlagenarbeit, ein noch "
        "stärkerer Fokus auf der Bereitstellung weiterer konkreter Lösungen und Anwendungsfälle "
        "in der Breite liegen.\n\n"
        "Das Zielbild des Programms „Potsdam smart gestalten und verwalten“ konkretisiert das "
        "strategische Ziel durch sechs ausformulierte Zielzustände je Themenfeld der digitalen "
        "Transformation. Als Summe aller Zielzustände soll das Zielbild bis Ende 2025 erreichbar "
        "sein."
    ),
    "start": date(2024, 1, 1),
    "end": date(2025, 12, 31),
    "strategic_goal": "digitales-potsdam",
}

# Organisationseinheiten als Baum, Eltern vor Kindern. Im Programmauftrag genannt: GB 9,
# GB 5, FB 99 (Kommunikation und Partizipation), 501, 9012, FB 23, FB 39, FB 53. Aus der
# Haushaltsplanung 2023/24-2027 (Seed 002) stammen die Bezeichnungen „Bereich 501 Verwaltungs-
# und Managemententwicklung“ und „Fachbereich 54 E-Government“.
ORG_UNITS: list[dict[str, Any]] = [
    {
        "code": "GB 9",
        "name": "Geschäftsbereich Oberbürgermeister",
        "kind": "business_area",
        "parent": None,
        "example": False,
    },
    {
        "code": "FB 99",
        "name": "Fachbereich Kommunikation und Partizipation",
        "kind": "department",
        "parent": "GB 9",
        "example": False,
    },
    {
        "code": "9012",
        "name": "Strategische Steuerung",
        "kind": "division",
        "parent": "GB 9",
        "example": True,
    },
    {
        "code": "GB 5",
        "name": "Geschäftsbereich Zentrale Verwaltung",
        "kind": "business_area",
        "parent": None,
        "example": True,
    },
    {
        "code": "501",
        "name": "Bereich Verwaltungs- und Managemententwicklung",
        "kind": "division",
        "parent": "GB 5",
        "example": False,
    },
    {
        "code": "FB 54",
        "name": "Fachbereich E-Government",
        "kind": "department",
        "parent": "GB 5",
        "example": False,
    },
    {
        "code": "FB 53",
        "name": "Fachbereich Personal und Organisation",
        "kind": "department",
        "parent": "GB 5",
        "example": True,
    },
    {
        "code": "GB 2",
        "name": "Geschäftsbereich Bildung, Jugend und Sport",
        "kind": "business_area",
        "parent": None,
        "example": True,
    },
    {
        "code": "FB 23",
        "name": "Fachbereich Kinder, Jugend und Familie",
        "kind": "department",
        "parent": "GB 2",
        "example": True,
    },
    {
        "code": "GB 3",
        "name": "Geschäftsbereich Ordnung, Sicherheit, Soziales und Gesundheit",
        "kind": "business_area",
        "parent": None,
        "example": True,
    },
    {
        "code": "FB 39",
        "name": "Fachbereich Soziales und Inklusion",
        "kind": "department",
        "parent": "GB 3",
        "example": True,
    },
]

# Die sechs Themenfelder in der Reihenfolge der Tabelle aus Kapitel 3.3.
FIELDS_OF_ACTION: list[dict[str, Any]] = [
    {
        "key": "buergerservice",
        "name": "Digitaler Bürgerservice",
        "impact": "outward",
        "order": 1,
        "target_date": date(2025, 12, 31),
        "target_state": (
            "Im neuen Kommunalportal der Landeshauptstadt Potsdam werden für die Nutzerinnen und "
            "Nutzer die wichtigsten Dienstleistungen zeit- und ortsunabhängig online angeboten.\n\n"
            "Besondere Freude machen die einfache und nutzerfreundliche Bedienbarkeit sowie die "
            "vollständig digitale Abwicklung, sodass nur in Ausnahmefällen ein Gang zum Amt "
            "notwendig ist.\n\n"
            "Falls es doch offene Fragen geben sollte, können die Nutzerinnen und Nutzer schnell "
            "und einfach hilfreiche Antworten erhalten."
        ),
        "summary": (
            "Im neuen Kommunalportal werden die wichtigsten Dienstleistungen zeit- und "
            "ortsunabhängig online angeboten. Besondere Freude macht die einfache und "
            "nutzerfreundliche Bedienbarkeit.\n\n"
            "Falls es doch offene Fragen geben sollte, können die Nutzerinnen und Nutzer schnell "
            "und einfach hilfreiche Antworten erhalten."
        ),
    },
    {
        "key": "smart-city",
        "name": "Smart City",
        "impact": "outward",
        "order": 2,
        "target_date": date(2025, 12, 31),
        "target_state": (
            "Smart City-Projekte sind für Bürgerinnen und Bürger erlebbar und ermöglichen das "
            "Ausprobieren neuer Wege der Zusammenarbeit mit der Stadtgesellschaft mittels "
            "digitaler und analoger Beteiligungswerkzeuge & -formate.\n\n"
            "Die technischen Grundlagen für eine urbane Datenplattform und Bürger-Netzwerke als "
            "Bausteine der technischen Infrastruktur sind in Betrieb. Vielfältige Maßnahmen für "
            "Quartiersentwicklung, Klimaschutz und Verkehr machen die Stadt lebenswerter und "
            "vernetzen sie mit der Region.\n\n"
            "Durch Impulse für eine übergreifende Datenstrategie wird eine zielgerichtete Nutzung "
            "städtischer Daten unter Berücksichtigung der Anforderungen von Bürgerinnen und "
            "Bürgern, Unternehmen und Wissenschaft angestrebt."
        ),
        "summary": (
            "Vielfältige Smart City-Maßnahmen sind für die Bürger erfahrbar und machen die Stadt "
            "lebenswerter. Digitale und analoge Beteiligungswerkzeuge & -formate ermöglichen das "
            "Ausprobieren neuer Wege der Zusammenarbeit mit der Stadtgesellschaft.\n\n"
            "Technische Grundlagen für die vernetzte Stadt wie eine urbane Datenplattform und "
            "Bürger-Netzwerke sind in Betrieb."
        ),
    },
    {
        "key": "kommunikation-beteiligung",
        "name": "Kommunikation & Beteiligung",
        "impact": "outward",
        "order": 3,
        "target_date": date(2025, 12, 31),
        "target_state": (
            "Der neue und leicht auffindbare Internetauftritt der Landeshauptstadt Potsdam dient "
            "als zentrales Zugangstor zu den wichtigsten, digitalen Angeboten der Stadt – vom "
            "Bürgerservice bis zur Teilnahme an verschiedensten Beteiligungsformaten – und "
            "unterstützt die Nutzerinnen und Nutzer dabei mittels digitaler "
            "Interaktionsmöglichkeiten.\n\n"
            "Die Inhalte der Website sind einheitlich und barrierefrei aufbereitet, entsprechen "
            "den rechtlichen Vorgaben und orientieren sich an den Informationsbedürfnissen der "
            "Nutzerinnen und Nutzer."
        ),
        "summary": (
            "Der neue und leicht auffindbare Internetauftritt dient als zentrales Zugangstor zu "
            "den wichtigsten digitalen Angeboten der Stadt und unterstützt die Nutzerinnen und "
            "Nutzer mittels digitaler Interaktionsmöglichkeiten.\n\n"
            "Die Inhalte der einheitlich und barrierefreien Website orientieren sich an den "
            "Informationsbedürfnissen der Nutzerinnen und Nutzer."
        ),
    },
    {
        "key": "digitale-arbeitsweise",
        "name": "Digitale Arbeitsweise & Werkzeuge",
        "impact": "inward",
        "order": 4,
        "target_date": date(2025, 12, 31),
        "target_state": (
            "Den Mitarbeiterinnen und Mitarbeitern stehen (zentrale) digitale Lösungen für Ihre "
            "tägliche Arbeit zur Verfügung.\n\n"
            "Mit dem verwaltungsweit genutzten digitalen Aktenplan und damit verbundenen "
            "Dokumentenmanagementstandards werden elektronisches Arbeiten in Standardprozessen, "
            "ordnungsgemäßes Verwaltungshandeln und revisionssichere Aktenführung unterstützt.\n\n"
            "Mit digitalen Kollaborationstools fördern wir den internen Wissenstransfer sowie die "
            "bereichsübergreifende Zusammenarbeit.\n\n"
            "Neue, innovative Formen der Zusammenarbeit, unterstützt durch digitale Werkzeuge, "
            "werden beispielsweise im PotsdamLab erprobt und pilotiert und stärken die Verwaltung "
            "als attraktive Arbeitgeberin."
        ),
        "summary": (
            "Den Mitarbeiterinnen und Mitarbeitern stehen digitale Lösungen für Ihre tägliche "
            "Arbeit zur Verfügung.\n\n"
            "Neue, innovative Formen der Zusammenarbeit, unterstützt durch digitale Werkzeuge, "
            "stärken die Verwaltung als attraktive Arbeitgeberin."
        ),
    },
    {
        "key": "organisation-prozesse",
        "name": "Organisation & Prozesse",
        "impact": "inward",
        "order": 5,
        "target_date": date(2025, 12, 31),
        "target_state": (
            "Das verwaltungsweite Prozessmanagement schafft Voraussetzungen für eine "
            "bereichsübergreifende Transparenz über Verwaltungsabläufe und Schnittstellen, ein "
            "zentrales Wissensmanagement, klare Standards und eine erleichterte Einarbeitung. "
            "Ressourcenbedarfe können frühzeitig und transparent ermittelt werden.\n\n"
            "Die fortlaufende Prozessoptimierung ermöglicht beispielsweise eine digitale und "
            "medienbruchfreie Bearbeitung priorisierter Antragsprozesse und den Einsatz von "
            "KI-Technologie zur Entlastung der Mitarbeiterinnen und Mitarbeiter."
        ),
        "summary": (
            "Das verwaltungsweite Prozessmanagement schafft Voraussetzungen für eine "
            "bereichsübergreifende Transparenz über Verwaltungsabläufe und Schnittstellen.\n\n"
            "Die fortlaufende Prozessoptimierung ermöglicht eine digitale Bearbeitung "
            "priorisierter Antragsprozesse und den Einsatz von KI-Technologie zur Entlastung von "
            "Mitarbeiterinnen und Mitarbeitern."
        ),
    },
    {
        "key": "strategische-grundlagen",
        "name": "Strategische Grundlagen & Steuerung",
        "impact": "inward",
        "order": 6,
        "target_date": date(2025, 12, 31),
        "target_state": (
            "Die gesamtstädtische Strategie wurde durch Teilstrategien unter Beteiligung der "
            "Mitarbeiterinnen und Mitarbeiter konkretisiert, die Klarheit über Rollen und "
            "Aufgaben schaffen. Der verlässliche und wiederkehrende Strategiezyklus hat sich "
            "etabliert.\n\n"
            "Steuerungsrelevante Daten werden unter Nutzung technischer Werkzeuge "
            "adressatengerecht aufbereitet und ausgewertet. Prioritäten können zielgenau "
            "fokussiert und umgesetzt werden, was einen zielgerichteten Einsatz begrenzter "
            "städtischer Ressourcen ermöglicht.\n\n"
            "Die leicht verständliche und adressatengerechte Formulierung der Teilstrategien "
            "sorgt für eine hohe Akzeptanz sowohl bei den Mitarbeiterinnen und Mitarbeiter als "
            "auch bei den Bürgerinnen und Bürgern außerhalb Verwaltung und ist in der gesamten "
            "Verwaltung handlungsleitend."
        ),
        "summary": (
            "Die Gesamtstädtische Strategie ist in der gesamten Verwaltung handlungsleitend und "
            "wurde durch Teilstrategien konkretisiert. Steuerungsrelevante Daten werden "
            "adressatengerecht aufbereitet und ausgewertet. Prioritäten können zielgenau "
            "fokussiert und umgesetzt werden."
        ),
    },
]

# Alle Projekte der Tabelle aus Kapitel 3.3, je Themenfeld in Tabellenreihenfolge;
# Projektziele wörtlich aus Kapitel 4.3. "org_unit" nur, wo eine Organisationseinheit angegeben ist.
PROJECTS: list[dict[str, Any]] = [
    {
        "key": "kommunalportal",
        "title": "Kommunalportal",
        "short_name": "Kommunalportal",
        "field": "buergerservice",
        "stage": "running",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Um für die OZG-Leistungen durchgängig höhere Reifegrade („vollständig digitale "
            "Abwicklung der Leistung“) zu erreichen, sollen die Online-Dienste zukünftig über ein "
            "einheitliches, in Zusammenarbeit mit dem neuen „Zweckverband Digitale Kommunen "
            "Brandenburg“ (Dikom) bereitgestelltes Kommunalportal verfügbar gemacht werden. Ab "
            "Ende 2023 sollen schrittweise OZG-Leistungen über das Kommunalportal bereitgestellt "
            "werden."
        ),
        "goals": [
            (
                "Elektronische Bereitstellung aller Bürgerdienstleistungen "
                "(OZG-Verwaltungsleistungen) der LHP über ein mit dem Land Brandenburg vernetztes "
                "Portal mit dem OZG-Reifegrad 3"
            ),
            "Möglichst medienbruchfreie digitale Weiterbearbeitung der Anträge",
        ],
        "example": False,
    },
    {
        "key": "task-force-ozg",
        "title": "OZG/Bürgerservice Task Force",
        "short_name": "TF OZG/Bürgerservice",
        "field": "buergerservice",
        "stage": "start_soon",
        "kind": "quick_win",
        "method": "agile",
        "description": (
            "Die Task Force optimiert priorisiert häufig genutzte Leistungen des Bürgerservice – "
            "für Bürgerinnen und Bürger ebenso wie für die Mitarbeiterinnen und Mitarbeiter – in "
            "enger Verknüpfung mit der OZG-Umsetzung und dem Kommunalportal."
        ),
        "goals": [
            (
                "Priorisierte Optimierung besonders (z. B. aufgrund häufiger Nutzung) wichtiger "
                "Leistungen der Verwaltungen – sowohl unter dem Gesichtspunkt der "
                "Nutzungsfreundlichkeit für Bürgerinnen und Bürger als auch verbesserter Abläufe "
                "innerhalb der Verwaltung und von Arbeitserleichterungen für Mitarbeiterinnen und "
                "Mitarbeiter. Hierbei erfolgt eine enge Verknüpfung mit der Umsetzung des "
                "Onlinezugangsgesetzes und der Aufbau des Kommunalportals für die "
                "Landeshauptstadt Potsdam."
            ),
        ],
        "example": True,
    },
    {
        "key": "smart-city-strategie",
        "title": "Fortschreibung Smart City Strategie",
        "short_name": "Smart City Strategie",
        "field": "smart-city",
        "stage": "partly_running",
        "kind": "strategy",
        "method": "linear",
        "description": (
            "In der seit 2022 laufenden Phase A wurde unter intensiver Einbindung der "
            "Potsdamerinnen und Potsdamer in zahlreichen Beteiligungsformaten ein Entwurf für "
            "eine ganzheitliche Smart City-Strategie entwickelt. Für die Weiterentwicklung der "
            "„Smart City Potsdam“ definiert der im September 2023 vorgestellte und im Oktober "
            "2023 von der SVV verabschiedete Strategieentwurf sechs langfristige Zielbilder der "
            "weiteren Projektdurchführung: (Digitale) Teilhabe und Kompetenzbildung, Klimaschutz "
            "und Klimaanpassung, smarte und soziale Stadtentwicklungsplanung, integrierte "
            "Verkehrswende, regionale Kooperation sowie infrastrukturelle und technische "
            "Grundlagen."
        ),
        "goals": [
            (
                "Das regelmäßige Monitoring liefert die Informationen, anhand derer u. a. die "
                "Wirk-Nutzen-Messung vollzogen werden kann. Damit wird die Basis geschaffen, um "
                "Anpassungen in der Ausrichtung der Zielbilder und der Planung von konkreten "
                "Maßnahmen vornehmen zu können."
            ),
            (
                "Das Ergebnis der Evaluation wird 2026 in die Fortschreibung der Smart "
                "City-Strategie Potsdam einfließen."
            ),
        ],
        "example": False,
    },
    {
        "key": "klimaschutz",
        "title": "Klimaschutz und Klimaanpassung",
        "short_name": "Klimaschutz",
        "field": "smart-city",
        "stage": "start_soon",
        "kind": "quick_win",
        "method": "agile",
        "description": (
            "Smart City-Maßnahme, die Einwohnerinnen und Einwohner für den Klimaschutz "
            "sensibilisiert und die Lebensqualität unter veränderten klimatischen Bedingungen "
            "erhalten soll – u. a. mit einem bürgernahen Baumkataster und Cooling Points."
        ),
        "goals": [
            (
                "Einwohnerinnen und Einwohner sollen stärker für das Thema Klimaschutz "
                "sensibilisiert und in konkrete Maßnahmen eingebunden werden."
            ),
            (
                "Außerdem soll die hohe Lebensqualität in Potsdam unter den neuen klimatischen "
                "Bedingungen bestmöglich erhalten bleiben. Zu diesem Zweck sollen folgende "
                "Teilprojekte umgesetzt werden: ein „Bürgernahes Baumkataster“, „Cooling Points“ "
                "und die Teilmaßnahme „Stadtklima erlebbar machen“."
            ),
        ],
        "example": True,
    },
    {
        "key": "quartiersentwicklung",
        "title": "Quartiersentwicklung",
        "short_name": "Quartiersentwicklung",
        "field": "smart-city",
        "stage": "start_soon",
        "kind": "quick_win",
        "method": "agile",
        "description": (
            "Bündel von Smart City-Teilmaßnahmen, die Nachbarschaften beleben, benachteiligte "
            "Gruppen bei der Wohnraumsuche unterstützen und die Einwohnerbeteiligung an der "
            "Stadtentwicklung ausbauen."
        ),
        "goals": [
            (
                "Insgesamt 5 Teilmaßnahmen werden gebündelt, mit dem Ziel Nachbarschaften zu "
                "beleben und attraktiver zu gestalten. Zu diesen gehört die „MiLA-Plattform zum "
                "Mieten, Leihen, Ausprobieren“ und der „digital-analoge Geschichtspfad“."
            ),
            (
                "Außerdem sollen benachteiligte Gruppen bei der Wohnraumsuche mit Hilfe der "
                "Teilmaßnahme „Soziales Wohnen 2.0“ unterstützt werden bzw. durch die "
                "Teilmaßnahme „Soziales Wohnen bei Unterstützungsbedarf“ soll ein eigenständiges "
                "Leben in den eigenen vier Wänden für Menschen mit Beeinträchtigungen leichter "
                "möglich sein."
            ),
            (
                "Darüber hinaus soll „PaSMo“, ein Teilprojekt der Phase A, weiterentwickelt "
                "werden, um die Einwohnerbeteiligung im Rahmen von Stadtentwicklungsmaßnahmen "
                "noch umfangreicher und nutzerfreundlicher zu gestalten."
            ),
        ],
        "example": True,
    },
    {
        "key": "verkehrswende",
        "title": "Integrierte Verkehrswende",
        "short_name": "Verkehrswende",
        "field": "smart-city",
        "stage": "start_soon",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Smart City-Maßnahme für bedarfsorientierte, digitale und klimafreundliche "
            "Mobilitätslösungen, insbesondere an den Pendlerbahnhöfen als zentralen Orten im "
            "Quartier."
        ),
        "goals": [
            (
                "Mithilfe von bedarfsorientierten, innovativen Mobilitätslösungen soll der "
                "motorisierte Individualverkehr zu Gunsten einer intensiveren Nutzung des ÖPNV "
                "plus Fahrrad/Sharing-Angebote reduziert und die Pendlerbahnhöfe als zentrale "
                "Orte im Quartier sollen weiterentwickelt werden."
            ),
            (
                "Im Vordergrund stehen dabei digitale, klimafreundliche Lösungsansätze. Für die "
                "Umsetzungsphase sind zwei Teilmaßnahmen geplant: „Smarte Mobilitätsdrehscheiben "
                "für Potsdams Pendlerströme“ und der „Aktionsraum Bahnhof“."
            ),
        ],
        "example": True,
    },
    {
        "key": "smart-region",
        "title": "Smart Region",
        "short_name": "Smart Region",
        "field": "smart-city",
        "stage": "start_soon",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Smart City-Maßnahme zur interkommunalen Zusammenarbeit im Innovationskorridor von "
            "Berlin über Potsdam ins ländliche Brandenburg, mit dem Regio.hub und einem "
            "Innovationsmobil."
        ),
        "goals": [
            (
                "Diese Maßnahme dient der interkommunalen Zusammenarbeit im Innovationskorridor "
                "von der Metropole Berlin über Potsdam ins ländliche Brandenburg. Die Maßnahme "
                "beinhaltet den kooperativen „Regio.hub“, welcher die Kommunikations- und "
                "Organisationsstruktur für gemeinsame smarte Handlungsfelder und kooperative "
                "Projekte bilden wird. Ein Kernprojekt des Regio.hubs ist ein Innovationsmobil, "
                "das gemeinsam mit Partnerinnen und Partnern entwickelt und regional, ebenso wie "
                "in Potsdam, zum Einsatz kommen soll."
            ),
        ],
        "example": True,
    },
    {
        "key": "teilhabe",
        "title": "Verknüpfung digitaler und analoger Teilhabe",
        "short_name": "Digitale Teilhabe",
        "field": "smart-city",
        "stage": "start_soon",
        "kind": "quick_win",
        "method": "agile",
        "description": (
            "Smart City-Maßnahme, die digitale und analoge Beteiligungsmethoden verbindet – mit "
            "Beteiligungsatlas, Innovationswettbewerb und einem erweiterten Potsdam Lab."
        ),
        "goals": [
            (
                "Mithilfe sich komplementierender Methoden sollen die Möglichkeiten der "
                "Mitbestimmung und Meinungsbildung aller Menschen in Potsdam insgesamt erweitert "
                "werden."
            ),
            (
                "Im Rahmen des Förderzeitraums sind 3 Teilprojekte geplant: Beteiligungsatlas, "
                "Innovationswettbewerb und die Erweiterung des Potsdam Labs."
            ),
        ],
        "example": True,
    },
    {
        "key": "urbane-datenplattform",
        "title": "Urbane Netzwerke, Infrastruktur und Datenplattform",
        "short_name": "Netze/Datenplattform",
        "field": "smart-city",
        "stage": "partly_running",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Aufbau der technischen Infrastruktur der vernetzten Stadt: freies Stadt-WLAN, "
            "Notfallnetz, LoRaWAN-Funknetz mit Sensorik und die Urbane Datenplattform."
        ),
        "goals": [
            (
                "Es soll ein freies Stadt-WLAN für alle Einwohnerinnen und Einwohner sowie "
                "Besucherinnen und Besucher an zentralen Orten und ein Notfallnetz für den "
                "Katastrophenfall zur Alarmierung, Kommunikation und Information für die "
                "Einwohnerinnen und Einwohner und Rettungskräfte aufgebaut werden. Ein "
                "LoRaWAN-Funknetz wird weiter ausgebaut und mit vielfältigen Sensoren ergänzt."
            ),
            (
                "Die Urbane Datenplattform ist in Zukunft das Datenkraftwerk der Landeshauptstadt "
                "und verbindet, speichert und transferiert alle anfallenden Daten von, aus und "
                "über Potsdam. Open Access und Open Data stehen dabei im Vordergrund."
            ),
        ],
        "example": True,
    },
    {
        "key": "relaunch-potsdam-de",
        "title": "Relaunch potsdam.de",
        "short_name": "Relaunch potsdam.de",
        "field": "kommunikation-beteiligung",
        "stage": "partly_running",
        "kind": "infrastructure",
        "method": "agile",
        "description": (
            "Nach einer ersten Optimierung der visuellen Darstellung und Nutzerfreundlichkeit des "
            "Online-Auftritts der Stadt im Juni 2023 wird aktuell ein vollständiger Relaunch des "
            "Online-Auftritts vorbereitet."
        ),
        "goals": [
            (
                "Entwicklung eines technisch zeitgemäßen und datenschutzrechtlich sicheren "
                "Webauftritts mit einer Struktur, die von den Nutzerinnen und Nutzer ausgedacht "
                "ist, Komplexität reduziert, einfache Zugänge ermöglicht und kommunale "
                "Serviceangebote und Inhalte in einen sinnvollen, zielgruppenorientierten "
                "Zusammenhang einordnet."
            ),
            (
                "Verbesserung der Citizen Experience: Bürgerinnen und Bürger befähigen, sich zu "
                "informieren, Entscheidungen für sich zu treffen und alle digitalen "
                "Dienstleistungen der LHP in Anspruch zu nehmen."
            ),
        ],
        "example": False,
    },
    {
        "key": "beteiligungsportal",
        "title": "Beteiligungsportal",
        "short_name": "Beteiligungsportal",
        "field": "kommunikation-beteiligung",
        "stage": "start_soon",
        "kind": "infrastructure",
        "method": "agile",
        "description": (
            "Darüber hinaus wird das geplante Beteiligungsportal alle Bürgerbeteiligungsangebote "
            "der Stadt bündeln und digital zugänglich machen."
        ),
        "goals": [
            (
                "Schaffung von Beteiligungsmöglichkeiten für die Bürgerinnen und Bürger der LHP "
                "am politischen Willensbildungsprozess und der politischen sowie fachlichen "
                "Diskussion."
            ),
            "Schaffung einer zentralen Anlaufstelle für alle Beteiligungsprojekte im Internet.",
            "Einheitliche Darstellung aller Beteiligungsangebote.",
            (
                "Möglichst unkomplizierte und einfache Bereitstellung von Informationen zu "
                "Projekten und Partizipationsangeboten."
            ),
            (
                "Nutzung der Landing-Page der LHP als einheitliche Frontend-Lösung für alle "
                "Beteiligungsangebote."
            ),
            (
                "Ermöglichung einer einfachen und strukturierten Durchführung von "
                "Beteiligungsverfahren in einem Baukastensystem."
            ),
            (
                "Erleichterung der Nutzung von Online-Beteiligung durch standardisierte und "
                "anpassbare Verfahren (Dialog, Befragung, Beteiligung)."
            ),
            (
                "Ermöglichung der Vereinheitlichung, Steuerung, Messung sowie der eigenständigen "
                "Implementierung und Erweiterung von neuen Beteiligungsformaten für die zentral "
                "für die Beteiligungsprozesse administrativ zuständigen Bereichen der LHP."
            ),
        ],
        "example": False,
    },
    {
        "key": "querschnittsprozesse",
        "title": "Projektberatung Digitalisierung Querschnittsprozesse",
        "short_name": "Querschnittsprozesse",
        "field": "digitale-arbeitsweise",
        "org_unit": "GB 5",
        "stage": "running",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Zentrale Steuerung und externe Beratung der Fachbereiche des GB 5 bei der "
            "Digitalisierung von Querschnittsprozessen, etwa bei Kommsoft und LogaHR."
        ),
        "goals": [
            (
                "Durch die einheitliche, zentrale Steuerung und Beratung werden die Fachbereiche "
                "des GB 5 durch externe Expertise unterstützt und Digitalisierungsprojekte "
                "während des laufenden Betriebs in der Projektarbeit realisiert. Dazu gehören u. "
                "a. die Einführung Zentrale Verwaltungssoftware (Kommsoft) sowie Upgrade, "
                "Bereitstellung und Betrieb von LogaHR."
            ),
        ],
        "example": True,
    },
    {
        "key": "social-intranet",
        "title": "Social Intranet",
        "short_name": "Social Intranet",
        "field": "digitale-arbeitsweise",
        "stage": "start_soon",
        "kind": "infrastructure",
        "method": "agile",
        "description": (
            "Zur weiteren Verbesserung der digitalen internen Kommunikation ist außerdem der "
            "Einsatz eines neuen, interaktiven Intranets in der Vorbereitung."
        ),
        "goals": [
            (
                "Entwicklung eines Social Intranets für die LHP, welches für alle 2.600 "
                "Mitarbeiterinnen und Mitarbeiter der Landeshauptstadt nutzbar ist (Transparenz, "
                "Identifikation und Ideenaustausch)."
            ),
            (
                "Berücksichtigung des veränderten Mediennutzungsverhalten der Mitarbeiterinnen "
                "und Mitarbeiter."
            ),
            "Ermöglichung eines transparenten Blicks in die LHP.",
            "Befähigung der Mitarbeiterinnen und Mitarbeiter zur Kommunikation und Teilnahme.",
            (
                "Verbesserung der Identifikation mit der Arbeitgeberin Landeshauptstadt Potsdam "
                "sowie einer konkreten Beteiligung der Mitarbeiterinnen und Mitarbeiter an "
                "Transformations- und Veränderungsprozessen."
            ),
        ],
        "example": False,
    },
    {
        "key": "dms",
        "title": "DMS-Umsetzung",
        "short_name": "DMS-Umsetzung",
        "field": "digitale-arbeitsweise",
        "stage": "running",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Parallel befindet sich der Anschluss aller Leitungsbüros an das neue DMS in der "
            "Umsetzung. Im nächsten Schritt wird das DMS weiter im Haus ausgerollt."
        ),
        "goals": [
            (
                "Optimierung geschäftsbereichsübergreifender Zusammenarbeit im Sinne der "
                "ordnungsgemäßen Aktenführung."
            ),
            (
                "Einführung einer verwaltungsweiten elektronischen Aktenführung, um schneller, "
                "flexibler, funktionaler und effizienter zu arbeiten."
            ),
        ],
        "example": False,
    },
    {
        "key": "haushalt-rechnung",
        "title": "Digitalisierung Haushalt und Rechnungsprozess",
        "short_name": "Haushalt & Rechnung",
        "field": "digitale-arbeitsweise",
        "stage": "partly_running",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Digitale Darstellung des städtischen Haushalts und ein durchgängig digitaler "
            "Rechnungslauf einschließlich E-Rechnung."
        ),
        "goals": [
            (
                "Digitalisierung der Darstellung des städtischen Haushalts zur Unterstützung der "
                "Haushaltsaufstellung sowie zur Stärkung von Transparenz und Nachvollziehbarkeit."
            ),
            (
                "Digitalisierung des Rechnungslaufes einschließlich Empfang und Bearbeitung "
                "E-Rechnung zur Stärkung von Transparenz und als weitere Grundlage, schneller, "
                "komfortabler und ressourcensparender zu arbeiten."
            ),
        ],
        "example": True,
    },
    {
        "key": "arbeitswelten",
        "title": "Moderne Arbeitswelten",
        "short_name": "Arbeitswelten",
        "field": "digitale-arbeitsweise",
        "stage": "idea",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Entwicklung standardisierter Arbeitsplatz-Modelle für die Mitarbeiterinnen und "
            "Mitarbeiter unter Berücksichtigung des Mobilen Arbeitens."
        ),
        "goals": [
            (
                "Entwicklung und Umsetzung der zukünftigen standardisierten Arbeitsplatz-Modelle "
                "für die Mitarbeiterinnen und Mitarbeiter der LHP unter Berücksichtigung des "
                "Mobilen Arbeitens. Dazu werden die verschiedenen technischen Aspekte (Hard- und "
                "Software, Ausstattung mit Möbeln) auch vor dem Hintergrund sich verändernder "
                "Arbeitsweisen und -methoden betrachtet."
            ),
        ],
        "example": True,
    },
    {
        "key": "gpm",
        "title": "Aufbau zentrales GPM",
        "short_name": "Zentrales GPM",
        "field": "organisation-prozesse",
        "stage": "running",
        "kind": "infrastructure",
        "method": "linear",
        "description": (
            "Inzwischen stehen eine digitale Prozessplattform sowie die dazugehörige, hausweit "
            "standardisierte Methodik bereit, um alle wichtigen Geschäftsprozesse der Verwaltung "
            "nach einheitlichen Regeln zu modellieren und zu dokumentieren. Bis Ende 2023 werden "
            "durch ein verwaltungsweites Prozess-Screening alle anfallenden Geschäftsprozesse "
            "strukturiert erfasst, um auf dieser Grundlage eine Priorisierung und schrittweise "
            "Modellierung weiterer Prozesse durchführen zu können."
        ),
        "goals": [
            (
                "Etablierung eines verwaltungsweiten Managementinstruments als Voraussetzung für "
                "die medienbruchfreie Digitalisierung und die Optimierung von "
                "Verwaltungsprozessen im Hinblick auf Bürgerorientierung, Effizienz und Qualität."
            ),
        ],
        "example": False,
    },
    {
        "key": "ou-fb-39",
        "title": "Organisationsuntersuchung FB 39",
        "short_name": "OU FB 39",
        "field": "organisation-prozesse",
        "org_unit": "FB 39",
        "stage": "running",
        "kind": "strategy",
        "method": "linear",
        "description": (
            "Organisationsuntersuchung zur Optimierung der Aufbau- und Ablauforganisation des FB "
            "39."
        ),
        "goals": [
            (
                "Optimierung der Aufbau- und Ablauforganisation: strategische Ausrichtung, "
                "Strukturen und Abläufe, Kultur und Team."
            ),
        ],
        "example": True,
    },
    {
        "key": "oe-fb-53",
        "title": "Organisationsentwicklung FB 53",
        "short_name": "OE FB 53",
        "field": "organisation-prozesse",
        "org_unit": "FB 53",
        "stage": "running",
        "kind": "strategy",
        "method": "agile",
        "description": (
            "Organisationsentwicklungsprozess, der den FB 53 auf die Anforderungen einer "
            "attraktiven Arbeitgeberin ausrichtet."
        ),
        "goals": [
            (
                'Weitere Aufstellung des FB 53 für die zentralen Anforderungen einer "Attraktiven '
                'Arbeitgeberin" durch Optimierung von strategischer Ausrichtung, Prozessen und '
                "Strukturen"
            ),
        ],
        "example": True,
    },
    {
        "key": "ou-fb-23",
        "title": "Organisationsuntersuchung FB 23",
        "short_name": "OU FB 23",
        "field": "organisation-prozesse",
        "org_unit": "FB 23",
        "stage": "start_soon",
        "kind": "strategy",
        "method": "linear",
        "description": (
            "Organisationsuntersuchung der Regionalen Kinder- und Jugendhilfe im FB 23 mit "
            "Prozessdokumentation und Personalbemessung."
        ),
        "goals": [
            (
                "Identifizierung, Beschreibung und Dokumentation der wesentlichen Prozesse zur "
                "Umsetzung der Leistungen im Bereich der Regionalen Kinder- und Jugendhilfe zur "
                "Förderung eines standardisierten Leistungsangebots."
            ),
            (
                "Erfassung und Konkretisierung erforderlicher Anpassungen sowie die Erfassung und "
                "Bemessung der Tätigkeiten, um mittelfristig die Anforderungen an die "
                "Personalkapazitäten für die Regionale Kinder- und Jugendhilfe in der "
                "Landeshauptstadt Potsdam planen und erfüllen zu können."
            ),
        ],
        "example": True,
    },
    {
        "key": "prozessautomatisierung-ki",
        "title": "Prozessautomatisierung/KI",
        "short_name": "Automatisierung/KI",
        "field": "organisation-prozesse",
        "stage": "idea",
        "kind": "quick_win",
        "method": "agile",
        "description": (
            "Task Force, die priorisierte Verwaltungsprozesse mit KI- und "
            "Automatisierungsanwendungen optimiert und daraus Standards für den breiten Einsatz "
            "ableitet."
        ),
        "goals": [
            (
                "Optimierung priorisierter Prozesse der Verwaltung durch den gezielten Einsatz "
                "von KI- und/oder weiteren Automatisierungsanwendungen, gekoppelt mit einem "
                "strategischen Innovationsmanagement. Auf Basis der durch die Pilotierung "
                "einzelner konkreter Nutzungsfälle von KI/Automatisierung gesammelten Erfahrungen "
                "kann dann die Entwicklung von Standards und Schaffung weiterer notwendiger "
                "Rahmenbedingungen für die Nutzung von KI- und Automatisierungsanwendungen in der "
                "Breite der Verwaltung folgen."
            ),
        ],
        "example": True,
    },
    {
        "key": "it-strategie",
        "title": "IT-Strategie",
        "short_name": "IT-Strategie",
        "field": "strategische-grundlagen",
        "stage": "planning",
        "kind": "strategy",
        "method": "linear",
        "description": (
            "Erarbeitung eines strategischen Zielbildes für die IT der Landeshauptstadt mit "
            "Handlungsfeldern, Maßnahmen und Umsetzungsstruktur."
        ),
        "goals": [
            (
                "Entwicklung eines strategischen Zielbildes für die IT der Landeshauptstadt "
                "Potsdam inkl. Ableitung von Handlungsfeldern und Maßnahmen zur Erreichung des "
                "Zielbildes sowie Überführung der strategischen Ziele in eine geeignete "
                "Umsetzungsstruktur."
            ),
        ],
        "example": True,
    },
    {
        "key": "digitalstrategie",
        "title": "Digitalstrategie",
        "short_name": "Digitalstrategie",
        "field": "strategische-grundlagen",
        "stage": "idea",
        "kind": "strategy",
        "method": "agile",
        "description": (
            "Erarbeitung einer übergreifenden Digitalstrategie, die Smart City-Strategie, "
            "IT-Strategie und weitere Konzepte der Digitalisierung zusammenführt."
        ),
        "goals": [
            (
                "Entwicklung einer übergreifenden Digitalstrategie für die Landeshauptstadt "
                "Potsdam zur zukünftigen noch stärkeren Synchronisierung der Konzepte und "
                "Strategien für verschiedene Handlungsfelder der Digitalisierung. Die "
                "Digitalstrategie baut insbesondere auf Smart City-Strategie und IT-Strategie "
                "sowie ggf. weiteren bereits vorliegenden Konzeptpapieren auf, um unter "
                "Einbindung der relevanten Akteure weitere Synergiepotentiale zu realisieren "
                "sowie ein gemeinsames, verknüpftes Einzahlen verschiedener "
                "Digitalisierungsvorhaben auf die übergreifenden gesamtstädtischen Ziele "
                "sicherzustellen."
            ),
        ],
        "example": True,
    },
    {
        "key": "datenstrategie",
        "title": "Datenstrategie",
        "short_name": "Datenstrategie",
        "field": "strategische-grundlagen",
        "stage": "planning",
        "kind": "strategy",
        "method": "linear",
        "description": (
            "Erarbeitung einer Datenstrategie mit Leitprinzipien, Rahmensetzungen und "
            "Einsatzfeldern für das Management und die Auswertung städtischer Daten."
        ),
        "goals": [
            (
                "Entwicklung einer Datenstrategie für die Landeshauptstadt Potsdam, welche "
                "übergreifende Leitprinzipien, Rahmensetzungen und Einsatzfelder für das "
                "Management und die systematische, technisch unterstützte Auswertung von Daten "
                "definiert. Die Datenstrategie wird eng verknüpft mit der Smart City-Strategie "
                "und der zu entwickelnden übergreifenden Digitalstrategie der Landeshauptstadt "
                "Potsdam erarbeitet."
            ),
        ],
        "example": True,
    },
]

STAGE_NOTE = (
    "Die farbliche Kennzeichnung des Umsetzungsstands in der Tabelle aus Kapitel 3.3 ist in der "
    "Textfassung des Programmauftrags verloren gegangen; die hier hinterlegten Stadien (ebenso "
    "Projektart und Vorgehensmodell) sind plausible Annahmen (Beispieldaten)."
)
