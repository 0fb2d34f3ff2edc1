"""Comments on ideas, status reports, decision requests and projects, with one level of
replies and @mentions. Comments are working notes: they never enter frozen snapshots,
council reports or public pages, except moderated citizens' comments on public ideas."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.portfolio.models import Programme
from lotse.targets import SoftDeleted


class Comment(SoftDeleted):
    class Moderation(models.TextChoices):
        PENDING = "pending", _("wartet auf Freigabe")
        APPROVED = "approved", _("freigegeben")
        HIDDEN = "hidden", _("ausgeblendet")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("Antwort auf"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    # Citizens' comments on public ideas: an optional name, never an address.
    author_name = models.CharField(_("Name"), max_length=120, blank=True)
    is_public = models.BooleanField(_("öffentlich"), default=False, editable=False)
    moderation = models.CharField(
        _("Moderation"), max_length=10, choices=Moderation.choices, default=Moderation.APPROVED
    )
    body = models.TextField(_("Kommentar"))
    created_at = models.DateTimeField(_("geschrieben am"), auto_now_add=True)
    edited_at = models.DateTimeField(_("bearbeitet am"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return self.body[:60] if not self.deleted_at else str(_("gelöschter Kommentar"))

    @property
    def author_label(self) -> str:
        if self.author_id:
            return str(self.author)
        return self.author_name or str(_("anonym"))


class Mention(models.Model):
    """A person named with @ in a comment; notified once by the next mail run."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions"
    )
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Erwähnung")
        verbose_name_plural = _("Erwähnungen")
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_mention_per_comment")
        ]

    def __str__(self) -> str:
        return f"@{self.user} in {self.comment_id}"
