from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "lotse.reporting"
    verbose_name = _("Berichtswesen")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the signal receivers
