"""Imprint, privacy notice and accessibility statement: placeholders until the operator fills
them in, sanitised Markdown afterwards, linked from every page."""

from django.urls import reverse

from lotse.public.models import PublicSiteSettings

TODO = "Hinweis für den Betreiber"


def test_placeholders_say_the_operator_must_fill_them_in(db, anon):
    for name in ("public:imprint", "public:privacy", "public:accessibility"):
        html = anon.get(reverse(name)).content.decode()
        assert TODO in html, name


def test_the_accessibility_statement_has_what_the_law_asks_for(db, anon):
    PublicSiteSettings.objects.create(
        operator_name="Landeshauptstadt Musterstadt",
        feedback_email="barrierefrei@musterstadt.example",
        feedback_phone="0331 123456",
        accessibility_conformance=PublicSiteSettings.Conformance.PARTIAL,
        accessibility_issues="Ältere PDF-Dokumente sind nicht barrierefrei.",
        enforcement="**Durchsetzungsstelle** des Landes Brandenburg",
    )
    html = anon.get(reverse("public:accessibility")).content.decode()
    assert "teilweise vereinbar" in html
    assert "Ältere PDF-Dokumente" in html
    assert 'href="mailto:barrierefrei@musterstadt.example"' in html
    assert "0331 123456" in html
    assert "<strong>Durchsetzungsstelle</strong>" in html
    assert "Feedback und Kontakt" in html


def test_default_enforcement_text_names_the_schlichtungsstelle(db, anon):
    html = anon.get(reverse("public:accessibility")).content.decode()
    assert "Schlichtungsstelle nach § 16" in html


def test_operator_markdown_is_rendered_and_sanitised(db, anon):
    PublicSiteSettings.objects.create(
        imprint="# Stadt Musterstadt\n\nVertreten durch **die Oberbürgermeisterin**.\n\n"
        '<script>alert("x")</script><a href="javascript:alert(1)">böse</a>',
        privacy="Verantwortlich: [Datenschutz](https://musterstadt.example/datenschutz)",
    )
    imprint = anon.get(reverse("public:imprint")).content.decode()
    assert "<strong>die Oberbürgermeisterin</strong>" in imprint
    assert "<script>alert" not in imprint and "javascript:" not in imprint
    assert TODO not in imprint
    privacy = anon.get(reverse("public:privacy")).content.decode()
    assert 'href="https://musterstadt.example/datenschutz"' in privacy


def test_every_public_page_links_the_legal_pages(world, anon):
    html = anon.get(reverse("public:programme", args=[world.programme.slug])).content.decode()
    for name in ("public:imprint", "public:privacy", "public:accessibility"):
        assert f'href="{reverse(name)}"' in html


def test_internal_pages_link_the_accessibility_statement(cast):
    html = cast.client("pmo").get(reverse("portfolio:target_picture", args=["potsdam"]))
    assert f'href="{reverse("public:accessibility")}"' in html.content.decode()
    login = cast.client("anonymous").get(reverse("accounts:login")).content.decode()
    assert f'href="{reverse("public:accessibility")}"' in login


def test_the_settings_are_a_single_row(db):
    PublicSiteSettings.objects.create(operator_name="A")
    second = PublicSiteSettings(operator_name="B")
    second.save()
    assert PublicSiteSettings.objects.count() == 1
    assert PublicSiteSettings.load().operator_name == "B"
