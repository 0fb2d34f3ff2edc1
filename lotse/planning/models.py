"""A project's own plan and the capacity of the org units that carry it.

Phases and gates (the programme's phase model, per project its phases with planned and
forecast dates, each closed by a gate that a decision passes), work packages with steps,
effort estimates and actual effort, and capacity: availability per org unit (or person) and
month against the demand of the work packages and direct allocations.

Planning sits above governance: a gate is passed by a governance `Decision`. The phases are
the project's own plan; the project's stage on the Zielbild is not changed by them.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.boards.models import Card
from lotse.governance.models import Decision
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

# More than this in one cell is a typing slip, not a plan.
HOURS_CEILING = Decimal("100000")
DEFAULT_GATE_NAME = _("Bewertung der Ergebnisse")


class PhaseModel(models.Model):
    """The programme's phase model: which phases a project goes through, and who may pass
    their gates."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="phase_model"
    )
    pmo_may_pass_gates = models.BooleanField(
        _("PMO darf Phasentore freigeben"),
        default=False,
        help_text=_(
            "Sonst gibt nur ein Beschluss eines Gremiums mit dieser Befugnis ein Phasentor frei."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Phasenmodell")
        verbose_name_plural = _("Phasenmodelle")

    def __str__(self) -> str:
        return str(self.programme)


class PhaseTemplate(models.Model):
    """One phase of the programme's phase model (Vorprojektphase, Projektphase 1, …)."""

    phase_model = models.ForeignKey(PhaseModel, on_delete=models.CASCADE, related_name="templates")
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    name = models.CharField(_("Phase"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    gate_name = models.CharField(
        _("Phasentor"), max_length=120, default=DEFAULT_GATE_NAME, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Phase des Phasenmodells")
        verbose_name_plural = _("Phasen des Phasenmodells")
        ordering = ["phase_model", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    """A phase of one project's plan, with planned and forecast dates."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        ACTIVE = "active", _("läuft")
        CLOSED = "closed", _("abgeschlossen")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    name = models.CharField(_("Phase"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    planned_start = models.DateField(_("geplanter Beginn"), null=True, blank=True)
    planned_end = models.DateField(_("geplantes Ende"), null=True, blank=True)
    forecast_start = models.DateField(_("prognostizierter Beginn"), null=True, blank=True)
    forecast_end = models.DateField(_("prognostiziertes Ende"), null=True, blank=True)
    started_on = models.DateField(_("begonnen am"), null=True, blank=True)
    closed_on = models.DateField(_("abgeschlossen am"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Projektphase")
        verbose_name_plural = _("Projektphasen")
        ordering = ["project", "order", "pk"]
        indexes = [models.Index(fields=["project", "order"])]

    def __str__(self) -> str:
        return self.name

    @property
    def start(self) -> date | None:
        """The best known start: begun, forecast, else planned."""
        return self.started_on or self.forecast_start or self.planned_start

    @property
    def end(self) -> date | None:
        """The best known end: closed, forecast, else planned."""
        return self.closed_on or self.forecast_end or self.planned_end


class Gate(models.Model):
    """The gate that closes a phase ("Bewertung der Ergebnisse"): passed by a decision of a
    body with that power, or by the PMO where the programme allows it."""

    phase = models.OneToOneField(Phase, on_delete=models.CASCADE, related_name="gate")
    name = models.CharField(_("Phasentor"), max_length=120, default=DEFAULT_GATE_NAME)
    planned_on = models.DateField(_("geplant am"), null=True, blank=True)
    passed_on = models.DateField(_("freigegeben am"), null=True, blank=True)
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gates",
        verbose_name=_("Beschluss"),
    )
    passed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("freigegeben durch"),
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Phasentor")
        verbose_name_plural = _("Phasentore")

    def __str__(self) -> str:
        return f"{self.phase}: {self.name}"

    @property
    def passed(self) -> bool:
        return self.passed_on is not None


class WorkPackage(models.Model):
    """An Arbeitspaket of a project, in one of its phases."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        DONE = "done", _("erledigt")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages")
    phase = models.ForeignKey(
        Phase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_packages",
        verbose_name=_("Phase"),
    )
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    code = models.CharField(_("Kürzel"), max_length=20, blank=True, help_text=_("z. B. AP 1"))
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_packages",
        verbose_name=_("verantwortlich"),
    )
    owner_text = models.CharField(_("verantwortlich (Rolle oder Name)"), max_length=120, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_packages",
        verbose_name=_("Organisationseinheit"),
        help_text=_("Trägt die Schätzungen ohne eigene Organisationseinheit."),
    )
    planned_start = models.DateField(_("geplanter Beginn"), null=True, blank=True)
    planned_end = models.DateField(_("geplantes Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Arbeitspaket")
        verbose_name_plural = _("Arbeitspakete")
        ordering = ["project", "order", "pk"]
        indexes = [models.Index(fields=["project", "order"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("planning:work_package", kwargs={"pk": self.pk})


class Step(models.Model):
    """A step of a work package (seed 003 §3.3: "Schritte")."""

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Schritt"), max_length=300)
    done = models.BooleanField(_("erledigt"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Schritt")
        verbose_name_plural = _("Schritte")
        ordering = ["work_package", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Estimate(models.Model):
    """Estimated effort of a work package in hours, for one person, role or org unit."""

    work_package = models.ForeignKey(
        WorkPackage, on_delete=models.CASCADE, related_name="estimates"
    )
    label = models.CharField(
        _("Person oder Rolle"),
        max_length=120,
        blank=True,
        help_text=_("z. B. Person 1, Projektleitung"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Person"),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="estimates",
        verbose_name=_("Organisationseinheit"),
    )
    hours = models.DecimalField(
        _("Stunden"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(HOURS_CEILING)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Aufwandsschätzung")
        verbose_name_plural = _("Aufwandsschätzungen")
        ordering = ["work_package", "pk"]

    def __str__(self) -> str:
        return f"{self.label or self.org_unit or self.person}: {self.hours} h"


class ActualEffort(models.Model):
    """Actual effort of a work package in one month (optional; entered or imported)."""

    work_package = models.ForeignKey(
        WorkPackage, on_delete=models.CASCADE, related_name="actual_efforts"
    )
    month = models.DateField(_("Monat"), help_text=_("Erster Tag des Monats."))
    hours = models.DecimalField(
        _("Stunden"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(HOURS_CEILING)],
    )
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ist-Aufwand")
        verbose_name_plural = _("Ist-Aufwände")
        ordering = ["work_package", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_package", "month"], name="unique_actual_effort_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.work_package}: {self.month:%m.%Y} {self.hours} h"


class WorkPackageCard(models.Model):
    """A card on the project's board created from a work package; done cards count towards
    the work package's progress."""

    work_package = models.ForeignKey(
        WorkPackage, on_delete=models.CASCADE, related_name="card_links"
    )
    card = models.OneToOneField(Card, on_delete=models.CASCADE, related_name="work_package_link")

    class Meta:
        verbose_name = _("Karte eines Arbeitspakets")
        verbose_name_plural = _("Karten der Arbeitspakete")

    def __str__(self) -> str:
        return f"{self.work_package} → {self.card}"


class CapacityUnit(models.TextChoices):
    FTE = "fte", _("Vollzeitäquivalente (VZÄ)")
    PERSON_DAYS = "person_days", _("Personentage")


class Availability(models.Model):
    """How much an org unit (or one person of it) can give in a month, before line work."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="availabilities"
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("Organisationseinheit"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="availabilities",
        verbose_name=_("Person"),
    )
    month = models.DateField(_("Monat"), help_text=_("Erster Tag des Monats."))
    unit = models.CharField(
        _("Einheit"), max_length=12, choices=CapacityUnit.choices, default=CapacityUnit.FTE
    )
    amount = models.DecimalField(
        _("Umfang"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100000"))],
    )
    line_work_percent = models.PositiveSmallIntegerField(
        _("Anteil Linienaufgaben (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Dieser Anteil steht für Projektarbeit nicht zur Verfügung."),
    )
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Verfügbarkeit")
        verbose_name_plural = _("Verfügbarkeiten")
        ordering = ["programme", "org_unit", "month", "pk"]
        indexes = [models.Index(fields=["programme", "month"])]

    def __str__(self) -> str:
        return f"{self.org_unit} {self.month:%m.%Y}: {self.amount} {self.get_unit_display()}"


class Allocation(models.Model):
    """A direct allocation: an org unit (or person) works so many person-days in a month on a
    project, beside the work packages' estimates."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="allocations")
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="allocations",
        verbose_name=_("Organisationseinheit"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="allocations",
        verbose_name=_("Person"),
    )
    month = models.DateField(_("Monat"), help_text=_("Erster Tag des Monats."))
    person_days = models.DecimalField(
        _("Personentage"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100000"))],
    )
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Zuordnung")
        verbose_name_plural = _("Zuordnungen")
        ordering = ["project", "month", "pk"]
        indexes = [models.Index(fields=["org_unit", "month"])]

    def __str__(self) -> str:
        return f"{self.project}: {self.org_unit} {self.month:%m.%Y} {self.person_days} PT"
