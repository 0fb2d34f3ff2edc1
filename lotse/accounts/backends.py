"""Authentication backends: login protection (django-axes) and the local password login."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .models import User


class LoginProtectionBackend(AxesStandaloneBackend):
    """django-axes, counting failed logins in the database (shared by every worker).

    Only logins through a web request are counted: `authenticate()` without a request
    (management commands, scripts, tests calling it directly) has no client address to lock.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None:
            return None
        user: AbstractBaseUser | None = super().authenticate(request, username, password, **kwargs)
        return user


class LocalPasswordBackend(ModelBackend):
    """Lotse's own passwords. With LOTSE_LOCAL_LOGIN=0 only superusers (the break-glass
    account) may still sign in with a local password; everybody else uses the directory or SSO.
    Accounts created by LDAP or OpenID Connect have no usable password anyway."""

    def user_can_authenticate(self, user: User | AnonymousUser | None) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if settings.LOTSE_LOCAL_LOGIN:
            return True
        return bool(getattr(user, "is_superuser", False))
