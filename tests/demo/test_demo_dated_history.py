"""The demo's history carries the dates the data belongs to, so "as of" a past day shows
what the data said then: stage changes on the day of the decision that made them, budget
lines from the programme's start, actuals when they were booked, ideas on the days they came
in, board cards over the weeks they were worked on (tests/boards/test_demo_dates.py)."""

from datetime import date
from datetime import timedelta

import pytest
from django.utils import timezone

from lotse.council_reports.collect import collect_report
from lotse.council_reports.history import records_at
from lotse.demo import finance_data
from lotse.demo.ideas_demo import load_konstanz_demo
from lotse.finance.models import Actual
from lotse.finance.models import BudgetLine
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.history import at
from lotse.history import start_of
from lotse.ideas.models import Idea
from lotse.ideas.models import ScoringRound
from lotse.portfolio.models import Project

pytestmark = pytest.mark.django_db


def _stage_in(report, pk: int) -> str:
    return next(p.stage for f in report.fields for p in f.projects if p.pk == pk)


def test_a_release_decision_changes_the_stage_on_its_day(demo_loaded):
    programme = demo_loaded.programme
    decision = Decision.objects.get(
        meeting__series__programme=programme, kind=DecisionKind.RELEASE_INITIATION
    )
    project = Project.objects.get(pk=decision.project_id)
    day = decision.meeting.date
    assert project.stage == "running"
    before = collect_report(programme=programme, kind="committee", as_of=day - timedelta(days=1))
    assert _stage_in(before, project.pk) == "start_soon"
    # The history (which every "as of" reads) has the earlier stage until the decision and
    # the new one today; the change is never recorded before the decision.
    decided = decision.history.earliest("history_date").history_date
    assert timezone.localtime(decided).date() == day
    assert records_at(Project, decided - timedelta(minutes=1)).get(id=project.pk).stage == (
        "start_soon"
    )
    changed = project.history.filter(stage="running").earliest("history_date").history_date
    assert changed >= decided
    assert records_at(Project, timezone.now()).get(id=project.pk).stage == "running"


def test_budget_lines_exist_as_of_the_programme_start(demo_loaded):
    programme = demo_loaded.programme
    start = start_of(programme.start_date) + timedelta(hours=1)
    seed = BudgetLine.objects.filter(programme=programme, planning=finance_data.PLANNING)
    then = BudgetLine.history.as_of(start).filter(
        programme_id=programme.pk, planning=finance_data.PLANNING
    )
    assert seed.count() > 10
    assert then.count() == seed.count()


def test_actuals_are_recorded_when_they_were_booked(demo_loaded):
    today = timezone.localdate()
    actuals = list(Actual.objects.filter(budget_line__programme=demo_loaded.programme))
    assert actuals
    for actual in actuals:
        m = actual.month
        booked = min(date(m.year + (m.month == 12), m.month % 12 + 1, 5), today)
        assert actual.history.earliest("history_date").history_date == at(booked, 8)


def test_ideas_come_in_on_their_days_and_are_decided_in_the_meeting(demo_loaded):
    today = timezone.localdate()
    load_konstanz_demo(today=today)
    ideas = Idea.objects.filter(programme__slug="konstanz")
    received = {
        timezone.localtime(i.history.earliest("history_date").history_date).date() for i in ideas
    }
    assert len(received) >= 5 and max(received) < today
    for idea in ideas:
        assert idea.created_at == idea.history.earliest("history_date").history_date
    scoring_round = ScoringRound.objects.get(programme__slug="konstanz")
    decision_day = Decision.objects.filter(meeting__series__programme__slug="konstanz").first()
    assert scoring_round.closed_at.date() < decision_day.meeting.date
    adopted = Idea.objects.filter(programme__slug="konstanz", project__isnull=False).first()
    assert adopted is not None
    before = Idea.history.as_of(start_of(decision_day.meeting.date)).get(pk=adopted.pk)
    assert before.project_id is None
