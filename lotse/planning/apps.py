from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "lotse.planning"
    label = "planning"
    verbose_name = _("Planung und Kapazität")

    def ready(self) -> None:
        from lotse.governance.signals import decision_recorded
        from lotse.reporting.signals import knock_ons_wanted

        from .knockon import knock_ons_wanted_receiver
        from .services import gate_decision_recorded

        knock_ons_wanted.connect(knock_ons_wanted_receiver, dispatch_uid="planning.knock_ons")
        decision_recorded.connect(gate_decision_recorded, dispatch_uid="planning.gate_decision")
