from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OkrConfig(AppConfig):
    name = "lotse.okr"
    label = "okr"
    verbose_name = _("OKR")
