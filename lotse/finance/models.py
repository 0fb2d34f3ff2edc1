"""Money of a programme: budget lines per year (or span of years), actuals and commitments per
month, funding with phases, typed deadlines, external support by person-days.

Every amount is a `Decimal` in EUR with cents. Finance sits directly above the portfolio: the
reporting cockpit, the status report's budget light, governance agendas and the council reports
read from here, never the other way round.
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

from lotse.portfolio.models import DecisionBody
from lotse.portfolio.models import OrgUnit
from lotse.portfolio.models import Programme
from lotse.portfolio.models import Project

# No single line, actual or phase of a municipal programme comes near this; a bigger number is
# a typing slip (an extra digit, cents typed as euros).
CEILING = Decimal("1000000000.00")
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class FinanceSettings(models.Model):
    """What the programme office sets for the programme's money."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="finance_settings"
    )
    warning_days = models.PositiveSmallIntegerField(
        _("Vorwarnzeit für Fristen (Tage)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_("Fristen, die innerhalb dieser Zeit fällig werden, erscheinen im Cockpit."),
    )
    tolerance_percent = models.PositiveSmallIntegerField(
        _("Toleranz für die Budget-Ampel (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Übersteigen Ist und Obligo den anteiligen Plan um mehr als diese Toleranz, schlägt "
            "Lotse Gelb vor; über dem Jahresplan Rot."
        ),
    )
    staff_rate = models.DecimalField(
        _("Personalkostensatz je MAK und Jahr (EUR)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        max_digits=14,
        decimal_places=2,
        help_text=_("Nur damit werden geplante Stellen (MAK) in Euro umgerechnet."),
    )
    publish_totals = models.BooleanField(
        _("Budgetsummen öffentlich zeigen"),
        default=False,
        help_text=_(
            "Summen je Themenfeld und veröffentlichtem Projekt auf den öffentlichen Seiten."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Finanzeinstellung")
        verbose_name_plural = _("Finanzeinstellungen")

    def __str__(self) -> str:
        return str(self.programme)


class Kind(models.TextChoices):
    EXPENSE = "expense", _("Aufwand")
    INVEST = "invest", _("Invest")
    STAFF = "staff", _("Personal (MAK)")


class BudgetStatus(models.TextChoices):
    PLANNED = "planned", _("veranschlagt")
    REQUESTED = "requested", _("beantragt")
    NOT_PLANNED = "not_planned", _("nicht veranschlagt")


class Funding(models.Model):
    """A Förderung: funder, funding programme, own share; its phases carry the volumes."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("Programm")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fundings",
        verbose_name=_("Projekt"),
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    funder = models.CharField(_("Fördermittelgeber"), max_length=200, blank=True)
    funding_programme = models.CharField(_("Förderprogramm"), max_length=200, blank=True)
    own_share_percent = models.DecimalField(
        _("Eigenanteil (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    reference = models.CharField(_("Aktenzeichen / Förderkennzeichen"), max_length=100, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Förderung")
        verbose_name_plural = _("Förderungen")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_funding_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("finance:funding_detail", kwargs={"pk": self.pk})


class FundingPhase(models.Model):
    """A phase of a funding with its volume split into staff/material and investment."""

    funding = models.ForeignKey(Funding, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("Phase"), max_length=100)
    start = models.DateField(_("Beginn"), null=True, blank=True)
    end = models.DateField(_("Ende"), null=True, blank=True)
    staff_material = models.DecimalField(
        _("Personal- und Sachkosten (EUR)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    investment = models.DecimalField(
        _("Investitionskosten (EUR)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Förderphase")
        verbose_name_plural = _("Förderphasen")
        ordering = ["funding", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.funding}: {self.name}"

    @property
    def total(self) -> Decimal:
        return self.staff_material + self.investment


class BudgetLine(models.Model):
    """A Haushaltsansatz: one amount for one kind, for a year or a span of years.

    `title` is the name the committee table shows ("Social Intranet"); a line of a programme
    project defaults to the project's title. `funded_amount` is the "davon Fördermittel" part.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("Programm")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("Projekt"),
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("Organisationseinheit (Budget)"),
    )
    planning = models.CharField(
        _("Haushaltsplanung"),
        max_length=120,
        blank=True,
        help_text=_("Die Planungsrunde, z. B. „Haushaltsplanung 2023/24 bis 2027“."),
    )
    title = models.CharField(_("Bezeichnung im Haushalt"), max_length=200)
    purpose = models.TextField(_("Anmerkung / Zweck"), blank=True)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    year_from = models.PositiveSmallIntegerField(
        _("Haushaltsjahr (von)"), validators=YEAR_VALIDATORS
    )
    year_to = models.PositiveSmallIntegerField(_("Haushaltsjahr (bis)"), validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("Haushaltsstatus"),
        max_length=12,
        choices=BudgetStatus.choices,
        default=BudgetStatus.NOT_PLANNED,
    )
    amount = models.DecimalField(
        _("Betrag (EUR)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    fte = models.DecimalField(
        _("Stellen (MAK)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    funding = models.ForeignKey(
        Funding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("finanziert aus Förderung"),
    )
    funded_amount = models.DecimalField(
        _("davon Fördermittel (EUR)"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    funded_note = models.CharField(_("Anmerkung zu den Fördermitteln"), max_length=300, blank=True)
    product = models.CharField(_("Produkt"), max_length=40, blank=True)
    cost_centre = models.CharField(_("Kostenstelle"), max_length=40, blank=True)
    investment_number = models.CharField(_("Investitionsnummer"), max_length=40, blank=True)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Haushaltsansatz")
        verbose_name_plural = _("Haushaltsansätze")
        ordering = ["programme", "org_unit__code", "kind", "position", "year_from", "pk"]
        indexes = [
            models.Index(fields=["programme", "year_from"]),
            models.Index(fields=["project", "year_from"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_to__gte=models.F("year_from")),
                name="budget_line_span_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()}, {self.span_label})"

    @property
    def span_label(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_from)
        return str(_("%(a)s bis %(b)s") % {"a": self.year_from, "b": self.year_to})

    @property
    def years(self) -> int:
        return self.year_to - self.year_from + 1

    @property
    def references(self) -> list[str]:
        return [r for r in (self.product, self.cost_centre, self.investment_number) if r]


class Actual(models.Model):
    """Ist and Obligo of one budget line in one month. One row per line and month: entering or
    importing again replaces the figures, so a rerun of the same file changes nothing."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("von Hand erfasst")
        IMPORT = "import", _("importiert")

    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="actuals")
    month = models.DateField(_("Monat"), help_text=_("Der Erste des Monats."))
    actual = models.DecimalField(
        _("Ist (EUR)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    committed = models.DecimalField(
        _("Obligo / gebunden (EUR)"), default=Decimal("0"), max_digits=14, decimal_places=2
    )
    source = models.CharField(
        _("Herkunft"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    correction_reason = models.CharField(
        _("Grund der Korrektur"),
        max_length=300,
        blank=True,
        help_text=_("Pflicht bei negativen Beträgen (Storno, Korrekturbuchung)."),
    )
    is_example = models.BooleanField(_("Beispieldaten"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ist / Obligo")
        verbose_name_plural = _("Ist / Obligo")
        ordering = ["budget_line", "month"]
        constraints = [
            models.UniqueConstraint(fields=["budget_line", "month"], name="one_actual_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.budget_line.title} {self.month:%m/%Y}"


class Deadline(models.Model):
    """A hard date with a consequence: decision needed, application, spending, proof of use."""

    class DeadlineKind(models.TextChoices):
        DECISION = "decision", _("Entscheidung nötig bis")
        APPLICATION = "application", _("Antragsfrist")
        SPENDING = "spending", _("Mittelabfluss")
        PROOF = "proof", _("Verwendungsnachweis")
        OTHER = "other", _("sonstige Frist")

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        MET = "met", _("eingehalten")
        MISSED = "missed", _("verpasst")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("Programm")
    )
    funding = models.ForeignKey(
        Funding,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("Förderung"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("Projekt"),
    )
    kind = models.CharField(_("Art"), max_length=12, choices=DeadlineKind.choices)
    title = models.CharField(_("Frist"), max_length=300)
    due_date = models.DateField(_("fällig am"))
    consequence = models.TextField(
        _("Folge bei Versäumnis"), help_text=_("In Worten, z. B. „scheitert die Förderung“.")
    )
    body = models.CharField(
        _("entscheidet"),
        max_length=30,
        choices=DecisionBody.choices,
        blank=True,
        help_text=_("Bei Entscheidungsfristen: das Gremium, auf dessen Tagesordnung sie kommt."),
    )
    body_name = models.CharField(
        _("entscheidendes Gremium (Name)"),
        max_length=200,
        blank=True,
        help_text=_(
            "z. B. „Stadtverordnetenversammlung“, wenn das Gremium außerhalb des Programms tagt."
        ),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    met_on = models.DateField(_("erledigt am"), null=True, blank=True)
    resolution = models.TextField(_("Erledigt durch"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["programme", "status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_date:%d.%m.%Y})"

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.OPEN and self.due_date < today

    @property
    def body_label(self) -> str:
        return self.body_name or (str(self.get_body_display()) if self.body else "")


class SupportContract(models.Model):
    """A Rahmenvertrag for external support: a contingent of person-days at a day rate."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="support_contracts",
        verbose_name=_("Programm"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_contracts",
        verbose_name=_("Projekt"),
    )
    budget_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_contracts",
        verbose_name=_("Haushaltsansatz"),
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    contractor = models.CharField(_("Auftragnehmer"), max_length=200, blank=True)
    purpose = models.TextField(_("Leistung"), blank=True)
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"))
    person_days = models.DecimalField(
        _("Kontingent (Personentage)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    day_rate = models.DecimalField(
        _("Tagessatz netto (EUR)"),
        validators=[MinValueValidator(Decimal("0"))],
        max_digits=14,
        decimal_places=2,
    )
    vat_percent = models.DecimalField(
        _("Umsatzsteuer (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("19"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Rahmenvertrag")
        verbose_name_plural = _("Rahmenverträge")
        ordering = ["programme", "start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="contract_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("finance:contract_detail", kwargs={"pk": self.pk})

    @property
    def net(self) -> Decimal:
        return (self.person_days * self.day_rate).quantize(Decimal("0.01"))

    @property
    def gross(self) -> Decimal:
        return (self.net * (100 + self.vat_percent) / 100).quantize(Decimal("0.01"))


class CallOff(models.Model):
    """An Abruf: person-days called off from a contract in one month, with its purpose."""

    contract = models.ForeignKey(
        SupportContract, on_delete=models.CASCADE, related_name="call_offs"
    )
    month = models.DateField(_("Monat"))
    days = models.DecimalField(_("Personentage"), max_digits=6, decimal_places=2)
    purpose = models.CharField(_("Zweck"), max_length=300)
    correction_reason = models.CharField(_("Grund der Korrektur"), max_length=300, blank=True)
    is_example = models.BooleanField(_("Beispieldaten"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Abruf")
        verbose_name_plural = _("Abrufe")
        ordering = ["contract", "month", "pk"]

    def __str__(self) -> str:
        return f"{self.contract}: {self.month:%m/%Y}, {self.days} PT"


class DeadlineReminderLog(models.Model):
    """One row per deadline, recipient, due date and kind sent, so reruns send nothing twice
    (a moved deadline is announced again)."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Frist naht")
        OVERDUE = "overdue", _("Frist überschritten")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WARNING)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "user", "due_date", "kind"], name="one_deadline_reminder_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline} → {self.user}"


class ActualImport(models.Model):
    """An uploaded file of actuals, parsed and kept on the server between preview and import.

    Not in the session: a file of thousands of rows would travel with every later request of
    the user. After the import the rows are dropped; the record stays as the import log."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Vorschau")
        DONE = "done", _("importiert")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="actual_imports"
    )
    token = models.CharField(max_length=40, unique=True)
    file_name = models.CharField(_("Datei"), max_length=255)
    digest = models.CharField(_("Prüfsumme (SHA-256)"), max_length=64)
    header = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(_("Zeilen"), default=0)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    changed = models.PositiveIntegerField(_("geänderte Monatswerte"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)
    imported_at = models.DateTimeField(_("importiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Import von Ist-Werten")
        verbose_name_plural = _("Importe von Ist-Werten")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
