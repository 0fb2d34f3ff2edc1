from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "lotse.glossary"
    label = "glossary"
    verbose_name = _("Glossar und Leitprinzipien")
