"""Documents attached to projects, meetings, decision requests and ideas, with versions.

An attachment is addressed only by a random id (`public_id`), never by its database id or
its file name, and downloaded only through a view that checks the read permission of the
object it belongs to. The files lie in the storage "attachments" (MEDIA_ROOT by default,
S3-compatible storage when configured, see settings) under random names.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.portfolio.models import Programme
from lotse.targets import SoftDeleted
from lotse.targets import label_of_type


def new_public_id() -> str:
    return secrets.token_urlsafe(18)


def attachment_storage() -> Storage:
    return storages["attachments"]


def version_path(instance: "AttachmentVersion", filename: str) -> str:
    # Random, not derived from the title or the file name: nothing to guess.
    return f"anhaenge/{instance.attachment.public_id}/{secrets.token_urlsafe(12)}"


class Attachment(SoftDeleted):
    public_id = models.CharField(max_length=32, unique=True, default=new_public_id, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("Titel"), max_length=200)
    current_version = models.PositiveIntegerField(_("aktuelle Version"), default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("attachments:download", args=[self.public_id])

    @property
    def target_label(self) -> str:
        return label_of_type(self.content_type)


class AttachmentVersion(models.Model):
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    file = models.FileField(
        _("Datei"), storage=attachment_storage, upload_to=version_path, max_length=300, blank=True
    )
    original_name = models.CharField(_("Dateiname"), max_length=255)
    size = models.PositiveBigIntegerField(_("Größe (Bytes)"))
    mime = models.CharField(_("Dateityp"), max_length=120)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Version eines Anhangs")
        verbose_name_plural = _("Versionen von Anhängen")
        ordering = ["attachment", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["attachment", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.number})"

    def checksum_ok(self) -> bool:
        """The stored file is the uploaded one (the backup restore checks every version).
        A deleted attachment's versions have no file any more."""
        if not self.file.name:
            return True
        try:
            with self.file.storage.open(self.file.name, "rb") as stream:
                digest = hashlib.sha256()
                for chunk in iter(lambda: stream.read(1 << 16), b""):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == self.sha256
