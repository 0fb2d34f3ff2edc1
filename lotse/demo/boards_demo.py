"""Example Kanban cards, labels and retrospectives for the Potsdam demo.

Everything here is example data (Beispieldaten): plausible tasks of the Potsdam projects
named in the Programmauftrag, not taken from the seed documents; every card's description
says so. Create-only: a card is added only if its board has no card of that title, a
retrospective only if the project (programme) has no example retrospective yet, so what
people change on the boards survives the next `make run`. Cards are created and moved on the
days they belong to, spread over the last weeks (`card_days`), with their history and time
stamps dated accordingly, so the board "as of" three weeks ago shows its state of then.
"""

from collections import Counter
from datetime import date
from datetime import timedelta
from typing import Any

from lotse.boards import services
from lotse.boards.models import Board
from lotse.boards.models import Card
from lotse.boards.models import Label
from lotse.boards.models import RetroAction
from lotse.boards.models import Retrospective
from lotse.history import at
from lotse.history import valid_from
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

EXAMPLE = "Beispieldaten"
NOTE = f"*{EXAMPLE}* – eine erfundene, aber typische Aufgabe dieses Projekts."

# (title, column index, assignee username or None, due in days or None, labels)
PROJECT_CARDS: dict[str, list[Any]] = {
    "kommunalportal": [
        ("Antragsstrecke Wohngeld testen", 0, "projektteam", 12, ["Technik"]),
        ("Leistungsbeschreibungen für 10 OZG-Leistungen prüfen", 0, None, 30, ["Fachlichkeit"]),
        ("Schnittstelle zum Fachverfahren abstimmen", 1, "projektleitung", -5, ["Technik"]),
        (
            "Nutzertest mit Bürgerinnen und Bürgern vorbereiten",
            1,
            "projektteam",
            9,
            ["Nutzerbeteiligung"],
        ),
        ("Anbindung an das Landesportal", 2, "projektleitung", None, ["Technik"]),
    ],
    "beteiligungsportal": [
        (
            "Leistungsbeschreibung für die Ausschreibung fertigstellen",
            1,
            "projektleitung",
            14,
            ["Vergabe"],
        ),
        ("Anforderungen der Fachbereiche sammeln", 2, "projektleitung", None, ["Fachlichkeit"]),
        ("Datenschutz-Folgenabschätzung anstoßen", 0, None, 40, ["Recht"]),
    ],
    "dms": [
        ("Schulungstermine für zwei Fachbereiche planen", 0, None, 21, ["Schulung"]),
        ("Aktenplan mit dem Fachbereich abstimmen", 1, None, 10, ["Fachlichkeit"]),
        ("Leitungsbüros angeschlossen", 2, None, None, []),
    ],
    "relaunch-potsdam-de": [
        ("Redaktionsnetzwerk gründen", 0, None, 25, ["Kommunikation"]),
        ("Barrierefreiheitstest der neuen Vorlagen", 1, None, 18, ["Barrierefreiheit"]),
        ("Informationsarchitektur abgenommen", 2, None, None, []),
    ],
}
PMO_CARDS: list[Any] = [
    ("Projektcheck vorbereiten: Statusberichte sichten", 0, "pmo", 6, ["Projektcheck"]),
    ("Unterlage für die Transformationskonferenz erstellen", 1, "programmleitung", 11, ["Gremien"]),
    ("Halbjahresbericht an den Ausschuss entwerfen", 0, "pmo", 35, ["Berichtswesen"]),
    ("Glossar der Projektmanagement-Begriffe abstimmen", 1, "bcm", 20, []),
    ("OKR-Planung für das nächste Quartal einladen", 2, "pmo", None, ["Gremien"]),
]

PROJECT_RETRO: dict[str, Any] = {
    "project": "kommunalportal",
    "days_ago": 12,
    "went_well": f"{EXAMPLE}: Die Abstimmung mit der Task Force OZG klappt gut; der Nutzertest "
    "hat viele Hinweise gebracht.",
    "to_improve": f"{EXAMPLE}: Aufgaben bleiben zu lange „In Arbeit“; Entscheidungen der "
    "Fachbereiche kommen spät.",
    "actions": [
        ("WIP-Limit von 3 Karten für „In Arbeit“ ausprobieren", True),
        ("Entscheidungsbedarfe früher an das PMO melden", False),
    ],
}
PROGRAMME_RETRO: dict[str, Any] = {
    "days_ago": 30,
    "went_well": f"{EXAMPLE}: Die Projekte kennen einander besser; Synergien zwischen "
    "Kommunalportal und Task Force OZG werden genutzt.",
    "to_improve": f"{EXAMPLE}: Abhängigkeiten zwischen Projekten werden zu spät sichtbar.",
    "actions": [("Abhängigkeiten im Projektcheck als festen Punkt besprechen", False)],
}


def _labels(board: Board, names: list[str], counter: Counter) -> list[Label]:
    labels = []
    for name in names:
        label = Label.objects.filter(board=board, name=name).first()
        if label is None:
            label = services.label_add(board=board, name=name)
            counter["Label"] += 1
        labels.append(label)
    return labels


def card_days(column_index: int, row: int) -> list[int]:
    """Days ago a card was created and entered each later column up to `column_index`: to do
    created in the last weeks, doing moved there one to three weeks ago, done finished in the
    last days or weeks (so the current report's Done has some), spread by the card's row."""
    created = 7 + 7 * column_index + 4 * row
    steps = [created]
    for column in range(1, column_index + 1):
        steps.append(max(1, created - 10 * column - 2 * row))
    return steps


def _dated(card: Card, day: date, hour: int) -> None:
    """The card's own time stamps say the moment it belongs to, like its history."""
    moment = at(day, hour)
    updates = {"updated_at": moment}
    if card.history.count() == 1:
        updates["created_at"] = moment
    Card.objects.filter(pk=card.pk).update(**updates)


def _cards(board: Board, rows: list, users: dict, today: date, counter: Counter) -> None:
    """Each card is created on its day in the first column and moved on over the weeks it
    belongs to (history and time stamps with those days), not all at one moment."""
    columns = list(board.columns.order_by("position"))
    existing = set(Card.objects.filter(board=board).values_list("title", flat=True))
    author = users["pmo"]
    for row, (title, column_index, assignee, due_in, label_names) in enumerate(rows):
        if title in existing:
            continue
        target = min(column_index, len(columns) - 1)
        days = card_days(target, row)
        with valid_from(at(today - timedelta(days=days[0]), 9), strict=False):
            card = services.card_create(
                board=board,
                title=title,
                user=author,
                column=columns[0],
                description=NOTE,
                assignee=users.get(assignee) if assignee else None,
                due_date=today + timedelta(days=due_in) if due_in is not None else None,
                labels=_labels(board, label_names, counter),
            )
        _dated(card, today - timedelta(days=days[0]), 9)
        for column, days_ago in enumerate(days[1:], start=1):
            with valid_from(at(today - timedelta(days=days_ago), 11), strict=False):
                card = services.card_move(
                    card=card, column=columns[column], position=10_000, user=author
                )
            _dated(card, today - timedelta(days=days_ago), 11)
        counter["Card"] += 1


def _retro(owner: dict, spec: dict, users: dict, today: date, counter: Counter) -> None:
    if Retrospective.objects.filter(**owner, went_well__startswith=EXAMPLE).exists():
        return
    held_on = today - timedelta(days=spec["days_ago"])
    with valid_from(at(held_on, 14), strict=False):
        retro = services.retrospective_create(
            user=users["pmo"],
            held_on=held_on,
            went_well=spec["went_well"],
            to_improve=spec["to_improve"],
            actions=[text for text, _as_card in spec["actions"]],
            **owner,
        )
    Retrospective.objects.filter(pk=retro.pk).update(created_at=at(held_on, 14))
    counter["Retrospective"] += 1
    counter["RetroAction"] += len(spec["actions"])
    for action, (_text, as_card) in zip(
        RetroAction.objects.filter(retrospective=retro), spec["actions"], strict=True
    ):
        if as_card:
            with valid_from(at(held_on + timedelta(days=1), 9), strict=False):
                card = services.retro_action_card_create(action=action, user=users["pmo"])
            _dated(card, held_on + timedelta(days=1), 9)
            counter["Card"] += 1


def load_boards_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict, today: date
) -> dict[str, int]:
    counter: Counter = Counter()
    for key, rows in PROJECT_CARDS.items():
        if key in projects:
            _cards(services.project_board_ensure(projects[key]), rows, users, today, counter)
    _cards(services.programme_board_ensure(programme), PMO_CARDS, users, today, counter)
    if PROJECT_RETRO["project"] in projects:
        _retro(
            {"project": projects[PROJECT_RETRO["project"]]}, PROJECT_RETRO, users, today, counter
        )
    _retro({"programme": programme}, PROGRAMME_RETRO, users, today, counter)
    return dict(counter)
