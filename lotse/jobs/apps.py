from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Documents and imports that run in the background, with progress and a result."""

    name = "lotse.jobs"
    verbose_name = _("Hintergrundaufträge")

    def ready(self) -> None:
        from lotse import exporting as exports

        from . import rules  # noqa: F401
        from .exports import queue_export

        # The exports every app declares (lotse.exporting) start jobs through this app.
        exports.install(queue_export)

        # Every app names its kinds of job in its own `jobs.py` (registry.register).
        autodiscover_modules("jobs")
