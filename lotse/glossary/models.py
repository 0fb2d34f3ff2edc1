"""The programme's shared vocabulary (seed 000 §2.2: "ein aktiv gelebtes übergreifendes
Projektmanagement-Glossar") and its guiding principles (seed 000 §6.3; Konstanz's "Digitale
Leitsätze", seed 003 §2.1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lotse.portfolio.models import Programme


class GlossaryTerm(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(_("Begriff"), max_length=200)
    slug = models.SlugField(_("Anker"), max_length=80, allow_unicode=False)
    definition = models.TextField(_("Bedeutung"))
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = _("Glossarbegriff")
        verbose_name_plural = _("Glossar")
        ordering = ["programme", "term"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="one_anchor_per_term"),
            models.UniqueConstraint(fields=["programme", "term"], name="one_entry_per_term"),
        ]

    def __str__(self) -> str:
        return self.term


class Principle(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="principles")
    text = models.TextField(_("Leitprinzip"))
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Leitprinzip")
        verbose_name_plural = _("Leitprinzipien")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
