"""`manage.py load_demo` on an empty database: its summary, the password, production mode."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.core.management import call_command
from django.test import override_settings

from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

from .test_load_demo import USERNAMES

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_command_prints_summary_and_logins(monkeypatch):
    monkeypatch.delenv("LOTSE_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    for username in USERNAMES:
        assert username in text
    assert "lotse-demo" in text
    assert "http://127.0.0.1:8000/" in text
    # The 24 projects of the Programmauftrag and their named sub-projects.
    assert f"Project {Project.objects.filter(programme__slug='potsdam').count()} " in text
    quiet = StringIO()
    call_command("load_demo", "--quiet", stdout=quiet)
    assert quiet.getvalue() == ""


@override_settings(DEBUG=True)
def test_command_uses_password_from_environment(monkeypatch):
    monkeypatch.setenv("LOTSE_DEMO_PASSWORD", "anderes-geheimnis")
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "anderes-geheimnis" in out.getvalue()
    assert authenticate(username="lesend", password="anderes-geheimnis") is not None
    assert authenticate(username="lesend", password="lotse-demo") is None


@override_settings(DEBUG=False)
def test_production_mode_refuses_the_default_password(monkeypatch):
    monkeypatch.delenv("LOTSE_DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())
    assert not Programme.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()
