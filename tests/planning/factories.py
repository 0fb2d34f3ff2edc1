"""Factories for planning data."""

from datetime import date
from decimal import Decimal

import factory

from lotse.planning.models import Allocation
from lotse.planning.models import Availability
from lotse.planning.models import Estimate
from lotse.planning.models import Gate
from lotse.planning.models import Phase
from lotse.planning.models import Step
from lotse.planning.models import WorkPackage
from tests.factories import OrgUnitFactory
from tests.factories import ProjectFactory


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Phase {n}")
    order = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def gate(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted is not False:
            Gate.objects.create(phase=self)


class WorkPackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPackage

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Arbeitspaket {n}")
    code = factory.Sequence(lambda n: f"AP {n}")
    planned_start = date(2026, 1, 1)
    planned_end = date(2026, 3, 31)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    work_package = factory.SubFactory(WorkPackageFactory)
    title = factory.Sequence(lambda n: f"Schritt {n}")


class EstimateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estimate

    work_package = factory.SubFactory(WorkPackageFactory)
    label = "Person 1"
    org_unit = factory.SubFactory(OrgUnitFactory)
    hours = Decimal("80")


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Availability

    org_unit = factory.SubFactory(OrgUnitFactory)
    month = date(2026, 1, 1)
    unit = "person_days"
    amount = Decimal("20")
    line_work_percent = 50


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    project = factory.SubFactory(ProjectFactory)
    org_unit = factory.SubFactory(OrgUnitFactory)
    month = date(2026, 1, 1)
    person_days = Decimal("5")
