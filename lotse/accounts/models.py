"""Users, their roles per programme and project, and personal API tokens."""

import hashlib
import secrets
from typing import Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person using Lotse. Display name is what others see; e-mail receives reminders."""

    display_name = models.CharField(_("Anzeigename"), max_length=150, blank=True)
    public_name_opt_in = models.BooleanField(
        _("Name darf öffentlich erscheinen"),
        default=False,
        help_text=_("Nur mit Einwilligung erscheint der Name auf den öffentlichen Seiten."),
    )

    class Meta:
        verbose_name = _("Benutzer/in")
        verbose_name_plural = _("Benutzer/innen")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class ProgrammeRole(models.Model):
    """A role a user holds in a programme (and its sub-programmes)."""

    class Role(models.TextChoices):
        SPONSOR = "sponsor", _("Auftraggeber/in")
        PROGRAMME_MANAGER = "programme_manager", _("Programmverantwortliche/r")
        PMO = "pmo", _("PMO")
        CHANGE_MANAGER = "change_manager", _("Business Change Manager")
        VIEWER = "viewer", _("Lesende/r")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_roles",
        verbose_name=_("Person"),
    )
    programme = models.ForeignKey(
        "portfolio.Programme",
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("Programm"),
    )
    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices)
    org_unit = models.ForeignKey(
        "portfolio.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="change_managers",
        verbose_name=_("Geschäftsbereich"),
        help_text=_("Nur für Business Change Manager: der betreute Geschäftsbereich."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Programmrolle")
        verbose_name_plural = _("Programmrollen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "role", "org_unit"], name="unique_programme_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.programme})"


class ProjectRole(models.Model):
    """A role a user holds in one project."""

    class Role(models.TextChoices):
        PROJECT_LEAD = "project_lead", _("Projektleitung / Product Owner")
        MEMBER = "member", _("Projektteam")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="project_roles",
        verbose_name=_("Person"),
    )
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("Projekt"),
    )
    role = models.CharField(_("Rolle"), max_length=32, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Projektrolle")
        verbose_name_plural = _("Projektrollen")
        constraints = [
            models.UniqueConstraint(fields=["user", "project", "role"], name="unique_project_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.project})"


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> Self:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for scripts. Only its SHA-256 hash is stored; the secret is shown once."""

    PREFIX = "lotse_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("Erkennungszeichen"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def new_secret(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
