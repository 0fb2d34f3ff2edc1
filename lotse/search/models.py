"""The search index: one row per searchable object (project, status report, decision,
decision request, minutes, card, idea, attachment), with its title and text.

The full-text index over it depends on the database (see migrations/0002): PostgreSQL gets a
GIN index on `to_tsvector('german', title || ' ' || body)`; SQLite an FTS5 virtual table
`search_fts` with external content, kept in step with this table by triggers. The rows
themselves are kept up to date by signals after each commit (`signals.py`) and rebuilt
whole by `manage.py search_rebuild`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    kind = models.CharField(_("Art"), max_length=20)
    model = models.CharField(max_length=60)  # "portfolio.project"
    object_id = models.PositiveBigIntegerField()
    programme_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("Titel"), max_length=300)
    body = models.TextField(_("Text"), blank=True)
    url = models.CharField(max_length=300)
    context = models.CharField(_("Zusammenhang"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sucheintrag")
        verbose_name_plural = _("Sucheinträge")
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id"], name="one_entry_per_object")
        ]
        indexes = [models.Index(fields=["programme_id", "kind"])]

    def __str__(self) -> str:
        return self.title
