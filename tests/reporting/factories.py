"""Factories for the reporting app: periods, reports, milestones, risks, decision requests."""

from datetime import date
from datetime import timedelta

import factory
from django.utils import timezone

from lotse.reporting.models import DecisionRequest
from lotse.reporting.models import Milestone
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import ReportingPeriod
from lotse.reporting.models import Risk
from lotse.reporting.models import StatusReport
from lotse.reporting.periods import ensure_periods
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory


class ReportingConfigFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingConfig

    programme = factory.SubFactory(ProgrammeFactory)
    first_period_start = date(2024, 1, 1)


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    programme = factory.SubFactory(ProgrammeFactory)
    start = date(2024, 1, 1)
    end = factory.LazyAttribute(lambda p: p.start + timedelta(days=27))
    due_date = factory.LazyAttribute(lambda p: p.end - timedelta(days=5))


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    project = factory.SubFactory(ProjectFactory)
    period = factory.SubFactory(
        ReportingPeriodFactory, programme=factory.SelfAttribute("..project.programme")
    )


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    planned_date = date(2024, 6, 30)


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risiko {n}")
    probability = 2
    impact = 2


class DecisionRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionRequest

    project = factory.SubFactory(ProjectFactory)
    question = factory.Sequence(lambda n: f"Entscheidungsfrage {n}?")


def live_periods(programme, count: int = 12):
    """`count` monthly periods ending with the current one (the views use the real today)."""
    today = timezone.localdate()
    month = today.year * 12 + today.month - 1 - (count - 1)
    first = date(month // 12, month % 12 + 1, 1)
    ReportingConfig.objects.update_or_create(
        programme=programme, defaults={"first_period_start": first}
    )
    periods = ensure_periods(programme, today)
    assert len(periods) == count
    return periods
