"""Real servers for the single sign-on tests, started once per test session (per worker)."""

import shutil

import pytest
from django.contrib.auth import get_user_model

from lotse.accounts.models import DirectoryGroupRole
from lotse.accounts.models import ProgrammeRole
from tests.factories import ProgrammeFactory

from .directory import Directory


def make_potsdam():
    """The programme whose PMO role the directory group lotse-potsdam-pmo gives."""
    programme = ProgrammeFactory(name="Digitales Potsdam", slug="potsdam")
    DirectoryGroupRole.objects.create(
        group="lotse-potsdam-pmo", programme=programme, programme_role=ProgrammeRole.Role.PMO
    )
    return programme


def user_created_at_first_login(username, first_name, last_name, email):
    """The user the first sign-in created: name and e-mail from the directory (or the
    provider), no local password."""
    user = get_user_model().objects.get(username=username)
    assert (user.first_name, user.last_name, user.email) == (first_name, last_name, email)
    assert not user.has_usable_password()
    return user


@pytest.fixture
def potsdam(db):
    return make_potsdam()


@pytest.fixture(scope="session")
def directory():
    """OpenLDAP with the seeded test directory; the tests using it carry the `ldap` marker."""
    if shutil.which("slapd", path="/usr/sbin") is None:
        pytest.fail(
            "slapd is missing: install Debian's slapd and ldap-utils (scripts/system-packages.txt)"
        )
    server = Directory().start()
    yield server
    server.stop()


@pytest.fixture
def ldap_login(directory, settings):
    """Lotse configured as docs/operations.md describes, against the test directory."""
    from lotse.accounts.ldap_config import ldap_settings

    from .directory import GROUPS
    from .directory import SERVICE_DN
    from .directory import SERVICE_PASSWORD
    from .directory import USERS

    for name, value in ldap_settings(
        server_uri=directory.url,
        bind_dn=SERVICE_DN,
        bind_password=SERVICE_PASSWORD,
        user_base=USERS,
        group_base=GROUPS,
        group_type="group_of_names",
    ).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        "lotse.accounts.backends.LoginProtectionBackend",
        "rules.permissions.ObjectPermissionBackend",
        "lotse.accounts.ldap_backend.DirectoryBackend",
        "lotse.accounts.backends.LocalPasswordBackend",
    ]
    return directory


# How Lotse's test client addresses itself ("http://testserver"), registered with the provider.
TESTSERVER = "http://testserver"


@pytest.fixture(scope="session")
def provider():
    """The independent OpenID provider (django-oidc-provider in its own process)."""
    from .oidc_server import Provider

    server = Provider().start(
        redirect_uris=[f"{TESTSERVER}/konto/sso/callback/"],
        post_logout_redirect_uris=[f"{TESTSERVER}/konto/anmelden/"],
    )
    yield server
    server.stop()


@pytest.fixture
def oidc_login(provider, settings):
    """Lotse configured for OpenID Connect as docs/operations.md describes."""
    configure_oidc(settings, provider, TESTSERVER)
    return provider


def configure_oidc(settings, provider, base_url: str) -> None:
    """Lotse, reachable at `base_url`, signs in through `provider`."""
    from .oidc_server import CLIENT_ID
    from .oidc_server import CLIENT_SECRET

    settings.LOTSE_OIDC_DISCOVERY_URL = provider.discovery_url
    settings.LOTSE_OIDC_ENABLED = True
    settings.LOTSE_OIDC_LABEL = "Test-Anmeldedienst"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.LOTSE_BASE_URL = base_url
    settings.AUTHENTICATION_BACKENDS = [
        "lotse.accounts.backends.LoginProtectionBackend",
        "rules.permissions.ObjectPermissionBackend",
        "lotse.accounts.oidc.OIDCBackend",
        "lotse.accounts.backends.LocalPasswordBackend",
    ]
