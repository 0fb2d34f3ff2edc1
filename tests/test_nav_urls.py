"""{% nav_url %}: the navigation's links are reversed once per process, what a person may see
is still decided on every request."""

import pytest
from django.template import Context
from django.template import Template
from django.test import Client
from django.test import override_settings
from django.urls import reverse
from django.urls import set_script_prefix

from lotse.accounts.models import ProgrammeRole
from lotse.http import _id_pattern
from lotse.http import id_url
from lotse.http import id_url_around
from lotse.nav_urls import _reversed
from tests.factories import ProgrammeFactory
from tests.factories import ProgrammeRoleFactory
from tests.factories import ProjectFactory
from tests.factories import ProjectRoleFactory
from tests.factories import UserFactory


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


def test_id_url_around_is_the_escaped_text_around_the_id(settings):
    head, tail = id_url_around("public:project", "stadt-7")
    assert f"{head}7{tail}" == reverse("public:project", args=["stadt-7", 7])
    # reverse() leaves "&" as it is; in a row's href it must be escaped.
    set_script_prefix("/stadt&land/")
    try:
        head, tail = id_url_around("portfolio:project_detail")
    finally:
        set_script_prefix("/")
    assert head.startswith("/stadt&amp;land/")


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


# --- {% programme_nav %}: the programmes' links ------------------------------------------------


def nav_of(page: str) -> str:
    return page.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_several_programmes_only_the_current_one_shows_its_sections(db):
    user = UserFactory()
    here = ProgrammeFactory(name="Hier", slug="hier", short_name="H<1>")
    there = ProgrammeFactory(name="Dort & Co", slug="dort", short_name="")
    for programme in (here, there):
        ProgrammeRoleFactory(user=user, programme=programme, role=ProgrammeRole.Role.PMO)
    client = Client()
    client.force_login(user)

    nav = nav_of(client.get(reverse("portfolio:project_list", args=["hier"])).content.decode())

    assert "Zielbild H&lt;1&gt;</a>" in nav and "Zielbild Dort &amp; Co</a>" in nav
    assert (
        f'<a href="{reverse("portfolio:project_list", args=["hier"])}" aria-current="page">' in nav
    )
    assert nav.count('aria-current="page"') == 1
    assert reverse("boards:overview", args=["hier"]) in nav
    assert reverse("boards:overview", args=["dort"]) not in nav


def test_one_programme_shows_its_sections_everywhere_and_names_no_programme(db):
    user = UserFactory()
    programme = ProgrammeFactory(name="Einzig", slug="einzig")
    ProgrammeRoleFactory(user=user, programme=programme, role=ProgrammeRole.Role.VIEWER)
    client = Client()
    client.force_login(user)

    nav = nav_of(client.get(reverse("jobs:mine")).content.decode())

    assert ">Zielbild</a>" in nav and "aria-current" not in nav
    assert reverse("planning:heat_map", args=["einzig"]) in nav
    client.cookies["django_language"] = "en"
    nav = nav_of(client.get(reverse("jobs:mine")).content.decode())
    assert ">Target picture</a>" in nav


def test_the_reports_link_follows_each_users_permission(db):
    """The section links are built once per programme, section, language and permission: a
    user without the report archive's permission never gets the link someone else got."""
    programme = ProgrammeFactory(name="Einzig", slug="einzig")
    reports = reverse("council_reports:index", args=["einzig"])
    project = ProjectFactory(field_of_action__programme=programme)
    seen = []
    for role in ("pmo", None, "viewer"):
        user = UserFactory()
        if role is None:  # a project member sees the programme, not its report archive
            ProjectRoleFactory(user=user, project=project)
        else:
            ProgrammeRoleFactory(user=user, programme=programme, role=role)
        client = Client()
        client.force_login(user)
        seen.append(reports in nav_of(client.get(reverse("jobs:mine")).content.decode()))
    assert seen == [True, False, True]


def test_the_programmes_come_by_name_and_a_superuser_sees_all(db):
    later = ProgrammeFactory(name="Zweites", slug="zweites")
    ProgrammeFactory(name="Erstes", slug="erstes")
    ProgrammeFactory(name="Fremdes", slug="fremdes")
    user = UserFactory()
    ProgrammeRoleFactory(user=user, programme=later, role=ProgrammeRole.Role.VIEWER)
    ProgrammeRoleFactory(
        user=user, programme=ProgrammeFactory(name="Anderes", slug="anderes"), role="viewer"
    )
    client = Client()
    client.force_login(user)
    nav = nav_of(client.get(reverse("jobs:mine")).content.decode())
    assert nav.index("Zielbild Anderes") < nav.index("Zielbild Zweites")
    assert "Fremdes" not in nav and "Erstes" not in nav

    client.force_login(UserFactory(is_superuser=True))
    nav = nav_of(client.get(reverse("jobs:mine")).content.decode())
    names = ["Anderes", "Erstes", "Fremdes", "Zweites"]
    assert sorted(names, key=lambda name: nav.index(f"Zielbild {name}")) == names


# --- {% once_per_language %}: markup rendered once per language --------------------------------

ONCE = (
    "{% load i18n static nav_urls %}{% once_per_language %}{% translate 'Abmelden' %}|"
    "{% nav_url 'home' %}|{% static 'lotse/lotse.css' %}{% endonce_per_language %}"
)


def test_once_per_language_gives_each_language_its_own_text():
    from django.utils import translation

    template = Template(ONCE)
    with translation.override("de"):
        german = template.render(Context())
    with translation.override("en"):
        english = template.render(Context())
    with translation.override("de"):
        assert template.render(Context()) == german
    assert german.startswith("Abmelden|") and not english.startswith("Abmelden|")


def test_once_per_language_follows_the_script_prefix_and_the_static_url():
    template = Template(ONCE)
    plain = template.render(Context())
    set_script_prefix("/lotse/")
    try:
        assert "|/lotse/|" in template.render(Context())
    finally:
        set_script_prefix("/")
    with override_settings(STATIC_URL="/anders/"):
        assert "/anders/lotse/lotse.css" in template.render(Context())
    assert template.render(Context()) == plain


def test_once_per_language_follows_the_urlconf():
    template = Template(ONCE)
    assert "|/|" in template.render(Context())
    with override_settings(ROOT_URLCONF="tests.nav_urlconf"):
        assert "|/anderswo/|" in template.render(Context())


@pytest.mark.parametrize(
    "inside",
    [
        "{{ user }}",
        "{% translate greeting %}",
        "{% nav_url 'boards:overview' slug %}",
        "{% static path %}",
        "{% if x %}a{% endif %}",
        "{% translate 'Abmelden' as label %}",
        "{% csrf_token %}",
    ],
)
def test_once_per_language_refuses_what_depends_on_the_request(inside):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template(
            "{% load i18n static nav_urls %}{% once_per_language %}"
            + inside
            + "{% endonce_per_language %}"
        )


# --- {% language_links %}: the language switch ---------------------------------------------------

OLD_SWITCH = (
    "{% load i18n nav_urls %}{% get_current_language as LANGUAGE_CODE %}"
    "{% get_available_languages as LANGUAGES %}\n"
    "          {% for code, name in LANGUAGES %}{% if code != LANGUAGE_CODE %}"
    "{% get_language_info for code as lang %}\n"
    "          <a href=\"{% nav_url 'accounts:language' code %}"
    '?next={{ request.get_full_path|urlencode }}" lang="{{ code }}" hreflang="{{ code }}">'
    "{{ lang.name_local|capfirst }}</a>\n          {% endif %}{% endfor %}"
)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("path", ["/programme/x/projekte/?q=a%26b&sort=-title", "/ä <&>\"'/", None])
def test_language_links_are_the_loop_they_replace(rf, language, path):
    from django.utils import translation

    context = {} if path is None else {"request": rf.get(path)}
    with translation.override(language):
        expected = Template(OLD_SWITCH).render(Context(context))
        mine = Template("{% load nav_urls %}\n          {% language_links %}").render(
            Context(context)
        )
    assert mine == expected
    assert mine.count("<a ") == 1


# --- {% pager %}: includes/pager.html as one tag ------------------------------------------------

PAGER_INCLUDE = (
    '{% include "includes/pager.html" with page=page query=query label=label param=param %}'
)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("count", "number"), [(5, 1), (250, 1), (250, 2), (250, 3), (1234, 13)])
@pytest.mark.parametrize(
    ("query", "label", "param"), [("", "", ""), ("q=a%26b&sort=-title", "Seiten <der> Liste", "s2")]
)
def test_pager_is_the_include_it_replaces(language, count, number, query, label, param):
    from django.core.paginator import Paginator
    from django.utils import translation

    page = Paginator(range(count), 100).page(number)
    context = {"page": page, "query": query, "label": label, "param": param}
    with translation.override(language):
        expected = Template(PAGER_INCLUDE).render(Context(context))
        mine = render("{% pager page query label param %}", **context)
    assert mine == expected
