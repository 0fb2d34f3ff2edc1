"""The OZG service catalogue of a programme: public services (Verwaltungsleistungen) with
their maturity level (Reifegrad 0–4), target, online channel and the projects that raise them.

Every change is recorded by django-simple-history, so the catalogue's distribution by maturity
level can be reproduced for any date (`selectors.distribution_as_of`). The catalogue reads only
the portfolio; the OKR key results and the public pages read from here.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project


class Level(models.IntegerChoices):
    """Reifegrade of the OZG maturity model."""

    NONE = 0, _("0 – nicht online")
    INFORMATION = 1, _("1 – Information online")
    FORM = 2, _("2 – Formular online")
    ONLINE = 3, _("3 – Online-Antrag mit Nachweisen")
    FULL = 4, _("4 – vollständig digital")


class Channel(models.TextChoices):
    KOMMUNALPORTAL = "kommunalportal", _("Kommunalportal")
    LANDESPORTAL = "landesportal", _("Landesportal")
    OWN = "own", _("eigenes Angebot")
    NONE = "none", _("kein Online-Zugang")


class CatalogueSettings(models.Model):
    """What the programme office sets for the programme's catalogue."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="ozg_settings"
    )
    publish = models.BooleanField(
        _("Fortschritt öffentlich zeigen"),
        default=False,
        help_text=_(
            "Zeigt die Verteilung der Reifegrade auf den öffentlichen Seiten des Programms "
            "(nur wenn die öffentlichen Seiten eingeschaltet sind)."
        ),
    )
    note = models.TextField(
        _("Hinweis zum Katalog"),
        blank=True,
        help_text=_("Erscheint über der Übersicht, z. B. die Quelle oder der Stand des Katalogs."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Einstellung des OZG-Katalogs")
        verbose_name_plural = _("Einstellungen des OZG-Katalogs")

    def __str__(self) -> str:
        return str(self.programme)


class PublicService(models.Model):
    """An OZG-Leistung (public service) of the programme's catalogue."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="public_services",
        verbose_name=_("Programm"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=300)
    leika_key = models.CharField(
        _("LeiKa-Schlüssel"),
        max_length=30,
        blank=True,
        help_text=_("Schlüssel im Leistungskatalog (LeiKa), z. B. 99115005000000."),
    )
    ozg_field = models.CharField(_("OZG-Themenfeld"), max_length=200, blank=True)
    bundle = models.CharField(_("Leistungsbündel"), max_length=200, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_services",
        verbose_name=_("verantwortliche Organisationseinheit"),
    )
    maturity = models.PositiveSmallIntegerField(
        _("Reifegrad"), choices=Level.choices, default=Level.NONE
    )
    target_level = models.PositiveSmallIntegerField(
        _("Ziel-Reifegrad"), choices=Level.choices, null=True, blank=True
    )
    target_date = models.DateField(_("Zieltermin"), null=True, blank=True)
    channel = models.CharField(
        _("Online-Zugang"), max_length=20, choices=Channel.choices, default=Channel.NONE
    )
    projects = models.ManyToManyField(
        Project,
        blank=True,
        related_name="public_services",
        verbose_name=_("Projekte, die den Reifegrad heben"),
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[projects])

    class Meta:
        verbose_name = _("OZG-Leistung")
        verbose_name_plural = _("OZG-Leistungen")
        ordering = ["programme", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="ozg_service_unique_name"),
            models.UniqueConstraint(
                fields=["programme", "leika_key"],
                condition=~Q(leika_key=""),
                name="ozg_service_unique_leika",
            ),
            models.CheckConstraint(condition=Q(maturity__lte=4), name="ozg_service_maturity_0_4"),
            models.CheckConstraint(
                condition=Q(target_level__isnull=True) | Q(target_level__lte=4),
                name="ozg_service_target_0_4",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def target_reached(self) -> bool | None:
        if self.target_level is None:
            return None
        return self.maturity >= self.target_level
