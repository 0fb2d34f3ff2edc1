"""The language switch is a link in the header, not a submit button: on the login page the
first submit button is "Anmelden" (screen readers and scripts press the first one)."""

import re

from django.urls import reverse


def test_first_submit_button_of_the_login_page_is_anmelden(client):
    page = client.get(reverse("accounts:login")).content.decode()
    buttons = re.findall(
        r"<button[^>]*>(.*?)</button>|<input[^>]*type=\"submit\"[^>]*>", page, re.S
    )
    assert buttons, "the login page has a submit button"
    assert buttons[0].strip() == "Anmelden"
    assert len(buttons) == 1
    switch = reverse("accounts:language", args=["en"])
    assert f'href="{switch}?next=/konto/anmelden/"' in page


def test_language_link_sets_the_cookie_and_returns(client):
    response = client.get(reverse("accounts:language", args=["en"]), {"next": "/konto/anmelden/"})
    assert response.status_code == 302 and response["Location"] == "/konto/anmelden/"
    assert response.cookies["django_language"].value == "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en"' in page
    assert "Log in" in page
    back = reverse("accounts:language", args=["de"])
    assert f'href="{back}?next=/konto/anmelden/"' in page


def test_language_link_refuses_foreign_targets_and_unknown_languages(client):
    response = client.get(
        reverse("accounts:language", args=["en"]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    assert client.get(reverse("accounts:language", args=["fr"])).status_code == 404
    assert client.post(reverse("accounts:language", args=["en"])).status_code == 405
