import factory
from django.contrib.auth import get_user_model

from lotse.accounts.models import ProgrammeRole
from lotse.accounts.models import ProjectRole
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import StrategicGoal


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or "geheim-123")
        if create:
            user.save(update_fields=["password"])


class StrategicGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    name = factory.Sequence(lambda n: f"Strategisches Ziel {n}")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"FB {n}")
    name = factory.Sequence(lambda n: f"Fachbereich {n}")
    kind = OrgUnit.Kind.DEPARTMENT


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programm {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Themenfeld {n}")
    order = factory.Sequence(int)
    target_state = "Ein Zielzustand."


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    field_of_action = factory.SubFactory(FieldOfActionFactory)
    programme = factory.SelfAttribute("field_of_action.programme")
    title = factory.Sequence(lambda n: f"Projekt {n}")


class ProgrammeRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeRole

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = ProgrammeRole.Role.VIEWER


class ProjectRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectRole

    user = factory.SubFactory(UserFactory)
    project = factory.SubFactory(ProjectFactory)
    role = ProjectRole.Role.MEMBER
