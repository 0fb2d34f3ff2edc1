"""Ideas from citizens, staff and workshops; their moderation, supports, and the scoring
procedure that turns them into Leitprojekte (seed 003 §2.1, §2.3; seed 000 §2.2; seed 004)."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

if TYPE_CHECKING:
    from lotse.accounts.models import User


class IdeaSettings(models.Model):
    """A programme's idea platform; created with defaults on first use."""

    class Moderation(models.TextChoices):
        PRE = "pre", _("Vorab-Moderation: neue Ideen erst nach Freigabe sichtbar")
        POST = "post", _("Nachträgliche Moderation: neue Ideen sofort sichtbar")

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="idea_settings"
    )
    public_platform = models.BooleanField(
        _("Öffentliche Ideenplattform eingeschaltet"),
        default=False,
        help_text=_(
            "Bürgerinnen und Bürger können ohne Konto Ideen einreichen und unterstützen, wenn "
            "auch die öffentlichen Seiten des Programms eingeschaltet sind."
        ),
    )
    moderation = models.CharField(
        _("Moderation"), max_length=4, choices=Moderation.choices, default=Moderation.PRE
    )
    intro = models.TextField(
        _("Einleitung der Ideenplattform"),
        blank=True,
        help_text=_("Erscheint über dem Formular: worum es geht, was mit den Ideen geschieht."),
    )
    anonymise_after_days = models.PositiveIntegerField(
        _("Namen und E-Mail-Adressen löschen nach … Tagen"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Einstellung der Ideenplattform")
        verbose_name_plural = _("Einstellungen der Ideenplattform")

    def __str__(self) -> str:
        return str(self.programme)


class IdeaQuerySet(models.QuerySet):
    def publicly_visible(self) -> "IdeaQuerySet":
        """What the public may see: approved, released, not merged away."""
        return self.filter(moderation=Idea.Moderation.APPROVED, is_public=True)

    def with_support_counts(self) -> "IdeaQuerySet":
        # A correlated count, not a GROUP BY over all ideas: a page of 500 out of 10,000
        # ideas then counts only its own supports.
        counts = (
            Support.objects.filter(idea=models.OuterRef("pk"))
            .order_by()
            .values("idea")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            support_count=Coalesce(models.Subquery(counts, output_field=models.IntegerField()), 0)
        )


class Idea(models.Model):
    class Source(models.TextChoices):
        PUBLIC = "public", _("Bürgerinnen und Bürger")
        STAFF = "staff", _("Verwaltung")
        WORKSHOP = "workshop", _("Workshop")

    class Status(models.TextChoices):
        RECEIVED = "received", _("eingegangen")
        IN_REVIEW = "in_review", _("in Prüfung")
        SCORED = "scored", _("bewertet")
        ADOPTED = "adopted", _("als Projekt aufgenommen")
        REJECTED = "rejected", _("nicht weiterverfolgt")

    class Moderation(models.TextChoices):
        PENDING = "pending", _("wartet auf Freigabe")
        APPROVED = "approved", _("freigegeben")
        HIDDEN = "hidden", _("ausgeblendet")
        MERGED = "merged", _("zusammengeführt")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ideas")
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("Themenfeld"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    source = models.CharField(_("Herkunft"), max_length=10, choices=Source.choices)
    source_note = models.CharField(
        _("Quelle"),
        max_length=200,
        blank=True,
        help_text=_("z. B. „Workshop 12.03.“ oder „Ämter-Workshop Bürgeramt“"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    moderation = models.CharField(
        _("Moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_(
            "Ideen der Verwaltung und aus Workshops sind intern, bis sie freigegeben werden."
        ),
    )
    moderation_note = models.CharField(
        _("Hinweis der Moderation"),
        max_length=500,
        blank=True,
        help_text=_("Wird öffentlich angezeigt, wenn die Moderation die Idee bearbeitet hat."),
    )
    hidden_reason = models.CharField(_("Grund für das Ausblenden"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
        verbose_name=_("zusammengeführt mit"),
    )
    decision_reason = models.TextField(
        _("Begründung der Entscheidung"),
        blank=True,
        help_text=_("Öffentlich sichtbar, wenn die Idee nicht weiterverfolgt wird."),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("aufgenommen als Projekt"),
    )
    decision = models.ForeignKey(
        "governance.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Beschluss"),
    )
    cost_estimate = models.DecimalField(
        _("Kostenschätzung (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("eingereicht von"),
    )
    author_name = models.CharField(_("Name"), max_length=120, blank=True)
    author_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    contact_consent = models.BooleanField(
        _("Einverständnis mit Rückfragen per E-Mail"), default=False
    )
    personal_data_removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("eingegangen am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(
        excluded_fields=["updated_at", "version", "author_name", "author_email"]
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "moderation", "is_public"]),
            models.Index(fields=["programme", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("ideas:detail", kwargs={"pk": self.pk})

    @property
    def is_publicly_visible(self) -> bool:
        return self.moderation == self.Moderation.APPROVED and self.is_public


class ModerationEvent(models.Model):
    """One moderation act, kept for the record (who, when, what, why)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("eingereicht")
        APPROVED = "approved", _("freigegeben")
        EDITED = "edited", _("bearbeitet")
        MERGED = "merged", _("zusammengeführt")
        HIDDEN = "hidden", _("ausgeblendet")
        RELEASED = "released", _("veröffentlicht")
        STATUS = "status", _("Status geändert")
        DECIDED = "decided", _("entschieden")
        ANONYMISED = "anonymised", _("personenbezogene Daten gelöscht")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="moderation_events")
    action = models.CharField(_("Vorgang"), max_length=12, choices=Action.choices)
    note = models.TextField(_("Anmerkung"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Moderationsvorgang")
        verbose_name_plural = _("Moderationsvorgänge")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idea}: {self.get_action_display()}"


class Support(models.Model):
    """One person supports an idea once. Staff are known by account; anonymous visitors only
    by a random token from a signed cookie, stored as a hash: no address, no browser data."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Unterstützung")
        verbose_name_plural = _("Unterstützungen")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=models.Q(user__isnull=False),
                name="one_support_per_user",
            ),
            models.UniqueConstraint(
                fields=["idea", "token_hash"],
                condition=~models.Q(token_hash=""),
                name="one_support_per_token",
            ),
        ]

    def __str__(self) -> str:
        return str(self.idea)


class Criterion(models.Model):
    class Direction(models.TextChoices):
        BENEFIT = "benefit", _("Nutzen: hoher Wert ist gut")
        COST = "cost", _("Aufwand: hoher Wert ist schlecht")

    class Axis(models.TextChoices):
        VALUE = "value", _("Nutzen")
        EFFORT = "effort", _("Aufwand")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("Kriterium"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    weight = models.DecimalField(
        _("Gewicht"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    scale_min = models.SmallIntegerField(_("Skala von"), default=0)
    scale_max = models.SmallIntegerField(_("Skala bis"), default=5)
    direction = models.CharField(
        _("Richtung"), max_length=8, choices=Direction.choices, default=Direction.BENEFIT
    )
    axis = models.CharField(
        _("Achse der Matrix"), max_length=8, choices=Axis.choices, default=Axis.VALUE
    )
    levels = models.TextField(
        _("Stufen"),
        blank=True,
        help_text=_("Eine Beschreibung je Stufe und Zeile, von der niedrigsten zur höchsten."),
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    active = models.BooleanField(_("in Gebrauch"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Bewertungskriterium")
        verbose_name_plural = _("Bewertungskriterien")
        ordering = ["programme", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="criterion_name_unique"),
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")), name="criterion_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def level_list(self) -> list[tuple[int, str]]:
        texts = [line.strip() for line in self.levels.splitlines() if line.strip()]
        return list(zip(range(self.scale_min, self.scale_max + 1), texts, strict=False))


class ScoringRound(models.Model):
    """A jury scores a set of ideas. Raters see others' scores only after submitting their
    own. Closing the round freezes scores and the weights in `frozen_criteria`."""

    class State(models.TextChoices):
        OPEN = "open", _("offen")
        CLOSED = "closed", _("abgeschlossen")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="scoring_rounds"
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    state = models.CharField(_("Status"), max_length=6, choices=State.choices, default=State.OPEN)
    ideas = models.ManyToManyField(Idea, related_name="scoring_rounds", verbose_name=_("Ideen"))
    raters: "models.ManyToManyField[User, RoundRater]" = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="RoundRater",
        related_name="scoring_rounds",
        verbose_name=_("Jury"),
    )
    # criterion id → {"name", "weight", "scale_min", "scale_max", "direction", "axis"}
    frozen_criteria = models.JSONField(default=dict, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("Tagesordnungspunkt"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Bewertungsrunde")
        verbose_name_plural = _("Bewertungsrunden")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("ideas:round", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED


class RoundRater(models.Model):
    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField(_("abgegeben am"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Mitglied der Jury")
        verbose_name_plural = _("Jury")
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_seat_per_rater")]

    def __str__(self) -> str:
        return f"{self.round}: {self.user}"


class Score(models.Model):
    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="scores")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_scores"
    )
    value = models.SmallIntegerField(_("Wert"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "idea", "criterion", "rater"], name="one_score_per_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.idea} / {self.criterion}: {self.value}"
