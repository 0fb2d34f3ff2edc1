"""Gremien: meeting series, meetings, agendas, minutes, decisions, escalations, reporting duties.

A meeting series (Gremium / Abstimmungsformat) belongs to a programme and speaks for one of the
`DecisionRequest.Body` codes, so requests addressed to that body reach its agenda. Decision
requests stay in `lotse.reporting`; this app links to them from above (apps depend downwards).
"""

import secrets
from datetime import date
from datetime import datetime
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.accounts.models import ApiToken
from lotse.forms import label_of
from lotse.http import id_url
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project
from lotse.reporting.models import DecisionRequest

BERLIN = ZoneInfo("Europe/Berlin")
Body = DecisionRequest.Body


# How long a meeting may last, in minutes: the models' validators and the forms' fields.
MEETING_MINUTES = (5, 720)
MEETING_MINUTES_VALIDATORS = [
    MinValueValidator(MEETING_MINUTES[0]),
    MaxValueValidator(MEETING_MINUTES[1]),
]


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("wöchentlich")
    WEEKS = "weeks", _("alle n Wochen")
    MONTHLY = "monthly", _("monatlich")
    QUARTERLY = "quarterly", _("quartalsweise")
    HALF_YEARLY = "half_yearly", _("halbjährlich")
    YEARLY = "yearly", _("jährlich")
    AD_HOC = "ad_hoc", _("bei Bedarf")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")


class DecisionKind(models.TextChoices):
    RELEASE_INITIATION = "release_initiation", _("Freigabe Projektinitiierung")
    ACCEPT_RESULTS = "accept_results", _("Abnahme der Projektergebnisse")
    CANCEL_PROJECT = "cancel_project", _("Projektabbruch")
    PASS_GATE = "pass_gate", _("Freigabe eines Phasentors")
    REPRIORITISE = "reprioritise", _("Repriorisierung")
    STRATEGIC = "strategic", _("strategische Entscheidung")
    OTHER = "other", _("sonstige Entscheidung")


class MeetingSeries(models.Model):
    """A Gremium or Abstimmungsformat with its cadence, people and powers."""

    class Format(models.TextChoices):
        ON_SITE = "on_site", _("Präsenz")
        DIGITAL = "digital", _("digital")
        HYBRID = "hybrid", _("hybrid")

    class NonWorkingDayRule(models.TextChoices):
        NEXT = "next", _("auf den nächsten Arbeitstag")
        PREVIOUS = "previous", _("auf den vorherigen Arbeitstag")

    class AgendaKind(models.TextChoices):
        GENERAL = "general", _("allgemein")
        PROJECT_CHECK = "project_check", _("Projektcheck: Projekte mit Handlungsbedarf")
        TRANSFORMATION = "transformation", _("Transformationskonferenz: Freigaben und Abnahmen")
        QUARTERLY = "quarterly", _("Quartalskonferenz: OKR-Reviews und Verknüpfungen")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="meeting_series",
        verbose_name=_("Programm"),
    )
    name = models.CharField(_("Name"), max_length=120)
    purpose = models.TextField(_("Zweck und Aufgaben"), blank=True)
    body = models.CharField(
        _("Entscheidungsbedarfe an"),
        max_length=30,
        choices=Body.choices,
        blank=True,
        help_text=_(
            "Entscheidungsbedarfe, die an dieses Gremium adressiert sind, kommen auf "
            "seine Tagesordnung."
        ),
    )
    escalation_level = models.PositiveSmallIntegerField(
        _("Stufe im Eskalationspfad"),
        default=0,
        validators=[MaxValueValidator(9)],
        help_text=_("0 = nicht im Eskalationspfad; je höher, desto höher das Gremium."),
    )
    agenda_kind = models.CharField(
        _("Tagesordnung aus"), max_length=20, choices=AgendaKind.choices, default=AgendaKind.GENERAL
    )
    cadence = models.CharField(
        _("Turnus"), max_length=12, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("Wochen zwischen den Sitzungen"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Nur beim Turnus „alle n Wochen“, z. B. 6."),
    )
    first_date = models.DateField(
        _("erster Termin"), help_text=_("Von diesem Tag aus rechnet Lotse den Turnus.")
    )
    weekday = models.PositiveSmallIntegerField(
        _("Wochentag"),
        choices=Weekday.choices,
        default=Weekday.TUESDAY,
        help_text=_(
            "Wöchentliche Gremien tagen an diesem Tag; monatliche und seltenere am gleichen "
            "Wochentag des Monats wie beim ersten Termin (z. B. am zweiten Dienstag)."
        ),
    )
    non_working_day_rule = models.CharField(
        _("Fällt der Termin auf einen arbeitsfreien Tag"),
        max_length=10,
        choices=NonWorkingDayRule.choices,
        default=NonWorkingDayRule.NEXT,
        help_text=_("Feiertag des Bundeslandes oder sitzungsfreie Zeit des Programms."),
    )
    start_time = models.TimeField(_("Beginn (Uhrzeit)"), default="10:00")
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), default=60, validators=MEETING_MINUTES_VALIDATORS
    )
    format = models.CharField(
        _("Format"), max_length=10, choices=Format.choices, default=Format.ON_SITE
    )
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_series",
        verbose_name=_("Leitung / Vorsitz"),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderated_series",
        verbose_name=_("Moderation"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meeting_series",
        verbose_name=_("Mitglieder"),
    )
    powers = models.JSONField(
        _("Befugnisse"),
        default=list,
        blank=True,
        help_text=_("Welche Arten von Entscheidungen dieses Gremium treffen darf."),
    )
    minutes_public = models.BooleanField(
        _("Protokolle für alle Lesenden"),
        default=True,
        help_text=_("Sonst sehen Protokolle nur die Mitglieder des Gremiums und das PMO."),
    )
    coupled_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coupled_series",
        verbose_name=_("gekoppelt an"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[members], excluded_fields=["version"])

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")
        ordering = ["programme", "-escalation_level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_series_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return id_url("governance:series_detail", self.pk)

    @property
    def power_labels(self) -> list[str]:
        labels = dict(DecisionKind.choices)
        return [str(labels[p]) for p in self.powers if p in labels]

    @property
    def cadence_label(self) -> str:
        if self.cadence == Cadence.WEEKS:
            return str(_("alle %(n)d Wochen") % {"n": self.interval_weeks})
        return str(self.get_cadence_display())

    def member_ids(self) -> set[int]:
        """Members, chair and moderator. The members are read when first asked for, as a
        prefetch (kept for later calls, dropped when they change), not with every meeting
        page: most who open one are decided on before (the programme office)."""
        models.prefetch_related_objects([self], "members")
        ids = {m.pk for m in self.members.all()}
        ids.update(i for i in (self.chair_id, self.moderator_id) if i)
        return ids


class Meeting(models.Model):
    """One sitting. `slot_date` is the cadence slot it was generated for; `date` is that slot
    moved to a working day (by the series' rule) or moved by a person (`moved`). Generating
    again finds the meeting by its slot even after it was moved or cancelled."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        HELD = "held", _("stattgefunden")
        CANCELLED = "cancelled", _("abgesagt")

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="meetings")
    slot_date = models.DateField(_("Turnustermin"), null=True, blank=True, editable=False)
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), validators=MEETING_MINUTES_VALIDATORS
    )
    location = models.CharField(_("Ort"), max_length=200, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    change_reason = models.CharField(
        _("Grund der Verschiebung oder Absage"), max_length=300, blank=True
    )
    minutes_notes = models.TextField(_("Allgemeine Notizen zum Protokoll"), blank=True)
    # Set when a person moves the meeting: generating again then leaves its date alone.
    moved = models.BooleanField(_("von Hand verschoben"), default=False, editable=False)
    moved_from = models.DateField(_("ursprünglich am"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        ordering = ["date", "start_time", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "slot_date"], name="one_meeting_per_slot")
        ]
        indexes = [models.Index(fields=["series", "date"])]

    def __str__(self) -> str:
        return f"{self.series.name}, {formats.date_format(self.date, 'SHORT_DATE_FORMAT')}"

    def get_absolute_url(self) -> str:
        return id_url("governance:meeting_detail", self.pk)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.date, self.start_time, tzinfo=BERLIN)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_moved(self) -> bool:
        return self.moved

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def uid(self) -> str:
        from lotse.documents.ical import uid

        return uid("meeting", self.pk)


class AgendaItem(models.Model):
    """A point on a meeting's agenda, from live data (`source_key` set) or typed in."""

    class Kind(models.TextChoices):
        MANUAL = "manual", _("eigener Punkt")
        REQUEST = "request", _("Entscheidungsbedarf")
        ESCALATION = "escalation", _("Eskalation")
        ATTENTION = "attention", _("Projekt mit Handlungsbedarf")
        INITIATION = "initiation", _("Freigabe Projektinitiierung")
        ACCEPTANCE = "acceptance", _("Abnahme der Projektergebnisse")
        OKR_REVIEW = "okr_review", _("OKR-Review")
        OKR_LINK = "okr_link", _("Projektübergreifende Verknüpfung")
        DEADLINE = "deadline", _("Frist mit Entscheidungsbedarf")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(_("Position"), default=0)
    kind = models.CharField(_("Art"), max_length=12, choices=Kind.choices, default=Kind.MANUAL)
    title = models.CharField(_("Thema"), max_length=300)
    description = models.TextField(_("Erläuterung"), blank=True)
    # The planned minutes an item may take (the form names this range, issue 6).
    MINUTES_RANGE = (0, 480)
    minutes = models.PositiveSmallIntegerField(
        _("Zeit (Minuten)"),
        default=10,
        validators=[MinValueValidator(MINUTES_RANGE[0]), MaxValueValidator(MINUTES_RANGE[1])],
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Projekt"),
    )
    decision_request = models.ForeignKey(
        DecisionRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    # "request:12", "attention:5", … — one item per source object, so assembling is idempotent.
    source_key = models.CharField(max_length=60, blank=True, editable=False)
    # Removed live items stay (hidden) so that assembling again does not bring them back.
    removed = models.BooleanField(default=False, editable=False)
    notes = models.TextField(_("Protokollnotiz"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_key"],
                condition=~models.Q(source_key=""),
                name="one_agenda_item_per_source",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        """`get_kind_display()` without rebuilding the choices on every call (issue 14)."""
        return label_of(self.Kind, self.kind)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("anwesend")
        EXCUSED = "excused", _("entschuldigt")
        GUEST = "guest", _("Gast")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    guest_name = models.CharField(_("Name (Gast)"), max_length=150, blank=True)
    status = models.CharField(_("Anwesenheit"), max_length=10, choices=Status.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["meeting", "status", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(user__isnull=False),
                name="one_attendance_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user or self.guest_name}: {self.get_status_display()}"

    @property
    def name(self) -> str:
        return str(self.user) if self.user_id else self.guest_name


class Decision(models.Model):
    """A Beschluss, taken in a meeting; may answer a decision request and change a project."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Tagesordnungspunkt"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=DecisionKind.choices)
    wording = models.TextField(_("Beschlusstext"))
    rationale = models.TextField(_("Begründung"), blank=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("Projekt"),
    )
    decision_request = models.ForeignKey(
        DecisionRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("beantwortet den Entscheidungsbedarf"),
    )
    decided_on = models.DateField(_("beschlossen am"))
    stage_before = models.CharField(max_length=20, blank=True, editable=False)
    stage_after = models.CharField(max_length=20, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["programme", "-decided_on", "-id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.wording[:60]}"

    def get_absolute_url(self) -> str:
        return id_url("governance:decision_detail", self.pk)

    @property
    def kind_label(self) -> str:
        """`get_kind_display()` without rebuilding the choices on every call (a meeting page
        lists hundreds of decisions, issue 14)."""
        return label_of(DecisionKind, self.kind)


class ActionItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("Tagesordnungspunkt"),
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    title = models.CharField(_("Aufgabe"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="governance_actions",
        verbose_name=_("verantwortlich"),
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    done = models.BooleanField(_("erledigt"), default=False)
    card = models.ForeignKey(
        "boards.Card", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        ordering = ["meeting", "due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class Escalation(models.Model):
    """One step up the escalation path of a decision request."""

    decision_request = models.ForeignKey(
        DecisionRequest, on_delete=models.CASCADE, related_name="escalations"
    )
    from_body = models.CharField(_("von"), max_length=30, choices=Body.choices)
    to_body = models.CharField(_("an"), max_length=30, choices=Body.choices)
    reason = models.TextField(_("Begründung"))
    escalated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("eskaliert am"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Eskalation")
        verbose_name_plural = _("Eskalationen")
        ordering = ["decision_request", "escalated_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_body_display()} → {self.get_to_body_display()}"


class ReportingDuty(models.Model):
    """A Berichtspflicht (Programmauftrag, Kapitel 5): who gets which report how often."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="reporting_duties"
    )
    recipient = models.CharField(_("Empfänger"), max_length=200)
    report = models.CharField(_("Was berichtet wird"), max_length=300)
    cadence = models.CharField(_("Turnus"), max_length=12, choices=Cadence.choices)
    interval_weeks = models.PositiveSmallIntegerField(
        _("Wochen"), default=2, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    first_due = models.DateField(_("erstmals fällig am"))
    last_fulfilled = models.DateField(_("zuletzt erfüllt am"), null=True, blank=True)
    source = models.CharField(_("Grundlage"), max_length=200, blank=True)
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporting_duties",
        verbose_name=_("Gremium"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Berichtspflicht")
        verbose_name_plural = _("Berichtspflichten")
        ordering = ["programme", "recipient", "report"]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.report}"

    @property
    def next_due(self) -> date | None:
        from .cadence import next_slot

        if self.last_fulfilled is None:
            return self.first_due
        return next_slot(self.cadence, self.first_due, self.last_fulfilled, self.interval_weeks)


class DutyFulfilment(models.Model):
    duty = models.ForeignKey(ReportingDuty, on_delete=models.CASCADE, related_name="fulfilments")
    fulfilled_on = models.DateField(_("erfüllt am"))
    note = models.TextField(_("Notiz"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Erfüllung einer Berichtspflicht")
        verbose_name_plural = _("Erfüllungen von Berichtspflichten")
        ordering = ["duty", "-fulfilled_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.duty}: {self.fulfilled_on:%d.%m.%Y}"


class CalendarToken(models.Model):
    """The secret in a personal calendar feed URL. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} ({self.hint}…)"

    # stored as an API token is: the SHA-256 of the secret, never the secret
    hash_secret = staticmethod(ApiToken.hash_secret)

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)
