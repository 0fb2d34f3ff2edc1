"""Signals of governance for the apps above it (they react without being imported here)."""

from django.dispatch import Signal

# A Beschluss was recorded (`decision`, `user`), inside the recording transaction: planning
# passes the project's open phase gate with a "Freigabe eines Phasentors". A receiver that
# raises ValidationError refuses the decision.
decision_recorded = Signal()
