"""The programme's structure: goals, programmes, fields of action, org units, projects."""

from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.http import id_url

from .workdays import REGIONS
from .workdays import validate_blackout


class StrategicGoal(models.Model):
    """A city-wide strategic goal (gesamtstädtisches Ziel), e.g. "Digitales Potsdam"."""

    name = models.CharField(_("Bezeichnung"), max_length=200, unique=True)
    description = models.TextField(_("Zieltext"), blank=True)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Strategisches Ziel")
        verbose_name_plural = _("Strategische Ziele")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    """An organisational unit of the administration; a tree (GB → FB → Bereich)."""

    class Kind(models.TextChoices):
        BUSINESS_AREA = "business_area", _("Geschäftsbereich")
        DEPARTMENT = "department", _("Fachbereich")
        DIVISION = "division", _("Bereich")
        OTHER = "other", _("Sonstige Einheit")

    code = models.CharField(_("Kürzel"), max_length=30, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("übergeordnete Einheit"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}" if self.name else self.code


def _end_after_start(start: str, end: str, *, name: str) -> models.CheckConstraint:
    """The end date is not before the start date (either may be empty)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=name,
    )


class Programme(models.Model):
    """A programme, or a sub-programme when it has a parent."""

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzadresse"), max_length=60, unique=True)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_programmes",
        verbose_name=_("übergeordnetes Programm"),
    )
    strategic_goals = models.ManyToManyField(
        StrategicGoal, blank=True, related_name="programmes", verbose_name=_("strategische Ziele")
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    holiday_region = models.CharField(
        _("Bundesland (Feiertage)"),
        max_length=2,
        choices=REGIONS,
        blank=True,
        help_text=_(
            "Sitzungen und Fälligkeiten überspringen die Feiertage dieses Landes; "
            "ohne Angabe nur die bundesweiten."
        ),
    )
    meeting_blackout = models.CharField(
        _("Sitzungsfreie Zeiten"),
        max_length=200,
        blank=True,
        validators=[validate_blackout],
        help_text=_(
            "Jährlich wiederkehrend, z. B. „24.12.–01.01.“; mehrere durch Semikolon getrennt."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[strategic_goals])

    class Meta:
        verbose_name = _("Programm")
        verbose_name_plural = _("Programme")
        ordering = ["name"]
        constraints = [_end_after_start("start_date", "end_date", name="programme_end_after_start")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portfolio:target_picture", kwargs={"slug": self.slug})


class FieldOfAction(models.Model):
    """A Themenfeld / Handlungsfeld with the target state the programme wants to reach."""

    class Impact(models.TextChoices):
        OUTWARD = "outward", _("Wirkung primär nach außen")
        INWARD = "inward", _("Wirkung primär nach innen")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="fields_of_action",
        verbose_name=_("Programm"),
    )
    name = models.CharField(_("Name"), max_length=200)
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    target_state = models.TextField(_("Zielzustand"), blank=True)
    summary = models.TextField(_("Kurzfassung"), blank=True)
    target_date = models.DateField(_("Zielzeitpunkt"), null=True, blank=True)
    impact = models.CharField(
        _("Wirkungsrichtung"), max_length=10, choices=Impact.choices, default=Impact.OUTWARD
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Themenfeld")
        verbose_name_plural = _("Themenfelder")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_field_name")
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """Project stages: the legend of table 3.3 in the Potsdam programme plus end states."""

    IDEA = "idea", _("Projektidee")
    PLANNING = "planning", _("Projektplanung")
    START_SOON = "start_soon", _("Zeitnaher Start angedacht")
    PARTLY_RUNNING = "partly_running", _("Teilweise in Umsetzung")
    RUNNING = "running", _("In Umsetzung")
    COMPLETED = "completed", _("Abgeschlossen")
    CANCELLED = "cancelled", _("Abgebrochen")
    PAUSED = "paused", _("Pausiert")


class DecisionBody(models.TextChoices):
    """Who decides: the bodies of the escalation path. Decision requests (reporting) and
    funding deadlines (finance) are addressed to one; a Gremium speaks for one (governance)."""

    PMO = "pmo", _("PMO")
    PROGRAMME_MANAGER = "programme_manager", _("Programmverantwortliche/r")
    PROJECT_CHECK = "project_check", _("Projektcheck")
    TRANSFORMATION_CONFERENCE = "transformation_conference", _("Transformationskonferenz")
    STRATEGY_BK = "strategy_bk", _("Strategie-BK")
    OTHER = "other", _("anderes Gremium")


class ProjectQuerySet(models.QuerySet["Project"]):
    def with_card_relations(self) -> Self:
        """Everything a project list, card or Steckbrief shows next to the project."""
        return self.select_related(
            "programme", "field_of_action", "org_unit", "lead", "change_manager", "parent"
        )


class Project(models.Model):
    """A project (or sub-project, with a parent): its Steckbrief."""

    class Kind(models.TextChoices):
        QUICK_WIN = "quick_win", _("Quick Win")
        INFRASTRUCTURE = "infrastructure", _("Infrastruktur")
        STRATEGY = "strategy", _("Strategie")

    class Method(models.TextChoices):
        AGILE = "agile", _("agil")
        LINEAR = "linear", _("linear")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("Programm")
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("Themenfeld"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_projects",
        verbose_name=_("übergeordnetes Projekt"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    goals = models.TextField(_("Projektziele"), blank=True, help_text=_("Ein Ziel je Zeile."))
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("Organisationseinheit"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_projects",
        verbose_name=_("Projektleitung"),
    )
    change_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changed_projects",
        verbose_name=_("Business Change Manager"),
    )
    stage = models.CharField(_("Phase"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    kind = models.CharField(
        _("Projektart"), max_length=20, choices=Kind.choices, default=Kind.INFRASTRUCTURE
    )
    method = models.CharField(
        _("Vorgehen"), max_length=10, choices=Method.choices, default=Method.AGILE
    )
    planned_start = models.DateField(_("geplanter Beginn"), null=True, blank=True)
    planned_end = models.DateField(_("geplantes Ende"), null=True, blank=True)
    published = models.BooleanField(
        _("veröffentlicht"),
        default=False,
        help_text=_("Veröffentlichte Projekte erscheinen auf den öffentlichen Seiten."),
    )
    public_summary = models.TextField(
        _("Kurzbeschreibung für die Öffentlichkeit"),
        blank=True,
        help_text=_(
            "Für Bürgerinnen und Bürger geschrieben: Was ändert sich für wen? Erscheint auf "
            "der öffentlichen Projektseite, sobald das Projekt veröffentlicht ist."
        ),
    )
    # What puts a release or an acceptance on the deciding body's agenda (not the stage alone).
    release_proposed_on = models.DateField(
        _("zur Freigabe vorgeschlagen am"), null=True, blank=True, editable=False
    )
    completion_reported_on = models.DateField(
        _("Abschluss gemeldet am"), null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "version"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["title"]
        constraints = [
            _end_after_start("planned_start", "planned_end", name="project_end_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return id_url("portfolio:project_detail", self.pk)

    @property
    def goal_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.goals.splitlines() if line.strip(" -•\t")]


class GoalContribution(models.Model):
    """How a project contributes to a strategic goal (the Duisburg matrix: "x" or "?")."""

    class Level(models.TextChoices):
        CONTRIBUTES = "contributes", _("trägt bei")
        UNCLEAR = "unclear", _("zu klären")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goal_contributions"
    )
    strategic_goal = models.ForeignKey(
        StrategicGoal, on_delete=models.CASCADE, related_name="contributions"
    )
    level = models.CharField(
        _("Beitrag"), max_length=20, choices=Level.choices, default=Level.CONTRIBUTES
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beitrag zum Ziel")
        verbose_name_plural = _("Beiträge zu Zielen")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "strategic_goal"], name="unique_goal_contribution"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} → {self.strategic_goal}: {self.get_level_display()}"


class Dependency(models.Model):
    """A relation between two projects: one needs or blocks the other, or they have synergy."""

    class Kind(models.TextChoices):
        NEEDS = "needs", _("benötigt")
        BLOCKS = "blocks", _("blockiert")
        SYNERGY = "synergy", _("Synergie mit")

    source = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="dependencies_out",
        verbose_name=_("Projekt"),
    )
    target = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="dependencies_in",
        verbose_name=_("anderes Projekt"),
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    note = models.TextField(_("Anmerkung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Abhängigkeit")
        verbose_name_plural = _("Abhängigkeiten")
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="unique_dependency"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="dependency_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def programme_id(self) -> int:
        return self.source.programme_id
