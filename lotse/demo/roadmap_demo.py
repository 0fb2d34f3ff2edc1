"""Beispieldaten for the roadmap's knock-on (issue 13): two of the demo's dependencies where a
real slip shows a knock-on. Nothing here comes from the Programmauftrag; see docs/demo.md.

- "Beteiligungsportal benötigt Relaunch potsdam.de": the website's milestone "Neue Website
  online" slips 45 days (the reporting demo's forecast); the Beteiligungsportal's milestone
  "Beteiligungsangebote auf der neuen Landing-Page" was planned after the website's plan and
  now lies 21 days before its forecast.
- "Prozessautomatisierung/KI benötigt Aufbau zentrales GPM": a week ago the GPM
  project moved the forecast of "30 priorisierte Prozesse modelliert" by 28 days, past the
  start of the automation pilot. As of eight days ago the roadmap shows no knock-on there.

Create-only and idempotent like the other demo loaders: a row that exists is left alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from datetime import timedelta
from typing import Any

from lotse.history import at
from lotse.history import valid_from
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone

from .reporting_demo import PLANNED_DAYS_AGO

# (project key, title, days from today) of the waiting projects' milestones.
WAITING_MILESTONES = [
    ("beteiligungsportal", "Beteiligungsangebote auf der neuen Landing-Page", 114),
    ("prozessautomatisierung-ki", "Pilot der KI-gestützten Automatisierung startet", 70),
]
# The slip that became known a week ago: (project key, milestone title, days later).
RECENT_SLIP = ("gpm", "30 priorisierte Prozesse modelliert", 28)
SLIP_DAYS_AGO = 7


def load_roadmap_demo(
    *, programme: Programme, projects: dict[str, Project], users: dict[str, Any], today: date
) -> dict[str, int]:
    counter: Counter[str] = Counter()
    planned_at = at(max(today - timedelta(days=PLANNED_DAYS_AGO), programme.start_date or today), 8)
    for key, title, offset in WAITING_MILESTONES:
        project = projects.get(key)
        if project is None or project.milestones.filter(title=title).exists():
            continue
        with valid_from(planned_at, strict=False):
            Milestone.objects.create(
                project=project,
                title=title,
                planned_date=today + timedelta(days=offset),
                order=10,
            )
        counter["Milestone"] += 1
    key, title, days = RECENT_SLIP
    milestone = Milestone.objects.filter(
        project=projects.get(key), title=title, forecast_date=None, actual_date=None
    ).first()
    if milestone is not None:
        with valid_from(at(today - timedelta(days=SLIP_DAYS_AGO), 11), strict=False):
            milestone.forecast_date = milestone.planned_date + timedelta(days=days)
            milestone.save()
        counter["Meilenstein-Prognose"] += 1
    return dict(counter)
