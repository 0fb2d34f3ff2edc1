"""Creating, changing and deleting catalogue services: validation, versions, history."""

from datetime import date
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.history import valid_from
from lotse.ozg import selectors
from lotse.ozg import services
from lotse.ozg.models import PublicService
from lotse.portfolio.services import EditConflict
from tests.factories import ProjectFactory

from .factories import PublicServiceFactory

pytestmark = pytest.mark.django_db


def test_create_with_projects_and_org_unit(cast):
    service = services.public_service_create(
        programme=cast.programme,
        data={
            "name": "Wohnsitz anmelden",
            "leika_key": "99115005000000",
            "org_unit": cast.org_unit,
            "maturity": 1,
            "target_level": 3,
            "target_date": date(2026, 12, 31),
            "channel": "kommunalportal",
            "projects": [cast.project],
        },
    )
    assert list(service.projects.all()) == [cast.project]
    assert service.history.exists()


def test_duplicate_name_and_leika_are_refused_in_german(cast):
    PublicServiceFactory(programme=cast.programme, name="Hund anmelden", leika_key="123")
    with pytest.raises(ValidationError) as exc:
        services.public_service_create(
            programme=cast.programme, data={"name": "hund anmelden", "leika_key": "123"}
        )
    errors = exc.value.message_dict
    assert "gibt es im Katalog schon" in errors["name"][0]
    assert "LeiKa-Schlüssel 123" in errors["leika_key"][0]


def test_target_date_needs_a_target_level_and_project_of_the_programme(cast):
    foreign = ProjectFactory(title="Fremd")
    with pytest.raises(ValidationError) as exc:
        services.public_service_create(
            programme=cast.programme,
            data={"name": "X", "target_date": date(2026, 1, 1), "projects": [foreign]},
        )
    errors = exc.value.message_dict
    assert "Ziel-Reifegrad" in errors["target_level"][0]
    assert "„Fremd“ gehört nicht zu diesem Programm" in errors["projects"][0]


def test_maturity_above_four_is_refused(cast):
    with pytest.raises(ValidationError) as exc:
        services.public_service_create(programme=cast.programme, data={"name": "X", "maturity": 5})
    assert "maturity" in exc.value.message_dict


def test_stale_version_is_a_conflict_and_writes_nothing(cast, service):
    services.public_service_update(service=service, data={"maturity": 2}, expected_version=1)
    stale = PublicService.objects.get(pk=service.pk)
    stale.version = 1
    with pytest.raises(EditConflict):
        services.public_service_update(service=stale, data={"maturity": 3}, expected_version=1)
    assert PublicService.objects.get(pk=service.pk).maturity == 2


def test_unknown_field_is_refused(cast, service):
    with pytest.raises(ValidationError) as exc:
        services.public_service_update(service=service, data={"programme": 1}, expected_version=1)
    assert "programme" in exc.value.message_dict


def test_distribution_as_of_reproduces_earlier_levels(cast):
    now = timezone.now()
    with valid_from(now - timedelta(days=200)):
        service = services.public_service_create(
            programme=cast.programme, data={"name": "A", "maturity": 1}
        )
        services.public_service_create(programme=cast.programme, data={"name": "B", "maturity": 1})
    with valid_from(now - timedelta(days=100)):
        services.public_service_update(service=service, data={"maturity": 3}, expected_version=1)
    pk = cast.programme.pk
    assert selectors.distribution_as_of(pk, now - timedelta(days=150)) == {1: 2}
    assert selectors.distribution_as_of(pk, now) == {1: 1, 3: 1}
    assert selectors.distribution_as_of(pk) == {1: 1, 3: 1}
    assert selectors.count_at_least(pk, 3, now - timedelta(days=150)) == 0
    assert selectors.count_at_least(pk, 3) == 1
    assert selectors.distribution_as_of(pk, now - timedelta(days=300)) == {}


def test_deleted_service_leaves_the_distribution_but_not_the_past(cast):
    now = timezone.now()
    with valid_from(now - timedelta(days=50)):
        service = services.public_service_create(
            programme=cast.programme, data={"name": "A", "maturity": 2}
        )
    services.public_service_delete(service=service, expected_version=1)
    assert selectors.distribution_as_of(cast.programme.pk) == {}
    assert selectors.distribution_as_of(cast.programme.pk, now - timedelta(days=10)) == {2: 1}


def test_timeline_counts_per_quarter_end(cast):
    today = timezone.localdate()
    with valid_from(timezone.now() - timedelta(days=400)):
        service = services.public_service_create(
            programme=cast.programme, data={"name": "A", "maturity": 1}
        )
    with valid_from(timezone.now() - timedelta(days=5)):
        services.public_service_update(service=service, data={"maturity": 3}, expected_version=1)
    periods = selectors.timeline(cast.programme, today)
    assert 4 <= len(periods) <= 6
    assert periods[0].counts == {1: 1}
    assert periods[-1].counts == {3: 1}
    assert periods[-1].end == today


def test_history_lists_the_maturity_change(cast):
    service = PublicServiceFactory(programme=cast.programme, maturity=1)
    services.public_service_update(service=service, data={"maturity": 3}, expected_version=1)
    versions = selectors.service_history(service)
    assert versions[0].changes[0].field == "Reifegrad"
    assert versions[0].changes[0].old.startswith("1 –")
    assert versions[0].changes[0].new.startswith("3 –")


def test_history_lists_the_raising_projects(cast, service):
    services.public_service_update(
        service=service, data={"projects": [cast.project]}, expected_version=1
    )
    versions = selectors.service_history(service)
    assert [(c.field, c.old, c.new) for c in versions[0].changes] == [
        ("Projekte", "–", "Kommunalportal")
    ]


def test_changing_only_the_projects_is_one_version_without_empty_ones(cast, service):
    service.projects.set([cast.other_project])
    before = service.history.count()
    services.public_service_update(
        service=service, data={"projects": [cast.project]}, expected_version=service.version
    )
    assert service.history.count() == before + 1
    versions = selectors.service_history(service)
    assert all(v.changes for v in versions[:-1]), [v.changes for v in versions]
    assert [(c.field, c.new) for c in versions[0].changes] == [("Projekte", "Kommunalportal")]
    # Saving the same again records nothing.
    services.public_service_update(
        service=service,
        data={"projects": [cast.project], "maturity": service.maturity},
        expected_version=None,
    )
    assert service.history.count() == before + 1
    # Fields and projects changed together: still one version.
    services.public_service_update(
        service=service, data={"projects": [], "maturity": 2}, expected_version=None
    )
    assert service.history.count() == before + 2
    assert {c.field for c in selectors.service_history(service)[0].changes} == {
        "Projekte",
        "Reifegrad",
    }


# Two people naming a service alike at once: both find the name free, the other one commits
# first. Simulated in one transaction: the other service appears after the check.


def _another_request_takes(monkeypatch, programme, name):
    clean = PublicService.full_clean
    other = []

    def after_the_check(service, **kwargs):
        clean(service, **kwargs)
        if not other:
            other.append(name)
            services.public_service_create(programme=programme, data={"name": name})

    monkeypatch.setattr(PublicService, "full_clean", after_the_check)


def test_a_service_name_taken_meanwhile_is_refused_on_create(cast, monkeypatch):
    _another_request_takes(monkeypatch, cast.programme, "Wohngeld")
    with pytest.raises(ValidationError) as exc:
        services.public_service_create(programme=cast.programme, data={"name": "Wohngeld"})
    assert exc.value.message_dict == {
        "name": ["Eine Leistung „Wohngeld“ gibt es im Katalog schon."]
    }


def test_a_service_name_taken_meanwhile_is_refused_on_edit(cast, monkeypatch):
    service = services.public_service_create(programme=cast.programme, data={"name": "Elterngeld"})
    _another_request_takes(monkeypatch, cast.programme, "Wohngeld")
    with pytest.raises(ValidationError) as exc:
        services.public_service_update(
            service=service, data={"name": "Wohngeld"}, expected_version=service.version
        )
    assert exc.value.message_dict == {
        "name": ["Eine Leistung „Wohngeld“ gibt es im Katalog schon."]
    }
