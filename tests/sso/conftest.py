"""Real servers for the single sign-on tests, started once per test session (per worker)."""

import shutil

import pytest

from .directory import Directory


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

    from .directory import GROUPS, SERVICE_DN, SERVICE_PASSWORD, USERS

    for name, value in ldap_settings(
        server_uri=directory.uri,
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
