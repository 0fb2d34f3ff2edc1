"""The report archive: every generated council report, stored byte for byte.

The document itself lives in the database (a BinaryField), so the archive needs no file
storage or extra service and works the same on SQLite and PostgreSQL; backups of the
database contain it. An archived report never changes: `save` refuses updates, `delete`
refuses deletion, and the admin shows it read-only.
"""

from __future__ import annotations

import hashlib
from typing import Any
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.portfolio.models import FieldOfAction
from lotse.portfolio.models import Programme

from .kinds import MIME
from .kinds import Format
from .kinds import Kind


class ArchiveImmutable(ValidationError):
    pass


class ArchivedReportQuerySet(models.QuerySet["ArchivedReport"]):
    def without_content(self) -> ArchivedReportQuerySet:
        """Lists never need the document's bytes."""
        return self.defer("content").select_related("field_of_action", "created_by")

    def delete(self) -> NoReturn:
        raise ArchiveImmutable(_("Archivierte Berichte können nicht gelöscht werden."))

    def update(self, **kwargs: Any) -> NoReturn:
        raise ArchiveImmutable(_("Archivierte Berichte können nicht geändert werden."))


class ArchivedReport(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="archived_reports"
    )
    kind = models.CharField(_("Berichtsart"), max_length=20, choices=Kind.choices)
    format = models.CharField(_("Format"), max_length=5, choices=Format.choices)
    title = models.CharField(_("Titel"), max_length=300)
    as_of = models.DateField(_("Stand"))
    # The exact moment the data was read from the history: the end of the as-of day, or the
    # moment of generation when the as-of day is today.
    as_of_moment = models.DateTimeField(_("Datenstand (Zeitpunkt)"))
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="archived_reports",
        verbose_name=_("Themenfeld"),
    )
    # The reporting duty (Berichtspflicht) this report fulfilled, if it was made for one.
    duty = models.ForeignKey(
        "governance.ReportingDuty",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="archived_reports",
        verbose_name=_("Berichtspflicht"),
    )
    parameters = models.JSONField(_("Parameter"), default=dict, blank=True)
    filename = models.CharField(_("Dateiname"), max_length=200)
    content = models.BinaryField(_("Dokument"))
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    sha256 = models.CharField(_("SHA-256-Prüfsumme"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("erstellt von"),
    )
    created_at = models.DateTimeField(_("erstellt am"), auto_now_add=True, db_index=True)

    objects = ArchivedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("archivierter Bericht")
        verbose_name_plural = _("Berichtsarchiv")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["programme", "kind", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_format_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None or not self._state.adding:
            raise ArchiveImmutable(_("Archivierte Berichte können nicht geändert werden."))
        data = bytes(self.content)
        self.size = len(data)
        self.sha256 = hashlib.sha256(data).hexdigest()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("council_reports:download", kwargs={"pk": self.pk})

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ArchiveImmutable(_("Archivierte Berichte können nicht gelöscht werden."))

    @property
    def mime_type(self) -> str:
        return MIME[self.format]

    def checksum_ok(self) -> bool:
        return hashlib.sha256(bytes(self.content)).hexdigest() == self.sha256
