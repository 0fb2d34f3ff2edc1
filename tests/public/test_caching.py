"""Public pages are cacheable: Cache-Control, ETag, Last-Modified, 304, and no cookies."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.http import parse_http_date

from lotse.reporting.models import Milestone


def _urls(world) -> list[str]:
    slug = world.programme.slug
    return [
        reverse("public:index"),
        reverse("public:imprint"),
        reverse("public:privacy"),
        reverse("public:accessibility"),
        reverse("public:programme", args=[slug]),
        reverse("public:field", args=[slug, world.field.pk]),
        reverse("public:project_list", args=[slug]),
        reverse("public:project", args=[slug, world.published.pk]),
        reverse("public:data", args=[slug]),
        reverse("public:dataset", args=[slug, "projekte", "csv"]),
        reverse("public:dataset", args=[slug, "okr", "json"]),
    ]


def test_every_public_response_is_cacheable(world, anon, settings):
    settings.LOTSE_PUBLIC_MAX_AGE = 600
    for url in _urls(world):
        response = anon.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=600", url
        assert response["ETag"].startswith('"'), url
        assert parse_http_date(response["Last-Modified"]), url


@pytest.mark.parametrize("logged_in", [False, True])
def test_no_cookie_is_set_and_nothing_varies_by_cookie(world, client, logged_in):
    if logged_in:
        client.force_login(world.published.lead)
    for url in _urls(world):
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert "csrfmiddlewaretoken" not in response.getvalue().decode(), url


def test_if_none_match_gives_304(world, anon):
    for url in _urls(world):
        etag = anon.get(url)["ETag"]
        again = anon.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again["ETag"] == etag and again["Cache-Control"].startswith("public")
        assert anon.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_if_modified_since_gives_304_until_something_changes(world, anon):
    url = reverse("public:project", args=[world.programme.slug, world.published.pk])
    last_modified = anon.get(url)["Last-Modified"]
    assert anon.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    # A change a few seconds later (HTTP dates have whole seconds) makes the page new again.
    later = timezone.now() + timedelta(seconds=5)
    milestone = Milestone.objects.filter(project=world.published).first()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: later)
        milestone.title = "Pilot verschoben"
        milestone.save()
    response = anon.get(url, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 200
    assert "Pilot verschoben" in response.getvalue().decode()
    assert parse_http_date(response["Last-Modified"]) > parse_http_date(last_modified)


def test_the_etag_changes_with_the_content(world, anon):
    url = reverse("public:project", args=[world.programme.slug, world.published.pk])
    before = anon.get(url)["ETag"]
    world.published.public_summary = "Neu geschrieben."
    world.published.save()
    response = anon.get(url, headers={"If-None-Match": before})
    assert response.status_code == 200 and response["ETag"] != before


def test_an_old_if_modified_since_gets_the_page(world, anon):
    url = reverse("public:programme", args=[world.programme.slug])
    old = http_date((timezone.now() - timedelta(days=400)).timestamp())
    assert anon.get(url, headers={"If-Modified-Since": old}).status_code == 200


def test_public_pages_only_answer_get_and_head(world, anon):
    url = reverse("public:programme", args=[world.programme.slug])
    assert anon.head(url).status_code == 200
    assert anon.post(url).status_code == 405
