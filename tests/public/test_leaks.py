"""Crawl every public page and download: nothing unpublished or internal may show up."""

import re
from urllib.parse import urljoin
from urllib.parse import urlsplit

from django.urls import reverse

from .conftest import OPTED_IN_NAME
from .conftest import SECRETS

HREF = re.compile(r'href="([^"#]+)')


def crawl(client, start: str = "/oeffentlich/") -> dict[str, bytes]:
    """Every page reachable from the public start page by links (and the downloads)."""
    seen: dict[str, bytes] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        seen[url] = response.getvalue()
        if "html" not in response["Content-Type"]:
            continue
        for href in HREF.findall(response.getvalue().decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/oeffentlich/"):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return seen


def test_no_secret_appears_on_any_public_page_or_download(world, anon):
    pages = crawl(anon)
    programme = world.programme.slug
    expected = {
        "/oeffentlich/",
        "/oeffentlich/impressum/",
        "/oeffentlich/datenschutz/",
        "/oeffentlich/barrierefreiheit/",
        f"/oeffentlich/{programme}/",
        f"/oeffentlich/{programme}/projekte/",
        f"/oeffentlich/{programme}/projekte/{world.published.pk}/",
        f"/oeffentlich/{programme}/projekte/{world.named.pk}/",
        f"/oeffentlich/{programme}/themenfelder/{world.field.pk}/",
        f"/oeffentlich/{programme}/themenfelder/{world.other_field.pk}/",
        f"/oeffentlich/{programme}/daten/",
    }
    for name in ("projekte", "themenfelder", "meilensteine", "okr"):
        for fmt in ("csv", "json"):
            expected.add(f"/oeffentlich/{programme}/daten/{name}.{fmt}")
    assert expected <= set(pages), sorted(expected - set(pages))
    for url, body in pages.items():
        text = body.decode().lower()
        for label, marker in SECRETS.items():
            assert marker.lower() not in text, f"{label} ({marker}) leaks on {url}"
        assert "@" not in text or "mailto:" not in text, f"an e-mail address on {url}"


def test_the_opted_in_name_appears_where_intended(world, anon):
    slug = world.programme.slug
    page = anon.get(reverse("public:project", args=[slug, world.named.pk])).content.decode()
    assert OPTED_IN_NAME in page
    csv = anon.get(reverse("public:dataset", args=[slug, "projekte", "csv"])).getvalue().decode()
    assert OPTED_IN_NAME in csv
    # The other lead did not opt in: no name line at all on that project's page.
    other = anon.get(reverse("public:project", args=[slug, world.published.pk])).content.decode()
    assert "Projektleitung" not in other


def test_withdrawing_consent_removes_the_name(world, anon):
    lead = world.named.lead
    lead.public_name_opt_in = False
    lead.save()
    page = anon.get(reverse("public:project", args=[world.programme.slug, world.named.pk]))
    assert OPTED_IN_NAME not in page.content.decode()


def test_only_the_accepted_light_is_shown(world, anon):
    page = anon.get(reverse("public:project", args=[world.programme.slug, world.published.pk]))
    html = page.content.decode()
    # The accepted report says amber; the newer submitted one says red and stays internal.
    assert "light--amber" in html and "light--red" not in html
    assert "28.01.2025" in html  # "Stand": end of the accepted report's period
    named = anon.get(reverse("public:project", args=[world.programme.slug, world.named.pk]))
    assert "noch kein geprüfter Bericht" in named.content.decode()


def test_a_staff_login_sees_the_same_public_page(world, anon, client):
    client.force_login(world.published.lead)
    url = reverse("public:project", args=[world.programme.slug, world.published.pk])
    assert client.get(url).getvalue() == anon.get(url).getvalue()
