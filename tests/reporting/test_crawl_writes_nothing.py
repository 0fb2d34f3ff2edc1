"""A plain GET never writes: every page of a programme, crawled, leaves every table as it was.

Reporting periods are stored by services (rhythm saved, programme created, demo load, the
daily `send_reminders` run, the POST that starts a report); pages only read them. The demo is
loaded once for this module (its users would clash with the cast's: a module of its own).
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from lotse.portfolio.models import Programme
from lotse.reporting.models import ReportingConfig
from lotse.reporting.models import ReportingPeriod
from tests.edges.test_crawl_stored_dates import SKIPPED
from tests.edges.test_crawl_stored_dates import arguments
from tests.edges.test_crawl_stored_dates import named_patterns

pytestmark = pytest.mark.django_db

# Known exceptions, each to be solved where it lives (none left).
WRITES_ON_PURPOSE: set[str] = set()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    return {label: (n, after[label]) for label, n in before.items() if after[label] != n}


def test_crawling_every_page_writes_no_row(demo_loaded):
    programme = demo_loaded.programme
    # The rhythm's current period is not stored yet (the daily run has not come): the pages
    # must show it without storing it.
    current = ReportingPeriod.objects.filter(programme=programme).order_by("-start").first()
    if current is not None and not current.reports.exists():
        current.delete()
    # A second programme nobody configured: no rhythm, no periods.
    bare = Programme.objects.create(slug="ohne-rhythmus", name="Ohne Rhythmus")
    pmo = get_user_model().objects.get(username="pmo")
    as_pmo = Client(raise_request_exception=False)
    as_pmo.force_login(pmo)
    from lotse.accounts.models import ProgrammeRole
    from lotse.accounts.services import programme_role_grant

    programme_role_grant(programme=bare, user=pmo, role=ProgrammeRole.Role.PMO)
    urls = []
    for name, route in named_patterns():
        if name in WRITES_ON_PURPOSE:
            continue
        if name in SKIPPED or name.endswith("_pdf") or route.endswith(".pdf"):
            continue
        try:
            kwargs = arguments(name, route, programme.slug)
        except AssertionError:
            # A URL the crawler cannot fill yet: tests/edges/test_crawl_stored_dates.py
            # names it; this crawl goes on with the others.
            continue
        if kwargs is None:
            continue
        urls.append(reverse(name, kwargs=kwargs))
        if list(kwargs) == ["slug"]:
            urls.append(reverse(name, kwargs={"slug": bare.slug}))
    before = row_counts()
    statuses = []
    # As the PMO (sees the most); anonymous GETs only redirect or show public pages.
    for url in urls:
        statuses.append(as_pmo.get(url).status_code)
    assert changed(before, row_counts()) == {}
    assert len(urls) > 150 and statuses.count(200) > 150, (len(urls), statuses.count(200))
    assert not ReportingConfig.objects.filter(programme=bare).exists()
