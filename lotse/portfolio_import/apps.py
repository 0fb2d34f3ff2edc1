from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioImportConfig(AppConfig):
    name = "lotse.portfolio_import"
    label = "portfolio_import"
    verbose_name = _("Portfolio-Import")
