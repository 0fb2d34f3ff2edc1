from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Documents and imports that run in the background, with progress and a result."""

    name = "lotse.jobs"
    verbose_name = _("Hintergrundaufträge")

    def ready(self) -> None:
        from . import rules  # noqa: F401

        # Every app names its kinds of job in its own `jobs.py` (registry.register).
        autodiscover_modules("jobs")
