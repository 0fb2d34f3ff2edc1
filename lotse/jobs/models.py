"""A job: one document or import someone asked for, run by the background worker.

The page a user waits on reads this record (status, phase and percent); the worker writes it.
The result is either a file in Django's storage (`file`) or a place elsewhere (`result_url`,
e.g. the council-report archive or the import log), with a German summary.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    ACTIVE = (Status.QUEUED, Status.RUNNING)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("angefordert von"),
    )
    # The programme the job belongs to: its PMO and programme manager see the job too.
    programme = models.ForeignKey(
        "portfolio.Programme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("Programm"),
    )
    kind = models.CharField(_("Art"), max_length=60)
    title = models.CharField(_("Titel"), max_length=300)
    params = models.JSONField(_("Parameter"), default=dict, blank=True)
    # Hash of kind and parameters: the same request joins a running job.
    key = models.CharField(_("Schlüssel"), max_length=64, db_index=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(_("Schritt"), max_length=200, blank=True)
    percent = models.PositiveSmallIntegerField(_("Fortschritt (%)"), default=0)
    error = models.TextField(_("Fehlermeldung"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    file = models.FileField(_("Datei"), upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(_("Dateiname"), max_length=200, blank=True)
    content_type = models.CharField(_("Dateityp"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("Größe (Bytes)"), default=0)
    result_url = models.CharField(_("Ergebnis unter"), max_length=500, blank=True)
    summary = models.TextField(_("Ergebnis"), blank=True)
    task_id = models.CharField(_("Aufgaben-ID"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hintergrundauftrag")
        verbose_name_plural = _("Hintergrundaufträge")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One active job per person and request: a second request joins the first.
            models.UniqueConstraint(
                fields=["requested_by", "key"],
                condition=Q(status__in=["queued", "running"]),
                name="jobs_one_active_per_request",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def download_url(self) -> str:
        if self.file:
            return reverse("jobs:download", args=[self.pk])
        return self.result_url
