"""The demo shows boards with example cards, one overdue, and retrospectives; twice is once."""

from django.utils import timezone

from lotse.boards.models import Board
from lotse.boards.models import Card
from lotse.boards.models import RetroAction
from lotse.boards.models import Retrospective
from lotse.demo.boards_demo import PMO_CARDS
from lotse.demo.boards_demo import PROJECT_CARDS
from lotse.demo.loader import load_potsdam


def test_boards_demo_is_plausible_and_idempotent(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = load_potsdam(password="lotse-demo")
    programme = result.programme
    assert result.created["Card"] >= 15
    boards_with_cards = Board.objects.filter(cards__isnull=False).distinct()
    assert boards_with_cards.filter(project__isnull=False).count() >= 3
    pmo = Board.objects.get(programme=programme)
    assert pmo.cards.count() >= 5
    today = timezone.localdate()
    overdue = Card.objects.filter(
        due_date__lt=today, column__is_done=False, board__project__isnull=False
    )
    assert [c.title for c in overdue] == ["Schnittstelle zum Fachverfahren abstimmen"]
    titles = [row[0] for rows in [*PROJECT_CARDS.values(), PMO_CARDS] for row in rows]
    assert all("Beispieldaten" in c.description for c in Card.objects.filter(title__in=titles))
    assert Retrospective.objects.filter(project__title="Kommunalportal").count() == 1
    assert Retrospective.objects.filter(programme=programme).count() == 1
    assert RetroAction.objects.filter(card__isnull=False).count() == 1
    # every project has its board
    assert Board.objects.filter(project__programme=programme).count() == programme.projects.count()
    cards, history = Card.objects.count(), Card.history.count()
    again = load_potsdam(password="lotse-demo")
    assert again.created["Card"] == 0 and again.created["Retrospective"] == 0
    assert (Card.objects.count(), Card.history.count()) == (cards, history)
