"""Kanban boards (seed 000 §6.2, seed 004's Digitalisierungsboard), the PMO task board and
retrospectives."""

from typing import cast

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.okr.models import KeyResult
from lotse.okr.models import Quarter
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import Milestone


def _one_owner(*, name: str) -> models.CheckConstraint:
    """Either a project or a programme owns the row, never both, never neither."""
    return models.CheckConstraint(
        condition=(models.Q(project__isnull=True) & models.Q(programme__isnull=False))
        | (models.Q(project__isnull=False) & models.Q(programme__isnull=True)),
        name=name,
    )


class Board(models.Model):
    """A project's board, or (with `programme` set) the programme's PMO task board."""

    class Swimlanes(models.TextChoices):
        NONE = "none", _("keine")
        SUB_PROJECT = "sub_project", _("nach Teilprojekt")

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="board"
    )
    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="pmo_board"
    )
    swimlanes = models.CharField(
        _("Swimlanes"), max_length=12, choices=Swimlanes.choices, default=Swimlanes.NONE
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Board")
        verbose_name_plural = _("Boards")
        constraints = [_one_owner(name="board_has_one_owner")]

    def __str__(self) -> str:
        if self.programme_id:
            return f"PMO-Board {self.programme}"
        return f"Board {self.project}"

    def get_absolute_url(self) -> str:
        return reverse("boards:board", kwargs={"pk": self.pk})

    @property
    def owner_programme_id(self) -> int:
        # A board belongs to a programme or else to a project.
        return self.programme_id or cast("Project", self.project).programme_id


class Column(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="columns")
    name = models.CharField(_("Name"), max_length=60)
    position = models.PositiveIntegerField(_("Position"), default=0)
    wip_limit = models.PositiveSmallIntegerField(
        _("WIP-Limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("Höchstzahl Karten in dieser Spalte; leer = ohne Limit."),
    )
    # Cards here count as done (status report "Done", retrospective actions).
    is_done = models.BooleanField(_("gilt als erledigt"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Spalte")
        verbose_name_plural = _("Spalten")
        ordering = ["board", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class Label(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(_("Label"), max_length=40)

    class Meta:
        verbose_name = _("Label")
        verbose_name_plural = _("Labels")
        ordering = ["board", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="label_unique_per_board")
        ]

    def __str__(self) -> str:
        return self.name


class Card(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cards")
    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="cards")
    position = models.PositiveIntegerField(_("Position"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True, help_text=_("Markdown"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cards",
        verbose_name=_("zuständig"),
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    labels = models.ManyToManyField(
        Label, blank=True, related_name="cards", verbose_name=_("Labels")
    )
    sub_project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Teilprojekt"),
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("Meilenstein"),
    )
    key_result = models.ForeignKey(
        KeyResult,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("Key Result"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    class Meta:
        verbose_name = _("Karte")
        verbose_name_plural = _("Karten")
        ordering = ["column__position", "position", "pk"]
        indexes = [models.Index(fields=["column", "position"])]

    def __str__(self) -> str:
        return self.title


class Retrospective(models.Model):
    """A team's retrospective (project) or the cross-project one of a quarter (programme)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="retrospectives"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="retrospectives"
    )
    quarter = models.ForeignKey(
        Quarter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="retrospectives",
        verbose_name=_("Quartal"),
    )
    held_on = models.DateField(_("durchgeführt am"))
    went_well = models.TextField(_("Was lief gut?"), blank=True)
    to_improve = models.TextField(_("Was wollen wir verbessern?"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Retrospektive")
        verbose_name_plural = _("Retrospektiven")
        ordering = ["-held_on", "-pk"]
        constraints = [_one_owner(name="retrospective_has_one_owner")]

    def __str__(self) -> str:
        return f"{self.project or self.programme}, {self.held_on:%d.%m.%Y}"


class RetroAction(models.Model):
    """An action agreed in a retrospective; becomes a card with one click."""

    retrospective = models.ForeignKey(
        Retrospective, on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("Maßnahme"), max_length=300)
    card = models.OneToOneField(
        Card, on_delete=models.SET_NULL, null=True, blank=True, related_name="retro_action"
    )
    # Used when the action has no card; with a card, done means the card is in a done column.
    done = models.BooleanField(_("erledigt"), default=False)
    order = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Maßnahme aus Retrospektive")
        verbose_name_plural = _("Maßnahmen aus Retrospektiven")
        ordering = ["retrospective", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        """Done: its card is in a done column, or (without a card) it was ticked off."""
        if self.card_id and self.card is not None:
            return bool(self.card.column.is_done)
        return self.done
