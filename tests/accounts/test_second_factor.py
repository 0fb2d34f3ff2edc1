"""The optional second factor (TOTP via django-otp) for local accounts."""

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

LOGIN = "accounts:login"


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_set_up_then_the_login_asks_for_the_code(cast):
    viewer = cast.client("viewer")
    first = viewer.get(reverse("accounts:second_factor")).content.decode()
    assert "Zweiten Faktor einrichten" in first and 'id="totp-secret"' not in first
    assert not TOTPDevice.objects.exists()  # a GET stores no secret
    started = viewer.post(reverse("accounts:second_factor"), {"start": "1"})
    assert started.status_code == 302
    page = viewer.get(reverse("accounts:second_factor")).content.decode()
    assert 'id="totp-secret"' in page and "otpauth://totp/" in page
    device = TOTPDevice.objects.get(user=cast.users["viewer"])
    viewer.post(reverse("accounts:second_factor"), {"start": "1"})  # again: same secret
    assert TOTPDevice.objects.get(user=cast.users["viewer"]).key == device.key
    wrong = viewer.post(reverse("accounts:second_factor"), {"token": "000000"})
    assert "Der Code passt nicht" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    assert (
        viewer.post(reverse("accounts:second_factor"), {"token": code(device)}).status_code == 302
    )
    device.refresh_from_db()
    assert device.confirmed

    without = Client().post(reverse(LOGIN), {"username": "viewer", "password": "geheim-123"})
    assert without.status_code == 200
    assert "Bitte geben Sie den aktuellen sechsstelligen Code" in without.content.decode()
    device.refresh_from_db()
    device.last_t = -1  # the code was used for the setup; a code is accepted once
    device.save()
    with_code = Client().post(
        reverse(LOGIN), {"username": "viewer", "password": "geheim-123", "otp_token": code(device)}
    )
    assert with_code.status_code == 302


def test_without_a_device_the_code_is_not_needed(cast):
    response = Client().post(reverse(LOGIN), {"username": "pmo", "password": "geheim-123"})
    assert response.status_code == 302


def test_remove_the_second_factor(cast):
    TOTPDevice.objects.create(user=cast.users["viewer"], name="App", confirmed=True)
    viewer = cast.client("viewer")
    viewer.post(reverse("accounts:second_factor"), {"remove": "1"})
    assert not TOTPDevice.objects.filter(user=cast.users["viewer"]).exists()
