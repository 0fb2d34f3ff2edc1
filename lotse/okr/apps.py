from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OkrConfig(AppConfig):
    name = "lotse.okr"
    label = "okr"
    verbose_name = _("OKR")

    def ready(self) -> None:
        # Key results that read the OZG catalogue follow its changes.
        from . import ozg_source  # noqa: F401
        from . import scores

        # The stored current scores follow every check-in and key result (issue 14).
        scores.connect()
