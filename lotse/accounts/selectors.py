"""Reads about accounts: who holds a role, whom to ask for access, how people sign in."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from .models import ProgrammeRole
from .models import ProjectRole
from .models import User


def holds_any_role(user: User) -> bool:
    """Any programme or project role (by hand or from the directory), or a project led."""
    return (
        ProgrammeRole.objects.filter(user=user).exists()
        or ProjectRole.objects.filter(user=user).exists()
        or user.led_projects.exists()
    )


def pmo_contacts() -> QuerySet[User]:
    """The people who can give roles: the PMO of any programme (active accounts only)."""
    return (
        User.objects.filter(is_active=True, programme_roles__role=ProgrammeRole.Role.PMO)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def login_options() -> dict[str, Any]:
    """What the login page offers: the form (local or directory), single sign-on, or both."""
    return {
        "oidc_enabled": bool(getattr(settings, "LOTSE_OIDC_ENABLED", False)),
        "oidc_label": getattr(settings, "LOTSE_OIDC_LABEL", ""),
        "password_form_primary": bool(
            settings.LOTSE_LOCAL_LOGIN or getattr(settings, "LOTSE_LDAP_SERVER_URI", "")
        ),
    }
