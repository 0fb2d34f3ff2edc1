"""The public idea platform: switch, submission with spam measures, list and detail, supports
by cookie without personal data, and nothing internal ever public."""

import pytest
from django.core.cache import cache
from django.core.signing import TimestampSigner
from django.test import Client
from django.urls import reverse

from lotse.ideas import services
from lotse.ideas.models import Idea
from lotse.ideas.models import IdeaSettings
from lotse.ideas.models import Score
from lotse.ideas.models import Support
from lotse.public import ideas as public_ideas
from lotse.public.models import ProgrammePublication
from tests.public.test_leaks import crawl

from .conftest import make_idea


@pytest.fixture
def public(cast, ideas):
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    cache.clear()
    return cast


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(public_ideas, "MIN_FILL_SECONDS", 0)


def submit_url(cast) -> str:
    return reverse("public:idea_submit", args=[cast.programme.slug])


def form_data(cast, **extra) -> dict:
    data = {
        "title": "Digitale Parkausweise",
        "description": "Anwohnerparkausweise online beantragen.",
        "field_of_action": cast.field.pk,
        "stamp": public_ideas.form_stamp(cast.programme.slug),
        "website": "",
    }
    data.update(extra)
    return data


def test_platform_needs_both_switches(cast, ideas):
    anon = Client()
    url = reverse("public:idea_list", args=[cast.programme.slug])
    assert anon.get(url).status_code == 404  # public pages off
    ProgrammePublication.objects.create(programme=cast.programme, enabled=True)
    assert anon.get(url).status_code == 200
    IdeaSettings.objects.filter(programme=cast.programme).update(public_platform=False)
    assert anon.get(url).status_code == 404
    assert anon.get(submit_url(cast)).status_code == 404


def test_submit_without_account_and_confirmation(public, quick):
    anon = Client()
    form = anon.get(submit_url(public))
    assert form.status_code == 200 and b'name="website"' in form.content
    assert "Set-Cookie" not in form.headers
    response = anon.post(submit_url(public), form_data(public))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:idea_thanks", args=[public.programme.slug])
    idea = Idea.objects.get(title="Digitale Parkausweise")
    assert idea.source == "public" and idea.moderation == "pending"
    thanks = anon.get(response["Location"])
    assert "Vielen Dank" in thanks.content.decode()


def test_honeypot_stores_nothing(public, quick):
    response = Client().post(submit_url(public), form_data(public, website="http://spam"))
    assert response.status_code == 302
    assert not Idea.objects.filter(title="Digitale Parkausweise").exists()


def test_too_fast_is_refused(public):
    response = Client().post(submit_url(public), form_data(public))
    assert response.status_code == 422
    assert "sehr schnell" in response.content.decode()
    assert not Idea.objects.filter(title="Digitale Parkausweise").exists()


def test_forged_stamp_is_refused(public, quick):
    forged = TimestampSigner(salt="other").sign(public.programme.slug)
    response = Client().post(submit_url(public), form_data(public, stamp=forged))
    assert response.status_code == 422
    assert not Idea.objects.filter(title="Digitale Parkausweise").exists()


def test_rate_limit_per_address(public, quick):
    anon = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(public_ideas.SUBMISSIONS_PER_HOUR):
        assert (
            anon.post(submit_url(public), form_data(public, title=f"Idee {n}")).status_code == 302
        )
    blocked = anon.post(submit_url(public), form_data(public, title="Noch eine"))
    assert blocked.status_code == 429
    assert not Idea.objects.filter(title="Noch eine").exists()
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert other.post(submit_url(public), form_data(public, title="Andere")).status_code == 302


def test_form_errors_name_the_field(public, quick):
    response = Client().post(submit_url(public), form_data(public, title=""))
    assert response.status_code == 422
    assert "Titel Ihrer Idee" in response.content.decode()
    email_without_consent = Client().post(
        submit_url(public), form_data(public, author_email="a@example.org")
    )
    assert email_without_consent.status_code == 422
    assert "einverstanden" in email_without_consent.content.decode()


def test_list_filters_and_status(public):
    other_field_idea = make_idea(public.programme, None, title="Ohne Themenfeld")
    services.idea_set_status(
        idea=other_field_idea, user=None, status="rejected", reason="Nicht zuständig."
    )
    anon = Client()
    url = reverse("public:idea_list", args=[public.programme.slug])
    page = anon.get(url).content.decode()
    assert "Online-Terminvergabe Bürgeramt" in page and "Ohne Themenfeld" in page
    filtered = anon.get(url, {"themenfeld": public.field.pk}).content.decode()
    assert "Ohne Themenfeld" not in filtered
    by_status = anon.get(url, {"status": "rejected"}).content.decode()
    assert "Online-Terminvergabe" not in by_status and "Ohne Themenfeld" in by_status
    detail = anon.get(
        reverse("public:idea_detail", args=[public.programme.slug, other_field_idea.pk])
    )
    assert "Nicht zuständig." in detail.content.decode()


def test_support_by_cookie_once(public, ideas):
    anon = Client()
    url = reverse("public:idea_support", args=[public.programme.slug, ideas.approved.pk])
    first = anon.post(url)
    assert first.status_code == 302
    cookie = first.cookies[public_ideas.SUPPORT_COOKIE]
    assert cookie["httponly"]
    anon.post(url)
    assert Support.objects.filter(idea=ideas.approved).count() == 1
    detail = anon.get(
        reverse("public:idea_detail", args=[public.programme.slug, ideas.approved.pk])
    )
    assert "Sie unterstützen diese Idee." in detail.content.decode()
    # another browser counts
    Client().post(url)
    assert Support.objects.filter(idea=ideas.approved).count() == 2
    # the stored row holds no address
    assert all("203.0" not in s.token_hash for s in Support.objects.all())


def test_support_rate_limit(public, ideas, monkeypatch):
    monkeypatch.setattr(public_ideas, "SUPPORTS_PER_HOUR", 2)
    url = reverse("public:idea_support", args=[public.programme.slug, ideas.approved.pk])
    assert Client().post(url).status_code == 302
    assert Client().post(url).status_code == 302
    assert Client().post(url).status_code == 429
    assert Support.objects.count() == 2


def test_hidden_pending_internal_not_public(public, ideas):
    anon = Client()
    hidden = make_idea(public.programme, public.field, title="VERSTECKT-I1")
    services.idea_hide(idea=hidden, user=public.users["pmo"], reason="GRUND-I2")
    merged = make_idea(public.programme, public.field, title="DOPPELT-I3")
    services.idea_merge(idea=merged, into=ideas.approved, user=public.users["pmo"])
    for idea in (ideas.pending, ideas.staff, hidden, merged):
        url = reverse("public:idea_detail", args=[public.programme.slug, idea.pk])
        assert anon.get(url).status_code == 404
        assert (
            anon.post(
                reverse("public:idea_support", args=[public.programme.slug, idea.pk])
            ).status_code
            == 404
        )


def test_crawl_shows_nothing_internal(public, ideas):
    pmo = public.users["pmo"]
    hidden = make_idea(public.programme, public.field, title="VERSTECKT-I1")
    services.idea_hide(idea=hidden, user=pmo, reason="GRUND-I2")
    ideas.approved.author_name = "AUTORNAME-I4"
    ideas.approved.author_email = "autor-i5@example.org"
    ideas.approved.save()
    scoring_round = services.round_create(
        programme=public.programme, name="RUNDE-I6", ideas=[ideas.approved], raters=[pmo]
    )
    services.scores_save(
        scoring_round=scoring_round,
        rater=pmo,
        values={(ideas.approved.pk, c.pk): 3 for c in ideas.criteria},
    )
    assert Score.objects.exists()
    pages = crawl(Client(), f"/oeffentlich/{public.programme.slug}/")
    assert f"/oeffentlich/{public.programme.slug}/ideen/{ideas.approved.pk}/" in pages
    secrets = [
        "Ungeprüfte Idee",
        "Erika Mustermann",
        "erika@example.org",
        "Interne Idee der Verwaltung",
        "VERSTECKT-I1",
        "GRUND-I2",
        "AUTORNAME-I4",
        "autor-i5",
        "RUNDE-I6",
        "Nutzen für Mitarbeitende",
    ]
    for url, body in pages.items():
        text = body.decode()
        for marker in secrets:
            assert marker not in text, f"{marker} leaks on {url}"


def test_public_pages_set_no_cookie(public, ideas):
    anon = Client()
    for url in (
        reverse("public:idea_list", args=[public.programme.slug]),
        reverse("public:idea_detail", args=[public.programme.slug, ideas.approved.pk]),
        submit_url(public),
    ):
        response = anon.get(url)
        assert response.status_code == 200
        assert not response.cookies, url


def test_settings_page_is_for_the_office(cast, ideas):
    url = reverse("ideas:settings", args=[cast.programme.slug])
    for role, status in [
        ("programme_manager", 200),
        ("pmo", 200),
        ("change_manager", 403),
        ("viewer", 403),
        ("outsider", 403),
    ]:
        assert cast.client(role).get(url).status_code == status, role
    assert cast.client("anonymous").get(url).status_code == 302
    response = cast.client("programme_manager").post(
        url,
        {
            "public_platform": "",
            "moderation": "post",
            "intro": "",
            "anonymise_after_days": 30,
            "version": 1,
        },
    )
    assert response.status_code == 302
    found = IdeaSettings.objects.get(programme=cast.programme)
    assert not found.public_platform and found.moderation == "post"


def test_programme_page_links_to_the_platform(public):
    page = Client().get(reverse("public:programme", args=[public.programme.slug])).content.decode()
    assert reverse("public:idea_submit", args=[public.programme.slug]) in page
    IdeaSettings.objects.filter(programme=public.programme).update(public_platform=False)
    page = Client().get(reverse("public:programme", args=[public.programme.slug])).content.decode()
    assert reverse("public:idea_list", args=[public.programme.slug]) not in page
