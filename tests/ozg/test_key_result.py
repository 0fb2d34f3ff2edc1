"""A key result that reads its value from the catalogue: "20 OZG-Leistungen im Reifegrad 3"."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lotse.history import valid_from
from lotse.okr import ozg_source
from lotse.okr import services as okr_services
from lotse.okr.models import CheckIn
from lotse.okr.models import KeyResult
from lotse.okr.models import Objective
from lotse.okr.models import Quarter
from lotse.okr.selectors import objectives_with_scores
from lotse.ozg import importing
from lotse.ozg import services
from tests.okr.factories import CheckInFactory
from tests.okr.factories import KeyResultFactory
from tests.okr.factories import ObjectiveFactory

from .factories import PublicServiceFactory

pytestmark = pytest.mark.django_db


def _catalogue_kr(cast, level: int = 3) -> KeyResult:
    objective = ObjectiveFactory(project=cast.project)
    return okr_services.key_result_create(
        objective=objective,
        data={
            "title": "20 OZG-Leistungen im Reifegrad 3",
            "kind": "increase_to",
            "start_value": 0,
            "target_value": 20,
            "source": "ozg",
            "ozg_level": level,
        },
    )


def test_creating_the_key_result_records_the_catalogue_value(cast):
    PublicServiceFactory(programme=cast.programme, maturity=3)
    PublicServiceFactory(programme=cast.programme, maturity=4)
    PublicServiceFactory(programme=cast.programme, maturity=2)
    key_result = _catalogue_kr(cast)
    check_in = key_result.check_ins.get()
    assert check_in.value == Decimal(2)
    assert check_in.source == CheckIn.Source.OZG


def test_a_catalogue_change_updates_the_key_result(cast):
    service = PublicServiceFactory(programme=cast.programme, maturity=2)
    key_result = _catalogue_kr(cast)
    services.public_service_update(service=service, data={"maturity": 3}, expected_version=1)
    values = list(key_result.check_ins.order_by("created_at", "pk").values_list("value", flat=True))
    assert values == [Decimal(0), Decimal(1)]
    scored = objectives_with_scores(Objective.objects.filter(pk=key_result.objective_id))[0]
    assert scored.key_results[0].latest_value == Decimal(1)
    assert scored.key_results[0].progress == pytest.approx(0.05)


def test_a_change_that_keeps_the_count_writes_no_check_in(cast):
    service = PublicServiceFactory(programme=cast.programme, maturity=3)
    key_result = _catalogue_kr(cast)
    services.public_service_update(service=service, data={"maturity": 4}, expected_version=1)
    assert key_result.check_ins.count() == 1


def test_an_import_updates_the_key_result_once(cast):
    key_result = _catalogue_kr(cast)
    rows = [[f"Leistung {i}", "3"] for i in range(5)]
    checked = importing.check(cast.programme, ["Bezeichnung", "Reifegrad"], rows)
    importing.apply(cast.programme, checked)
    assert list(key_result.check_ins.values_list("value", flat=True)) == [0, 5]


def test_closed_quarters_are_not_rewritten(cast):
    key_result = _catalogue_kr(cast)
    Quarter.objects.filter(pk=key_result.objective.quarter_id).update(state=Quarter.State.CLOSED)
    PublicServiceFactory(programme=cast.programme, maturity=3)
    services.catalogue_changed_notify(programme=cast.programme, user=None)
    assert key_result.check_ins.count() == 1  # the value recorded when it was created


def test_no_manual_check_in_on_a_catalogue_key_result(cast):
    key_result = _catalogue_kr(cast)
    with pytest.raises(ValidationError) as exc:
        okr_services.check_in_create(
            key_result=key_result, data={"value": 7, "confidence": 5}, user=cast.users["pmo"]
        )
    assert "OZG-Leistungskatalog" in exc.value.messages[0]
    assert not cast.users["pmo"].has_perm("okr.check_in", key_result)
    page = cast.client("pmo").get(reverse("okr:key_result_detail", args=[key_result.pk]))
    assert 'id="kr-source"' in page.content.decode()


def test_the_source_needs_a_level_and_no_milestone(cast):
    objective = ObjectiveFactory(project=cast.project)
    with pytest.raises(ValidationError) as exc:
        okr_services.key_result_create(
            objective=objective, data={"title": "X", "kind": "milestone", "source": "ozg"}
        )
    assert set(exc.value.message_dict) >= {"ozg_level", "kind"}


def test_value_as_of_a_date(cast):
    now = timezone.now()
    with valid_from(now - timedelta(days=60)):
        service = services.public_service_create(
            programme=cast.programme, data={"name": "A", "maturity": 1}
        )
    with valid_from(now - timedelta(days=10)):
        services.public_service_update(service=service, data={"maturity": 3}, expected_version=1)
    key_result = _catalogue_kr(cast)
    assert ozg_source.catalogue_value(key_result, now - timedelta(days=30)) == 0
    assert ozg_source.catalogue_value(key_result, now) == 1


def test_manual_key_results_are_untouched(cast):
    key_result = KeyResultFactory(objective__project=cast.project)
    CheckInFactory(key_result=key_result, value=50)
    PublicServiceFactory(programme=cast.programme, maturity=3)
    services.catalogue_changed_notify(programme=cast.programme, user=None)
    assert key_result.check_ins.count() == 1
    assert ozg_source.catalogue_value(key_result) is None
