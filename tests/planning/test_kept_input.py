"""The small forms of a work package and of the project's plan keep refused input: posted
from the page and sent back to it, the typed values stand in their fields again with the
reason beside them (and at the top, as before), once (lotse.drafts)."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from lotse.planning.models import Allocation
from lotse.planning.models import Estimate
from lotse.planning.models import Step
from lotse.planning.models import WorkPackageCard
from tests.kept import messages_of
from tests.kept import shown_field

from .factories import WorkPackageFactory

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Refused:
    action: str  # the URL name the form posts to
    on_project: bool  # posted from the project's plan (else from the work package page)
    data: dict[str, str]
    field: str  # the field that is wrong
    kept: tuple[str, ...]  # the other fields whose values stand there again


LONG = "Schritt " + "x" * 293  # 301 characters
ORG_UNIT = "the cast's org unit"

FORMS = {
    "step": Refused("planning:step_add", False, {"title": LONG}, "title", ()),
    "estimate": Refused(
        "planning:estimate_add",
        False,
        {"label": "Fachverfahren", "hours": "viele"},
        "hours",
        ("label",),
    ),
    "actual": Refused(
        "planning:actual_add",
        False,
        {"month": "13.2026", "hours": "12,5"},
        "month",
        ("hours",),
    ),
    "card": Refused("planning:card_create", False, {"title": "K" * 201}, "title", ()),
    "allocation": Refused(
        "planning:allocation_add",
        True,
        {"org_unit": ORG_UNIT, "month": "03.2026", "person_days": "zwei", "note": "Sprint"},
        "person_days",
        ("org_unit", "month", "note"),
    ),
}


@pytest.fixture
def wp(cast):
    return WorkPackageFactory(project=cast.project, title="Bestandsaufnahme")


def _urls(cast, wp, refused):
    owner = cast.project if refused.on_project else wp
    action = reverse(refused.action, args=[owner.pk])
    page = (
        reverse("planning:project_plan", args=[cast.project.pk])
        if refused.on_project
        else reverse("planning:work_package", args=[wp.pk])
    )
    return action, page


@pytest.mark.parametrize("name", FORMS)
def test_refused_input_stands_in_its_field_with_the_reason_once(cast, wp, name):
    refused = FORMS[name]
    action, page = _urls(cast, wp, refused)
    org_unit = str(cast.org_unit.pk)
    data = {key: org_unit if value == ORG_UNIT else value for key, value in refused.data.items()}
    client = cast.client("pmo")
    response = client.post(action, data, follow=True)
    assert response.redirect_chain[-1][0] == page
    html = response.content.decode()
    field = shown_field(html, action, refused.field)
    assert field.value == refused.data[refused.field]
    assert field.invalid and field.errors and not field.folded
    [message] = messages_of(response)
    assert field.errors[0] in message  # the notice at the top says the same
    for other in refused.kept:
        assert shown_field(html, action, other).value == data[other]
    # once: the next visit shows the empty form
    again = client.get(page).content.decode()
    field = shown_field(again, action, refused.field)
    assert field.value != refused.data[refused.field]
    assert not field.invalid and not field.errors
    assert not Step.objects.exists() and not Estimate.objects.exists()
    assert not Allocation.objects.exists() and not WorkPackageCard.objects.exists()


def test_kept_input_belongs_to_its_work_package(cast, wp):
    """Another work package's page does not show it (nor take it); its own page does."""
    other = WorkPackageFactory(project=cast.project, title="Ausschreibung")
    client = cast.client("pmo")
    action = reverse("planning:step_add", args=[wp.pk])
    client.post(action, {"title": LONG})
    other_page = client.get(reverse("planning:work_package", args=[other.pk])).content.decode()
    other_action = reverse("planning:step_add", args=[other.pk])
    assert shown_field(other_page, other_action, "title").value == ""
    plan = client.get(reverse("planning:project_plan", args=[cast.project.pk])).content.decode()
    assert (
        shown_field(plan, reverse("planning:allocation_add", args=[cast.project.pk]), "note").value
        == ""
    )
    page = client.get(reverse("planning:work_package", args=[wp.pk])).content.decode()
    assert shown_field(page, action, "title").value == LONG


def test_accepted_input_is_not_kept(cast, wp):
    client = cast.client("pmo")
    action = reverse("planning:step_add", args=[wp.pk])
    client.post(action, {"title": LONG})
    client.post(action, {"title": "Bestand erheben"})
    page = client.get(reverse("planning:work_package", args=[wp.pk])).content.decode()
    assert shown_field(page, action, "title").value == LONG  # the refused one, still unshown
    page = client.get(reverse("planning:work_package", args=[wp.pk])).content.decode()
    assert shown_field(page, action, "title").value == ""
    assert Step.objects.filter(work_package=wp, title="Bestand erheben").exists()


def test_a_refused_gate_text_stays_in_its_field_once(cast):
    """The gate's hand-written inputs: a wording (recorded in a meeting) or a PMO note with a
    control character is refused; the typed text stands in its field again, the gate's form
    open, the reason beside it."""
    from lotse.governance.models import DecisionKind
    from lotse.planning import services
    from lotse.planning.models import Gate
    from lotse.planning.models import PhaseModel

    from .test_services import _meeting
    from .test_services import _series

    phases = services.phases_create_from_model(project=cast.project)
    services.phase_start(phase=phases[0])
    meeting = _meeting(_series(cast, [DecisionKind.PASS_GATE]))
    PhaseModel.objects.filter(programme=cast.programme).update(pmo_may_pass_gates=True)
    client = cast.client("pmo")
    plan = reverse("planning:project_plan", args=[cast.project.pk])
    action = reverse("planning:gate_pass", args=[phases[0].pk])
    for how, field, extra in (("meeting", "wording", {"meeting": meeting.pk}), ("pmo", "note", {})):
        typed = "Bewertet\x07 und freigegeben."
        response = client.post(action, {"how": how, field: typed, **extra}, follow=True)
        html = response.content.decode()
        shown = shown_field(html, action, field)
        assert shown.value == typed and shown.invalid and not shown.folded, how
        [error] = shown.errors
        assert "Steuerzeichen" in error
        assert any(error in message for message in messages_of(response))
        again = shown_field(client.get(plan).content.decode(), action, field)
        assert again.value != typed and not again.errors and again.folded
    assert not Gate.objects.get(phase=phases[0]).passed
