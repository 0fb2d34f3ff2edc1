"""Factories for the report archive."""

from datetime import date

import factory
from django.utils import timezone

from lotse.council_reports.models import ArchivedReport
from tests.factories import ProgrammeFactory


class ArchivedReportFactory(factory.django.DjangoModelFactory):
    """A committee report in the archive, as of 31.01.2025 for the half year before."""

    class Meta:
        model = ArchivedReport

    programme = factory.SubFactory(ProgrammeFactory)
    kind = "committee"
    format = "pdf"
    title = "Statusbericht"
    as_of = date(2025, 1, 31)
    as_of_moment = factory.LazyFunction(timezone.now)
    period_start = date(2024, 8, 1)
    period_end = date(2025, 1, 31)
    filename = "bericht.pdf"
    content = b"%PDF"
