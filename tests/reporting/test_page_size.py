"""The cockpit and the Projektcheck page keep their size however large the programme:
attention first, then pages (issue 14)."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from lotse.reporting.views import programme as views
from tests.reporting.test_programme_cockpit import finish_cast_projects
from tests.reporting.test_programme_cockpit import grow
from tests.reporting.test_programme_cockpit import live_periods

PER_PAGE = 4
TOTAL = 11


@pytest.fixture
def big(cast, monkeypatch):
    monkeypatch.setattr(views, "COCKPIT_PER_PAGE", PER_PAGE)
    monkeypatch.setattr(views, "PROJEKTCHECK_PER_PAGE", PER_PAGE)
    finish_cast_projects(cast)
    periods = live_periods(cast.programme, 3)
    grow(cast, TOTAL, periods, with_details=False)
    return cast, periods[-1]


def _rows(html: str) -> list[str]:
    body = "".join(re.findall(r'<table class="cockpit-table">(.*?)</table>', html, re.S))
    return re.findall(r"<tr( class=\"needs-attention\")?>\s*<th scope=\"row\">", body)


def test_the_cockpit_shows_a_page_of_rows_and_counts_them_all(big):
    cast, period = big
    url = reverse("reporting:programme_cockpit", args=[cast.programme.slug])
    client = cast.client("pmo")
    first = client.get(url, {"period": period.pk})
    assert len(_rows(first.content.decode())) <= PER_PAGE
    assert first.context["summary"]["total"].total == TOTAL
    assert first.context["page"].paginator.num_pages == 3
    assert "seite=2" in first.content.decode()
    seen = []
    for number in (1, 2, 3):
        page = client.get(url, {"period": period.pk, "seite": number}).context["page"]
        seen += [row.project.pk for row in page.object_list]
    assert len(set(seen)) == TOTAL
    # attention first: no page holds an attention row after a row without attention
    flags = [
        row.needs_attention
        for number in (1, 2, 3)
        for row in client.get(url, {"period": period.pk, "seite": number}).context["page"]
    ]
    assert flags == sorted(flags, reverse=True)
    assert len(first.context["not_reported"]) <= PER_PAGE


def test_the_projektcheck_page_shows_a_page_of_cockpits_with_links_across(big):
    cast, period = big
    url = reverse("reporting:projektcheck", args=[cast.programme.slug])
    response = cast.client("pmo").get(url, {"period": period.pk})
    html = response.content.decode()
    assert html.count('<article class="card pc-project"') == PER_PAGE
    # The PDF (the background job's `_projektcheck`) still gets them all, in the page's order.
    request = RequestFactory().get(url, {"period": period.pk})
    request.user = cast.users["pmo"]
    rows = views._projektcheck(request, cast.programme.slug)["rows"]
    assert len(rows) == TOTAL
    assert response.context["total"] == TOTAL
    assert [row.project.pk for row, _prev, _next in response.context["entries"]] == [
        row.project.pk for row in rows[:PER_PAGE]
    ]
    # the last cockpit on the page links to the first of the next page
    following = rows[PER_PAGE].project.pk
    assert f"seite=2#projekt-{following}" in html.replace("&amp;", "&")
    second = cast.client("pmo").get(url, {"period": period.pk, "seite": 2}).content.decode()
    assert f'id="projekt-{following}"' in second
    assert f"seite=1#projekt-{rows[PER_PAGE - 1].project.pk}" in second.replace("&amp;", "&")
