"""No page crashes on any stored date: the whole site, crawled.

Data from before the range checks, from an import or typed into the database may hold any
date the database takes. The demo is loaded, then every date and time field of every Lotse
row (history included) is overwritten, bypassing validation, with one of three extremes: the
bounds the forms accept (01.01.1900, 31.12.2200) and the far future 31.12.9999. Then every
named URL of the site and of the API is requested with GET, as the PMO and anonymously, with
its arguments taken from the demo's rows (the 31.12.9999 ones where there is a choice). No
answer may be a 500. PDFs are left out (they are tested on their own; the data behind each PDF is a
page of its own and crawled), and so are the admin's pages (Django's own).
"""

import re
from datetime import UTC
from datetime import date
from datetime import datetime

import pytest
from django.apps import apps
from django.db import IntegrityError
from django.db import models
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXTREMES = [date(9999, 12, 31), date(2200, 12, 31), date(1900, 1, 1)]

# The segment before an id in a URL names the model the id belongs to.
SEGMENT_MODELS = {
    "projekte": "portfolio.Project",
    "projekt": "portfolio.Project",
    "projects": "portfolio.Project",
    "abhaengigkeiten": "portfolio.Dependency",
    "dependencies": "portfolio.Dependency",
    "themenfelder": "portfolio.FieldOfAction",
    "fields": "portfolio.FieldOfAction",
    "org-units": "portfolio.OrgUnit",
    "goal-contributions": "portfolio.StrategicGoal",
    "rollen": "accounts.ProgrammeRole",
    "projektrollen": "accounts.ProjectRole",
    "tokens": "accounts.ApiToken",
    "perioden": "reporting.ReportingPeriod",
    "berichte": "reporting.StatusReport",
    "auftraege": "jobs.Job",
    "jobs": "jobs.Job",
    "reports": "reporting.StatusReport",
    "meilensteine": "reporting.Milestone",
    "milestones": "reporting.Milestone",
    "risiken": "reporting.Risk",
    "risks": "reporting.Risk",
    "entscheidungsbedarf": "reporting.DecisionRequest",
    "entscheidungsbedarfe": "reporting.DecisionRequest",
    "decision-requests": "reporting.DecisionRequest",
    "ansaetze": "finance.BudgetLine",
    "budget-lines": "finance.BudgetLine",
    "foerderungen": "finance.Funding",
    "fundings": "finance.Funding",
    "fristen": "finance.Deadline",
    "deadlines": "finance.Deadline",
    "vertraege": "finance.SupportContract",
    "support-contracts": "finance.SupportContract",
    "objectives": "okr.Objective",
    "key-results": "okr.KeyResult",
    "verknuepfungen": "okr.OkrLink",
    "links": "okr.OkrLink",
    "quartale": "okr.Quarter",
    "quarters": "okr.Quarter",
    "boards": "boards.Board",
    "karten": "boards.Card",
    "cards": "boards.Card",
    "spalten": "boards.Column",
    "columns": "boards.Column",
    "labels": "boards.Label",
    "retrospektiven": "boards.Retrospective",
    "retrospectives": "boards.Retrospective",
    "massnahmen": "boards.RetroAction",
    "retro-actions": "boards.RetroAction",
    "berichtspflichten": "governance.ReportingDuty",
    "gremien": "governance.MeetingSeries",
    "meeting-series": "governance.MeetingSeries",
    "sitzungen": "governance.Meeting",
    "meetings": "governance.Meeting",
    "tagesordnungspunkte": "governance.AgendaItem",
    "agenda-items": "governance.AgendaItem",
    "aufgaben": "governance.ActionItem",
    "beschluesse": "governance.Decision",
    "kriterien": "ideas.Criterion",
    "criteria": "ideas.Criterion",
    "bewertungsrunden": "ideas.ScoringRound",
    "scoring-rounds": "ideas.ScoringRound",
    "ideen": "ideas.Idea",
    "ideas": "ideas.Idea",
    "kommentare": "discussion.Comment",
    "comments": "discussion.Comment",
    "begriffe": "glossary.GlossaryTerm",
    "archived-reports": "reports.ArchivedReport",
    "leistungen": "ozg.PublicService",
    "services": "ozg.PublicService",
    "phase": "planning.Phase",
    "phasen": "planning.Phase",
    "phases": "planning.Phase",
    "arbeitspaket": "planning.WorkPackage",
    "arbeitspakete": "planning.WorkPackage",
    "work-packages": "planning.WorkPackage",
    "schritte": "planning.Step",
    "schaetzungen": "planning.Estimate",
    "estimates": "planning.Estimate",
    "zuordnungen": "planning.Allocation",
    "allocations": "planning.Allocation",
    "verfuegbarkeiten": "planning.Availability",
    "availability": "planning.Availability",
    "einheit": "portfolio.OrgUnit",
    "abrufe": "finance.CallOff",
    "call-offs": "finance.CallOff",
    "funding-phases": "finance.FundingPhase",
}
# Where the segment is ambiguous, the URL's name decides.
NAME_MODELS = {
    "council_reports:download": "reports.ArchivedReport",
    "council_reports:for_duty": "governance.ReportingDuty",
}
SKIPPED = {"accounts:logout", "set_language"}


def named_patterns(resolver=None, prefix: str = "", namespace: str = "") -> list[tuple]:
    """(name, route) of every named URL of the site, admin left out."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            # An include without a namespace of its own (a list of routes under one prefix)
            # keeps the one it is in.
            inner = entry.namespace or ""
            if namespace and entry.namespace:
                inner = f"{namespace}:{entry.namespace}"
            found += named_patterns(entry, prefix + str(entry.pattern), inner or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace.strip(':')}:{entry.name}" if namespace else entry.name
            found.append((name, prefix + str(entry.pattern)))
    return found


def overwrite_dates() -> int:
    """Every date and time field of every Lotse row gets one of the extremes."""
    written = 0
    for model in apps.get_models():
        if not model.__module__.startswith("lotse."):
            continue
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.DateField | models.DateTimeField) and not f.primary_key
        ]
        if not fields:
            continue
        for index, day in enumerate(EXTREMES):
            moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
            values = {
                name: moment
                if isinstance(model._meta.get_field(name), models.DateTimeField)
                else day
                for name in fields
            }
            # A plain queryset: the archive's own refuses every update, as it should.
            rows = (
                models.QuerySet(model).annotate(_slot=F("pk") % len(EXTREMES)).filter(_slot=index)
            )
            try:
                with transaction.atomic():
                    written += rows.update(**values)
            except IntegrityError:
                # A unique date (one period per start): one row per extreme is enough.
                pk = rows.values_list("pk", flat=True).first()
                if pk is not None:
                    with transaction.atomic():
                        written += models.QuerySet(model).filter(pk=pk).update(**values)
    return written


def pick(label: str) -> models.Model | None:
    """A row of the model, one carrying 31.12.9999 where there is one."""
    model = apps.get_model(label)
    rows = model._default_manager.order_by("pk")
    return rows.annotate(_slot=F("pk") % len(EXTREMES)).filter(_slot=0).first() or rows.first()


def programme_slug(obj: models.Model | None, default: str) -> str:
    for path in ("programme", "project__programme", "board__programme", "series__programme"):
        target = obj
        for part in path.split("__"):
            target = getattr(target, part, None)
        if target is not None and getattr(target, "slug", None):
            return target.slug
    return default


def _dataset_name() -> str:
    from lotse.public.opendata import DATASETS

    return next(iter(DATASETS))


def _first_sheet() -> str:
    from lotse.portfolio_import.columns import SHEETS

    return next(iter(SHEETS))


# Parameters whose value comes from no stored row.
FIXED = {
    "code": lambda: "en",
    "token": lambda: "kein-gueltiges-token",
    "name": _dataset_name,
    "fmt": lambda: "csv",
    "number": lambda: 1,
    "sheet": _first_sheet,
}
# Parameters that carry a random id instead of the primary key.
RANDOM_IDS = {"public_id": "attachments.Attachment", "attachment_id": "attachments.Attachment"}


def _label(name: str, param: str, segment: str) -> str | None:
    if param == "period_pk":
        return "reporting.ReportingPeriod"
    if name.startswith("api:archive_") and param == "report_id":
        return "reports.ArchivedReport"
    named = NAME_MODELS.get(name) if param in ("pk", "report_id") else None
    return named or SEGMENT_MODELS.get(segment)


def arguments(name: str, route: str, default_slug: str) -> dict | None:
    """Keyword arguments for `route`, or None where the demo has nothing to show."""
    params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    kwargs: dict = {}
    first_object = None
    for converter, param in params:
        if param == "slug" or param in FIXED:
            continue
        if param in RANDOM_IDS:
            obj = pick(RANDOM_IDS[param])
            value = getattr(obj, "public_id", None)
        else:
            before = route.split(f"<{converter + ':' if converter else ''}{param}>")[0]
            segment = before.rstrip("/").rsplit("/", 1)[-1]
            label = _label(name, param, segment)
            assert label, f"{name}: which model does {param} after '{segment}/' belong to?"
            obj = pick(label)
            value = getattr(obj, "pk", None)
        if obj is None:
            return None
        kwargs[param] = value
        first_object = first_object or obj
    for _converter, param in params:
        if param == "slug":
            kwargs["slug"] = programme_slug(first_object, default_slug)
        elif param in FIXED:
            kwargs[param] = FIXED[param]()
    return kwargs


def test_no_page_answers_500_on_extreme_stored_dates(demo_loaded):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    assert overwrite_dates() > 1000
    pmo = get_user_model().objects.get(username="pmo")
    as_pmo = Client(raise_request_exception=False)
    as_pmo.force_login(pmo)
    anonymous = Client(raise_request_exception=False)

    crashed, seen, ok = [], 0, 0
    for name, route in named_patterns():
        if name in SKIPPED or name.endswith("_pdf") or route.endswith(".pdf"):
            continue
        kwargs = arguments(name, route, demo_loaded.programme.slug)
        if kwargs is None:
            continue
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception as exc:  # a converter refused our guess: say which
            raise AssertionError(f"{name} {kwargs}: {exc}") from exc
        for who, client in (("PMO", as_pmo), ("anonym", anonymous)):
            response = client.get(url)
            seen += 1
            ok += response.status_code == 200
            if response.status_code >= 500:
                crashed.append(f"{who} {url} ({name}) → {response.status_code}")
    assert not crashed, "Pages that crash on stored extreme dates:\n" + "\n".join(crashed)
    # The crawl really reached the pages (not only redirects and 404s).
    assert seen > 300 and ok > 150, (seen, ok)
