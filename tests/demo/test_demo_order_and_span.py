"""The demo's history in the real order, every demo project with a lead and an org unit, and
Konstanz's dates inside Konstanz's time (issue 11 D/E).

All three demo programmes are loaded on a fixed day (the clock faked) on which a Strategie-BK
extended the term after the past Transformationskonferenz released a project: the release
must show in a report as of its own day, not only after the later extension."""

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from lotse.council_reports.collect import collect_report
from lotse.demo.duisburg import load_duisburg_demo
from lotse.demo.ideas_demo import load_konstanz_demo
from lotse.demo.loader import load_potsdam
from lotse.demo.term_demo import extension_decisions
from lotse.governance.models import Decision
from lotse.governance.models import DecisionKind
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

pytestmark = pytest.mark.django_db

# The Transformationskonferenz ~90 days before (early September 2026) released a project;
# the Strategie-BK of 17.11.2026 extended the term after it.
TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _stage_in(report, pk: int) -> str:
    return next(p.stage for f in report.fields for p in f.projects if p.pk == pk)


def _programme_paths(model: type[models.Model]) -> list[str]:
    """Lookups from `model` to its programme (one or two steps), if it has one."""
    found = []
    for f in model._meta.concrete_fields:
        if not f.is_relation or f.related_model is None:
            continue
        if f.related_model is Programme:
            found.append(f.name)
        elif f.related_model._meta.app_label.startswith(("portfolio", "ideas", "planning")):
            for g in f.related_model._meta.concrete_fields:
                if g.is_relation and g.related_model is Programme:
                    found.append(f"{f.name}__{g.name}")
    return found


# When a row was written, not a date of the programme's own data. `content_changed_at` is the
# public pages' freshness stamp (Last-Modified, public/freshness.py): it must be the moment the
# content really changed in this database, which for the demo is the moment it was loaded.
TECHNICAL = {"created_at", "updated_at", "content_changed_at", "last_login", "date_joined"}


def _konstanz_dates_outside(programme: Programme) -> list[str]:
    """Every date of a Konstanz row (its own data, not when the demo wrote it) outside the
    programme's start and end."""
    start, end = programme.start_date, programme.end_date
    outside = []
    for model in apps.get_models():
        if not model.__module__.startswith("lotse.") or model.__name__.startswith("Historical"):
            continue
        if model._meta.label in {"reporting.ReminderLog", "accounts.ProgrammeRole"}:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateField | models.DateTimeField) and f.name not in TECHNICAL
        ]
        if not fields:
            continue
        for path in _programme_paths(model):
            for row in model._default_manager.filter(**{path: programme}):
                for f in fields:
                    value = getattr(row, f.attname)
                    if value is None:
                        continue
                    day = timezone.localtime(value).date() if isinstance(value, datetime) else value
                    if not start <= day <= end:
                        outside.append(f"{model._meta.label}.{f.name} of {row}: {day}")
    return outside


def test_demo_history_order_leads_and_konstanz_span():
    moment = timezone.make_aware(datetime.combine(TODAY, time(14, 30)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        load_potsdam(password="lotse-demo")
        load_konstanz_demo(today=TODAY)
        load_duisburg_demo(today=TODAY)
        potsdam = Programme.objects.get(slug="potsdam")

        # 2. The release decision is in the history on its own day, before the extension.
        decision = Decision.objects.get(
            meeting__series__programme=potsdam, kind=DecisionKind.RELEASE_INITIATION
        )
        day = decision.meeting.date
        extension = extension_decisions(potsdam)[-1]
        assert day < extension.decided_on < TODAY
        project = Project.objects.get(pk=decision.project_id)
        assert project.stage == "running"
        before = collect_report(programme=potsdam, kind="committee", as_of=day - timedelta(1))
        assert _stage_in(before, project.pk) == "start_soon"
        on_the_day = collect_report(programme=potsdam, kind="committee", as_of=day)
        assert _stage_in(on_the_day, project.pk) == "running"
        after = collect_report(programme=potsdam, kind="committee", as_of=extension.decided_on)
        assert _stage_in(after, project.pk) == "running"
        # The extension's records carry the new end and the new stage; the history is in order.
        records = list(project.history.order_by("history_date"))
        assert [r.history_date for r in records] == sorted(r.history_date for r in records)
        assert records[-1].planned_end == potsdam.end_date
        assert {r.stage for r in records if r.history_date.date() >= day} == {"running"}

        # 5. Every project of every demo programme has a lead and an org unit.
        demo = Project.objects.filter(programme__slug__in=["potsdam", "konstanz", "duisburg"])
        assert {p.programme.slug for p in demo} == {"potsdam", "konstanz", "duisburg"}
        assert [p.title for p in demo if p.lead_id is None] == []
        assert [p.title for p in demo if p.org_unit_id is None] == []

        # 4. Konstanz ran 11/2019–12/2021: none of its dates lies outside.
        konstanz = Programme.objects.get(slug="konstanz")
        assert _konstanz_dates_outside(konstanz) == []
