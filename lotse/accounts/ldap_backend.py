"""Login against LDAP / Active Directory (django-auth-ldap), with the groups for the roles."""

from typing import Any

from django.http import HttpRequest
from django_auth_ldap.backend import LDAPBackend

from .models import User


class DirectoryBackend(LDAPBackend):
    """django-auth-ldap's backend: the account is created at the first login (with no local
    password), name and e-mail follow the directory, and the user's groups (nested ones
    included) are handed to the role synchronisation at login (signals.sync_roles_at_login)."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **kwargs: Any
    ) -> User | None:
        user: User | None = super().authenticate(request, username=username, **kwargs)
        if user is not None:
            user.directory_groups = set(user.ldap_user.group_names)  # type: ignore[attr-defined]
        return user

    def get_user(self, user_id: int) -> User | None:
        # django-auth-ldap would also return a deactivated account for an old session.
        user: User | None = super().get_user(user_id)
        return user if user is not None and user.is_active else None
