from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilReportsConfig(AppConfig):
    """Reports to the council and the other bodies, not the projects' status reports.

    The package was called `lotse.reports`; its label stays "reports" so that its tables
    (`reports_archivedreport`, …), migrations, permissions and content types are unchanged.
    """

    name = "lotse.council_reports"
    label = "reports"
    verbose_name = _("Berichte an Gremien")
