"""At each login through the directory or single sign-on, the roles follow the groups."""

from typing import Any

from django.http import HttpRequest

from .models import User
from .services import directory_roles_sync


def sync_roles_at_login(sender: object, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """Backends that know the person's groups (LDAP, OpenID Connect) put them on the user as
    `directory_groups`; a local password login has none and changes nothing."""
    groups = getattr(user, "directory_groups", None)
    if groups is None:
        return
    directory_roles_sync(user=user, groups=groups)
