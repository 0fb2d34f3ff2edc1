"""The PMO edits the programme's phase list and an availability: history, version checks,
German errors naming the row."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from lotse.planning import services
from lotse.planning.models import Availability
from lotse.planning.models import PhaseModel
from lotse.planning.models import PhaseTemplate

from .factories import AvailabilityFactory

pytestmark = pytest.mark.django_db


def _rows(data: list[tuple]) -> dict:
    post = {
        "form-TOTAL_FORMS": str(len(data)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, (pk, name, gate, order, delete) in enumerate(data):
        post.update(
            {
                f"form-{i}-id": pk or "",
                f"form-{i}-name": name,
                f"form-{i}-gate_name": gate,
                f"form-{i}-description": "",
                f"form-{i}-ORDER": order,
            }
        )
        if delete:
            post[f"form-{i}-DELETE"] = "on"
    return post


def test_the_pmo_renames_reorders_adds_and_removes_phases(cast):
    url = reverse("planning:phase_list", args=[cast.programme.slug])
    client = cast.client("pmo")
    page = client.get(url)
    assert page.status_code == 200
    assert not PhaseModel.objects.exists()  # the GET showed the defaults without storing
    first_post = {**_rows([(None, "Vorprojekt", "Tor 0", 1, False)]), "version": 1}
    assert client.post(url, first_post).status_code == 302
    model = PhaseModel.objects.get(programme=cast.programme)
    first = model.templates.get()
    post = _rows(
        [
            (first.pk, "Vorprojektphase", "Bewertung", 2, False),
            (None, "Konzeption", "Konzept abgenommen", 1, False),
            (None, "", "", 3, False),  # the empty extra row
        ]
    )
    response = client.post(url, {**post, "version": model.version})
    assert response.status_code == 302
    assert [(t.name, t.gate_name) for t in model.templates.order_by("order")] == [
        ("Konzeption", "Konzept abgenommen"),
        ("Vorprojektphase", "Bewertung"),
    ]
    renamed = PhaseTemplate.objects.get(pk=first.pk)
    assert renamed.history.count() == 2  # created, renamed and moved
    model.refresh_from_db()
    # Remove one: it is gone, the history keeps it.
    konzeption = model.templates.get(name="Konzeption")
    post = _rows(
        [(konzeption.pk, "Konzeption", "", 1, True), (first.pk, "Vorprojektphase", "", 2, False)]
    )
    assert client.post(url, {**post, "version": model.version}).status_code == 302
    assert list(model.templates.values_list("name", flat=True)) == ["Vorprojektphase"]
    assert PhaseTemplate.history.filter(id=konzeption.pk, history_type="-").exists()


def test_a_stale_phase_list_is_refused_and_duplicates_are_named(cast):
    model = services.phase_model_ensure(cast.programme)
    url = reverse("planning:phase_list", args=[cast.programme.slug])
    client = cast.client("pmo")
    stale = client.post(url, {**_rows([(None, "Neu", "", 1, False)]), "version": model.version - 1})
    assert stale.status_code == 200
    assert "geändert" in stale.content.decode() or "inzwischen" in stale.content.decode()
    assert model.templates.count() == 3
    double = client.post(
        url,
        {
            **_rows([(None, "Phase A", "", 1, False), (None, "phase a", "", 2, False)]),
            "version": model.version,
        },
    )
    assert "Phase 2: „phase a“ steht schon als Phase 1 in der Liste." in double.content.decode()
    assert model.templates.count() == 3


def test_a_bad_number_or_too_long_gate_in_the_phase_list_is_said_not_swallowed(cast):
    """QA: only a row's name showed its error; a number like 12,5 or a gate name over 120
    characters sent the page back unchanged without a word."""
    model = services.phase_model_ensure(cast.programme)
    url = reverse("planning:phase_list", args=[cast.programme.slug])
    client = cast.client("pmo")
    for row, said in (
        ((None, "Neu", "", "12,5", False), "Bitte eine ganze Zahl eingeben."),
        ((None, "Neu", "T" * 121, 1, False), "höchstens 120 Zeichen"),
    ):
        response = client.post(url, {**_rows([row]), "version": model.version})
        html = response.content.decode()
        assert "Die Phasen wurden nicht gespeichert." in html
        assert said in html
    assert model.templates.count() == 3


@pytest.mark.parametrize("role", ["viewer", "project_lead"])
def test_only_the_office_edits_the_phase_list(cast, role):
    url = reverse("planning:phase_list", args=[cast.programme.slug])
    assert cast.client(role).get(url).status_code in (403, 404)


def _availability_post(availability: Availability, version: int, amount: str) -> dict:
    return {
        "org_unit": availability.org_unit_id,
        "person": "",
        "month": "01.2026",
        "unit": "person_days",
        "amount": amount,
        "line_work_percent": 30,
        "note": "",
        "version": version,
    }


def test_the_office_edits_an_availability_with_a_version_check(cast):
    availability = AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit)
    url = reverse("planning:availability_edit", args=[availability.pk])
    client = cast.client("pmo")
    assert client.get(url).status_code == 200
    listing = client.get(reverse("planning:availability", args=[cast.programme.slug]))
    assert url in listing.content.decode()
    assert client.post(url, _availability_post(availability, 1, "18")).status_code == 302
    availability.refresh_from_db()
    assert (availability.amount, availability.line_work_percent) == (Decimal("18"), 30)
    assert availability.history.count() == 2
    # A second editor with the old version is refused; nothing is overwritten.
    stale = client.post(url, _availability_post(availability, 1, "5"))
    assert stale.status_code == 200
    availability.refresh_from_db()
    assert availability.amount == Decimal("18")
    assert cast.client("viewer").get(url).status_code in (403, 404)


def test_an_availability_per_person(cast):
    availability = AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit)
    url = reverse("planning:availability_edit", args=[availability.pk])
    post = {**_availability_post(availability, 1, "10"), "person": cast.users["member"].pk}
    assert cast.client("pmo").post(url, post).status_code == 302
    assert Availability.objects.get(pk=availability.pk).person == cast.users["member"]
    assert Availability.objects.get(pk=availability.pk).month == date(2026, 1, 1)


def test_the_availability_edit_marks_the_capacity_tab(cast):
    """QA: the availability's edit page was the only page of the capacity section that
    marked no tab of the navigation."""
    availability = AvailabilityFactory(programme=cast.programme, org_unit=cast.org_unit)
    html = cast.client("pmo").get(reverse("planning:availability_edit", args=[availability.pk]))
    capacity = reverse("planning:heat_map", args=[cast.programme.slug])
    assert f'<a href="{capacity}" aria-current="page">' in html.content.decode()
