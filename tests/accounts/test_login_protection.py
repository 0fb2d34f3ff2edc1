"""Login protection with django-axes: failures live in the database, not in a cache."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lotse.accounts.client_ip import client_ip

LOGIN = "accounts:login"
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"


@pytest.fixture(autouse=True)
def _no_shared_cache(settings):
    # Nothing may depend on a cache shared between workers: each "worker" below has none.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.AXES_FAILURE_LIMIT = 5


def attempt(client, username, password, address="203.0.113.7", **extra):
    return client.post(
        reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def test_five_wrong_passwords_lock_the_account_across_two_workers(cast):
    # Two workers = two clients that share nothing but the database.
    worker_a, worker_b = Client(), Client()
    for number in range(5):
        response = attempt(worker_a if number % 2 else worker_b, "pmo", "falsch")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert AccessAttempt.objects.get(username="pmo").failures_since_start == 5
    # Even the right password is refused, on either worker and on a fresh one.
    for worker in (worker_a, worker_b, Client()):
        response = attempt(worker, "pmo", "geheim-123")
        assert response.status_code == 429
        assert LOCKED in response.content.decode()
    # Another account from the same address, and the same account elsewhere, still sign in.
    assert attempt(Client(), "viewer", "geheim-123").status_code == 302
    assert attempt(Client(), "pmo", "geheim-123", address="198.51.100.9").status_code == 302


def test_four_failures_then_success_resets_the_count(cast):
    client = Client()
    for _ in range(4):
        assert attempt(client, "pmo", "falsch").status_code == 200
    assert attempt(client, "pmo", "geheim-123").status_code == 302
    assert not AccessAttempt.objects.filter(username="pmo").exists()


def test_lockout_does_not_reveal_whether_the_user_exists(cast):
    pages = {}
    for username in ("pmo", "niemand-heisst-so"):
        client = Client()
        first = attempt(client, username, "falsch")
        for _ in range(4):
            last = attempt(client, username, "falsch")
        pages[username] = (first.status_code, last.status_code, _messages(first), _messages(last))
    assert pages["pmo"] == pages["niemand-heisst-so"]
    assert pages["pmo"][:2] == (200, 429)


def _messages(response):
    page = response.content.decode()
    return page.split('class="errorlist', 1)[1].split("</ul>", 1)[0] if "errorlist" in page else ""


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(rf, settings):
    settings.LOTSE_TRUSTED_PROXIES = []
    request = rf.post("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert client_ip(request) == "203.0.113.7"
    settings.LOTSE_TRUSTED_PROXIES = ["10.0.0.2"]
    request = rf.post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.4, 10.0.0.2"
    )
    assert client_ip(request) == "198.51.100.4"
    # A client talking to Lotse directly cannot choose its address through the header.
    request = rf.post("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert client_ip(request) == "203.0.113.7"


def test_behind_a_trusted_proxy_each_client_is_counted_apart(cast, settings):
    settings.LOTSE_TRUSTED_PROXIES = ["10.0.0.2"]
    client = Client()
    for _ in range(5):
        attempt(client, "pmo", "falsch", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4")
    locked = attempt(
        client, "pmo", "geheim-123", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.4"
    )
    assert locked.status_code == 429
    other = attempt(
        client, "pmo", "geheim-123", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.5"
    )
    assert other.status_code == 302


def test_axes_reset_command_and_admin_view(cast, admin_client):
    for _ in range(5):
        attempt(Client(), "pmo", "falsch")
    page = admin_client.get("/admin/axes/accessattempt/")
    assert page.status_code == 200 and "pmo" in page.content.decode()
    call_command("axes_reset", verbosity=0)
    assert attempt(Client(), "pmo", "geheim-123").status_code == 302
