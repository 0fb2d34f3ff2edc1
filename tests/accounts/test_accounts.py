from django.test import Client
from django.urls import reverse

from lotse.accounts.models import ApiToken


def test_login_page_is_german_by_default(db):
    page = Client().get(reverse("accounts:login")).content.decode()
    assert 'lang="de"' in page
    assert "Benutzername" in page and "Passwort" in page


def test_login_and_logout(cast):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "pmo", "password": "geheim-123"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_wrong_password_gives_a_german_message(cast):
    response = Client().post(reverse("accounts:login"), {"username": "pmo", "password": "falsch"})
    assert response.status_code == 200
    assert "Die Anmeldung ist fehlgeschlagen" in response.content.decode()


def test_english_switch(cast):
    client = cast.client("pmo")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'lang="en"' in page
    assert "My profile" in page


def test_password_change(cast):
    client = cast.client("viewer")
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "geheim-123",
            "new_password1": "Neu-und-lang-2024",
            "new_password2": "Neu-und-lang-2024",
        },
    )
    assert response.status_code == 302
    cast.users["viewer"].refresh_from_db()
    assert cast.users["viewer"].check_password("Neu-und-lang-2024")


def test_password_change_validates_in_german(cast):
    client = cast.client("viewer")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "falsch", "new_password1": "abc", "new_password2": "abc"},
    )
    assert response.status_code == 200
    assert "Das alte Passwort war falsch" in response.content.decode()


def test_token_is_shown_once_and_stored_hashed(cast):
    client = cast.client("pmo")
    response = client.post(reverse("accounts:profile"), {"name": "Controlling-Skript"})
    page = response.content.decode()
    token = ApiToken.objects.get(user=cast.users["pmo"])
    secret = page.split('id="new-token">')[1].split("<")[0]
    assert secret.startswith("lotse_")
    assert token.token_hash == ApiToken.hash_secret(secret)
    assert secret not in token.token_hash and secret != token.hint
    # Reloading the profile does not show it again.
    assert secret not in client.get(reverse("accounts:profile")).content.decode()


def test_token_revoke_only_own(cast):
    from lotse.accounts.services import api_token_authenticate
    from lotse.accounts.services import api_token_create

    token, secret = api_token_create(user=cast.users["pmo"], name="x")
    other = cast.client("viewer").post(reverse("accounts:token_revoke", args=[token.pk]))
    assert other.status_code == 404
    assert api_token_authenticate(secret) == cast.users["pmo"]
    cast.client("pmo").post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api_token_authenticate(secret) is None


def test_security_headers(cast):
    response = cast.client("pmo").get(reverse("accounts:profile"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_german_even_when_the_browser_asks_for_english(db):
    page = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="de"' in page.content.decode()
