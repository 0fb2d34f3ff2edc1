import factory

from lotse.ozg.models import PublicService
from tests.factories import ProgrammeFactory


class PublicServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicService

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Leistung {n}")
    maturity = 1
