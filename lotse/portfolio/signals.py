"""Signals of the portfolio for the apps above it (they react without being imported here)."""

from django.dispatch import Signal

# The programme's working-day calendar changed (its Bundesland or its blackout periods):
# whatever was computed from it for the future (report due dates, generated meetings) is to
# be computed again. Sent with `programme` and `today`, inside the changing transaction.
calendar_changed = Signal()
