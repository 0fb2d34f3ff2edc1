import factory

from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import OkrLink
from lotse.okr.models import Quarter
from tests.factories import ProgrammeFactory
from tests.factories import ProjectFactory


class QuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ("programme", "year", "number")

    programme = factory.SubFactory(ProgrammeFactory)
    year = 2026
    number = 2
    state = Quarter.State.ACTIVE


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    project = factory.SubFactory(ProjectFactory)
    quarter = factory.SubFactory(
        QuarterFactory, programme=factory.SelfAttribute("..project.programme")
    )
    title = factory.Sequence(lambda n: f"Objective {n}")
    commitment = Objective.Commitment.ASPIRATIONAL
    state = Objective.State.ACTIVE


class KeyResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyResult

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Key Result {n}")
    kind = KeyResult.Kind.INCREASE_TO
    start_value = 0
    target_value = 100


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    key_result = factory.SubFactory(KeyResultFactory)
    value = 50
    confidence = 7


class OkrLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OkrLink

    kind = OkrLink.Kind.DEPENDENCY
    from_objective = factory.SubFactory(ObjectiveFactory)
    to_objective = factory.SubFactory(ObjectiveFactory)
