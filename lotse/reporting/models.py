"""Monthly status reports (Projekt-Cockpits), milestones, risks and decision requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.http import id_url
from lotse.portfolio.models import DecisionBody
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.portfolio.models import Stage


class PublicRelease(models.TextChoices):
    """When an accepted report's traffic lights reach the public pages."""

    AUTOMATIC = "automatic", _("automatisch")
    AFTER_RELEASE = "release", _("nach Freigabe")


class ReportingConfig(models.Model):
    """A programme's reporting rhythm: period length and when reports are due."""

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", _("monatlich")
        WEEKS = "weeks", _("alle n Wochen")

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="reporting_config"
    )
    cadence = models.CharField(
        _("Berichtsrhythmus"), max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    period_weeks = models.PositiveSmallIntegerField(
        _("Wochen je Periode"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Nur beim Rhythmus „alle n Wochen“, z. B. 3 wie in Duisburg."),
    )
    first_period_start = models.DateField(_("Beginn der ersten Periode"))
    due_working_days = models.PositiveSmallIntegerField(
        _("Fällig … Arbeitstage vor dem Projektcheck"),
        default=5,
        validators=[MaxValueValidator(30)],
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("Erinnerung … Tage vor Fälligkeit"), default=2, validators=[MaxValueValidator(30)]
    )
    public_release = models.CharField(
        _("Ampeln auf den öffentlichen Seiten"),
        max_length=10,
        choices=PublicRelease.choices,
        default=PublicRelease.AFTER_RELEASE,
        help_text=_(
            "„nach Freigabe“: Die Ampeln eines angenommenen Berichts erscheinen erst öffentlich, "
            "wenn die Programmverantwortliche oder der Auftraggeber sie freigibt."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Berichtseinstellung")
        verbose_name_plural = _("Berichtseinstellungen")

    def __str__(self) -> str:
        return f"{self.programme}: {self.get_cadence_display()}"

    def clean(self) -> None:
        if self.cadence == self.Cadence.MONTHLY and self.first_period_start.day != 1:
            raise ValidationError(
                {"first_period_start": _("Monatliche Perioden beginnen am Ersten eines Monats.")}
            )
        # The due date must fall inside the period it belongs to.
        working_days = 20 if self.cadence == self.Cadence.MONTHLY else self.period_weeks * 5
        if self.due_working_days >= working_days:
            raise ValidationError(
                {
                    "due_working_days": _(
                        "Bei diesem Rhythmus hat eine Periode nur etwa %(n)d Arbeitstage; die "
                        "Fälligkeit muss darunter liegen."
                    )
                    % {"n": working_days}
                }
            )


class ReportingPeriod(models.Model):
    """One reporting period; the Projektcheck takes place on its last day (check_date)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"))
    due_date = models.DateField(_("Berichte fällig am"))

    class Meta:
        verbose_name = _("Berichtsperiode")
        verbose_name_plural = _("Berichtsperioden")
        ordering = ["programme", "start"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "start"], name="unique_period_start"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        # In the active language's format: 01.03.2026 – 31.03.2026, 03/01/2026 – 03/31/2026.
        start = formats.date_format(self.start, "SHORT_DATE_FORMAT")
        return f"{start} – {formats.date_format(self.end, 'SHORT_DATE_FORMAT')}"

    @property
    def check_date(self) -> date:
        return self.end


# Projects in these stages owe no status report (cockpit, reminders, controlling).
SILENT_STAGES = (Stage.COMPLETED, Stage.CANCELLED, Stage.PAUSED)


class Rating(models.TextChoices):
    """Ampel: always shown with its word, never by colour alone."""

    GREEN = "green", _("grün")
    AMBER = "amber", _("gelb")
    RED = "red", _("rot")


RATING_ORDER: dict[str, int] = {Rating.GREEN: 0, Rating.AMBER: 1, Rating.RED: 2}

# The separate lights of a report: (field prefix, label). Each has `<prefix>` and
# `<prefix>_note`; a note is required when the light is not green.
LIGHTS = [
    ("overall", _("Gesamtstatus")),
    ("schedule", _("Termine")),
    ("budget", _("Budget")),
    ("scope", _("Umfang und Qualität")),
    ("resources", _("Ressourcen")),
]


def _light(label: StrOrPromise) -> models.CharField[str, str]:
    return models.CharField(label, max_length=5, choices=Rating.choices, default=Rating.GREEN)


def _note(label: StrOrPromise) -> models.TextField[str, str]:
    return models.TextField(label, blank=True)


class StatusReport(models.Model):
    """A project's status for one period. Frozen (snapshot) once accepted."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("eingereicht")
        ACCEPTED = "accepted", _("angenommen")
        RETURNED = "returned", _("zurückgegeben")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.DRAFT)

    overall = _light(_("Gesamtstatus"))
    overall_note = _note(_("Erläuterung Gesamtstatus"))
    schedule = _light(_("Termine"))
    schedule_note = _note(_("Erläuterung Termine"))
    budget = _light(_("Budget"))
    budget_note = _note(_("Erläuterung Budget"))
    scope = _light(_("Umfang und Qualität"))
    scope_note = _note(_("Erläuterung Umfang und Qualität"))
    resources = _light(_("Ressourcen"))
    resources_note = _note(_("Erläuterung Ressourcen"))

    summary = models.TextField(_("Wo steht das Projekt?"), blank=True)
    achievements = models.TextField(_("Erreicht seit dem letzten Bericht"), blank=True)
    next_steps = models.TextField(
        _("Nächste Schritte bis zum nächsten Projektcheck"),
        blank=True,
        help_text=_("Ein Schritt je Zeile, der wichtigste zuerst."),
    )
    obstacles = models.TextField(_("Hindernisse"), blank=True)
    support_needed = models.TextField(_("Unterstützungsbedarf"), blank=True)
    support_from = models.CharField(
        _("Unterstützung benötigt von"),
        max_length=20,
        blank=True,
        choices=[
            ("pmo", _("PMO")),
            ("programme_manager", _("Programmverantwortliche/r")),
            ("sponsor", _("Auftraggeber/in")),
        ],
    )
    user_involvement = models.TextField(_("Einbindung der Nutzenden und Kommunikation"), blank=True)
    vision = models.TextField(_("Produktvision / Projektziele"), blank=True)
    board_todo = models.TextField(_("To Do (Aufgabe)"), blank=True)
    board_doing = models.TextField(_("Doing (in Bearbeitung)"), blank=True)
    board_done = models.TextField(_("Done (erledigt)"), blank=True)

    # Milestones, risks and decision requests as they were when the report was submitted or
    # accepted; an accepted report shows only this, whatever happens to the project later.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)

    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    # The first submission decides whether the report came on time; resubmissions don't.
    first_submitted_at = models.DateTimeField(_("erstmals eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("Kommentar des PMO"), blank=True)
    # The release of the lights for the public pages (programme manager or sponsor).
    released_at = models.DateTimeField(_("öffentlich freigegeben am"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("Statusbericht")
        verbose_name_plural = _("Statusberichte")
        ordering = ["project", "-period__start"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="one_report_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.period}"

    def get_absolute_url(self) -> str:
        return id_url("reporting:report_detail", self.pk)

    @property
    def is_frozen(self) -> bool:
        return self.state == self.State.ACCEPTED

    @property
    def next_step_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.next_steps.splitlines() if line.strip(" -•\t")]


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("Meilenstein"), max_length=200)
    planned_date = models.DateField(_("geplant"))
    forecast_date = models.DateField(_("Prognose"), null=True, blank=True)
    actual_date = models.DateField(_("erreicht am"), null=True, blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")
        ordering = ["project", "planned_date", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def expected_date(self) -> date:
        return self.actual_date or self.forecast_date or self.planned_date

    @property
    def slippage_days(self) -> int:
        """Days later (positive) or earlier (negative) than planned: actual, else forecast."""
        return (self.expected_date - self.planned_date).days


class Risk(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        MITIGATED = "mitigated", _("gemindert")
        OCCURRED = "occurred", _("eingetreten")
        CLOSED = "closed", _("geschlossen")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("Risiko"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    probability = models.PositiveSmallIntegerField(
        _("Wahrscheinlichkeit (1–4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    impact = models.PositiveSmallIntegerField(
        _("Auswirkung (1–4)"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    owner = models.CharField(_("Verantwortlich"), max_length=150, blank=True)
    mitigation = models.TextField(_("Gegenmaßnahmen"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Risiko")
        verbose_name_plural = _("Risiken")
        ordering = ["project", "-probability", "-impact", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(probability__gte=1, probability__lte=4),
                name="risk_probability_1_4",
            ),
            models.CheckConstraint(
                condition=models.Q(impact__gte=1, impact__lte=4), name="risk_impact_1_4"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.probability * self.impact


class DecisionRequest(models.Model):
    """Entscheidungsbedarf / Eskalation, raised from a report or the project page."""

    Body = DecisionBody

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        DECIDED = "decided", _("entschieden")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="decision_requests")
    report = models.ForeignKey(
        StatusReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decision_requests",
    )
    question = models.CharField(_("Frage"), max_length=300)
    options = models.TextField(_("Optionen"), blank=True)
    recommendation = models.TextField(_("Empfehlung"), blank=True)
    needed_by = models.DateField(_("Entscheidung benötigt bis"), null=True, blank=True)
    addressed_to = models.CharField(
        _("Adressiert an"), max_length=30, choices=Body.choices, default=Body.PROJECT_CHECK
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)
    withdrawal_reason = models.TextField(_("Grund für das Zurückziehen"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Entscheidungsbedarf")
        verbose_name_plural = _("Entscheidungsbedarfe")
        ordering = ["needed_by", "pk"]

    def __str__(self) -> str:
        return self.question


class ReminderLog(models.Model):
    """One reminder e-mail sent; the unique key makes `send_reminders` safe to rerun."""

    class Kind(models.TextChoices):
        BEFORE_DUE = "before_due", _("vor Fälligkeit")
        OVERDUE = "overdue", _("überfällig")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period", "kind", "recipient"], name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.project} ({self.period}) → {self.recipient}"
