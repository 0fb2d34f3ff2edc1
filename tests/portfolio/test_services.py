import pytest
from django.core.exceptions import ValidationError

from lotse.portfolio import services
from lotse.portfolio.models import Dependency
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import OrgUnit
from tests.factories import FieldOfActionFactory
from tests.factories import ProjectFactory


def test_dependency_across_programmes_is_refused(cast):
    foreign = ProjectFactory()
    with pytest.raises(ValidationError) as exc:
        services.dependency_create(source=cast.project, target=foreign, kind="needs")
    assert "anderen Programm" in str(exc.value.message_dict["target"])


def test_duplicate_field_name_is_reported_on_name(cast):
    with pytest.raises(ValidationError) as exc:
        services.field_of_action_create(programme=cast.programme, data={"name": cast.field.name})
    assert list(exc.value.message_dict) == ["name"]


def test_renaming_a_field_to_its_own_name_is_fine(cast):
    services.field_of_action_update(
        field=cast.field, data={"name": cast.field.name}, expected_version=1
    )


def test_programme_update_refuses_moving_the_programme(cast):
    with pytest.raises(ValueError):
        services.programme_update(
            programme=cast.programme, data={"parent": None}, expected_version=1
        )


def test_project_end_before_start_names_only_the_field(cast):
    from datetime import date

    with pytest.raises(ValidationError) as exc:
        services.project_update(
            project=cast.project,
            data={"planned_start": date(2025, 1, 1), "planned_end": date(2024, 1, 1)},
            expected_version=None,
        )
    assert exc.value.message_dict == {
        "planned_end": ["Das geplante Ende darf nicht vor dem geplanten Beginn liegen."]
    }


def test_field_of_action_from_another_programme_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        services.project_update(
            project=cast.project,
            data={"field_of_action": FieldOfActionFactory()},
            expected_version=None,
        )
    assert "field_of_action" in exc.value.message_dict


# Two people recording the same thing at once: both find it new, the other one commits first.
# Simulated in one transaction: the other row appears after the check.


def test_a_dependency_another_request_recorded_meanwhile_is_refused_with_a_message(
    cast, monkeypatch
):
    clean = Dependency.full_clean
    both = {"source": cast.project, "target": cast.other_project, "kind": "needs"}

    def after_the_other_request(dependency, **kwargs):
        clean(dependency, **kwargs)
        Dependency.objects.create(**both)

    monkeypatch.setattr(Dependency, "full_clean", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        services.dependency_create(**both)

    assert exc.value.message_dict == {"target": ["Diese Abhängigkeit ist bereits erfasst."]}


def _create_field(cast):
    return services.field_of_action_create(programme=cast.programme, data={"name": "Bildung"})


def _rename_field(cast):
    field = FieldOfActionFactory(programme=cast.programme, name="Verwaltung")
    return services.field_of_action_update(
        field=field, data={"name": "Bildung"}, expected_version=field.version
    )


@pytest.mark.parametrize("save", [_create_field, _rename_field], ids=["create", "edit"])
def test_a_field_name_another_request_took_meanwhile_is_refused_with_a_message(
    cast, monkeypatch, save
):
    clean = FieldOfAction.full_clean
    other = []

    def after_the_other_request(field, **kwargs):
        clean(field, **kwargs)
        if not other:
            other.append(FieldOfActionFactory(programme=cast.programme, name="Bildung"))

    monkeypatch.setattr(FieldOfAction, "full_clean", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        save(cast)

    assert exc.value.message_dict == {
        "name": ["Ein Themenfeld mit diesem Namen gibt es in diesem Programm bereits."]
    }


def test_an_org_unit_code_another_request_took_meanwhile_is_refused_with_a_message(
    cast, monkeypatch
):
    clean = OrgUnit.full_clean
    other = []

    def after_the_other_request(unit, **kwargs):
        clean(unit, **kwargs)
        if not other:
            other.append(OrgUnit.objects.create(code="FB 10", name="Fachbereich Bildung"))

    monkeypatch.setattr(OrgUnit, "full_clean", after_the_other_request)
    with pytest.raises(ValidationError) as exc:
        services.org_unit_save(unit=OrgUnit(), data={"code": "FB 10", "name": "Bildung"})

    assert "Kürzel" in exc.value.messages[0]
