"""What the public transparency pages need beyond the portfolio: the operator's legal texts
and contacts (one row for the whole installation) and, per programme, whether it has public
pages at all."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.portfolio.models import Programme

DEFAULT_LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
DEFAULT_LICENCE_ID = "dl-de/by-2-0"
DEFAULT_LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"


class PublicSiteSettings(models.Model):
    """The operator's settings for all public pages; a single row (pk=1), edited in the admin.

    Empty text fields show a German placeholder that tells the operator what to fill in, so
    an installation never presents an invented imprint as if it were real.
    """

    class Conformance(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    operator_name = models.CharField(
        _("Betreiber (Name der Behörde)"),
        max_length=200,
        blank=True,
        help_text=_("Erscheint in der Fußzeile und in der Erklärung zur Barrierefreiheit."),
    )
    imprint = models.TextField(
        _("Impressum (Markdown)"),
        blank=True,
        help_text=_("Anbieterkennzeichnung nach § 5 DDG; leer lassen zeigt einen Platzhalter."),
    )
    privacy = models.TextField(
        _("Datenschutzerklärung (Markdown)"),
        blank=True,
        help_text=_("Informationen nach Art. 13 DSGVO; leer lassen zeigt einen Platzhalter."),
    )
    accessibility_conformance = models.CharField(
        _("Stand der Vereinbarkeit mit den Anforderungen"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    accessibility_issues = models.TextField(
        _("Nicht barrierefreie Inhalte (Markdown)"),
        blank=True,
        help_text=_("Welche Inhalte sind nicht barrierefrei, warum, und welche Alternativen?"),
    )
    accessibility_prepared_on = models.DateField(_("Erklärung erstellt am"), null=True, blank=True)
    accessibility_method = models.CharField(
        _("Grundlage der Erklärung"),
        max_length=300,
        blank=True,
        help_text=_(
            "z. B. „Selbstbewertung mit automatisierten Tests (axe-core) und Prüfung von Hand“"
        ),
    )
    feedback_email = models.EmailField(_("Kontakt für Barrieren: E-Mail"), blank=True)
    feedback_phone = models.CharField(
        _("Kontakt für Barrieren: Telefon"), max_length=60, blank=True
    )
    feedback_url = models.URLField(_("Kontakt für Barrieren: Formular (Adresse)"), blank=True)
    enforcement = models.TextField(
        _("Durchsetzungsverfahren / Schlichtungsstelle (Markdown)"),
        blank=True,
        help_text=_(
            "Die für Ihr Bundesland zuständige Stelle; leer lassen zeigt einen Hinweis auf die "
            "Schlichtungsstelle nach § 16 BGG und bittet, die Landesstelle zu ergänzen."
        ),
    )
    ideas_email = models.EmailField(_("Ideen und Hinweise: E-Mail"), blank=True)
    ideas_url = models.URLField(_("Ideen und Hinweise: Adresse einer Seite"), blank=True)
    licence_name = models.CharField(
        _("Lizenz der offenen Daten"), max_length=200, default=DEFAULT_LICENCE_NAME
    )
    licence_id = models.CharField(_("Lizenz-Kennung"), max_length=60, default=DEFAULT_LICENCE_ID)
    licence_url = models.URLField(_("Lizenztext (Adresse)"), default=DEFAULT_LICENCE_URL)
    attribution = models.CharField(
        _("Namensnennung"),
        max_length=200,
        blank=True,
        help_text=_("Wie Nachnutzende die Quelle nennen sollen; leer: der Betreiber."),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Einstellungen der öffentlichen Seiten")
        verbose_name_plural = _("Einstellungen der öffentlichen Seiten")

    def __str__(self) -> str:
        return str(_("Einstellungen der öffentlichen Seiten"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1  # a singleton: every save writes the one row
        super().save(*args, **kwargs)

    @classmethod
    def load(cls) -> "PublicSiteSettings":
        """The stored settings, or unsaved defaults (one query either way)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def ideas_link(self) -> str:
        if self.ideas_url:
            return self.ideas_url
        return f"mailto:{self.ideas_email}" if self.ideas_email else ""


class ProgrammePublication(models.Model):
    """Whether a programme has public pages; without this row (or switched off) it has none."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name=_("Programm"),
    )
    enabled = models.BooleanField(
        _("öffentliche Seiten eingeschaltet"),
        default=False,
        help_text=_(
            "Nur dann sind das Programm und seine veröffentlichten Projekte ohne Anmeldung "
            "sichtbar."
        ),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    # When anything the programme's public pages show last changed (public/freshness.py).
    content_changed_at = models.DateTimeField(_("Inhalt geändert am"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["updated_at", "content_changed_at"])

    class Meta:
        verbose_name = _("Veröffentlichung eines Programms")
        verbose_name_plural = _("Veröffentlichung der Programme")

    def __str__(self) -> str:
        state = _("öffentlich") if self.enabled else _("nicht öffentlich")
        return f"{self.programme}: {state}"
