"""Factories for the reporting app: periods, reports, milestones, risks, decision requests."""

from datetime import date, timedelta

import factory

from lotse.reporting.models import (
    DecisionRequest,
    Milestone,
    ReportingConfig,
    ReportingPeriod,
    Risk,
    StatusReport,
)
from tests.factories import ProgrammeFactory, ProjectFactory


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
