"""django-auth-ldap settings from Lotse's environment variables (see docs/operations.md).

Imported by lotse/settings.py only when LOTSE_LDAP_SERVER_URI is set; needs the optional
extra `lotse[ldap]` (python-ldap, which compiles against Debian's libldap-dev and
libsasl2-dev).
"""

from typing import Any

GROUP_TYPES = {
    # Active Directory: groups of objectClass group, nested through member (recursively).
    "active_directory": ("NestedActiveDirectoryGroupType", "(objectClass=group)"),
    # OpenLDAP and most other directories: groupOfNames, nested through member.
    "group_of_names": ("NestedGroupOfNamesType", "(objectClass=groupOfNames)"),
}


def ldap_settings(
    *,
    server_uri: str,
    bind_dn: str,
    bind_password: str,
    user_base: str,
    user_filter: str = "(uid=%(user)s)",
    group_base: str = "",
    group_type: str = "group_of_names",
    start_tls: bool = False,
    ca_file: str = "",
    require_cert: bool = True,
    timeout: int = 10,
) -> dict[str, Any]:
    """The AUTH_LDAP_* settings: bind with a service account, search the user, read her
    (nested) groups; TLS through ldaps:// or StartTLS, checked against `ca_file` if given."""
    try:
        import ldap
        from django_auth_ldap import config
    except ImportError as error:  # pragma: no cover - depends on the installation
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "LOTSE_LDAP_SERVER_URI is set, but the LDAP libraries are missing: install them "
            "with `pip install 'lotse[ldap]'` (python-ldap needs Debian's libldap-dev and "
            "libsasl2-dev to build)."
        ) from error
    if group_type not in GROUP_TYPES:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"LOTSE_LDAP_GROUP_TYPE={group_type!r} is unknown; use one of "
            + ", ".join(sorted(GROUP_TYPES))
        )
    type_name, group_filter = GROUP_TYPES[group_type]
    options: dict[Any, Any] = {
        ldap.OPT_REFERRALS: 0,  # Active Directory: do not chase referrals
        ldap.OPT_NETWORK_TIMEOUT: timeout,
        ldap.OPT_TIMEOUT: timeout,
        ldap.OPT_X_TLS_REQUIRE_CERT: ldap.OPT_X_TLS_DEMAND
        if require_cert
        else ldap.OPT_X_TLS_NEVER,
    }
    if ca_file:
        options[ldap.OPT_X_TLS_CACERTFILE] = ca_file
    # Must come last: makes the TLS options above take effect for this connection.
    options[ldap.OPT_X_TLS_NEWCTX] = 0
    return {
        "AUTH_LDAP_SERVER_URI": server_uri,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        "AUTH_LDAP_START_TLS": start_tls,
        "AUTH_LDAP_CONNECTION_OPTIONS": options,
        "AUTH_LDAP_USER_SEARCH": config.LDAPSearch(user_base, ldap.SCOPE_SUBTREE, user_filter),
        "AUTH_LDAP_GROUP_SEARCH": config.LDAPSearch(
            group_base or user_base, ldap.SCOPE_SUBTREE, group_filter
        ),
        "AUTH_LDAP_GROUP_TYPE": getattr(config, type_name)(name_attr="cn"),
        "AUTH_LDAP_USER_ATTR_MAP": {"first_name": "givenName", "last_name": "sn", "email": "mail"},
        "AUTH_LDAP_ALWAYS_UPDATE_USER": True,
        "AUTH_LDAP_FIND_GROUP_PERMS": False,
        "AUTH_LDAP_CACHE_TIMEOUT": 0,
    }
