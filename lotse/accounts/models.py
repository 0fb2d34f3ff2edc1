"""Users, their roles per programme and project, and personal API tokens."""

import hashlib
import secrets
from typing import Self

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
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


class RoleSource(models.TextChoices):
    """Where a role assignment comes from. Directory roles follow the person's groups at each
    login; roles given in Lotse stay until someone takes them away in Lotse."""

    LOTSE = "lotse", _("in Lotse vergeben")
    DIRECTORY = "directory", _("aus dem Verzeichnis")


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
    source = models.CharField(
        _("Herkunft"), max_length=16, choices=RoleSource.choices, default=RoleSource.LOTSE
    )
    source_group = models.CharField(
        _("Verzeichnisgruppe"),
        max_length=255,
        blank=True,
        help_text=_("Die Gruppe im Verzeichnis oder Anmeldedienst, aus der die Rolle stammt."),
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
    source = models.CharField(
        _("Herkunft"), max_length=16, choices=RoleSource.choices, default=RoleSource.LOTSE
    )
    source_group = models.CharField(
        _("Verzeichnisgruppe"),
        max_length=255,
        blank=True,
        help_text=_("Die Gruppe im Verzeichnis oder Anmeldedienst, aus der die Rolle stammt."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Projektrolle")
        verbose_name_plural = _("Projektrollen")
        constraints = [
            models.UniqueConstraint(fields=["user", "project", "role"], name="unique_project_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.project})"


class DirectoryGroupRole(models.Model):
    """A group of the directory (LDAP/Active Directory) or of the OpenID Connect `groups` claim
    that gives its members a role in a programme or in a project, synchronised at each login."""

    group = models.CharField(
        _("Gruppe"),
        max_length=255,
        help_text=_(
            "Name der Gruppe, wie ihn das Verzeichnis (cn) oder der Anmeldedienst (Claim "
            "„groups“) liefert, z. B. lotse-potsdam-pmo. Groß- und Kleinschreibung zählt nicht."
        ),
    )
    programme = models.ForeignKey(
        "portfolio.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_roles",
        verbose_name=_("Programm"),
    )
    programme_role = models.CharField(
        _("Programmrolle"), max_length=32, choices=ProgrammeRole.Role.choices, blank=True
    )
    org_unit = models.ForeignKey(
        "portfolio.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_roles",
        verbose_name=_("Geschäftsbereich"),
        help_text=_("Nur für Business Change Manager: der betreute Geschäftsbereich."),
    )
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_roles",
        verbose_name=_("Projekt"),
    )
    project_role = models.CharField(
        _("Projektrolle"), max_length=32, choices=ProjectRole.Role.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Gruppenzuordnung")
        verbose_name_plural = _("Gruppenzuordnungen")
        ordering = ["group"]

    def __str__(self) -> str:
        if self.project_id:
            return f"{self.group} → {self.get_project_role_display()} ({self.project})"
        return f"{self.group} → {self.get_programme_role_display()} ({self.programme})"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if bool(self.programme_id) == bool(self.project_id):
            errors["programme"] = [
                str(_("Bitte genau eines wählen: ein Programm oder ein Projekt."))
            ]
        if self.programme_id and not self.programme_role:
            errors["programme_role"] = [str(_("Bitte die Rolle im Programm wählen."))]
        if self.project_id and not self.project_role:
            errors["project_role"] = [str(_("Bitte die Rolle im Projekt wählen."))]
        is_bcm = self.programme_role == ProgrammeRole.Role.CHANGE_MANAGER
        if is_bcm and not self.org_unit_id:
            errors["org_unit"] = [
                str(_("Ein Business Change Manager betreut einen Geschäftsbereich: bitte wählen."))
            ]
        if self.org_unit_id and not is_bcm:
            errors["org_unit"] = [
                str(_("Nur Business Change Manager werden einem Geschäftsbereich zugeordnet."))
            ]
        if errors:
            raise ValidationError(errors)


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


class NotificationSettings(models.Model):
    """What a person wants Lotse to mail them; without a row, everything (the defaults)."""

    KINDS = ("report_reminders", "checkin_reminders", "deadline_reminders", "mentions")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    report_reminders = models.BooleanField(
        _("Erinnerungen an fällige Statusberichte"), default=True
    )
    checkin_reminders = models.BooleanField(_("Erinnerungen an OKR-Check-ins"), default=True)
    deadline_reminders = models.BooleanField(
        _("Erinnerungen an Fristen (Förderung, Mittelabfluss, Nachweise)"), default=True
    )
    mentions = models.BooleanField(_("Erwähnungen in Kommentaren"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")

    def __str__(self) -> str:
        return str(self.user)
