from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "lotse.public"
    label = "public"
    verbose_name = _("Öffentliche Seiten")

    def ready(self) -> None:
        from . import freshness

        freshness.connect()
