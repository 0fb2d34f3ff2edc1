"""Every demo project has a project lead and an org unit (issue 11 E): the Konstanz and
Duisburg projects (the Leitprojekte from the idea scoring included) get example people
without a login, marked as such in their name, and an org unit named in the programme's
material (Konstanz, seed 003) or marked as an example (Duisburg)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lotse.history import start_of
from lotse.history import valid_from
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

EXAMPLE_PERSON = "Beispielperson"
REASON = "Beispieldaten: Projektleitung und Organisationseinheit der Demo"

# programme slug → (org unit code, name), example leads (username, first name, last name)
PEOPLE = {
    "konstanz": (
        ("KN-POA-OS", "POA Organisation und Service"),
        [
            ("beispiel-kn-agenda", "Klara", "Konzil"),
            ("beispiel-kn-leitprojekte", "Bodo", "Seerhein"),
        ],
    ),
    "duisburg": (
        ("DU-DIGI", "Stabsstelle Digitalisierung (Beispieleinheit der Demo)"),
        [
            ("beispiel-du-agenda", "Rhea", "Ruhrort"),
            ("beispiel-du-projekte", "Malte", "Meiderich"),
            ("beispiel-du-bildung", "Edda", "Homberg"),
        ],
    ),
}


@transaction.atomic
def assign_example_leads(programme: Programme) -> int:
    """Give the programme's projects without a lead or org unit example ones; returns how
    many projects changed (none on a second run)."""
    if programme.slug not in PEOPLE:
        return 0
    projects = list(
        Project.objects.filter(programme=programme)
        .filter(Q(lead__isnull=True) | Q(org_unit__isnull=True))
        .order_by("pk")
    )
    if not projects:
        return 0
    (code, name), people = PEOPLE[programme.slug]
    unit, _created = OrgUnit.objects.get_or_create(code=code, defaults={"name": name})
    leads = []
    for username, first, last in people:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "display_name": f"{first} {last} ({EXAMPLE_PERSON})",
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        leads.append(user)
    # As of the programme's start: recorded just after each project's latest record.
    start = programme.start_date or timezone.localdate()
    with valid_from(start_of(start), strict=False):
        for index, project in enumerate(projects):
            if project.lead_id is None:
                project.lead = leads[index % len(leads)]
            if project.org_unit_id is None:
                project.org_unit = unit
            project._change_reason = REASON  # type: ignore[attr-defined]
            project.save()
    return len(projects)
