"""The boards demo lives in the weeks it belongs to: cards are created and moved on
different days, and their history says so (a board as of three weeks ago shows then)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.boards.models import Card
from lotse.demo.boards_demo import PROJECT_CARDS
from lotse.demo.boards_demo import card_days
from lotse.history import start_of

pytestmark = pytest.mark.django_db


def test_cards_are_created_over_several_weeks(demo_loaded):
    titles = [row[0] for rows in PROJECT_CARDS.values() for row in rows]
    created = {
        c.history.earliest("history_date").history_date.isocalendar()[:2]
        for c in Card.objects.filter(title__in=titles)
    }
    assert len(created) >= 3, created
    for card in Card.objects.filter(title__in=titles):
        assert card.created_at == card.history.earliest("history_date").history_date


def test_a_done_card_went_through_the_columns_on_their_days(demo_loaded):
    today = timezone.localdate()
    card = Card.objects.get(title="Anbindung an das Landesportal")  # done, row 4
    records = list(card.history.order_by("history_date"))
    columns = [r.column.position for r in records if r.history_type in "+~"]
    assert columns[0] == 0 and columns[-1] == 2 and 1 in columns
    days = [timezone.localtime(r.history_date).date() for r in records]
    assert days[0] == today - timedelta(days=card_days(2, 4)[0])
    assert days == sorted(days) and len(set(days)) >= 3


def test_the_board_as_of_weeks_ago_had_fewer_cards_and_none_done_yet(demo_loaded):
    today = timezone.localdate()
    moment = start_of(today - timedelta(days=10))
    then = Card.history.as_of(moment).filter(title__in=[r[0] for r in PROJECT_CARDS["dms"]])
    now = Card.objects.filter(title__in=[r[0] for r in PROJECT_CARDS["dms"]])
    assert then.count() < now.count()
    assert now.filter(column__is_done=True).exists()
