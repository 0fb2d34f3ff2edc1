"""Quarterly OKRs (seed 000 §6.1): objectives per project and quarter, key results, check-ins,
the OKR review at quarter end and links between objectives of different projects."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from lotse.forms import label_of
from lotse.http import id_url
from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project


class OkrSettings(models.Model):
    """A programme's OKR rules; created with defaults on first use."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="okr_settings"
    )
    max_key_results = models.PositiveSmallIntegerField(
        _("Höchstzahl Key Results je Objective"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    checkin_reminder_days = models.PositiveSmallIntegerField(
        _("Erinnerung, wenn der letzte Check-in älter ist als … Tage"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OKR-Einstellung")
        verbose_name_plural = _("OKR-Einstellungen")

    def __str__(self) -> str:
        return str(self.programme)


class Quarter(models.Model):
    """A programme quarter; only a quarter in planning or active state may change."""

    class State(models.TextChoices):
        PLANNING = "planning", _("in Planung")
        ACTIVE = "active", _("aktiv")
        REVIEW = "review", _("im Review")
        CLOSED = "closed", _("abgeschlossen")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="quarters")
    year = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    number = models.PositiveSmallIntegerField(
        _("Quartal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    state = models.CharField(
        _("Status"), max_length=10, choices=State.choices, default=State.PLANNING
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Quartal")
        verbose_name_plural = _("Quartale")
        ordering = ["programme", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "year", "number"], name="one_quarter_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"Q{self.number}/{self.year}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.CLOSED


class Objective(models.Model):
    class TargetGroup(models.TextChoices):
        CITIZENS = "citizens", _("Bürgerinnen und Bürger")
        BUSINESSES = "businesses", _("Unternehmen")
        STAFF = "staff", _("Mitarbeitende")

    class Commitment(models.TextChoices):
        COMMITTED = "committed", _("verbindlich")
        ASPIRATIONAL = "aspirational", _("ambitioniert")

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        ACTIVE = "active", _("aktiv")
        ACHIEVED = "achieved", _("erreicht")
        PARTLY_ACHIEVED = "partly", _("teilweise erreicht")
        NOT_ACHIEVED = "not_achieved", _("nicht erreicht")
        POSTPONED = "postponed", _("verschoben")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="objectives")
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="objectives")
    title = models.CharField(_("Objective"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_group = models.CharField(
        _("Zielgruppe"), max_length=12, choices=TargetGroup.choices, blank=True
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectives",
        verbose_name=_("dient dem Zielzustand des Themenfelds"),
    )
    commitment = models.CharField(
        _("Art"), max_length=12, choices=Commitment.choices, default=Commitment.COMMITTED
    )
    state = models.CharField(_("Status"), max_length=12, choices=State.choices, default=State.DRAFT)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("übernommen aus"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The current score (0–1, None without a value): the mean of its key results' `progress`,
    # kept by `scores.py` so that programme-wide pages sort and sum in SQL (issue 14).
    progress = models.FloatField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "version", "progress"])

    class Meta:
        verbose_name = _("Objective")
        verbose_name_plural = _("Objectives")
        ordering = ["quarter", "project", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("okr:project_okrs", self.project_id) + f"#objective-{self.pk}"

    @property
    def commitment_label(self) -> str:
        """`get_commitment_display()` for lists (lotse.forms.label_of)."""
        return label_of(self.Commitment, self.commitment)

    @property
    def state_label(self) -> str:
        """`get_state_display()` for lists (lotse.forms.label_of)."""
        return label_of(self.State, self.state)


class KeyResult(models.Model):
    class Kind(models.TextChoices):
        INCREASE_TO = "increase_to", _("steigern auf")
        DECREASE_TO = "decrease_to", _("senken auf")
        AT_LEAST = "at_least", _("halten bei mindestens")
        AT_MOST = "at_most", _("halten bei höchstens")
        MILESTONE = "milestone", _("Meilenstein erledigt / nicht erledigt")

    class Source(models.TextChoices):
        CHECK_IN = "check_in", _("Check-ins")
        OZG = "ozg", _("OZG-Katalog")

    class Unit(models.TextChoices):
        NUMBER = "number", _("Anzahl")
        PERCENT = "percent", _("%")
        EUR = "eur", _("EUR")
        DAYS = "days", _("Tage")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    title = models.CharField(_("Key Result"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_key_results",
        verbose_name=_("Verantwortlich"),
    )
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices, default=Kind.INCREASE_TO)
    unit = models.CharField(_("Einheit"), max_length=8, choices=Unit.choices, default=Unit.NUMBER)
    start_value = models.DecimalField(
        _("Startwert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(
        _("Zielwert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    source = models.CharField(
        _("Quelle des Werts"),
        max_length=8,
        choices=Source.choices,
        default=Source.CHECK_IN,
        help_text=_(
            "„OZG-Katalog“: der Wert ist die Zahl der OZG-Leistungen des Programms, die "
            "mindestens den angegebenen Reifegrad haben; niemand muss ihn von Hand eintragen."
        ),
    )
    ozg_level = models.PositiveSmallIntegerField(
        _("Reifegrad mindestens"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Nur bei der Quelle „OZG-Katalog“: 1 bis 4."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The current score from the latest check-in (0–1, None without one), kept by `scores.py`.
    progress = models.FloatField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["version", "progress"])

    class Meta:
        verbose_name = _("Key Result")
        verbose_name_plural = _("Key Results")
        ordering = ["objective", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def format_value(self, value: Decimal | int | float | None) -> str:
        """A value as people read it: "1.200" (a count needs no unit), "25 %", "1.280 €",
        "7 Tage"; no trailing ",00"."""
        if value is None:
            return "–"
        number = Decimal(str(value))
        places = 0 if number == number.to_integral_value() else 2
        text = formats.number_format(number, decimal_pos=places, force_grouping=True)
        if self.unit == self.Unit.PERCENT:
            return f"{text} %"
        if self.unit == self.Unit.EUR:
            return f"{text} €"
        if self.unit == self.Unit.DAYS:
            return ngettext("%(n)s Tag", "%(n)s Tage", 1 if number == 1 else 2) % {"n": text}
        return text

    @property
    def start_display(self) -> str:
        return self.format_value(self.start_value)

    @property
    def target_display(self) -> str:
        return self.format_value(self.target_value)

    @property
    def latest_display(self) -> str:
        return self.format_value(getattr(self, "latest_value", None))


class CheckIn(models.Model):
    """A measured value of a key result; append-only, never edited."""

    class Source(models.TextChoices):
        UI = "ui", _("Oberfläche")
        API = "api", _("API")
        OZG = "ozg", _("OZG-Katalog")

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="check_ins")
    value = models.DecimalField(_("Wert"), max_digits=14, decimal_places=2, null=True, blank=True)
    done = models.BooleanField(_("erledigt"), null=True, blank=True)
    confidence = models.PositiveSmallIntegerField(
        _("Zuversicht (0–10)"), validators=[MaxValueValidator(10)]
    )
    comment = models.TextField(_("Kommentar"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erfasst von"),
    )
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True, db_index=True)
    source = models.CharField(_("Quelle"), max_length=4, choices=Source.choices, default="ui")

    class Meta:
        verbose_name = _("Check-in")
        verbose_name_plural = _("Check-ins")
        ordering = ["key_result", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence__lte=10), name="checkin_confidence_0_10"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key_result}: {self.value if self.done is None else self.done}"


class ObjectiveReview(models.Model):
    """The OKR review of one objective at quarter end."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("erreicht")
        PARTLY = "partly", _("teilweise erreicht")
        NOT_REACHED = "not_reached", _("nicht erreicht")

    class NextStep(models.TextChoices):
        CARRY_OVER = "carry_over", _("ins nächste Quartal übernehmen")
        DROP = "drop", _("nicht weiterverfolgen")

    objective = models.OneToOneField(Objective, on_delete=models.CASCADE, related_name="review")
    computed_score = models.DecimalField(
        _("berechneter Erfüllungsgrad"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    score_override = models.DecimalField(
        _("abweichender Erfüllungsgrad"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    override_reason = models.TextField(_("Begründung der Abweichung"), blank=True)
    outcome = models.CharField(_("Ergebnis"), max_length=12, choices=Outcome.choices)
    drivers = models.TextField(_("Was hat geholfen?"), blank=True)
    obstacles = models.TextField(_("Was hat behindert?"), blank=True)
    learnings = models.TextField(_("Was lernen wir daraus?"), blank=True)
    next_step = models.CharField(
        _("Wie geht es weiter?"), max_length=12, choices=NextStep.choices, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version", "reviewed_at"])

    # What the reviewer fills in (the form, the service); the computed score is the service's.
    ANSWERS = (
        "outcome",
        "score_override",
        "override_reason",
        "drivers",
        "obstacles",
        "learnings",
        "next_step",
    )

    class Meta:
        verbose_name = _("OKR-Review")
        verbose_name_plural = _("OKR-Reviews")

    def __str__(self) -> str:
        return f"Review: {self.objective}"

    @property
    def outcome_label(self) -> str:
        """`get_outcome_display()` for lists (lotse.forms.label_of)."""
        return label_of(self.Outcome, self.outcome)

    @property
    def next_step_label(self) -> str:
        """`get_next_step_display()` for lists (lotse.forms.label_of)."""
        return label_of(self.NextStep, self.next_step)

    @property
    def final_score(self) -> Decimal | None:
        return self.score_override if self.score_override is not None else self.computed_score


class OkrLink(models.Model):
    """A dependency or synergy between objectives (or key results) of different projects."""

    class Kind(models.TextChoices):
        DEPENDENCY = "dependency", _("Abhängigkeit")
        SYNERGY = "synergy", _("Synergie")

    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices)
    from_objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("von")
    )
    from_key_result = models.ForeignKey(
        KeyResult, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("zu")
    )
    to_key_result = models.ForeignKey(
        KeyResult, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("Notiz"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OKR-Verknüpfung")
        verbose_name_plural = _("OKR-Verknüpfungen")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.from_objective} → {self.to_objective} ({self.get_kind_display()})"

    @property
    def kind_label(self) -> str:
        """`get_kind_display()` for lists (lotse.forms.label_of)."""
        return label_of(self.Kind, self.kind)


class CheckInReminderLog(models.Model):
    """One reminder sent to a key result's owner; a key result that stays quiet since the same
    day (its last check-in, or its creation) is never reminded twice."""

    key_result = models.ForeignKey(
        KeyResult, on_delete=models.CASCADE, related_name="reminder_logs"
    )
    recipient = models.EmailField(_("Empfänger"))
    quiet_since = models.DateField(_("ohne Check-in seit"))
    sent_at = models.DateTimeField(_("versendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Check-in-Erinnerung")
        verbose_name_plural = _("Check-in-Erinnerungen")
        constraints = [
            models.UniqueConstraint(
                fields=["key_result", "recipient", "quiet_since"],
                name="one_checkin_reminder_per_quiet_spell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.key_result} → {self.recipient} ({self.quiet_since:%d.%m.%Y})"
