"""{% nav_url %}: the navigation's links are reversed once per process, what a person may see
is still decided on every request."""

import pytest
from django.template import Context, Template
from django.test import Client, override_settings
from django.urls import reverse, set_script_prefix

from lotse.accounts.models import ProgrammeRole
from lotse.http import _id_pattern, id_url
from lotse.nav_urls import _reversed
from tests.factories import ProgrammeFactory, ProgrammeRoleFactory, UserFactory


def render(source: str, **context: object) -> str:
    return Template("{% load nav_urls %}" + source).render(Context(context))


def test_nav_url_gives_what_url_gives(db):
    assert render("{% nav_url 'home' %}") == reverse("home")
    assert render("{% nav_url 'boards:overview' slug %}", slug="stadt") == reverse(
        "boards:overview", args=["stadt"]
    )
    assert render("{% nav_url 'accounts:language' 'en' %}") == reverse(
        "accounts:language", args=["en"]
    )


def test_the_memo_holds_each_link_once():
    _reversed.cache_clear()
    for _ in range(3):
        render("{% nav_url 'portfolio:target_picture' 'a' %}{% nav_url 'home' %}")
    assert _reversed.cache_info().misses == 2
    assert _reversed.cache_info().hits == 4


def test_a_script_prefix_gets_its_own_links():
    plain = render("{% nav_url 'home' %}")
    set_script_prefix("/lotse/")
    try:
        assert render("{% nav_url 'home' %}") == "/lotse/" == reverse("home")
    finally:
        set_script_prefix("/")
    assert render("{% nav_url 'home' %}") == plain


@override_settings(ROOT_URLCONF="tests.nav_urlconf")
def test_another_urlconf_gets_its_own_links():
    assert render("{% nav_url 'home' %}") == "/anderswo/"


def test_a_role_given_between_two_requests_shows_in_the_next_navigation(db):
    user = UserFactory()
    programme = ProgrammeFactory(name="Neues Programm", slug="neues-programm")
    client = Client()
    client.force_login(user)
    link = reverse("boards:overview", args=[programme.slug])

    assert link not in client.get(reverse("jobs:mine")).content.decode()
    ProgrammeRoleFactory(user=user, programme=programme, role=ProgrammeRole.Role.VIEWER)
    assert link in client.get(reverse("jobs:mine")).content.decode()
    ProgrammeRole.objects.filter(user=user).delete()
    assert link not in client.get(reverse("jobs:mine")).content.decode()


# --- {% id_url %} / lotse.http.id_url: a row's link, its route reversed once per process ----


def test_id_url_gives_what_reverse_gives():
    for name in ("portfolio:project_detail", "governance:item_up", "governance:item_down"):
        for pk in (1, 7, 12345):
            assert id_url(name, pk) == reverse(name, args=[pk])
    assert render("{% id_url 'governance:item_note' pk %}", pk=42) == reverse(
        "governance:item_note", args=[42]
    )
    assert render("{% id_url 'public:project' slug pk %}", slug="stadt-7", pk=7) == reverse(
        "public:project", args=["stadt-7", 7]
    )


def test_id_url_reverses_each_route_once():
    _id_pattern.cache_clear()
    for pk in range(5):
        id_url("governance:item_edit", pk)
    assert _id_pattern.cache_info().misses == 1


def test_id_url_refuses_what_is_not_an_id():
    with pytest.raises(ValueError):
        id_url("governance:item_edit", "1/../../admin")  # type: ignore[arg-type]


def test_id_url_under_a_script_prefix():
    set_script_prefix("/lotse/")
    try:
        assert id_url("portfolio:project_detail", 3) == reverse(
            "portfolio:project_detail", args=[3]
        )
        assert id_url("portfolio:project_detail", 3).startswith("/lotse/")
    finally:
        set_script_prefix("/")
