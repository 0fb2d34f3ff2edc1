"""The session and the user every request loads, read with plain SQL
(lotse/accounts/sessions.py, backends.load_user): the same answers as Django's ORM reads."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.backends import load_user
from lotse.accounts.models import User
from lotse.accounts.sessions import SessionStore
from tests.factories import UserFactory


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def profile_status(client: Client) -> int:
    return client.get(reverse("accounts:profile")).status_code


def test_the_engine_is_lotses():
    assert settings.SESSION_ENGINE == "lotse.accounts.sessions"


def test_a_stored_session_is_read_back(db):
    store = SessionStore()
    store["answer"] = 42
    store.create()
    assert SessionStore(store.session_key)["answer"] == 42


def test_an_expired_session_is_not_read(db):
    client = logged_in(UserFactory())
    assert profile_status(client) == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert profile_status(client) == 302  # to the login


def test_an_unknown_key_is_dropped(db):
    store = SessionStore("k" * 32)
    assert store.load() == {}
    assert store.session_key is None


def test_the_user_loads_as_with_the_orm(db):
    user = UserFactory(first_name="Ada", is_staff=True)
    user.last_login = timezone.now()
    user.save()
    loaded = load_user(user.pk)
    expected = User.objects.get(pk=user.pk)
    assert loaded is not None
    for field in User._meta.concrete_fields:
        mine, theirs = getattr(loaded, field.attname), getattr(expected, field.attname)
        assert (mine, type(mine)) == (theirs, type(theirs)), field.name
    assert loaded._state.adding is False and loaded._state.db == "default"
    assert load_user(user.pk + 1000) is None


def test_a_deactivated_user_is_logged_out(db):
    user = UserFactory()
    client = logged_in(user)
    assert profile_status(client) == 200
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert profile_status(client) == 302
